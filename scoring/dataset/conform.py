"""Conform: each column converted to its schema type only when no value changes on the way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from scoring.catalogues import Catalogues, load_catalogues
from scoring.dataset.errors import DatasetError, refuse, refuse_first, refuse_missing, table_label
from scoring.dataset.schema import DATE, ISO_DAY, SCHEMAS, categories

_KINDS = {"int32": "int", "int64": "int", "float64": "float", "bool": "bool", DATE: "date", "category": "text"}
_EXPECTED = {
    "int": "a whole number stored as an integer",
    "float": "a number",
    "bool": "true or false stored as a boolean",
    "date": "a date stored as a date or timestamp",
    "text": "text",
}
# pandas.api.types.infer_dtype answers accepted for each kind; "empty" is a column without values.
_INFERRED = {
    "int": {"integer", "empty"},
    "float": {"integer", "floating", "mixed-integer-float", "decimal", "empty"},
    "bool": {"boolean", "empty"},
    "date": {"datetime64", "datetime", "date", "empty"},
    "text": {"string", "categorical", "empty"},
}
# The same test for one value, to find the first offending row of a mixed column.
_IS_KIND: dict[str, Callable[[object], bool]] = {
    "int": lambda v: isinstance(v, int | np.integer) and not isinstance(v, bool | np.bool_),
    "float": lambda v: isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool | np.bool_),
    "bool": lambda v: isinstance(v, bool | np.bool_),
    "date": lambda v: isinstance(v, dt.date | np.datetime64),
    "text": lambda v: isinstance(v, str),
}


def conform(
    table: str, frame: pd.DataFrame, catalogues: Catalogues | None = None, *, iso_text_dates: bool = True
) -> pd.DataFrame:
    """A frame in its table's stored types, or DatasetError naming the first value that is not.

    Values are checked, not cast: text is never read as true/false, numbers never as dates, and
    an integer that does not fit its column's width is refused rather than wrapped. Unknown
    category values (a record type not in the catalogue) are errors, not dropped rows.
    `iso_text_dates` lets frames written by hand give dates as "YYYY-MM-DD" text; files must
    store dates as dates, so `read()` turns it off.
    """
    catalogues = catalogues or load_catalogues()
    allowed = categories(catalogues)
    schema = SCHEMAS[table]
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise DatasetError(f"{table_label(table)}: missing column(s) {', '.join(missing)}")
    out = {}
    for column, dtype in schema.items():
        values = frame[column].reset_index(drop=True)
        kind = _KINDS[dtype]
        refuse_missing(table, column, values)
        if not values.notna().any():  # no values (an empty table, or a list column without lists)
            out[column] = _without_values(dtype, allowed.get(column, ()), len(values))
            continue
        if kind == "date" and iso_text_dates and pd.api.types.infer_dtype(values, skipna=True) == "string":
            out[column] = _iso_text_dates(table, column, values)
            continue
        _require_kind(table, column, values, kind)
        if kind == "text":
            out[column] = _as_category(table, column, values, allowed[column])
        elif kind == "date":
            out[column] = _as_dates(table, column, values)
        elif kind == "int":
            out[column] = _as_integers(table, column, values, np.dtype(dtype))
        else:
            out[column] = pd.Series(values.to_numpy(dtype=dtype), name=column)
    return pd.DataFrame(out)


def _without_values(dtype: str, allowed: tuple[str, ...], n: int) -> pd.Series:
    """A column of n missing values (n is 0 unless the column is nullable) in its stored type."""
    if dtype == "category":
        return pd.Series(pd.Categorical.from_codes(np.full(n, -1), categories=list(allowed)))
    return pd.Series(np.full(n, np.datetime64("NaT"), DATE) if dtype == DATE else np.empty(0, dtype))


def _require_kind(table: str, column: str, values: pd.Series, kind: str) -> None:
    aware = isinstance(values.dtype, pd.DatetimeTZDtype)  # which calendar day is ambiguous
    if pd.api.types.infer_dtype(values, skipna=True) in _INFERRED[kind] and not aware:
        return
    offending = values.notna().to_numpy()
    if values.dtype == object:  # mixed Python values: the first one of the wrong kind
        offending = offending & ~values.map(_IS_KIND[kind], na_action="ignore").fillna(False).astype(bool).to_numpy()
    row = int(np.argmax(offending))
    refuse(table, column, row, values[row], f"{_EXPECTED[kind]}, not {_stored_as(values)}")


def _stored_as(values: pd.Series) -> str:
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return "a timestamp with a time zone"
    inferred = pd.api.types.infer_dtype(values, skipna=True)
    return {"string": "text", "floating": "a decimal number", "integer": "a number", "boolean": "true/false"}.get(
        inferred, str(values.dtype) if values.dtype != object else inferred
    )


def _as_integers(table: str, column: str, values: pd.Series, dtype: np.dtype) -> pd.Series:
    info = np.iinfo(dtype)
    array = values.to_numpy()
    if array.dtype == object:
        too_big = values.map(lambda v: not info.min <= v <= info.max).to_numpy(dtype=bool)
    else:
        too_big = (array < info.min) | (array > info.max)
    refuse_first(table, column, too_big, array, f"a whole number from {info.min:,} to {info.max:,} ({dtype})")
    return pd.Series(array.astype(dtype), name=column)


def _as_dates(table: str, column: str, values: pd.Series) -> pd.Series:
    """Calendar days (a time of day is dropped), as second timestamps."""
    days = values.to_numpy(dtype="datetime64[D]") if values.dtype == object else values.to_numpy()
    return pd.Series(days.astype("datetime64[D]").astype(DATE), name=column)


def _iso_text_dates(table: str, column: str, values: pd.Series) -> pd.Series:
    text = values.astype(object).where(values.notna(), None).to_numpy()
    for row, value in enumerate(text):
        if value is not None and not (isinstance(value, str) and ISO_DAY.fullmatch(value)):
            refuse(table, column, row, value, "a date as YYYY-MM-DD text")
    try:
        days = np.array(text, dtype="datetime64[D]")
    except ValueError:
        row = next(i for i, v in enumerate(text) if isinstance(v, str) and not is_calendar_day(v))
        refuse(table, column, row, text[row], "a calendar date")
    return pd.Series(days.astype(DATE), name=column)


def is_calendar_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _as_category(table: str, column: str, values: pd.Series, allowed: tuple[str, ...]) -> pd.Series:
    """Recode to the catalogue's categories (vectorised: a Parquet dictionary column is recoded
    through its few categories, not row by row)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        _require_kind(table, column, pd.Series(values.cat.categories), "text")
        present = list(values.cat.categories)
    else:
        present = list(pd.unique(values.dropna()))
    unknown = set(present) - set(allowed)
    if unknown:
        shown = ", ".join(sorted(allowed)[:8]) + (" …" if len(allowed) > 8 else "")
        bad = values.isin(list(unknown)).to_numpy()
        refuse_first(table, column, bad, values, f"one of {shown}")
    return pd.Series(pd.Categorical(values, categories=list(allowed)), name=column)
