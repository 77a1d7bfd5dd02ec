"""The checks on data: one case's records that each deduct, and objections answered late."""

import dataclasses

import numpy as np
import pytest

from scoring.checks.double_counting import shared_cases
from scoring.checks.finding import CheckInputError
from scoring.checks.objections import objection_times
from tests.checks.schemes import scheme
from tests.engine.test_situations import resident, world

AS_OF = "2025-06-30"
LAWFUL = scheme()  # defaulter -100 for 36 months, general penalty -20 for 12, traffic -2 for 3


def same_case(data, *records):
    """The dataset with these records (positions) given the first one's case id."""
    frame = data.records.copy()
    frame.loc[list(records), "case_id"] = frame.loc[records[0], "case_id"]
    return dataclasses.replace(data, records=frame)


def everyone(data):
    return np.ones(len(data.people), dtype=bool)


def test_a_judgment_default_and_the_penalty_of_the_same_case_both_deducting_fail_naming_both_rules():
    records = [
        (0, "judgment_defaulter", "2025-01-10", 1),
        (0, "admin_penalty_general", "2025-02-01", 1),
        (1, "admin_penalty_general", "2025-02-01", 1),
    ]
    data = same_case(world([resident(), resident()], records), 0, 1)
    found = shared_cases(LAWFUL, data, AS_OF, everyone(data))[0]
    assert found.verdict == "fail"
    assert found.rules == ("defaulter", "penalty")
    assert (found.params["people"], found.params["records"], found.params["cases"]) == (1, 2, 1)


def test_one_case_counts_once_when_one_record_has_left_its_window():
    data = same_case(
        world(
            [resident()], [(0, "judgment_defaulter", "2025-01-10", 1), (0, "admin_penalty_general", "2024-02-01", 1)]
        ),
        0,
        1,
    )
    assert shared_cases(LAWFUL, data, AS_OF, everyone(data))[0].verdict == "pass"  # the penalty's 12 months are over


def test_one_case_counts_once_when_one_record_was_revoked_or_the_person_is_not_scored():
    records = [(0, "judgment_defaulter", "2025-01-10", 1), (0, "admin_penalty_general", "2025-02-01", 1, "revoked")]
    revoked = same_case(world([resident()], records, [(1, "revoked", "2025-03-01", None)]), 0, 1)
    assert shared_cases(LAWFUL, revoked, AS_OF, everyone(revoked))[0].verdict == "pass"
    assert shared_cases(LAWFUL, revoked, "2025-02-15", everyone(revoked))[0].verdict == "fail"  # before the revocation
    unscored = same_case(world([resident()], [records[0], records[1][:4]]), 0, 1)
    assert shared_cases(LAWFUL, unscored, AS_OF, np.zeros(1, dtype=bool))[0].verdict == "pass"


def test_a_commendation_in_the_same_case_is_no_second_deduction():
    data = same_case(
        world([resident()], [(0, "judgment_defaulter", "2025-01-10", 1), (0, "commendation_city", "2025-02-01", 1)]),
        0,
        1,
    )
    assert shared_cases(LAWFUL, data, AS_OF, everyone(data))[0].verdict == "pass"


def test_shared_cases_refuses_a_scored_mask_of_the_wrong_length():
    data = world([resident()], [(0, "judgment_defaulter", "2025-01-10", 1)])
    with pytest.raises(CheckInputError, match="scored: expected 1 booleans"):
        shared_cases(LAWFUL, data, AS_OF, np.ones(2, dtype=bool))
    with pytest.raises(CheckInputError, match="dataset: expected a Dataset"):
        shared_cases(LAWFUL, data.records, AS_OF, np.ones(1, dtype=bool))


def disputes(answers):
    """One resident with a penalty per objection: (raised, answered or None)."""
    records = [(0, "admin_penalty_general", "2025-01-02", 1) for _ in answers]
    events = [(i, "disputed", raised, None) for i, (raised, _) in enumerate(answers)]
    events += [(i, "resolved", answered, None) for i, (_, answered) in enumerate(answers) if answered]
    return world([resident()], records, events)


def test_an_objection_answered_on_day_21_is_late_and_one_answered_on_day_20_in_time():
    in_time = objection_times(LAWFUL, disputes([("2025-03-01", "2025-03-21")]), AS_OF)[0]
    late = objection_times(LAWFUL, disputes([("2025-03-01", "2025-03-22")]), AS_OF)[0]
    assert (in_time.verdict, late.verdict, late.params["late"]) == ("pass", "fail", 1)


def test_an_objection_open_past_the_limit_on_the_as_of_date_fails_and_is_not_late_before_then():
    data = disputes([("2025-06-01", None)])
    assert objection_times(LAWFUL, data, AS_OF)[0].params["overdue"] == 1
    assert objection_times(LAWFUL, data, "2025-06-21")[0].verdict == "pass"


def test_no_objections_at_all_pass():
    data = world([resident()], [(0, "traffic_violation", "2025-06-01", 1)])
    assert objection_times(LAWFUL, data, AS_OF)[0].params == {"answered": 0, "late": 0, "overdue": 0, "limit": 20}
