"""What a user downloads from each page: named after the page, table, rulebook and as-of date,
a CSV with an XLSX beside it, and numbers that a spreadsheet reads as numbers."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from tests.ui.helpers import edit_rules, record_downloads, rule_row
from ui.i18n import t

OVERVIEW, RULES, TIERS, ABOUT = "pages/overview.py", "pages/rules.py", "pages/tiers.py", "pages/about.py"


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    return record_downloads(monkeypatch)


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
    tables = [f"overview_{table}_illustrative_{as_of}.{kind}" for table in ("tiers", "key_group_coverage", "districts")
              for kind in ("csv", "xlsx")]  # fmt: skip
    charts = [
        f"overview_{chart}_illustrative_{as_of}.html" for chart in ("tiers", "districts_mean", "districts_tier_mix")
    ]
    assert sorted(downloads) == sorted(tables + charts), "every chart beside its tables, named the same way"


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


def test_the_lists_page_offers_its_report_as_csv_with_a_bom_and_xlsx(app, downloads):
    app.switch_page("pages/lists.py").run()
    assert not app.exception, app.exception
    stem = f"_illustrative_{app.session_state['as_of'].isoformat()}"
    files = sorted(name for name in downloads if not name.endswith(".html"))  # the charts' are tested apart
    report_name = f"report_district_{app.session_state['as_of']:%Y-%m}"  # the report month, the latest by default
    tables = (report_name, "series_district")  # the report month's table and the monthly series
    assert files == sorted(f"lists_{table}{stem}.{kind}" for table in tables for kind in ("csv", "xlsx"))
    assert downloads[f"lists_{report_name}{stem}.csv"]().startswith(b"\xef\xbb\xbf")
    report = _csv(downloads, f"lists_{report_name}{stem}.csv")
    end = report[t("lists.col.black_end")]
    assert end.dtype.kind == "i" and end.iloc[:-1].sum() == end.iloc[-1]


def test_the_rewards_page_offers_each_table_with_shares_as_percentages(app, downloads):
    app.switch_page("pages/rewards.py").run()
    assert not app.exception, app.exception
    stem = f"_illustrative_{app.session_state['as_of'].isoformat()}"
    tables = ("incentives", "incentives_district", "sanctions_district", "sanction_departments", "rulebook_values")
    files = sorted(name for name in downloads if not name.endswith(".html"))
    assert files == sorted(f"rewards_{table}{stem}.{kind}" for table in tables for kind in ("csv", "xlsx"))
    cells = [cell for (cell,) in _column(_sheet(downloads, f"rewards_incentives{stem}.xlsx"), t("rewards.col.uptake"))]
    assert cells and all(cell.number_format == "0.0%" for cell in cells if cell.value is not None)


def test_every_download_of_a_page_says_it_is_synthetic(app, downloads):
    """A CSV on every row (the one place a row-oriented reader keeps it); a workbook in its table
    sheet's name, on every printed page and in its about sheet's first line."""
    app.run()
    synthetic = t("frame.synthetic_marker")
    assert downloads
    for name, data in downloads.items():
        if name.endswith(".html"):
            assert synthetic.split("（")[0] in data().decode("utf-8"), name
        elif name.endswith(".csv"):
            frame = _csv(downloads, name)
            assert frame.columns[0] == t("export.marker_column")
            assert frame.iloc[:, 0].str.startswith(synthetic).all(), name
        else:
            book = openpyxl.load_workbook(io.BytesIO(data()))
            assert book.sheetnames[0] == t("export.sheet") and synthetic.startswith(t("export.sheet")), name
            assert all(synthetic in sheet.oddHeader.center.text for sheet in book.worksheets), name
            first = next(book.worksheets[1].iter_rows(min_row=2, values_only=True))
            assert first[0] == t("export.marker_column") and first[1].startswith(synthetic), name
            assert t("export.marker_column") not in [cell.value for cell in book.worksheets[0][1]], "not on every row"


def _comparison(baseline_id: str, reform_id: str, edits: int = 0) -> None:
    """A comparison's table offered for download, as the Compare page offers it with its baseline."""
    import datetime as dt

    import pandas as pd

    from scoring.rulebook import load_preset
    from ui.export import download_table
    from ui.rulebooks import Working

    baseline, reform = load_preset(baseline_id), load_preset(reform_id)
    table = pd.DataFrame({"人数": [3, -1]})
    download_table(
        table,
        "compare",
        "changes",
        Working(reform_id, reform, reform, "f" * 64, edits),
        dt.date(2024, 6, 30),
        baseline=Working(baseline_id, baseline, baseline, "e" * 64, 0),
    )


def test_a_comparison_download_names_both_rulebooks_in_its_name_marker_and_about_sheet(downloads):
    from streamlit.testing.v1 import AppTest

    from scoring.provenance import provenance_table, status_counts
    from scoring.rulebook import load_preset

    at = AppTest.from_function(_comparison, args=("illustrative", "fuzhou_style", 2)).run()
    assert not at.exception, at.exception
    stem = "compare_changes_illustrative-vs-fuzhou_style-edited_2024-06-30"
    assert sorted(downloads) == [f"{stem}.csv", f"{stem}.xlsx"]
    baseline, reform = load_preset("illustrative"), load_preset("fuzhou_style")
    marker = _csv(downloads, f"{stem}.csv").iloc[0, 0]
    assert baseline.title.zh in marker and reform.title.zh in marker, marker
    book = openpyxl.load_workbook(io.BytesIO(downloads[f"{stem}.xlsx"]()))
    notes = dict(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    for side, rulebook in ((t("cmp.baseline"), baseline), (t("cmp.reform"), reform)):
        counts = status_counts(rulebook)
        assert notes[side].startswith(t("export.rulebook_values", rulebook=rulebook.title.zh, **counts)), side
    assert t("frame.edited", changes=2) in notes[t("cmp.reform")]
    provenance = book.worksheets[2]
    rulebooks = [row[0] for row in provenance.iter_rows(min_row=2, values_only=True)]
    assert rulebooks.count(baseline.title.zh) == len(provenance_table(baseline))
    assert rulebooks.count(reform.title.zh) == len(provenance_table(reform))


def test_the_rulebook_yaml_is_named_by_the_short_hash_the_pages_show(app, downloads):
    from scoring.rulebook import load_preset
    from scoring.tuning.scenarios import scenario_hash, short_hash

    app.switch_page(RULES).run()
    yaml_files = [name for name in downloads if name.endswith(".yaml")]
    assert yaml_files == [f"illustrative-{short_hash(scenario_hash(load_preset('illustrative')))}.yaml"]


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
