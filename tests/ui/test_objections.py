"""The Objections page as a policy officer reads it: the backlog month by month, the time to
answer against the rulebook's limit (marked on the chart, with its status and source) by
department or by district, objections open past the limit named, and the downloads."""

from __future__ import annotations

import datetime as dt
import io
import json

import numpy as np
import openpyxl
import pandas as pd
import pytest

from scoring.catalogues import load_catalogues
from tests.ui.helpers import figure, open_page_in, record_downloads, shown_text, table_with, values
from ui import fmt, objection_tables, tables
from ui.i18n import LANGUAGES, catalogue

OBJECTIONS = "pages/objections.py"
SHARES = ("with_suspensions", "without_suspensions", "change")


def _open(app, lang: str):
    return open_page_in(app, OBJECTIONS, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_backlog_adds_up_and_the_limit_is_shown_with_its_status_and_source(app, lang):
    at = _open(app, lang)
    messages = catalogue(lang)
    assert at.title[0].value == messages["objections.title"]
    limit = messages["objections.limit_note"].format(
        days=20, status=messages["status.assumption"], source=messages["lists.no_source"]
    )
    assert limit in [shown_text(c.value) for c in at.caption]
    backlog = table_with(at, messages["objections.col.open_at_end"])
    groups, total = backlog.iloc[:-1], backlog.iloc[-1]
    assert total.iloc[0] == messages["lists.total"]
    for column in backlog.columns[1:]:
        assert groups[column].sum() == total[column]
    answered = total[messages["objections.col.answered"]]
    assert answered == total[messages["objections.col.in_time"]] + total[messages["objections.col.late"]]
    lines = figure(at, 0)["data"]
    assert [line["name"] for line in lines] == [
        messages["objections.series.open"],
        messages["objections.series.overdue"],
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_days_to_answer_are_drawn_against_the_limit_and_agree_with_the_table(app, lang):
    at = _open(app, lang)
    messages = catalogue(lang)
    chart = figure(at, 1)
    assert [trace["name"] for trace in chart["data"]] == [
        messages["objections.legend.in_time"], messages["objections.legend.late"],
    ]  # fmt: skip
    assert [a["text"] for a in chart["layout"]["annotations"]] == [messages["objections.limit_line"].format(days=20)]
    in_time, late = (sum(values(trace["y"])) for trace in chart["data"])
    times = table_with(at, messages["objections.col.median_days"])
    total = times.iloc[-1]
    assert total[messages["objections.col.answered"]] == in_time + late
    assert total[messages["objections.col.in_time"]] == in_time
    share = total[messages["objections.col.in_time_share"]]
    assert share == in_time / (in_time + late)
    assert len(at.warning) + len(at.success) == 1


def test_by_district_the_objections_are_the_disputed_peoples_and_the_same_in_number(app):
    at = _open(app, "en")
    messages = catalogue("en")
    by_department = table_with(at, messages["objections.col.median_days"]).iloc[-1]
    at.segmented_control(key="objections.by").set_value("district").run()
    assert not at.exception, at.exception
    times = table_with(at, messages["objections.col.median_days"])
    assert times.columns[0] == messages["dim.district"]
    districts = {d.en for d in load_catalogues().districts}
    assert set(times.iloc[:-1, 0]) <= districts
    counts = [messages[f"objections.col.{c}"] for c in ("answered", "in_time", "open_now", "overdue_now")]
    assert times.iloc[-1][counts].tolist() == by_department[counts].tolist()
    assert [link.proto.label for link in at.get("page_link")] == [messages["nav.lists"], messages["nav.repair"]]


def test_districts_with_objections_open_past_the_limit_are_named_most_overdue_first(monkeypatch):
    monkeypatch.setattr("ui.i18n.current_language", lambda: "en")
    monkeypatch.setattr("ui.fmt.current_language", lambda: "en")
    times = pd.DataFrame(
        {"group": ["liyang", "jintan", "wujin", "total"], "answered": [3, 0, 0, 3], "in_time": [3, 0, 0, 3],
         "in_time_share": [1.0, float("nan"), float("nan"), 1.0], "median_days": [9.0, float("nan"), float("nan"), 9.0],
         "open_now": [1, 2, 0, 3], "overdue_now": [1, 2, 0, 3], "oldest_open_days": [25, 40, 0, 40]}
    )  # fmt: skip
    assert objection_tables.overdue_groups(times, "district") == ["Jintan District", "Liyang City"]
    table = objection_tables.resolution_table(times, "district")
    assert table.iloc[:, 0].tolist() == ["Liyang City", "Jintan District", "Total"]  # Wujin had no objection


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_table_downloads_as_csv_with_a_bom_and_as_xlsx_with_shares_as_percentages(app, monkeypatch, lang):
    downloads = record_downloads(monkeypatch)
    at = _open(app, lang)
    messages = catalogue(lang)
    stem = f"_illustrative_{at.session_state['as_of'].isoformat()}"
    files = sorted(name for name in downloads if name.startswith("objections_") and not name.endswith(".html"))
    assert files == sorted(f"objections_{table}{stem}.{kind}" for table in ("backlog_department", "times_department")
                           for kind in ("csv", "xlsx"))  # fmt: skip
    data = downloads[f"objections_backlog_department{stem}.csv"]()
    assert data.startswith(b"\xef\xbb\xbf")
    csv = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    opened = csv[messages["objections.col.opened"]]
    assert opened.dtype.kind == "i" and opened.iloc[:-1].sum() == opened.iloc[-1]
    sheet = openpyxl.load_workbook(io.BytesIO(downloads[f"objections_times_department{stem}.xlsx"]())).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index(messages["objections.col.in_time_share"]) + 1
    cells = [row[0] for row in sheet.iter_rows(min_row=2, min_col=column, max_col=column)]
    assert cells and all(cell.number_format == "0.0%" for cell in cells if cell.value is not None)


def _a_day_with_suspensions():
    """The latest month end of the test population on which an objection suspends a record."""
    from scoring.analyses.suspensions import suspended_records
    from tests.ui.helpers import TEST_PEOPLE
    from ui.data import DEFAULT_SEED, workspace

    dataset = workspace(TEST_PEOPLE, DEFAULT_SEED).dataset
    month_ends = np.arange(np.datetime64("2025-12", "M"), np.datetime64("2020-01", "M"), -1) + 1
    for day in month_ends.astype("datetime64[D]") - 1:
        suspended = suspended_records(dataset, day)
        if len(suspended):
            return day.astype(dt.date), suspended
    raise AssertionError("the test population has no open objection on any month end")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_records_suspended_by_open_objections_and_their_effect_on_the_tiers_are_shown(app, lang):
    day, suspended = _a_day_with_suspensions()
    app.session_state["as_of"] = day
    at = _open(app, lang)
    messages = catalogue(lang)
    metrics = {m.label: m.value for m in at.metric}
    label = messages["objections.suspended_metric"].format(date=fmt.date(day, lang))
    assert metrics[label] == fmt.count(len(suspended), lang)
    assert metrics[messages["objections.people_metric"]] == fmt.count(suspended["person_id"].nunique(), lang)
    shares = table_with(at, messages["objections.col.share_without_suspensions"])
    with_, without, change = (shares[messages[f"objections.col.share_{c}"]] for c in SHARES)
    assert with_.sum() == pytest.approx(1) and without.sum() == pytest.approx(1)
    assert (without - with_).to_numpy() == pytest.approx(change.to_numpy())


def test_a_day_without_open_objections_says_so(app):
    at = _open(app, "en")  # the test population has no objection open on its last day
    assert at.info[0].value == catalogue("en")["objections.none_suspended"].format(date="31 Dec 2025")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_breakdown_picker_names_districts_as_every_other_page_does(app, lang):
    at = _open(app, lang)
    messages = catalogue(lang)
    picker = at.segmented_control(key="objections.by")
    assert picker.options == [messages["col.department"], messages["dim.district"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_tier_share_change_that_rounds_to_nothing_reads_0_0_percent_not_minus_0_0(lang):
    """A shift of a few hundredths of a point either way is no change, as "↑ +0.00" is no delta."""
    change = catalogue(lang)["objections.col.share_change"]
    shares = pd.DataFrame({change: [-0.0004, 0.0004, -0.0006, 0.0]})
    written = tables.styled(shares, shares=[change]).hide(axis="index").to_string(delimiter="\t")
    assert written.split("\n")[1:5] == ["0.0%", "0.0%", "-0.1%", "0.0%"]


def test_the_department_tables_show_every_row_down_to_the_total_without_scrolling(app, monkeypatch):
    """The tester's 1,400-pixel screen: the grid scrolled inside itself and hid the total row."""
    import streamlit

    heights, real = {}, streamlit.dataframe

    def recorded(data, *args, key=None, height="auto", **kwargs):
        heights[key] = height
        return real(data, *args, key=key, height=height, **kwargs)

    monkeypatch.setattr(streamlit, "dataframe", recorded)
    at = _open(app, "zh-CN")
    messages = catalogue("zh-CN")
    backlog = at.dataframe[0].value  # the page's first table, by deciding department
    assert backlog.iloc[-1, 0] == messages["lists.total"]
    height = heights["objections.backlog_table"]  # Streamlit's own "auto" stops at about ten rows
    assert isinstance(height, int) and height >= (len(backlog) + 1) * 35
    pinned = json.loads(at.dataframe[0].proto.columns)[messages["col.department"]]
    assert pinned["pinned"] and pinned["width"] <= 240
