"""Property test: any small size and seed gives a valid dataset whose invariants hold."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from synthetic_helpers import assert_frames_identical

from scoring.dataset import MAX_SEED, SCHEMAS, conform, validate
from synthetic import GeneratorSettings, generate


@settings(max_examples=40, deadline=None)
@given(
    people=st.integers(1, 300),
    seed=st.integers(0, MAX_SEED),
    as_of=st.dates(min_value=pd.Timestamp("2005-01-01").date(), max_value=pd.Timestamp("2040-12-31").date()),
)
def test_small_populations_validate(people, seed, as_of):
    data = generate(GeneratorSettings(people=people, seed=seed, data_as_of=as_of))
    validate(data)
    for table in SCHEMAS:
        assert_frames_identical(conform(table, getattr(data, table)), getattr(data, table))
    last = pd.Timestamp(as_of)
    assert (data.records["occurred_on"] <= last).all() and (data.events["date"] <= last).all()
    assert (data.records["occurred_on"] >= pd.Timestamp(data.manifest["history_start"])).all()
    assert data.records["person_id"].between(0, people - 1).all()
    assert data.events["person_id"].between(0, people - 1).all()
    assert (data.records["quantity"] > 0).all()
    assert (data.people["birth_date"] < last).all() and (data.people["resident_since"] <= last).all()
    assert data.manifest["sizes"] == {t: len(getattr(data, t)) for t in SCHEMAS}
    assert len(data.truth) == people
