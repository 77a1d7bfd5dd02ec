"""AppTest fixtures: a small population and a throw-away store, set before the app is imported."""

from __future__ import annotations

import pytest

from tests.ui.helpers import ROOT, TEST_PEOPLE


@pytest.fixture(autouse=True)
def _fresh_server(monkeypatch, tmp_path):
    """Each test as a new server would meet it: a tiny default population (AppTest renders in a
    second), its own empty store, and no datasets, scores or scenarios cached by an earlier test
    (st.cache_resource is process-wide)."""
    import streamlit as st

    monkeypatch.setenv("CCL_DEFAULT_PEOPLE", str(TEST_PEOPLE))
    monkeypatch.setenv("CCL_STORE_PATH", str(tmp_path / "store.duckdb"))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture
def app():
    """The app after its first run (the default page, overview)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at
