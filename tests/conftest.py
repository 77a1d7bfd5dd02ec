"""Fixtures shared across the suite."""

from __future__ import annotations

import pytest

from scoring.store import Store


@pytest.fixture
def store(tmp_path):
    """A migrated store in a file of its own."""
    with Store(tmp_path / "store.duckdb") as opened:
        opened.migrate()
        yield opened
