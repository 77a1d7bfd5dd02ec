"""Scenarios: immutable, content-addressed, draft/approved; share links round-trip."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys

import numpy as np
import pytest

from scoring.engine import compile_dataset, score
from scoring.rulebook import load_preset, to_yaml
from scoring.tuning.editing import apply_rule_edits
from scoring.tuning.scenarios import (
    AlreadySaved,
    ScenarioError,
    ShareLinkError,
    UnknownScenario,
    approve,
    canonical_yaml,
    delete_draft,
    list_scenarios,
    load_scenario,
    parse_share_query,
    preset_query,
    save_scenario,
    scenario_hash,
    share_query,
    short_hash,
)
from tests.engine.factories import AS_OF, make_dataset

ILLUSTRATIVE = load_preset("illustrative")


def test_a_saved_scenario_reloads_identical(store):
    edited = apply_rule_edits(ILLUSTRATIVE, {"traffic_violation": {"points": -4}})
    key = save_scenario(store, edited, "交通违法加重", note="test")
    loaded = load_scenario(store, key)
    assert loaded == edited
    assert scenario_hash(loaded) == key
    compiled = compile_dataset(make_dataset(300, 2000, seed=5, n_listings=20), AS_OF.astype(dt.date))
    a, b = score(compiled, edited), score(compiled, loaded)
    np.testing.assert_array_equal(a.score, b.score)
    np.testing.assert_array_equal(a.tier, b.tier)


def test_identical_content_under_another_name_says_where_it_is_and_saves_nothing(store):
    first = save_scenario(store, ILLUSTRATIVE, "one")
    with pytest.raises(AlreadySaved, match="already saved as 'one'") as caught:
        save_scenario(store, ILLUSTRATIVE, "two")
    assert (caught.value.scenario_hash, caught.value.name) == (first, "one")
    scenarios = list_scenarios(store)
    assert list(scenarios["hash"]) == [first]
    assert scenarios["name"].iloc[0] == "one" and scenarios["state"].iloc[0] == "draft"
    assert [c.action for c in store.changes()] == ["scenario.saved"]


def test_the_stored_key_is_the_full_sha256_of_the_canonical_yaml(store):
    key = save_scenario(store, ILLUSTRATIVE, "full")
    assert key == hashlib.sha256(canonical_yaml(ILLUSTRATIVE).encode()).hexdigest()
    assert list(list_scenarios(store)["hash"]) == [key] and len(key) == 64
    assert short_hash(key) == key[:12]


def test_a_scenario_saved_under_a_16_character_key_still_loads_and_still_counts(store):
    """Scenarios saved before full hashes keep their short key; their links keep working."""
    legacy = scenario_hash(ILLUSTRATIVE)[:16]
    store.save_scenario((legacy,), "old", to_yaml(ILLUSTRATIVE), None, "tester", {})
    assert load_scenario(store, legacy) == ILLUSTRATIVE
    assert parse_share_query(share_query(legacy, 10_000, 1, dt.date(2025, 1, 1), "en")).scenario == legacy
    with pytest.raises(AlreadySaved) as caught:
        save_scenario(store, ILLUSTRATIVE, "new name")
    assert (caught.value.scenario_hash, caught.value.name) == (legacy, "old")


def test_hash_is_stable_across_processes():
    code = "from scoring.rulebook import load_preset; from scoring.tuning.scenarios import scenario_hash; "
    code += "print(scenario_hash(load_preset('illustrative')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == scenario_hash(ILLUSTRATIVE)
    assert scenario_hash(apply_rule_edits(ILLUSTRATIVE, {"fraud": {"points": -1}})) != out


def test_unknown_hash_raises_a_clear_error(store):
    with pytest.raises(UnknownScenario, match="no scenario '0123456789abcdef'"):
        load_scenario(store, "0123456789abcdef")
    with pytest.raises(UnknownScenario):
        load_scenario(store, "0" * 64)
    with pytest.raises(UnknownScenario):
        load_scenario(store, "not a hash")


def test_approved_scenarios_cannot_be_deleted_drafts_can(store):
    kept = save_scenario(store, ILLUSTRATIVE, "approved one")
    draft = save_scenario(store, apply_rule_edits(ILLUSTRATIVE, {"fraud": {"points": -1}}), "draft")
    approve(store, kept)
    with pytest.raises(ScenarioError, match="approved and cannot be deleted"):
        delete_draft(store, kept)
    delete_draft(store, draft)
    assert list(list_scenarios(store)["hash"]) == [kept]
    assert load_scenario(store, kept) == ILLUSTRATIVE
    with pytest.raises(UnknownScenario):
        delete_draft(store, draft)
    assert [c.action for c in store.changes()] == [
        "scenario.deleted",
        "scenario.approved",
        "scenario.saved",
        "scenario.saved",
    ]


def test_approving_or_deleting_a_vanished_scenario_says_so_and_logs_nothing(store):
    gone = save_scenario(store, ILLUSTRATIVE, "gone")
    delete_draft(store, gone)
    with pytest.raises(UnknownScenario):
        approve(store, gone)
    with pytest.raises(UnknownScenario):
        delete_draft(store, gone)
    assert [c.action for c in store.changes()] == ["scenario.deleted", "scenario.saved"]
    assert list_scenarios(store).empty


def test_share_query_round_trips():
    key = scenario_hash(ILLUSTRATIVE)
    query = share_query(key, 100_000, 20190416, dt.date(2025, 12, 31), "en")
    assert all(isinstance(v, str) for v in query.values())
    state = parse_share_query(query)
    assert (state.scenario, state.people, state.seed, state.as_of, state.lang) == (
        key, 100_000, 20190416, dt.date(2025, 12, 31), "en",
    )  # fmt: skip
    assert parse_share_query({k: [v] for k, v in query.items()}) == state, "list values (repeated parameters)"


def test_a_presets_view_is_a_link_too():
    query = preset_query("rongcheng_style", 10_000, 7, dt.date(2024, 6, 30), "zh-CN")
    assert "scenario" not in query
    state = parse_share_query(query)
    assert (state.preset, state.scenario, state.people, state.seed, state.as_of) == (
        "rongcheng_style", None, 10_000, 7, dt.date(2024, 6, 30),
    )  # fmt: skip
    with pytest.raises(ShareLinkError, match="parameter 'preset'"):
        parse_share_query({**query, "preset": "Rongcheng Style!"})
    both = {**query, "scenario": scenario_hash(ILLUSTRATIVE)}
    assert parse_share_query(both).scenario == both["scenario"], "a scenario named beside a preset wins"


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("as_of", "2025-13-01"),
        ("lang", "fr"),
        ("people", "many"),
        ("seed", "1.5"),
        ("scenario", "xyz"),
        ("people", ""),
        ("seed", "9" * 5000),
        ("seed", str(2**32)),
        ("people", "1" * 5000),
        ("seed", "-1"),
    ],
)
def test_bad_share_parameters_are_named(parameter, value):
    query = share_query(scenario_hash(ILLUSTRATIVE), 10_000, 1, dt.date(2025, 1, 1), "zh-CN")
    with pytest.raises(ShareLinkError, match=f"parameter '{parameter}'") as caught:
        parse_share_query({**query, parameter: value})
    assert caught.value.parameter == parameter
    assert len(str(caught.value)) < 200, "the message quotes a long value shortened"
