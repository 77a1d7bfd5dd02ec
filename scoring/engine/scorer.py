"""Score a compiled dataset with a rulebook, in milliseconds.

A rulebook becomes one weight per matrix column (points per unit × in window × decay by age);
per-rule and per-dimension sums are segment sums over the plan's cell order; caps are clips on
those sums; vetoes lower tiers; eligibility leaves people unscored (never dropped).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.engine.compiled import AGE_BUCKETS, LIST_COLUMNS, Compiled
from scoring.engine.plan import Plan, build_plan, structure_of
from scoring.rulebook import Eligibility, Rule, Rulebook, Tiers

PLANS_PER_DATASET = 4
_plans: weakref.WeakKeyDictionary[Compiled, OrderedDict] = weakref.WeakKeyDictionary()
_plans_lock = threading.Lock()
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="score")
PARALLEL_MIN_CELLS = 200_000  # below this, a second thread costs more than it saves


def plan_for(compiled: Compiled, rulebook: Rulebook) -> Plan:
    """The cached plan for this rulebook's structure (built on first use)."""
    structure = structure_of(rulebook, compiled)
    with _plans_lock:
        cache = _plans.setdefault(compiled, OrderedDict())
        plan = cache.get(structure)
        if plan is None:
            plan = build_plan(compiled, structure)
            cache[structure] = plan
            while len(cache) > PLANS_PER_DATASET:
                cache.popitem(last=False)
        cache.move_to_end(structure)
        return plan


def rule_age_weights(rule: Rule) -> np.ndarray:
    """Points per unit for a record of each age in months: zero outside the window, halved
    every `decay_half_life_months`. The last bucket (20 years or older) is outside any window."""
    ages = np.arange(AGE_BUCKETS, dtype=np.float64)
    weights = np.full(AGE_BUCKETS, rule.points / rule.per_units)
    if rule.window_months is not None:
        weights[rule.window_months :] = 0.0
    if rule.decay_half_life_months is not None:
        weights *= 0.5 ** (ages / rule.decay_half_life_months)
    return weights


def column_weights(compiled: Compiled, rulebook: Rulebook) -> np.ndarray:
    type_index = {t: i for i, t in enumerate(compiled.dataset.catalogues.record_type_ids)}
    weights = np.zeros(compiled.n_columns)
    for rule in rulebook.rules:
        by_age = rule_age_weights(rule)
        for t in rule.matches:
            start = type_index[t] * AGE_BUCKETS
            weights[start : start + AGE_BUCKETS] = by_age
        for kind in rule.lists:
            weights[compiled.list_column(kind)] = rule.points
    return weights


def eligibility_mask(compiled: Compiled, rules: Eligibility) -> np.ndarray:
    """Who may be scored: age, consent and hukou (non-local people after enough insured months)."""
    eligible = compiled.age_years >= rules.min_age
    if rules.consent_required:
        eligible &= compiled.consent
    if rules.non_local_min_insured_months is not None:
        non_local_ok = compiled.insured_months >= rules.non_local_min_insured_months
    else:
        non_local_ok = np.full(compiled.n_people, rules.hukou == "any")
    return eligible & (compiled.is_local | non_local_ok)


def tier_cutoffs(score: np.ndarray, eligible: np.ndarray, tiers: Tiers) -> np.ndarray:
    """Lower bounds of every tier but the last, best first.

    In quantile mode a tier's bound is the score of the last person inside the cumulative share
    (ties go to the better tier), so shares can exceed their target only through ties.
    """
    if tiers.mode == "absolute":
        return np.array([level.min for level in tiers.levels[:-1]], dtype=np.float64)
    scores = score[eligible]
    if len(scores) == 0:
        return np.full(len(tiers.levels) - 1, np.nan)
    cumulative = np.cumsum([level.share for level in tiers.levels[:-1]])
    ranks = np.clip(np.ceil(cumulative * len(scores) - 1e-9).astype(np.int64), 1, len(scores))
    positions = len(scores) - ranks  # ascending position of the rank-th best score
    return np.partition(scores, np.unique(positions))[positions]


