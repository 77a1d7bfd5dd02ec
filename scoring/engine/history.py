"""The earliest as-of date a rulebook can score on a dataset without missing records.

A dataset holds records from its history start on (the manifest's `history_start`; without one,
its first record). At an as-of date whose rule windows reach before that start, people are
scored without records they would have: at the earliest date the dashboard used to offer, the
synthetic data's vetoed share was about a seventh of the true one. Such dates are refused (the
as-of picker does not offer them, `python -m scoring` exits with one line) rather than scored
and marked "incomplete history": a marked figure is still read, copied and compared as a score.
"""

from __future__ import annotations

import datetime as dt

from scoring.calendar import add_months_to_date
from scoring.dataset import Dataset
from scoring.engine.compiled import CompileError
from scoring.rulebook import Rule, Rulebook


def history_start(dataset: Dataset) -> dt.date:
    """The first day the data holds records for: the manifest's `history_start`, else the first
    record's day, else (no records) the data's as-of date, as nothing before it is known."""
    if "history_start" in dataset.manifest:
        return dt.date.fromisoformat(str(dataset.manifest["history_start"]))
    if len(dataset.records):
        return dataset.records["occurred_on"].min().date()
    return dataset.data_as_of.astype(dt.date)


def longest_window(rulebook: Rulebook) -> Rule | None:
    """The rule reading records with the longest finite window (None if there is none).

    Rules without a window (they count every record ever) are left out: no history is long
    enough for them, so bounding by them would refuse every date. They count the history the
    data holds, which its manifest states; windows are what the publicity periods set.
    """
    windowed = [rule for rule in rulebook.rules if rule.matches and rule.window_months is not None]
    return max(windowed, key=lambda rule: rule.window_months, default=None)


def earliest_complete_as_of(dataset: Dataset, rulebook: Rulebook) -> dt.date:
    """The first as-of date at which every rule window lies inside the data's history.

    A record `W` months old or older is outside a `W`-month window (months as in scoring.calendar,
    clamped to month ends, so 29 February is handled), so the date is the day before the history
    start plus the longest window: from then on the youngest missing day is out of every window.
    May be after the data's as-of date, when a window is longer than the history.
    """
    start = history_start(dataset)
    rule = longest_window(rulebook)
    if rule is None:
        return start
    return add_months_to_date(start - dt.timedelta(days=1), rule.window_months)


def require_complete_history(dataset: Dataset, rulebook: Rulebook, as_of: dt.date | None) -> None:
    """Refuse (CompileError, one line) an as-of date (default: the data's) before the earliest
    complete one."""
    as_of = dataset.data_as_of.astype(dt.date) if as_of is None else as_of
    earliest = earliest_complete_as_of(dataset, rulebook)
    if as_of < earliest:
        rule = longest_window(rulebook)
        raise CompileError(
            f"as-of date {as_of} is before {earliest}, the earliest date whose rule windows lie inside the "
            f"data's history (records from {history_start(dataset)}; longest window {rule.window_months} months, "
            f"rule {rule.id})"
        )
