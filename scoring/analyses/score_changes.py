"""How far scores move: the distribution of reform score minus baseline score, binned.

Only people scored under both rulebooks have a change. Bins are centred on multiples of a round
width (1, 2, 5 × 10^k), so "no change" is the middle of one bin and never split across two. A
change of points means something only on one scale: rulebooks with different score ranges
(0–2000 against 0–1000) are refused.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.analyses.comparison import check_comparable, check_mask
from scoring.engine import ScoreResult

MAX_BINS = 61


class ScalesDiffer(ValueError):
    """The two rulebooks score on different ranges; a difference of points is not defined."""


def score_changes(
    baseline: ScoreResult, reform: ScoreResult, mask: np.ndarray | None = None, max_bins: int = MAX_BINS
) -> pd.DataFrame:
    """Rows (low, high, people): people whose change falls in [low, high), ordered by change;
    empty when nobody selected is scored under both."""
    check_comparable(baseline, reform)
    old, new = baseline.rulebook.score, reform.rulebook.score
    if (old.min, old.max) != (new.min, new.max):
        raise ScalesDiffer(
            f"baseline scores {old.min:g}–{old.max:g} and reform {new.min:g}–{new.max:g}; "
            "score changes need the same score range"
        )
    both = check_mask(baseline, mask) & baseline.eligible & reform.eligible
    return bin_changes(reform.score[both] - baseline.score[both], max_bins)


def bin_changes(change: np.ndarray, max_bins: int = MAX_BINS) -> pd.DataFrame:
    """Rows (low, high, people) of at most about `max_bins` round-width bins centred on
    multiples of the width, so that 0 is the centre of one; empty for no changes."""
    if max_bins < 1:
        raise ValueError(f"max_bins: expected at least 1, got {max_bins}")
    if not len(change):
        return pd.DataFrame({"low": [], "high": [], "people": []}).astype({"people": np.int64})
    width = round_width(2 * float(np.abs(change).max()) / max_bins)
    index = np.rint(change / width).astype(np.int64)  # the bin whose centre is nearest
    first, last = int(index.min()), int(index.max())
    counts = np.bincount(index - first, minlength=last - first + 1)
    centres = width * np.arange(first, last + 1)
    return pd.DataFrame({"low": centres - width / 2, "high": centres + width / 2, "people": counts.astype(np.int64)})


def round_width(at_least: float) -> float:
    """The smallest of 1, 2, 5, 10, 20, … that is at least `at_least` (1 for no change at all)."""
    if at_least <= 1:
        return 1.0
    magnitude = 10 ** np.floor(np.log10(at_least))
    return float(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= at_least))
