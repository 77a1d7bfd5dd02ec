"""The Rewards and punishments page as a policy officer reads it: what each incentive costs and
whom it reaches, how both move after an edit, whom each sanction restricts and which
departments listed them, and where every rulebook value comes from."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pandas as pd
import pytest

from scoring.rulebook import DEFAULT_PRESET, load_preset
from tests.ui.helpers import edit_rules, figure, open_page_in, record_downloads, rule_row, table_with
from ui import charts, fmt, palette, rewards_tables, tables
from ui.i18n import LANGUAGES, catalogue

REWARDS, LISTS, TIERS = "pages/rewards.py", "pages/lists.py", "pages/tiers.py"
PRESET = load_preset(DEFAULT_PRESET)


def _open(app, lang: str):
    return open_page_in(app, REWARDS, lang)


def _name(item, lang: str) -> str:
    return item.title.zh if lang == "zh-CN" else item.title.en


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_incentive_costs_its_users_times_the_unit_cost_and_says_what_unlocks_it(app, lang):
    at = _open(app, lang)
    m = catalogue(lang)
    assert at.title[0].value == m["rewards.title"]
    table = table_with(at, m["rewards.col.unlocked_by"]).set_index(m["rewards.col.incentive"])
    transit = table.loc[_name(PRESET.incentives[0], lang)]  # AAA and AA, 120 yuan, uptake 0.4
    names = fmt.tier_names(PRESET, lang)
    assert transit[m["rewards.col.unlocked_by"]] == m["lists.separator"].join([names["AAA"], names["AA"]])
    assert transit[m["rewards.col.uptake"]] == pytest.approx(0.4)
    users = transit[m["rewards.col.qualify"]] * 0.4
    assert transit[m["rewards.col.users"]] == pytest.approx(users)
    assert transit[m["rewards.col.yearly_cost"]] == round(users * 120)
    assert transit[m["col.status"]] == m["status.assumption"]
    bars = figure(at, 0)["data"]
    assert len(bars) == 1 and bars[0]["marker"]["color"] in palette.QUALITATIVE
    assert m["rewards.unedited"] in [c.value for c in at.caption]
    by_district = table_with(at, m["rewards.col.total_cost"])
    assert by_district.iloc[-1, 0] == m["lists.total"]
    assert by_district.iloc[:-1, 1:].sum().to_numpy(float) == pytest.approx(by_district.iloc[-1, 1:].to_numpy(float))
    assert by_district.columns[1] == m["rewards.col.total_cost"]  # seen without scrolling
    _whole_yuan_adding_up(by_district[m["rewards.col.total_cost"]])
    red_perk = next(i for i in PRESET.incentives if i.lists)
    unlocked = table.loc[_name(red_perk, lang), m["rewards.col.unlocked_by"]]
    assert unlocked == m["rewards.on_list"].format(lists=m["list.red"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ban_restricts_the_black_list_and_names_the_departments_that_listed_them(app, lang):
    at = _open(app, lang)
    m = catalogue(lang)
    ban = _name(PRESET.sanctions[0], lang)
    restricted = table_with(at, ban)
    at.switch_page(LISTS).run()
    on_black_list = table_with(at, m["lists.col.black_end"]).iloc[-1][m["lists.col.black_end"]]
    assert restricted.iloc[-1][ban] == on_black_list
    at.switch_page(REWARDS).run()
    deciding = table_with(at, m["rewards.col.list"])
    assert set(deciding[m["rewards.col.list"]]) == {m["list.black"]}
    assert deciding[m["col.people"]].sum() >= on_black_list
    court = "人民法院" if lang == "zh-CN" else "People's court"
    assert court in set(deciding[m["col.department"]])
    values = table_with(at, m["lists.col.value_name"]).set_index(m["lists.col.value_name"])
    lists = values.loc[m["rewards.value.lists"].format(sanction=ban)]
    assert lists[m["lists.col.value"]] == m["list.black"]
    assert lists[m["col.status"]] == m["status.reported"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_after_a_cut_off_moves_each_incentive_shows_its_beneficiaries_and_cost_before_and_after(app, lang):
    at = _open(app, lang)
    m = catalogue(lang)
    before = table_with(at, m["rewards.col.unlocked_by"]).set_index(m["rewards.col.incentive"])
    at.switch_page(TIERS).run()
    cuts = at.number_input(key="tiers.cut.absolute.AA")
    cuts.set_value(cuts.value - 40).run()
    assert not at.exception, at.exception
    at.switch_page(REWARDS).run()
    assert not at.exception, at.exception
    moved = table_with(at, m["rewards.col.recipients_before"]).set_index(m["rewards.col.incentive"])
    transit = moved.loc[_name(PRESET.incentives[0], lang)]
    assert (
        transit[m["rewards.col.recipients_before"]]
        == before.loc[_name(PRESET.incentives[0], lang)][m["rewards.col.qualify"]]
    )
    assert transit[m["rewards.col.recipients_after"]] > transit[m["rewards.col.recipients_before"]]
    assert transit[m["rewards.col.cost_after"]] == round(transit[m["rewards.col.recipients_after"]] * 0.4 * 120)
    for column in ("cost_before", "cost_after", "cost_change"):
        assert (moved[m[f"rewards.col.{column}"]] % 1 == 0).all()  # whole yuan, as the page says
    assert transit[m["rewards.col.cost_change"]] == (
        transit[m["rewards.col.cost_after"]] - transit[m["rewards.col.cost_before"]]
    )
    names = [trace["name"] for trace in figure(at, 0)["data"]]
    assert names == [m["rewards.series.before"], m["rewards.series.after"]]
    by_district = next(df.value for df in at.dataframe if m["dim.district"] in df.value.columns
                       and m["rewards.col.cost_after"] in df.value.columns)  # fmt: skip
    after, change = m["rewards.col.cost_after"], m["rewards.col.cost_change"]
    assert by_district.iloc[-1, 0] == m["lists.total"]
    assert by_district[after].iloc[-1] == pytest.approx(moved[after].sum())
    assert by_district[change].iloc[:-1].sum() == pytest.approx(by_district[change].iloc[-1])
    for column in ("cost_before", "cost_after", "cost_change"):
        _whole_yuan_adding_up(by_district[m[f"rewards.col.{column}"]])
    assert (by_district[change].iloc[:-1] != 0).sum() >= 2  # the move is seen district by district
    assert m["rewards.unedited"] not in [c.value for c in at.caption]


def test_a_rule_edit_downloads_the_before_and_after_table_with_both_rulebooks(app, monkeypatch):
    downloads = record_downloads(monkeypatch)
    app.switch_page("pages/rules.py").run()
    edit_rules(app, {rule_row("fraud"): {"points": -300.0}})
    app.switch_page(REWARDS).run()
    assert not app.exception, app.exception
    name = f"rewards_incentive_changes_illustrative-vs-illustrative-edited_{app.session_state['as_of'].isoformat()}"
    csv = downloads[f"{name}.csv"]()
    assert csv.startswith(b"\xef\xbb\xbf")
    workbook = openpyxl.load_workbook(io.BytesIO(downloads[f"{name}.xlsx"]()))
    headers = [cell.value for cell in workbook.worksheets[0][1]]
    assert catalogue("zh-CN")["rewards.col.cost_after"] in headers
    assert len(workbook.worksheets) >= 2, "the provenance travels with the table"


def _whole_yuan_adding_up(costs: pd.Series) -> None:
    """A cost column as the page promises it: whole yuan, the total row the sum of the rows above."""
    assert (costs % 1 == 0).all(), costs[costs % 1 != 0]
    assert costs.iloc[:-1].sum() == costs.iloc[-1]


def _written(frame: pd.DataFrame, decimals: dict, shares=()) -> pd.DataFrame:
    """The table as the reader sees it: every cell the text `tables.show` writes."""
    text = tables.styled(frame, decimals, shares).hide(axis="index").to_string(delimiter="\t")
    rows = [line.split("\t") for line in text.splitlines()]
    return pd.DataFrame(rows[1:], columns=rows[0])


def _in_language(monkeypatch, lang: str) -> None:
    """Tables written outside the app's session, in `lang`."""
    monkeypatch.setattr("ui.fmt.current_language", lambda: lang)
    monkeypatch.setattr("ui.i18n.current_language", lambda: lang)


