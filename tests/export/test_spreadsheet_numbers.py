"""Exports a spreadsheet reads as they are meant: numbers as numbers (negative ones included, in
columns that mix numbers and text too), only text guarded against formulas, and shares by one
convention (a percentage format in XLSX, percentage points with one decimal in CSV)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.export import FORMULA_PREFIXES, ExportError, csv_bytes, xlsx_bytes
from scoring.provenance import provenance_table
from scoring.rulebook import load_preset
from scoring.tuning.diff import diff_rulebooks
from scoring.tuning.editing import apply_rule_edits

NO_NOTES: dict[str, object] = {}
NO_PROVENANCE = pd.DataFrame({"value": []})

cells = st.one_of(
    st.integers(-(10**9), 10**9),
    st.floats(-1e9, 1e9, allow_nan=False).filter(lambda x: x == 0 or abs(x) > 1e-9),
    st.text(alphabet=st.sampled_from("=+-@\t1a 武,"), max_size=6),  # no CR: XML reads it back as LF
)


def _first_sheet(data: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(min_row=2, values_only=True))


@given(st.lists(cells, min_size=1, max_size=12))
def test_a_workbook_keeps_each_number_a_number_and_guards_only_text(values):
    frame = pd.DataFrame({"value": pd.Series(values, dtype=object)})
    written = [row[0] for row in _first_sheet(xlsx_bytes(frame, NO_NOTES, NO_PROVENANCE))]
    for value, cell in zip(values, written, strict=True):
        if isinstance(value, str):
            expected = "'" + value if value.startswith(FORMULA_PREFIXES) else value
            assert cell == (expected or None)
        else:
            assert not isinstance(cell, str) and cell == pytest.approx(value)


def test_a_negative_number_beside_text_is_written_to_csv_without_an_apostrophe():
    frame = pd.DataFrame({"old": pd.Series([-150, "=HYPERLINK()", "a, b", -0.5], dtype=object)})
    lines = csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert lines == ["old", "-150", "'=HYPERLINK()", '"a, b"', "-0.5"]


def test_a_changed_negative_point_value_is_a_number_in_the_diffs_workbook():
    preset = load_preset("illustrative")
    edited = apply_rule_edits(preset, {"drunk_driving": {"points": -95}}, preset=preset)
    diff = diff_rulebooks(preset, edited)
    row = diff.index[diff["path"] == "rules[drunk_driving].points"][0]
    old, new = _first_sheet(xlsx_bytes(diff, NO_NOTES, NO_PROVENANCE))[row][4:6]
    assert (old, new) == (preset.rules[[r.id for r in preset.rules].index("drunk_driving")].points, -95)


def test_a_rulebooks_negative_values_travel_as_numbers_in_its_provenance():
    provenance = provenance_table(load_preset("illustrative"))
    caps = provenance[(provenance["field"] == "cap_low") & provenance["value"].map(lambda v: not isinstance(v, str))]
    assert len(caps) and (caps["value"] < 0).all()
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(pd.DataFrame({"x": [1]}), NO_NOTES, provenance)))
    values = [
        row[provenance.columns.get_loc("value")] for row in sheet.worksheets[2].iter_rows(min_row=2, values_only=True)
    ]
    assert not any(isinstance(v, str) and v.startswith("'-") for v in values)
    assert any(isinstance(v, int | float) and v < 0 for v in values)


def test_shares_are_percentage_points_in_csv_and_formatted_fractions_in_xlsx():
    frame = pd.DataFrame({"tier": ["A", "=B", "C"], "share": [0.12345, 0.5, float("nan")], "people": [-1, 2, 3]})
    back = pd.read_csv(io.BytesIO(csv_bytes(frame, shares=["share"])), encoding="utf-8-sig")
    assert list(back.columns) == ["tier", "share (%)", "people"]
    assert back["share (%)"].tolist()[:2] == [12.3, 50.0] and pd.isna(back["share (%)"].iloc[2])
    assert back["people"].tolist() == [-1, 2, 3]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame, NO_NOTES, NO_PROVENANCE, shares=["share"]))).active
    shares = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in shares] == [0.12345, 0.5, None], "the exact fraction, an empty group left empty"
    assert {c.number_format for c in shares} == {"0.0%"}
    assert sheet["C1"].number_format == "General" and sheet["C2"].value == -1


def test_a_share_column_that_is_not_in_the_table_is_refused():
    with pytest.raises(ExportError, match="share columns \\['shares'\\]"):
        csv_bytes(pd.DataFrame({"share": [0.1]}), shares=["shares"])