def assign_tiers(score: np.ndarray, eligible: np.ndarray, cutoffs: np.ndarray) -> np.ndarray:
    """Tier index per person (0 = best), -1 for people who are not scored."""
    ascending = cutoffs[::-1]
    tier = (len(cutoffs) - np.searchsorted(ascending, score, side="right")).astype(np.int8)
    tier[~eligible] = -1
    return tier


@dataclass(frozen=True, eq=False)
class ScoreResult:
    """Scores of everyone in a compiled dataset under one rulebook. Arrays are length N."""

    compiled: Compiled
    rulebook: Rulebook
    plan: Plan
    eligible: np.ndarray  # bool
    score: np.ndarray  # float64, NaN where not eligible
    tier: np.ndarray  # int8 index into tier_ids, -1 = unscored
    cutoffs: np.ndarray  # float64, lower bounds of tier_ids[:-1]
    vetoed: np.ndarray  # bool: a one-vote veto lowered or held the tier
    capped: np.ndarray  # bool: a rule, dimension or score cap bound
    segment_points: np.ndarray  # per (person, rule) segment, after groups and rule caps
    dimension_run_points: np.ndarray  # per (person, dimension) run, after dimension caps

    @property
    def tier_ids(self) -> tuple[str, ...]:
        return self.rulebook.tiers.ids

    @property
    def dimension_ids(self) -> tuple[str, ...]:
        return self.rulebook.dimension_ids

    @property
    def red_list(self) -> np.ndarray:
        return self.compiled.red_list

    @property
    def black_list(self) -> np.ndarray:
        return self.compiled.black_list

    def dimension_points(self) -> np.ndarray:
        """Points per person and dimension (N × D, after caps); zero where nothing scored."""
        out = np.zeros((self.compiled.n_people, len(self.dimension_ids)))
        out[self.plan.dimension_rows, self.plan.dimension_codes] = self.dimension_run_points
        return out

    def tier_labels(self) -> np.ndarray:
        """Tier ids as strings, empty for unscored people."""
        labels = np.array([*self.tier_ids, ""], dtype=object)
        return labels[self.tier]

    def to_frame(self) -> pd.DataFrame:
        """One row per person: the batch output (`python -m scoring`)."""
        frame = pd.DataFrame(
            {
                "person_id": self.compiled.people["person_id"].to_numpy(),
                "eligible": self.eligible,
                "score": self.score,
                "tier": pd.Categorical(self.tier_labels(), categories=[*self.tier_ids, ""]),
                "red_list": self.red_list,
                "black_list": self.black_list,
                "vetoed": self.vetoed,
                "capped": self.capped,
            }
        )
        points = self.dimension_points()
        for d, dim in enumerate(self.dimension_ids):
            frame[f"points_{dim}"] = np.where(self.eligible, points[:, d], np.nan)
        return frame


def score(compiled: Compiled, rulebook: Rulebook) -> ScoreResult:
    """Score everyone; never reads the records, only the compiled matrix and its cached plan."""
    plan = plan_for(compiled, rulebook)
    weights = column_weights(compiled, rulebook)
    rules = [rulebook.rules[r] for r in plan.rank_rule]
    n_people = compiled.n_people
    capped = np.zeros(n_people, dtype=bool)

    segment_points = _segment_sums(plan, weights)
    group_codes = compiled.group_codes
    group_ids = compiled.dataset.catalogues.key_group_ids
    for rank, rule in enumerate(rules):
        if rule.groups != "all":
            segments = plan.segments_by_rank[rank]
            allowed = np.isin(np.array(group_ids), rule.groups)
            segment_points[segments[~allowed[group_codes[plan.segment_rows[segments]]]]] = 0.0
        if rule.cap_low is not None or rule.cap_high is not None:
            segments = plan.segments_by_rank[rank]
            _clip_into(segment_points, segments, rule.cap_low, rule.cap_high, capped, plan.segment_rows)

    if len(plan.segment_starts):
        dimension_points = np.add.reduceat(segment_points, plan.dimension_starts)
    else:
        dimension_points = np.zeros(0)
    for d, dim in enumerate(rulebook.dimensions):
        if dim.cap_low is not None or dim.cap_high is not None:
            runs = plan.segments_by_dimension_run[d] if d < len(plan.segments_by_dimension_run) else np.zeros(0, np.intp)
            _clip_into(dimension_points, runs, dim.cap_low, dim.cap_high, capped, plan.dimension_rows)

    total = np.zeros(n_people)
    if len(dimension_points):
        total[plan.person_rows] = np.add.reduceat(dimension_points, plan.person_starts)
    raw = rulebook.score.base + total
    final = np.clip(raw, rulebook.score.min, rulebook.score.max)
    capped |= final != raw

    eligible = eligibility_mask(compiled, rulebook.eligibility)
    final[~eligible] = np.nan
    cutoffs = tier_cutoffs(final, eligible, rulebook.tiers)
    tier = assign_tiers(final, eligible, cutoffs)
    vetoed = _apply_vetoes(compiled, plan, rules, rulebook.tiers.ids, tier, eligible)
    capped &= eligible
    return ScoreResult(
        compiled=compiled,
        rulebook=rulebook,
        plan=plan,
        eligible=eligible,
        score=final,
        tier=tier,
        cutoffs=cutoffs,
        vetoed=vetoed,
        capped=capped,
        segment_points=segment_points,
        dimension_run_points=dimension_points,
    )


