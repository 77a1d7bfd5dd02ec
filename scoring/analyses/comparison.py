"""Baseline against reform: small pure functions of two score results returning plain values
(as PolicyEngine's compare.py does for tax reforms).

Both results must score the same people as of the same date; only the rulebook differs.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.engine import ScoreResult


@dataclass(frozen=True)
class Change:
    """One figure under the baseline and under the reform."""

    baseline: float
    reform: float

    @property
    def change(self) -> float:
        return self.reform - self.baseline


@dataclass(frozen=True)
class HeadlineEffects:
    """What a reform does at a glance: who is scored, their mean score, the best tier's share
    of everyone (the reform's best tier; the baseline's own best tier for its figure)."""

    scored: Change
    mean_score: Change
    best_tier: str
    best_tier_share: Change


def check_comparable(baseline: ScoreResult, reform: ScoreResult) -> None:
    """Refuse two results that do not score the same people as of the same date."""
    if baseline.compiled.matrix is not reform.compiled.matrix:
        raise ValueError("baseline and reform score different datasets; compare them on the same people")
    if baseline.compiled.as_of != reform.compiled.as_of:
        raise ValueError(
            f"baseline is as of {baseline.compiled.as_of} and reform as of {reform.compiled.as_of}; "
            "compare them as of the same date"
        )


def headline_effects(baseline: ScoreResult, reform: ScoreResult) -> HeadlineEffects:
    check_comparable(baseline, reform)
    return HeadlineEffects(
        scored=Change(float(baseline.eligible.sum()), float(reform.eligible.sum())),
        mean_score=Change(_mean_score(baseline), _mean_score(reform)),
        best_tier=reform.tier_ids[0],
        best_tier_share=Change(float((baseline.tier == 0).mean()), float((reform.tier == 0).mean())),
    )


def _mean_score(result: ScoreResult) -> float:
    """Mean score of the scored people; NaN when nobody is scored."""
    scored = result.score[result.eligible]
    return float(scored.mean()) if len(scored) else float("nan")
