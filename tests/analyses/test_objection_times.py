"""Time to answer an objection against the rulebook's limit in days, per group."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.analyses.arguments import AnalysisInputError
from scoring.analyses.objection_times import SPAN, resolution_days, resolution_times


def _arrays(rows):
    raised = np.array([r for r, _ in rows], dtype="datetime64[D]")
    answered = np.array([a or "NaT" for _, a in rows], dtype="datetime64[D]")
    return raised, answered


def times(rows, sla=20, first="2024-01-01", as_of="2024-03-31", group=None, labels=None):
    raised, answered = _arrays(rows)
    return resolution_times(
        sla, first, as_of, raised_on=raised, answered_on=answered, group=group, labels=labels
    ).set_index("group")


def test_an_answer_on_the_twentieth_day_is_in_time_and_one_on_the_twenty_first_is_not():
    total = times([("2024-01-05", "2024-01-25"), ("2024-01-05", "2024-01-26")]).loc["total"]
    assert total[["answered", "in_time", "median_days"]].tolist() == [2, 1, 20.5]
    assert total["in_time_share"] == 0.5


def test_the_share_in_time_is_exact():
    rows = [("2024-01-01", "2024-01-02")] * 2 + [("2024-01-01", "2024-03-01")]
    assert times(rows).loc["total", "in_time_share"] == 2 / 3


def test_objections_open_on_the_as_of_date_are_overdue_once_past_the_limit():
    rows = [("2024-03-11", None), ("2024-03-10", None), ("2024-03-20", "2024-04-05")]
    total = times(rows).loc["total"]  # open 20, 21 and 11 days on 31 March (the answer is not known yet)
    assert total[["answered", "open_now", "overdue_now", "oldest_open_days"]].tolist() == [0, 3, 1, 21]
    assert np.isnan(total["in_time_share"]) and np.isnan(total["median_days"])


def test_answers_before_the_period_are_not_timed_in_it():
    total = times([("2023-11-01", "2023-12-31"), ("2023-12-20", "2024-01-02")]).loc["total"]
    assert total[["answered", "median_days"]].tolist() == [1, 13.0]


def test_each_group_is_timed_apart_and_the_total_holds_them_all():
    rows = [("2024-01-01", "2024-01-11"), ("2024-01-01", "2024-02-01"), ("2024-02-01", None)]
    table = times(rows, group=np.array([0, 1, 1]), labels=["liyang", "jintan"])
    assert table.loc["liyang", ["answered", "in_time", "open_now"]].tolist() == [1, 1, 0]
    assert table.loc["jintan", ["answered", "in_time", "open_now", "overdue_now"]].tolist() == [1, 0, 1, 1]
    assert table.loc["total", ["answered", "open_now"]].tolist() == [2, 1]


def test_the_distribution_keeps_longer_waits_in_its_last_day_and_splits_in_time_from_late():
    rows = [("2024-01-01", "2024-01-21"), ("2024-01-01", "2024-01-22"), ("2024-01-01", "2024-03-30")]
    raised, answered = _arrays(rows)
    table = resolution_days(20, "2024-01-01", "2024-03-31", raised_on=raised, answered_on=answered)
    assert table["days"].iloc[-1] == SPAN * 20 and table["answered"].iloc[-1] == 1
    assert table.set_index("days").loc[[20, 21], ["answered", "in_time"]].to_numpy().tolist() == [[1, 1], [1, 0]]


@pytest.mark.parametrize(
    ("rows", "sla", "message"),
    [
        ([("2024-01-05", "2024-01-04")], 20, "answered_on 2024-01-04 at position 0 is before"),
        ([("2024-01-05", None)], 0, "sla_days: expected a whole number of days >= 1, got 0"),
        ([("NaT", None)], 20, "raised_on: missing date at position 0"),
    ],
)
def test_objections_that_would_give_wrong_times_are_refused(rows, sla, message):
    with pytest.raises(AnalysisInputError, match=message):
        times(rows, sla=sla)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 200), st.one_of(st.none(), st.integers(0, 90)), st.integers(0, 1)), max_size=15)
)
def test_the_groups_add_up_to_the_total_and_the_distribution_holds_every_answer(rows):
    base = np.datetime64("2023-12-01", "D")
    made = [(base + r, None if a is None else base + r + a) for r, a, _ in rows]
    table = times(made, first="2024-01-01", as_of="2024-05-15", group=np.array([g for *_, g in rows], dtype=np.intp),
                  labels=["a", "b"])  # fmt: skip
    counts = ["answered", "in_time", "open_now", "overdue_now"]
    assert (table.loc[["a", "b"], counts].sum() == table.loc["total", counts]).all()
    assert (table["in_time"] <= table["answered"]).all() and (table["overdue_now"] <= table["open_now"]).all()
    raised, answered = _arrays(made) if made else (np.zeros(0, "datetime64[D]"),) * 2
    days = resolution_days(20, "2024-01-01", "2024-05-15", raised_on=raised, answered_on=answered)
    assert days["answered"].sum() == table.loc["total", "answered"]
    assert days["in_time"].sum() == table.loc["total", "in_time"]
