"""The lists by listing authority: each deciding department's part of the red and black lists
month by month, and the departments behind a sanction on the as-of date."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.analyses import list_report
from scoring.analyses.arguments import AnalysisInputError
from scoring.analyses.list_events import department_intervals, department_listings, list_events
from scoring.analyses.list_flows import list_flows
from scoring.analyses.rewards import sanction_departments
from scoring.catalogues import load_catalogues
from scoring.dataset import Dataset, conform
from scoring.engine import compile_dataset
from scoring.rulebook import load_preset
from tests.engine.factories import AS_OF, make_dataset

CAT = load_catalogues()
DEPARTMENTS = list(CAT.department_ids)
BAN = load_preset("illustrative").sanctions  # the high-consumption ban follows the black list


def world(records: list[tuple], events: list[tuple], n_people: int = 2) -> Dataset:
    """records: (person, record type); events: (record index, event, date, list). The record
    type decides the record's department (a judgment defaulter: the court; a major tax
    violation: the tax bureau)."""
    people = pd.DataFrame(
        {
            "person_id": range(n_people), "gender": "F", "birth_date": "1980-05-01", "district": "wujin",
            "key_group": "teacher", "hukou": "local", "consent": True, "resident_since": "1980-05-01",
            "insured_since": "2005-01-01",
        }
    )  # fmt: skip
    record_rows = pd.DataFrame(
        [
            (i + 1, person, kind, "2023-01-01", 1.0, CAT.record_type(kind).department, i + 1, "valid")
            for i, (person, kind) in enumerate(records)
        ],
        columns=["record_id", "person_id", "record_type", "occurred_on", "quantity", "department", "case_id", "status"],
    )
    event_rows = pd.DataFrame(
        [(r + 1, records[r][0], event, date, "court", kind) for r, event, date, kind in events],
        columns=["record_id", "person_id", "event", "date", "department", "list"],
    )
    return Dataset(
        people=conform("people", people, CAT),
        records=conform("records", record_rows, CAT),
        events=conform("events", event_rows, CAT),
        manifest={"data_as_of": "2025-12-31", "synthetic": True},
        catalogues=CAT,
    )


def row(table, month: str, kind: str, group: str) -> pd.Series:
    found = table[(table["month"] == pd.Timestamp(month)) & (table["list"] == kind) & (table["group"] == group)]
    return found.iloc[0]


def test_a_person_blacklisted_by_the_court_and_the_tax_bureau_at_once_is_in_both_rows_and_once_in_the_total():
    dataset = world(
        [(0, "judgment_defaulter"), (0, "major_tax_violation")],
        [(0, "listed", "2024-02-10", "black"), (1, "listed", "2024-03-05", "black"),
         (1, "delisted", "2024-05-20", "black")],
    )  # fmt: skip
    events, listings = list_events(dataset), department_listings(dataset)
    by_department = list_report.department_flows(events, listings, 2, "2024-01-01", "2024-06-30", DEPARTMENTS)
    assert row(by_department, "2024-02-01", "black", "court")[["entries", "end_size"]].tolist() == [1, 1]
    assert row(by_department, "2024-03-01", "black", "tax")[["entries", "end_size"]].tolist() == [1, 1]
    assert row(by_department, "2024-05-01", "black", "tax")[["exits", "end_size"]].tolist() == [1, 0]
    assert row(by_department, "2024-06-01", "black", "court")["end_size"] == 1
    everyone = list_report.flows(events, 2, "2024-01-01", "2024-06-30", np.zeros(2, np.intp), ["all"])
    march = everyone[everyone["month"] == pd.Timestamp("2024-03-01")].set_index("list")
    assert march.loc["black", ["entries", "end_size"]].tolist() == [0, 1]  # already on the list in February
    departments = by_department[by_department["month"] == pd.Timestamp("2024-03-01")].groupby("list")["end_size"]
    assert departments.sum()["black"] == 2  # the department rows add up to more than the people listed


def test_the_departments_behind_the_ban_are_those_whose_listings_stand_on_the_as_of_date():
    dataset = world(
        [(0, "judgment_defaulter"), (0, "major_tax_violation"), (1, "major_tax_violation")],
        [(0, "listed", "2024-02-10", "black"), (1, "listed", "2024-03-05", "black"),
         (2, "listed", "2024-01-05", "black"), (2, "delisted", "2024-04-01", "black")],
    )  # fmt: skip
    table = sanction_departments(BAN, department_listings(dataset), "2024-04-01", DEPARTMENTS)
    assert table.set_index("department")["people"].to_dict() == {"court": 1, "tax": 1}
    before = sanction_departments(BAN, department_listings(dataset), "2024-03-31", DEPARTMENTS)
    assert before.set_index("department")["people"].to_dict() == {"court": 1, "tax": 2}


def test_a_department_code_outside_the_catalogue_is_refused_in_one_line():
    intervals = pd.DataFrame({"person_id": [0], "kind": [1], "department": [99], "start": ["2024-01-01"], "end": [0]})
    with pytest.raises(AnalysisInputError, match=r"by_department.department: 99 at row 0; expected a code 0 … 1"):
        sanction_departments(BAN, intervals, "2024-04-01", ["court", "tax"])


def test_per_person_codes_and_a_group_column_together_are_refused():
    intervals = pd.DataFrame(
        {"person_id": [0], "kind": [1], "department": [0], "start": ["2024-01-01"], "end": [19800]}
    )
    with pytest.raises(AnalysisInputError, match="group_column 'department': expected labels and no per-person"):
        list_flows(intervals, 1, "2024-01-01", "2024-02-01", codes=np.zeros(1, np.intp), labels=["a"],
                   group_column="department")  # fmt: skip


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 30))
def test_each_departments_month_end_is_the_previous_plus_entries_minus_exits_and_the_departments_cover_the_lists(
    seed, months_back
):
    dataset = make_dataset(30, 120, seed=seed, n_listings=40)
    as_of = (AS_OF.astype("datetime64[M]") - months_back).astype("datetime64[D]") + 9
    events = list_events(dataset)
    first = as_of - 700
    by_department = list_report.department_flows(events, department_listings(dataset), 30, first, as_of, DEPARTMENTS)
    flows = by_department
    assert (flows["end_size"] == flows["start_size"] + flows["entries"] - flows["exits"]).all()
    ordered = by_department.sort_values(["list", "group", "month"])
    previous = ordered.groupby(["list", "group"])["end_size"].shift()
    carried = previous.notna()
    assert (ordered["start_size"][carried] == previous[carried]).all()

    everyone = list_report.flows(events, 30, first, as_of, np.zeros(30, np.intp), ["all"]).set_index(["month", "list"])
    summed = by_department.groupby(["month", "list"])["end_size"].sum().reindex(everyone.index)
    assert (summed >= everyone["end_size"]).all()
    if not _listed_by_two_departments_at_once(department_listings(dataset)):
        assert summed.tolist() == everyone["end_size"].tolist()


def _listed_by_two_departments_at_once(intervals: pd.DataFrame) -> bool:
    start = intervals["start"].to_numpy().astype("datetime64[D]").astype(np.int64)
    frame = intervals.assign(start=start).sort_values(["person_id", "kind", "start"])
    reach = frame.groupby(["person_id", "kind"])["end"].cummax()
    overlap = frame["start"] < reach.groupby([frame["person_id"], frame["kind"]]).shift()
    return bool(overlap.any())


def test_on_a_generated_population_the_departments_listings_on_the_as_of_date_cover_the_engines_lists():
    dataset = make_dataset(400, 3000, seed=3, n_listings=300)
    compiled = compile_dataset(dataset, AS_OF)
    intervals = department_intervals(dataset)
    start = intervals["start"].to_numpy().astype("datetime64[D]")
    standing = intervals[(start <= AS_OF) & (intervals["end"] > AS_OF.astype(np.int64))]
    for code, flags in enumerate((compiled.red_list, compiled.black_list)):
        on = np.unique(standing.loc[standing["kind"] == code, "person_id"])
        assert on.tolist() == np.flatnonzero(flags).tolist()
