"""Score a compiled dataset with a rulebook, in milliseconds.

Three cached layers keep a re-score small: the plan (per rule structure: which cells each rule
reads), the quantities (per as-of date and per rule window, decay, unit and groups: how much of
each rule each person has, and the profiles people share), and then the re-score proper, which
turns profiles into points, caps, vetoes and tiers and copies them to the eligible people.
Eligibility leaves people unscored (never dropped).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from scoring.engine.compiled import Compiled
from scoring.engine.kernel import eligible_per_profile, per_person, profile_points
from scoring.engine.plan import Plan, build_plan, structure_of
from scoring.engine.quantities import Quantities, quantities_for
from scoring.rulebook import Eligibility, Rulebook, Tiers


def plan_for(compiled: Compiled, rulebook: Rulebook) -> Plan:
    """The plan for this rulebook's structure, kept by the record matrix (built on first use,
    shared by all as-of dates of the dataset)."""
    matrix = compiled.matrix
    structure = structure_of(rulebook, matrix)
    return matrix.plans.get(structure, lambda: build_plan(matrix, structure))


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


def tier_cutoffs(scores: np.ndarray, tiers: Tiers, counts: np.ndarray | None = None) -> np.ndarray:
    """Lower bounds of every tier but the last, best first, over the eligible people's scores,
    each held by `counts` people (one each by default; the re-score passes its profiles).

    In quantile mode a tier's bound is the score of the last person inside the cumulative share
    (ties go to the better tier), so shares can exceed their target only through ties.
    """
    if tiers.mode == "absolute":
        return np.array([level.min for level in tiers.levels[:-1]], dtype=np.float64)
    counts = np.ones(len(scores)) if counts is None else counts
    n = int(counts.sum())
    if n == 0:
        return np.full(len(tiers.levels) - 1, np.nan)
    cumulative = np.cumsum([level.share for level in tiers.levels[:-1]])
    ranks = np.clip(np.ceil(cumulative * n - 1e-9).astype(np.int64), 1, n)
    best_first = np.argsort(-scores)  # the order among equal scores does not change the values
    held = np.cumsum(counts[best_first])  # people at or above each score
    return scores[best_first[np.searchsorted(held, ranks)]]


def assign_tiers(score: np.ndarray, eligible: np.ndarray, cutoffs: np.ndarray) -> np.ndarray:
    """Tier index per person (0 = best), -1 for people who are not scored."""
    tier = np.zeros(len(score), dtype=np.int8)
    for cut in cutoffs:  # a handful of comparisons beats a binary search per person
        tier += score < cut
    tier[~eligible] = -1
    return tier


@dataclass(frozen=True, eq=False)
class ProfileResults:
    """The re-score of each profile (quantities.py); length P."""

    score: np.ndarray  # float64, within the score range
    tier: np.ndarray  # int8, after vetoes
    capped: np.ndarray  # bool
    veto_floor: np.ndarray  # int8
    vetoed: np.ndarray  # bool


@dataclass(frozen=True, eq=False)
class ScoreResult:
    """Scores of everyone in a compiled dataset under one rulebook. Arrays are length N."""

    compiled: Compiled
    rulebook: Rulebook
    plan: Plan
    quantities: Quantities
    tables: RankTables
    profiles: ProfileResults
    eligible: np.ndarray  # bool
    score: np.ndarray  # float64, NaN where not eligible
    tier: np.ndarray  # int8 index into tier_ids, -1 = unscored
    cutoffs: np.ndarray  # float64, lower bounds of tier_ids[:-1]

    @cached_property
    def vetoed(self) -> np.ndarray:
        """bool: a one-vote veto lowered or held the tier of an eligible person."""
        return self._of_eligible(self.profiles.vetoed, False)

    @cached_property
    def veto_floor(self) -> np.ndarray:
        """int8: the best tier index a veto still allows (0 = no veto)."""
        return self._of_eligible(self.profiles.veto_floor, 0)

    @cached_property
    def capped(self) -> np.ndarray:
        """bool: a rule, dimension or score cap bound for an eligible person."""
        return self._of_eligible(self.profiles.capped, False)

    def _of_eligible(self, per_profile: np.ndarray, otherwise) -> np.ndarray:
        return np.where(self.eligible, per_profile[self.quantities.profile_of], otherwise)

    @property
    def nbytes(self) -> int:
        """What this result holds of its own (the view, plan and quantities belong to their owners)."""
        return self.score.nbytes + self.tier.nbytes + self.eligible.nbytes + self.cutoffs.nbytes

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

    @cached_property
    def segment_points(self) -> np.ndarray:
        """Points of every plan segment, after groups and rule caps (for explanations and
        per-rule views; the re-score itself works on profiles)."""
        ranks = self.plan.seg_rank
        points = self.tables.points[ranks] * self.quantities.segment_quantity
        return np.clip(points, self.tables.rule_low[ranks], self.tables.rule_high[ranks])

    @cached_property
    def run_points(self) -> np.ndarray:
        """Points of every plan run (person, dimension), after the dimension's caps."""
        if len(self.plan.run_dim) == 0:
            return np.zeros(0)
        sums = np.add.reduceat(self.segment_points, self.plan.run_start[:-1])
        return np.clip(sums, self.tables.dim_low[self.plan.run_dim], self.tables.dim_high[self.plan.run_dim])

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


