"""The caps and vetoes that bound one person's result, as data a page says in words: a rule or
dimension whose caps took points back, the score range that clipped the total, and one-vote
vetoes that hold the tier down (whether or not the score alone would have placed it higher)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scoring.engine import ScoreResult
from scoring.person.waterfall import Step, rule_totals

BoundKind = Literal["rule_cap", "dimension_cap", "range", "veto"]


@dataclass(frozen=True)
class Bound:
    kind: BoundKind
    side: Literal["low", "high"] | None  # which cap or end of the range bound (None for a veto)
    limit: float | str  # the cap, the range's end, or the veto's tier id
    rule: str | None = None
    dimension: str | None = None
    lowered: bool = False  # a veto: the tier is worse than the score alone gives


def bounds(result: ScoreResult, person_id: int, steps: list[Step]) -> list[Bound]:
    """Bounds in the order they apply: rules, dimensions, the range, then vetoes."""
    if not result.eligible[person_id]:
        return []
    rulebook = result.rulebook
    rules = {r.id: r for r in rulebook.rules}
    dimensions = {d.id: d for d in rulebook.dimensions}
    totals, _ = rule_totals(result, person_id)
    found = [
        Bound("rule_cap", side, cap, rule=t.rule, dimension=t.dimension)
        for t in totals
        if t.points != t.raw
        for side, cap in [_side(t.raw, rules[t.rule].cap_low, rules[t.rule].cap_high)]
    ]
    for step in steps:
        if step.kind == "dimension_cap":
            dimension = dimensions[step.dimension]
            side, cap = _side(step.raw, dimension.cap_low, dimension.cap_high)
            found.append(Bound("dimension_cap", side, cap, dimension=step.dimension))
        elif step.kind == "range_clip":
            side = "low" if step.value > 0 else "high"
            found.append(Bound("range", side, rulebook.score.min if side == "low" else rulebook.score.max))
    by_score = _tier_by_score(result, float(result.score[person_id]))
    for total in totals:
        veto = rules[total.rule].veto
        if veto is not None and total.hit:
            floor = rulebook.tiers.ids.index(veto.max_tier)
            found.append(Bound("veto", None, veto.max_tier, rule=total.rule, lowered=floor > by_score))
    return found


def _side(raw: float, low: float | None, high: float | None) -> tuple[str, float]:
    return ("low", low) if low is not None and raw < low else ("high", high)


def _tier_by_score(result: ScoreResult, score: float) -> int:
    return int((score < result.cutoffs).sum())
