"""Credit-repair participation against the 50 % target and the 90 % stretch: hand-made cohorts."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.analyses.arguments import AnalysisInputError
from scoring.analyses.repair_participation import repair_participation
from scoring.rulebook import RepairTargets

TARGETS = RepairTargets(share=0.5, stretch=0.9)


def run(listed, steps, n_people=10, codes=None, labels=None, since="2024-01-01", as_of="2024-12-31"):
    """listed: (record, person, day); steps: (record, step, day)."""
    return repair_participation(
        TARGETS,
        n_people,
        as_of,
        since,
        listed_record=[r for r, _, _ in listed],
        listed_person=[p for _, p, _ in listed],
        listed_on=np.array([d for _, _, d in listed], dtype="datetime64[D]"),
        step_record=[r for r, _, _ in steps],
        step=[s for _, s, _ in steps],
        step_on=np.array([d for _, _, d in steps], dtype="datetime64[D]"),
        codes=codes,
        labels=labels,
    ).set_index("group")


def test_two_of_four_blacklisted_people_taking_part_meets_the_50_percent_target_but_not_the_stretch():
    listed = [(10, 0, "2024-02-01"), (11, 1, "2024-02-01"), (12, 2, "2024-03-01"), (13, 3, "2024-03-01")]
    steps = [(10, "committed", "2024-02-10"), (11, "committed", "2024-02-20"), (11, "repaired", "2024-05-01")]
    total = run(listed, steps).loc["total"]
    assert total[["blacklisted", "took_part", "committed", "repaired"]].tolist() == [4, 2, 2, 1]
    assert total["share"] == 0.5 and total["completed_share"] == 0.25
    assert total["meets_target"] and not total["meets_stretch"]
    assert total["short_of_stretch"] == 2  # 90 % of 4 is 3.6: four people needed


def test_a_person_blacklisted_for_two_records_is_one_person_and_takes_part_once():
    listed = [(10, 0, "2024-02-01"), (11, 0, "2024-04-01")]
    steps = [(10, "committed", "2024-02-10"), (11, "trained", "2024-05-01")]
    total = run(listed, steps).loc["total"]
    assert total[["blacklisted", "took_part", "committed", "trained"]].tolist() == [1, 1, 1, 1]


def test_steps_after_the_as_of_date_or_on_another_record_do_not_count():
    listed = [(10, 0, "2024-02-01")]
    steps = [(10, "committed", "2025-01-05"), (99, "committed", "2024-03-01")]
    total = run(listed, steps).loc["total"]
    assert total[["blacklisted", "took_part"]].tolist() == [1, 0]
    assert total["short_of_target"] == 1


def test_people_listed_before_the_period_are_not_in_its_cohort():
    total = run([(10, 0, "2023-12-31")], []).loc["total"]
    assert total["blacklisted"] == 0 and np.isnan(total["share"]) and total["meets_target"]


def test_each_district_is_measured_against_the_target_on_its_own():
    listed = [(10, 0, "2024-02-01"), (11, 1, "2024-02-01"), (12, 2, "2024-02-01")]
    steps = [(10, "committed", "2024-02-10")]
    table = run(listed, steps, n_people=3, codes=np.array([0, 1, 1]), labels=["wujin", "xinbei"])
    assert table.loc["wujin", "share"] == 1.0 and table.loc["wujin", "meets_stretch"]
    assert table.loc["xinbei", "share"] == 0.0 and table.loc["xinbei", "short_of_target"] == 1


@pytest.mark.parametrize(
    ("listed", "steps", "message"),
    [
        ([(10, 12, "2024-02-01")], [], "listed_person: person 12 at position 0"),
        ([(10, 0, "2024-02-01")], [(10, "interviewed", "2024-03-01")], "step: 'interviewed' at position 0"),
    ],
)
def test_arguments_that_would_miscount_the_cohort_are_refused(listed, steps, message):
    with pytest.raises(AnalysisInputError, match=message):
        run(listed, steps)


def test_a_period_starting_after_the_as_of_date_is_refused():
    with pytest.raises(AnalysisInputError, match="since 2025-02-01 is after as_of 2024-12-31"):
        run([], [], since="2025-02-01")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 400)), max_size=10),
    st.lists(st.tuples(st.integers(0, 12), st.sampled_from(["committed", "trained", "repaired"]), st.integers(0, 500))),
)
def test_the_funnel_never_grows_and_shares_stay_between_0_and_1(listings, steps):
    base = np.datetime64("2024-01-01", "D")
    listed = [(i, person, base + d) for i, (person, d) in enumerate(listings)]
    done = [(r, s, base + d) for r, s, d in steps]
    table = run(listed, done, n_people=6, codes=np.array([0, 1, 0, 1, 0, 1]), labels=["a", "b"], as_of="2025-01-01")
    assert (table["blacklisted"] >= table["took_part"]).all()
    assert (table["took_part"] >= table[["committed", "trained", "repaired"]].max(axis=1)).all()
    shares = table["share"].dropna()
    assert ((shares >= 0) & (shares <= 1)).all()
    assert table.loc["total", "blacklisted"] == table.loc[["a", "b"], "blacklisted"].sum()
    reached = table["took_part"] + table["short_of_target"]
    assert (reached >= 0.5 * table["blacklisted"] - 1e-9).all()


@pytest.mark.parametrize(("blacklisted", "took_part", "short"), [(7, 3, 1), (10, 5, 0), (3, 1, 1), (100, 49, 1)])
def test_the_participation_share_is_the_exact_fraction_and_the_shortfall_whole_people(blacklisted, took_part, short):
    listed = [(r, r, "2024-02-01") for r in range(blacklisted)]
    steps = [(r, "committed", "2024-03-01") for r in range(took_part)]
    total = run(listed, steps, n_people=blacklisted).loc["total"]
    assert total["share"] == took_part / blacklisted
    assert total["short_of_target"] == short and total["meets_target"] == (short == 0)


def test_the_total_shortfall_is_the_sum_of_the_groups_whole_people():
    # a: 1 of 3 took part (needs 2: one short), b: 1 of 3 (one short); the city as one pool, 2 of
    # 6, would need only one more person, but the total row adds the groups' shortfalls up
    listed = [(r, r, "2024-02-01") for r in range(6)]
    steps = [(0, "committed", "2024-03-01"), (3, "committed", "2024-03-01")]
    table = run(listed, steps, n_people=6, codes=np.array([0, 0, 0, 1, 1, 1]), labels=["a", "b"])
    assert table["short_of_target"].tolist() == [1, 1, 2]
    assert table.loc["total", "short_of_stretch"] == table.loc[["a", "b"], "short_of_stretch"].sum()
    assert not table.loc["total", "meets_target"]
