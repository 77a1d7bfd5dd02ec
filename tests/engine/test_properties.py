"""Properties of the engine on random small datasets and random rulebooks."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.dataset import Dataset, conform
from scoring.engine import compile_dataset, score
from tests.engine.factories import AS_OF, make_dataset
from tests.engine.reference import reference_score
from tests.engine.strategies import CAT, POSITIVE, rulebooks

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
datasets = st.builds(
    make_dataset,
    n_people=st.integers(1, 40),
    n_records=st.integers(0, 250),
    seed=st.integers(0, 2**16),
    n_listings=st.integers(0, 20),
    n_objections=st.integers(0, 40),
)
as_of_offsets = st.integers(0, 2000)


@SETTINGS
@given(datasets, rulebooks(), as_of_offsets)
def test_engine_equals_the_direct_reference(dataset, rulebook, offset):
    as_of = (AS_OF - np.timedelta64(offset, "D")).astype(dt.date)
    result = score(compile_dataset(dataset, as_of), rulebook)
    expected = reference_score(dataset, rulebook, as_of)
    np.testing.assert_array_equal(result.eligible, expected["eligible"])
    np.testing.assert_allclose(result.score, expected["score"], rtol=0, atol=1e-6, equal_nan=True)
    np.testing.assert_array_equal(result.tier, expected["tier"])
    np.testing.assert_array_equal(result.vetoed, expected["vetoed"])


@SETTINGS
@given(datasets, rulebooks())
def test_every_eligible_person_gets_exactly_one_tier(dataset, rulebook):
    result = score(compile_dataset(dataset), rulebook)
    k = len(rulebook.tiers.levels)
    assert np.all((result.tier >= 0) & (result.tier < k) == result.eligible)
    assert np.all(np.isnan(result.score) == ~result.eligible)


@SETTINGS
@given(datasets, rulebooks())
def test_caps_hold(dataset, rulebook):
    result = score(compile_dataset(dataset), rulebook)
    points = result.dimension_points()
    for d, dim in enumerate(rulebook.dimensions):
        if dim.cap_low is not None:
            assert np.all(points[:, d] >= dim.cap_low - 1e-9)
        if dim.cap_high is not None:
            assert np.all(points[:, d] <= dim.cap_high + 1e-9)
    for rank, r in enumerate(result.plan.rank_rule):
        rule = rulebook.rules[r]
        mine = result.segment_points[result.plan.seg_rank == rank]
        if rule.cap_low is not None:
            assert np.all(mine >= rule.cap_low - 1e-9)
        if rule.cap_high is not None:
            assert np.all(mine <= rule.cap_high + 1e-9)
    scored = result.score[result.eligible]
    assert np.all((scored >= rulebook.score.min) & (scored <= rulebook.score.max))


@SETTINGS
@given(datasets, rulebooks())
def test_a_veto_caps_the_tier(dataset, rulebook):
    result = score(compile_dataset(dataset), rulebook)
    worst_allowed = {rule.id: rulebook.tiers.ids.index(rule.veto.max_tier) for rule in rulebook.rules if rule.veto}
    if result.vetoed.any():
        assert worst_allowed
        assert np.all(result.tier[result.vetoed] >= min(worst_allowed.values()))


@SETTINGS
@given(datasets, rulebooks(signs_follow_polarity=True), st.data())
def test_adding_a_positive_record_never_lowers_a_score(dataset, rulebook, data):
    person = data.draw(st.integers(0, len(dataset.people) - 1))
    kind = data.draw(st.sampled_from(sorted(POSITIVE)))
    extra = pd.DataFrame(
        {
            "record_id": [int(dataset.records["record_id"].max() if len(dataset.records) else 0) + 1],
            "person_id": [person],
            "record_type": [kind],
            "occurred_on": [AS_OF - np.timedelta64(data.draw(st.integers(0, 2000)), "D")],
            "quantity": [float(data.draw(st.integers(1, 500)))],
            "department": [CAT.record_type(kind).department],
            "case_id": [999_999],
            "status": ["valid"],
        }
    )
    records = conform(
        "records", pd.concat([dataset.records.astype(object), extra.astype(object)], ignore_index=True), CAT
    )
    bigger = Dataset(
        people=dataset.people, records=records, events=dataset.events, manifest=dataset.manifest, catalogues=CAT
    )
    before = score(compile_dataset(dataset), rulebook).score
    after = score(compile_dataset(bigger), rulebook).score
    others = np.arange(len(before)) != person
    np.testing.assert_array_equal(before[others], after[others])
    if not np.isnan(before[person]):
        assert after[person] >= before[person] - 1e-9
