"""Editing rules, settings and tiers as data: precise errors, nothing half-applied, assumptions."""

from __future__ import annotations

import pandas as pd
import pytest

from scoring.catalogues import Status
from scoring.rulebook import load_preset, to_yaml
from scoring.tuning.diff import diff_rulebooks
from scoring.tuning.editing import (
    EditError,
    apply_rule_edits,
    apply_settings,
    changed_columns,
    rules_table,
    set_tier_cutoffs,
)
from scoring.tuning.oversized import Oversized, oversized_values

ILLUSTRATIVE = load_preset("illustrative")
RONGCHENG = load_preset("rongcheng_style")  # has confirmed rules and reported tiers


def test_rules_table_has_one_row_per_rule_with_every_column():
    table = rules_table(ILLUSTRATIVE)
    assert list(table["id"]) == list(ILLUSTRATIVE.rule_ids)
    row = table.set_index("id").loc["traffic_violation"]
    assert (row["points"], row["cap_low"], row["window_months"], row["groups"]) == (-2, -10, 3, "all")
    assert table.set_index("id").loc["judgment_defaulter", "veto_max_tier"] == "C"
    assert table.set_index("id").loc["academic_misconduct", "groups"] == "teacher, researcher"


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        (
            {"traffic_violation": {"points": "abc"}},
            "rule traffic_violation, field points: expected a number, got 'abc'",
        ),
        ({"traffic_violation": {"cap_low": 5, "cap_high": 1}}, "rule traffic_violation, field cap_low"),
        ({"traffic_violation": {"dimension": "nope"}}, "rule traffic_violation, field dimension: unknown dimension"),
        ({"traffic_violation": {"per_units": 0}}, "rule traffic_violation, field per_units:"),
        (
            {"traffic_violation": {"window_months": 2.5}},
            "rule traffic_violation, field window_months: expected a whole",
        ),
        ({"traffic_violation": {"veto_max_tier": "ZZ"}}, "rule traffic_violation, field veto_max_tier: unknown tier"),
        ({"traffic_violation": {"matches": "fraud"}}, "rule traffic_violation, field matches: record type 'fraud'"),
        ({"traffic_violation": {"groups": "teacher, astronaut"}}, "rule traffic_violation, field groups: unknown key"),
        ({"traffic_violation": {"status": "confirmed"}}, "rule traffic_violation, field status: cannot be edited"),
        ({"no_such_rule": {"points": 1}}, "rule no_such_rule: unknown rule"),
    ],
)
def test_an_invalid_edit_names_rule_and_field_and_changes_nothing(edits, expected):
    before = to_yaml(ILLUSTRATIVE)
    with pytest.raises(EditError) as caught:
        apply_rule_edits(ILLUSTRATIVE, {**edits, "fraud": {"points": -99}})  # a valid edit alongside
    assert expected in str(caught.value)
    assert caught.value.problems
    assert to_yaml(ILLUSTRATIVE) == before
    assert ILLUSTRATIVE.rules[ILLUSTRATIVE.rule_ids.index("fraud")].points == -50


def test_a_changed_confirmed_value_becomes_an_assumption_and_the_rest_stays():
    rule_id = next(r.id for r in RONGCHENG.rules if r.provenance_of("points").status is Status.confirmed)
    rule = RONGCHENG.rules[RONGCHENG.rule_ids.index(rule_id)]
    edited = apply_rule_edits(RONGCHENG, {rule_id: {"points": rule.points - 1, "matches": ", ".join(rule.matches)}})
    new_rule = edited.rules[edited.rule_ids.index(rule_id)]
    assert new_rule.points == rule.points - 1
    assert new_rule.provenance_of("points").status is Status.assumption
    assert new_rule.provenance_of("matches").status is Status.confirmed, "an unchanged value keeps its status"
    assert new_rule.status is Status.confirmed
    assert rules_table(edited).set_index("id").loc[rule_id, "status"] == "assumption"
    assert rule.provenance_of("points").status is Status.confirmed, "the input is immutable"


def test_setting_a_value_back_to_the_preset_restores_its_status():
    rule_id = next(r.id for r in RONGCHENG.rules if r.provenance_of("points").status is Status.confirmed)
    points = RONGCHENG.rules[RONGCHENG.rule_ids.index(rule_id)].points
    once = apply_rule_edits(RONGCHENG, {rule_id: {"points": points * 2}})
    back = apply_rule_edits(once, {rule_id: {"points": points}}, preset=RONGCHENG)
    assert back == RONGCHENG
    assert diff_rulebooks(RONGCHENG, back).empty


def test_diff_lists_exactly_the_edited_fields():
    edited = apply_rule_edits(
        ILLUSTRATIVE, {"traffic_violation": {"points": -3, "window_months": 6}, "fraud": {"groups": "lawyer"}}
    )
    edited = apply_settings(
        edited, base=900, dimension_caps={"judicial": {"cap_low": None}}, eligibility={"min_age": 16}
    )
    edited = set_tier_cutoffs(edited, "absolute", {"AAA": 1100, "AA": 1030, "A": 960, "B": 850, "C": 600})
    diff = diff_rulebooks(ILLUSTRATIVE, edited)
    assert set(diff["path"]) == {
        "rules[traffic_violation].points",
        "rules[traffic_violation].window_months",
        "rules[fraud].groups",
        "score.base",
        "dimensions[judicial].cap_low",
        "eligibility.min_age",
        "tiers.levels[AAA].min",
    }
    row = diff.set_index("path").loc["rules[traffic_violation].points"]
    assert (row["old_value"], row["new_value"], row["new_status"]) == (-2, -3, "assumption")
    assert diff_rulebooks(ILLUSTRATIVE, ILLUSTRATIVE).empty


