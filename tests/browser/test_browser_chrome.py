"""Streamlit's own texts read in the page's language in a real browser: the uploader, the
multiselect's select-all entry, a select box with no match, and the as-of date picked by
keyboard (type to filter, Enter applies)."""

from __future__ import annotations

import pytest

from tests.browser.harness import as_of_picker, open_page, wait_for_run
from ui.chrome import REPLACED, css_string
from ui.i18n import t

pytestmark = pytest.mark.browser

AFTER_JS = "sel => { const e = document.querySelector(sel); return e && getComputedStyle(e, '::after').content; }"


def _shown_instead(page, key: str, lang: str) -> None:
    selector = dict((k, s) for s, k in REPLACED)[key]
    assert page.evaluate(AFTER_JS, selector) == css_string(t(key, lang)), f"{key}: {selector}"


def test_a_typed_as_of_date_applies_on_enter(page, app_url):
    open_page(page, f"{app_url}/overview?lang=zh-CN")
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
