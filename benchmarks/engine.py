"""Engine benchmark: python -m benchmarks.engine --people 1000000

Prints the medians of generation, compile (once per dataset), an as-of view, plan (once per rule
structure), quantities (a full pass, once per as-of date), and two full re-scores of everyone
(caps, vetoes, tiers and eligibility included): after an edit of points, caps, vetoes, tiers or
eligibility (quantities cached), and after an edit of one rule's window (that rule's quantities
recomputed, people regrouped into profiles). Then peak memory, and the speed-ups of both over the
fixed pandas baseline of DESIGN.md, measured on the same data in the same process after
asserting identical results. The last line is `speedup=<number>` (the re-score after a points
edit).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

import numpy as np
import pandas as pd

from scoring.engine import compile_dataset, score
from scoring.engine.compiled import MAX_AGE_MONTHS, build_record_matrix, view_as_of
from scoring.engine.months import months_elapsed
from scoring.engine.plan import build_plan, structure_of
from scoring.engine.quantities import compute_quantities
from scoring.engine.scorer import eligibility_mask, plan_for
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


def pandas_baseline(
    dataset, rulebook: Rulebook, as_of: np.datetime64, eligible: np.ndarray, lists: dict[str, np.ndarray]
):
    """The straightforward implementation: merge records with rule weights, filter windows,
    group by (person, rule), clip, group by dimension, clip, sum, pd.cut into tiers, then vetoes.
    Eligibility and list membership are inputs (the same arrays the engine uses)."""
    rules = pd.DataFrame(
        [
            {
                "record_type": t,
                "rule": r.id,
                "dimension": r.dimension,
                "weight": r.points / r.per_units,
                "window": r.window_months or MAX_AGE_MONTHS + 1,
                "half_life": r.decay_half_life_months or np.inf,
                "cap_low": r.cap_low if r.cap_low is not None else -np.inf,
                "cap_high": r.cap_high if r.cap_high is not None else np.inf,
            }
            for r in rulebook.rules
            for t in r.matches
        ]
    )
    records = dataset.records
    records = records[(records["status"] == "valid") & (records["occurred_on"] <= pd.Timestamp(as_of))]
    frame = records[["person_id", "record_type", "quantity"]].assign(
        record_type=records["record_type"].astype(str),
        age=np.minimum(
            months_elapsed(records["occurred_on"].to_numpy().astype("datetime64[D]"), as_of), MAX_AGE_MONTHS
        ),
    )
    frame = frame.merge(rules, on="record_type")
    frame = frame[frame["age"] < frame["window"]]
    frame["points"] = frame["quantity"] * frame["weight"] * np.power(0.5, frame["age"] / frame["half_life"])
    groups = dataset.people["key_group"].astype(str).to_numpy()
    per_rule = frame.groupby(["person_id", "rule"], as_index=False)["points"].sum()
    per_rule = per_rule.merge(rules.drop_duplicates("rule")[["rule", "dimension", "cap_low", "cap_high"]], on="rule")
    allowed = pd.DataFrame(
        [(r.id, g, True) for r in rulebook.rules if r.groups != "all" for g in r.groups],
        columns=["rule", "group", "allowed"],
    )
    per_rule["group"] = groups[per_rule["person_id"].to_numpy()]
    per_rule = per_rule.merge(allowed, on=["rule", "group"], how="left")
    per_rule = per_rule[per_rule["allowed"].notna() | ~per_rule["rule"].isin(allowed["rule"])]
    per_rule["points"] = per_rule["points"].clip(per_rule["cap_low"], per_rule["cap_high"])
    for rule in rulebook.rules:
        for kind in rule.lists:
            listed = np.flatnonzero(lists[kind])
            per_rule = pd.concat(
                [
                    per_rule,
                    pd.DataFrame(
                        {
                            "person_id": listed,
                            "rule": rule.id,
                            "dimension": rule.dimension,
                            "points": float(rule.points),
                        }
                    ),
                ]
            )
    dims = pd.DataFrame(
        [
            {
                "dimension": d.id,
                "low": d.cap_low if d.cap_low is not None else -np.inf,
                "high": d.cap_high if d.cap_high is not None else np.inf,
            }
            for d in rulebook.dimensions
        ]
    )
    per_dim = per_rule.groupby(["person_id", "dimension"], as_index=False)["points"].sum().merge(dims, on="dimension")
    per_dim["points"] = per_dim["points"].clip(per_dim["low"], per_dim["high"])
    total = per_dim.groupby("person_id")["points"].sum().reindex(range(len(dataset.people)), fill_value=0.0)
    scores = (rulebook.score.base + total).clip(rulebook.score.min, rulebook.score.max).where(eligible)
    cuts = [-np.inf] + sorted(level.min for level in rulebook.tiers.levels[:-1]) + [np.inf]
    worst_first = list(reversed(rulebook.tiers.ids))
    tier = pd.cut(scores, cuts, right=False, labels=worst_first).cat.codes.to_numpy().copy()
    for rule in (r for r in rulebook.rules if r.veto):
        hits = frame.loc[frame["rule"] == rule.id, "person_id"].unique()
        if rule.lists:
            hits = np.union1d(hits, np.flatnonzero(np.logical_or.reduce([lists[k] for k in rule.lists])))
        if rule.groups != "all":
            hits = hits[np.isin(groups[hits], rule.groups)]
        hits = hits[eligible[hits]]
        tier[hits] = np.minimum(tier[hits], worst_first.index(rule.veto.max_tier))
    labels = np.array([*worst_first, ""], dtype=object)
    return scores.to_numpy(), labels[np.where(eligible, tier, -1)]


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
    as_of = compiled.as_of
    eligible = eligibility_mask(compiled, rulebook.eligibility)
    lists = {"red": compiled.red_list, "black": compiled.black_list}
    t_pandas, (base_scores, base_tiers) = timed(lambda: pandas_baseline(dataset, rulebook, as_of, eligible, lists), 3)
    diff = np.nanmax(np.abs(base_scores - result.score))
    assert np.array_equal(np.isnan(base_scores), np.isnan(result.score)), "eligibility differs"
    assert diff < 1e-6, f"scores differ by {diff}"
    differ = int((base_tiers != result.tier_labels()).sum())
    assert differ == 0, f"{differ} tiers differ"
    print(f"pandas_baseline_s_median={t_pandas:.2f} (max score difference {diff:.1e}; tiers identical)")
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
