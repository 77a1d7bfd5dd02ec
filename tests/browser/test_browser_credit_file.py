"""One person's credit file in Chromium, as issue 14 promises it.

A policy officer works in Chinese: filters black-listed people of one key group in 武进区, opens
one, reads the waterfall and the records with the ID number masked everywhere on the page, and
reloads to find the same file from the address. An evaluator works in English: opens a person by
number, raises an objection to one of their records, and reads the score with and without it and
the audit trail's row.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pytest
from playwright.sync_api import expect

from scoring.dataset import Dataset
from scoring.engine import ScoreResult, compile_dataset, score
from scoring.person.people_list import PeopleFilter, filtered_people
from scoring.person.records import person_records
from scoring.rulebook import DEFAULT_PRESET, load_preset
from synthetic.generate import generate
from synthetic.identity import identities
from synthetic.settings import GeneratorSettings
from tests.browser.conftest import TEST_PEOPLE
from tests.browser.harness import metric_values, open_page, pick, table_rows, wait_for_run
from tests.browser.language import leaks, visible_text
from ui import fmt
from ui.data import DEFAULT_SEED
from ui.i18n import t
from ui.objection_panel_tables import person_records as panel_records
from ui.objection_panel_tables import record_label
from ui.person_search import PAGE_SIZE

pytestmark = pytest.mark.browser

FULL_ID = re.compile(r"\d{17}[\dX]")
MASKED_ID = re.compile(r"\d{6}\*{8}\d{3}[\dX]")
WATERFALL_JS = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot'))
  .map(plot => plot.data[0].type)"""


@cache
def _served() -> tuple[Dataset, ScoreResult]:
    """The population and scores the test server shows by default (its size, seed and preset)."""
    dataset = generate(GeneratorSettings(people=TEST_PEOPLE, seed=DEFAULT_SEED))
    return dataset, score(compile_dataset(dataset), load_preset(DEFAULT_PRESET))


def _black_listed_in_wujin() -> tuple[str, list[int]]:
    """Teachers if any teacher in 武进区 is black-listed, else the first key group with one there."""
    _, result = _served()
    groups = ("teacher", *result.compiled.catalogues.key_group_ids)
    for group in groups:
        if len(people := filtered_people(result, PeopleFilter("wujin", group, "black"))):
            return group, people.tolist()
    raise AssertionError("nobody in 武进区 is black-listed in the test population")


def _select(page, label: str):
    """The main area's select box whose label is exactly `label`."""
    labelled = page.get_by_test_id("stWidgetLabel").filter(has_text=re.compile(f"^{re.escape(label)}$"))
    return page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has=labelled)


def _rows_once_redrawn(page, count: int) -> list[dict[str, str]]:
    """The first table's rows once it holds `count` (a canvas table's cells follow its run)."""
    for _attempt in range(50):
        if len(rows := table_rows(page, 0)) == count:
            return rows
        page.wait_for_timeout(200)
    return rows


def _heading(page) -> str:
    return page.get_by_test_id("stMain").locator("h2").first.inner_text()


def test_a_policy_officer_opens_a_black_listed_persons_file_in_chinese(page, app_url, screenshots):
    lang = "zh-CN"
    group, people = _black_listed_in_wujin()
    open_page(page, f"{app_url}/credit_file?lang={lang}")
    pick(page, _select(page, t("dim.district", lang)), "武进区")
    pick(page, _select(page, t("dim.key_group", lang)), fmt.category("key_group", group, lang))
    pick(page, _select(page, t("person.col.lists", lang)), t("person.list.black", lang))
    count = t("person.list_count", lang, people=fmt.count(len(people), lang))
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text=count)).to_be_visible()
    listed = _rows_once_redrawn(page, min(len(people), PAGE_SIZE))
    assert [int(row[t("person.col.person_id", lang)]) for row in listed] == people[: len(listed)]
    assert all(MASKED_ID.fullmatch(row[t("person.col.id_number", lang)]) for row in listed)

    person = people[0]
    pick(page, _select(page, t("person.open", lang)), t("person.option", lang, person=person))
    assert f"编号 {person}" in _heading(page)
    assert f"person={person}" in page.url
    assert "waterfall" in page.evaluate(WATERFALL_JS), "the waterfall from the base score is drawn"
    dataset, result = _served()
    records = person_records(dataset, result.rulebook, person, result.compiled.as_of.astype("O"))
    heading = t("person.records_heading", lang, count=len(records))
    assert page.get_by_role("heading", name=heading).count() == 1
    text = visible_text(page)
    assert not FULL_ID.search(text), "no full ID number anywhere on the page"
    name = identities(dataset.people, [person], DEFAULT_SEED).iloc[0]["name"]
    assert MASKED_ID.search(_heading(page)) and name in _heading(page)
    assert leaks(text, lang) == []
    page.screenshot(path=screenshots / "credit-file-zh.png", full_page=True)

    open_page(page, page.url)  # a reload reopens the same file from ?person=
    assert f"编号 {person}" in _heading(page)
    assert page.get_by_test_id("stException").count() == 0


def _person_with_a_counting_record() -> tuple[int, int]:
    """A scored person and a valid record of theirs that moves their score today."""
    dataset, result = _served()
    as_of = result.compiled.as_of.astype("O")
    points = {rule.id: rule.points for rule in result.rulebook.rules}
    for person in np.flatnonzero(result.eligible & ~result.vetoed):
        records = person_records(dataset, result.rulebook, int(person), as_of)
        counting = records[
            records["in_window"] & (records["status"] == "valid") & records["rule"].map(points).fillna(0).ne(0)
        ]
        if len(counting):
            return int(person), int(counting["record_id"].iloc[0])
    raise AssertionError("no scored person with a counting record")


def test_an_evaluator_raises_an_objection_and_reads_both_scores_and_the_trail(page, app_url, screenshots):
    lang = "en"
    person, record = _person_with_a_counting_record()
    open_page(page, f"{app_url}/credit_file?lang={lang}")
    search = page.get_by_role("textbox", name=t("person.search", lang))
    search.fill(str(person))
    search.press("Enter")
    wait_for_run(page)
    assert f"person {person})" in _heading(page)
    file_score = metric_values(page)[0]
    assert page.get_by_text(t("person.objections.none", lang)).count() == 1

    dataset, _ = _served()
    label = record_label(panel_records(dataset, person), record, lang)
    form = page.get_by_test_id("stForm").filter(has_text=t("objection_panel.open.heading", lang))
    pick(page, form.get_by_test_id("stSelectbox"), label)
    form.get_by_label(t("objection_panel.open.reason", lang)).fill("The fine was paid before the deadline")
    form.get_by_role("button", name=t("objection_panel.open.submit", lang)).click()
    wait_for_run(page)
    assert page.get_by_test_id("stAlertContentSuccess").count() == 1

    score, _tier, _lists, under_review, counted = metric_values(page)
    assert counted == file_score, "as if the record counted: the data's own score"
    assert score == under_review != counted, "the file follows the objection: the disputed record is suspended"
    note = t("person.objections.open", lang, open=1, answered=0)
    assert page.get_by_text(note).count() == 1, "the file says it includes the objection"
    trail = table_rows(page, page.get_by_test_id("stMain").get_by_test_id("stDataFrame").count() - 1)
    assert [row[t("objection_panel.col.reason", lang)] for row in trail] == ["The fine was paid before the deadline"]
    assert trail[0][t("objection_panel.col.record", lang)] == label
    page.screenshot(path=screenshots / "credit-file-en-objection.png", full_page=True)
    assert leaks(visible_text(page), lang) == []  # people's names keep their own script
