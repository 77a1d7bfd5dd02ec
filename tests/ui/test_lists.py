"""The Lists page as a policy officer reads it: the monthly list report and rewards and
punishments (credit repair and objections: tests/ui/test_repair.py, test_objections.py)."""

from __future__ import annotations

import pytest

from scoring.catalogues import load_catalogues
from scoring.rulebook import DEFAULT_PRESET, load_preset
from tests.ui.helpers import figure
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
def test_the_monthly_report_adds_up_and_the_black_list_is_who_the_sanction_reaches(app, lang):
    at = _open(app, lang)
    messages = catalogue(lang)
    assert at.title[0].value == messages["lists.title"]
    report = _table(at, messages["lists.col.black_end"])
    districts, total = report.iloc[:-1], report.iloc[-1]
    assert total.iloc[0] == messages["lists.total"]
    for column in report.columns[1:]:
        assert districts[column].sum() == total[column]
    black_end, start = messages["lists.col.black_end"], messages["lists.col.black_start"]
    entries, exits = messages["lists.col.black_entries"], messages["lists.col.black_exits"]
    assert total[black_end] == total[start] + total[entries] - total[exits]
    ban = load_preset(DEFAULT_PRESET).sanctions[0]  # the preset's one sanction follows the black list
    reached = _table(at, ban.title.zh if lang == "zh-CN" else ban.title.en)
    assert reached.iloc[-1, 1] == total[black_end]


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
