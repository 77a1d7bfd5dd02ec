"""Time to answer an objection (异议) against the rulebook's limit in days, per group (the
department that decided the disputed record, or the disputed person's district).

An objection answered in the period (its answer dated from `first` to `as_of`) took the days
from raising to answering; within the limit it was answered in time (raised on day d with a
20-day limit: answered on d + 20 is in time, as in `objection_backlog`). One still unanswered on
the as-of date is open, and overdue once more than the limit has passed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError, day, days, group_codes, limit_days, same_length

COLUMNS = (
    "group", "answered", "in_time", "in_time_share", "median_days", "open_now", "overdue_now", "oldest_open_days",
)  # fmt: skip
SPAN = 3  # the distribution shows days up to three times the limit; longer waits share its last bar


def _answers(sla_days: int, first, as_of, raised_on, answered_on) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Checked days waited (int64, -1 for unanswered on `as_of`), which were answered in the period,
    and days open on `as_of` of the unanswered ones (-1 for the others)."""
    sla_days = limit_days(sla_days)
    start, end = day(first, "first"), day(as_of, "as_of")
    if start > end:
        raise AnalysisInputError(f"first {start} is after as_of {end}; expected first on or before as_of")
    raised = days(raised_on, "raised_on")
    answered = np.asarray(answered_on).astype("datetime64[D]")
    same_length("answered_on", answered, "raised_on", len(raised))
    early = ~np.isnat(answered) & (answered < raised)
    if early.any():
        first_bad = int(np.flatnonzero(early)[0])
        raise AnalysisInputError(
            f"answered_on {answered[first_bad]} at position {first_bad} is before the objection was raised"
        )
    exists = raised <= end
    known = exists & ~np.isnat(answered) & (answered <= end)
    waited = np.where(known, (answered - raised).astype(np.int64), -1)
    in_period = known & (answered >= start)
    open_days = np.where(exists & ~known, (end - raised).astype(np.int64), -1)
    return waited, in_period, open_days


def resolution_times(
    sla_days: int,
    first,
    as_of,
    *,
    raised_on: np.ndarray,
    answered_on: np.ndarray,
    group: np.ndarray | None = None,
    labels: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per group (label order, then `total`): objections answered in the period, of
    them in time, `in_time_share` (in time / answered, NaN for none), `median_days` to answer,
    and on `as_of` the open ones, the overdue ones and the longest open wait in days (0 for none)."""
    waited, in_period, open_days = _answers(sla_days, first, as_of, raised_on, answered_on)
    codes, labels = group_codes(group, labels, len(waited))
    groups = [*[codes == g for g in range(len(labels))], np.ones(len(waited), dtype=bool)]
    rows = []
    for name, mine in zip([*labels, "total"], groups, strict=True):
        took = waited[mine & in_period]
        still = open_days[mine & (open_days >= 0)]
        in_time = int((took <= sla_days).sum())
        rows.append(
            {
                "group": name,
                "answered": len(took),
                "in_time": in_time,
                "in_time_share": in_time / len(took) if len(took) else np.nan,
                "median_days": float(np.median(took)) if len(took) else np.nan,
                "open_now": len(still),
                "overdue_now": int((still > sla_days).sum()),
                "oldest_open_days": int(still.max(initial=0)),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def resolution_days(sla_days: int, first, as_of, *, raised_on: np.ndarray, answered_on: np.ndarray) -> pd.DataFrame:
    """The distribution of days to answer of the objections answered in the period: one row per
    day 0 … SPAN × limit (the last row counts that many days or more), `answered` and `in_time`."""
    waited, in_period, _ = _answers(sla_days, first, as_of, raised_on, answered_on)
    last = SPAN * int(sla_days)
    took = np.minimum(waited[in_period], last)
    counts = np.bincount(took, minlength=last + 1)
    span = np.arange(last + 1)
    return pd.DataFrame({"days": span, "answered": counts, "in_time": np.where(span <= sla_days, counts, 0)})
