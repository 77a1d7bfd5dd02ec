"""Baseline against reform: small pure functions of two score results returning plain values
(as PolicyEngine's compare.py does for tax reforms).

Both results must score the same people as of the same date; only the rulebook differs. The
argument checks every comparison shares live here; each analysis is a module of its own
(transitions, movers, score_changes, eligibility_changes, vetoes, incentives).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.analyses.arguments import group_codes
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


def check_groups(
    result: ScoreResult, codes: np.ndarray | None, labels: Sequence[str] | None
) -> tuple[np.ndarray, list]:
    """Group codes (one per person, 0 … len(labels) - 1) and their labels, checked against the
    people scored; without codes everyone is one group, `all`."""
    return group_codes(codes, labels, len(result.eligible))


def check_mask(result: ScoreResult, mask: np.ndarray | None) -> np.ndarray:
    """The people selected (a boolean per person; everyone without a mask)."""
    n = len(result.eligible)
    if mask is None:
        return np.ones(n, dtype=bool)
    mask = np.asarray(mask)
    if mask.dtype != bool or mask.shape != (n,):
        raise ValueError(f"mask: expected one boolean per person ({n}), got {mask.dtype} of shape {mask.shape}")
    return mask


def count_classes(codes: np.ndarray, labels: Sequence[str], classes: np.ndarray, names: Sequence[str]) -> pd.DataFrame:
    """People per group (rows, every label even when empty) and class (columns `names`): class
    `k` of a person counts in column `names[k]`; a class of `len(names)` or more is not counted.
    One bincount over group × class, so a million people cost milliseconds, not a pass per column."""
    k = len(names)
    slots = codes.astype(np.int64) * (k + 1) + np.minimum(classes, k)
    counts = np.bincount(slots, minlength=len(labels) * (k + 1)).reshape(len(labels), k + 1)[:, :k]
    return pd.DataFrame(counts.astype(np.int64), index=list(labels), columns=list(names))


def pair_class(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """int8 per person: 0 neither, 1 only after, 2 only before, 3 both (bytes, not 8-byte ints)."""
    return (before.view(np.int8) << 1) | after.view(np.int8)
