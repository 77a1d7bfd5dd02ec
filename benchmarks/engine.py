"""Engine benchmark: python -m benchmarks.engine --people 1000000

Prints the medians of generation, compile (once per dataset), an as-of view, plan (once per rule
structure), quantities (a full pass, once per as-of date), and two full re-scores of everyone
(caps, vetoes, tiers and eligibility included): after an edit of points, caps, vetoes, tiers or
eligibility (quantities cached), and after an edit of one rule's window (that rule's quantities
recomputed, people regrouped into profiles). Then peak memory, and the speed-ups of both over the
fixed pandas baseline of DESIGN.md (benchmarks/baseline.py, which shares no code with the engine),
measured on the same data in the same process after asserting identical results on the preset and
on an edited rulebook. The last line is `speedup=<number>` (the re-score after a points
edit).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

import numpy as np

from benchmarks.baseline import pandas_baseline
from scoring.engine import compile_dataset, score
from scoring.engine.compiled import build_record_matrix, view_as_of
from scoring.engine.plan import build_plan, structure_of
from scoring.engine.quantities import compute_quantities
from scoring.engine.scorer import plan_for
from scoring.rulebook import Rulebook, load_preset
from scoring.tuning.editing import set_tier_cutoffs
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _median_over(fn, inputs: list) -> float:
    """Median time of fn over distinct inputs (each one new to every cache)."""
    times = []
    for value in inputs:
        start = time.perf_counter()
        fn(value)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _with_rule(rulebook: Rulebook, rule_id: str, **changes) -> Rulebook:
    rules = [rule.model_copy(update=changes) if rule.id == rule_id else rule for rule in rulebook.rules]
    return rulebook.model_copy(update={"rules": rules})


def assert_same(dataset, compiled, rulebook: Rulebook) -> float:
    """The engine and the pandas baseline agree: the same people scored, scores within 1e-9,
    identical tiers. Returns the largest score difference."""
    result = score(compiled, rulebook)
    scores, tiers = pandas_baseline(dataset, rulebook, compiled.as_of)
    assert np.array_equal(np.isnan(scores), np.isnan(result.score)), f"{rulebook.id}: eligibility differs"
    diff = float(np.nanmax(np.abs(scores - result.score), initial=0.0))
    assert diff <= 1e-9, f"{rulebook.id}: scores differ by {diff}"
    differ = int((tiers != result.tier_labels()).sum())
    assert differ == 0, f"{rulebook.id}: {differ} tiers differ"
    return diff


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--rulebook", default="illustrative")
    parser.add_argument("--generate-repeat", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    rulebook = load_preset(args.rulebook)

    t_generate, dataset = timed(
        lambda: generate(GeneratorSettings(people=args.people, seed=args.seed)), args.generate_repeat
    )
    print(f"people={len(dataset.people):,} records={len(dataset.records):,} events={len(dataset.events):,}")
    print(f"generate_s_median={t_generate:.2f}")
    t_compile, matrix = timed(lambda: build_record_matrix(dataset), 3)
    print(
        f"compile_s_median={t_compile:.2f} (once per dataset) "
        f"matrix_MB={matrix.nbytes / 2**20:.0f} cells={len(matrix.columns):,}"
    )
    earlier = dataset.data_as_of - np.timedelta64(365, "D")
    t_view, _ = timed(lambda: view_as_of(matrix, earlier), 5)
    print(f"as_of_view_s_median={t_view:.3f} (another as-of date: ages, listings, list flags)")
    compiled = compile_dataset(dataset)
    t_plan, plan = timed(lambda: build_plan(matrix, structure_of(rulebook, matrix)), 3)
    print(f"plan_s_median={t_plan:.2f} plan_MB={plan.nbytes / 2**20:.0f} (once per rule structure, then cached)")
    result = score(compiled, rulebook)  # builds and caches the plan and the quantities
    plan = plan_for(compiled, rulebook)
    ranked = [rulebook.rules[r] for r in plan.rank_rule]
    t_quantities, quantities = timed(lambda: compute_quantities(compiled, plan, ranked), 5)
    print(
        f"quantities_ms_median={t_quantities * 1000:.0f} (a full pass, once per as-of date; "
        f"{quantities.n_profiles:,} profiles of {len(quantities.profile_rank):,} non-zero rule quantities)"
    )
    points_edits = [_with_rule(rulebook, "traffic_violation", points=-1.0 - k % 7) for k in range(args.repeat)]
    t_score = _median_over(lambda edited: score(compiled, edited), points_edits)
    print(f"rescore_ms_median={t_score * 1000:.1f} (repeat={args.repeat}; after a points edit; caps, vetoes, tiers)")
    quantile = set_tier_cutoffs(rulebook, "quantile", [1 / len(rulebook.tiers.ids)] * len(rulebook.tiers.ids))
    t_quantile, _ = timed(lambda: score(compiled, quantile), args.repeat)
    print(f"rescore_quantile_tiers_ms_median={t_quantile * 1000:.1f} (the same with tiers by quantile shares)")
    window_edits = [_with_rule(rulebook, "traffic_violation", window_months=1 + k) for k in range(args.repeat)]
    t_cold = _median_over(lambda edited: score(compiled, edited), window_edits)
    print(f"rescore_new_window_ms_median={t_cold * 1000:.1f} (repeat={args.repeat}; each a new window of one rule)")

    engine_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak_rss_MB_engine={engine_peak_mb:.0f} (generation, compile, plan, re-scores; before the baseline)")
    t_pandas, _ = timed(lambda: pandas_baseline(dataset, rulebook, compiled.as_of), 3)
    edited = _with_rule(
        _with_rule(rulebook, "traffic_violation", points=-7.0, window_months=6), "judgment_defaulter", window_months=24
    )
    diffs = [assert_same(dataset, compiled, r) for r in (rulebook, edited)]
    print(
        f"pandas_baseline_s_median={t_pandas:.2f} (its own eligibility, lists and ages; max score difference "
        f"{max(diffs):.1e} on the preset and on an edited rulebook; tiers identical)"
    )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak_rss_MB={peak_mb:.0f} (with the pandas baseline)")
    tiers = np.bincount(result.tier[result.eligible], minlength=len(rulebook.tiers.ids))
    print(
        "tier_shares=" + " ".join(f"{t}:{c / tiers.sum():.1%}" for t, c in zip(rulebook.tiers.ids, tiers, strict=True))
    )
    print(f"speedup_new_window={t_pandas / t_cold:.0f} (re-score after a window edit)")
    print(f"speedup={t_pandas / t_score:.0f}")


if __name__ == "__main__":
    main()
