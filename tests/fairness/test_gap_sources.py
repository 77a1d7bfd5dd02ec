"""Which rules drive a score gap, and how much of a group's position comes from the record types
only its members can have."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.analyses.summaries import Breakdown, breakdowns
from scoring.catalogues import load_catalogues
from scoring.dataset import Dataset, conform
from scoring.engine import compile_dataset, score
from scoring.fairness.decomposition import score_gap_by_rule
from scoring.fairness.density import SOURCES as DENSITY_SOURCES
from scoring.fairness.density import (
    applicable_types,
    common_rulebook,
    group_specific_rules,
    propensity_of,
    record_density,
    recorded_types,
)
from scoring.fairness.groups import attribute
from scoring.fairness.judge import hide_small, hide_small_gaps
from scoring.rulebook import load_preset
from tests.engine.factories import AS_OF, make_dataset
from tests.engine.strategies import rulebooks

CAT = load_catalogues()
ILLUSTRATIVE = load_preset("illustrative")


def _people(groups: list[str]) -> pd.DataFrame:
    n = len(groups)
    return pd.DataFrame(
        {
            "person_id": np.arange(n), "gender": ["F"] * n, "birth_date": [np.datetime64("1980-01-01")] * n,
            "district": [CAT.district_ids[0]] * n, "key_group": groups, "hukou": ["local"] * n, "consent": [True] * n,
            "resident_since": [np.datetime64("2000-01-01")] * n, "insured_since": [np.datetime64("2005-01-01")] * n,
        }
    )  # fmt: skip


def _dataset(groups: list[str], records: list[tuple[int, str, str, float]], truth=None) -> Dataset:
    """People of these key groups and their records (person, type, day, quantity)."""
    frame = pd.DataFrame(
        {
            "record_id": np.arange(len(records)) + 1, "person_id": [r[0] for r in records],
            "record_type": [r[1] for r in records], "occurred_on": [np.datetime64(r[2]) for r in records],
            "quantity": [float(r[3]) for r in records],
            "department": [CAT.record_type(r[1]).department for r in records],
            "case_id": np.arange(len(records)) + 1, "status": ["valid"] * len(records),
        }
    )  # fmt: skip
    events = pd.DataFrame(columns=["record_id", "person_id", "event", "date", "department", "list"])
    return Dataset(
        people=conform("people", _people(groups), CAT),
        records=conform("records", frame, CAT),
        events=conform("events", events, CAT),
        manifest={"data_as_of": str(AS_OF), "synthetic": True, "seed": 0},
        truth=truth,
        catalogues=CAT,
    )


def _by_group(dataset: Dataset, as_of: str | None = None):
    compiled = compile_dataset(dataset, as_of)
    return compiled, attribute(breakdowns(compiled.people, compiled.age_years), ["key_group"])


def test_a_lawyers_gap_is_their_discipline_and_the_traffic_cap():
    # The illustrative rulebook: a lawyer with six traffic violations in the window (−2 each, at
    # most −10) and a professional discipline (−40, lawyers only); a teacher with one traffic
    # violation. Gap: −10 − (−2) = −8 for traffic, −40 for the discipline, nothing else.
    dataset = _dataset(
        ["lawyer", "teacher"],
        [*((0, "traffic_violation", "2025-11-0" + str(d), 1) for d in range(1, 7)),
         (0, "lawyer_discipline", "2025-06-01", 1), (1, "traffic_violation", "2025-12-01", 1)],
    )  # fmt: skip
    compiled, groups = _by_group(dataset)
    result = score(compiled, ILLUSTRATIVE)
    rows = score_gap_by_rule(result, groups, "lawyer", "teacher").set_index("item")
    assert rows.loc["traffic_violation", "gap"] == -8
    assert rows.loc["lawyer_discipline", "gap"] == -40
    assert rows["gap"].drop(["traffic_violation", "lawyer_discipline"]).eq(0).all()
    assert rows["gap"].sum() == result.score[0] - result.score[1] == -48


def test_each_row_counts_the_scored_people_it_moves_and_hides_its_means_when_they_are_few():
    # three lawyers (two with a discipline, all three with a traffic violation) and one teacher
    # with a traffic violation: at a minimum of 3 the discipline's mean (two lawyers) is hidden
    # with its gap, the traffic rule's lawyer mean (three) stays, its teacher mean (one) does not.
    dataset = _dataset(
        ["lawyer", "lawyer", "lawyer", "teacher"],
        [(0, "lawyer_discipline", "2025-06-01", 1), (1, "lawyer_discipline", "2025-06-01", 1),
         *((p, "traffic_violation", "2025-12-01", 1) for p in range(4))],
    )  # fmt: skip
    compiled, groups = _by_group(dataset)
    rows = score_gap_by_rule(score(compiled, ILLUSTRATIVE), groups, "lawyer", "teacher").set_index("item")
    assert tuple(rows.loc["lawyer_discipline", ["group_people", "reference_people"]]) == (2, 0)
    assert tuple(rows.loc["traffic_violation", ["group_people", "reference_people"]]) == (3, 1)
    assert rows.drop(["lawyer_discipline", "traffic_violation"])[["group_people", "reference_people"]].eq(0).all().all()
    shown = hide_small_gaps(rows, minimum=3)
    assert shown.loc["lawyer_discipline", ["group", "gap"]].isna().all()
    assert shown.loc["lawyer_discipline", "reference"] == 0, "nobody moved: a zero is no small cell"
    assert (
        shown.loc["traffic_violation", "group"] == -2
        and shown.loc["traffic_violation", ["reference", "gap"]].isna().all()
    )
    assert shown.loc["score_range", "gap"] == 0


def test_record_density_leaves_out_small_groups_and_hides_means_over_few_scored_people():
    table = pd.DataFrame(
        {"people": [40, 12, 5, 11], "scored": [30, 4, 5, 11], "applicable_types": [30.0, 31.0, 30.0, 30.0],
         "recorded_types": [2.0, 3.0, 1.0, 2.0], "recorded_vs_population": [1.0, 1.5, 0.5, 1.0],
         "mean_score": [1000.0, 990, 980, 985], "mean_score_common": [1001.0, 995, 980, 985],
         "group_specific_points": [-1.0, -5, 0, -2], "mean_propensity": [0.1, 0, 0, 0]},
        index=pd.Index(["a", "b", "c", "d"], name="key_group"),
    )  # fmt: skip
    shown = hide_small(table, 10, DENSITY_SOURCES)
    assert list(shown.index) == ["a", "b", "d"], "c has 5 people"
    assert shown.loc["a"].notna().all()
    assert shown.loc["b", ["scored", "mean_score", "mean_score_common", "group_specific_points"]].isna().all()
    assert shown.loc["b", "recorded_types"] == 3, "a mean over its 12 people stays"
    # c's 5 people would be everyone less a, b and d: d, the smallest group kept, is their complement
    assert np.isnan(shown.loc["d", "people"]) and np.isnan(shown.loc["d", "recorded_types"])


def test_dimension_caps_and_the_score_range_have_rows_of_their_own():
    # Civility loses at most 20 points as a dimension: 30 uncivil acts at −1 each (the rule's own
    # cap lifted) are −30 by the rule, of which the dimension's cap gives back 10; from a base of
    # 15 the score range's floor of 0 gives back the last 5.
    assert ILLUSTRATIVE.score.min == 0
    rules = tuple(
        r.model_copy(update={"points": -1.0, "cap_low": None}) if r.id == "civility" else r for r in ILLUSTRATIVE.rules
    )
    score_range = ILLUSTRATIVE.score.model_copy(update={"base": 15.0})
    tight = ILLUSTRATIVE.model_copy(update={"score": score_range, "rules": rules})
    dataset = _dataset(
        ["general_resident", "general_resident"],
        [(0, "uncivil_conduct", f"2025-{m:02d}-{d:02d}", 1) for m in range(10, 13) for d in range(1, 11)],
    )
    compiled, _ = _by_group(dataset)
    groups = attribute({"person": Breakdown(np.array([0, 1]), ("acting", "calm"))}, ["person"])
    result = score(compiled, tight)
    rows = score_gap_by_rule(result, groups, "acting", "calm").set_index("item")
    assert rows.loc["civility", "gap"] == -30
    assert rows.loc["dimension_caps", "gap"] == 10
    assert rows.loc["score_range", "gap"] == pytest.approx(5)
    assert rows["gap"].sum() == pytest.approx(result.score[0] - result.score[1]) == -15


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(
    st.builds(make_dataset, n_people=st.integers(2, 40), n_records=st.integers(0, 250),
              seed=st.integers(0, 2**16), n_listings=st.integers(0, 20)),
    rulebooks(),
    st.integers(0, 2**16),
)  # fmt: skip
def test_the_rows_add_up_to_the_gap_in_mean_scores(dataset, rulebook, seed):
    compiled = compile_dataset(dataset)
    result = score(compiled, rulebook)
    codes = np.random.default_rng(seed).integers(0, 3, compiled.n_people)
    groups = attribute({"drawn": Breakdown(codes, ("a", "b", "c"))}, ["drawn"])
    rows = score_gap_by_rule(result, groups, "a", "b")
    in_a, in_b = result.eligible & (codes == 0), result.eligible & (codes == 1)
    if not in_a.any() or not in_b.any():
        assert rows["gap"].isna().all()
        return
    gap = result.score[in_a].mean() - result.score[in_b].mean()
    assert rows["gap"].sum() == pytest.approx(gap, abs=1e-9)
    assert list(rows["item"][: len(rulebook.rules)]) == [r.id for r in rulebook.rules]


def test_record_density_counts_types_and_rescores_on_the_common_ones():
    truth = pd.DataFrame(
        {"person_id": [0, 1, 2], "propensity": [-1.0, 0.5, 1.5], "negative_next_year": [0, 0, 0],
         "serious_next_year": [False] * 3, "positive_next_year": [0, 0, 0]}
    )  # fmt: skip
    dataset = _dataset(
        ["lawyer", "lawyer", "teacher"],
        [(0, "lawyer_discipline", "2025-06-01", 1), (0, "traffic_violation", "2025-12-01", 1),
         (0, "traffic_violation", "2025-12-02", 1), (1, "blood_donation", "2025-01-01", 400),
         (2, "traffic_violation", "2025-12-01", 1), (2, "traffic_violation", "2025-12-20", 1)],
        truth=conform("truth", truth, CAT),
    )  # fmt: skip
    compiled, groups = _by_group(dataset, "2025-12-15")
    assert list(recorded_types(compiled)) == [2, 1, 1], "distinct types, not records; none after the as-of date"
    assert list(recorded_types(compile_dataset(dataset))) == [2, 1, 1]
    result = score(compiled, ILLUSTRATIVE)
    common = score(compiled, common_rulebook(ILLUSTRATIVE, CAT))
    applicable = applicable_types(CAT, compiled.group_codes)
    table = record_density(result, common, groups, applicable, recorded_types(compiled), propensity_of(dataset))
    lawyer, teacher = table.loc["lawyer"], table.loc["teacher"]
    everyone = sum(rt.groups == "all" for rt in CAT.record_types)
    assert lawyer["applicable_types"] == everyone + 1 and teacher["applicable_types"] == everyone + 1
    assert lawyer["recorded_types"] == 1.5 and lawyer["recorded_vs_population"] == pytest.approx(1.5 / (4 / 3))
    assert lawyer["group_specific_points"] == -20, "the discipline's −40, on one lawyer of two"
    assert teacher["group_specific_points"] == 0
    assert lawyer["mean_propensity"] == -0.25 and teacher["mean_propensity"] == 1.5


def test_the_common_rulebook_silences_group_rules_only():
    silenced = set(group_specific_rules(ILLUSTRATIVE, CAT))
    assert {"lawyer_discipline", "government_dishonesty"} <= silenced and "traffic_violation" not in silenced
    common = common_rulebook(ILLUSTRATIVE, CAT)
    for before, after in zip(ILLUSTRATIVE.rules, common.rules, strict=True):
        if before.id in silenced:
            assert after.points == 0 and after.veto is None
        else:
            assert after == before


def test_real_data_has_no_propensity():
    dataset = _dataset(["lawyer"], [])
    assert propensity_of(dataset) is None
    compiled, groups = _by_group(dataset)
    result = score(compiled, ILLUSTRATIVE)
    table = record_density(result, result, groups, np.array([1]), np.array([0]))
    assert table["mean_propensity"].isna().all()


@pytest.mark.parametrize("offset_days", [0, 200, 900])
def test_recorded_types_match_a_groupby_of_the_records_standing_that_day(offset_days):
    dataset = make_dataset(n_people=60, n_records=600, seed=offset_days, n_listings=30)
    as_of = AS_OF - np.timedelta64(offset_days, "D")
    records = dataset.records
    revoked_on = dataset.events[dataset.events["event"] == "revoked"].set_index("record_id")["date"]
    ends = records["record_id"].map(revoked_on)
    standing = (records["occurred_on"] <= as_of) & (ends.isna() | (ends > as_of))
    expected = records[standing].groupby("person_id")["record_type"].nunique()
    expected = expected.reindex(range(60), fill_value=0).to_numpy()
    np.testing.assert_array_equal(recorded_types(compile_dataset(dataset, as_of)), expected)
