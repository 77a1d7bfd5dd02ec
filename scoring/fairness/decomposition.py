"""Which rules drive a score gap: the difference between a group's mean score and a reference
group's, rule by rule.

A scored person's score is the base plus the sum over rules of the rule's points (points ×
quantity within the rule's own caps: the "at most −30" is part of a rule), plus what the
dimension caps take away, plus what clipping to the score range takes away. The same holds for
means, so a gap between two groups is the sum of

- one row per rule: the difference of the rule's mean points,
- `dimension_caps`: the difference of what dimension caps removed on average,
- `score_range`: the difference of what clipping to [min, max] removed on average,

and the rows add up to the gap exactly (the last row is defined as the score minus everything
else, so rounding cannot open a hole). One-vote vetoes lower tiers, never scores: they have no
row here. Computed on the engine's profiles (people with the same quantities share one), never
person by person: milliseconds at 1 M people.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError
from scoring.fairness.groups import Attribute
from scoring.fairness.metrics import check_attribute

BOUNDS = ("dimension_caps", "score_range")
COLUMNS = ("kind", "item", "group", "reference", "gap", "group_people", "reference_people")


def profile_parts(result) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per profile segment its rule points (after the rule's caps), and per profile what the
    dimension caps and the score range took away."""
    quantities, tables = result.quantities, result.tables
    n_profiles, n_dims = quantities.n_profiles, len(tables.dim_low)
    rank = quantities.profile_rank.astype(np.intp)
    segment_profile = np.repeat(np.arange(n_profiles), np.diff(quantities.profile_start))
    points = np.clip(tables.points[rank] * quantities.profile_quantity, tables.rule_low[rank], tables.rule_high[rank])
    key = segment_profile * n_dims + tables.rank_dim[rank]
    raw = np.bincount(key, weights=points, minlength=n_profiles * n_dims).reshape(n_profiles, n_dims)
    capped = np.clip(raw, tables.dim_low, tables.dim_high)
    dimension_caps = (capped - raw).sum(axis=1)
    rule_sum = np.bincount(segment_profile, weights=points, minlength=n_profiles)
    score_range = result.profiles.score - (result.rulebook.score.base + rule_sum + dimension_caps)
    return points, dimension_caps, score_range


def _holders(result, members: np.ndarray) -> np.ndarray:
    """Scored people of `members` per profile."""
    profile_of = result.quantities.profile_of
    chosen = members & np.asarray(result.eligible, dtype=bool)
    return np.bincount(profile_of[chosen], minlength=result.quantities.n_profiles).astype(np.float64)


def _position(groups: Attribute, label, name: str) -> int:
    index = groups.index()
    if label not in index:
        raise AnalysisInputError(f"{name}: {label!r} is not among the groups of {' × '.join(groups.parts)}")
    return int(index.get_loc(label))


def score_gap_by_rule(result, groups: Attribute, group, reference) -> pd.DataFrame:
    """Rows `kind` (`rule` or `bounds`), `item` (a rule id, in rulebook order, or one of
    `BOUNDS`), the mean of the group's and of the reference's scored people, `gap` (group −
    reference), which sums to the difference of the two mean scores, and how many scored people
    of each the row moves (`group_people`, `reference_people`: points, or a cap's cut, not zero;
    what small-cell hiding needs). Means are NaN when either group has nobody scored."""
    codes = check_attribute(result, groups)
    g, r = _position(groups, group, "group"), _position(groups, reference, "reference")
    points, dimension_caps, score_range = profile_parts(result)
    rank = result.quantities.profile_rank.astype(np.intp)
    segment_profile = np.repeat(np.arange(result.quantities.n_profiles), np.diff(result.quantities.profile_start))
    means, moved = [], []
    for position in (g, r):
        holders = _holders(result, codes == position)
        scored = holders.sum()
        totals = _by_row(
            result, rank, points * holders[segment_profile], [dimension_caps @ holders, score_range @ holders]
        )
        cut = [(dimension_caps != 0) @ holders, (score_range != 0) @ holders]
        people = _by_row(result, rank, (points != 0) * holders[segment_profile], cut)
        means.append(totals / scored if scored else np.full(len(totals), np.nan))
        moved.append(np.rint(people).astype(np.int64))
    items = [rule.id for rule in result.rulebook.rules]
    return pd.DataFrame(
        {
            "kind": ["rule"] * len(items) + ["bounds"] * len(BOUNDS),
            "item": [*items, *BOUNDS],
            "group": means[0],
            "reference": means[1],
            "gap": means[0] - means[1],
            "group_people": moved[0],
            "reference_people": moved[1],
        }
    )


def _by_row(result, rank: np.ndarray, per_segment: np.ndarray, bounds: list[float]) -> np.ndarray:
    """A per-segment quantity summed rule by rule (rulebook order), then the bounds' totals."""
    by_rule = np.zeros(len(result.rulebook.rules))
    by_rule[result.plan.rank_rule] = np.bincount(rank, weights=per_segment, minlength=len(result.plan.rank_rule))
    return np.concatenate([by_rule, bounds])
