"""A Rulebook that exists is valid and reference-checked, however it was made: from YAML, by the
editors, or by `model_copy(update=...)` (which in plain pydantic skips validation), so the engine
can never receive an unchecked one."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from scoring.rulebook import Rule, Rulebook, RulebookError, check_references, load_preset, validate_rulebook

ILLUSTRATIVE = load_preset("illustrative")


def _rule(rule_id: str) -> Rule:
    return ILLUSTRATIVE.rules[ILLUSTRATIVE.rule_ids.index(rule_id)]


def test_a_nan_point_value_cannot_be_copied_in():
    with pytest.raises(ValidationError, match="finite number"):
        _rule("drunk_driving").model_copy(update={"points": math.nan})
    with pytest.raises(ValidationError, match="finite number"):
        ILLUSTRATIVE.model_copy(update={"score": ILLUSTRATIVE.score.model_copy(update={"max": math.inf})})


def test_a_record_type_matched_by_two_rules_cannot_be_copied_in():
    """Not 'the later rule wins': the copy is refused with both rules named."""
    twice = _rule("drunk_driving").model_copy(update={"id": "drunk_again"})
    with pytest.raises(ValidationError, match="record type 'drunk_driving' is already scored by rule 'drunk_driving'"):
        ILLUSTRATIVE.model_copy(update={"rules": (*ILLUSTRATIVE.rules, twice)})


def test_an_unknown_reference_cannot_be_copied_in():
    unknown = _rule("drunk_driving").model_copy(update={"dimension": "nowhere"})
    rules = tuple(unknown if r.id == "drunk_driving" else r for r in ILLUSTRATIVE.rules)
    with pytest.raises(ValidationError, match="unknown dimension 'nowhere'"):
        ILLUSTRATIVE.model_copy(update={"rules": rules})


def test_unvalidated_construction_is_closed():
    with pytest.raises(TypeError, match="only made validated"):
        Rulebook.model_construct(**dict(ILLUSTRATIVE))


def test_a_copy_without_changes_is_equal():
    assert ILLUSTRATIVE.model_copy() == ILLUSTRATIVE
    assert ILLUSTRATIVE.model_copy(update={"id": "renamed"}).id == "renamed"


def test_every_problem_is_listed_at_once_with_its_path():
    data = ILLUSTRATIVE.model_dump(mode="json")
    data["rules"][1]["matches"] = ["no_such_type"]
    data["dimensions"].append(dict(data["dimensions"][0]))
    data["tiers"]["levels"][0]["min"] = 5000
    with pytest.raises(RulebookError) as caught:
        validate_rulebook(data, "edited")
    lines = str(caught.value).splitlines()
    assert len(lines) == 3, lines
    assert any(line.startswith("edited: dimensions[") and "duplicate id" in line for line in lines)
    assert any(line.startswith("edited: tiers.levels[0].min: cut-off 5000") for line in lines)
    assert any(line.startswith("edited: rules[1].matches: unknown record type 'no_such_type'") for line in lines)


FIELDS = {
    "points": st.floats(allow_nan=True, allow_infinity=True),
    "cap_low": st.none() | st.floats(allow_nan=True, allow_infinity=True),
    "window_months": st.none() | st.integers(-10, 300),
    "dimension": st.sampled_from([*ILLUSTRATIVE.dimension_ids, "nope", "judіcial"]),  # і: Cyrillic
    "matches": st.lists(st.sampled_from(["drunk_driving", "fraud", "traffic_violation", "nope"]), max_size=3),
    "id": st.sampled_from(["drunk_driving", "fraud", "a\u200bb", "ok_id", "Ａ"]),
}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ILLUSTRATIVE.rule_ids), st.sampled_from(sorted(FIELDS)), st.data())
def test_any_rulebook_that_exists_passes_the_reference_checks(rule_id, field, data):
    """Random copies with random values either raise or give a rulebook with no problems."""
    try:
        rule = _rule(rule_id).model_copy(update={field: data.draw(FIELDS[field])})
        rules = tuple(rule if r.id == rule_id else r for r in ILLUSTRATIVE.rules)
        rulebook = ILLUSTRATIVE.model_copy(update={"rules": rules})
    except ValidationError:
        return
    assert check_references(rulebook) == []
    assert all(math.isfinite(r.points) for r in rulebook.rules)
    assert len(set(rulebook.rule_ids)) == len(rulebook.rule_ids)
    assert all(i.isascii() for i in rulebook.rule_ids)
