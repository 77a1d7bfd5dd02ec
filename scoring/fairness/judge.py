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

from collections.abc import Mapping

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError
from scoring.analyses.small_cells import DEFAULT_MINIMUM, small, suppressed
from scoring.fairness.metrics import COUNTS, SOURCES

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


def hide_small(
    table: pd.DataFrame, minimum: int = DEFAULT_MINIMUM, sources: Mapping[str, tuple[str, ...]] = SOURCES
) -> pd.DataFrame:
    """The one small-cell rule of the fairness page, for every table of groups (`group_metrics`,
    `density.record_density`): a group of fewer than `minimum` people, or of none, is left out
    whole (a row of dashes would still say that a handful of people exist); in the groups kept,
    a count from 1 to `minimum - 1` is hidden (NaN), and so is every figure computed from a hidden
    count (`sources`: figure -> the counts it is computed from; `scoring.analyses.small_cells`).
    The groups partition everyone, whose totals other pages show: each count column gets the
    complements that keep a hidden count (or a left-out group's) from being subtracted out."""
    counts = sorted({"people", *(c for needed in sources.values() for c in needed)})
    if not isinstance(table, pd.DataFrame) or any(c not in table.columns for c in (*counts, *sources)):
        raise AnalysisInputError("table: expected a table of groups with the counts its figures are computed from")
    exact = table[counts].astype(np.int64)
    kept = (exact["people"] >= minimum).to_numpy() & (exact["people"] > 0).to_numpy()
    # a group left out is hidden in every count, so that its counts are not the total less the rest
    first = small(exact, minimum).to_numpy() | ~kept[:, None]  # checks `minimum` first
    hidden = pd.DataFrame(suppressed(exact, minimum, ("columns",), first), index=exact.index, columns=counts)
    out = table.astype({c: float for c in counts})
    out[counts] = out[counts].mask(hidden.to_numpy())
    for figure, needed in sources.items():
        out[figure] = out[figure].mask(hidden[list(needed)].any(axis=1))
    return out[kept]


def any_hidden(shown: pd.DataFrame) -> bool:
    """Whether `hide_small` hid a count in a group it kept (the page then says so)."""
    present = [c for c in COUNTS if c in shown.columns]
    return bool(np.isnan(shown[present].to_numpy(dtype=float)).any())


def hide_small_gaps(rows: pd.DataFrame, minimum: int = DEFAULT_MINIMUM) -> pd.DataFrame:
    """`decomposition.score_gap_by_rule` under the same rule: a row's mean for a group is hidden
    when it moves 1 to `minimum - 1` of the group's scored people (the mean times the group's size
    over the points would count them), and its gap with either mean. The total gap stays: it is
    the difference of two mean scores the rates table shows."""
    needed = ("group", "reference", "gap", "group_people", "reference_people")
    if not isinstance(rows, pd.DataFrame) or any(c not in rows.columns for c in needed):
        raise AnalysisInputError("rows: expected the table of score_gap_by_rule")
    moved = small(rows[["group_people", "reference_people"]].astype(np.int64), minimum)
    out = rows.copy()
    out["group"] = out["group"].mask(moved["group_people"])
    out["reference"] = out["reference"].mask(moved["reference_people"])
    out["gap"] = out["gap"].mask(moved.any(axis=1))
    return out
