"""Population stability index (PSI): how far one score distribution has moved from a baseline
(an earlier as-of date, or a baseline rulebook against a reform), on bins fixed by the baseline.

    PSI = Σ over bins (share_other − share_baseline) × ln(share_other / share_baseline)

The usual verdict bands (credit-scoring practice: the system stability report in Siddiqi,
*Credit Risk Scorecards*, Wiley 2006): below 0.1 stable, 0.1 to 0.25 some shift, above 0.25 a
major shift. A bin empty on one side would make the logarithm infinite, so any share below
`EPSILON` (0.01 %), an empty bin's included, is taken as `EPSILON`: one empty bin adds a large but
finite term (the pages state this floor), and the table says which bins were empty.

Bins: the baseline's tier cut-offs (a score equal to a cut-off belongs to the better tier, as
the engine assigns tiers) or its deciles (repeated quantiles, common with tied scores, merged,
so there may be fewer than ten bins, none of them empty on the baseline's side).

Two rulebooks on the same people may score different people (one's eligibility rules are
stricter). Shares of each side's own scored people would then mix a change in who is scored with
a change in scores; with `unscored=True` the people without a score are a last bin of their own,
so both sides' shares are of the same everyone and a change in who is scored is part of the shift.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError
from scoring.validity.outcome import check_scores

EPSILON = 1e-4
STABLE, SHIFT = 0.1, 0.25
VERDICTS = ("stable", "some_shift", "major_shift")
COLUMNS = ("lower", "upper", "unscored", "baseline", "other", "baseline_share", "other_share", "empty", "psi")


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


def psi_table(baseline, other, edges, unscored: bool = False) -> pd.DataFrame:
    """One row per bin ([lower, upper), the outer bins open): counts and shares of the scored
    people of each distribution, whether a side was empty, and the bin's PSI term. The terms add
    up to the PSI (`psi_total`). With `unscored`, the two sides must be the same people: the
    unscored (NaN) are a last row (`unscored` True, no bounds) and shares are of everyone."""
    sides = [check_scores(v, name) for v, name in ((baseline, "baseline"), (other, "other"))]
    if unscored and (len(sides[1]) != len(sides[0]) or len(sides[0]) == 0):
        raise AnalysisInputError(
            f"other: expected the baseline's {len(sides[0])} people (at least one), got {len(sides[1])}; "
            "an unscored bin needs the same people on both sides"
        )
    base, new = (v if unscored else _scored(v, name) for v, name in zip(sides, ("baseline", "other"), strict=True))
    cuts = np.asarray(edges, dtype=np.float64)
    if cuts.ndim != 1 or not np.isfinite(cuts).all() or (np.diff(cuts) <= 0).any():
        raise AnalysisInputError("edges: expected finite bin edges in strictly ascending order")
    n_bins = len(cuts) + 1
    counts = [_counts(v, cuts, unscored) for v in (base, new)]
    shares = [c / c.sum() for c in counts]
    empty = (counts[0] == 0) | (counts[1] == 0)
    a, b = (np.maximum(s, EPSILON) for s in shares)
    lower, upper = np.concatenate([[-np.inf], cuts]), np.concatenate([cuts, [np.inf]])
    if unscored:
        lower, upper = np.append(lower, np.nan), np.append(upper, np.nan)
    return pd.DataFrame(
        {
            "lower": lower,
            "upper": upper,
            "unscored": np.arange(len(counts[0])) >= n_bins,
            "baseline": counts[0].astype(np.int64),
            "other": counts[1].astype(np.int64),
            "baseline_share": shares[0],
            "other_share": shares[1],
            "empty": empty,
            "psi": (b - a) * np.log(b / a),
        }
    )


def _counts(values: np.ndarray, cuts: np.ndarray, unscored: bool) -> np.ndarray:
    """People per bin; with `unscored`, the people without a score appended as a last bin."""
    scored = ~np.isnan(values)
    counts = np.bincount(np.searchsorted(cuts, values[scored], side="right"), minlength=len(cuts) + 1)
    return np.append(counts, np.count_nonzero(~scored)) if unscored else counts


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
