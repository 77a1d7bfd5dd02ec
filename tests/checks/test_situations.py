"""Each check in situations: the lawful scheme with one thing changed."""

import pytest

from scoring.checks.catalogue import outside_catalogue
from scoring.checks.double_counting import list_stacking
from scoring.checks.eligibility import consent, group_density, residence
from scoring.checks.finding import CheckInputError
from scoring.checks.objections import objection_limit
from scoring.checks.proportionality import severity_order
from scoring.checks.restrictions import tier_restrictions
from scoring.checks.time_limits import publicity_periods, repair_rules
from scoring.rulebook import Sanction
from tests.checks.schemes import rule, scheme


def only(findings):
    (found,) = findings
    return found


def add(*rules):
    return lambda data: data["rules"].extend(rules)


def test_scoring_garbage_sorting_fails_the_catalogue_check_but_volunteering_only_warns():
    garbage = scheme(add(rule("garbage", ["garbage_sorting_violation"], -5, 3)))
    assert (only(outside_catalogue(garbage)).verdict, only(outside_catalogue(garbage)).rules) == ("fail", ("garbage",))
    volunteering = only(outside_catalogue(scheme(add(rule("volunteer", ["volunteer_hours"], 1, 36)))))
    assert (volunteering.verdict, volunteering.code) == (
        "warn",
        "catalogue.outside_assumed",
    )  # the flag is our assumption


def test_a_rule_worth_no_points_scores_nothing_outside_the_catalogue():
    assert only(outside_catalogue(scheme(add(rule("garbage", ["garbage_sorting_violation"], 0, 3))))).verdict == "pass"


def test_a_black_list_deduction_beside_a_defaulter_deduction_counts_one_act_twice():
    stacked = scheme(add({**rule("black", [], -50, None), "matches": [], "lists": ["black"]}))
    found = only(list_stacking(stacked))
    assert (found.verdict, found.rules) == ("fail", ("defaulter", "black"))


def test_a_black_list_rule_that_rewards_nothing_or_a_red_list_bonus_is_not_double_counting():
    red = scheme(add({**rule("red", [], 30, None), "matches": [], "lists": ["red"]}))
    assert only(list_stacking(red)).verdict == "pass"


def test_a_general_penalty_counted_for_two_years_is_past_its_maximum_publicity():
    def longer(data):
        data["rules"][1]["window_months"] = 24

    found = only(publicity_periods(scheme(longer)))
    assert (found.verdict, found.rules, found.elements) == ("fail", ("penalty",), (("severity", "general"),))


def test_a_deduction_without_a_window_never_ends_and_fails_publicity():
    def forever(data):
        del data["rules"][0]["window_months"]

    assert only(publicity_periods(scheme(forever))).rules == ("defaulter",)


def test_a_rulebook_shorter_maximum_is_the_limit_its_own_windows_are_held_to():
    def shorter(data):
        data["repair"]["max_months"]["serious"] = 24

    assert only(publicity_periods(scheme(shorter))).rules == ("defaulter",)


@pytest.mark.parametrize(
    ("change", "field", "verdict"),
    [
        (lambda r: r["min_months"].update(general=6), "repair.min_months.general", "fail"),
        (lambda r: r["max_months"].update(serious=60), "repair.max_months.serious", "fail"),
        (
            lambda r: (r["min_months"].pop("general"), r["max_months"].pop("general")),
            "repair.min_months.general",
            "fail",
        ),
        (lambda r: r.update(training_for=["general", "serious"]), "repair.training_for", "warn"),
    ],
    ids=["longer minimum", "longer maximum", "no repair for general", "training for general"],
)
def test_repair_stricter_than_the_national_rules_or_unavailable(change, field, verdict):
    found = only(repair_rules(scheme(lambda data: change(data["repair"]))))
    assert (found.verdict, found.elements) == (verdict, (("field", field),))


def test_no_repair_period_for_a_severity_the_scheme_never_deducts_for_is_fine():
    def serious_only(data):
        data["rules"] = [data["rules"][0]]
        data["repair"]["min_months"].pop("general")
        data["repair"]["max_months"].pop("general")

    assert only(repair_rules(scheme(serious_only))).verdict == "pass"


def test_a_sanction_on_the_red_list_is_a_restriction_off_any_dishonesty_list():
    found = only(tier_restrictions(scheme(lambda d: d["sanctions"][0].update(lists=["red"]))))
    assert (found.verdict, found.elements) == ("fail", (("sanction", "ban"),))


