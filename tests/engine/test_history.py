"""The earliest as-of date whose rule windows lie inside the data's history."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from scoring.engine import CompileError, earliest_complete_as_of, require_complete_history
from scoring.rulebook import load_preset
from tests.engine.test_situations import resident, world


@pytest.fixture(scope="module")
def illustrative():
    return load_preset("illustrative")


def with_history(start: str | None, data_as_of: str = "2025-12-31"):
    data = world([resident()], [(0, "traffic_violation", "2021-05-04", 1)])
    manifest = {"data_as_of": data_as_of, **({"history_start": start} if start else {})}
    return dataclasses.replace(data, manifest=manifest)


def test_the_earliest_date_is_the_history_start_plus_the_longest_window(illustrative):
    # six years of history from 2020-01-01; the longest window is 36 months: a record of
    # 2019-12-31 (missing) leaves every window on 2022-12-31
    assert max(r.window_months for r in illustrative.rules if r.window_months) == 36
    assert earliest_complete_as_of(with_history("2020-01-01"), illustrative) == dt.date(2022, 12, 31)


def test_a_day_earlier_is_refused_in_one_line_naming_the_earliest_date(illustrative):
    data = with_history("2020-01-01")
    require_complete_history(data, illustrative, dt.date(2022, 12, 31))
    with pytest.raises(CompileError, match=r"^as-of date 2022-12-30 is before 2022-12-31, the earliest date") as err:
        require_complete_history(data, illustrative, dt.date(2022, 12, 30))
    assert "\n" not in str(err.value)


def test_29_february_is_an_ordinary_day(illustrative):
    # the missing 2020-02-29 is 36 months old on 2023-02-28 (no 29th that year)
    assert earliest_complete_as_of(with_history("2020-03-01"), illustrative) == dt.date(2023, 2, 28)
    leap = with_history("2021-03-01", "2024-02-29")
    assert earliest_complete_as_of(leap, illustrative) == dt.date(2024, 2, 28)
    require_complete_history(leap, illustrative, None)


def test_without_a_history_start_the_first_record_starts_the_history(illustrative):
    assert earliest_complete_as_of(with_history(None), illustrative) == dt.date(2024, 5, 3)


def test_rules_without_a_window_do_not_bound_the_date(illustrative):
    unlimited = illustrative.model_copy(
        update={"rules": tuple(r.model_copy(update={"window_months": None}) for r in illustrative.rules)}
    )
    assert earliest_complete_as_of(with_history("2020-01-01"), unlimited) == dt.date(2020, 1, 1)


def test_a_window_longer_than_the_history_refuses_even_the_data_as_of_date(illustrative):
    rules = tuple(r.model_copy(update={"window_months": 120}) if r.matches else r for r in illustrative.rules)
    long = illustrative.model_copy(update={"rules": rules})
    with pytest.raises(CompileError, match="longest window 120 months"):
        require_complete_history(with_history("2020-01-01"), long, None)
