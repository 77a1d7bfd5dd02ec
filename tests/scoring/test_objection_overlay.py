"""The store's objections written into a dataset: the engine scores them on their own days, the
result meets the dataset contract, and one person's score with and without them needs no recompile."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.dataset import validate
from scoring.engine import compile_dataset, score
from scoring.objection_overlay import check_answer, check_opening, with_objections
from scoring.objection_scores import objection_effect, one_person
from scoring.rulebook import load_preset
from scoring.store import Objection, ObjectionRefused
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings
from tests.engine.test_situations import resident, world

FINE = "admin_penalty_general"  # -20 points, counted for 12 months in the illustrative rulebook
HOURS = "volunteer_hours"  # 1 point per 5 hours
DAY = dt.date.fromisoformat


@pytest.fixture(scope="module")
def illustrative():
    return load_preset("illustrative")


def objection(record_id=1, opened="2025-03-01", state="open", resolved=None, quantity=None, oid=1, person=0):
    return Objection(
        id=oid, dataset="k", person_id=person, record_id=record_id, reason="why", opened_on=DAY(opened),
        opened_by="anonymous", state=state, resolved_on=DAY(resolved) if resolved else None, resolution="because",
        corrected_quantity=quantity,
    )  # fmt: skip


def scores(data, rulebook, days: list[str]) -> list[float]:
    return [float(score(compile_dataset(data, day), rulebook).score[0]) for day in days]


def a_fine() -> object:
    return world([resident()], [(0, FINE, "2025-01-10", 1)])


def test_a_fine_disputed_on_1_march_is_not_counted_on_15_march_and_counts_again_once_upheld_on_1_april(illustrative):
    base = illustrative.score.base
    disputed = with_objections(a_fine(), [objection()])
    assert scores(disputed, illustrative, ["2025-02-28", "2025-03-15", "2025-12-31"]) == [base - 20, base, base]
    upheld = with_objections(a_fine(), [objection(state="upheld", resolved="2025-04-01")])
    days = ["2025-02-28", "2025-03-15", "2025-03-31", "2025-04-01", "2025-06-30"]
    assert scores(upheld, illustrative, days) == [base - 20, base, base, base - 20, base - 20]


def test_a_removed_fine_counts_only_until_the_dispute_and_is_revoked_once_on_the_answers_day(illustrative):
    base = illustrative.score.base
    removed = with_objections(a_fine(), [objection(state="removed", resolved="2025-04-01")])
    assert scores(removed, illustrative, ["2025-02-28", "2025-03-15", "2025-04-01", "2025-12-31"]) == [
        base - 20, base, base, base,
    ]  # fmt: skip
    assert list(removed.records["status"]) == ["revoked"]
    revoked = removed.events[removed.events["event"] == "revoked"]
    assert list(revoked["date"]) == [np.datetime64("2025-04-01")]


def test_a_corrected_record_is_replaced_by_a_copy_with_the_corrected_quantity_from_the_answers_day(illustrative):
    base = illustrative.score.base
    hours = world([resident()], [(0, HOURS, "2025-01-10", 10)])
    corrected = with_objections(hours, [objection(state="corrected", resolved="2025-04-01", quantity=4, oid=5)])
    assert scores(corrected, illustrative, ["2025-02-28", "2025-03-15", "2025-04-01"]) == pytest.approx(
        [base + 2, base, base + 0.8]
    )
    copy = corrected.records.iloc[-1]
    assert (copy["record_id"], copy["status"], copy["quantity"], copy["occurred_on"]) == (
        1 + 5, "valid", 4.0, np.datetime64("2025-04-01"),
    )  # fmt: skip
    kept = with_objections(hours, [objection(state="corrected", resolved="2025-04-01")])
    assert scores(kept, illustrative, ["2025-04-01"]) == [base + 2], "no quantity given: the copy keeps it"


def test_an_objection_is_not_seen_by_an_as_of_date_before_it_was_opened(illustrative):
    data = with_objections(a_fine(), [objection(opened="2025-06-01", state="removed", resolved="2025-07-01")])
    assert scores(data, illustrative, ["2025-05-31"]) == scores(a_fine(), illustrative, ["2025-05-31"])


def test_a_removal_before_the_datas_own_revocation_keeps_one_revocation_on_the_earlier_day():
    data = world(
        [resident()], [(0, FINE, "2025-01-10", 1, "revoked")], [(0, "revoked", "2025-09-01", None)]
    )  # fmt: skip
    removed = with_objections(data, [objection(state="removed", resolved="2025-04-01")])
    revoked = removed.events[removed.events["event"] == "revoked"]
    assert list(revoked["date"]) == [np.datetime64("2025-04-01")]


def test_an_objection_to_a_record_not_in_the_dataset_is_refused():
    with pytest.raises(ObjectionRefused) as caught:
        with_objections(a_fine(), [objection(record_id=99)])
    assert caught.value.code == "objection_unknown_record"


@pytest.mark.parametrize(
    ("code", "person", "record", "day"),
    [
        ("objection_unknown_record", 0, 99, "2025-03-01"),
        ("objection_not_their_record", 1, 1, "2025-03-01"),
        ("objection_before_record", 0, 1, "2025-01-09"),
        ("objection_after_data", 0, 1, "2026-01-01"),
        ("objection_record_revoked", 0, 2, "2025-05-01"),
    ],
)
def test_an_objection_is_opened_only_on_the_persons_record_while_it_stands(code, person, record, day):
    data = world(
        [resident(), resident()],
        [(0, FINE, "2025-01-10", 1), (0, FINE, "2025-01-10", 1, "revoked")],
        [(1, "revoked", "2025-05-01", None)],
    )
    with pytest.raises(ObjectionRefused) as caught:
        check_opening(data, person, record, DAY(day))
    assert caught.value.code == code
    check_opening(data, 0, 2, DAY("2025-04-30"))  # the day before the data revoke it, it stands
    with pytest.raises(ObjectionRefused, match="revoked"):
        check_answer(data, objection(record_id=2, opened="2025-04-30"), "removed", DAY("2025-05-01"))
    check_answer(data, objection(record_id=2, opened="2025-04-30"), "upheld", DAY("2025-05-01"))


@pytest.fixture(scope="module")
def population():
    return generate(GeneratorSettings(people=2000, seed=7))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_objections_on_a_population_meet_the_contract_and_one_persons_scores_match_the_whole(
    population, illustrative, data
):
    records = population.records
    picked = data.draw(st.lists(st.integers(0, len(records) - 1), min_size=1, max_size=6, unique=True))
    as_of = population.data_as_of.item()
    objections = []
    for oid, row in enumerate(picked, start=1):
        record = records.iloc[row]
        if record["status"] == "revoked":
            continue
        occurred = record["occurred_on"].date()
        span = (as_of - occurred).days
        opened = occurred + dt.timedelta(days=data.draw(st.integers(0, span)))
        state = data.draw(st.sampled_from(["open", "upheld", "corrected", "removed"]))
        resolved = (
            None if state == "open" else opened + dt.timedelta(days=data.draw(st.integers(0, (as_of - opened).days)))
        )
        objections.append(
            Objection(oid, "k", int(record["person_id"]), int(record["record_id"]), "why", opened, "a", state, resolved,
                      "because", data.draw(st.none() | st.floats(0, 100)) if state == "corrected" else None)
        )  # fmt: skip
    overlaid = with_objections(population, objections)
    validate(overlaid)
    day = data.draw(st.dates(population.records["occurred_on"].min().date(), as_of))
    whole = score(compile_dataset(overlaid, day), illustrative)
    for o in objections:
        effect = objection_effect(population, o.person_id, objections, illustrative, day, whole.cutoffs)
        assert np.array_equal(effect.under_review.score, whole.score[o.person_id], equal_nan=True)
        assert effect.under_review.tier == whole.tier[o.person_id]
    if all(o.opened_on > day for o in objections):
        plain = score(compile_dataset(population, day), illustrative)
        assert np.array_equal(plain.score, whole.score, equal_nan=True), "an as-of date before them sees nothing"


def test_one_persons_dataset_scores_as_they_do_in_the_whole(population, illustrative):
    whole = score(compile_dataset(population), illustrative)
    for person in range(0, len(population.people), 37):
        alone = one_person(population, person)
        validate(alone)
        effect = objection_effect(population, person, [], illustrative, population.data_as_of.item(), whole.cutoffs)
        assert np.array_equal(effect.counted.score, whole.score[person], equal_nan=True)
        assert effect.counted.tier == whole.tier[person] and effect.difference == 0 or not effect.counted.eligible
