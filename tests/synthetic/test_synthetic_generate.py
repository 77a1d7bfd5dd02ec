"""generate(): the contract, determinism, and the population's stated properties."""

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from synthetic_helpers import assert_frames_identical

import synthetic
from scoring.catalogues import load_catalogues
from scoring.dataset import EVENTS, SCHEMAS, conform, read, validate, write
from synthetic import GeneratorSettings, generate
from synthetic.rates import load_rates

TABLES = ("people", "records", "events", "truth")


def test_tables_conform_to_the_contract_unchanged(population):
    for table in TABLES:
        frame = getattr(population, table)
        assert list(frame.columns) == list(SCHEMAS[table])
        assert_frames_identical(conform(table, frame), frame)
    validate(population)


def test_same_seed_gives_identical_frames():
    settings = GeneratorSettings(people=3_000, seed=11)
    first, second = generate(settings), generate(settings)
    for table in TABLES:
        assert_frames_identical(getattr(first, table), getattr(second, table))
    assert first.manifest == second.manifest


def test_same_seed_gives_identical_files(tmp_path):
    settings = GeneratorSettings(people=2_000, seed=5)
    a, b = write(generate(settings), tmp_path / "a"), write(generate(settings), tmp_path / "b")
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_different_seeds_differ():
    a = generate(GeneratorSettings(people=2_000, seed=1))
    b = generate(GeneratorSettings(people=2_000, seed=2))
    assert not a.people.equals(b.people)
    assert not a.records.equals(b.records)


def test_no_source_reads_the_clock():
    sources = Path(synthetic.__file__).parent.glob("*.py")
    clock = re.compile(r"\b(today|now|utcnow|time\.time)\(")
    assert [p.name for p in sources if clock.search(p.read_text(encoding="utf-8"))] == []


def test_as_of_moves_the_history_window():
    as_of = dt.date(2023, 6, 30)
    data = generate(GeneratorSettings(people=2_000, seed=3, data_as_of=as_of))
    assert data.manifest["data_as_of"] == "2023-06-30"
    assert data.manifest["history_start"] == "2017-07-01"
    occurred = data.records["occurred_on"]
    assert occurred.max() <= pd.Timestamp(as_of) and occurred.min() >= pd.Timestamp("2017-07-01")
    assert data.events["date"].max() <= pd.Timestamp(as_of)


def test_all_groups_and_districts_present(population):
    catalogues = load_catalogues()
    assert set(population.people["key_group"]) == set(catalogues.key_group_ids)
    assert set(population.people["district"]) == set(catalogues.district_ids)
    assert len(catalogues.key_group_ids) == 30  # 29 groups + general residents


def test_people_are_plausible(population):
    people, as_of = population.people, pd.Timestamp(population.data_as_of)
    age = (as_of - people["birth_date"]).dt.days / 365.2425
    assert age.min() >= 16 and age.max() < 81
    minors = age < 18
    assert 0.015 < minors.mean() < 0.05
    assert (people.loc[minors, "key_group"] == "general_resident").all()
    assert 0.49 < (people["gender"] == "M").mean() < 0.54
    assert 0.22 < (people["hukou"] == "non_local").mean() < 0.28
    assert (people["resident_since"] >= people["birth_date"]).all() and (people["resident_since"] <= as_of).all()
    insured = people["insured_since"].dropna()
    assert people["insured_since"].isna().any() and (insured <= as_of).all()
    non_local = people[people["hukou"] == "non_local"]
    short = (as_of - non_local["insured_since"]).dt.days < 365
    assert short.mean() > 0.05  # a "one year of insurance" rule must bite


def test_record_volume_and_rarity(population):
    records, n = population.records, len(population.people)
    assert 8 < len(records) / n < 12
    defaulters = records.loc[records["record_type"] == "judgment_defaulter", "person_id"].nunique()
    assert 0.005 < defaulters / n < 0.03


def test_records_respect_invariants(population):
    records, as_of = population.records, pd.Timestamp(population.data_as_of)
    assert (records["occurred_on"] <= as_of).all()
    assert (records["quantity"] > 0).all()
    assert records["record_id"].is_unique
    catalogues = load_catalogues()
    departments = {rt.id: rt.department for rt in catalogues.record_types}
    assert (records["department"].astype(str) == records["record_type"].astype(str).map(departments)).all()
    units = {rt.id: rt.unit for rt in catalogues.record_types}
    occurrence = records["record_type"].astype(str).map(units) == "occurrence"
    assert (records.loc[occurrence, "quantity"] == 1).all()


def test_group_specific_types_only_for_their_groups(population):
    records = population.records.merge(population.people[["person_id", "key_group"]], on="person_id")
    for record_type in load_catalogues().record_types:
        if record_type.groups == "all":
            continue
        groups = set(records.loc[records["record_type"] == record_type.id, "key_group"].astype(str))
        assert groups <= set(record_type.groups), record_type.id


