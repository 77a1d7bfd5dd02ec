"""Fixtures shared across the suite."""

from __future__ import annotations

import pytest
from hypothesis import settings

from scoring.store import Store

# Machines are shared and noisy (the team's rule: speed lives in benchmarks, not in timed tests):
# Hypothesis' per-example deadline of 200 ms failed a property test under a load of 5 on 2 cores.
settings.register_profile("shared", deadline=None)
settings.load_profile("shared")


@pytest.fixture
def store(tmp_path):
    """A migrated store in a file of its own."""
    with Store(tmp_path / "store.duckdb") as opened:
        opened.migrate()
        yield opened
