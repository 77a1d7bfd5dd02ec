"""Two users' journeys in Chromium, each asserting what issue 11 promises them.

A policy officer reads the overview in Chinese: picks the 1万 demo under "advanced", answers
"how many blacklisted people in 武进区" on the overview, ranks the key groups, sets an as-of date
by typing it, downloads a table for Excel, and reloads the page to find the same view.

An evaluator works in English: edits a weight, switches the cut-off mode without changing the
rules, saves a scenario and opens its link in a fresh browser, meets an out-of-range link date
once, and compares a reform with the baseline. Every screen on the way is read for the other
language's words and raw ids (tests/browser/language.py).
"""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pandas as pd
import pytest

from scoring.rulebook import DEFAULT_PRESET, load_preset
from scoring.tuning.editing import rules_table
from tests.browser.harness import (
    as_of_picker,
    measure_weight_apply,
    metric_values,
    open_page,
    pick,
    table_rows,
    wait_for_run,
)
from tests.browser.language import leaks, visible_text
from ui.editors import rule_column_order
from ui.i18n import plural, t

pytestmark = pytest.mark.browser


def _nav(page, label: str, path: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(label, exact=True).click()
    page.wait_for_url(f"**/{path}**")
    wait_for_run(page)


def _one_language(page, lang: str) -> None:
    assert page.get_by_test_id("stException").count() == 0
    assert leaks(visible_text(page), lang) == []


def _segment(page, label: str) -> None:
    """Press one option of a segmented control in the page."""
    page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").get_by_text(label, exact=True).click()
    wait_for_run(page)


def _context_line(page) -> str:
    return page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first.inner_text()


def test_a_policy_officer_reads_the_overview_in_chinese(page, app_url, screenshots, tmp_path):
    lang = "zh-CN"
    open_page(page, f"{app_url}/?lang={lang}")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text(t("frame.advanced", lang)).click()
    pick(page, sidebar.get_by_test_id("stSelectbox").filter(has_text=t("frame.size", lang)), "1万")
    assert metric_values(page)[0] == "1万", "head counts in 万"
    page.screenshot(path=screenshots / "journey-zh-overview.png", full_page=True)
    _one_language(page, lang)

    # How many blacklisted people in 武进区? The ranked table answers on the overview, and the
    # districts add up to the overview's black-list figure.
    black = t("col.black_list", lang)
    districts = {row[t("dim.district", lang)]: row for row in table_rows(page, 0)}
    assert re.fullmatch(r"\d+", districts["武进区"][black])
    black_total = metric_values(page)[4]
    assert sum(int(row[black]) for row in districts.values()) == int(black_total)

    # One click to the key groups; their table, downloaded as CSV, holds the 29 groups and
    # everyone outside them, with their list counts.
    _segment(page, t("dim.key_group", lang))
    with page.expect_download() as download:
        page.get_by_test_id("stDownloadButton").filter(has_text=t("download.csv", lang)).nth(1).click()
    assert download.value.suggested_filename.startswith("overview_key_groups_")
    groups = pd.read_csv(download.value.path(), encoding="utf-8-sig")
    assert len(groups) == 30 and groups[black].sum() == int(black_total)
    page.screenshot(path=screenshots / "journey-zh-key-groups.png", full_page=True)
    _one_language(page, lang)

    # A date typed into the as-of picker applies on Enter; the line above the page says it.
    field = as_of_picker(page).locator("input")
    field.click()
    field.type("2024年6")
    field.press("Enter")
    wait_for_run(page)
    assert "2024年6月30日" in _context_line(page)
    figures = metric_values(page)

    # The tier table for Excel: numbers are numbers, the name says page, table, rulebook and date.
    with page.expect_download() as download:
        page.get_by_test_id("stDownloadButton").filter(has_text=t("download.xlsx", lang)).first.click()
    name = download.value.suggested_filename
    assert name == f"overview_tiers_{DEFAULT_PRESET}_2024-06-30.xlsx"
    saved = tmp_path / name
    download.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved)[t("export.sheet", lang)]
    header = [c.value for c in sheet[1]]
    people = [row[header.index(t("col.people", lang))] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert people and all(isinstance(n, int) for n in people), people

    # A reload shows the same view: size, date, rulebook and language come back from the address.
    open_page(page, page.url)
    assert metric_values(page) == figures
    assert "2024年6月30日" in _context_line(page)
    assert page.locator("h1").first.inner_text().strip() == t("overview.title", lang)

    _nav(page, t("nav.distributions", lang), "distributions")
    page.screenshot(path=screenshots / "journey-zh-distributions.png", full_page=True)
    _one_language(page, lang)


def test_an_evaluator_tunes_saves_shares_and_compares_in_english(page, browser, app_url, screenshots):
    lang = "en"
    open_page(page, f"{app_url}/rules?lang={lang}")
    row = list(rules_table(load_preset(DEFAULT_PRESET))["id"]).index("drunk_driving")
    measure_weight_apply(page, row, rule_column_order().index("points"), "-95", t("rules.apply", lang))
    assert page.locator("h3").filter(has_text=t("rules.diff_heading", lang, changes=1)).count() == 1
    page.screenshot(path=screenshots / "journey-en-rules.png", full_page=True)
    _one_language(page, lang)

    # Switching the cut-off mode shows the equivalent shares; it changes no rule by itself.
    _nav(page, t("nav.tiers", lang), "tiers")
    figures = metric_values(page)
    _segment(page, t("tiers.mode.quantile", lang))
    _segment(page, t("tiers.mode.absolute", lang))
    assert metric_values(page) == figures
    assert page.get_by_text(plural("frame.edited", 1, lang, changes=1)).count() >= 1, "still the one edited weight"
    _one_language(page, lang)

    # Saved as a scenario, its link opens the same figures in another browser, and again on reload.
    _nav(page, t("nav.scenarios", lang), "scenarios")
    page.get_by_label(t("scen.name", lang)).fill("Drunk driving -95")
    page.get_by_role("button").filter(has_text=t("scen.save", lang)).click()
    wait_for_run(page)
    link = page.get_by_test_id("stCode").inner_text().strip()
    _nav(page, t("nav.tiers", lang), "tiers")
    figures = metric_values(page)
    other = browser.new_context(viewport={"width": 1400, "height": 2600}, locale="en-US")
    try:
        fresh = other.new_page()
        open_page(fresh, link.replace("/?", "/tiers?"))
        assert metric_values(fresh) == figures
        open_page(fresh, fresh.url)
        assert metric_values(fresh) == figures, "a reload keeps the scenario, size, seed, date and language"
        fresh.screenshot(path=screenshots / "journey-en-shared.png", full_page=True)
        _one_language(fresh, lang)

        # A link whose date is before the data's history: said once, on arrival, not on every page.
        fresh.goto(re.sub(r"as_of=[0-9-]+", "as_of=1990-01-01", link))
        open_page(fresh, fresh.url)
        moved = fresh.get_by_test_id("stCaptionContainer").filter(has_text="it is now")
        assert moved.count() == 1
        _nav(fresh, t("nav.about", lang), "about")
        assert fresh.get_by_test_id("stCaptionContainer").filter(has_text="it is now").count() == 0
    finally:
        other.close()

    # Reform against baseline: the saved scenario against the most comparable preset.
    _nav(page, t("nav.compare", lang), "compare")
    assert page.get_by_test_id("stPlotlyChart").count() >= 1
    page.screenshot(path=screenshots / "journey-en-compare.png", full_page=True)
    _one_language(page, lang)
    assert dt.date.fromisoformat(re.search(r"as_of=([0-9-]+)", page.url).group(1))
