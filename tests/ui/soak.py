"""A server's memory under a visitor's session, measured in a process of its own (run by
tests/ui/test_memory_soak.py as `python -m tests.ui.soak VISITS|RERUNS`, printing JSON): the
test process holds datasets and memory of its own that would blur the figures.

AppTest runs the pages here with the server's own caches. Figures: the number of live datasets
(exact) and the resident memory in MiB after each step.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def resident_mib() -> float:
    gc.collect()
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def live_datasets() -> int:
    from scoring.dataset import Dataset

    gc.collect()
    return sum(isinstance(o, Dataset) for o in gc.get_objects())


def _app():
    from streamlit.testing.v1 import AppTest

    os.environ.setdefault("CCL_DEFAULT_PEOPLE", "5000")
    os.environ["CCL_STORE_PATH"] = str(Path(tempfile.mkdtemp(prefix="ccl-soak-")) / "store.duckdb")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    return at


def visits(count: int = 20) -> dict:
    """A visitor moves through (size, seed, as-of, rulebook) combinations."""
    from scoring.rulebook import list_presets

    at, presets, steps = _app(), list_presets(), []
    for visit in range(count):
        at.session_state["people"] = 100_000 if visit % 3 else 10_000
        at.session_state["seed"] = 7000 + visit
        at.session_state["as_of"] = dt.date(2025, 12, 31) - dt.timedelta(days=37 * visit)
        at.session_state["preset"] = presets[visit % len(presets)]
        at.run()
        if at.exception:
            raise RuntimeError(str(at.exception))
        steps.append({"datasets": live_datasets(), "mib": resident_mib()})
    return {"steps": steps}


def reruns(count: int = 200) -> dict:
    """One page rerun many times (filters, clicks), after 20 to warm up."""
    at = _app()
    at.switch_page("pages/distributions.py").run()
    for _ in range(20):
        at.run()
    warm = {"objects": len(gc.get_objects()), "mib": resident_mib()}
    for _ in range(count - 20):
        at.run()
        if at.exception:
            raise RuntimeError(str(at.exception))
    return {"warm": warm, "end": {"objects": len(gc.get_objects()), "mib": resident_mib()}}


if __name__ == "__main__":
    print(json.dumps({"visits": visits, "reruns": reruns}[sys.argv[1]]()))
