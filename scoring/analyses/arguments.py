"""Argument checks shared by the list, repair, rewards and objection analyses.

Each analysis takes plain arrays (days, per-person group codes) so that it can be tested on a
handful of hand-made rows; these checks refuse what would give a quietly wrong table, in one
line naming the argument, the first offending position and what was expected.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class AnalysisInputError(ValueError):
    """Arguments an analysis cannot use; the message names the argument and the first position."""


def days(values, name: str) -> np.ndarray:
    """Dates as datetime64[D], refused when missing or not dates."""
    raw = np.asarray(values)
    if raw.ndim != 1:
        raise AnalysisInputError(f"{name}: expected one date per row, got an array of {raw.ndim} dimensions")
    try:
        out = raw.astype("datetime64[D]")
    except (ValueError, TypeError):
        raise AnalysisInputError(f"{name}: expected dates, got {raw.dtype}") from None
    missing = np.isnat(out)
    if missing.any():
        raise AnalysisInputError(f"{name}: missing date at position {int(np.flatnonzero(missing)[0])}")
    return out


def day(value, name: str) -> np.datetime64:
    """One date as datetime64[D]."""
    try:
        out = np.datetime64(value, "D")
    except (ValueError, TypeError):
        raise AnalysisInputError(f"{name}: expected a date, got {value!r}") from None
    if np.isnat(out):
        raise AnalysisInputError(f"{name}: missing date")
    return out


def limit_days(value, name: str = "sla_days") -> int:
    """A time limit in whole days, at least one."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise AnalysisInputError(f"{name}: expected a whole number of days >= 1, got {value!r}")
    return int(value)


def same_length(name: str, values: np.ndarray, other: str, n: int) -> None:
    if len(values) != n:
        raise AnalysisInputError(f"{name} has {len(values)} rows, {other} has {n}; expected one per row")


def group_codes(codes, labels: Sequence[str] | None, n_people: int) -> tuple[np.ndarray, list[str]]:
    """Per-person group codes 0 … len(labels) - 1; without codes everyone is one group, `all`."""
    if codes is None:
        if labels is not None:
            raise AnalysisInputError("labels given without codes; pass both or neither")
        return np.zeros(n_people, dtype=np.intp), ["all"]
    if labels is None:
        raise AnalysisInputError("codes given without labels; pass both or neither")
    codes = np.asarray(codes)
    if codes.ndim != 1 or not np.issubdtype(codes.dtype, np.integer):
        raise AnalysisInputError(f"codes: expected one integer code per person, got {codes.dtype}")
    same_length("codes", codes, "the people", n_people)
    bad = (codes < 0) | (codes >= len(labels))
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise AnalysisInputError(
            f"codes: value {int(codes[first])} at position {first} is outside 0 … {len(labels) - 1} (the labels)"
        )
    return codes.astype(np.intp, copy=False), list(labels)


def person_ids(values, name: str, n_people: int) -> np.ndarray:
    """Person ids that index the people (0 … n_people - 1)."""
    ids = np.asarray(values)
    if ids.ndim != 1 or (len(ids) and not np.issubdtype(ids.dtype, np.integer)):
        raise AnalysisInputError(f"{name}: expected integer person ids, got {ids.dtype}")
    bad = (ids < 0) | (ids >= n_people)
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise AnalysisInputError(
            f"{name}: person {int(ids[first])} at position {first} is not among the {n_people} people"
        )
    return ids.astype(np.intp, copy=False)
