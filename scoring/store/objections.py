"""Objections to a record as the store keeps them, and the coded refusals of their life cycle.

An objection is opened on one record of one person of one dataset and answered once: upheld (the
record stands and counts again), corrected (the record is replaced by a corrected copy) or removed
(the record is struck out). Each refusal is a `Refusal` with a code (`objection_<what>`) and its
values, so the dashboard says it in the reader's language (ui/problems.py) and the command line in
English.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from scoring.problems import Refusal

OPEN = "open"
OUTCOMES = ("upheld", "corrected", "removed")
STATES = (OPEN, *OUTCOMES)
Outcome = Literal["upheld", "corrected", "removed"]
ANONYMOUS = "anonymous"  # the actor of every change until the dashboard has logins
MAX_REASON = 2000  # characters of a reason kept; a longer one is refused, not cut


class ObjectionRefused(Refusal):
    """An objection action the rules do not allow; nothing was written."""


@dataclass(frozen=True)
class Objection:
    """One objection row. `resolution` is the answer's reason; `corrected_quantity` is set only
    for a correction that changed the quantity (None: the corrected copy keeps the quantity)."""

    id: int
    dataset: str
    person_id: int
    record_id: int
    reason: str
    opened_on: dt.date
    opened_by: str
    state: str
    resolved_on: dt.date | None = None
    resolution: str | None = None
    corrected_quantity: float | None = None
    resolved_by: str | None = None

    @property
    def is_open(self) -> bool:
        return self.state == OPEN


def checked_reason(reason: object) -> str:
    """A reason is required text, trimmed, at most MAX_REASON characters: the log says why."""
    if not isinstance(reason, str) or not reason.strip():
        raise ObjectionRefused("objection_no_reason", "an objection action needs a reason")
    if len(reason.strip()) > MAX_REASON:
        raise ObjectionRefused(
            "objection_long_reason",
            f"a reason has at most {MAX_REASON} characters, got {len(reason.strip())}",
            limit=MAX_REASON,
            length=len(reason.strip()),
        )
    return reason.strip()


def checked_day(value: object, what: str) -> dt.date:
    """A calendar day (a datetime is not one: the objection's dates are days)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ObjectionRefused("objection_not_a_day", f"{what}: expected a date, got {value!r}", value=str(value))
    return value
