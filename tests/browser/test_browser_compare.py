"""The Compare page in Chromium, in each language: pick a baseline and a reform, read the heat
map and the tables, narrow the people with a filter, and reopen the comparison from its link in
a fresh browser."""

from __future__ import annotations

import pytest

from scoring.rulebook import load_preset
from tests.browser.harness import HEATMAP_SIGNATURE_JS, filter_toggle, measure_choice, open_page, timed_change
from tests.browser.language import leaks, visible_text
from ui import fmt
from ui.i18n import t

pytestmark = pytest.mark.browser
GENDER = 2  # the third filter (key group, district, gender, …)


def _preset(preset: str, lang: str) -> str:
    return fmt.name(load_preset(preset).title, lang)


def _heatmap(page) -> str | None:
    return page.evaluate(HEATMAP_SIGNATURE_JS)


def _whole_page_screenshot(page, path) -> None:
    """The page scrolls inside Streamlit's main area, not the document: a viewport as tall as the
    content shows all of it."""
    height = page.get_by_test_id("stMainBlockContainer").evaluate("e => e.scrollHeight")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": height + 200})
    page.wait_for_timeout(500)
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size(size)


def _no_exception(page) -> None:
    assert page.get_by_test_id("stException").count() == 0


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_an_evaluator_compares_two_presets_filters_and_shares_the_comparison(page, browser, app_url, screenshots, lang):
    open_page(page, f"{app_url}/compare?lang={lang}")
    first = _heatmap(page)
    change = measure_choice(page, t("cmp.baseline", lang), _preset("rongcheng_style", lang))
    assert _heatmap(page) != first and change.wall < 10
    measure_choice(page, t("cmp.reform", lang), _preset("fuzhou_style", lang))
    _no_exception(page)
    assert '"heatmap"' in _heatmap(page)
    assert page.get_by_test_id("stPlotlyChart").count() == 3, "heat map, winners and losers, rank changes"
    assert page.get_by_test_id("stDataFrame").count() >= 6, "matrix, moves, eligibility, vetoes, changes, diff"
    assert page.get_by_text(t("cmp.axis.rank_change", lang)).count() >= 1
    assert leaks(visible_text(page), lang) == []
    _whole_page_screenshot(page, screenshots / f"compare-presets-{lang}.png")
    assert "baseline=rongcheng_style" in page.url and "reform=fuzhou_style" in page.url

    before = _heatmap(page)
    target = filter_toggle(page, GENDER)
    target.wait_for()
    timed_change(page, target.click, signature_js=HEATMAP_SIGNATURE_JS)
    page.keyboard.press("Escape")
    _no_exception(page)
    assert _heatmap(page) != before, "a filter changes the matrix"
    page.get_by_test_id("stMultiSelect").nth(GENDER).locator("[data-tag] button").first.click()  # everyone again
    page.wait_for_function(f"before => ({HEATMAP_SIGNATURE_JS})() === before", arg=before, timeout=30_000)

    other = browser.new_context(viewport={"width": 1400, "height": 2600}, locale="en-US")
    try:
        fresh = other.new_page()
        open_page(fresh, page.url)
        _no_exception(fresh)
        assert fresh.locator("h1").first.inner_text().strip() == t("cmp.title", lang)
        assert _heatmap(fresh) == before, "the link reopens the same comparison"
        _whole_page_screenshot(fresh, screenshots / f"compare-share-link-{lang}.png")
    finally:
        other.close()


def test_a_charts_html_download_opens_offline_and_draws_the_same_chart(page, browser, app_url, tmp_path):
    open_page(page, f"{app_url}/compare?lang=en")
    button = page.get_by_test_id("stDownloadButton").filter(has_text=t("download.html", "en")).first
    with page.expect_download(timeout=60_000) as download:
        button.click()
    name = download.value.suggested_filename
    assert name.startswith("compare_transitions_") and name.endswith(".html")
    saved = tmp_path / name
    download.value.save_as(saved)

    offline = browser.new_context(offline=True)
    try:
        chart = offline.new_page()
        chart.goto(saved.as_uri())
        chart.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        drawn = chart.evaluate(HEATMAP_SIGNATURE_JS.replace('[data-testid="stPlotlyChart"] ', ""))
        assert drawn == _heatmap(page), "the same cells as on the page"
        assert chart.locator("h1").inner_text().startswith(t("cmp.matrix_heading", "en"))
    finally:
        offline.close()
