"""Red and black lists month by month: hand-made listings whose monthly report is known."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.analyses.arguments import AnalysisInputError
from scoring.analyses.list_flows import list_flows

RED, BLACK = 0, 1


def listings(*rows):
    return pd.DataFrame(
        [(p, k, np.datetime64(s, "D"), np.datetime64(e, "D")) for p, k, s, e in rows],
        columns=["person_id", "kind", "start", "end"],
    )


def row(table, month, kind, group="all"):
    found = table[(table["month"] == pd.Timestamp(month)) & (table["list"] == kind) & (table["group"] == group)]
    return found.iloc[0]


def test_a_person_blacklisted_in_february_and_repaired_in_april_is_counted_in_and_out():
    table = list_flows(
        listings((0, BLACK, "2024-02-10", "2024-04-05")),
        n_people=2,
        first="2024-01-01",
        as_of="2024-05-31",
        repaired_person=[0],
        repaired_on=["2024-04-05"],
    )
    assert row(table, "2024-01-01", "black")[["entries", "end_size"]].tolist() == [0, 0]
    assert row(table, "2024-02-01", "black")[["entries", "exits", "end_size"]].tolist() == [1, 0, 1]
    assert row(table, "2024-03-01", "black")[["start_size", "end_size"]].tolist() == [1, 1]
    assert row(table, "2024-04-01", "black")[["exits", "repaired_exits", "end_size"]].tolist() == [1, 1, 0]
    assert table[table["list"] == "red"][["entries", "exits", "end_size"]].to_numpy().sum() == 0


def test_a_listing_that_ends_on_the_first_of_a_month_is_on_the_list_the_month_before():
    table = list_flows(listings((0, RED, "2023-12-15", "2024-03-01")), 1, "2024-01-01", "2024-03-31")
    assert row(table, "2024-01-01", "red")["start_size"] == 1  # carried in from December
    assert row(table, "2024-02-01", "red")["end_size"] == 1
    assert row(table, "2024-03-01", "red")[["exits", "end_size"]].tolist() == [1, 0]


def test_an_exit_not_on_a_repair_day_is_not_a_repaired_exit():
    table = list_flows(
        listings((0, BLACK, "2024-01-10", "2024-02-10")),
        1,
        "2024-01-01",
        "2024-02-29",
        repaired_person=[0],
        repaired_on=["2024-02-09"],
    )
    assert row(table, "2024-02-01", "black")[["exits", "repaired_exits"]].tolist() == [1, 0]


def test_what_ends_after_the_as_of_date_is_still_on_the_list_and_what_starts_after_does_not_exist():
    table = list_flows(
        listings((0, BLACK, "2024-01-10", "2024-09-01"), (1, BLACK, "2024-03-01", "2024-04-01")),
        2,
        "2024-01-01",
        "2024-02-15",
    )
    assert table["month"].nunique() == 2
    assert row(table, "2024-02-01", "black")[["exits", "end_size"]].tolist() == [0, 1]


def test_each_district_gets_its_own_rows_and_empty_districts_have_zeros():
    table = list_flows(
        listings((0, RED, "2024-01-02", "2024-06-01"), (1, RED, "2024-01-03", "2024-06-01")),
        3,
        "2024-01-01",
        "2024-01-31",
        codes=np.array([0, 0, 1]),
        labels=["north", "south"],
    )
    assert row(table, "2024-01-01", "red", "north")["end_size"] == 2
    assert row(table, "2024-01-01", "red", "south")["end_size"] == 0


@pytest.mark.parametrize(
    ("intervals", "kwargs", "message"),
    [
        (listings((5, RED, "2024-01-02", "2024-02-01")), {}, "intervals.person_id: person 5 at position 0"),
        (listings((0, 2, "2024-01-02", "2024-02-01")), {}, "intervals.kind: 2 at row 0"),
        (listings((0, RED, "2024-02-02", "2024-02-01")), {}, "end on or before start at row 0"),
        (listings(), {"codes": np.array([0, 3])}, "codes given without labels"),
        (listings(), {"codes": np.array([0, 3]), "labels": ["a", "b"]}, "codes: value 3 at position 1"),
        (listings(), {"repaired_person": [0], "repaired_on": []}, "repaired_on has 0 rows"),
    ],
)
def test_arguments_that_would_give_a_wrong_report_are_refused_in_one_line(intervals, kwargs, message):
    with pytest.raises(AnalysisInputError, match=message):
        list_flows(intervals, 2, "2024-01-01", "2024-03-31", **kwargs)


def test_a_first_month_after_the_as_of_date_is_refused():
    with pytest.raises(AnalysisInputError, match="first 2024-05-01 is after as_of 2024-03-31"):
        list_flows(listings(), 1, "2024-05-01", "2024-03-31")


BASE = np.datetime64("2023-06-01", "D")


@st.composite
def random_listings(draw):
    n = draw(st.integers(0, 12))
    rows = []
    for _ in range(n):
        start = draw(st.integers(0, 400))
        rows.append((draw(st.integers(0, 3)), draw(st.integers(0, 1)), start, start + draw(st.integers(1, 400))))
    return rows


@settings(max_examples=60, deadline=None)
@given(random_listings(), st.integers(0, 300))
def test_each_month_end_size_is_the_count_of_people_on_the_list_that_day_and_the_flows_add_up(rows, offset):
    frame = pd.DataFrame(
        [(p, k, BASE + s, BASE + e) for p, k, s, e in rows], columns=["person_id", "kind", "start", "end"]
    )
    as_of = BASE + offset + 100
    table = list_flows(frame, 4, BASE + offset, as_of, codes=np.array([0, 1, 0, 1]), labels=["a", "b"])
    assert (table["end_size"] == table["start_size"] + table["entries"] - table["exits"]).all()
    assert (table["repaired_exits"] == 0).all()
    for _, r in table.iterrows():
        month = np.datetime64(r["month"], "D")
        last = min((month.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1, as_of)
        kind = 0 if r["list"] == "red" else 1
        people = {0, 2} if r["group"] == "a" else {1, 3}
        on = sum(1 for p, k, s, e in rows if k == kind and p in people and BASE + s <= last < BASE + e)
        assert r["end_size"] == on
