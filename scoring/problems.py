"""Problems as data: what is wrong (`code` and its values), where (the path in the rulebook and
the element it names), and an English line for the command line and logs.

The dashboard says the same problem in its reader's language from `code`, `params` and `where`
(ui/problems.py); the English `message` is never shown there. Validators raise `Refusal`, a
ValueError that carries its code: pydantic keeps the exception in the error's context, so the
code survives validation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Loc = tuple[str | int, ...]


class Refusal(ValueError):
    """A validator's refusal: `str()` is the English message, `code` and `params` say it as data."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Name:
    """An element's name in both languages (a rule's, a tier's, a dimension's title)."""

    zh: str
    en: str


@dataclass(frozen=True)
class Subject:
    """The element a problem is in: its kind (rule, dimension, tier, incentive, sanction), id and
    name when the data have them (a broken upload may lack either)."""

    kind: str
    id: str | None = None
    name: Name | None = None


@dataclass(frozen=True)
class Problem:
    """One problem. `loc` is the path in the rulebook (`("rules", 3, "points")`); None when the
    problem is the file's as a whole, and `line`/`column` when it is a place in the YAML text.
    `subject` names the element `loc` points into; `rule` and `field` are kept for editors."""

    loc: Loc | None
    message: str
    code: str = "other"
    params: Mapping[str, Any] = field(default_factory=dict)
    subject: Subject | None = None
    line: int | None = None
    column: int | None = None
    rule: str | None = None
    field: str | None = None

    @property
    def path(self) -> str:
        return path_text(self.loc) if self.loc is not None else ""

    def __str__(self) -> str:
        if self.line is not None:
            where = f"line {self.line}, column {self.column}: "
        else:
            where = f"{self.path}: " if self.loc is not None else ""
        return where + self.message + (f" (rule {self.rule})" if self.rule else "")


def path_text(loc: Loc) -> str:
    """`rules[3].points`, the English path of the command line."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


ELEMENT_KINDS = {"rules": "rule", "dimensions": "dimension", "incentives": "incentive", "sanctions": "sanction"}


def subject_at(data: Any, loc: Loc | None, record_type_names: Mapping[str, Name] | None = None) -> Subject | None:
    """The element `loc` points into, named from plain rulebook data (a rule without a usable
    title is named after the first record type it matches, from `record_type_names`)."""
    if not loc or not isinstance(data, Mapping):
        return None
    if loc[0] in ELEMENT_KINDS and len(loc) > 1 and isinstance(loc[1], int):
        kind, element = ELEMENT_KINDS[loc[0]], _item(data.get(loc[0]), loc[1])
    elif loc[:2] == ("tiers", "levels") and len(loc) > 2 and isinstance(loc[2], int):
        tiers = data.get("tiers")
        kind, element = "tier", _item(tiers.get("levels") if isinstance(tiers, Mapping) else None, loc[2])
    else:
        return None
    if not isinstance(element, Mapping):
        return Subject(kind)
    element_id = element.get("id") if isinstance(element.get("id"), str) else None
    name = name_of(element.get("title"))
    if name is None and kind == "rule" and record_type_names:
        matches = element.get("matches")
        first = matches[0] if isinstance(matches, Sequence) and matches and isinstance(matches[0], str) else None
        name = record_type_names.get(first) if first else None
    return Subject(kind, element_id, name)


def name_of(title: Any) -> Name | None:
    """A bilingual title as a Name, or None when it is not one (a broken upload's)."""
    zh = getattr(title, "zh", None) if not isinstance(title, Mapping) else title.get("zh")
    en = getattr(title, "en", None) if not isinstance(title, Mapping) else title.get("en")
    return Name(zh, en) if isinstance(zh, str) and isinstance(en, str) and zh and en else None


def _item(items: Any, index: int) -> Any:
    if isinstance(items, Sequence) and not isinstance(items, str) and 0 <= index < len(items):
        return items[index]
    return None


# pydantic error types -> (code, the kind of value expected), for the types a rulebook meets
_PYDANTIC = {
    "missing": ("missing", None),
    "extra_forbidden": ("unknown_field", None),
    "finite_number": ("not_finite", None),
    "float_parsing": ("expected", "number"),
    "float_type": ("expected", "number"),
    "int_parsing": ("expected", "int"),
    "int_type": ("expected", "int"),
    "int_from_float": ("expected", "int"),
    "bool_parsing": ("expected", "bool"),
    "bool_type": ("expected", "bool"),
    "string_type": ("expected", "text"),
    "date_parsing": ("expected", "date"),
    "date_type": ("expected", "date"),
    "date_from_datetime_parsing": ("expected", "date"),
    "dict_type": ("expected", "mapping"),
    "model_type": ("expected", "mapping"),
    "model_attributes_type": ("expected", "mapping"),
    "tuple_type": ("expected", "list"),
    "list_type": ("expected", "list"),
    "string_too_short": ("empty", None),
    "too_short": ("too_few", None),
    "literal_error": ("one_of", None),
    "enum": ("one_of", None),
    "string_pattern_mismatch": ("pattern", None),
    "greater_than": ("greater_than", None),
    "greater_than_equal": ("at_least", None),
    "less_than": ("less_than", None),
    "less_than_equal": ("at_most", None),
}


def from_pydantic(err: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The code and values of one pydantic error (`ValidationError.errors()` item); a type not
    listed is `other`, with the value when it is a single one."""
    ctx = err.get("ctx") or {}
    found = ctx.get("error")
    if isinstance(found, Refusal):
        return found.code, dict(found.params)
    code, kind = _PYDANTIC.get(err["type"], ("other", None))
    value = err.get("input")
    params: dict[str, Any] = {} if isinstance(value, Mapping | list | tuple) else {"value": value}
    if code == "unknown_field":
        params = {"field": err["loc"][-1] if err.get("loc") else ""}
    elif code == "missing":
        params = {}
    elif kind:
        params["kind"] = kind
    elif code in ("greater_than", "at_least", "less_than", "at_most"):
        params["limit"] = next((ctx[k] for k in ("gt", "ge", "lt", "le") if k in ctx), None)
    elif code == "too_few":
        params["min"] = ctx.get("min_length")
    elif code == "one_of":
        params["expected"] = ctx.get("expected")
    return code, params
