"""Refusing a dataset in one line: the table (as its file is named), the column, the first
offending row (counted from 0 within the table), the value and what was expected."""

from __future__ import annotations

from typing import NoReturn

import numpy as np
import pandas as pd

from scoring.dataset.schema import NULLABLE, TABLE_FILES


class DatasetError(ValueError):
    """A dataset breaks the contract; the message names the table, the column and the problem."""


def table_label(table: str) -> str:
    """The name a user knows the table by: its file's stem (record_events, not events)."""
    return TABLE_FILES[table].removesuffix(".parquet")


def shown(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return "missing"
    if isinstance(value, np.datetime64):
        return "missing" if np.isnat(value) else str(value.astype("datetime64[D]"))
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return "missing"
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def refuse(table: str, column: str, row: int, value: object, expected: str) -> NoReturn:
    raise DatasetError(f"{table_label(table)}.{column} row {row}: {shown(value)}; expected {expected}")


def refuse_first(table: str, column: str, bad: np.ndarray, values: pd.Series | np.ndarray, expected: str) -> None:
    """Refuse the first row flagged in `bad`, if any (vectorised: one pass, no Python loop)."""
    if bad.any():
        row = int(np.argmax(bad))
        refuse(table, column, row, values.iloc[row] if isinstance(values, pd.Series) else values[row], expected)


def refuse_missing(table: str, column: str, values: pd.Series) -> None:
    if (table, column) not in NULLABLE:
        refuse_first(table, column, values.isna().to_numpy(), values, "a value")
