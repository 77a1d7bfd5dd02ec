"""Credit repair read as situations, plus properties: the dates are the 527 periods added in
calendar months, and the status only moves forward as the as-of date moves forward."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.analyses.repair import STATUSES, RepairInputError, repair_eligibility, repair_status
from scoring.rulebook import Repair, load_preset

REPAIR = load_preset("illustrative").repair
DONE = {"obligations_met": True, "committed": True, "trained": True, "has_report": True}
STAGE = {"publicised_min_period": 0, "repairable": 1, "missing_requirements": 1, "expired": 2}


def test_a_general_penalty_becomes_repairable_three_months_on_once_a_commitment_is_signed():
    decided = dt.date(2019, 3, 15)
    before = repair_status(REPAIR, "general", decided, dt.date(2019, 6, 14), obligations_met=True, committed=True)
    assert before.status == "publicised_min_period"
    assert before.earliest_repair_date == dt.date(2019, 6, 15)
    on_the_day = repair_status(REPAIR, "general", decided, dt.date(2019, 6, 15), obligations_met=True, committed=True)
    assert (on_the_day.status, on_the_day.missing) == ("repairable", ())


def test_without_a_commitment_a_general_penalty_is_missing_it():
    check = repair_status(REPAIR, "general", dt.date(2019, 3, 15), dt.date(2019, 7, 1), obligations_met=True)
    assert (check.status, check.missing) == ("missing_requirements", ("commitment",))


def test_an_unfulfilled_penalty_decision_blocks_repair():
    check = repair_status(REPAIR, "general", dt.date(2019, 3, 15), dt.date(2019, 7, 1), committed=True)
    assert check.missing == ("obligations",)


def test_a_serious_case_also_needs_training_and_a_credit_report_after_six_months():
    decided = dt.date(2019, 3, 15)
    check = repair_status(REPAIR, "serious", decided, dt.date(2019, 9, 15), obligations_met=True, committed=True)
    assert check.earliest_repair_date == dt.date(2019, 9, 15)
    assert (check.status, check.missing) == ("missing_requirements", ("training", "report"))
    trained = repair_status(REPAIR, "serious", decided, dt.date(2019, 9, 15), **DONE)
    assert trained.status == "repairable"


def test_a_general_case_needs_no_training():
    check = repair_status(
        REPAIR, "general", dt.date(2019, 3, 15), dt.date(2019, 7, 1), obligations_met=True, committed=True
    )
    assert "training" not in check.missing and "report" not in check.missing


def test_publicity_of_a_serious_case_ends_automatically_after_36_months():
    decided = dt.date(2019, 3, 15)
    assert repair_status(REPAIR, "serious", decided, dt.date(2022, 3, 14)).status == "missing_requirements"
    ended = repair_status(REPAIR, "serious", decided, dt.date(2022, 3, 15))
    assert (ended.auto_end_date, ended.status) == (dt.date(2022, 3, 15), "expired")


def test_many_records_at_once_keep_their_index_and_accept_per_record_flags():
    severity = pd.Series(["general", "serious", "serious"], index=[10, 20, 30])
    decided = pd.Series(
        pd.to_datetime(["2019-03-15", "2019-03-15", "2018-01-31"]).astype("datetime64[s]"), index=severity.index
    )
    out = repair_eligibility(
        REPAIR,
        severity,
        decided,
        dt.date(2019, 10, 1),
        obligations_met=True,
        committed=np.array([True, True, False]),
        trained=[False, True, False],
        has_report=True,
    )
    assert out.index.tolist() == [10, 20, 30]
    assert out["status"].tolist() == ["repairable", "repairable", "missing_requirements"]
    assert out["earliest_repair_date"].dtype == "datetime64[s]"
    assert list(out["status"].cat.categories) == list(STATUSES)
    assert out.loc[30, "missing_commitment"] and out.loc[30, "missing_training"]


def test_no_records_give_an_empty_frame():
    out = repair_eligibility(REPAIR, [], [], "2020-01-01", **DONE)
    assert out.empty and "status" in out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"severity": ["general", "minor"]},
            r"severity: unknown value\(s\) \['minor'\] at positions \[1\]; "
            r"this rulebook sets repair periods for \['general', 'serious'\]",
        ),
        (
            {"as_of": "2019-01-01"},
            r"as_of 2019-01-01 is before decided_on at positions \[0, 1\] \(earliest 2019-03-15\)",
        ),
        ({"decided_on": ["2019-03-15", None]}, r"decided_on: missing date at positions \[1\]"),
        ({"decided_on": ["2019-03-15"]}, r"decided_on has 1 items, severity has 2"),
        ({"trained": [True]}, r"trained has 1 items, severity has 2"),
        ({"committed": [1.0, 0.0]}, r"committed: expected booleans, got float64"),
        ({"as_of": "not a date"}, r"as_of: not a date"),
    ],
)
def test_arguments_are_checked_up_front(change: dict, message: str):
    args = {
        "severity": ["general", "serious"],
        "decided_on": ["2019-03-15", "2019-04-01"],
        "as_of": "2020-01-01",
        **DONE,
    }
    args.update(change)
    with pytest.raises(RepairInputError, match=message):
        repair_eligibility(REPAIR, **args)


# --- properties -----------------------------------------------------------------------------

periods = st.integers(0, 60).flatmap(lambda low: st.tuples(st.just(low), st.integers(low, 120)))


@st.composite
def repair_rules(draw) -> Repair:
    general, serious = draw(periods), draw(periods)
    training = draw(st.sampled_from([(), ("serious",), ("general", "serious")]))
    return REPAIR.model_copy(
        update={
            "min_months": {"general": general[0], "serious": serious[0]},
            "max_months": {"general": general[1], "serious": serious[1]},
            "training_for": training,
        }
    )


@settings(max_examples=80, deadline=None)
@given(
    repair=repair_rules(),
    severity=st.sampled_from(["general", "serious"]),
    decided=st.dates(dt.date(2010, 1, 1), dt.date(2030, 12, 31)),
    offsets=st.lists(st.integers(0, 4000), min_size=1, max_size=6),
    flags=st.fixed_dictionaries({name: st.booleans() for name in DONE}),
)
def test_repair_agrees_with_the_periods_and_only_moves_forward(repair, severity, decided, offsets, flags):
    as_of_dates = sorted(decided + dt.timedelta(days=d) for d in offsets)
    checks = [repair_status(repair, severity, decided, as_of, **flags) for as_of in as_of_dates]
    earliest = decided + relativedelta(months=repair.min_months[severity])
    auto_end = decided + relativedelta(months=repair.max_months[severity])
    stages = [STAGE[check.status] for check in checks]
    assert stages == sorted(stages)
    for as_of, check in zip(as_of_dates, checks, strict=True):
        assert (check.earliest_repair_date, check.auto_end_date) == (earliest, auto_end)
        if as_of >= auto_end:
            assert check.status == "expired"
        elif as_of < earliest:
            assert check.status == "publicised_min_period"
        else:
            assert (check.status == "repairable") == (not check.missing)
    needs_training = severity in repair.training_for and not flags["trained"]
    assert ("training" in checks[0].missing) == needs_training


@settings(max_examples=30, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["general", "serious"]),
            st.dates(dt.date(2015, 1, 1), dt.date(2020, 12, 31)),
            st.booleans(),
            st.booleans(),
            st.booleans(),
            st.booleans(),
        ),
        min_size=1,
        max_size=10,
    ),
)
def test_the_vectorised_form_agrees_with_the_scalar_one(rows):
    as_of = dt.date(2021, 1, 1)
    severity, decided, *flags = map(list, zip(*rows, strict=True))
    names = list(DONE)
    out = repair_eligibility(REPAIR, severity, decided, as_of, **dict(zip(names, flags, strict=True)))
    for i, row in enumerate(rows):
        check = repair_status(REPAIR, row[0], row[1], as_of, **dict(zip(names, row[2:], strict=True)))
        assert out["status"].iloc[i] == check.status
        assert out["earliest_repair_date"].iloc[i].date() == check.earliest_repair_date
