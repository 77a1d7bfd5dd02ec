"""Identities on demand: valid, never real, deterministic per person."""

import numpy as np
import pandas as pd
import pytest
from faker.providers.person.zh_CN import Provider as PersonProvider
from faker.providers.ssn.zh_CN import Provider as SsnProvider

from scoring.catalogues import load_catalogues
from scoring.identity_numbers import validate_id_number
from synthetic.identity import identities

SAMPLE = np.arange(0, 20_000, 37)


def test_area_codes_are_not_real_counties():
    codes = {d.area_code for d in load_catalogues().districts}
    assert len(codes) == 7
    assert codes.isdisjoint(SsnProvider.area_codes)


def test_every_id_is_valid_and_matches_the_person(population):
    people = population.people
    table = identities(people, SAMPLE, seed=7)
    area = {d.id: d.area_code for d in load_catalogues().districts}
    for row in table.itertuples():
        person = people.iloc[row.person_id]
        validate_id_number(row.id_number, birth_date=person["birth_date"].date(), gender=person["gender"])
        assert row.id_number[:6] == area[person["district"]]
        assert row.id_number[:6] not in SsnProvider.area_codes
    assert table["id_number"].is_unique


def test_fields_look_chinese_and_come_from_faker_vocabularies(population):
    table = identities(population.people, SAMPLE[:50], seed=7)
    surnames = sorted(PersonProvider.last_names, key=len, reverse=True)
    assert all(any(name.startswith(s) for s in surnames) for name in table["name"])
    assert table["phone"].str.fullmatch(r"1\d{10}").all()
    assert table["address"].str.startswith("江苏省常州市").all() and table["address"].str.endswith("号").all()


def test_deterministic_per_person_whatever_else_is_requested(population):
    people = population.people
    alone = identities(people, [123], seed=7)
    together = identities(people, [5, 123, 19_999], seed=7).set_index("person_id")
    pd.testing.assert_series_equal(alone.set_index("person_id").loc[123], together.loc[123])
    assert not identities(people, SAMPLE[:30], seed=8)["name"].equals(identities(people, SAMPLE[:30], seed=7)["name"])


def test_unknown_person_is_an_error(population):
    with pytest.raises(KeyError):
        identities(population.people, [len(population.people)], seed=7)
