"""Dates as int64 day numbers (days since 1970-01-01): cheap to draw and add in numpy.

Months and years are added with scoring.calendar, the project's one calendar-month rule."""

from __future__ import annotations

import datetime as dt

import numpy as np

NOT_A_DAY = np.iinfo(np.int64).min  # becomes NaT


def day_number(date: dt.date) -> int:
    return int(np.datetime64(date, "D").astype(np.int64))


def to_datetime(days: np.ndarray) -> np.ndarray:
    """Day numbers to the contract's datetime64[s]; NOT_A_DAY becomes NaT."""
    days = np.asarray(days, dtype=np.int64)
    seconds = np.where(days == NOT_A_DAY, NOT_A_DAY, days * 86_400)
    return seconds.view("datetime64[s]")
