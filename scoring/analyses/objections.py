"""Objections (异议) month by month: opened, answered, answered within the rulebook's limit in
days, still open at each month's end and, of those, overdue (open longer than the limit).

Each objection is a `disputed` event and its answer the `resolved` event that closes it (each
resolution answers the latest open dispute of its record: `list_events.answer_days`); one not
answered by the as-of date is open. Month-end open = previous open + opened -
answered, exactly; an objection is overdue on a day once more than `sla_days` days have passed
since it was raised (raised on day d with a 20-day limit: answered on d + 20 is in time).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError, days, group_codes, limit_days, same_length
from scoring.analyses.months import month_bounds, month_labels

COLUMNS = ("month", "group", "open_at_start", "opened", "answered", "in_time", "late", "open_at_end", "overdue_at_end")
_NEVER = np.iinfo(np.int64).max // 2


def objection_backlog(
    sla_days: int,
    first,
    as_of,
    *,
    raised_on: np.ndarray,
    answered_on: np.ndarray,
    group: np.ndarray | None = None,
    labels: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per (month, group). `answered_on` is NaT for an objection not answered (an
    answer after `as_of` is not known yet); `group` is each objection's group code (department
    or district) with `labels`, or None for one group `all`."""
    sla_days = limit_days(sla_days)
    raised = days(raised_on, "raised_on").astype(np.int64)
    answered_raw = np.asarray(answered_on).astype("datetime64[D]")
    same_length("answered_on", answered_raw, "raised_on", len(raised))
    answered = np.where(np.isnat(answered_raw), _NEVER, answered_raw.astype(np.int64))
    early = answered < raised
    if early.any():
        first_bad = int(np.flatnonzero(early)[0])
        raise AnalysisInputError(
            f"answered_on {answered_raw[first_bad]} at position {first_bad} is before the objection was raised"
        )
    codes, labels = group_codes(group, labels, len(raised))
    bounds = month_bounds(first, as_of)
    answered = np.where(answered >= bounds[-1], _NEVER, answered)  # not known yet on the as-of date
    n_months, n_groups = len(bounds) - 1, len(labels)

    def per_month(day_numbers: np.ndarray, keep: np.ndarray) -> np.ndarray:
        month = np.searchsorted(bounds, day_numbers, side="right") - 1
        inside = keep & (month >= 0) & (month < n_months)
        return np.bincount(month[inside] * n_groups + codes[inside], minlength=n_months * n_groups).reshape(
            n_months, n_groups
        )

    everyone = np.ones(len(raised), dtype=bool)
    in_time = answered - raised <= sla_days
    opened = per_month(raised, everyone)
    closed = per_month(answered, everyone)
    closed_in_time = per_month(answered, in_time)
    before = (raised < bounds[0]) & (answered >= bounds[0])
    opening = np.bincount(codes[before], minlength=n_groups)
    open_end = opening + np.cumsum(opened - closed, axis=0)
    month_end = bounds[1:] - 1  # each month's last day (the as-of date for the last)
    overdue = np.stack(
        [
            np.bincount(codes, weights=(raised <= e) & (answered > e) & (e - raised > sla_days), minlength=n_groups)
            for e in month_end
        ]
    ).astype(np.int64)
    index = pd.MultiIndex.from_product([month_labels(bounds), labels], names=["month", "group"])
    frame = pd.DataFrame(
        {
            "open_at_start": (open_end - opened + closed).ravel(),
            "opened": opened.ravel(),
            "answered": closed.ravel(),
            "in_time": closed_in_time.ravel(),
            "late": (closed - closed_in_time).ravel(),
            "open_at_end": open_end.ravel(),
            "overdue_at_end": overdue.ravel(),
        },
        index=index,
    )
    return frame.reset_index()[list(COLUMNS)]
