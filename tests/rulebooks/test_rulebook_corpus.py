"""A corpus of broken rulebooks: each file is tests/rulebooks/minimal.yaml with one defect, and
each must be rejected with its own message naming the file and the path inside it, so that a
policy editor can find the mistake without reading a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.rulebook import RulebookError, load_rulebook

HERE = Path(__file__).parent
BROKEN = HERE / "broken"

EXPECTED = {
    "points_not_a_number": "rules[3].points: Input should be a valid number",
    "tiers_unordered": "tiers: tier cut-offs must fall from best to worst: A min 1000.0 is not above B min 1100.0",
    "unknown_record_type": "rules[0].matches: unknown record type 'judgement_defaulter' (rule defaulter)",
    "unknown_group": "rules[3].groups: unknown key group 'scientist' (rule academic)",
    "sanction_on_tier": "sanctions[0]: a sanction may only follow a legal list",
    "quantile_shares": "tiers: quantile tier shares must add up to 1, got 0.9",
    "confirmed_without_source": "rules[1]: status confirmed needs a source",
    "invalid_yaml": "line 6, column 6: not valid YAML",
    "top_level_list": "expected a mapping at the top level, got list",
    "unknown_field": "rules[2].weight: unknown field",
    "caps_reversed": "rules[2]: cap_low 40.0 is above cap_high 30.0",
    "cap_grants_points": "rules[2]: cap_low 5.0 is above 0: a cap limits points, it cannot grant them",
    "veto_unknown_tier": "rules[0].veto.max_tier: unknown tier 'E'",
    "type_scored_twice": (
        "rules[1].matches: record type 'judgment_defaulter' is already scored by rule 'defaulter' (rule traffic)"
    ),
    "repair_min_above_max": "repair: general: min_months 18 is above max_months 12",
    "unknown_source": "repair.source: unknown source 'ndrc-2019-999'",
    "unknown_dimension": "rules[1].dimension: unknown dimension 'civility'",
    "missing_objections": "objections: required field is missing",
    "black_list_read_twice": "rules: the black list is read by more than one rule ['black_a', 'black_b']",
    "window_zero": "rules[0].window_months: Input should be greater than or equal to 1",
    "incentive_unknown_tier": "incentives[0].tiers: unknown tier 'AAA' (incentive bus)",
    "rule_reads_nothing": "rules[2]: a rule needs `matches` (record types) or `lists` (red/black)",
}


def test_the_minimal_rulebook_is_valid():
    """The corpus only proves something if the file it starts from passes."""
    assert load_rulebook(HERE / "minimal.yaml").id == "minimal"


def test_every_corpus_file_has_an_expected_message():
    assert sorted(p.stem for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_broken_rulebook_gets_its_specific_message(stem: str):
    path = BROKEN / f"{stem}.yaml"
    with pytest.raises(RulebookError) as caught:
        load_rulebook(path)
    message = str(caught.value)
    assert f"{path}: {EXPECTED[stem]}" in message
    assert all(line.startswith(f"{path}: ") for line in message.splitlines()), message
    assert path.name in message


def test_every_problem_is_reported_on_its_own_line(tmp_path: Path):
    """An editor fixing one mistake at a time would otherwise need one run per mistake."""
    text = (BROKEN / "unknown_record_type.yaml").read_text(encoding="utf-8")
    text = text.replace("groups: [teacher, researcher]", "groups: [teacher, scientist]")
    path = tmp_path / "two_problems.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulebookError) as caught:
        load_rulebook(path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert "unknown record type 'judgement_defaulter'" in lines[0]
    assert "unknown key group 'scientist'" in lines[1]


def test_an_unreadable_file_is_named(tmp_path: Path):
    path = tmp_path / "absent.yaml"
    with pytest.raises(RulebookError, match=r"absent\.yaml: cannot read"):
        load_rulebook(path)
