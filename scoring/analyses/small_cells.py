"""Small cells hidden: on a real population, a count of a handful of people can point at them,
so counts from 1 to `minimum - 1` (and every share computed from one) are withheld as missing.

Exact figures are shown otherwise; no confidence interval is invented for a census. A hidden
cell could still be recovered from a total the reader knows (a tier's size, a district's
people) minus the other cells of its line, so the lines whose totals are known (`margins`) get
complementary suppression too: a line with a hidden count of someone hides more of its cells,
smallest first, until it has at least two hidden and they add up to at least `minimum`.
`hidden_cells` tells the two kinds apart. A page marks both alike: shown which hidden cell is
small (1 to `minimum - 1`) and which is not (0, or `minimum` or more), a reader could narrow both
down from the line's total.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd

DEFAULT_MINIMUM = 10
Margin = Literal["rows", "columns"]  # the lines of a table whose totals a reader knows


def small(counts: pd.DataFrame, minimum: int = DEFAULT_MINIMUM) -> pd.DataFrame:
    """True where a count is above zero and below `minimum`."""
    if isinstance(minimum, bool) or not isinstance(minimum, int | np.integer) or minimum < 1:
        raise ValueError(f"minimum: expected a whole number of people, at least 1, got {minimum!r}")
    values = counts.to_numpy()
    if not np.issubdtype(values.dtype, np.integer):
        raise ValueError(f"counts: expected whole numbers of people, got {values.dtype}")
    return pd.DataFrame((values > 0) & (values < minimum), index=counts.index, columns=counts.columns)


def suppressed(
    counts: pd.DataFrame,
    minimum: int = DEFAULT_MINIMUM,
    margins: Sequence[Margin] = (),
    hidden: np.ndarray | None = None,
) -> np.ndarray:
    """True per cell to withhold: the small counts (or `hidden`, when the caller has its own first
    rule), then, in each row and/or column named by `margins`, the complements that keep them from
    being subtracted out of the line's total."""
    out = np.array(small(counts, minimum).to_numpy() if hidden is None else hidden, dtype=bool)  # a copy to change
    unknown = [m for m in margins if m not in ("rows", "columns")]
    if unknown:
        raise ValueError(f"margins: {unknown[0]!r}; expected 'rows' or 'columns'")
    values = counts.to_numpy()
    changed = True
    while changed:  # hiding a complement in a column may expose a row again: until no line needs one
        changed = False
        for margin in margins:
            lines, cells = (out, values) if margin == "rows" else (out.T, values.T)
            for line, line_values in zip(lines, cells, strict=True):
                changed |= _complement(line, line_values, minimum)
    return out


class Hidden(NamedTuple):
    """The cells withheld, by why: `small` counts of 1 to `minimum - 1`, and the `protecting`
    complements hidden only so a small one cannot be worked out from its line's total."""

    small: pd.DataFrame
    protecting: pd.DataFrame


def hidden_cells(counts: pd.DataFrame, minimum: int = DEFAULT_MINIMUM, margins: Sequence[Margin] = ()) -> Hidden:
    """Which cells `hide_small_cells` withholds, and why (True per cell, shaped as `counts`)."""
    first = small(counts, minimum)
    protecting = suppressed(counts, minimum, margins) & ~first.to_numpy()
    return Hidden(first, pd.DataFrame(protecting, index=counts.index, columns=counts.columns))


def _complement(hidden: np.ndarray, values: np.ndarray, minimum: int) -> bool:
    """Hide the line's smallest shown cells (positive ones first) until its hidden cells are two
    or more and add up to `minimum`, or none is left shown; `hidden` is a view, changed in place.
    A line whose hidden cells are all zero needs none: subtracting them out reveals nobody."""
    changed = False
    while (hidden & (values > 0)).any() and not hidden.all() and (hidden.sum() < 2 or values[hidden].sum() < minimum):
        shown = np.flatnonzero(~hidden)
        order = np.lexsort((values[shown], values[shown] == 0))  # positive before zero, then smallest
        hidden[shown[order[0]]] = True
        changed = True
    return changed


def hide_small_cells(
    table: pd.DataFrame,
    counts: pd.DataFrame | None = None,
    minimum: int = DEFAULT_MINIMUM,
    margins: Sequence[Margin] = (),
) -> pd.DataFrame:
    """`table` (counts, or shares computed from `counts`, same shape) as floats with the cells
    whose count is small set to NaN, and their complements in the lines `margins` names."""
    counts = table if counts is None else counts
    if counts.shape != table.shape:
        raise ValueError(f"counts have shape {counts.shape} and the table {table.shape}; expected the same")
    why = hidden_cells(counts, minimum, margins)
    return table.astype(float).mask(why.small | why.protecting)
