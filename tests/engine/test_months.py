"""Calendar months: the precomputed path agrees with the direct one, and with add_months."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from scoring.engine.months import add_months, calendar_parts, months_elapsed, months_since

days = st.integers(-30_000, 40_000).map(lambda d: np.datetime64(d, "D"))


@given(st.lists(days, min_size=1, max_size=50), days)
def test_precomputed_parts_give_the_same_months(starts, end):
    starts = np.array(starts, dtype="datetime64[D]")
    np.testing.assert_array_equal(months_since(calendar_parts(starts), end), months_elapsed(starts, end))


@given(days, st.integers(0, 400))
def test_a_month_has_elapsed_exactly_when_its_anniversary_is_reached(start, months):
    anniversary = add_months(start, months)
    assert months_elapsed(start, anniversary) == months
    assert months_elapsed(start, anniversary - np.timedelta64(1, "D")) == months - 1


def test_month_ends_clamp():
    start = np.datetime64("2019-01-31")
    assert add_months(start, 1) == np.datetime64("2019-02-28")
    assert months_elapsed(start, np.datetime64("2019-02-27")) == 0
    assert months_elapsed(start, np.datetime64("2019-02-28")) == 1
