"""Properties of editing through the editor API: whatever is typed, the result is either refused
with an EditError or a valid, reference-checked rulebook in which every changed value is an
assumption (an edit never keeps, or exports, its old confirmed/reported status)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.catalogues import load_catalogues
from scoring.rulebook import Rulebook, check_references, load_preset, to_yaml
from scoring.tuning.diff import diff_rulebooks
from scoring.tuning.editing import EditError, apply_rule_edits, apply_settings, set_tier_cutoffs

CAT = load_catalogues()
PRESETS = {
    "rongcheng_style": load_preset("rongcheng_style"),  # confirmed rules, reported tiers: edits must demote them
    "fuzhou_style": load_preset("fuzhou_style"),  # reported eligibility with insured months
}
NUMBERS = st.floats(-3000, 3000, allow_nan=False) | st.sampled_from([float("nan"), float("inf"), "12", "x", None])


def _rule_edit(rulebook: Rulebook):
    values = {
        "title_zh": st.text(max_size=4),
        "points": NUMBERS,
        "per_units": NUMBERS,
        "cap_low": NUMBERS,
        "cap_high": NUMBERS,
        "window_months": st.none() | st.integers(-5, 300) | st.floats(0, 50),
        "decay_half_life_months": st.none() | NUMBERS,
        "dimension": st.sampled_from([*rulebook.dimension_ids, "nope"]),
        "matches": st.lists(st.sampled_from(CAT.record_type_ids), max_size=2).map(", ".join),
        "lists": st.sampled_from(["", "red", "black", "red, black"]),
        "groups": st.sampled_from(["all", *CAT.key_group_ids[:5], "teacher, nobody"]),
        "veto_max_tier": st.sampled_from([None, *rulebook.tiers.ids, "ZZ"]),
    }
    column = st.sampled_from(sorted(values))
    return st.tuples(st.sampled_from(rulebook.rule_ids), column).flatmap(
        lambda rc: values[rc[1]].map(lambda v: ("rules", {rc[0]: {rc[1]: v}}))
    )


def _settings_edit(rulebook: Rulebook):
    dims = st.fixed_dictionaries(
        {},
        optional={
            d: st.fixed_dictionaries({}, optional={"cap_low": NUMBERS, "cap_high": NUMBERS})
            for d in rulebook.dimension_ids
        },
    )
    eligibility = st.fixed_dictionaries(
        {},
        optional={
            "min_age": st.integers(-1, 130),
            "consent_required": st.booleans(),
            "hukou": st.sampled_from(["any", "local", "martian"]),
            "non_local_min_insured_months": st.none() | st.integers(-1, 36),
        },
    )
    return st.fixed_dictionaries(
        {},
        optional={
            "base": NUMBERS,
            "score_min": NUMBERS,
            "score_max": NUMBERS,
            "dimension_caps": dims,
            "eligibility": eligibility,
        },
    ).map(lambda kwargs: ("settings", kwargs))


def _tier_edit(rulebook: Rulebook):
    n = len(rulebook.tiers.ids)
    absolute = st.lists(st.floats(-500, 2500, allow_nan=False), min_size=n - 1, max_size=n - 1)
    quantile = st.lists(st.integers(1, 10), min_size=n, max_size=n).map(lambda w: [x / sum(w) for x in w])
    return st.one_of(absolute.map(lambda v: ("absolute", v)), quantile.map(lambda v: ("quantile", v))).map(
        lambda mv: ("tiers", mv)
    )


def _apply(rulebook: Rulebook, edit, preset: Rulebook | None) -> Rulebook:
    kind, payload = edit
    if kind == "rules":
        return apply_rule_edits(rulebook, payload, preset=preset)
    if kind == "settings":
        return apply_settings(rulebook, **payload, preset=preset)
    return set_tier_cutoffs(rulebook, *payload, preset=preset)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(PRESETS)), st.data(), st.booleans())
def test_an_edit_is_refused_or_valid_and_every_changed_value_is_an_assumption(preset, data, with_preset):
    start = rulebook = PRESETS[preset]
    for _ in range(data.draw(st.integers(1, 3))):
        edit = data.draw(st.one_of(_rule_edit(rulebook), _settings_edit(rulebook), _tier_edit(rulebook)))
        before = to_yaml(rulebook)
        try:
            rulebook = _apply(rulebook, edit, start if with_preset else None)
        except EditError as error:
            assert error.problems, "a refusal names its problems"
            assert to_yaml(rulebook) == before, "a refused edit changes nothing"
            continue
        assert isinstance(rulebook, Rulebook)
        assert check_references(rulebook) == []
        diff = diff_rulebooks(start, rulebook)
        changed = diff[diff["old_value"] != diff["new_value"]]
        assert (changed["new_status"].isna() | (changed["new_status"] == "assumption")).all(), changed[
            ["path", "old_value", "new_value", "new_status"]
        ].to_string()
