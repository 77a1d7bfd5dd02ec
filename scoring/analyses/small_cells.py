"""Small cells hidden: on a real population, a count of a handful of people can point at them,
so counts from 1 to `minimum - 1` (and every share computed from one) are withheld as missing.

Exact figures are shown otherwise; no confidence interval is invented for a census. This is
primary suppression only: a hidden cell may still be recovered from its row total minus the
other cells, which secondary suppression (not done here) would prevent.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DEFAULT_MINIMUM = 10


def small(counts: pd.DataFrame, minimum: int = DEFAULT_MINIMUM) -> pd.DataFrame:
    """True where a count is above zero and below `minimum`."""
    if isinstance(minimum, bool) or not isinstance(minimum, int | np.integer) or minimum < 1:
        raise ValueError(f"minimum: expected a whole number of people, at least 1, got {minimum!r}")
    values = counts.to_numpy()
    if not np.issubdtype(values.dtype, np.integer):
        raise ValueError(f"counts: expected whole numbers of people, got {values.dtype}")
    return pd.DataFrame((values > 0) & (values < minimum), index=counts.index, columns=counts.columns)


def hide_small_cells(
    table: pd.DataFrame, counts: pd.DataFrame | None = None, minimum: int = DEFAULT_MINIMUM
) -> pd.DataFrame:
    """`table` (counts, or shares computed from `counts`, same shape) as floats with the cells
    whose count is small set to NaN."""
    counts = table if counts is None else counts
    if counts.shape != table.shape:
        raise ValueError(f"counts have shape {counts.shape} and the table {table.shape}; expected the same")
    return table.astype(float).mask(small(counts, minimum).to_numpy())