def test_a_sanction_on_a_tier_cannot_be_built_even_in_memory():
    """So the check has nothing to find there: the model refuses it however it is made."""
    with pytest.raises(ValueError, match="never a score tier"):
        Sanction.model_validate(
            {"id": "x", "title": {"zh": "x", "en": "x"}, "status": "assumption", "lists": ["black"], "tiers": ["low"]}
        )
    ban = scheme().sanctions[0]
    with pytest.raises(ValueError):
        ban.model_copy(update={"min_score": 600})
    with pytest.raises(TypeError):
        Sanction.model_construct(id="x", lists=("black",))


def test_a_benefit_everyone_starts_with_and_loses_with_one_record_is_a_restriction_by_score():
    found = only(tier_restrictions(scheme(lambda d: d["incentives"][0].update(tiers=["top", "mid"]))))
    assert (found.verdict, found.elements) == ("warn", (("incentive", "discount"),))
    at_base = only(tier_restrictions(scheme(lambda d: d["incentives"][0].update(tiers=[], min_score=1000))))
    assert at_base.verdict == "warn"


def test_a_benefit_for_every_tier_or_above_the_base_score_restricts_nobody():
    everyone = scheme(lambda d: d["incentives"][0].update(tiers=["top", "mid", "low"]))
    above = scheme(lambda d: d["incentives"][0].update(tiers=[], min_score=1001))
    assert only(tier_restrictions(everyone)).verdict == only(tier_restrictions(above)).verdict == "pass"


def test_a_minor_traffic_violation_costing_more_than_a_general_penalty_is_out_of_order():
    found = only(severity_order(scheme(lambda d: d["rules"][2].update(points=-30))))
    assert (found.verdict, found.rules, found.params["than"]) == ("fail", ("traffic",), ("penalty",))


def test_a_cap_that_holds_the_minor_cost_below_the_general_one_keeps_the_order():
    assert only(severity_order(scheme(lambda d: d["rules"][2].update(points=-30, cap_low=-10)))).verdict == "pass"


def test_a_dimension_cap_counts_too():
    def capped(data):
        data["dimensions"].append(
            {"id": "light", "title": {"zh": "轻", "en": "Light"}, "status": "assumption", "cap_low": -15}
        )
        data["rules"][2].update(points=-30, dimension="light")

    assert only(severity_order(scheme(capped))).verdict == "pass"


def test_equal_costs_across_classes_are_not_out_of_order():
    assert only(severity_order(scheme(lambda d: d["rules"][2].update(points=-20)))).verdict == "pass"


def test_scoring_without_consent_fails():
    found = only(consent(scheme(lambda d: d["eligibility"].update(consent_required=False))))
    assert (found.verdict, found.elements) == ("fail", (("field", "eligibility.consent_required"),))


def test_local_hukou_only_fails_and_a_waiting_time_for_non_locals_warns():
    local = only(residence(scheme(lambda d: d["eligibility"].update(hukou="local"))))
    waiting = only(residence(scheme(lambda d: d["eligibility"].update(hukou="local", non_local_min_insured_months=12))))
    assert (local.verdict, waiting.verdict, waiting.params["months"]) == ("fail", "warn", 12)


def test_civil_servants_scored_on_twice_the_types_of_everyone_else_fail_group_density():
    found = only(group_density(scheme(add(rule("office", ["statistical_fraud", "government_dishonesty"], -80, 36)))))
    # civil servants: 4 common types + 2 of their own = 6 against 4 (statisticians 5): ratio 1.5
    assert (found.verdict, found.rules, found.elements) == ("warn", ("office",), (("group", "civil_servant"),))
    assert found.params["ratio"] == 1.5


def test_objection_limit_above_twenty_days_fails_and_twenty_passes():
    assert only(objection_limit(scheme())).verdict == "pass"
    longer = only(objection_limit(scheme(lambda d: d["objections"].update(sla_days=21))))
    assert (longer.verdict, longer.params["days"], longer.params["limit"]) == ("fail", 21, 20)


@pytest.mark.parametrize(
    "check",
    [outside_catalogue, list_stacking, publicity_periods, repair_rules, tier_restrictions, severity_order, consent,
     residence, group_density, objection_limit],
)  # fmt: skip
def test_every_check_refuses_what_is_not_a_rulebook_in_one_line(check):
    with pytest.raises(CheckInputError, match="rulebook: expected a Rulebook, got dict"):
        check({})
    with pytest.raises(CheckInputError, match="catalogues: expected Catalogues, got str"):
        check(scheme(), "catalogues")
