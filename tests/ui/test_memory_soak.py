"""Memory as a shared server meets it: many populations, dates and rulebooks visited, and many
reruns of one page. What the server keeps is bounded and its memory comes back to its level
(measured in a process of its own: tests/ui/soak.py)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.ui.helpers import ROOT
from ui.data import DATASETS_KEPT


def soak(kind: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.soak", kind], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_twenty_populations_dates_and_rulebooks_leave_memory_where_the_first_two_left_it():
    """The server keeps DATASETS_KEPT populations (the current one and one to go back to);
    everything derived from the others (record matrices, plans, views, quantities, scores) goes
    with them, and the freed memory goes back to the system."""
    steps = soak("visits")["steps"]
    assert max(step["datasets"] for step in steps) <= DATASETS_KEPT, steps
    levels = [step["mib"] for step in steps]
    steady = levels[2]  # both kept populations are 100 k people from here on
    assert max(levels[3:]) <= 1.10 * steady, [round(level) for level in levels]


def test_two_hundred_reruns_of_a_page_do_not_grow_memory():
    """Reruns create objects that the collector must free: with long-lived objects frozen once
    (ui/runtime.py), what each run creates is still collected."""
    figures = soak("reruns")
    warm, end = figures["warm"], figures["end"]
    assert end["objects"] <= 1.05 * warm["objects"], figures
    assert end["mib"] <= 1.10 * warm["mib"], figures
