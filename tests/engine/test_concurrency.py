"""Several sessions score at once, as Streamlit's threads do on a shared server: the process
survives (numba's default workqueue layer aborts it on concurrent parallel kernels) and every
thread gets the scores it would get alone."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.ui.helpers import ROOT

SCRIPT = textwrap.dedent(
    """
    import threading
    import numpy as np
    from scoring.engine import compile_dataset, score
    from scoring.rulebook import list_presets, load_preset
    from synthetic.generate import generate
    from synthetic.settings import GeneratorSettings

    dataset = generate(GeneratorSettings(people=4000, seed=11))
    views = [compile_dataset(dataset, day) for day in ("2025-12-31", "2024-06-30", "2023-03-31")]
    jobs = [(view, preset) for view in views for preset in list_presets()]
    alone = {}
    results, errors = {}, []
    start = threading.Barrier(len(jobs))

    def run(index, view, preset):
        try:
            start.wait()
            for _ in range(5):
                results[index] = score(view, load_preset(preset)).score
        except BaseException as exc:
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(i, *job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    import numba
    for i, (view, preset) in enumerate(jobs):
        assert np.array_equal(results[i], score(view, load_preset(preset)).score, equal_nan=True), (i, preset)
    print("layer", numba.threading_layer())
    """
)


def test_threads_scoring_different_rulebooks_and_dates_at_once_get_their_own_scores():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "layer workqueue" not in done.stdout, "a thread-safe layer is pinned"


def test_the_engine_pins_a_thread_safe_layer_instead_of_falling_back_to_workqueue():
    """Without libgomp numba would silently fall back to workqueue; pinned, it fails loudly instead."""
    import numba

    import scoring.engine  # noqa: F401  (pins the layer on import)

    assert numba.config.THREADING_LAYER == "threadsafe"
