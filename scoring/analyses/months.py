"""The month grid of the over-time tables: calendar months up to and including the as-of date.

A month's figures cover its days [first day, first day of the next month); the last month is cut
at the as-of date (its bound is the day after), because nothing after that date exists yet.
"""

from __future__ import annotations

import numpy as np

from scoring.analyses.arguments import AnalysisInputError, day

MAX_MONTHS = 600  # fifty years: more is a wrong date, not a report


def month_bounds(first, as_of) -> np.ndarray:
    """Day numbers (int64, days since 1970) of each month's first day from `first`'s month to
    `as_of`'s, then the day after `as_of`: len = months + 1."""
    start, end = day(first, "first"), day(as_of, "as_of")
    if start > end:
        raise AnalysisInputError(f"first {start} is after as_of {end}; expected first on or before as_of")
    months = np.arange(start.astype("datetime64[M]"), end.astype("datetime64[M]") + 1)
    if len(months) > MAX_MONTHS:
        raise AnalysisInputError(f"first {start} to as_of {end} spans {len(months)} months; at most {MAX_MONTHS}")
    bounds = months.astype("datetime64[D]").astype(np.int64)
    return np.append(bounds, end.astype(np.int64) + 1)


def month_labels(bounds: np.ndarray) -> np.ndarray:
    """Each month as its first day (datetime64[s]), for tables and charts."""
    return bounds[:-1].astype("datetime64[D]").astype("datetime64[s]")
