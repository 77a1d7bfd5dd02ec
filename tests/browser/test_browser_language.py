"""Chinese throughout, English throughout: every page as drawn in Chromium, in each language,
shows no word of the other language and no raw id, Streamlit's own widgets and Plotly's mode
bar included."""

from __future__ import annotations

import pytest

from tests.browser.harness import open_page
from tests.browser.language import chart_tooltips, leaks, visible_text
from tests.browser.test_browser_pages import PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("path", list(PAGES))
def test_a_page_speaks_one_language(page, app_url, path, lang):
    open_page(page, f"{app_url}/{path}?lang={lang}")
    assert leaks(visible_text(page), lang) == []
    assert leaks(chart_tooltips(page), lang) == [], "Plotly's mode bar speaks the page's language"
