"""The credit-repair funnel and who is eligible when: hand-made black-list entries against the
illustrative rulebook (general 3-12 months, serious 6-36 months and training required)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.analyses.arguments import AnalysisInputError
from scoring.analyses.repair_funnel import (
    POSITIONS,
    STAGES,
    position_counts,
    repair_funnel,
    repair_positions,
    restored_accounts,
)
from scoring.analyses.repair_times import repair_times
from scoring.rulebook import load_preset

REPAIR = load_preset("illustrative").repair


def positions(rows, as_of="2024-12-31"):
    """rows: (severity, listed, committed, trained, repaired), None for a step not taken."""

    def column(i):
        return np.array([r[i] or "NaT" for r in rows], dtype="datetime64[D]")

    return repair_positions(
        REPAIR, as_of, severity=[r[0] for r in rows], listed_on=column(1),
        committed_on=column(2), trained_on=column(3), repaired_on=column(4),
    )  # fmt: skip


def stage_of(row, as_of="2024-12-31") -> str:
    return STAGES[positions([row], as_of)["stage"].iloc[0]]


def test_a_general_entry_becomes_eligible_on_the_day_its_minimum_period_ends():
    row = ("general", "2024-01-31", None, None, None)
    assert stage_of(row, as_of="2024-04-29") == "listed"
    assert stage_of(row, as_of="2024-04-30") == "eligible"  # three months on, the shorter month's last day
    table = positions([row], as_of="2024-04-29")
    assert table["position"].iloc[0] == "publicised_min_period"
    assert table["earliest_repair_date"].iloc[0] == pd.Timestamp("2024-04-30")


def test_a_commitment_signed_before_eligibility_counts_once_the_entry_is_eligible():
    row = ("general", "2024-01-31", "2024-02-15", None, None)
    assert stage_of(row, as_of="2024-03-31") == "listed"
    assert stage_of(row, as_of="2024-05-31") == "trained"  # general entries need no training


def test_a_serious_entry_needs_training_before_it_counts_as_restored():
    untrained = ("serious", "2023-01-01", "2023-08-01", None, "2023-09-01")
    trained = ("serious", "2023-01-01", "2023-08-01", "2023-08-20", "2023-09-01")
    assert stage_of(untrained) == "committed"
    assert stage_of(trained) == "restored"
    assert positions([untrained, trained])["position"].tolist() == ["restored", "restored"]


def test_an_entry_restored_before_its_minimum_period_is_restored_but_not_yet_eligible():
    row = ("serious", "2024-10-01", "2024-10-05", "2024-10-10", "2024-10-20")
    table = positions([row])
    assert table["position"].iloc[0] == "restored" and STAGES[table["stage"].iloc[0]] == "listed"


def test_steps_after_the_as_of_date_are_not_known_yet_and_a_lapsed_entry_has_ended_publicity():
    waiting = ("general", "2024-01-01", "2025-02-01", None, None)
    lapsed = ("general", "2023-06-01", None, None, None)
    table = positions([waiting, lapsed])
    assert table["position"].tolist() == ["missing_requirements", "expired"]
    assert [STAGES[s] for s in table["stage"]] == ["eligible", "eligible"]


def test_the_funnel_counts_each_group_and_the_total_and_the_restored_share_of_the_eligible():
    stage = np.array([4, 1, 0, 2, 4])  # restored, eligible, listed, committed, restored
    table = repair_funnel(stage, np.array([0, 0, 1, 1, 1]), ["liyang", "jintan"]).set_index("group")
    assert table.loc["liyang", list(STAGES)].tolist() == [2, 2, 1, 1, 1]
    assert table.loc["jintan", list(STAGES)].tolist() == [3, 2, 2, 1, 1]
    assert table.loc["total", list(STAGES)].tolist() == [5, 4, 3, 2, 2]
    assert table.loc["liyang", "restored_share"] == 0.5 and table.loc["total", "restored_share"] == 0.5


def test_a_group_nobody_in_it_is_eligible_has_no_restored_share():
    table = repair_funnel(np.array([0]), np.array([0]), ["liyang"]).set_index("group")
    assert np.isnan(table.loc["liyang", "restored_share"])


def test_positions_are_counted_per_group_with_a_total():
    position = pd.Categorical(["restored", "expired", "restored"], categories=POSITIONS)
    table = position_counts(position, np.array([0, 1, 1]), ["general", "serious"]).set_index("group")
    assert table.loc["serious", ["restored", "expired"]].tolist() == [1, 1]
    assert table.loc["total"].sum() == 3


@pytest.mark.parametrize(
    ("row", "as_of", "message"),
    [
        (("minor", "2024-01-01", None, None, None), "2024-12-31", "severity: unknown value"),
        (("general", "2024-03-01", "2024-02-01", None, None), "2024-12-31", "committed_on 2024-02-01 at position 0"),
        (("general", "2025-03-01", None, None, None), "2024-12-31", "is before decided_on at positions"),
    ],
)
def test_entries_that_would_give_a_wrong_funnel_are_refused(row, as_of, message):
    with pytest.raises(AnalysisInputError, match=message):
        positions([row], as_of)


def test_a_stage_outside_the_funnel_is_refused():
    with pytest.raises(AnalysisInputError, match="stage: 5 at position 1"):
        repair_funnel(np.array([0, 5]))


_days = st.one_of(st.none(), st.integers(0, 900))


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["general", "serious"]), st.integers(0, 700), _days, _days, _days, st.integers(0, 2)),
        max_size=15,
    )
)
def test_the_funnel_never_grows_in_any_group(entries):
    base = np.datetime64("2023-01-01", "D")
    rows = [
        (sev, base + listed, *(None if d is None else base + listed + d for d in steps))
        for sev, listed, *steps, _ in entries
    ]
    table = positions(rows, as_of="2024-12-31") if rows else None
    stage = table["stage"].to_numpy() if rows else np.zeros(0, dtype=np.int8)
    funnel = repair_funnel(stage, np.array([g for *_, g in entries], dtype=np.intp), ["a", "b", "c"])
    counts = funnel[list(STAGES)].to_numpy()
    assert (np.diff(counts, axis=1) <= 0).all()
    assert counts[-1, 0] == len(rows)
    assert (counts[:-1].sum(axis=0) == counts[-1]).all()


def test_records_restored_are_the_funnels_plus_those_restored_early_and_belong_to_fewer_people():
    rows = [
        ("serious", "2023-01-01", "2023-08-01", "2023-08-20", "2023-09-01"),  # in the funnel
        ("serious", "2023-02-01", "2023-08-01", "2023-08-20", "2023-09-01"),  # the same person again
        ("serious", "2024-10-01", "2024-10-05", "2024-10-10", "2024-10-20"),  # before its minimum period
        ("serious", "2023-01-01", "2023-08-01", None, "2023-09-01"),  # no training recorded
        ("serious", "2023-01-01", None, None, None),  # eligible, not restored
    ]
    table = positions(rows)
    accounts = restored_accounts(table["stage"], table["position"], table["repaired_early"], np.array([0, 0, 1, 2, 3]))
    assert accounts == {
        "in_funnel": 2, "before_minimum": 1, "without_step": 1, "records": 4, "people": 3,
        "eligible": 4, "early_in_minimum": 1, "outside_minimum": 5,
    }  # fmt: skip
    funnel = repair_funnel(table["stage"].to_numpy()).iloc[-1]
    assert accounts["records"] == funnel["restored"] + accounts["before_minimum"] + accounts["without_step"]
    assert accounts["outside_minimum"] == funnel["eligible"] + accounts["early_in_minimum"]


def test_a_repair_before_the_minimum_period_stays_early_after_the_period_has_ended():
    """Judged on the day of the repair, as the repair times judge it, not on the as-of date."""
    rows = [
        ("serious", "2023-01-01", "2023-02-01", "2023-02-10", "2023-03-01"),  # 2 months into 6
        ("serious", "2023-01-01", "2023-08-01", "2023-08-20", "2023-09-01"),  # on time
    ]
    table = positions(rows)
    assert STAGES[table["stage"].iloc[0]] == "trained"  # not a restoration of the funnel
    accounts = restored_accounts(table["stage"], table["position"], table["repaired_early"], np.array([0, 1]))
    assert (accounts["in_funnel"], accounts["before_minimum"], accounts["early_in_minimum"]) == (1, 1, 0)
    times = repair_times(
        REPAIR, "2024-12-31", severity=["serious", "serious"],
        listed_on=np.array(["2023-01-01", "2023-01-01"], dtype="datetime64[D]"),
        repaired_on=np.array(["2023-03-01", "2023-09-01"], dtype="datetime64[D]"),
    ).set_index("severity")  # fmt: skip
    assert times.loc["serious", "before_min"] == accounts["before_minimum"]
