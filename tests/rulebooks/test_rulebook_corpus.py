"""A corpus of broken rulebooks: each file is tests/rulebooks/minimal.yaml with one defect, and
each must be rejected with its own message naming the file and the path inside it, so that a
policy editor can find the mistake without reading a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.rulebook import MAX_BYTES, RulebookError, load_rulebook, parse_rulebook

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
    "incentive_on_black_list": "incentives[0]: an incentive may be unlocked by the red list, never by the black list",
    "rule_reads_nothing": "rules[2]: a rule needs `matches` (record types) or `lists` (red/black)",
    "points_nan": "rules[0].points: Input should be a finite number",
    "score_max_infinite": "score.max: Input should be a finite number",
    "duplicate_key": "line 11, column 152: duplicate key 'points' (first at line 11, column 138)",
    "duplicate_dimension": "dimensions[2].id: duplicate id 'judicial' (also dimensions[0])",
    "duplicate_rule": "rules[2].id: duplicate id 'traffic' (also rules[1])",
    "zero_width_id": "rules[1].id: expected an id of ASCII letters, digits and _ starting with a letter, "
    "got character U+200B in 'traf\\u200bfic'",
    "lookalike_tier_id": "tiers.levels[0].id: expected an id of ASCII letters, digits and _ starting with a letter, "
    "got character U+0410",
    "cutoff_above_range": "tiers.levels[0].min: cut-off 2500 is outside the score range [0, 2000]",
    "impossible_date": "line 4, column 12: cannot read '2019-02-30': day is out of range for month",
    "number_too_long": "line 11, column 146: cannot read '-1555555555555555555'… (5001 characters)",
    "deep_nesting": "line 5, column 45: nested deeper than 32 levels",
    "alias": "line 4, column 14: aliases (*name) are not allowed in a rulebook",
    "hukou_any_with_months": "eligibility: non_local_min_insured_months only widens `hukou: local`",
    "not_utf8": "not UTF-8 text (byte 68)",
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


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path):
    path = tmp_path / "huge.yaml"
    path.write_text((HERE / "minimal.yaml").read_text(encoding="utf-8") + "#" * MAX_BYTES, encoding="utf-8")
    with pytest.raises(RulebookError, match=r"huge\.yaml: [\d,]+ bytes; a rulebook may have at most 1,000,000 bytes"):
        load_rulebook(path)
    with pytest.raises(RulebookError, match=r"upload\.yaml: [\d,]+ bytes"):
        parse_rulebook(path.read_text(encoding="utf-8"), "upload.yaml")


def test_nesting_far_beyond_the_stack_is_one_line_not_a_recursion_error():
    text = "description: " + "[" * 100_000 + "]" * 100_000
    with pytest.raises(RulebookError, match=r"^deep: line 1, column \d+: nested deeper than 32 levels$"):
        parse_rulebook(text, "deep")


def test_an_unreadable_file_is_named(tmp_path: Path):
    path = tmp_path / "absent.yaml"
    with pytest.raises(RulebookError, match=r"absent\.yaml: cannot read"):
        load_rulebook(path)