def _segment_sums(plan: Plan, weights: np.ndarray) -> np.ndarray:
    """Σ quantity × weight[column] per (person, rule) segment, on two threads when large."""
    n_segments = len(plan.segment_starts)
    out = np.empty(n_segments)
    if n_segments == 0:
        return out
    if len(plan.columns) < PARALLEL_MIN_CELLS:
        _sum_part(plan, weights, 0, n_segments, out)
        return out
    half = n_segments // 2
    parts = [_pool.submit(_sum_part, plan, weights, lo, hi, out) for lo, hi in ((0, half), (half, n_segments))]
    for part in parts:
        part.result()
    return out


def _sum_part(plan: Plan, weights: np.ndarray, first: int, last: int, out: np.ndarray) -> None:
    """Segments [first, last): numpy releases the GIL in take, multiply and reduceat."""
    cell_lo = plan.segment_starts[first]
    cell_hi = plan.segment_starts[last] if last < len(plan.segment_starts) else len(plan.columns)
    values = np.take(weights, plan.columns[cell_lo:cell_hi])
    np.multiply(values, plan.quantities[cell_lo:cell_hi], out=values)
    out[first:last] = np.add.reduceat(values, plan.segment_starts[first:last] - cell_lo)


def _clip_into(values, index, low, high, capped, rows) -> None:
    """Clip values[index] to [low, high] in place and mark the people whose value moved."""
    if len(index) == 0:
        return
    before = values[index]
    after = np.clip(before, -np.inf if low is None else low, np.inf if high is None else high)
    values[index] = after
    capped[rows[index[after != before]]] = True


def _apply_vetoes(compiled, plan, rules, tier_ids, tier, eligible) -> np.ndarray:
    """Place people with a vetoing record inside its window no higher than the veto's tier."""
    vetoed = np.zeros(compiled.n_people, dtype=bool)
    group_codes = compiled.group_codes
    group_ids = np.array(compiled.dataset.catalogues.key_group_ids)
    list_columns = {compiled.list_column(kind) for kind in LIST_COLUMNS}
    for rank, rule in enumerate(rules):
        if rule.veto is None:
            continue
        segments = plan.segments_by_rank[rank]
        cells, owner = plan.cells_of_segments(segments)
        columns = plan.columns[cells].astype(np.int64)
        is_list = np.isin(columns, list(list_columns))
        in_window = is_list | (rule.window_months is None) | ((columns % AGE_BUCKETS) < (rule.window_months or 0))
        hit = np.zeros(len(segments), dtype=bool)
        hit[owner[in_window]] = True
        people = plan.segment_rows[segments[hit]]
        if rule.groups != "all":
            people = people[np.isin(group_ids, rule.groups)[group_codes[people]]]
        people = people[eligible[people]]
        cap = np.int8(tier_ids.index(rule.veto.max_tier))
        tier[people] = np.maximum(tier[people], cap)
        vetoed[people] = True
    return vetoed
