"""Tier shares on the data itself, month by month back from the data's as-of date, beside the
model's simulated future (pages/behaviour.py).

Each month end is scored by the engine as any as-of date is (`score(compile_dataset(...))`, the
population's own cut-offs that month), but only as far back as the record windows allow: an
as-of date whose longest finite window reaches before the data's history start would score
people without records they had (scoring/engine/history.py refuses such dates everywhere). Rules
without a window count every record ever, which no history can hold in full; they are named in
the result so the page can say so rather than stepping back as if they were honoured.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.calendar import add_months_to_date
from scoring.dataset import Dataset
from scoring.engine import compile_dataset, earliest_complete_as_of, score
from scoring.engine.history import longest_window
from scoring.problems import Refusal
from scoring.rulebook import Rulebook

DEFAULT_MONTHS_BACK = 24  # about 0.5 s of compiling per month at 1 M people
MAX_MONTHS_BACK = 240  # the longest window a rulebook may set


@dataclass(frozen=True)
class History:
    """Tier shares of the eligible per month end (`months_before` 0 = the data's as-of date,
    -1 the month end before, …), the earliest as-of date the windows allow, the rule whose window
    sets it (None when no rule has a window), the rules without a window, and whether
    `months_back` stopped the steps before that earliest date."""

    shares: pd.DataFrame  # month_end (date), months_before (int, ≤ 0), tier, share; oldest first
    as_of: dt.date  # the data's
    earliest: dt.date
    limited_by: str | None
    unbounded_rules: tuple[str, ...]
    months_back: int
    capped: bool

    @property
    def start(self) -> dt.date:
        """The oldest month end shown."""
        return self.shares["month_end"].iloc[0]


def month_ends_back(as_of: dt.date, earliest: dt.date, months_back: int) -> list[dt.date]:
    """`as_of`, then the month ends before it, newest first, none before `earliest` and at most
    `months_back` of them: the dates reports are made for, as the as-of picker offers them."""
    first_of_month = as_of.replace(day=1)
    days = [as_of]
    for k in range(1, months_back + 1):
        end = add_months_to_date(first_of_month, 1 - k) - dt.timedelta(days=1)
        if end < earliest:
            break
        days.append(end)
    return days


def tier_history(
    dataset: Dataset,
    rulebook: Rulebook,
    months_back: int = DEFAULT_MONTHS_BACK,
    progress: Callable[[float], None] | None = None,
) -> History:
    """Each month end's tier shares as the engine scores it, back from the data's as-of date to
    the earliest one every finite window fits inside the history (at most `months_back` months)."""
    if isinstance(months_back, bool) or not isinstance(months_back, int | np.integer):
        raise Refusal("history_months", f"history: months back {months_back!r}; expected a whole number 0 to 240")
    if not 0 <= months_back <= MAX_MONTHS_BACK:
        raise Refusal("history_months", f"history: months back {months_back}; expected a whole number 0 to 240")
    as_of = dataset.data_as_of.astype("datetime64[D]").astype(dt.date)
    earliest = earliest_complete_as_of(dataset, rulebook)
    if earliest > as_of:
        rule = longest_window(rulebook)
        raise Refusal(
            "history_short",
            f"history: rule {rule.id}'s window of {rule.window_months} months reaches before the data's history "
            f"start; the earliest complete as-of date {earliest} is after the data's {as_of}",
            rule=rule.id,
            earliest=earliest.isoformat(),
        )
    days = month_ends_back(as_of, earliest, int(months_back))
    tier_ids = rulebook.tiers.ids
    rows = []
    for k, day in enumerate(days):
        result = score(compile_dataset(dataset, day), rulebook)
        eligible = result.eligible
        counts = np.bincount(result.tier[eligible].astype(np.int64), minlength=len(tier_ids))
        people = max(int(eligible.sum()), 1)
        rows += [(day, -k, tier, counts[t] / people) for t, tier in enumerate(tier_ids)]
        if progress:
            progress((k + 1) / len(days))
    shares = pd.DataFrame(rows, columns=["month_end", "months_before", "tier", "share"])
    shares = shares.sort_values(["months_before", "tier"], kind="stable", key=_tier_order(tier_ids))
    limit = longest_window(rulebook)
    month_end_before = days[-1].replace(day=1) - dt.timedelta(days=1)
    return History(
        shares=shares.reset_index(drop=True),
        as_of=as_of,
        earliest=earliest,
        limited_by=None if limit is None else limit.id,
        unbounded_rules=tuple(r.id for r in rulebook.rules if r.matches and r.window_months is None),
        months_back=int(months_back),
        capped=month_end_before >= earliest,
    )


def _tier_order(tier_ids: tuple[str, ...]):
    """Sort key: months oldest first, tiers in the rulebook's order."""
    return lambda column: column.map(tier_ids.index) if column.name == "tier" else column


def dated_future(tiers: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """The model's tier shares (month, path, tier, share) on the month ends it scored: month m is
    `as_of` plus m calendar months, as `simulate` steps them."""
    ends = {m: add_months_to_date(as_of, int(m)) for m in tiers["month"].unique()}
    return tiers.assign(month_end=tiers["month"].map(ends))
