"""A credit file says what the store's objections say: a removed fine is gone from the file and
its plan, a fine under review is suspended, and a person without objections reads the
population's own result."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from scoring.engine import compile_dataset, score
from scoring.objection_scores import objection_effect
from scoring.person.next_tier import next_tier
from scoring.person.objections import standing
from scoring.rulebook import load_preset
from tests.engine.test_situations import resident, world
from tests.scoring.test_objection_overlay import FINE, objection

AS_OF = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def illustrative():
    return load_preset("illustrative")


def two_people_one_fined():
    """Person 0 fined in June 2025 (−20 for 12 months); person 1 without records."""
    return world([resident(), resident()], [(0, FINE, "2025-06-10", 1)])


def test_a_fine_removed_on_objection_is_gone_from_the_file_and_its_score_is_the_panels(illustrative):
    data = two_people_one_fined()
    result = score(compile_dataset(data, AS_OF), illustrative)
    removed = [objection(record_id=int(data.records["record_id"][0]), opened="2025-07-01", state="removed",
                         resolved="2025-08-01")]  # fmt: skip
    file = standing(result, data, 0, removed).file()
    assert file.person_id == 0
    assert file.score == illustrative.score.base == result.score[1], "as if never fined"
    effect = objection_effect(data, 0, removed, illustrative, AS_OF, result.cutoffs)
    assert file.score == effect.counted.score == effect.under_review.score
    assert result.score[0] == illustrative.score.base - 20, "the data's own score still counts the fine"


def test_a_fine_under_review_is_suspended_in_the_file_and_the_plan_reads_the_same_standing(illustrative):
    data = two_people_one_fined()
    result = score(compile_dataset(data, AS_OF), illustrative)
    under_review = [objection(record_id=int(data.records["record_id"][0]), opened="2025-07-01")]
    person = standing(result, data, 0, under_review)
    assert person.file().score == illustrative.score.base
    assert person.result.tier[person.row] == result.tier[1], "placed on the population's tier bounds"
    plan = next_tier(person.result, person.dataset, person.row)
    assert plan.outcome == next_tier(result, data, 1).outcome


def test_a_person_without_stored_objections_reads_the_population_itself(illustrative):
    data = two_people_one_fined()
    result = score(compile_dataset(data, AS_OF), illustrative)
    person = standing(result, data, 0, [objection(person=1, record_id=99)])  # someone else's
    assert person.result is result and person.row == 0 and person.objections == ()
    assert np.isclose(person.file().score, result.score[0])
