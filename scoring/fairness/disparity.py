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
