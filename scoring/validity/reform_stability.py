"""Population stability between a baseline rulebook and a reform on the same people and as-of
date (issue 16): how far the reform moves the distribution the baseline gives.

On scores when both rulebooks score on the same range, in bins fixed by the baseline (its tier
cut-offs or deciles, as between two dates). Rulebooks on different ranges give scores that are
not on one axis (650 of 1000 is not 650 of 2000), so a PSI on scores would measure the change of
units, not of people: then the index is taken on tier shares, tier by tier from the best (the
ladders must have the same length, as for tier moves), and refused when the ladders differ.

Either way the people a rulebook does not score (not eligible under it) are a bin of their own:
the two rulebooks may score different people, and shares of each one's own scored people would
hide that change in who is scored, so shares are of everyone and the index counts it.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from scoring.analyses.comparison import check_comparable
from scoring.analyses.movers import LaddersDiffer
from scoring.engine import ScoreResult
from scoring.validity.stability import decile_edges, psi_table, tier_edges

Basis = Literal["scores", "tiers"]
BINS = ("tiers", "deciles")


def reform_basis(baseline: ScoreResult, reform: ScoreResult) -> Basis:
    """`scores` when both rulebooks score on the same range; else `tiers` when their ladders
    have the same length; else `LaddersDiffer`, naming both ranges and both ladders."""
    old, new = baseline.rulebook.score, reform.rulebook.score
    if (old.min, old.max) == (new.min, new.max):
        return "scores"
    if len(baseline.tier_ids) != len(reform.tier_ids):
        raise LaddersDiffer(
            f"baseline scores {old.min:g}–{old.max:g} with {len(baseline.tier_ids)} tiers and reform "
            f"{new.min:g}–{new.max:g} with {len(reform.tier_ids)}; a PSI needs the same score range or ladders "
            "of the same length"
        )
    return "tiers"


def reform_psi(baseline: ScoreResult, reform: ScoreResult, bins: str = "tiers") -> pd.DataFrame:
    """The `psi_table` of the reform against the baseline (`other` is the reform). On scores,
    `bins` picks the baseline's tier cut-offs or deciles; on tiers (`reform_basis`), one row per
    tier position, best first, in a `tier` column (-1 on the unscored row), and `bins` does not
    apply. The last row is always the unscored (`unscored` True)."""
    check_comparable(baseline, reform)
    if bins not in BINS:
        raise ValueError(f"bins: expected one of {', '.join(BINS)}, got {bins!r}")
    if reform_basis(baseline, reform) == "scores":
        edges = tier_edges(baseline.cutoffs) if bins == "tiers" else decile_edges(baseline.score)
        return psi_table(baseline.score, reform.score, edges, unscored=True)
    positions = len(baseline.tier_ids)
    table = psi_table(_position(baseline), _position(reform), np.arange(positions - 1) + 0.5, unscored=True)
    table = table.drop(columns=["lower", "upper"])
    table.insert(0, "tier", np.append(np.arange(positions), -1))
    return table


def _position(result: ScoreResult) -> np.ndarray:
    """Tier positions (0 the best) as numbers, NaN for the unscored, so tiers bin like scores."""
    return np.where(result.tier >= 0, result.tier, np.nan).astype(np.float64)
