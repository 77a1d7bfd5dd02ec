"""Dates as int64 day numbers (days since 1970-01-01): cheap to draw and add in numpy."""

from __future__ import annotations

import datetime as dt

import numpy as np

NOT_A_DAY = np.iinfo(np.int64).min  # becomes NaT


def day_number(date: dt.date) -> int:
    return int(np.datetime64(date, "D").astype(np.int64))


def shift_years(date: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (28 February for 29 February in a common year)."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def add_months(days: np.ndarray, months: np.ndarray | int) -> np.ndarray:
    """Calendar month arithmetic, clipping the day to the target month's length (31 Jan + 1 = 28/29 Feb)."""
    day = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    month = day.astype("datetime64[M]")
    day_of_month = (day - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.asarray(months, dtype=np.int64)
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(np.int64)
    return target.astype("datetime64[D]").astype(np.int64) + np.minimum(day_of_month, length - 1)


def to_datetime(days: np.ndarray) -> np.ndarray:
    """Day numbers to the contract's datetime64[s]; NOT_A_DAY becomes NaT."""
    days = np.asarray(days, dtype=np.int64)
    seconds = np.where(days == NOT_A_DAY, NOT_A_DAY, days * 86_400)
    return seconds.view("datetime64[s]")