def test_consequences_share_the_case_of_their_cause(population):
    records = population.records.set_index("record_id")
    rates = load_rates()
    for type_id, rate in rates.types.items():
        if rate.follows is None:
            continue
        children = records[(records["record_type"] == type_id) & (records["case_id"] != records.index)]
        assert len(children), type_id
        parents = records.loc[children["case_id"]]
        assert (parents["record_type"] == rate.follows.type).all()
        assert (parents["person_id"].to_numpy() == children["person_id"].to_numpy()).all()
        assert (parents["occurred_on"].to_numpy() <= children["occurred_on"].to_numpy()).all()


def test_events_are_consistent(population):
    events, records = population.events, population.records.set_index("record_id")
    as_of = pd.Timestamp(population.data_as_of)
    assert (events["date"] <= as_of).all()
    assert (events["date"].to_numpy() >= records.loc[events["record_id"], "occurred_on"].to_numpy()).all()
    assert (events["person_id"].to_numpy() == records.loc[events["record_id"], "person_id"].to_numpy()).all()
    on_list = events["event"].isin(["listed", "delisted"])
    assert events.loc[on_list, "list"].notna().all() and events.loc[~on_list, "list"].isna().all()
    kinds = set(events["event"].astype(str))
    assert kinds == set(EVENTS)
    revoked = records.index[records["status"] == "revoked"]
    resolved = set(events.loc[events["event"] == "resolved", "record_id"])
    assert len(revoked) and set(revoked) <= resolved


def test_a_revoked_record_has_one_revoked_event_on_the_day_its_dispute_was_resolved(population):
    events, records = population.events, population.records
    revocations = events[events["event"] == "revoked"]
    assert sorted(revocations["record_id"]) == sorted(records.loc[records["status"] == "revoked", "record_id"])
    resolutions = events[events["event"] == "resolved"].set_index("record_id")["date"]
    np.testing.assert_array_equal(revocations["date"].to_numpy(), resolutions.loc[revocations["record_id"]].to_numpy())


def test_repair_participation_near_half(population):
    events = population.events
    black = events[(events["event"] == "listed") & (events["list"] == "black")]
    committed = events[events["event"] == "committed"]
    share = committed["record_id"].nunique() / black["record_id"].nunique()
    assert 0.3 < share < 0.6


def test_manifest_matches_the_data(population):
    manifest = population.manifest
    assert manifest["synthetic"] is True and manifest["notice"] == "模拟数据（合成） / synthetic data"
    assert manifest["catalogue_version"] == load_catalogues().version
    assert manifest["seed"] == 7
    assert manifest["sizes"] == {t: len(getattr(population, t)) for t in TABLES}
    assert (manifest["people"], manifest["records"], manifest["events"]) == (
        len(population.people),
        len(population.records),
        len(population.events),
    )
    settings = manifest["settings"]
    assert settings["male_share"] == {"value": 0.5138, "status": "reported", "note": settings["male_share"]["note"]}
    assert all(entry["status"] in {"reported", "assumption"} for entry in settings.values())
    ratio = manifest["record_density_ratio"]["regulated_vs_other"]
    assert ratio["negative"] > 1.2 and ratio["all"] > 1


def test_propensity_independent_by_default_and_named_when_not(population):
    truth = population.truth.merge(population.people[["person_id", "hukou"]], on="person_id")
    means = truth.groupby("hukou", observed=True)["propensity"].mean()
    assert abs(means["local"] - means["non_local"]) < 0.05
    shifted = generate(GeneratorSettings(people=5_000, seed=7, propensity_shift_non_local=-0.5))
    assert shifted.manifest["settings"]["propensity_shift_non_local"]["value"] == -0.5
    joined = shifted.truth.merge(shifted.people[["person_id", "hukou"]], on="person_id")
    means = joined.groupby("hukou", observed=True)["propensity"].mean()
    assert means["local"] - means["non_local"] > 0.4


def test_truth_tracks_propensity(population):
    truth = population.truth
    low, high = truth["propensity"] < -1, truth["propensity"] > 1
    assert truth.loc[low, "negative_next_year"].mean() > 1.5 * truth.loc[high, "negative_next_year"].mean()
    assert truth.loc[high, "positive_next_year"].mean() > truth.loc[low, "positive_next_year"].mean()
    assert (truth["negative_next_year"] >= truth["serious_next_year"]).all()


def test_round_trip_through_write_and_read(population, tmp_path):
    loaded = read(write(population, tmp_path / "data"))
    assert loaded.manifest == population.manifest
    for table in TABLES:
        assert_frames_identical(getattr(loaded, table), getattr(population, table))


def test_progress_is_reported_in_order():
    seen = []
    generate(GeneratorSettings(people=500, seed=1), progress=lambda fraction, stage: seen.append(fraction))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and np.all(np.diff(seen) >= 0)


@pytest.mark.parametrize(
    "options",
    [{"people": 0}, {"people": 5, "seed": -1}, {"data_as_of": dt.date(1999, 1, 1)}, {"group_weights": {"pilots": 1}}],
)
def test_settings_reject_bad_values(options):
    with pytest.raises(ValueError):
        GeneratorSettings(**{"people": 5, "seed": 0, **options})
