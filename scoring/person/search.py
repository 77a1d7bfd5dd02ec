"""Finding a person: what a search box's text is (a person id, a full or masked ID number, or a
name), checked before anything is looked up, and matches in an index of identities.

A full ID number's check digit is validated first (a mistyped digit is said as such, not as "no
match"); a masked number (the first 6 and last 4 characters, as every page shows them) and a
name are matched in an index the caller built over the people it can afford to draw identities
for (a page's worth, not a million).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from scoring.identity_numbers import mask_id_numbers, validate_id_number
from scoring.problems import Refusal

QueryKind = Literal["person_id", "id_number", "masked_id_number", "name"]
MAX_QUERY = 40  # characters: longer text is no name, id or number
MASKED = re.compile(r"\d{6}\*{8}\d{3}[\dXx]")
ID_LIKE = re.compile(r"[\dXx*]{11,}")  # digits with X or * in them: meant as an ID number


@dataclass(frozen=True)
class Query:
    kind: QueryKind
    value: str | int


def parse_query(text: str, n_people: int) -> Query:
    """The query a search box's text stands for, or Refusal (code and values) saying why not:
    `query_empty`, `query_too_long`, `person_unknown` (an id outside 0 … n-1), `masked_malformed`, or
    the ID number's own problem (IdNumberError: `id_length`, `id_character`, `id_birth_date`,
    `id_check_digit`)."""
    text = (text or "").strip()
    if not text:
        raise Refusal("query_empty", "type a person id, an ID number or a name")
    if len(text) > MAX_QUERY:
        raise Refusal("query_too_long", f"at most {MAX_QUERY} characters", max=MAX_QUERY)
    if text.isascii() and text.isdigit() and len(text) < 18:
        person = int(text)
        if person >= n_people:
            raise Refusal("person_unknown", f"no person {person}; ids run 0 … {n_people - 1}",
                          value=person, last=n_people - 1)  # fmt: skip
        return Query("person_id", person)
    if "*" in text:
        if not MASKED.fullmatch(text):
            raise Refusal("masked_malformed", "a masked ID number is 6 digits, 8 asterisks and the last 4 characters")
        return Query("masked_id_number", text.upper())
    if ID_LIKE.fullmatch(text):
        validate_id_number(text)  # IdNumberError is a Refusal: its code says what is wrong
        return Query("id_number", text.upper())
    return Query("name", text)


def matches(index: pd.DataFrame, query: Query) -> list[int]:
    """Person ids in `index` (person_id, name, id_number) matching a masked number (exactly) or a
    name (the whole name, or its start), in index order."""
    if query.kind == "masked_id_number":
        hit = mask_id_numbers(index["id_number"]) == query.value
    elif query.kind == "name":
        hit = index["name"].str.startswith(str(query.value))
    else:
        raise ValueError(f"matches() takes masked numbers and names, not {query.kind}")
    return index.loc[hit.to_numpy(dtype=bool), "person_id"].tolist()
