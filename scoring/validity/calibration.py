"""Calibration by tier: the observed rate of serious dishonesty in the following year per
tier, with its counts. A scheme whose tiers measure something shows rates rising from the best
tier to the worst; on the null generator they stay near the population's rate."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError
from scoring.validity.outcome import check_outcome

COLUMNS = ("tier", "people", "serious", "rate")


def calibration_by_tier(tiers, outcome, tier_ids) -> pd.DataFrame:
    """One row per tier (best first, `tier` its id): scored `people`, those with a serious
    record next year and their `rate` (NaN for an empty tier). `tiers` are tier indices per
    person (0 = best), -1 for people not scored, who are left out."""
    ids = list(tier_ids)
    if not ids:
        raise AnalysisInputError("tier_ids: expected at least one tier")
    codes = np.asarray(tiers)
    if codes.ndim != 1 or not np.issubdtype(codes.dtype, np.integer):
        raise AnalysisInputError(f"tiers: expected one whole tier index per person, got {codes.dtype}")
    bad = (codes < -1) | (codes >= len(ids))
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise AnalysisInputError(
            f"tiers: {int(codes[first])} at position {first}; expected -1 (not scored) to {len(ids) - 1}"
        )
    label = check_outcome(outcome, len(codes))
    scored = codes >= 0
    people = np.bincount(codes[scored], minlength=len(ids))
    serious = np.bincount(codes[scored], weights=label[scored], minlength=len(ids)).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(people > 0, serious / np.maximum(people, 1), np.nan)
    return pd.DataFrame({"tier": ids, "people": people.astype(np.int64), "serious": serious, "rate": rate})
