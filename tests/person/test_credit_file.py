"""One person's credit file: the waterfall adds up to the engine's score, the next-tier plan
really reaches the next tier when its records are added and rescored, eligibility and bounds are
said with their reasons, and a search refuses what it cannot answer."""

from __future__ import annotations

import datetime as dt
from functools import cache

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.dataset import Dataset, conform
from scoring.engine import compile_dataset, score
from scoring.identity_numbers import IdNumberError, check_digit, mask_id_number
from scoring.person.file import UnknownPerson, credit_file
from scoring.person.next_tier import next_tier
from scoring.person.people_list import UNSCORED, PeopleFilter, filtered_people, page_rows
from scoring.person.search import Query, matches, parse_query
from scoring.problems import Refusal
from scoring.rulebook import load_preset
from synthetic.generate import generate
from synthetic.identity import identities, people_with_id_number
from synthetic.settings import GeneratorSettings

PEOPLE = 3000


@cache
def population() -> Dataset:
    return generate(GeneratorSettings(people=PEOPLE, seed=11))


@cache
def scored(preset: str = "illustrative"):
    return score(compile_dataset(population()), load_preset(preset))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(person=st.integers(0, PEOPLE - 1), preset=st.sampled_from(["illustrative", "rongcheng_style", "fuzhou_style"]))
def test_the_waterfall_adds_up_to_the_engines_score(person, preset):
    result = scored(preset)
    file = credit_file(result, population(), person)
    if not result.eligible[person]:
        assert file.steps == () and file.score is None
        return
    steps = file.steps
    assert steps[0].kind == "base" and steps[0].value == result.rulebook.score.base
    assert steps[-1].kind == "score"
    between = sum(s.value for s in steps[1:-1])
    assert steps[0].value + between == pytest.approx(result.score[person], abs=1e-9)
    assert steps[-1].value == pytest.approx(result.score[person], abs=1e-9)


