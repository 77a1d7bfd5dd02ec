"""Time from black-listing to repair against the rulebook's minimum and maximum periods."""

import numpy as np
import pytest

from scoring.analyses.arguments import AnalysisInputError
from scoring.analyses.repair_times import repair_times
from scoring.rulebook import load_preset

REPAIR = load_preset("illustrative").repair  # general 3–12 months, serious 6–36


def run(rows, as_of="2025-12-31"):
    return repair_times(
        REPAIR,
        as_of,
        severity=[s for s, _, _ in rows],
        listed_on=np.array([d for _, d, _ in rows], dtype="datetime64[D]"),
        repaired_on=np.array([r or "NaT" for _, _, r in rows], dtype="datetime64[D]"),
    ).set_index("severity")


def test_a_general_record_repaired_on_the_day_its_minimum_period_ends_is_within_the_periods():
    table = run([("general", "2024-01-31", "2024-04-30"), ("general", "2024-01-31", "2024-04-29")])
    assert table.loc["general", ["repaired", "before_min", "within", "after_max"]].tolist() == [2, 1, 1, 0]
    assert table.loc["general", ["min_months", "max_months"]].tolist() == [3, 12]


def test_a_serious_record_repaired_after_three_years_is_late_and_an_unrepaired_one_is_only_listed():
    table = run([("serious", "2021-01-15", "2024-01-15"), ("serious", "2024-06-01", None)])
    assert table.loc["serious", ["listed", "repaired", "after_max", "median_months"]].tolist() == [2, 1, 1, 36.0]


def test_repairs_after_the_as_of_date_are_not_known_yet():
    table = run([("general", "2024-01-01", "2024-08-01")], as_of="2024-06-30")
    assert table.loc["general", ["listed", "repaired"]].tolist() == [1, 0]
    assert np.isnan(table.loc["general", "median_months"])


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("minor", "2024-01-01", None)], "severity: 'minor' at position 0"),
        ([("general", "2024-03-01", "2024-02-01")], "repaired_on 2024-02-01 at position 0 is before its listing"),
    ],
)
def test_rows_that_cannot_be_timed_are_refused(rows, message):
    with pytest.raises(AnalysisInputError, match=message):
        run(rows)


def test_the_time_from_eligibility_starts_when_the_minimum_period_ends_and_leaves_out_early_repairs():
    # Listed 31 Jan, eligible 30 Apr (three months on, the shorter month's last day), restored 30 Jul.
    table = run([("general", "2024-01-31", "2024-07-30"), ("general", "2024-01-31", "2024-02-15")])
    assert table.loc["general", ["before_min", "median_months", "median_months_from_eligible"]].tolist() == [
        1,
        2.5,
        3.0,
    ]
