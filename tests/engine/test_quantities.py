"""Profiles: people share one exactly when every non-zero quantity and veto hit is identical; an
edit of a few rules updates the quantities to exactly what a full pass computes."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.engine import compile_dataset, score
from scoring.engine.quantities import compute_quantities, update_quantities
from scoring.engine.scorer import plan_for
from scoring.rulebook import load_preset
from tests.engine.factories import make_dataset
from tests.engine.strategies import CAT, rulebooks
from tests.engine.test_situations import resident, world

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def non_zero_segments(result, person: int) -> list[tuple[int, float, bool]]:
    """The (rule rank, quantity, hit) of a person's segments that hold something, from the plan."""
    plan, quantities = result.plan, result.quantities
    segments = range(plan.run_start[plan.person_start[person]], plan.run_start[plan.person_start[person + 1]])
    return [
        (int(plan.seg_rank[s]), float(quantities.segment_quantity[s]), bool(quantities.segment_hit[s]))
        for s in segments
        if quantities.segment_quantity[s] != 0 or quantities.segment_hit[s]
    ]


def profile_segments(quantities, person: int) -> list[tuple[int, float, bool]]:
    i = quantities.profile_of[person]
    span = slice(quantities.profile_start[i], quantities.profile_start[i + 1])
    return list(
        zip(
            quantities.profile_rank[span].tolist(),
            quantities.profile_quantity[span].tolist(),
            quantities.profile_hit[span].tolist(),
            strict=True,
        )
    )


@SETTINGS
@given(st.integers(0, 2**16), rulebooks())
def test_every_person_has_exactly_their_profile(seed, rulebook):
    result = score(compile_dataset(make_dataset(30, 200, seed, n_listings=5)), rulebook)
    for person in range(30):
        assert profile_segments(result.quantities, person) == non_zero_segments(result, person)


def test_quantities_that_differ_only_in_a_power_of_two_or_the_last_bit_get_their_own_profiles():
    """0.7 and 1.4 share their mantissa; 0.7 and its neighbour share all but the last bit."""
    people = [resident(), resident(), resident(), resident()]
    volunteer_hours = [3.5, 7.0, 3.5 + 2e-15, 3.5]
    records = [(i, "volunteer_hours", "2025-11-02", hours) for i, hours in enumerate(volunteer_hours)]
    result = score(compile_dataset(world(people, records), "2025-12-31"), load_preset("illustrative"))
    profile_of = result.quantities.profile_of
    assert len({profile_of[0], profile_of[1], profile_of[2]}) == 3
    assert profile_of[3] == profile_of[0]


def test_neighbours_with_the_same_records_share_a_profile():
    people = [resident(), resident(district="jintan"), resident()]
    records = [
        (0, "traffic_violation", "2025-11-02", 1),
        (1, "traffic_violation", "2025-11-02", 1),
        (2, "traffic_violation", "2025-11-02", 1),
        (2, "traffic_violation", "2025-12-02", 1),
    ]
    result = score(compile_dataset(world(people, records), "2025-12-31"), load_preset("illustrative"))
    profile_of = result.quantities.profile_of
    assert profile_of[0] == profile_of[1] != profile_of[2]


@st.composite
def quantity_edits(draw, rule):
    """A new window, decay, unit or group restriction for a rule."""
    field = draw(st.sampled_from(["window_months", "decay_half_life_months", "per_units", "groups"]))
    value = {
        "window_months": st.none() | st.integers(1, 96),
        "decay_half_life_months": st.none() | st.floats(1, 60, allow_nan=False),
        "per_units": st.floats(0.5, 50, allow_nan=False),
        "groups": st.just("all")
        | st.lists(st.sampled_from(CAT.key_group_ids), min_size=1, max_size=8, unique=True).map(tuple),
    }[field]
    return rule.model_copy(update={field: draw(value)})


@SETTINGS
@given(st.integers(0, 2**16), rulebooks(), st.data())
def test_an_edit_of_some_rules_updates_to_exactly_the_full_computation(seed, rulebook, data):
    compiled = compile_dataset(make_dataset(30, 200, seed, n_listings=5))
    plan = plan_for(compiled, rulebook)
    before = [rulebook.rules[r] for r in plan.rank_rule]
    edit = data.draw(st.lists(st.booleans(), min_size=len(before), max_size=len(before)))
    after = [data.draw(quantity_edits(rule)) if e else rule for rule, e in zip(before, edit, strict=True)]
    ranks = np.flatnonzero(edit)

    updated = update_quantities(compute_quantities(compiled, plan, before), compiled, plan, after, ranks)
    full = compute_quantities(compiled, plan, after)
    for field in dataclasses.fields(full):
        np.testing.assert_array_equal(getattr(updated, field.name), getattr(full, field.name), err_msg=field.name)


@SETTINGS
@given(st.integers(0, 2**16), rulebooks(), st.data())
def test_scores_after_an_edit_equal_those_of_a_fresh_start(seed, rulebook, data):
    dataset = make_dataset(30, 200, seed, n_listings=5)
    compiled = compile_dataset(dataset)
    score(compiled, rulebook)  # caches the quantities the edit starts from
    k = data.draw(st.integers(0, len(rulebook.rules) - 1))
    rules = list(rulebook.rules)
    rules[k] = data.draw(quantity_edits(rules[k]))
    edited = rulebook.model_copy(update={"rules": rules})

    warm, cold = score(compiled, edited), score(compile_dataset(dataset), edited)
    np.testing.assert_array_equal(warm.score, cold.score)
    np.testing.assert_array_equal(warm.tier, cold.tier)
    np.testing.assert_array_equal(warm.quantities.profile_of, cold.quantities.profile_of)