def _number(text: str) -> float:
    return float(text.replace(",", "").rstrip("%")) / (100 if text.endswith("%") else 1)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_row_shows_qualifying_times_uptake_times_unit_cost_as_its_yearly_cost_to_the_yuan(app, lang, monkeypatch):
    at = _open(app, lang)
    m = catalogue(lang)
    _in_language(monkeypatch, lang)
    table = table_with(at, m["rewards.col.unlocked_by"])
    shown = _written(table, rewards_tables.decimals(), [m["rewards.col.uptake"]])
    for _, row in shown.iterrows():
        qualify, uptake = _number(row[m["rewards.col.qualify"]]), _number(row[m["rewards.col.uptake"]])
        unit, cost = _number(row[m["rewards.col.unit_cost"]]), _number(row[m["rewards.col.yearly_cost"]])
        assert cost == round(qualify * uptake * unit)  # the stated formula, from the figures as written
        assert _number(row[m["rewards.col.users"]]) == round(qualify * uptake, 1)
    assert m["rewards.incentives_note"] in [c.value for c in at.caption]


def test_money_is_written_in_whole_yuan_in_every_table_whatever_its_size(monkeypatch):
    """The district table's costs are in the hundred thousands, the key-group table's in the
    thousands: both in yuan, never 11.81万 beside 21656."""
    _in_language(monkeypatch, "zh-CN")
    for costs in ([118_100.0, 96_000.0, 204_100.0], [21_656.0, 4_870.0, 36_514.0]):
        frame = pd.DataFrame({catalogue("zh-CN")["rewards.col.total_cost"]: costs})
        written = _written(frame, rewards_tables.decimals()).iloc[:, 0].tolist()
        assert written == [f"{c:.0f}" for c in costs]


def test_the_longest_cost_bar_leaves_room_for_its_label_outside_it():
    figure = charts.incentive_cost_bars(["transit", "library"], np.array([624_960.0, 10_000.0]), np.array([5e5, 1e4]))
    assert figure.layout.xaxis.range[1] >= 1.2 * 624_960  # "624,960" whole, not "624,96…"