def test_diff_marks_a_reported_value_that_changed():
    edited = set_tier_cutoffs(RONGCHENG, "absolute", [1060, 1030, 960, 850, 600])
    row = diff_rulebooks(RONGCHENG, edited).set_index("path").loc["tiers.levels[AAA].min"]
    assert (row["old_status"], row["new_status"]) == ("reported", "assumption")


def test_tier_cutoffs_must_fall_from_best_to_worst():
    with pytest.raises(EditError, match="tiers: cut-offs must fall from best to worst: AA 1060 is not below AAA 1050"):
        set_tier_cutoffs(ILLUSTRATIVE, "absolute", [1050, 1060, 960, 850, 600])
    with pytest.raises(EditError, match="missing"):
        set_tier_cutoffs(ILLUSTRATIVE, "absolute", {"AAA": 1100})
    with pytest.raises(EditError, match="add up to 1"):
        set_tier_cutoffs(ILLUSTRATIVE, "quantile", [0.1] * 6)
    quantile = set_tier_cutoffs(ILLUSTRATIVE, "quantile", [0.05, 0.1, 0.35, 0.3, 0.15, 0.05])
    assert quantile.tiers.mode == "quantile"
    assert all(level.min is None for level in quantile.tiers.levels)
    assert quantile.tiers.provenance_of("mode").status is Status.assumption


def test_settings_are_checked_with_element_and_field():
    with pytest.raises(EditError, match="score, field base: expected min <= base <= max"):
        apply_settings(ILLUSTRATIVE, base=3000)
    with pytest.raises(EditError, match="eligibility, field hukou"):
        apply_settings(ILLUSTRATIVE, eligibility={"hukou": "martian"})
    with pytest.raises(EditError, match="dimension nope: unknown dimension"):
        apply_settings(ILLUSTRATIVE, dimension_caps={"nope": {"cap_low": 1}})


def test_changed_columns_name_each_edited_value_and_nothing_else():
    edited = apply_rule_edits(ILLUSTRATIVE, {"traffic_violation": {"points": -3, "window_months": 6}})
    changed = changed_columns(ILLUSTRATIVE, edited)
    assert changed["traffic_violation"] == ("points", "window_months")
    assert all(not columns for rule, columns in changed.items() if rule != "traffic_violation")


def test_a_cutoff_outside_the_score_range_is_named_and_not_applied():
    outside = r"tiers\.levels\[0\]\.min: cut-off 2500 is outside the score range \[0, 2000\]"
    with pytest.raises(EditError, match=outside):
        set_tier_cutoffs(ILLUSTRATIVE, "absolute", [2500, 1030, 960, 850, 600])


def test_hukou_any_with_insured_months_is_refused_as_contradictory():
    fuzhou = load_preset("fuzhou_style")  # local hukou, or non-local after 12 months insured
    with pytest.raises(EditError, match="eligibility, field hukou: non_local_min_insured_months only widens"):
        apply_settings(fuzhou, eligibility={"hukou": "any"})
    everyone = apply_settings(fuzhou, eligibility={"hukou": "any", "non_local_min_insured_months": None})
    assert (everyone.eligibility.hukou, everyone.eligibility.non_local_min_insured_months) == ("any", None)


def test_switching_to_quantile_tiers_makes_the_dropped_reported_cutoffs_assumptions():
    """The reported cut-offs are gone: the diff must not show their absence as reported."""
    quantile = set_tier_cutoffs(RONGCHENG, "quantile", [0.05, 0.1, 0.35, 0.3, 0.15, 0.05])
    diff = diff_rulebooks(RONGCHENG, quantile).set_index("path")
    row = diff.loc["tiers.levels[AAA].min"]
    assert (row["old_value"], row["new_value"], row["old_status"], row["new_status"]) == (
        1050,
        "",
        "reported",
        "assumption",
    )


def test_points_and_caps_larger_than_the_score_range_are_listed():
    assert oversized_values(ILLUSTRATIVE) == []
    edited = apply_rule_edits(
        ILLUSTRATIVE,
        {"drunk_driving": {"points": -2001}, "traffic_violation": {"points": -2000}},  # 2000 fits
    )
    edited = apply_settings(edited, dimension_caps={"judicial": {"cap_low": -2500}})
    assert oversized_values(edited) == [
        Oversized("rule", "drunk_driving", "points", -2001),
        Oversized("dimension", "judicial", "cap_low", -2500),
    ]


def test_diff_values_stay_python_objects_even_when_every_changed_value_is_text():
    """A diff of text changes only once came out as a string column, which then refused to be
    compared with a later number (found by the edit property test)."""
    rule = ILLUSTRATIVE.rules[0]
    edited = apply_rule_edits(ILLUSTRATIVE, {rule.id: {"title_en": "Renamed"}})
    diff = diff_rulebooks(ILLUSTRATIVE, edited)
    assert (diff["old_value"].dtype, diff["new_value"].dtype) == (object, object)
    assert not (diff["new_value"] == pd.Series([0.0] * len(diff), dtype=object)).any()


def test_diff_lists_an_incentive_that_the_red_list_now_unlocks_as_an_assumption():
    transit = next(i for i in ILLUSTRATIVE.incentives if i.id == "transit_discount")
    edited_transit = transit.model_copy(update={"lists": ("red",), "provenance": {"lists": {"status": "assumption"}}})
    incentives = tuple(edited_transit if i.id == "transit_discount" else i for i in ILLUSTRATIVE.incentives)
    edited = ILLUSTRATIVE.model_copy(update={"incentives": incentives})
    row = diff_rulebooks(ILLUSTRATIVE, edited).set_index("path").loc["incentives[transit_discount].lists"]
    assert (row["change"], row["old_value"], row["new_value"], row["new_status"]) == (
        "changed",
        "",
        "red",
        "assumption",
    )
