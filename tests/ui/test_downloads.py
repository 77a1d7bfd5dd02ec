"""What a user downloads from each page: named after the page, table, rulebook and as-of date,
a CSV with an XLSX beside it, and numbers that a spreadsheet reads as numbers."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from tests.ui.helpers import edit_rules, rule_row
from ui.i18n import t

OVERVIEW, RULES, TIERS, ABOUT = "pages/overview.py", "pages/rules.py", "pages/tiers.py", "pages/about.py"


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """Every download button drawn, by file name: the callable its file is built by when it is
    downloaded (bytes for a file that is small and ready)."""
    from streamlit.elements.widgets.button import ButtonMixin

    drawn: dict[str, object] = {}
    original = ButtonMixin.download_button

    def record(self, label, data, file_name=None, *args, **kwargs):
        drawn[file_name] = data
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    return drawn


def _csv(downloads, name: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(downloads[name]()), encoding="utf-8-sig")


def _sheet(downloads, name: str):
    return openpyxl.load_workbook(io.BytesIO(downloads[name]())).worksheets[0]


def _column(sheet, header: str) -> list:
    headers = [cell.value for cell in sheet[1]]
    return list(sheet.iter_rows(min_row=2, min_col=headers.index(header) + 1, max_col=headers.index(header) + 1))


def test_each_overview_download_is_named_after_page_table_rulebook_and_date_with_an_xlsx_beside_it(app, downloads):
    app.run()
    as_of = app.session_state["as_of"].isoformat()
    assert sorted(downloads) == sorted(
        f"overview_{table}_illustrative_{as_of}.{kind}"
        for table in ("tiers", "key_group_coverage", "districts")
        for kind in ("csv", "xlsx")
    )


def test_catalogue_downloads_name_the_page_and_table_only(app, downloads):
    app.switch_page(ABOUT).run()
    assert sorted(downloads) == sorted(
        f"about_{t}.{k}" for t in ("key_groups", "record_types") for k in ("csv", "xlsx")
    )


def test_tier_shares_leave_as_numbers_percent_points_in_csv_and_percentages_in_xlsx(app, downloads):
    app.run()
    as_of = app.session_state["as_of"].isoformat()
    name = f"overview_tiers_illustrative_{as_of}"
    shares = _csv(downloads, f"{name}.csv")[f"{t('col.share')} (%)"]
    assert shares.dtype == float and shares.sum() == pytest.approx(100, abs=0.1 * len(shares))
    assert (shares == shares.round(1)).all(), "one decimal"
    cells = [cell for (cell,) in _column(_sheet(downloads, f"{name}.xlsx"), t("col.share"))]
    assert all(cell.data_type == "n" and cell.number_format == "0.0%" for cell in cells)
    assert sum(cell.value for cell in cells) == pytest.approx(1)


def test_a_negative_point_value_changed_on_the_rules_page_downloads_as_a_number(app, downloads):
    app.switch_page(RULES).run()
    edit_rules(app, {rule_row("drunk_driving"): {"points": -95.0}})
    name = f"rules_changes_illustrative-edited_{app.session_state['as_of'].isoformat()}"
    sheet = _sheet(downloads, f"{name}.xlsx")
    paths = [cell.value for (cell,) in _column(sheet, t("diffcol.path"))]
    row = paths.index("rules[drunk_driving].points")
    old, new = (_column(sheet, t(f"diffcol.{c}"))[row][0] for c in ("old_value", "new_value"))
    assert (old.data_type, new.data_type, new.value) == ("n", "n", -95)
    assert old.value < 0
    csv = _csv(downloads, f"{name}.csv")
    assert csv.loc[csv[t("diffcol.path")] == "rules[drunk_driving].points", t("diffcol.new_value")].item() in (
        "-95",
        "-95.0",
        -95,
    ), "no apostrophe before a number"


def test_a_saved_scenario_names_its_downloads_by_short_hash(app, downloads):
    from scoring.rulebook import load_preset
    from scoring.tuning.scenarios import save_scenario, short_hash
    from ui import data, rulebooks

    saved = save_scenario(data.store(), load_preset("fuzhou_style"), "福州式", None)
    app.session_state["preset"] = rulebooks.scenario_choice(saved)
    app.switch_page(TIERS).run()
    assert not app.exception, app.exception
    as_of = app.session_state["as_of"].isoformat()
    assert f"tiers_shares_key_group_scenario-{short_hash(saved)}_{as_of}.xlsx" in downloads
    assert all(name.isascii() for name in downloads)


def test_a_workbook_says_what_its_table_was_computed_from(app, downloads):
    """Population, as-of date and the session's edits travel with the table, not only in its name."""
    app.switch_page(RULES).run()
    edit_rules(app, {rule_row("drunk_driving"): {"points": -95.0}})
    name = f"rules_changes_illustrative-edited_{app.session_state['as_of'].isoformat()}"
    about = openpyxl.load_workbook(io.BytesIO(downloads[f"{name}.xlsx"]())).worksheets[1]
    notes = {key: value for key, value in about.iter_rows(min_row=2, values_only=True)}
    assert notes[t("frame.seed")] == str(app.session_state["seed"])
    assert notes[t("frame.size")] and notes[t("frame.as_of")]
    assert notes[t("export.edits")] == t("frame.edited", changes=1)
    marker = _csv(downloads, f"{name}.csv").iloc[0, 0]
    assert t("export.marker_edited", marker="", changes=1).strip(" ·") in marker


def test_a_tables_csv_is_written_only_when_its_button_is_clicked(app, downloads, monkeypatch):
    from ui import export

    written = []
    original = export.csv_bytes
    monkeypatch.setattr(export, "csv_bytes", lambda *args: written.append(args) or original(*args))
    app.switch_page("pages/compare.py").run()
    assert not app.exception, app.exception
    csv = [name for name in downloads if name.endswith(".csv")]
    assert len(csv) >= 6 and written == [], "nothing written on a rerun"
    assert downloads[csv[0]]().startswith(b"\xef\xbb\xbf") and len(written) == 1
