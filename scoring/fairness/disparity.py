"""Compare: each group's rates as ratios to a reference group's, and its mean score as a gap
(Aequitas' second step).

The mean score is compared by difference, not ratio: a score's zero is a convention of the
rulebook (a base of 1000 or of 100), so a ratio of scores would change with the base while the
points between two groups do not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError
from scoring.fairness.metrics import RATES


def largest_group(metrics: pd.DataFrame):
    """The label of the group with the most people (the first of equals): the default reference,
    the group whose treatment is the most common one."""
    _check_metrics(metrics, ("people",))
    if metrics.empty:
        raise AnalysisInputError("metrics: expected at least one group, got none")
    return metrics.index[int(np.nanargmax(metrics["people"].to_numpy(dtype=float)))]


def disparity(metrics: pd.DataFrame, reference=None) -> pd.DataFrame:
    """Per group (rows of `group_metrics`, small cells already hidden if wanted): each rate
    divided by the reference group's (`<rate>_ratio`) and `score_gap`, its mean score minus the
    reference's. NaN where either side is missing or the reference's rate is zero."""
    _check_metrics(metrics, ("people", "mean_score", *RATES))
    reference = largest_group(metrics) if reference is None else reference
    if reference not in metrics.index:
        raise AnalysisInputError(f"reference: {reference!r} is not among the groups {list(metrics.index)[:5]} …")
    base = metrics.loc[reference]
    out = pd.DataFrame(index=metrics.index)
    out["score_gap"] = metrics["mean_score"] - base["mean_score"]
    for rate in RATES:
        denominator = float(base[rate])
        ratio = metrics[rate] / denominator if denominator > 0 else np.nan
        out[f"{rate}_ratio"] = ratio
    return out


def _check_metrics(metrics: pd.DataFrame, columns: tuple[str, ...]) -> None:
    if not isinstance(metrics, pd.DataFrame):
        raise AnalysisInputError(f"metrics: expected the table of group_metrics, got {type(metrics).__name__}")
    missing = [c for c in columns if c not in metrics.columns]
    if missing:
        raise AnalysisInputError(f"metrics: column {missing[0]!r} is missing; expected the table of group_metrics")


def undefined_ratios(metrics: pd.DataFrame, reference) -> tuple[str, ...]:
    """The rates no group has a ratio of: the reference's rate is zero (nothing to divide by) or
    hidden as a small cell. The page names them rather than leave their dots silently missing."""
    _check_metrics(metrics, RATES)
    if reference not in metrics.index:
        raise AnalysisInputError(f"reference: {reference!r} is not among the groups {list(metrics.index)[:5]} …")
    base = metrics.loc[reference, list(RATES)].to_numpy(dtype=float)
    return tuple(rate for rate, value in zip(RATES, base, strict=True) if not value > 0)


def furthest(ratios: pd.DataFrame, n: int) -> pd.Index:
    """The `n` groups of `disparity` whose ratios lie furthest from 1 on a log scale (a half as far
    as a double; a ratio of 0 furthest of all), in table order: what a chart of many groups draws."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise AnalysisInputError(f"n: expected a whole number of groups, at least 1, got {n!r}")
    values = ratios[[f"{rate}_ratio" for rate in RATES]].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        distance = np.abs(np.log(values))
    finite = np.where(np.isnan(distance), -1.0, distance).max(axis=1, initial=-1.0)
    keep = np.sort(np.argsort(-finite, kind="stable")[:n])
    return ratios.index[keep]
