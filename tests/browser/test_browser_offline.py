"""The dashboard works without the internet: every page, on load and on a rerun, asks only the
server it came from (no icon, font or script from an outside host)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.harness import open_page, wait_for_run
from tests.browser.test_browser_pages import PAGES

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def test_no_page_asks_any_host_but_the_server_on_load_or_rerun(page, app_url, screenshots):
    outside: list[str] = []

    def note(request) -> None:
        url = urlsplit(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in LOCAL_HOSTS:
            outside.append(f"{request.resource_type} {request.url}")

    page.context.on("request", note)
    for path in PAGES:
        open_page(page, f"{app_url}/{path}?lang=zh-CN")
        page.locator("[data-testid='stMain'] h1").click()
        page.keyboard.press("r")  # Streamlit's rerun key
        wait_for_run(page)
        page.wait_for_timeout(500)  # a favicon or font asked for by the rerun has been asked for by now
        assert page.get_by_test_id("stException").count() == 0, path
    page.screenshot(path=screenshots / "offline-about.png")
    assert outside == []
    icon = page.evaluate("() => document.querySelector('link[rel~=\"icon\"]').href")
    assert icon.startswith(f"{app_url}/media/"), icon
    assert page.request.get(icon).headers["content-type"] == "image/png"
