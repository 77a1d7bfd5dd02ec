"""Score a compiled dataset with a rulebook, in milliseconds.

A rulebook and an as-of date become one weight per matrix column (points per unit × inside the
window × decay by age, or points × listing active); per-rule and per-dimension sums are sparse
products over the plan; caps are clips on contiguous slices; vetoes lower tiers; eligibility
leaves people unscored (never dropped).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.engine.compiled import MAX_AGE_MONTHS, Compiled, RecordMatrix
from scoring.engine.kernel import fused_points
from scoring.engine.plan import Plan, build_plan, structure_of
from scoring.rulebook import Eligibility, Rule, Rulebook, Tiers

PLANS_PER_DATASET = 4
_plans: weakref.WeakKeyDictionary[RecordMatrix, OrderedDict] = weakref.WeakKeyDictionary()
_plans_lock = threading.Lock()


def plan_for(compiled: Compiled, rulebook: Rulebook) -> Plan:
    """The cached plan for this rulebook's structure (built on first use, shared by all as-of
    dates of the dataset)."""
    matrix = compiled.matrix
    structure = structure_of(rulebook, matrix)
    with _plans_lock:
        cache = _plans.setdefault(matrix, OrderedDict())
        plan = cache.get(structure)
        if plan is None:
            plan = build_plan(matrix, structure)
            cache[structure] = plan
            while len(cache) > PLANS_PER_DATASET:
                cache.popitem(last=False)
        cache.move_to_end(structure)
        return plan


def rule_age_weights(rule: Rule) -> np.ndarray:
    """Points per unit for a record of each age in months (0 … MAX_AGE_MONTHS): zero outside
    the window, halved every `decay_half_life_months`. Ages of 20 years or more count as 20
    years, outside every window."""
    ages = np.arange(MAX_AGE_MONTHS + 1, dtype=np.float64)
    weights = np.full(MAX_AGE_MONTHS + 1, rule.points / rule.per_units)
    if rule.window_months is not None:
        weights[rule.window_months :] = 0.0
    if rule.decay_half_life_months is not None:
        weights *= 0.5 ** (ages / rule.decay_half_life_months)
    return weights


def rank_weights(compiled: Compiled, rulebook: Rulebook, plan: Plan) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The kernel's weight tables as of the compiled date: each day's age in months (days after
    the date map to an extra age whose weight is zero), points per unit of each rule rank by age,
    and each rule rank's points for an active listing."""
    age_of_day = np.where(compiled.day_ages < 0, MAX_AGE_MONTHS + 1, compiled.day_ages).astype(np.int16)
    by_age = np.zeros((len(plan.rank_rule), MAX_AGE_MONTHS + 2))
    list_points = np.zeros(len(plan.rank_rule))
    for rank, r in enumerate(plan.rank_rule):
        rule = rulebook.rules[r]
        by_age[rank, : MAX_AGE_MONTHS + 1] = rule_age_weights(rule)
        list_points[rank] = rule.points if rule.lists else 0.0
    return age_of_day, by_age, list_points


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
    tier = np.zeros(len(score), dtype=np.int8)
    for cut in cutoffs:  # a handful of comparisons beats a binary search per person
        tier += score < cut
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
    veto_floor: np.ndarray  # int8: the best tier index a veto still allows (0 = no veto)
    capped: np.ndarray  # bool: a rule, dimension or score cap bound
    segment_points: np.ndarray  # per (person, rule) segment, after groups and rule caps
    run_points: np.ndarray  # per (person, dimension) run, after dimension caps

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
        out[self.plan.run_rows, self.plan.run_dim] = self.run_points
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
    rules = [rulebook.rules[r] for r in plan.rank_rule]
    dims = rulebook.dimensions
    group_ids = compiled.dataset.catalogues.key_group_ids
    allowed = np.array(
        [[rule.groups == "all" or g in rule.groups for g in group_ids] for rule in rules], dtype=np.bool_
    )
    n_people = compiled.n_people
    segment_points = np.empty(len(plan.seg_rank))
    run_points = np.empty(len(plan.run_dim))
    total = np.empty(n_people)
    capped = np.empty(n_people, dtype=np.bool_)
    fused_points(
        plan.person_start, plan.run_start, plan.run_dim, plan.seg_start, plan.seg_rank, plan.cell_x, plan.cell_qty,
        *rank_weights(compiled, rulebook, plan), compiled.listing_active,
        allowed, compiled.group_codes,
        _bounds([r.cap_low for r in rules], -np.inf), _bounds([r.cap_high for r in rules], np.inf),
        _bounds([d.cap_low for d in dims], -np.inf), _bounds([d.cap_high for d in dims], np.inf),
        segment_points, run_points, total, capped,
    )  # fmt: skip
    raw = rulebook.score.base + total
    final = np.clip(raw, rulebook.score.min, rulebook.score.max)
    capped |= final != raw
    eligible = eligibility_mask(compiled, rulebook.eligibility)
    final[~eligible] = np.nan
    cutoffs = tier_cutoffs(final, eligible, rulebook.tiers)
    floor, vetoed = veto_floors(compiled, plan, rules, rulebook.tiers.ids, eligible)
    tier = assign_tiers(final, eligible, cutoffs)
    np.maximum(tier, floor, out=tier, where=eligible)
    return ScoreResult(
        compiled=compiled,
        rulebook=rulebook,
        plan=plan,
        eligible=eligible,
        score=final,
        tier=tier,
        cutoffs=cutoffs,
        vetoed=vetoed,
        veto_floor=floor,
        capped=capped & eligible,
        segment_points=segment_points,
        run_points=run_points,
    )


def _bounds(values: list[float | None], missing: float) -> np.ndarray:
    return np.array([missing if v is None else v for v in values], dtype=np.float64)


def veto_floors(compiled, plan, rules, tier_ids, eligible) -> tuple[np.ndarray, np.ndarray]:
    """Per person, the best tier a one-vote veto still allows (0 = none), and who is vetoed:
    an eligible person with a vetoing record inside the rule's window, or on the list it reads."""
    floor = np.zeros(compiled.n_people, dtype=np.int8)
    vetoed = np.zeros(compiled.n_people, dtype=bool)
    group_ids = np.array(compiled.dataset.catalogues.key_group_ids)
    matrix = compiled.matrix
    for rank, rule in enumerate(rules):
        segments = plan.segments_by_rank[rank]
        if rule.veto is None or len(segments) == 0:
            continue
        cells, owner = plan.cells_of(segments)
        columns = plan.cell_col[cells]
        is_listing = columns >= matrix.listing_base
        window = MAX_AGE_MONTHS + 1 if rule.window_months is None else rule.window_months
        age = compiled.day_ages[columns[~is_listing] % matrix.n_days]
        in_window = np.empty(len(columns), dtype=bool)
        in_window[~is_listing] = (age >= 0) & (age < window)
        in_window[is_listing] = compiled.listing_active[columns[is_listing] - matrix.listing_base]
        hit = np.zeros(len(segments), dtype=bool)
        hit[owner[in_window]] = True
        people = plan.seg_rows[segments[hit]]
        if rule.groups != "all":
            people = people[np.isin(group_ids, rule.groups)[compiled.group_codes[people]]]
        people = people[eligible[people]]
        floor[people] = np.maximum(floor[people], np.int8(tier_ids.index(rule.veto.max_tier)))
        vetoed[people] = True
    return floor, vetoed
