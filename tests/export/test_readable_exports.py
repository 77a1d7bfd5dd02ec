"""A downloaded workbook reads in the page's language: its about sheet and its provenance sheet
name elements and fields as the Rules page's table of changes does, booleans as yes/no,
catalogue values translated, empty values one way; numbers stay numbers, and the library's
path, last, still finds each value in the YAML."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from scoring.provenance import provenance_table
from scoring.rulebook import load_preset
from tests.ui.visible import leaks
from ui.i18n import t
from ui.tables import EMPTY

LANGS = ("zh-CN", "en")
ADDRESS = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|org|net)\b\S*")  # a source's web address is a name


@pytest.fixture
def lang_of_page(request, monkeypatch):
    """The page's language, as a session holds it (a workbook is worded when its button is drawn)."""
    import streamlit as st

    monkeypatch.setitem(st.session_state, "lang", request.param)
    return request.param


def _offered(preset: str) -> None:
    """A table a page offers for download, computed under a preset (AppTest runs this body alone,
    so it imports what it uses)."""
    import pandas as pd

    from scoring.rulebook import load_preset
    from ui.export import download_table
    from ui.i18n import t
    from ui.rulebooks import Working

    rulebook = load_preset(preset)
    working = Working(preset, rulebook, rulebook, "0", 0)
    download_table(pd.DataFrame({t("frame.size"): [1, 2]}), "page", "table", working)


@pytest.fixture
def workbook_of(lang_of_page, monkeypatch):
    """The workbook a reader downloads of a table computed under a preset, in the session's language."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.ui.helpers import record_downloads

    drawn = record_downloads(monkeypatch)

    def downloaded(preset: str) -> openpyxl.Workbook:
        drawn.clear()
        at = AppTest.from_function(_offered, args=(preset,))
        at.session_state["lang"] = st.session_state["lang"]
        at.run()
        assert not at.exception, at.exception
        (workbook,) = [data for name, data in drawn.items() if name.endswith(".xlsx")]
        return openpyxl.load_workbook(io.BytesIO(workbook()))

    return downloaded


def _rows(sheet) -> list[dict[str, object]]:
    headers = [cell.value for cell in sheet[1]]
    return [dict(zip(headers, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]


def _provenance_row(sheet, path: str) -> dict[str, object]:
    (row,) = [row for row in _rows(sheet) if row[t("prov.col.path")] == path]
    return row


@pytest.mark.parametrize("lang_of_page", LANGS, indirect=True)
@pytest.mark.parametrize("preset", ["illustrative", "fuzhou_style"])
def test_the_about_and_provenance_sheets_read_in_the_pages_language_but_for_the_path(lang_of_page, preset, workbook_of):
    book = workbook_of(preset)
    about, provenance = book.worksheets[1], book.worksheets[2]
    path = t("prov.col.path")
    texts = [(f"{about.title}!{cell.coordinate}", cell.value) for row in about.iter_rows() for cell in row]
    texts += [
        (f"{provenance.title}!{cell.coordinate}", cell.value)
        for row in provenance.iter_rows()
        for cell in row
        if provenance.cell(1, cell.column).value != path or cell.row == 1
    ]
    texts = [(where, ADDRESS.sub("", value)) for where, value in texts if isinstance(value, str)]
    assert leaks(texts, lang_of_page) == []
    assert [cell.value for cell in provenance[1]][-1] == path, "the library's path, last"


@pytest.mark.parametrize("lang_of_page", LANGS, indirect=True)
def test_who_is_scored_reads_as_named_values_with_yes_no_and_numbers(lang_of_page, workbook_of):
    provenance = workbook_of("fuzhou_style").worksheets[2]
    consent = _provenance_row(provenance, "eligibility.consent_required")
    assert consent[t("prov.col.element")] == t("section.eligibility")
    assert consent[t("prov.col.field")] == t("field.consent_required")
    assert consent[t("prov.col.value")] == t("yes")
    hukou = _provenance_row(provenance, "eligibility.hukou")
    assert hukou[t("prov.col.value")] == t("rules.hukou.local")
    months = _provenance_row(provenance, "eligibility.non_local_min_insured_months")[t("prov.col.value")]
    assert months == 12 and isinstance(months, int)
    any_hukou = _provenance_row(workbook_of("illustrative").worksheets[2], "eligibility.hukou")
    assert any_hukou[t("prov.col.value")] == t("rules.hukou.any")


@pytest.mark.parametrize("lang_of_page", LANGS, indirect=True)
def test_a_rule_and_a_tier_are_named_and_their_path_is_found_in_the_yaml(lang_of_page, workbook_of):
    from ui import fmt

    rulebook = load_preset("fuzhou_style")
    provenance = workbook_of("fuzhou_style").worksheets[2]
    rule = rulebook.rules[0]
    points = _provenance_row(provenance, f"rules[{rule.id}].points")
    assert points[t("prov.col.element")] == fmt.name(rule.title)
    assert points[t("prov.col.field")] == t("field.points")
    assert points[t("prov.col.value")] == rule.points
    best = rulebook.tiers.levels[0]
    floor = _provenance_row(provenance, f"tiers.levels[{best.id}].min")
    assert floor[t("prov.col.value")] == best.min and not isinstance(floor[t("prov.col.value")], str)
    assert len(_rows(provenance)) == len(provenance_table(rulebook))


@pytest.mark.parametrize("lang_of_page", LANGS, indirect=True)
def test_an_empty_value_or_source_is_one_dash_never_a_blank_cell(lang_of_page, workbook_of):
    rows = _rows(workbook_of("fuzhou_style").worksheets[2])
    for column in (t("prov.col.value"), t("col.source")):
        cells = [row[column] for row in rows]
        assert None not in cells and "" not in cells and "None" not in cells, column
        assert EMPTY in cells, column


@pytest.mark.parametrize("lang_of_page", ["en"], indirect=True)
def test_english_headers_are_capitalised_one_way(lang_of_page, workbook_of):
    book = workbook_of("illustrative")
    headers = [cell.value for sheet in book.worksheets for cell in sheet[1]]
    assert headers and all(h[0].isupper() for h in headers), headers
    assert all(title[0].isupper() for title in book.sheetnames), book.sheetnames


@pytest.mark.parametrize("lang_of_page", ["zh-CN"], indirect=True)
def test_the_about_sheet_is_headed_in_chinese(lang_of_page, workbook_of):
    about = workbook_of("illustrative").worksheets[1]
    assert [cell.value for cell in about[1]] == [t("export.about_item"), t("export.about_value")]
    assert all(not h.isascii() for h in (t("export.about_item"), t("export.about_value")))
