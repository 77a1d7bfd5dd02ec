"""The parameter diff says where each old and new value comes from, not only how sure it is."""

from __future__ import annotations

from scoring.rulebook import load_preset
from scoring.tuning.diff import diff_rulebooks
from scoring.tuning.editing import set_tier_cutoffs


def test_a_reported_cut_off_that_is_moved_keeps_its_old_source_and_has_none_as_an_assumption():
    rongcheng = load_preset("rongcheng_style")
    source = rongcheng.tiers.levels[0].provenance_of("min").source
    assert source, "the preset's cut-off is sourced"
    edited = set_tier_cutoffs(rongcheng, "absolute", [1060, 1030, 960, 850, 600])
    row = diff_rulebooks(rongcheng, edited).set_index("path").loc["tiers.levels[AAA].min"]
    assert (row["old_source"], row["new_source"]) == (source, None)


def test_two_presets_differ_in_their_sources_row_by_row():
    diff = diff_rulebooks(load_preset("illustrative"), load_preset("rongcheng_style")).set_index("path")
    sourced = diff[diff["new_source"].notna()]
    assert len(sourced) > 0
    assert (sourced["new_status"] != "assumption").all(), "an assumption has no source to show"


def test_an_element_only_one_rulebook_has_is_one_row_and_a_status_is_said_once():
    from scoring.rulebook import load_preset
    from scoring.tuning.diff import diff_rulebooks

    diff = diff_rulebooks(load_preset("illustrative"), load_preset("rongcheng_style"))
    fraud = diff[diff["element"] == "rules[fraud]"]
    assert len(fraud) == 1 and fraud.iloc[0][["field", "change", "old_value"]].tolist() == ["", "removed", "fraud"]
    # The score range's status moved from assumption to confirmed: its status row says so once;
    # its base (1000 in both) is not listed again as a change.
    score = diff[diff["element"] == "score"]
    assert "base" not in set(score["field"]) and "status" in set(score["field"])
    assert not ((diff["old_value"] == diff["new_value"]) & (diff["change"] == "changed")).any()
