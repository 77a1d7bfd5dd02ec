"""What an edited cell holds, read as the rulebook's type or refused with a coded reason.

The rule table and settings come back from a browser grid as whatever the reader typed: text,
numbers, blanks, numpy booleans. `coerce` turns one cell into the model's type (a number, a whole
number, true/false, text, an id, ids) or raises `Refusal` saying what was expected and what came,
so scoring/tuning/editing.py never validates a half-read value.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from scoring.problems import Refusal


def is_missing(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str) and raw.strip() == "":
        return True
    try:
        return bool(pd.isna(raw))
    except (TypeError, ValueError):
        return False


def coerce(raw: Any, kind: str) -> Any:
    """A cell value as the model's type; ValueError says what was expected and what came."""
    optional = kind.startswith("optional_")
    base = kind.removeprefix("optional_")
    if is_missing(raw):
        if optional:
            return None
        raise Refusal("empty", f"expected {_EXPECTED[base]}, got an empty value", kind=base)
    if base == "number":
        return _number(raw)
    if base == "int":
        number = _number(raw, "int")
        if not float(number).is_integer():
            raise Refusal("expected", f"expected a whole number, got {raw!r}", kind="int", value=raw)
        return int(number)
    if base == "bool":
        if isinstance(raw, bool) or type(raw).__name__ == "bool_":
            return bool(raw)
        if isinstance(raw, str) and raw.strip().lower() in ("true", "false", "yes", "no"):
            return raw.strip().lower() in ("true", "yes")
        raise Refusal("expected", f"expected true or false, got {raw!r}", kind="bool", value=raw)
    if base in ("text", "id"):
        if not isinstance(raw, str):
            raise Refusal("expected", f"expected {_EXPECTED[base]}, got {raw!r}", kind=base, value=raw)
        return raw.strip()
    if base == "ids":
        return _ids(raw)
    if base == "groups":
        ids = _ids(raw)
        return "all" if ids in ((), ("all",)) else ids
    raise AssertionError(kind)


_EXPECTED = {
    "number": "a number",
    "int": "a whole number",
    "bool": "true or false",
    "text": "text",
    "id": "an id",
    "ids": "comma-separated ids",
    "groups": '"all" or comma-separated key-group ids',
}


def _number(raw: Any, kind: str = "number") -> float:
    refused = Refusal("expected", f"expected {_EXPECTED[kind]}, got {raw!r}", kind=kind, value=raw)
    if isinstance(raw, bool) or type(raw).__name__ == "bool_":
        raise refused
    if isinstance(raw, numbers.Real):
        value = float(raw)
    elif isinstance(raw, str):
        try:
            value = float(raw.strip().replace("−", "-"))
        except ValueError:
            raise refused from None
    else:
        raise refused
    if not math.isfinite(value):
        raise Refusal("not_finite", f"expected a finite number, got {raw!r}", value=raw)
    return value


def _ids(raw: Any) -> tuple[str, ...]:
    if isinstance(raw, str):
        parts = re.split(r"[,，\s]+", raw)
    elif isinstance(raw, Iterable):
        parts = list(raw)
        if not all(isinstance(p, str) for p in parts):
            raise Refusal("expected", f"expected comma-separated ids, got {raw!r}", kind="ids", value=raw)
    else:
        raise Refusal("expected", f"expected comma-separated ids, got {raw!r}", kind="ids", value=raw)
    return tuple(p.strip() for p in parts if p.strip())
