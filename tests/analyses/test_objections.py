"""The objections backlog month by month against the rulebook's limit in days."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.analyses.arguments import AnalysisInputError
from scoring.analyses.objections import objection_backlog


def run(rows, sla=20, first="2024-01-01", as_of="2024-03-31", group=None, labels=None):
    return objection_backlog(
        sla,
        first,
        as_of,
        raised_on=np.array([r for r, _ in rows], dtype="datetime64[D]"),
        answered_on=np.array([a or "NaT" for _, a in rows], dtype="datetime64[D]"),
        group=group,
        labels=labels,
    )


def test_an_answer_on_the_twentieth_day_is_in_time_and_on_the_twenty_first_late():
    table = run([("2024-01-05", "2024-01-25"), ("2024-01-05", "2024-01-26")]).set_index("month")
    january = table.iloc[0]
    assert january[["opened", "answered", "in_time", "late", "open_at_end"]].tolist() == [2, 2, 1, 1, 0]


def test_an_objection_unanswered_for_more_than_twenty_days_is_overdue_at_month_end():
    table = run([("2024-01-20", None), ("2024-01-05", "2024-02-10")])
    assert table["open_at_end"].tolist() == [2, 1, 1]
    assert table["overdue_at_end"].tolist() == [1, 1, 1]  # 5 Jan (26 days), then 20 Jan


def test_an_answer_after_the_as_of_date_is_not_known_yet():
    table = run([("2024-03-20", "2024-04-20")])
    assert table.iloc[-1][["answered", "open_at_end", "overdue_at_end"]].tolist() == [0, 1, 0]


def test_objections_are_counted_per_department():
    table = run([("2024-01-05", None), ("2024-01-06", None)], group=np.array([0, 0]), labels=["court", "tax"])
    january = table[table["month"] == table["month"].min()].set_index("group")
    assert january["opened"].to_dict() == {"court": 2, "tax": 0}


@pytest.mark.parametrize(
    ("rows", "sla", "message"),
    [
        ([("2024-01-05", "2024-01-04")], 20, "answered_on 2024-01-04 at position 0 is before"),
        ([("2024-01-05", None)], 0, "sla_days: expected a whole number of days >= 1, got 0"),
        ([(None, None)], 20, "raised_on: missing date at position 0"),
    ],
)
def test_objections_that_would_give_a_wrong_backlog_are_refused(rows, sla, message):
    with pytest.raises(AnalysisInputError, match=message):
        run([(r or "NaT", a) for r, a in rows], sla=sla)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.one_of(st.none(), st.integers(0, 60))), max_size=12))
def test_open_at_each_month_end_is_the_previous_plus_opened_minus_answered(rows):
    base = np.datetime64("2023-12-01", "D")
    made = [(base + r, None if a is None else base + r + a) for r, a in rows]
    table = run(made, first="2024-01-01", as_of="2024-05-15")
    assert (table["open_at_end"] == table["open_at_start"] + table["opened"] - table["answered"]).all()
    assert (table["in_time"] + table["late"] == table["answered"]).all()
    assert (table["overdue_at_end"] <= table["open_at_end"]).all()
    assert (table["open_at_start"].iloc[1:].to_numpy() == table["open_at_end"].iloc[:-1].to_numpy()).all()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 200), st.one_of(st.none(), st.integers(0, 60)), st.integers(0, 2)), max_size=15)
)
def test_each_districts_open_objections_follow_the_month_end_identity_and_add_up_to_the_city(rows):
    base = np.datetime64("2023-12-01", "D")
    made = [(base + r, None if a is None else base + r + a) for r, a, _ in rows]
    group = np.array([g for *_, g in rows], dtype=np.intp)
    table = run(made, first="2024-01-01", as_of="2024-05-15", group=group, labels=["liyang", "jintan", "wujin"])
    assert (table["open_at_end"] == table["open_at_start"] + table["opened"] - table["answered"]).all()
    city = run(made, first="2024-01-01", as_of="2024-05-15").set_index("month")
    summed = table.groupby("month")[["open_at_end", "overdue_at_end", "opened", "answered"]].sum()
    assert (summed == city[summed.columns]).all().all()
