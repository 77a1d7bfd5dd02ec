"""The preset rulebooks: valid, round-tripping, and honest about where each value comes from."""

from __future__ import annotations

import pytest
import yaml

from scoring.catalogues import Status, load_catalogues
from scoring.rulebook import (
    DEFAULT_PRESET,
    RulebookError,
    list_presets,
    load_preset,
    parse_rulebook,
    sourced_elements,
    to_yaml,
)

PRESETS = ("illustrative", "rongcheng_style", "fuzhou_style")
CATALOGUES = load_catalogues()


def test_the_three_presets_are_listed_default_first():
    presets = list_presets()
    assert presets[0] == DEFAULT_PRESET == "illustrative"
    assert set(PRESETS) <= set(presets)


@pytest.mark.parametrize("preset", PRESETS)
def test_preset_round_trips_through_yaml(preset: str):
    rulebook = load_preset(preset)
    assert rulebook.id == preset
    assert parse_rulebook(to_yaml(rulebook), f"{preset}.yaml") == rulebook


@pytest.mark.parametrize("preset", PRESETS)
def test_every_value_has_a_status_and_non_assumptions_a_known_source(preset: str):
    rulebook = load_preset(preset)
    sources = set(CATALOGUES.sources) | set(rulebook.sources)
    for path, element in sourced_elements(rulebook):
        assert element.title.zh and element.title.en, path
        for field in type(element).model_fields:
            provenance = element.provenance_of(field)
            if provenance.status is not Status.assumption:
                assert provenance.source in sources, f"{path}.{field}"


@pytest.mark.parametrize("preset", PRESETS)
def test_group_specific_types_are_scored_only_for_their_groups(preset: str):
    for rule in load_preset(preset).rules:
        for type_id in rule.matches:
            allowed = CATALOGUES.record_type(type_id).groups
            if allowed != "all":
                assert rule.groups != "all" and set(rule.groups) <= set(allowed), rule.id


@pytest.mark.parametrize("preset", PRESETS)
def test_repair_periods_are_those_of_527(preset: str):
    repair = load_preset(preset).repair
    assert (repair.status, repair.source) == (Status.confirmed, "ndrc-2019-527")
    assert repair.min_months == {"general": 3, "serious": 6}
    assert repair.max_months == {"general": 12, "serious": 36}
    assert repair.training_for == ("serious",)
    assert (repair.targets.share, repair.targets.stretch) == (0.5, 0.9)


@pytest.mark.parametrize("preset", PRESETS)
def test_sanctions_only_follow_the_black_list(preset: str):
    for sanction in load_preset(preset).sanctions:
        assert sanction.lists == ("black",)


def test_a_preset_value_marked_confirmed_without_a_source_is_rejected():
    data = yaml.safe_load(to_yaml(load_preset("illustrative")))
    data["rules"][0]["status"] = "confirmed"
    with pytest.raises(RulebookError, match=r"illustrative\.yaml: rules\[0\]: status confirmed needs a source"):
        parse_rulebook(yaml.safe_dump(data, allow_unicode=True), "illustrative.yaml")


def test_a_field_override_marked_reported_without_a_source_is_rejected():
    data = yaml.safe_load(to_yaml(load_preset("rongcheng_style")))
    data["rules"][0]["provenance"]["window_months"] = {"status": "reported"}
    with pytest.raises(RulebookError, match=r"rules\[0\]\.provenance\.window_months: status reported needs a source"):
        parse_rulebook(yaml.safe_dump(data, allow_unicode=True), "rongcheng_style.yaml")


# --- illustrative ---------------------------------------------------------------------------


def test_illustrative_is_all_assumption_except_the_documents_it_cites():
    rulebook = load_preset("illustrative")
    assert rulebook.title.zh == "示例方案（假设）"
    sourced = {path for path, element in sourced_elements(rulebook) if element.status is not Status.assumption}
    assert sourced == {"repair", "sanctions[0]", "incentives[3]"}  # incentives[3]: the red-list reward


def test_the_illustrative_red_list_reward_follows_the_joint_rewards_opinion_and_costs_are_assumptions():
    rulebook = load_preset("illustrative")
    perk = next(i for i in rulebook.incentives if i.lists)
    assert (perk.lists, perk.tiers, perk.min_score, perk.source) == (("red",), (), None, "gb-2016-33")
    assert {field: p.status for field, p in perk.provenance.items()} == {
        "unit_cost_yuan": Status.assumption,
        "uptake": Status.assumption,
    }


