"""Calendar months, the project's one rule: dateutil's relativedelta is the oracle, the engine's
precomputed path agrees with the direct one, and 29 February is an ordinary day."""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.calendar import add_months, add_months_to_date, calendar_parts, months_elapsed, months_since


def _near_month_end(year: int, month: int, back: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1] - back)


# Uniform dates rarely fall on the days where the rule matters (29th-31st, month ends), so half
# of the drawn dates are within three days of a month's end.
dates = st.one_of(
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.builds(_near_month_end, st.integers(1900, 2100), st.integers(1, 12), st.integers(0, 3)),
)
shifts = st.integers(-600, 600)


def day(date: dt.date) -> np.datetime64:
    return np.datetime64(date, "D")


@settings(max_examples=500)
@given(dates, shifts)
def test_adding_months_is_what_relativedelta_does(date, months):
    expected = date + relativedelta(months=months)
    assert add_months_to_date(date, months) == expected
    assert add_months(day(date), months) == day(expected)


@given(st.lists(st.tuples(dates, shifts), min_size=1, max_size=50))
def test_many_dates_plus_their_own_months_at_once(pairs):
    starts = np.array([day(date) for date, _ in pairs])
    months = np.array([n for _, n in pairs])
    expected = np.array([day(date + relativedelta(months=n)) for date, n in pairs])
    np.testing.assert_array_equal(add_months(starts, months), expected)
    # the dataset's datetime64[s] columns give the same days
    np.testing.assert_array_equal(add_months(starts.astype("datetime64[s]"), months), expected)


@settings(max_examples=300)
@given(dates, dates)
def test_whole_months_elapsed_are_what_relativedelta_counts(start, end):
    start, end = min(start, end), max(start, end)
    difference = relativedelta(end, start)
    assert months_elapsed(day(start), day(end)) == difference.years * 12 + difference.months


@settings(max_examples=300)
@given(dates, dates)
def test_months_elapsed_is_the_last_anniversary_reached_earlier_dates_included(start, end):
    m = months_elapsed(day(start), day(end))
    assert add_months(day(start), m) <= day(end) < add_months(day(start), m + 1)


@given(dates, st.integers(0, 600))
def test_a_month_has_elapsed_exactly_when_its_anniversary_is_reached(start, months):
    anniversary = add_months(day(start), months)
    assert months_elapsed(day(start), anniversary) == months
    assert months_elapsed(day(start), anniversary - np.timedelta64(1, "D")) == months - 1


@given(st.lists(dates, min_size=1, max_size=50), dates)
def test_precomputed_parts_give_the_same_months(starts, end):
    starts = np.array([day(d) for d in starts])
    np.testing.assert_array_equal(months_since(calendar_parts(starts), day(end)), months_elapsed(starts, day(end)))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2019-01-31", 1, "2019-02-28"),
        ("2020-01-31", 1, "2020-02-29"),
        ("2019-08-31", 6, "2020-02-29"),
        ("2019-03-15", 36, "2022-03-15"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", -12, "2023-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2024-02-29", 1, "2024-03-29"),
        ("2024-03-31", -1, "2024-02-29"),
        ("1896-02-29", 48, "1900-02-28"),  # 1900 is not a leap year
        ("1996-02-29", 48, "2000-02-29"),  # 2000 is
    ],
)
def test_month_ends_clamp_and_29_february_is_an_ordinary_day(start, months, expected):
    assert add_months(np.datetime64(start), months) == np.datetime64(expected)
    assert add_months_to_date(dt.date.fromisoformat(start), months) == dt.date.fromisoformat(expected)


def test_a_month_from_31_january_has_elapsed_on_28_february():
    start = np.datetime64("2019-01-31")
    assert months_elapsed(start, np.datetime64("2019-02-27")) == 0
    assert months_elapsed(start, np.datetime64("2019-02-28")) == 1


def test_someone_born_on_29_february_comes_of_age_on_28_february():
    born = calendar_parts(np.array(["2008-02-29"], dtype="datetime64[D]"))
    assert months_since(born, np.datetime64("2026-02-27"))[0] // 12 == 17
    assert months_since(born, np.datetime64("2026-02-28"))[0] // 12 == 18
    assert months_since(born, np.datetime64("2028-02-28"))[0] // 12 == 19  # a leap year: the 29th is the birthday
    assert months_since(born, np.datetime64("2028-02-29"))[0] // 12 == 20


def test_a_missing_date_stays_missing():
    got = add_months(np.array(["2020-01-31", "NaT"], dtype="datetime64[D]"), 1)
    assert got[0] == np.datetime64("2020-02-29") and np.isnat(got[1])


@given(dates, st.integers(0, 2000), st.integers(0, 2000))
def test_the_as_of_choices_are_month_ends_within_the_bounds_and_the_bounds_themselves(start, length, offset):
    from scoring.calendar import as_of_choices

    end = start + dt.timedelta(days=length)
    chosen = start + dt.timedelta(days=offset)
    choices = as_of_choices(start, end, chosen)
    assert choices == sorted(set(choices), reverse=True), "newest first, each once"
    assert choices[0] == end and choices[-1] == start
    assert (chosen in choices) == (chosen <= end)
    month_ends = [d for d in choices if (d + dt.timedelta(days=1)).day == 1]
    assert set(choices) - set(month_ends) <= {start, end, chosen}
    assert len(month_ends) == sum(
        1 for d in (start + dt.timedelta(days=i) for i in range(length + 1)) if (d + dt.timedelta(days=1)).day == 1
    )
