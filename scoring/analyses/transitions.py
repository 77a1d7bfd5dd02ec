"""Tier transition matrix: where the people of each baseline tier end up under the reform.

Unscored people are a row and a column of their own, so people a reform makes eligible (or
ineligible) are counted, not dropped: every selected person is in exactly one cell, and the row
sums are the baseline's tier counts, the column sums the reform's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.analyses.comparison import check_comparable, check_mask
from scoring.analyses.summaries import UNSCORED
from scoring.engine import ScoreResult


def tier_transitions(baseline: ScoreResult, reform: ScoreResult, mask: np.ndarray | None = None) -> pd.DataFrame:
    """People per (baseline tier, reform tier): rows the baseline's tiers best first then
    `unscored` (index named `baseline`), columns the reform's likewise (named `reform`). The two
    ladders may differ (another rulebook's tiers); each side keeps its own ids."""
    check_comparable(baseline, reform)
    selected = check_mask(baseline, mask)
    rows, cols = _tier_codes(baseline)[selected], _tier_codes(reform)[selected]
    n_rows, n_cols = len(baseline.tier_ids) + 1, len(reform.tier_ids) + 1
    counts = np.bincount(rows * n_cols + cols, minlength=n_rows * n_cols).reshape(n_rows, n_cols)
    return pd.DataFrame(
        counts.astype(np.int64),
        index=pd.Index([*baseline.tier_ids, UNSCORED], name="baseline"),
        columns=pd.Index([*reform.tier_ids, UNSCORED], name="reform"),
    )


def row_shares(matrix: pd.DataFrame) -> pd.DataFrame:
    """Each row as shares of its total (where a baseline tier's people go); NaN for empty rows."""
    totals = matrix.sum(axis=1).to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = matrix.to_numpy(dtype=float) / np.where(totals > 0, totals, np.nan)[:, None]
    return pd.DataFrame(shares, index=matrix.index, columns=matrix.columns)


def _tier_codes(result: ScoreResult) -> np.ndarray:
    """Tier index per person, the unscored (-1) as the last code."""
    return np.where(result.tier < 0, len(result.tier_ids), result.tier).astype(np.intp)
