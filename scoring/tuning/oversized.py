"""Values that are valid but suspicious: a point value or cap larger than the whole score range."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scoring.rulebook import Rulebook


@dataclass(frozen=True)
class Oversized:
    """A point value or cap larger than the whole score range: valid, but one record would move a
    person from one end of the range to the other (often a typo of one zero too many)."""

    kind: Literal["rule", "dimension"]
    id: str
    field: str  # points, cap_low or cap_high
    value: float


def oversized_values(rulebook: Rulebook) -> list[Oversized]:
    """Every rule's points and caps and every dimension's caps whose size exceeds max − min."""
    width = rulebook.score.max - rulebook.score.min
    found = []
    for kind, elements, fields in (
        ("rule", rulebook.rules, ("points", "cap_low", "cap_high")),
        ("dimension", rulebook.dimensions, ("cap_low", "cap_high")),
    ):
        for element in elements:
            for field in fields:
                value = getattr(element, field)
                if value is not None and abs(value) > width:
                    found.append(Oversized(kind, element.id, field, value))
    return found
