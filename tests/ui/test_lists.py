"""The Lists page as a policy officer reads it: the lists month by month and the monthly report
by district, listing authority or key group, downloadable (rewards and punishments, credit
repair and objections: tests/ui/test_rewards.py, test_repair.py, test_objections.py)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from scoring.catalogues import load_catalogues
from tests.ui.helpers import figure, open_page_in, record_downloads, table_with, values
from ui import fmt, palette
from ui.i18n import LANGUAGES, catalogue

LISTS = "pages/lists.py"


def _open(app, lang: str):
    return open_page_in(app, LISTS, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_monthly_report_by_district_adds_up_and_downloads_as_csv_and_xlsx(app, lang, monkeypatch):
    downloads = record_downloads(monkeypatch)
    at = _open(app, lang)
    messages = catalogue(lang)
    assert at.title[0].value == messages["lists.title"]
    report = table_with(at, messages["lists.col.black_end"])
    assert report.columns[0] == messages["dim.district"]
    districts, total = report.iloc[:-1], report.iloc[-1]
    assert total.iloc[0] == messages["lists.total"]
    for column in report.columns[1:]:
        assert districts[column].sum() == total[column]
    black_end, start = messages["lists.col.black_end"], messages["lists.col.black_start"]
    entries, exits = messages["lists.col.black_entries"], messages["lists.col.black_exits"]
    assert total[black_end] == total[start] + total[entries] - total[exits]
    month = pd.Timestamp(at.selectbox(key="lists.month.12").value)
    name = f"lists_report_district_{month:%Y-%m}_illustrative_{at.session_state['as_of'].isoformat()}"
    csv = downloads[f"{name}.csv"]()
    assert csv.startswith(b"\xef\xbb\xbf"), "a BOM, so that a spreadsheet reads the Chinese"
    read = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    assert read[black_end].tolist() == report[black_end].tolist()
    assert set(read[messages["lists.month"]]) == {fmt.month(month, lang)}  # the file says its month
    sheet = openpyxl.load_workbook(io.BytesIO(downloads[f"{name}.xlsx"]())).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    column = [row[headers.index(black_end)] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert column == report[black_end].tolist()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_by_listing_authority_each_department_adds_up_and_the_page_says_a_person_may_count_twice(app, lang):
    at = _open(app, lang)
    messages = catalogue(lang)
    everyone = table_with(at, messages["lists.col.black_end"]).iloc[-1]
    at.segmented_control(key="lists.by").set_value("department").run()
    assert not at.exception, at.exception
    report = table_with(at, messages["lists.col.black_end"])
    assert report.columns[0] == messages["dim.department"]
    departments, summed = report.iloc[:-1], report.iloc[-1]
    assert summed.iloc[0] == messages["lists.department_sum"]
    names = {d.zh if lang == "zh-CN" else d.en for d in load_catalogues().departments}
    assert set(departments.iloc[:, 0]) <= names and len(departments) >= 2
    for kind in ("red", "black"):
        end, begin = messages[f"lists.col.{kind}_end"], messages[f"lists.col.{kind}_start"]
        came, left = messages[f"lists.col.{kind}_entries"], messages[f"lists.col.{kind}_exits"]
        assert (departments[end] == departments[begin] + departments[came] - departments[left]).all()
        assert summed[end] >= everyone[end]
    assert messages["lists.department_note"] in [c.value for c in at.caption]
    lines = figure(at, 0)["data"]
    looks = {(trace["line"]["color"], trace["line"]["dash"]) for trace in lines}
    assert len(looks) == len(lines) == len({trace["name"] for trace in lines})
    assert {trace["line"]["color"] for trace in lines} <= set(palette.QUALITATIVE)


def test_no_line_is_painted_red_and_the_colours_come_from_the_palette(app):
    at = _open(app, "en")
    colours = {trace["line"]["color"] for trace in figure(at, 0)["data"]}
    assert colours <= set(palette.QUALITATIVE) and not {"#CC6677", "#882255", "red"} & colours


def test_the_key_group_breakdown_and_a_longer_period_redraw_the_report(app):
    at = _open(app, "en")
    months_before = len(figure(at, 0)["data"][0]["x"])
    at.segmented_control(key="lists.by").set_value("key_group").run()
    at.segmented_control(key="lists.period").set_value(24).run()
    assert not at.exception, at.exception
    assert len(figure(at, 0)["data"][0]["x"]) == months_before + 12
    report = table_with(at, catalogue("en")["lists.col.black_end"])
    assert report.columns[0] == catalogue("en")["dim.key_group"]
    assert len(report) == len(load_catalogues().key_groups) + 1


def test_the_rewards_and_sanctions_have_left_for_a_page_of_their_own(app):
    at = _open(app, "en")
    headings = [h.value for h in at.subheader]
    assert catalogue("en")["rewards.incentives_heading"] not in headings
    assert catalogue("en")["rewards.sanctions_heading"] not in headings


def _month_end_sizes(report: pd.DataFrame, column: str) -> dict[str, int]:
    return dict(zip(report.iloc[:-1, 0], report[column].iloc[:-1], strict=True))


@pytest.mark.parametrize("breakdown", ["district", "key_group", "department"])
def test_the_chart_draws_one_line_per_group_of_the_chosen_list_with_the_reports_month_end_sizes(app, breakdown):
    at = _open(app, "en")
    messages = catalogue("en")
    at.segmented_control(key="lists.by").set_value(breakdown).run()
    for kind in ("red", "black"):
        at.segmented_control(key="lists.list").set_value(kind).run()
        assert not at.exception, at.exception
        chart = figure(at, 0)
        lines = {trace["name"]: trace for trace in chart["data"]}
        report = table_with(at, messages[f"lists.col.{kind}_end"])
        expected = {g: n for g, n in _month_end_sizes(report, messages[f"lists.col.{kind}_end"]).items() if n}
        assert set(expected) <= set(lines) and len(lines) > 1  # a line per group, not the city total
        assert {g: values(lines[g]["y"])[-1] for g in expected} == expected
        assert messages["list." + kind] in chart["layout"]["yaxis"]["title"]["text"]
    at.toggle(key="lists.log").set_value(True).run()
    assert figure(at, 0)["layout"]["yaxis"]["type"] == "log"


def test_the_report_month_can_be_any_month_of_the_period_and_the_heading_names_it(app, monkeypatch):
    downloads = record_downloads(monkeypatch)
    at = _open(app, "en")
    messages = catalogue("en")
    picker = at.selectbox(key="lists.month.12")
    latest = pd.Timestamp(picker.value)
    assert len(picker.options) == 12 and picker.options[0] == fmt.month(latest, "en")  # the as-of month first
    earlier = latest - pd.DateOffset(months=5)
    assert picker.options[5] == fmt.month(earlier, "en")
    picker.set_value(earlier).run()
    heading = next(m.value for m in at.markdown if "Monthly report for" in m.value)
    assert fmt.month(earlier, "en") in heading
    report = table_with(at, messages["lists.col.black_end"])
    stem = f"illustrative_{at.session_state['as_of'].isoformat()}"
    series = pd.read_csv(io.BytesIO(downloads[f"lists_series_district_{stem}.csv"]()), encoding="utf-8-sig")
    assert len(series) == 12 * len(report)
    month = series[series[messages["lists.month"]] == fmt.month(earlier, "en")]
    assert month[messages["lists.col.black_end"]].tolist() == report[messages["lists.col.black_end"]].tolist()
    assert f"lists_series_district_{stem}.xlsx" in downloads


def test_the_chosen_report_month_stays_when_a_longer_period_still_offers_it(app):
    at = _open(app, "en")
    picker = at.selectbox(key="lists.month.12")
    june = pd.Timestamp(picker.value) - pd.DateOffset(months=6)
    picker.set_value(june).run()
    at.segmented_control(key="lists.period").set_value(36).run()
    assert at.selectbox(key="lists.month.36").value == june
    heading = next(m.value for m in at.markdown if "Monthly report for" in m.value)
    assert fmt.month(june, "en") in heading
    at.segmented_control(key="lists.period").set_value(12).run()
    assert at.selectbox(key="lists.month.12").value == june


def test_the_reports_black_list_month_end_is_in_view_at_1400_pixels(app):
    """Ten columns at their default widths hid 黑名单月末 behind a sideways scroll."""
    import json

    at = _open(app, "zh-CN")
    messages = catalogue("zh-CN")
    report = table_with(at, messages["lists.col.black_end"])
    shown = next(df for df in at.dataframe if messages["lists.col.black_end"] in df.value.columns)
    config = json.loads(shown.proto.columns)
    assert config[messages["dim.district"]]["pinned"]
    widths = [config.get(c, {}).get("width") for c in report.columns]
    assert all(widths) and sum(widths) <= 1000  # the main area beside the sidebar at 1,400 pixels
