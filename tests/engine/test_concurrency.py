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


def test_a_slow_plan_build_for_one_dataset_does_not_hold_up_another_datasets_rescore(monkeypatch):
    """Per-key builds: one session's new rulebook structure on a big population must not stall
    another session's re-score of its own population."""
    import threading
    import time

    import scoring.engine.scorer as scorer
    from scoring.engine import compile_dataset, score
    from scoring.rulebook import load_preset
    from synthetic.generate import generate
    from synthetic.settings import GeneratorSettings

    slow, fast = (compile_dataset(generate(GeneratorSettings(people=500, seed=s))) for s in (1, 2))
    rulebook = load_preset("illustrative")
    score(fast, rulebook)  # warm: its plan and quantities exist
    release, started = threading.Event(), threading.Event()
    real_build = scorer.build_plan

    def held_build(matrix, structure):
        if matrix is slow.matrix:
            started.set()
            release.wait(30)
        return real_build(matrix, structure)

    monkeypatch.setattr(scorer, "build_plan", held_build)
    blocked = threading.Thread(target=score, args=(slow, rulebook))
    blocked.start()
    assert started.wait(30)
    begun = time.perf_counter()
    lower_base = rulebook.model_copy(update={"score": rulebook.score.model_copy(update={"base": 900})})
    score(fast, lower_base)
    waited = time.perf_counter() - begun
    release.set()
    blocked.join()
    assert waited < 5, f"the re-score waited {waited:.1f} s for another dataset's plan build"
