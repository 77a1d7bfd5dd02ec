"""How we know each value of a rulebook, as one plain table that travels with every export.

A reader of an exported table must be able to tell a confirmed cut-off from one we assumed,
and an edited value from the preset it came from: so the table lists every value field of every
sourced element with its own status and source (a per-field override, else the element's).
Each value's `path` is the one the table of changes uses (`rules[fraud].points`), so a value
read in an export is found in the YAML and in a diff.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

import pandas as pd

from scoring.catalogues import Status, load_catalogues
from scoring.rulebook import Rulebook, Sourced, sourced_elements

# Fields that describe an element rather than set a value of the scheme.
_NOT_VALUES = frozenset({"id", "title", "status", "source", "provenance", "levels", "note"})
PROVENANCE_COLUMNS = (
    "element", "title_zh", "title_en", "field", "value", "status", "source", "source_zh", "source_en", "path",
)  # fmt: skip
_POSITION = re.compile(r"\[\d+\]$")


class Value(NamedTuple):
    """One value of a rulebook as the model holds it (a list, a mapping, a veto, True, None …),
    for a reader's table to word; `element_path` is keyed by id (`tiers.levels[good]`)."""

    element_path: str
    element: Sourced
    field: str
    value: object
    status: str
    source: str | None

    @property
    def path(self) -> str:
        return f"{self.element_path}.{self.field}"


def provenance_values(rulebook: Rulebook) -> Iterator[Value]:
    """Every value field of every sourced element, with its own status and source."""
    for path, element in sourced_elements(rulebook):
        keyed = _POSITION.sub(f"[{element.id}]", path) if getattr(element, "id", None) else path
        for field in type(element).model_fields:
            if field not in _NOT_VALUES:
                known = element.provenance_of(field)
                yield Value(keyed, element, field, getattr(element, field), known.status.value, known.source)


def provenance_table(rulebook: Rulebook) -> pd.DataFrame:
    """One row per (element, value field): the value (a number, or text as written), its status,
    its source id and title, and its path."""
    catalogue = load_catalogues().sources
    # A rulebook's own sources are one line of text; the catalogue's have both languages.
    titles = {**{k: (v.zh, v.en) for k, v in catalogue.items()}, **{k: (v, v) for k, v in rulebook.sources.items()}}
    rows = [
        {
            "element": value.element_path,
            "title_zh": value.element.title.zh,
            "title_en": value.element.title.en,
            "field": value.field,
            "value": _value(value.value),
            "status": value.status,
            "source": value.source or "",
            "source_zh": titles.get(value.source, ("", ""))[0],
            "source_en": titles.get(value.source, ("", ""))[1],
            "path": value.path,
        }
        for value in provenance_values(rulebook)
    ]
    return pd.DataFrame(rows, columns=list(PROVENANCE_COLUMNS))


def assumed_by_element(table: pd.DataFrame) -> pd.DataFrame:
    """The assumed values of a provenance table, one row per rulebook element (the fields assumed,
    how many, their sources' titles): a rule's eleven assumed fields read as one line, where a row
    per value repeats the rulebook's own appendix."""
    assumed = table[table["status"] == "assumption"]
    grouped = assumed.groupby("element", sort=False)
    return pd.DataFrame(
        {
            "fields": grouped["field"].agg(tuple),
            "values": grouped.size(),
            **{f"sources_{lang}": grouped[f"source_{lang}"].agg(_distinct) for lang in ("zh", "en")},
        }
    ).reset_index()


def _distinct(texts: pd.Series) -> tuple[str, ...]:
    return tuple(dict.fromkeys(text for text in texts if text))


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