def test_illustrative_windows_follow_the_publicity_periods():
    windows = {"serious": 36, "general": 12, "minor": 3}
    for rule in load_preset("illustrative").rules:
        for type_id in rule.matches:
            record_type = CATALOGUES.record_type(type_id)
            if record_type.polarity == "negative":
                assert rule.window_months == windows[record_type.severity], rule.id


def test_illustrative_scores_civility_in_exactly_one_labelled_rule():
    """Kept so that the legality audit has a catalogue-external deduction to find."""
    rulebook = load_preset("illustrative")
    civility = {rt.id for rt in CATALOGUES.record_types if rt.category == "civility"}
    readers = [rule for rule in rulebook.rules if civility & set(rule.matches)]
    assert len(readers) == 1 and set(readers[0].matches) == civility
    assert readers[0].status is Status.assumption
    assert "catalogue" in rulebook.description.en


def test_illustrative_reads_both_lists_vetoes_defaulters_and_caps_positives():
    rulebook = load_preset("illustrative")
    by_id = {rule.id: rule for rule in rulebook.rules}
    assert {kind for rule in rulebook.rules for kind in rule.lists} == {"red", "black"}
    assert by_id["judgment_defaulter"].veto.max_tier == "C"
    blood = by_id["blood_donation"]
    assert (blood.points, blood.per_units, blood.cap_high) == (1, 100, 50)
    assert by_id["volunteer_hours"].cap_high is not None
    assert rulebook.tiers.ids == ("AAA", "AA", "A", "B", "C", "D")
    assert all(
        (incentive.tiers or incentive.lists) and incentive.unit_cost_yuan > 0 for incentive in rulebook.incentives
    )


# --- Rongcheng-style ------------------------------------------------------------------------

PUBLISHED_DEDUCTIONS = {
    "contract_breach_finance": -20,
    "court_debt_liability": -30,
    "loan_arrears": -10,
    "illegal_fundraising": -40,
    "pyramid_selling": -30,
    "fraud": -30,
    "counterfeit_production": -30,
    "utility_arrears": -20,
    "utility_theft": -60,
}


def test_rongcheng_uses_the_published_deductions_as_confirmed_and_their_windows_as_assumptions():
    rulebook = load_preset("rongcheng_style")
    for rule in rulebook.rules:
        published = {PUBLISHED_DEDUCTIONS[t] for t in rule.matches if t in PUBLISHED_DEDUCTIONS}
        if published:
            assert published == {rule.points}, rule.id
            assert (rule.provenance_of("points").status, rule.source) == (Status.confirmed, "rongcheng-standard")
            assert rule.provenance_of("window_months").status is Status.assumption
        else:
            assert rule.status is Status.assumption, rule.id
    scored = {t for rule in rulebook.rules for t in rule.matches}
    assert set(PUBLISHED_DEDUCTIONS) <= scored


def test_rongcheng_tiers_and_eligibility():
    rulebook = load_preset("rongcheng_style")
    assert rulebook.score.base == 1000
    assert [(lv.id, lv.min) for lv in rulebook.tiers.levels] == [
        ("AAA", 1050),
        ("AA", 1030),
        ("A", 960),
        ("B", 850),
        ("C", 600),
        ("D", None),
    ]
    assert all((lv.status, lv.source) == (Status.reported, "rongcheng-tiers-fp") for lv in rulebook.tiers.levels)
    eligibility = rulebook.eligibility
    assert (eligibility.min_age, eligibility.hukou, eligibility.consent_required) == (18, "any", True)
    assert eligibility.provenance_of("consent_required").source == "rongcheng-consent"


# --- Fuzhou-style ---------------------------------------------------------------------------


def test_fuzhou_bands_eligibility_and_incentives_only():
    rulebook = load_preset("fuzhou_style")
    assert (rulebook.score.min, rulebook.score.max) == (0, 1000)
    assert rulebook.score.provenance_of("base").status is Status.assumption
    assert [lv.min for lv in rulebook.tiers.levels] == [850, 750, 650, 550, 350, None]
    assert [lv.title.zh[:2] for lv in rulebook.tiers.levels] == ["极好", "优秀", "良好", "一般", "较差", "极差"]
    assert len(rulebook.dimensions) == 6
    eligibility = rulebook.eligibility
    assert (eligibility.hukou, eligibility.non_local_min_insured_months) == ("local", 12)
    assert (eligibility.status, eligibility.source) == (Status.reported, "fuzhou-moli")
    assert sorted(incentive.min_score for incentive in rulebook.incentives) == [650, 697]
    assert rulebook.sanctions == ()
