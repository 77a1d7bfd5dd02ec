"""Real-browser fixtures: one app server per session, Debian's Chromium through Playwright."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.harness import CHROMIUM, app_server, launch_args

TEST_PEOPLE = 5000
SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"


def pytest_collection_modifyitems(items):
    if not CHROMIUM.exists():
        skip = pytest.mark.skip(
            reason=f"{CHROMIUM} is missing: run `make system-deps` (Debian chromium, fonts-noto-cjk)"
        )
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """The app served on a free port with a small population and a temporary store."""
    import os

    os.environ["CCL_STORE_PATH"] = str(tmp_path_factory.mktemp("store") / "store.duckdb")
    with app_server(TEST_PEOPLE) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options pointed at Debian's Chromium (no downloads)."""
    return {**browser_type_launch_args, **launch_args()}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 2600}, "locale": "zh-CN"}


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
