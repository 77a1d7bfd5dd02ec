"""Records suspended by an open objection on a date, counted from the events, are exactly those
the engine leaves out that would otherwise count; scores without the suspensions (only the
people touched rescored) equal scoring everyone as if nobody had objected."""

import numpy as np
import pytest

from scoring.analyses.suspensions import (
    scores_without_suspensions,
    suspended_records,
    suspension_effect,
    without_objections,
)
from scoring.engine import compile_dataset, score
from scoring.engine.compiled import counting_intervals
from scoring.rulebook import load_preset
from scoring.tuning.editing import set_tier_cutoffs
from tests.engine.factories import AS_OF, make_dataset
from tests.engine.test_situations import resident, world

FINE = "admin_penalty_general"  # -20 points for 12 months in the illustrative rulebook
ILLUSTRATIVE = load_preset("illustrative")
QUANTILE = set_tier_cutoffs(ILLUSTRATIVE, "quantile", [0.05, 0.1, 0.25, 0.3, 0.2, 0.1])
DATES = [AS_OF - 900, AS_OF - 400, AS_OF - 45, AS_OF]


@pytest.fixture(scope="module")
def dataset():
    return make_dataset(400, 4000, seed=13, n_listings=60, n_objections=900)


def test_a_fine_is_suspended_while_its_objection_is_open_and_not_once_answered_or_removed():
    data = world(
        [resident(), resident(), resident()],
        [(0, FINE, "2025-01-10", 1), (1, FINE, "2025-01-10", 1), (2, FINE, "2025-01-10", 1, "revoked")],
        [
            (0, "disputed", "2025-03-01", None),
            (0, "resolved", "2025-05-01", None),
            (1, "disputed", "2025-04-01", None),
            (2, "disputed", "2025-03-01", None),
            (2, "resolved", "2025-04-10", None),
            (2, "revoked", "2025-04-10", None),
        ],
    )
    assert suspended_records(data, "2025-04-01")["person_id"].tolist() == [0, 1, 2]
    assert suspended_records(data, "2025-04-10")["person_id"].tolist() == [0, 1]  # 2: removed that day
    assert suspended_records(data, "2025-05-01")["person_id"].tolist() == [1]
    assert suspended_records(data, "2025-02-28").empty


def left_out(data, as_of) -> set[int]:
    """The records the engine does not count on `as_of`: those whose dated intervals all miss it."""
    intervals = counting_intervals(data)
    standing = compile_dataset(data, as_of).dated_standing
    counts = intervals.assign(standing=standing).groupby("record_id")["standing"].any()
    return set(counts.index[~counts.to_numpy()])


@pytest.mark.parametrize("as_of", DATES)
def test_the_suspended_records_are_exactly_those_the_engine_leaves_out_only_because_of_an_objection(dataset, as_of):
    suspended = suspended_records(dataset, as_of)
    expected = left_out(dataset, as_of) - left_out(without_objections(dataset), as_of)
    assert len(suspended) and set(suspended["record_id"]) == expected
    owners = dataset.records.set_index("record_id")["person_id"]
    assert suspended["person_id"].tolist() == owners[suspended["record_id"]].tolist()


@pytest.mark.parametrize("rulebook", [ILLUSTRATIVE, QUANTILE], ids=["absolute", "quantile"])
@pytest.mark.parametrize("as_of", DATES)
def test_rescoring_only_the_people_touched_equals_scoring_everyone_as_if_nobody_had_objected(dataset, rulebook, as_of):
    result = score(compile_dataset(dataset, as_of), rulebook)
    people = suspended_records(dataset, as_of)["person_id"].to_numpy()
    final, tier = scores_without_suspensions(result, dataset, people)
    everyone = score(compile_dataset(without_objections(dataset), as_of), rulebook)
    np.testing.assert_array_equal(final, everyone.score)
    np.testing.assert_array_equal(tier, everyone.tier)
    assert (final[people] != result.score[people]).any(), "the situation must move some score"


def test_the_effect_is_the_mean_score_and_tier_shares_of_the_scored_with_and_without_the_suspensions():
    data = world(
        [resident(), resident(), resident(consent=False)],
        [(0, FINE, "2025-11-01", 1), (2, FINE, "2025-11-01", 1)],
        [(0, "disputed", "2025-12-01", None)],
    )
    result = score(compile_dataset(data, "2025-12-31"), ILLUSTRATIVE)
    people = suspended_records(data, "2025-12-31")["person_id"].to_numpy()
    assert people.tolist() == [0]
    effect = suspension_effect(result, *scores_without_suspensions(result, data, people))
    base = ILLUSTRATIVE.score.base
    assert effect.loc["mean_score"].tolist() == [base, base - 10, -10]  # two scored, one loses 20
    tiers = dict(zip(ILLUSTRATIVE.tiers.ids, [0.0, 0.0, 1.0, 0.0, 0.0, 0.0], strict=True))
    assert effect["with_suspensions"].drop("mean_score").to_dict() == tiers
    assert effect["without_suspensions"].drop("mean_score").to_dict() == tiers  # 980 is still A
