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
