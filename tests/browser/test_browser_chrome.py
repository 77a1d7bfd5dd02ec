"""Streamlit's own texts read in the page's language in a real browser: the uploader, the
multiselect's select-all entry, a select box with no match, and the as-of date picked by
keyboard (type to filter, Enter applies), and a data table's toolbar (tooltips, column list, search
bar) with Streamlit's own CSV download taken away."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.harness import as_of_picker, open_page, wait_for_run
from ui.chrome import REPLACED, TABLE, css_string
from ui.i18n import t

pytestmark = pytest.mark.browser

AFTER_JS = "sel => { const e = document.querySelector(sel); return e && getComputedStyle(e, '::after').content; }"


def _shown_instead(page, key: str, lang: str) -> None:
    selector = dict((k, s) for s, k in REPLACED)[key]
    assert page.evaluate(AFTER_JS, selector) == css_string(t(key, lang)), f"{key}: {selector}"


def test_a_typed_as_of_date_applies_on_enter(page, app_url):
    open_page(page, f"{app_url}/?lang=zh-CN")
    field = as_of_picker(page).locator("input")
    field.click()
    field.type("2024年6")
    field.press("Enter")
    wait_for_run(page)
    assert field.input_value() == "2024年6月30日"
    assert "基准日： 2024年6月30日" in page.get_by_test_id("stMain").inner_text()


def test_streamlit_texts_read_in_chinese(page, app_url, screenshots):
    open_page(page, f"{app_url}/rules?lang=zh-CN")
    uploader = page.get_by_test_id("stFileUploader")
    uploader.scroll_into_view_if_needed()
    _shown_instead(page, "chrome.upload", "zh-CN")
    _shown_instead(page, "chrome.upload_note", "zh-CN")
    uploader.screenshot(path=screenshots / "chrome_uploader_zh.png")

    field = as_of_picker(page).locator("input")
    field.click()
    field.type("没有这一天")
    _shown_instead(page, "chrome.no_results", "zh-CN")
    page.keyboard.press("Escape")

    open_page(page, f"{app_url}/distributions?lang=zh-CN")
    page.get_by_test_id("stMultiSelect").first.locator("input").click()
    page.get_by_role("option").first.wait_for()
    _shown_instead(page, "chrome.select_all", "zh-CN")
    page.screenshot(path=screenshots / "chrome_multiselect_zh.png")
    page.keyboard.press("Escape")


TOOLTIP_AFTER_JS = """() => { const p = document.querySelector('[role="tooltip"] [data-testid="stTooltipContent"] p');
  return p && [getComputedStyle(p).fontSize, getComputedStyle(p, '::after').content]; }"""
TABLE_SELECTORS = dict((k, s) for s, k in TABLE)


def _table_text(page, key: str) -> None:
    """The table's element for `key` shows the catalogue's Chinese, its English hidden."""
    selector = TABLE_SELECTORS[key]
    assert page.evaluate(AFTER_JS, selector) == css_string(t(key, "zh-CN")), f"{key}: {selector}"
    assert page.evaluate("sel => getComputedStyle(document.querySelector(sel)).fontSize", selector) == "0px", key


def test_a_table_toolbar_reads_in_chinese_and_offers_only_our_download(page, app_url, screenshots):
    open_page(page, f"{app_url}/?lang=zh-CN")  # the overview; /overview may say "Page not found" first
    grid = page.get_by_test_id("stMain").get_by_test_id("stDataFrame").first
    toolbar = page.get_by_test_id("stElementToolbar").first
    grid.scroll_into_view_if_needed()
    grid.hover()
    expect(toolbar.locator('button[aria-label^="Search"]')).to_be_visible()
    expect(toolbar.locator('button[aria-label^="Download as CSV"]')).to_be_hidden()

    for label, key in (("Show/hide columns", "chrome.table_columns"), ("Search", "chrome.table_search"),
                       ("Fullscreen", "chrome.fullscreen")):  # fmt: skip
        grid.hover()
        toolbar.locator(f'button[aria-label^="{label}"]').hover()
        page.get_by_role("tooltip").wait_for()
        assert page.evaluate(TOOLTIP_AFTER_JS) == ["0px", css_string(t(key, "zh-CN"))], label
        page.mouse.move(0, 0)
        page.get_by_role("tooltip").wait_for(state="detached")

    grid.hover()
    toolbar.locator('button[aria-label^="Show/hide columns"]').click()
    menu = page.get_by_test_id("stDataFrameColumnVisibilityMenu")
    menu.wait_for()
    _table_text(page, "chrome.select_all")
    expect(menu.locator('input[aria-label="(index)"]')).to_be_hidden()
    menu.screenshot(path=screenshots / "chrome_table_columns_zh.png")
    page.keyboard.press("Escape")

    grid.hover()
    toolbar.locator('button[aria-label^="Search"]').click()
    search = grid.get_by_test_id("search-input")
    search.wait_for()
    _table_text(page, "chrome.table_type_to_search")
    search.type("没有这个词")
    grid.get_by_test_id("search-result-area").wait_for()
    _table_text(page, "chrome.no_results")
    search.fill("")
    search.type("区")
    expect(grid.locator('button[aria-label="Next Result"]')).to_be_enabled()
    _table_text(page, "chrome.table_matches")
    grid.screenshot(path=screenshots / "chrome_table_search_zh.png")
