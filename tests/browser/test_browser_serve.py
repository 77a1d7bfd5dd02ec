"""The dashboard as `make demo` serves it (serve.py): the overview for a first-time visitor, drawn
from static files that arrived gzipped."""

from __future__ import annotations

import pytest

from tests.browser.conftest import TEST_PEOPLE
from tests.browser.harness import app_server, first_view

pytestmark = pytest.mark.browser
ENCODING = "content-encoding"


def test_a_first_time_visitor_of_the_demo_gets_the_overview_from_compressed_files(browser, tmp_path, monkeypatch):
    monkeypatch.setenv("CCL_STORE_PATH", str(tmp_path / "store.duckdb"))
    encodings: dict[str, str | None] = {}
    with app_server(TEST_PEOPLE, script="serve.py") as url:
        context = browser.new_context()
        context.on("response", lambda r: encodings.setdefault(r.url.rsplit("/", 1)[-1], r.headers.get(ENCODING)))
        view = first_view(context, f"{url}/?lang=zh-CN")
        context.close()
    bundles = {name: encoding for name, encoding in encodings.items() if name.endswith((".js", ".css"))}
    assert bundles and set(bundles.values()) == {"gzip"}, bundles
    assert any(name.startswith("PlotlyChart.") for name in bundles)  # the chart came from them
    assert view.transferred < view.decoded / 2
