"""Calendar-month arithmetic: the one place the project adds and counts months.

Publicity periods, repair periods, rule windows and ages are set in months and years ("3
months", "1 year", "3 years"), so the engine, credit repair, the history bound and the synthetic
generator all count whole calendar months, by one rule:

    A month has elapsed once the same day of the month is reached, or the month's last day when
    it is shorter: 31 Jan + 1 month = 28/29 Feb; 29 Feb + 12 months = 28 Feb.

This is what `date + dateutil.relativedelta(months=n)` does (tests/test_calendar.py checks it
against that), and a year is 12 months. The functions work on numpy datetime64[D] arrays
(datetime64[s] values and `datetime.date` are accepted and taken as days), because the engine
ages millions of record days per as-of date; `add_months_to_date` is the scalar form for callers
that hold a `datetime.date`. NaT stays NaT in `add_months`; `months_elapsed` and `months_since`
give meaningless numbers for NaT, so callers mask it.
"""

from __future__ import annotations

import datetime as dt

import numpy as np


def _ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Year*12+month index, day of month, and days in that month, for datetime64[D] values."""
    months = days.astype("datetime64[M]")
    day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    month_index = months.astype(np.int64)
    days_in_month = ((months + 1).astype("datetime64[D]") - months.astype("datetime64[D]")).astype(np.int64)
    return month_index, day, days_in_month, months


def months_elapsed(start: np.ndarray, end: np.datetime64 | np.ndarray) -> np.ndarray:
    """Whole months from `start` to `end` (both datetime64[D]); negative when end is earlier."""
    start = np.asarray(start, dtype="datetime64[D]")
    end = np.asarray(end, dtype="datetime64[D]")
    s_month, s_day, _, _ = _ymd(start)
    e_month, e_day, e_dim, _ = _ymd(end)
    elapsed = e_month - s_month
    # The anniversary in end's month falls on min(start day, length of end's month).
    not_yet = np.minimum(s_day, e_dim) > e_day
    return elapsed - not_yet.astype(np.int64)


def add_months(start: np.ndarray | np.datetime64 | dt.date, months: np.ndarray | int) -> np.ndarray:
    """`start` plus whole months (negative: minus), clamped to the end of shorter months."""
    start = np.asarray(start, dtype="datetime64[D]")
    _, day, _, s_months = _ymd(start)
    target = s_months + np.asarray(months, dtype=np.int64)
    target_dim = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(np.int64)
    return target.astype("datetime64[D]") + (np.minimum(day, target_dim) - 1)


def add_months_to_date(date: dt.date, months: int) -> dt.date:
    """`add_months` for one `datetime.date` (12 × years for a shift by years)."""
    return add_months(np.datetime64(date, "D"), months).astype(dt.date)


def calendar_parts(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(year × 12 + month, day of month) of each date, computed once so that `months_since`
    is plain integer arithmetic for any end date (NaT gives meaningless values; mask them)."""
    month_index, day, _, _ = _ymd(np.asarray(days, dtype="datetime64[D]"))
    return month_index.astype(np.int32), day.astype(np.int8)


def months_since(parts: tuple[np.ndarray, np.ndarray], end: np.datetime64) -> np.ndarray:
    """months_elapsed(start, end) for precomputed calendar parts of the starts and one end date."""
    (e_month,), (e_day,), (e_dim,), _ = _ymd(np.asarray([end], dtype="datetime64[D]"))
    month_index, day = parts
    return (e_month - month_index) - (np.minimum(day, e_dim) > e_day)


def as_of_choices(earliest: dt.date, latest: dt.date, chosen: dt.date | None = None) -> list[dt.date]:
    """The dates an as-of picker offers, newest first: every month end from `earliest` to
    `latest`, both bounds themselves, and `chosen` when it lies between them (a share link may
    carry any day). Month ends are the dates reports are made for; a list of them can be typed
    into and filtered, which a calendar cannot."""
    if earliest > latest:
        raise ValueError(f"earliest {earliest} is after latest {latest}")
    ends = set()
    month = dt.date(earliest.year, earliest.month, 1)
    while month <= latest:
        following = add_months_to_date(month, 1)
        end = following - dt.timedelta(days=1)
        if earliest <= end <= latest:
            ends.add(end)
        month = following
    ends |= {earliest, latest}
    if chosen is not None and earliest <= chosen <= latest:
        ends.add(chosen)
    return sorted(ends, reverse=True)