def _applied(plan, person: int) -> Dataset:
    """The population with the plan's records and repairs added on its day, and the black
    listings whose publicity ended by then expired, as a data provider would record them."""
    data = population()
    catalogues = data.catalogues
    day = np.datetime64(plan.reached_on, "s")
    added = [a for a in plan.actions if a.kind == "add"]
    ids = np.arange(len(added)) + int(data.records["record_id"].max()) + 1
    records = pd.DataFrame(
        {
            "record_id": ids, "person_id": person, "record_type": [a.record_type for a in added],
            "occurred_on": day, "quantity": [a.quantity for a in added],
            "department": [catalogues.record_type(a.record_type).department for a in added],
            "case_id": ids, "status": "valid",
        }
    )  # fmt: skip
    ended = [(a.record_id, "repaired", day) for a in plan.actions if a.kind == "repair"]
    ended += [(w.record_id, "expired", np.datetime64(w.on, "s")) for w in plan.waits if w.kind == "wait_listing"]
    events = pd.DataFrame(ended, columns=["record_id", "event", "date"]).assign(person_id=person, list=None)
    events["department"] = "court"
    return Dataset(
        people=data.people,
        records=pd.concat([data.records, conform("records", records, catalogues)], ignore_index=True),
        events=pd.concat(
            [data.events, conform("events", events[list(data.events.columns)], catalogues)], ignore_index=True
        ),
        manifest={"data_as_of": str(plan.reached_on), "synthetic": True},
        catalogues=catalogues,
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(person=st.integers(0, PEOPLE - 1))
def test_taking_the_suggested_actions_reaches_the_next_tier(person):
    result = scored()
    plan = next_tier(result, population(), person)
    if plan.outcome != "planned":
        assert plan.outcome in ("top", "unscored", "no_route")
        assert (plan.outcome == "top") == (result.tier[person] == 0)
        assert (plan.outcome == "unscored") == (not result.eligible[person])
        return
    assert plan.reached_on >= result.compiled.as_of.astype(dt.date)
    assert all(a.on <= plan.reached_on for a in (*plan.actions, *plan.waits))
    after = score(compile_dataset(_applied(plan, person), plan.reached_on), result.rulebook)
    assert after.tier[person] <= result.tier_ids.index(plan.target)


def test_black_listed_people_are_planned_for_by_waiting_or_repair_never_by_removing_records():
    result = scored()
    black = np.flatnonzero(result.black_list & result.eligible & (result.tier > 0))[:5]
    assert len(black)
    for person in black:
        plan = next_tier(result, population(), int(person))
        assert {a.kind for a in plan.actions} <= {"add", "repair"}
        if plan.outcome == "planned":
            after = score(compile_dataset(_applied(plan, int(person)), plan.reached_on), result.rulebook)
            assert after.tier[person] <= result.tier_ids.index(plan.target)


def test_the_plan_compiles_the_persons_data_twice_however_many_days_it_tries(monkeypatch):
    """Once for the days ahead (each day a view of it), once to confirm the plan: compiling the
    person for every day tried cost seconds per person at 1 M people."""
    import scoring.engine.compiled as compiled

    result = scored()
    black = np.flatnonzero(result.black_list & result.eligible & (result.tier > 0))
    as_of = result.compiled.as_of.astype(dt.date)
    later = [(p, plan) for p in black[:40] if (plan := next_tier(result, population(), int(p))).outcome == "planned"]
    person, plan = next((p, plan) for p, plan in later if plan.reached_on > as_of)  # today was tried and lost
    builds = []
    original = compiled._checked_matrix
    monkeypatch.setattr(compiled, "_checked_matrix", lambda data: builds.append(1) or original(data))
    assert next_tier(result, population(), int(person)) == plan
    assert len(builds) == 2


def test_a_person_without_consent_is_not_scored_and_the_file_says_so():
    result = scored()
    person = int(np.flatnonzero(~result.compiled.consent & (result.compiled.age_years >= 18))[0])
    file = credit_file(result, population(), person)
    assert not file.eligible and file.score is None and file.tier is None
    assert [r.code for r in file.reasons if not r.met] == ["no_consent"]


def test_a_minor_is_not_scored_because_of_age():
    result = scored()
    person = int(np.flatnonzero(result.compiled.age_years < 18)[0])
    reasons = {r.condition: r for r in credit_file(result, population(), person).reasons}
    assert reasons["age"].code == "too_young" and reasons["age"].params["min_age"] == 18


def test_non_local_residents_are_scored_after_enough_insured_months_under_the_fuzhou_style_scheme():
    result = scored("fuzhou_style")
    rules = result.rulebook.eligibility
    assert rules.hukou == "local" and rules.non_local_min_insured_months is not None
    non_local = np.flatnonzero(~result.compiled.is_local & result.compiled.consent & (result.compiled.age_years >= 18))
    for person in non_local[:20]:
        reason = next(r for r in credit_file(result, population(), int(person)).reasons if r.condition == "residence")
        assert reason.met == (result.compiled.insured_months[person] >= rules.non_local_min_insured_months)
        assert reason.met == bool(result.eligible[person])


def test_traffic_deductions_at_their_cap_are_named_as_a_rule_cap():
    baseline = load_preset("illustrative")
    rules = tuple(r.model_copy(update={"cap_low": -2.0}) if r.id == "traffic_violation" else r for r in baseline.rules)
    result = score(compile_dataset(population()), baseline.model_copy(update={"rules": rules}))
    records = population().records
    recent = records[(records["record_type"] == "traffic_violation") & (records["occurred_on"] >= "2025-10-01")]
    twice = recent["person_id"].value_counts()
    person = next(int(p) for p in twice[twice >= 2].index if result.eligible[p])
    bound = next(b for b in credit_file(result, population(), person).bounds if b.rule == "traffic_violation")
    assert (bound.kind, bound.side, bound.limit) == ("rule_cap", "low", -2.0)


def test_a_judgment_defaulter_in_the_window_is_held_at_tier_c_by_a_veto():
    result = scored()
    for person in np.flatnonzero(result.eligible & result.vetoed)[:5]:
        file = credit_file(result, population(), int(person))
        veto = [b for b in file.bounds if b.kind == "veto"]
        assert veto and veto[0].limit == "C"
        assert result.tier_ids.index(file.tier) >= result.tier_ids.index("C")


def test_every_record_has_a_status_and_its_window_end():
    result = scored()
    data = population()
    person = int(data.records["person_id"].value_counts().index[0])
    records = credit_file(result, data, person).records
    assert len(records) == (data.records["person_id"] == person).sum()
    assert set(records["status"]) <= {"valid", "revoked", "under_objection"}
    windowed = records[records["rule"].notna()]
    assert (windowed["leaves_window"].isna() | (windowed["leaves_window"] > windowed["occurred_on"])).all()


def test_an_unknown_person_is_refused_with_the_range():
    with pytest.raises(UnknownPerson, match=r"0 … 2999"):
        credit_file(scored(), population(), PEOPLE)


# --- search ----------------------------------------------------------------------------------------


def test_a_number_is_a_person_id_and_one_beyond_the_population_is_refused():
    assert parse_query(" 42 ", PEOPLE) == Query("person_id", 42)
    with pytest.raises(Refusal) as refused:
        parse_query("3000", PEOPLE)
    assert refused.value.code == "person_unknown" and refused.value.params == {"value": 3000, "last": 2999}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "query_empty"),
        ("32040219900101123", "person_unknown"),  # 17 digits: read as a (far too large) person id
        ("3204021990010112345", "id_length"),
        ("32040219901301123X", "id_birth_date"),
        ("3204**********123X", "masked_malformed"),
    ],
)
def test_malformed_queries_are_refused_with_their_problem(text, code):
    with pytest.raises(Refusal) as refused:
        parse_query(text, PEOPLE)
    assert refused.value.code == code


