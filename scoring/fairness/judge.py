"""Judge: which disparities cross the four-fifths rule, and which cells are too small to show
(Aequitas' third step).

The four-fifths rule (US EEOC, 29 CFR 1607.4 D) flags a group whose rate of a *favourable*
outcome is below 0.8 of the reference group's. For an *unfavourable* outcome the same rule reads
the other way: a group flagged when its rate is above 1 / 0.8 = 1.25 times the reference's.
Favourable here: being scored, reaching the top tiers, the red list, incentive value.
Unfavourable: the bottom tier, the black list. The mean score gap has no ratio to judge
(`disparity`) and is never flagged; a ratio that cannot be computed (NaN) is not flagged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError
from scoring.analyses.small_cells import DEFAULT_MINIMUM, hide_small_cells
from scoring.fairness.metrics import BASES, COUNTS

FAVOURABLE = ("eligibility", "top_tiers_rate", "red_list_rate", "incentive_value")
UNFAVOURABLE = ("bottom_tier_rate", "black_list_rate")
FOUR_FIFTHS = 0.8


def four_fifths(ratios: pd.DataFrame, threshold: float = FOUR_FIFTHS) -> pd.DataFrame:
    """True per group and rate where the ratio (`disparity`'s `<rate>_ratio`) is below
    `threshold` for a favourable rate or above 1 / `threshold` for an unfavourable one."""
    if not isinstance(ratios, pd.DataFrame):
        raise AnalysisInputError(f"ratios: expected the table of disparity, got {type(ratios).__name__}")
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 < threshold < 1:
        raise AnalysisInputError(f"threshold: expected a number between 0 and 1 (exclusive), got {threshold!r}")
    missing = [f"{r}_ratio" for r in (*FAVOURABLE, *UNFAVOURABLE) if f"{r}_ratio" not in ratios.columns]
    if missing:
        raise AnalysisInputError(f"ratios: column {missing[0]!r} is missing; expected the table of disparity")
    flags = pd.DataFrame(index=ratios.index)
    for rate in FAVOURABLE:
        flags[rate] = ratios[f"{rate}_ratio"].to_numpy() < threshold  # NaN compares False
    for rate in UNFAVOURABLE:
        flags[rate] = ratios[f"{rate}_ratio"].to_numpy() > 1 / threshold
    return flags


def hide_small(metrics: pd.DataFrame, minimum: int = DEFAULT_MINIMUM) -> pd.DataFrame:
    """`group_metrics` with every count from 1 to `minimum - 1` hidden (NaN), and every rate or
    mean computed from a hidden count or over a hidden base (`scoring.analyses.small_cells`)."""
    if not isinstance(metrics, pd.DataFrame) or any(c not in metrics.columns for c in COUNTS):
        raise AnalysisInputError("metrics: expected the table of group_metrics")
    counts = metrics[list(COUNTS)]
    hidden = hide_small_cells(counts, minimum=minimum)
    out = metrics.copy()
    out[list(COUNTS)] = hidden
    small = hidden.isna().to_numpy() & ~counts.isna().to_numpy()
    small = pd.DataFrame(small, index=metrics.index, columns=list(COUNTS))
    for rate, (count, base) in BASES.items():
        out[rate] = out[rate].mask(small[count] | small[base])
    out["incentive_yuan"] = out["incentive_yuan"].mask(small["recipients"] | small["people"])
    out["mean_score"] = out["mean_score"].mask(small["scored"])
    return out


def any_hidden(metrics: pd.DataFrame) -> bool:
    """Whether `hide_small` hid anything (the page then says so)."""
    return bool(np.isnan(metrics[list(COUNTS)].to_numpy(dtype=float)).any())
