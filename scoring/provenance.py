"""How we know each value of a rulebook, as one plain table that travels with every export.

A reader of an exported table must be able to tell a confirmed cut-off from one we assumed,
and an edited value from the preset it came from: so the table lists every value field of every
sourced element with its own status and source (a per-field override, else the element's).
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from scoring.catalogues import Status, load_catalogues
from scoring.rulebook import Rulebook, sourced_elements

# Fields that describe an element rather than set a value of the scheme.
_NOT_VALUES = frozenset({"id", "title", "status", "source", "provenance", "levels", "note"})
PROVENANCE_COLUMNS = (
    "element", "title_zh", "title_en", "field", "value", "status", "source", "source_zh", "source_en",
)  # fmt: skip


def provenance_table(rulebook: Rulebook) -> pd.DataFrame:
    """One row per (element, value field): the value (a number, or text as written), its status,
    its source id and title."""
    catalogue = load_catalogues().sources
    # A rulebook's own sources are one line of text; the catalogue's have both languages.
    titles = {**{k: (v.zh, v.en) for k, v in catalogue.items()}, **{k: (v, v) for k, v in rulebook.sources.items()}}
    rows = []
    for path, element in sourced_elements(rulebook):
        for field in type(element).model_fields:
            if field in _NOT_VALUES:
                continue
            known = element.provenance_of(field)
            rows.append(
                {
                    "element": path if not getattr(element, "id", None) else f"{path} {element.id}",
                    "title_zh": element.title.zh,
                    "title_en": element.title.en,
                    "field": field,
                    "value": _value(getattr(element, field)),
                    "status": known.status.value,
                    "source": known.source or "",
                    "source_zh": titles.get(known.source, ("", ""))[0],
                    "source_en": titles.get(known.source, ("", ""))[1],
                }
            )
    return pd.DataFrame(rows, columns=list(PROVENANCE_COLUMNS))


def status_counts(rulebook: Rulebook) -> dict[str, int]:
    """How many values are confirmed, reported and assumed (every status named, zeros included)."""
    counts = Counter(provenance_table(rulebook)["status"])
    return {status.value: int(counts.get(status.value, 0)) for status in Status}


def _value(value: object) -> int | float | str:
    """A number as a number (exports keep it one), anything else as text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return _text(value)


def _text(value: object) -> str:
    """A value as a reader would write it: lists joined, models as their fields, None as empty."""
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return ", ".join(map(_text, value))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if hasattr(value, "model_dump"):
        return _text(value.model_dump(mode="json"))
    return str(value)