def test_an_id_number_with_a_wrong_check_digit_is_refused_before_any_search():
    first17 = "32040219900101123"
    wrong = next(c for c in "0123456789X" if c != check_digit(first17))
    with pytest.raises(IdNumberError) as refused:
        parse_query(first17 + wrong, PEOPLE)
    assert refused.value.code == "id_check_digit" and refused.value.params["expected"] == check_digit(first17)


def test_a_person_is_found_by_full_id_number_masked_number_and_name():
    people = population().people
    index = identities(people, np.arange(200), 11)
    who = index.iloc[37]
    assert people_with_id_number(people, who["id_number"], 11) == [37]
    assert 37 in matches(index, parse_query(mask_id_number(who["id_number"]), PEOPLE))
    assert 37 in matches(index, parse_query(who["name"], PEOPLE))
    other_area = "110101" + who["id_number"][6:17]
    assert people_with_id_number(people, other_area + check_digit(other_area), 11) == []


# --- the filtered list ---------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(
    district=st.sampled_from([None, "wujin", "liyang"]),
    group=st.sampled_from([None, "teacher", "general_resident", "cpa"]),
    listed=st.sampled_from([None, "red", "black", "none"]),
    tier=st.sampled_from([None, "A", "C", UNSCORED]),
)
def test_a_filtered_list_holds_exactly_the_people_matching_every_choice(district, group, listed, tier):
    result = scored()
    people = result.compiled.people
    found = filtered_people(result, PeopleFilter(district, group, listed, tier))
    lists = {"red": result.red_list, "black": result.black_list, "none": ~(result.red_list | result.black_list)}
    tiers = np.array([result.tier_ids[x] if x >= 0 else UNSCORED for x in result.tier])
    expected = [
        p
        for p in range(PEOPLE)
        if district in (None, people["district"].iat[p])
        and group in (None, people["key_group"].iat[p])
        and (listed is None or lists[listed][p])
        and tier in (None, tiers[p])
    ]
    assert found.tolist() == expected
    rows = page_rows(result, found[:20])
    assert rows["person_id"].tolist() == expected[:20]
    assert (rows["tier"] == "").tolist() == [not result.eligible[p] for p in expected[:20]]
