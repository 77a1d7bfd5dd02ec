"""What an edited rulebook changes against its preset, as a plain table.

A pure function of (preset, edited) in the style of PolicyEngine's reform-vs-baseline tables: one
row per changed value with its path ("rules[traffic_violation].points"), old and new value and
old and new status, so an evaluator sees every change and that it is now an assumption. A number
stays a number (an export must not turn -150 into text); any other value is text (lists
comma-joined, true/false, an absent value empty).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from pydantic import BaseModel

from scoring.rulebook import Rulebook, Sourced, Veto
from scoring.tuning.edited_titles import without_marks

DIFF_COLUMNS = (
    "path", "element", "field", "change", "old_value", "new_value", "old_status", "new_status", "old_source",
    "new_source",
)  # fmt: skip
_KEYED = ("dimensions", "rules", "levels", "incentives", "sanctions")  # lists of elements with an `id`
_ORDER = (
    "id", "title", "description", "effective", "sources", "score", "dimensions", "rules", "tiers",
    "eligibility", "incentives", "sanctions", "repair", "objections",
)  # fmt: skip


def diff_rulebooks(preset: Rulebook, edited: Rulebook) -> pd.DataFrame:
    """Rows (path, element, field, change, old/new value, old/new status, old/new source id) for
    every value or status that differs; `change` is changed / restated (the same value, another
    status or source) / added / removed. An element (a rule, dimension, tier, incentive or
    sanction) only one side has is one row, field "" and its id as the value, not a row per field.
    Empty when the two are equal."""
    if not isinstance(preset, Rulebook) or not isinstance(edited, Rulebook):
        raise TypeError(f"expected two Rulebooks, got {type(preset).__name__} and {type(edited).__name__}")
    old, new = _flatten(preset), _flatten(without_marks(edited))  # the mark on an edited rule is no change
    only_old, only_new = _items(old) - _items(new), _items(new) - _items(old)
    rows = []
    for path in [*old, *(p for p in new if p not in old)]:
        (element, field, old_value, old_status, old_source) = old.get(path, (None, None, _ABSENT, None, None))
        (element2, field2, new_value, new_status, new_source) = new.get(path, (None, None, _ABSENT, None, None))
        whole = (element or element2) in only_old | only_new
        if whole and field != "id" and field2 != "id":
            continue  # said once, by the element's id row below
        if _equal(old_value, new_value) and old_status == new_status:
            continue
        if _equal(old_value, new_value):
            change = "restated"
        else:
            change = "added" if old_value is _ABSENT else "removed" if new_value is _ABSENT else "changed"
        rows.append(
            {
                "path": element or element2 if whole else path,
                "element": element or element2,
                "field": "" if whole else field or field2,
                "change": change,
                "old_value": _value(old_value),
                "new_value": _value(new_value),
                "old_status": old_status,
                "new_status": new_status,
                "old_source": old_source,
                "new_source": new_source,
            }
        )
    frame = pd.DataFrame(_unrepeated(rows), columns=list(DIFF_COLUMNS))
    # Values are numbers or text, cell by cell: kept as Python objects, never inferred as one
    # column type (all-text columns would become strings that refuse a number beside them).
    return frame.astype({"old_value": object, "new_value": object})


def _unrepeated(rows: list[dict]) -> list[dict]:
    """Without the restated values whose new status is just their element's: the element's own
    status row says it once (a value with a status of its own stays)."""
    restatus = {(r["element"], r["old_status"], r["new_status"]) for r in rows if r["field"] == "status"}
    return [
        r for r in rows if r["change"] != "restated" or (r["element"], r["old_status"], r["new_status"]) not in restatus
    ]


def _items(flat: dict) -> set[str]:
    """The element paths of keyed items (`rules[fraud]`, `tiers.levels[good]`, …)."""
    return {element for element, *_ in flat.values() if element.endswith("]")}


class _Absent:
    def __repr__(self) -> str:
        return "<absent>"


_ABSENT = _Absent()


def _flatten(rulebook: Rulebook) -> dict[str, tuple[str, str, Any, str | None, str | None]]:
    """path -> (element path, field, value, status and source id of that value)."""
    out: dict[str, tuple[str, str, Any, str | None, str | None]] = {}
    for name in _ORDER:
        _walk(getattr(rulebook, name), name, "rulebook", name, None, out)
    return out


def _walk(value: Any, path: str, element: str, field: str, owner: Sourced | None, out: dict) -> None:
    known = owner.provenance_of(field.split(".")[0]) if owner is not None else None
    status, source = (known.status.value, known.source) if known is not None else (None, None)
    if isinstance(value, Veto):
        out[path] = (element, field, value.max_tier, status, source)
    elif isinstance(value, Sourced):
        out[f"{path}.status"] = (path, "status", value.status.value, value.status.value, value.source)
        out[f"{path}.source"] = (path, "source", value.source, value.status.value, value.source)
        for name in type(value).model_fields:
            if name in ("status", "source", "provenance"):
                continue
            _walk(getattr(value, name), f"{path}.{name}", path, name, value, out)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _walk(getattr(value, name), f"{path}.{name}", element, f"{field}.{name}", owner, out)
    elif isinstance(value, tuple) and field.split(".")[-1] in _KEYED:
        for item in value:
            _walk(item, f"{path}[{item.id}]", path, item.id, None, out)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{path}.{key}", element, f"{field}.{key}", owner, out)
    else:
        out[path] = (element, field, value, status, source)


def _equal(old: Any, new: Any) -> bool:
    """Equal as values (1 == 1.0, as the model's defaults are ints), but True is not 1."""
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    return old == new


def _value(value: Any) -> int | float | str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return _text(value)


def _text(value: Any) -> str:
    if value is _ABSENT or value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple | list):
        return ", ".join(_text(v) for v in value)
    return str(value)
