"""The Incentive effects page in Chromium (issue 15): a parameter changed by keyboard, the model
run with its progress bar, the tier-share and cost charts drawn and the gains tables shown, all
in the page's language; the gaming surface downloaded in that language, and following a weight
applied on the Rules page."""

from __future__ import annotations

import pandas as pd
import pytest
from playwright.sync_api import expect

from scoring.rulebook import DEFAULT_PRESET, load_preset
from scoring.tuning.editing import rules_table
from tests.browser.harness import edit_rule_cell, keyed, open_page, rows_above, wait_for_run
from tests.browser.language import CJK, leaks, visible_text
from ui.editors import rule_column_order
from ui.i18n import t
from ui.rule_names import names_of

pytestmark = pytest.mark.browser

# Set before the page's scripts run: whether a progress bar has been on screen since the flag was cleared.
SAW_PROGRESS_JS = """(() => {
  window.__cclSawProgress = false;
  new MutationObserver(() => {
    if (document.querySelector('[data-testid="stProgress"]')) window.__cclSawProgress = true;
  }).observe(document, {childList: true, subtree: true});
})()"""
VOLUNTEER_HOURS = "volunteer_hours"  # +1 point per 5 hours in the default preset: 0.2 points per hour


def drawn(page, key: str) -> None:
    """The keyed Plotly chart has drawn at least one trace in its SVG."""
    keyed(page, key).locator(".js-plotly-plot .main-svg g.trace").first.wait_for(state="attached", timeout=60_000)


def run_model(page, elasticity: str, lang: str | None = None) -> None:
    """Type an elasticity and a 48-month horizon, leave the fields with Tab (inside the form
    nothing runs yet), press Run
    and wait for the run to end with the progress bar gone. With `lang`, the field's own hint
    ("Press Enter to submit form" in Streamlit) is checked to read in that language first."""
    field = keyed(page, "behaviour.elasticity").locator("input")
    field.click()
    field.press("ControlOrMeta+a")
    field.type(elasticity)
    if lang is not None:
        hint = keyed(page, "behaviour.elasticity").get_by_test_id("InputInstructions")
        shown = hint.evaluate("node => getComputedStyle(node, '::after').content")
        assert (
            shown == f'"{t("chrome.press_enter", lang)}"'
            and hint.evaluate("n => getComputedStyle(n).fontSize") == "0px"
        )
    field.press("Tab")
    assert float(field.input_value()) == float(elasticity)  # shown at two decimals
    horizon = keyed(page, "behaviour.horizon").locator("input")  # Tab left the elasticity for it
    expect(horizon).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("48")  # four years: long enough for the progress bar to be seen
    page.keyboard.press("Tab")
    assert horizon.input_value() == "48"
    page.evaluate("() => { window.__cclSawProgress = false; }")
    keyed(page, "behaviour.submit").locator("button").click()
    drawn(page, "behaviour.tiers")
    wait_for_run(page)
    expect(page.get_by_test_id("stProgress")).to_have_count(0)


def points_per_hour(page, lang: str, rule: str) -> float:
    name = names_of(load_preset(DEFAULT_PRESET), lang=lang).name("rule", rule)
    column, label = t("behaviour.col.points_per_hour", lang), t("behaviour.col.rule", lang)
    (row,) = [r for r in rows_above(page, "download.behaviour.gaming-surface.csv") if r[label].startswith(name)]
    return float(row[column])


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_running_the_model_draws_its_charts_and_tables_in_the_pages_language(page, app_url, lang, screenshots):
    page.add_init_script(SAW_PROGRESS_JS)
    open_page(page, f"{app_url}/behaviour?lang={lang}")
    assert page.locator("h1").first.inner_text().strip() == t("behaviour.title", lang)
    expect(keyed(page, "behaviour.tiers")).to_have_count(0)  # nothing is simulated before Run

    run_model(page, "1.5", lang)
    assert page.evaluate("() => window.__cclSawProgress"), "the run showed its progress bar"
    assert page.get_by_test_id("stException").count() == 0
    expect(page.get_by_test_id("stAlert").filter(has_text=t("behaviour.stale", lang))).to_have_count(0)
    drawn(page, "behaviour.cost")
    for breakdown in ("district", "key-group"):
        gains = rows_above(page, f"download.behaviour.gains-{breakdown}.csv")
        assert len(gains) > 1, f"the gains by {breakdown} are listed"
    page.set_viewport_size({"width": 1400, "height": 9000})  # the page scrolls inside stMain: show all of it
    page.get_by_test_id("stMain").evaluate("main => main.scrollTo(0, 0)")
    drawn(page, "behaviour.tiers")
    page.screenshot(path=screenshots / f"behaviour-run-{lang}.png", full_page=True)
    assert leaks(visible_text(page), lang) == []

    button = keyed(page, "download.behaviour.gaming-surface.csv").locator("button")
    with page.expect_download(timeout=60_000) as download:
        button.click()
    assert download.value.suggested_filename.startswith("behaviour_gaming-surface_")
    header = list(pd.read_csv(download.value.path(), encoding="utf-8-sig").columns)
    assert header[0] == t("export.marker_column", lang)
    assert t("behaviour.col.points_per_hour", lang) in header
    assert leaks("\n".join(header), lang) == []
    assert all(CJK.search(h) for h in header) if lang == "zh-CN" else not any(CJK.search(h) for h in header)


def test_the_gaming_surface_follows_a_weight_applied_on_the_rules_page(page, app_url):
    """Volunteer service from +1 to +2 points per 5 hours: 0.2 → 0.4 points per hour."""
    lang = "en"
    open_page(page, f"{app_url}/behaviour?lang={lang}")
    assert points_per_hour(page, lang, VOLUNTEER_HOURS) == pytest.approx(0.2)

    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_text(t("nav.rules", lang)).click()
    page.wait_for_url("**/rules**")
    wait_for_run(page)
    row = list(rules_table(load_preset(DEFAULT_PRESET))["id"]).index(VOLUNTEER_HOURS)
    edit_rule_cell(page, row, rule_column_order().index("points"), "2")
    page.get_by_role("button").filter(has_text=t("rules.apply", lang)).first.click()
    wait_for_run(page)
    assert page.get_by_test_id("stException").count() == 0

    nav.get_by_text(t("nav.behaviour", lang)).click()
    page.wait_for_url("**/behaviour**")
    wait_for_run(page)
    assert points_per_hour(page, lang, VOLUNTEER_HOURS) == pytest.approx(0.4)
