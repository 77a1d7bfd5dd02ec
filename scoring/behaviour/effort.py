"""What a positive action costs the person, in hours: the one parameter table the gaming surface
and the response model share. Every value is our assumption (no survey of effort was found)."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.catalogues import Catalogues
from scoring.person.next_tier import OPEN_CATEGORIES
from scoring.problems import Refusal

VALUE_OF_TIME_YUAN_PER_HOUR = 50.0  # assumption: about Changzhou's average wage per working hour


@dataclass(frozen=True)
class Effort:
    """Hours one unit of a record type costs (in the catalogue's unit), and how many units a person
    can bring about in a year at most (None: no limit beyond the rule's cap)."""

    record_type: str
    hours_per_unit: float
    max_units_per_year: float | None
    status: str
    note: str


DEFAULT_EFFORT: tuple[Effort, ...] = (
    Effort("volunteer_hours", 1.0, None, "assumption", "an hour served is an hour spent (travel not counted)"),
    Effort("blood_donation", 2.0 / 200, 800, "assumption", "about 2 h per 200 ml donation; at most 800 ml a year"),
    Effort(
        "charitable_donation",
        1 / VALUE_OF_TIME_YUAN_PER_HOUR,
        None,
        "assumption",
        f"yuan converted at a value of time of {VALUE_OF_TIME_YUAN_PER_HOUR:g} yuan an hour",
    ),
    Effort("ontime_tax_payment", 0.5, 1, "assumption", "half an hour to file on time; one record a year"),
    Effort("ontime_utility_payment", 0.5, 1, "assumption", "half an hour to pay on time; one record a year"),
)


def open_types(catalogues: Catalogues) -> tuple[str, ...]:
    """Positive record types a person can bring about themselves (next_tier's open categories)."""
    return tuple(t.id for t in catalogues.record_types if t.polarity == "positive" and t.category in OPEN_CATEGORIES)


def checked_effort(effort: tuple[Effort, ...], catalogues: Catalogues) -> dict[str, Effort]:
    """The table by record type, refused on its first bad row: an unknown or closed record type, a
    repeated one, a negative or non-finite effort, or a yearly limit that is not positive."""
    opened = open_types(catalogues)
    table: dict[str, Effort] = {}
    for row, item in enumerate(effort):
        where = f"effort table, row {row + 1} ({item.record_type})"
        if item.record_type not in opened:
            raise Refusal("effort_type", f"{where}: expected one of {', '.join(opened)}", row=row)
        if item.record_type in table:
            raise Refusal("effort_repeated", f"{where}: record type given twice", row=row)
        if not (0 < item.hours_per_unit < float("inf")):
            raise Refusal("effort_hours", f"{where}: hours per unit must be a positive number", row=row)
        if item.max_units_per_year is not None and not (item.max_units_per_year > 0):
            raise Refusal("effort_limit", f"{where}: units a year must be positive or left empty", row=row)
        table[item.record_type] = item
    missing = [t for t in opened if t not in table]
    if missing:
        raise Refusal("effort_missing", f"effort table: no effort for {', '.join(missing)}", types=missing)
    return table
