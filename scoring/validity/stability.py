"""Population stability index (PSI): how far one score distribution has moved from a baseline
(an earlier as-of date, or a baseline rulebook against a reform), on bins fixed by the baseline.

    PSI = Σ over bins (share_other − share_baseline) × ln(share_other / share_baseline)

The usual verdict bands (credit-scoring practice: the system stability report in Siddiqi,
*Credit Risk Scorecards*, Wiley 2006): below 0.1 stable, 0.1 to 0.25 some shift, above 0.25 a
major shift. A bin empty on one side would make the logarithm infinite; its share is taken as
`EPSILON` (0.01 %) instead, so one empty bin adds a large but finite term, and the table says which bins were empty.

Bins: the baseline's tier cut-offs (a score equal to a cut-off belongs to the better tier, as
the engine assigns tiers) or its deciles (repeated quantiles, common with tied scores, merged,
so there may be fewer than ten bins, none of them empty on the baseline's side).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError
from scoring.validity.outcome import check_scores

EPSILON = 1e-4
STABLE, SHIFT = 0.1, 0.25
VERDICTS = ("stable", "some_shift", "major_shift")
COLUMNS = ("lower", "upper", "baseline", "other", "baseline_share", "other_share", "empty", "psi")


def verdict(psi: float) -> str:
    """`stable` below 0.1, `some_shift` from 0.1 to 0.25, `major_shift` above 0.25."""
    if not isinstance(psi, int | float | np.floating) or isinstance(psi, bool) or not np.isfinite(psi) or psi < 0:
        raise AnalysisInputError(f"psi: expected a finite number of at least 0, got {psi!r}")
    return VERDICTS[0] if psi < STABLE else VERDICTS[1] if psi <= SHIFT else VERDICTS[2]


def decile_edges(baseline) -> np.ndarray:
    """The inner edges of the baseline's deciles over its scored people: each a score the
    baseline holds (the decile's upper neighbour, so a bin [edge, next edge) always holds the
    edge itself and no baseline bin is empty), repeated ones merged and the lowest score dropped."""
    values = _scored(baseline, "baseline")
    edges = np.unique(np.quantile(values, np.linspace(0.1, 0.9, 9), method="higher"))
    return edges[edges > values.min()]


def tier_edges(cutoffs) -> np.ndarray:
    """A result's tier cut-offs (lower bounds, best first) as ascending inner edges."""
    edges = np.asarray(cutoffs, dtype=np.float64)
    if edges.ndim != 1 or not np.isfinite(edges).all():
        raise AnalysisInputError("cutoffs: expected finite tier cut-offs (a rulebook's or a result's)")
    return np.unique(edges)


def psi_table(baseline, other, edges) -> pd.DataFrame:
    """One row per bin ([lower, upper), the outer bins open): counts and shares of the scored
    people of each distribution, whether a side was empty, and the bin's PSI term. The terms add
    up to the PSI (`psi_total`)."""
    base, new = _scored(baseline, "baseline"), _scored(other, "other")
    cuts = np.asarray(edges, dtype=np.float64)
    if cuts.ndim != 1 or not np.isfinite(cuts).all() or (np.diff(cuts) <= 0).any():
        raise AnalysisInputError("edges: expected finite bin edges in strictly ascending order")
    n_bins = len(cuts) + 1
    counts = [np.bincount(np.searchsorted(cuts, v, side="right"), minlength=n_bins) for v in (base, new)]
    shares = [c / c.sum() for c in counts]
    empty = (counts[0] == 0) | (counts[1] == 0)
    a, b = (np.maximum(s, EPSILON) for s in shares)
    return pd.DataFrame(
        {
            "lower": np.concatenate([[-np.inf], cuts]),
            "upper": np.concatenate([cuts, [np.inf]]),
            "baseline": counts[0].astype(np.int64),
            "other": counts[1].astype(np.int64),
            "baseline_share": shares[0],
            "other_share": shares[1],
            "empty": empty,
            "psi": (b - a) * np.log(b / a),
        }
    )


def psi_total(table: pd.DataFrame) -> float:
    """The PSI of a `psi_table`."""
    if not isinstance(table, pd.DataFrame) or "psi" not in table.columns:
        raise AnalysisInputError("table: expected a psi_table with a `psi` column")
    return float(table["psi"].sum())


def _scored(scores, name: str) -> np.ndarray:
    values = check_scores(scores, name)
    values = values[~np.isnan(values)]
    if len(values) == 0:
        raise AnalysisInputError(f"{name}: nobody is scored; expected at least one score")
    return values
