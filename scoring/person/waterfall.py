"""From the base score to the final score in steps that add up exactly: each rule's points after
its caps (by dimension), a step where a dimension's cap took points back, and a step where the
score range clipped the total.

Read from the engine's own arrays (points × quantity per plan segment, capped as the re-score
caps them), so the steps are the engine's arithmetic, not a second implementation of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from scoring.engine import ScoreResult

StepKind = Literal["base", "rule", "dimension_cap", "range_clip", "score"]


@dataclass(frozen=True)
class Step:
    """One bar. `rule` and `dimension` are ids (None where they do not apply); `raw` is a rule's
    points before its caps, or the total before the cap or clip the step stands for."""

    kind: StepKind
    value: float  # the bar's height (base and score: the level itself)
    dimension: str | None = None
    rule: str | None = None
    raw: float | None = None


@dataclass(frozen=True)
class RuleTotal:
    """A rule that read something of the person: points before and after its caps, and whether
    a record in its window (or an active listing) triggered its veto."""

    rule: str
    dimension: str
    raw: float
    points: float
    hit: bool


@dataclass(frozen=True)
class DimensionTotal:
    dimension: str
    raw: float  # the sum of its rules' points after their caps
    points: float  # after the dimension's caps


def rule_totals(result: ScoreResult, person_id: int) -> tuple[list[RuleTotal], list[DimensionTotal]]:
    """The person's rules and dimensions in rank order (dimension order, then rulebook order)."""
    plan, rulebook = result.plan, result.rulebook
    rules, dimensions = [], []
    for run in range(plan.person_start[person_id], plan.person_start[person_id + 1]):
        dimension = rulebook.dimension_ids[plan.run_dim[run]]
        capped = 0.0
        for segment in range(plan.run_start[run], plan.run_start[run + 1]):
            rank = plan.seg_rank[segment]
            raw = float(result.tables.points[rank] * result.quantities.segment_quantity[segment])
            points = float(result.segment_points[segment])
            rule = rulebook.rules[plan.rank_rule[rank]].id
            rules.append(RuleTotal(rule, dimension, raw, points, bool(result.quantities.segment_hit[segment])))
            capped += points
        dimensions.append(DimensionTotal(dimension, capped, float(result.run_points[run])))
    return rules, dimensions


def waterfall(result: ScoreResult, person_id: int) -> list[Step]:
    """Steps from the base to the score; empty for an unscored person. Rules with no points
    (nothing in the window, or outside their groups) are left out."""
    if not result.eligible[person_id]:
        return []
    rules, dimensions = rule_totals(result, person_id)
    base = result.rulebook.score.base
    steps = [Step("base", base)]
    for dimension in dimensions:
        steps += [
            Step("rule", r.points, r.dimension, r.rule, r.raw)
            for r in rules
            if r.dimension == dimension.dimension and r.points != 0
        ]
        if dimension.points != dimension.raw:
            steps.append(
                Step("dimension_cap", dimension.points - dimension.raw, dimension.dimension, raw=dimension.raw)
            )
    total = base + sum(d.points for d in dimensions)  # as the re-score adds them
    clipped = float(np.clip(total, result.rulebook.score.min, result.rulebook.score.max))
    if clipped != total:
        steps.append(Step("range_clip", clipped - total, raw=total))
    steps.append(Step("score", clipped))
    return steps