@dataclass(frozen=True)
class RankTables:
    """What the re-score reads of each rule (by rank) and dimension; caps absent are ±inf."""

    rank_dim: np.ndarray  # int16 R
    points: np.ndarray  # float64 R
    rule_low: np.ndarray
    rule_high: np.ndarray
    dim_low: np.ndarray  # float64 D
    dim_high: np.ndarray
    veto_tier: np.ndarray  # int8 R: the best tier a hit allows, -1 = no veto

    @classmethod
    def of(cls, rulebook: Rulebook, plan: Plan) -> RankTables:
        rules = [rulebook.rules[r] for r in plan.rank_rule]
        dims, tier_ids = rulebook.dimensions, rulebook.tiers.ids
        return cls(
            rank_dim=np.array([rulebook.dimension_ids.index(r.dimension) for r in rules], dtype=np.int16),
            points=np.array([r.points for r in rules], dtype=np.float64),
            rule_low=_bounds([r.cap_low for r in rules], -np.inf),
            rule_high=_bounds([r.cap_high for r in rules], np.inf),
            dim_low=_bounds([d.cap_low for d in dims], -np.inf),
            dim_high=_bounds([d.cap_high for d in dims], np.inf),
            veto_tier=np.array([tier_ids.index(r.veto.max_tier) if r.veto else -1 for r in rules], dtype=np.int8),
        )


def score(compiled: Compiled, rulebook: Rulebook) -> ScoreResult:
    """Score everyone; never reads the records, only the compiled matrix, its cached plan and
    the cached quantities (recomputed only when the date or a window, decay, unit or group
    restriction changes)."""
    plan = plan_for(compiled, rulebook)
    quantities = quantities_for(compiled, plan, [rulebook.rules[r] for r in plan.rank_rule])
    tables = RankTables.of(rulebook, plan)
    n_profiles = quantities.n_profiles
    total = np.empty(n_profiles)
    profile_capped = np.empty(n_profiles, dtype=np.bool_)
    profile_floor = np.empty(n_profiles, dtype=np.int8)
    profile_vetoed = np.empty(n_profiles, dtype=np.bool_)
    profile_points(
        quantities.profile_start, quantities.profile_rank, quantities.profile_quantity, quantities.profile_hit,
        tables.rank_dim, tables.points, tables.rule_low, tables.rule_high, tables.dim_low, tables.dim_high,
        tables.veto_tier, total, profile_capped, profile_floor, profile_vetoed,
    )  # fmt: skip
    raw = rulebook.score.base + total
    profile_score = np.clip(raw, rulebook.score.min, rulebook.score.max)
    profile_capped |= profile_score != raw

    eligible = eligibility_mask(compiled, rulebook.eligibility)
    if rulebook.tiers.mode == "quantile":
        holders = eligible_per_profile(quantities.profile_of, eligible, n_profiles)
        cutoffs = tier_cutoffs(profile_score, rulebook.tiers, holders)
    else:
        cutoffs = tier_cutoffs(profile_score, rulebook.tiers)
    profile_tier = np.maximum(assign_tiers(profile_score, np.ones(n_profiles, dtype=bool), cutoffs), profile_floor)

    n = compiled.n_people
    final, tier = np.empty(n), np.empty(n, dtype=np.int8)
    per_person(quantities.profile_of, eligible, profile_score, profile_tier, final, tier)
    return ScoreResult(
        compiled=compiled,
        rulebook=rulebook,
        plan=plan,
        quantities=quantities,
        tables=tables,
        profiles=ProfileResults(profile_score, profile_tier, profile_capped, profile_floor, profile_vetoed),
        eligible=eligible,
        score=final,
        tier=tier,
        cutoffs=cutoffs,
    )


def _bounds(values: list[float | None], missing: float) -> np.ndarray:
    return np.array([missing if v is None else v for v in values], dtype=np.float64)
