"""Red and black lists month by month: people on each list at each month's end, entries, exits,
and the exits that credit repair brought about, per group (district or key group).

Counts are of people: the engine's listing intervals (`scoring.engine.listing_intervals`) are
already merged per person and list, so a person listed for two records at once is one person on
the list. An interval [start, end) enters in the month holding `start` and exits in the month
holding `end` (the first day off the list), so each month's end size is exactly the previous
size plus entries minus exits, the identity a monthly report to the city is checked by.
An exit is "repaired" when the person had a `repaired` event on the day the listing ended.

By listing authority (`group_column`), each interval counts in its own department's rows: the
intervals are then merged per person, list and department (`list_events.department_intervals`),
so a person listed by two departments at once is in both rows and the rows may add up to more
than the people on the list.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError, days, group_codes, person_ids, same_length
from scoring.analyses.months import month_bounds, month_labels
from scoring.dataset import LIST_KINDS

COLUMNS = ("month", "list", "group", "start_size", "entries", "exits", "repaired_exits", "end_size")
INTERVAL_COLUMNS = ("person_id", "kind", "start", "end")


def list_flows(
    intervals: pd.DataFrame,
    n_people: int,
    first,
    as_of,
    *,
    repaired_person: Sequence[int] | np.ndarray = (),
    repaired_on: Sequence | np.ndarray = (),
    codes: np.ndarray | None = None,
    labels: Sequence[str] | None = None,
    group_column: str | None = None,
) -> pd.DataFrame:
    """One row per (month, list, group), months from `first`'s to `as_of`'s, lists in
    LIST_KINDS order, groups in label order (all of them, empty ones with zeros).

    `intervals` has the engine's columns (person_id, kind = code in LIST_KINDS, start, end as
    dates or day numbers, end may lie beyond as_of for "not ended"); what starts after `as_of`
    is not there yet. `repaired_person` / `repaired_on`: each `repaired` event's person and day.
    `group_column`: a column of `intervals` holding each interval's own group (a code into
    `labels`), read instead of the person's `codes`.
    """
    missing = [c for c in INTERVAL_COLUMNS if c not in intervals.columns]
    if missing:
        raise AnalysisInputError(f"intervals: missing column(s) {missing}; expected {list(INTERVAL_COLUMNS)}")
    people = person_ids(intervals["person_id"].to_numpy(), "intervals.person_id", n_people)
    kind = _codes(intervals["kind"].to_numpy(), "intervals.kind", len(LIST_KINDS)).astype(np.int64)
    start = _day_numbers(intervals["start"].to_numpy(), "intervals.start")
    end = _day_numbers(intervals["end"].to_numpy(), "intervals.end")
    empty = end <= start
    if empty.any():
        raise AnalysisInputError(
            f"intervals: end on or before start at row {int(np.flatnonzero(empty)[0])}; expected start < end"
        )
    group, labels = _groups(intervals, people, n_people, codes, labels, group_column)
    who = person_ids(np.asarray(repaired_person, dtype=np.int64), "repaired_person", n_people)
    when = _day_numbers(np.asarray(repaired_on), "repaired_on") if len(who) else np.zeros(0, np.int64)
    same_length("repaired_on", when, "repaired_person", len(who))
    bounds = month_bounds(first, as_of)

    n_months, n_groups = len(bounds) - 1, len(labels)
    repaired_exit = np.isin(people.astype(np.int64) << 32 | end, who.astype(np.int64) << 32 | when)
    shape = (n_months, len(LIST_KINDS), n_groups)

    def per_month(day_numbers: np.ndarray, keep: np.ndarray) -> np.ndarray:
        month = np.searchsorted(bounds, day_numbers, side="right") - 1
        inside = keep & (month >= 0) & (month < n_months)
        cells = (month[inside] * len(LIST_KINDS) + kind[inside]) * n_groups + group[inside]
        return np.bincount(cells, minlength=int(np.prod(shape))).reshape(shape)

    everyone = np.ones(len(start), dtype=bool)
    entries = per_month(start, everyone)
    exits = per_month(end, everyone)
    repaired = per_month(end, repaired_exit)
    before = (start < bounds[0]) & (end >= bounds[0])
    opening = np.bincount(kind[before] * n_groups + group[before], minlength=len(LIST_KINDS) * n_groups)
    end_size = opening.reshape(1, len(LIST_KINDS), n_groups) + np.cumsum(entries - exits, axis=0)
    start_size = end_size - entries + exits
    index = pd.MultiIndex.from_product([month_labels(bounds), LIST_KINDS, labels], names=["month", "list", "group"])
    frame = pd.DataFrame(
        {
            "start_size": start_size.ravel(),
            "entries": entries.ravel(),
            "exits": exits.ravel(),
            "repaired_exits": repaired.ravel(),
            "end_size": end_size.ravel(),
        },
        index=index,
    )
    return frame.reset_index()[list(COLUMNS)]


def _groups(intervals, people, n_people, codes, labels, group_column) -> tuple[np.ndarray, list[str]]:
    """Each interval's group code and the group labels: the person's, or the interval's own."""
    if group_column is None:
        codes, labels = group_codes(codes, labels, n_people)
        return codes[people], labels
    if codes is not None or labels is None:
        raise AnalysisInputError(f"group_column {group_column!r}: expected labels and no per-person codes")
    if group_column not in intervals.columns:
        raise AnalysisInputError(f"intervals: missing column {group_column!r} (the group_column)")
    return _codes(intervals[group_column].to_numpy(), f"intervals.{group_column}", len(labels)), list(labels)


def _codes(values: np.ndarray, name: str, n: int) -> np.ndarray:
    """Codes 0 … n - 1, refused at the first row outside."""
    bad = ~np.isin(values, np.arange(n))
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise AnalysisInputError(f"{name}: {values[first].item()!r} at row {first}; expected a code 0 … {n - 1}")
    return values.astype(np.intp)


def _day_numbers(values: np.ndarray, name: str) -> np.ndarray:
    """Dates or day numbers (int, days since 1970) as int64 day numbers."""
    if np.issubdtype(np.asarray(values).dtype, np.integer):
        return np.asarray(values, dtype=np.int64)
    return days(values, name).astype(np.int64)
