"""An objection suspends the disputed record from scoring until it is answered: the situations a
policy officer would describe, each scored as of dates before, during and after the dispute."""

from __future__ import annotations

import pytest

from scoring.dataset import DatasetError
from scoring.engine import compile_dataset, explain, score
from scoring.rulebook import load_preset
from tests.engine.test_situations import resident, world

FINE = "admin_penalty_general"  # -20 points, counted for 12 months in the illustrative rulebook


@pytest.fixture(scope="module")
def illustrative():
    return load_preset("illustrative")


@pytest.fixture(scope="module")
def fine_points(illustrative):
    return next(r for r in illustrative.rules if FINE in r.matches).points


def counted(data, as_of: str, rulebook) -> bool:
    """Whether the person's fine enters their score on that day (the only record they have)."""
    return score(compile_dataset(data, as_of), rulebook).score[0] != rulebook.score.base


def test_a_fine_disputed_in_march_and_upheld_in_may_counts_in_february_not_in_april_again_in_june(illustrative):
    data = world(
        [resident()],
        [(0, FINE, "2025-01-10", 1)],
        [(0, "disputed", "2025-03-01", None), (0, "resolved", "2025-05-01", None)],
    )
    days = ["2025-02-28", "2025-03-01", "2025-04-15", "2025-04-30", "2025-05-01", "2025-06-15"]
    assert [counted(data, day, illustrative) for day in days] == [True, False, False, False, True, True]


def test_a_fine_removed_on_objection_counts_only_until_the_dispute(illustrative):
    data = world(
        [resident()],
        [(0, FINE, "2025-01-10", 1, "revoked")],
        [(0, "disputed", "2025-03-01", None), (0, "resolved", "2025-05-01", None), (0, "revoked", "2025-05-01", None)],
    )
    days = ["2025-02-28", "2025-04-15", "2025-05-01", "2025-06-15"]
    assert [counted(data, day, illustrative) for day in days] == [True, False, False, False]


def test_a_corrected_fine_is_the_original_removed_and_a_new_record_from_the_correction_day(illustrative, fine_points):
    # the original (quantity 1) was corrected to another fine: the contract has no correction
    # field, so the correction is the original revoked on the resolution day plus a new record
    data = world(
        [resident()],
        [(0, FINE, "2025-01-10", 1, "revoked"), (0, FINE, "2025-05-01", 1)],
        [(0, "disputed", "2025-03-01", None), (0, "resolved", "2025-05-01", None), (0, "revoked", "2025-05-01", None)],
    )
    scores = [
        score(compile_dataset(data, day), illustrative).score[0] for day in ("2025-02-28", "2025-04-15", "2025-06-15")
    ]
    base = illustrative.score.base
    assert scores == [base + fine_points, base, base + fine_points]


def test_an_objection_still_open_on_the_as_of_date_keeps_the_fine_out(illustrative):
    data = world([resident()], [(0, FINE, "2025-06-10", 1)], [(0, "disputed", "2025-11-01", None)])
    assert counted(data, "2025-10-31", illustrative)
    assert not counted(data, "2025-12-31", illustrative)


def test_a_fine_disputed_twice_counts_between_and_after_the_upheld_objections(illustrative):
    data = world(
        [resident()],
        [(0, FINE, "2025-01-10", 1)],
        [
            (0, "disputed", "2025-03-01", None),
            (0, "resolved", "2025-05-01", None),
            (0, "disputed", "2025-08-01", None),
            (0, "resolved", "2025-10-01", None),
        ],
    )
    days = ["2025-02-15", "2025-04-15", "2025-06-15", "2025-09-15", "2025-11-15"]
    assert [counted(data, day, illustrative) for day in days] == [True, False, True, False, True]


def test_a_second_objection_raised_while_the_first_is_open_keeps_the_fine_out_until_both_are_answered(illustrative):
    # the May resolution answers the April dispute (the latest open one); March's is answered in June
    data = world(
        [resident()],
        [(0, FINE, "2025-01-10", 1)],
        [
            (0, "disputed", "2025-03-01", None),
            (0, "disputed", "2025-04-01", None),
            (0, "resolved", "2025-05-01", None),
            (0, "resolved", "2025-06-01", None),
        ],
    )
    days = ["2025-02-15", "2025-05-15", "2025-05-31", "2025-06-01"]
    assert [counted(data, day, illustrative) for day in days] == [True, False, False, True]


def test_an_objection_answered_on_the_day_it_is_raised_suspends_nothing(illustrative):
    data = world(
        [resident()],
        [(0, FINE, "2025-01-10", 1)],
        [(0, "disputed", "2025-03-01", None), (0, "resolved", "2025-03-01", None)],
    )
    assert all(counted(data, day, illustrative) for day in ("2025-02-28", "2025-03-01", "2025-03-02"))


def test_the_explanation_lists_the_fine_only_on_days_it_counts(illustrative):
    data = world(
        [resident()],
        [(0, FINE, "2025-01-10", 1)],
        [(0, "disputed", "2025-03-01", None), (0, "resolved", "2025-05-01", None)],
    )
    sources = {
        day: list(explain(score(compile_dataset(data, day), illustrative), 0)["source"])
        for day in ("2025-02-15", "2025-04-15", "2025-06-15")
    }
    assert sources == {"2025-02-15": [FINE], "2025-04-15": [], "2025-06-15": [FINE]}


def test_an_objection_does_not_take_a_person_off_the_black_list():
    # list membership is the listing department's decision; only a revocation ends it early
    data = world(
        [resident()],
        [(0, "judgment_defaulter", "2025-01-10", 1)],
        [(0, "listed", "2025-01-20", "black"), (0, "disputed", "2025-03-01", None)],
    )
    assert compile_dataset(data, "2025-04-15").black_list[0]


def test_a_resolution_of_a_record_never_disputed_is_refused():
    data = world([resident()], [(0, FINE, "2025-01-10", 1)], [(0, "resolved", "2025-03-01", None)])
    with pytest.raises(
        DatasetError, match=r"record_events.event row 0: 'resolved'; expected a resolved event answering"
    ):
        compile_dataset(data)


def test_a_second_resolution_of_one_dispute_is_refused():
    data = world(
        [resident()],
        [(0, FINE, "2025-01-10", 1)],
        [(0, "disputed", "2025-03-01", None), (0, "resolved", "2025-04-01", None), (0, "resolved", "2025-05-01", None)],
    )
    with pytest.raises(DatasetError, match=r"record_events.event row 2: 'resolved'"):
        compile_dataset(data)
