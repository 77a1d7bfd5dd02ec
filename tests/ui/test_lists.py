"""The Lists page as a policy officer reads it: the lists month by month and the monthly report
by district, listing authority or key group, downloadable (rewards and punishments, credit
repair and objections: tests/ui/test_rewards.py, test_repair.py, test_objections.py)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from scoring.catalogues import load_catalogues
from tests.ui.helpers import figure, record_downloads
from ui import palette
from ui.i18n import LANGUAGES, catalogue

LISTS = "pages/lists.py"


def _open(app, lang: str):
    if lang != "zh-CN":
        app.button_group(key="_widget.lang").set_value(lang).run()
    app.switch_page(LISTS).run()
    assert not app.exception, app.exception
    return app


def _table(at, column: str):
    """The first table with this column header."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_monthly_report_by_district_adds_up_and_downloads_as_csv_and_xlsx(app, lang, monkeypatch):
    downloads = record_downloads(monkeypatch)
    at = _open(app, lang)
    messages = catalogue(lang)
    assert at.title[0].value == messages["lists.title"]
    report = _table(at, messages["lists.col.black_end"])
    assert report.columns[0] == messages["dim.district"]
    districts, total = report.iloc[:-1], report.iloc[-1]
    assert total.iloc[0] == messages["lists.total"]
    for column in report.columns[1:]:
        assert districts[column].sum() == total[column]
    black_end, start = messages["lists.col.black_end"], messages["lists.col.black_start"]
    entries, exits = messages["lists.col.black_entries"], messages["lists.col.black_exits"]
    assert total[black_end] == total[start] + total[entries] - total[exits]
    name = f"lists_report_district_illustrative_{at.session_state['as_of'].isoformat()}"
    csv = downloads[f"{name}.csv"]()
    assert csv.startswith(b"\xef\xbb\xbf"), "a BOM, so that a spreadsheet reads the Chinese"
    read = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    assert read[black_end].tolist() == report[black_end].tolist()
    sheet = openpyxl.load_workbook(io.BytesIO(downloads[f"{name}.xlsx"]())).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    column = [row[headers.index(black_end)] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert column == report[black_end].tolist()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_by_listing_authority_each_department_adds_up_and_the_page_says_a_person_may_count_twice(app, lang):
    at = _open(app, lang)
    messages = catalogue(lang)
    everyone = _table(at, messages["lists.col.black_end"]).iloc[-1]
    at.segmented_control(key="lists.by").set_value("department").run()
    assert not at.exception, at.exception
    report = _table(at, messages["lists.col.black_end"])
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
    assert len({trace["line"]["color"] for trace in lines}) == len({trace["name"].split(" · ")[0] for trace in lines})
    assert {trace["line"]["color"] for trace in lines} <= set(palette.QUALITATIVE)


def test_no_list_is_painted_red_and_the_black_list_is_the_darkest(app):
    at = _open(app, "en")
    sizes = figure(at, 0)
    colours = {trace["name"]: trace["line"]["color"] for trace in sizes["data"]}
    assert colours == {"red list": palette.QUALITATIVE[3], "black list": palette.QUALITATIVE[0]}
    assert not {"#CC6677", "#882255", "red"} & set(colours.values())


def test_the_key_group_breakdown_and_a_longer_period_redraw_the_report(app):
    at = _open(app, "en")
    months_before = len(figure(at, 0)["data"][0]["x"])
    at.segmented_control(key="lists.by").set_value("key_group").run()
    at.segmented_control(key="lists.period").set_value(24).run()
    assert not at.exception, at.exception
    assert len(figure(at, 0)["data"][0]["x"]) == months_before + 12
    report = _table(at, catalogue("en")["lists.col.black_end"])
    assert report.columns[0] == catalogue("en")["dim.key_group"]
    assert len(report) == len(load_catalogues().key_groups) + 1


def test_the_rewards_and_sanctions_have_left_for_a_page_of_their_own(app):
    at = _open(app, "en")
    headings = [h.value for h in at.subheader]
    assert catalogue("en")["rewards.incentives_heading"] not in headings
    assert catalogue("en")["rewards.sanctions_heading"] not in headings
