"""AppTest fixtures: a small population and a throw-away store, set before the app is imported."""

from __future__ import annotations

import pytest

from tests.ui.helpers import ROOT, TEST_PEOPLE


@pytest.fixture(autouse=True)
def _small_population(monkeypatch, tmp_path_factory):
    """Tests pick a tiny default population (AppTest renders in a second) and a temp store."""
    monkeypatch.setenv("CCL_DEFAULT_PEOPLE", str(TEST_PEOPLE))
    monkeypatch.setenv("CCL_STORE_PATH", str(tmp_path_factory.getbasetemp() / "store.duckdb"))


@pytest.fixture
def app():
    """The app after its first run (the default page, overview)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at
