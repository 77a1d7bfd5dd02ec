"""The rule editor's adapter: a `st.data_editor` state becomes edits by rule id."""

from __future__ import annotations

import pytest

from scoring.rulebook import load_preset
from scoring.tuning.editing import EditError, apply_rule_edits
from ui.editors import editor_edits, library_edits, rules_frame


def test_editor_state_maps_row_positions_to_rule_ids():
    table = rules_frame(load_preset("illustrative"), "zh-CN")
    edits = editor_edits(table, {"edited_rows": {2: {"points": -1}}, "added_rows": [], "deleted_rows": []})
    assert edits == {table.index[2]: {"points": -1}}
    with pytest.raises(EditError, match="cannot be added or deleted"):
        editor_edits(table, {"edited_rows": {}, "added_rows": [{"id": "x"}], "deleted_rows": []})
    with pytest.raises(EditError, match="not in the table"):
        editor_edits(table, {"edited_rows": {999: {"points": 1}}})


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_names_picked_or_typed_in_the_rule_table_reach_the_library_as_ids(lang):
    """The table shows names; what a reader picks or types by name edits the right rule and value."""
    rulebook = load_preset("fuzhou_style")
    table = rules_frame(rulebook, lang)
    row = list(table.index).index("fraud")
    names = {
        "zh-CN": ("公共信用", "较差", "商业欺诈、不文明行为（列车进食、外放声音等）", "黑名单", "全体"),
        "en": (
            "Public credit",
            "Poor",
            "Commercial fraud, Uncivil conduct (eating on trains, loud audio …)",
            "black list",
            "everyone",
        ),
    }[lang]
    picked = dict(zip(("dimension", "veto_max_tier", "matches", "lists", "groups"), names, strict=True))
    edits = library_edits(
        rulebook, editor_edits(table, {"edited_rows": {row: {**picked, "title": "诈骗 · Fraud"}}}), lang
    )
    edited = {r.id: r for r in apply_rule_edits(rulebook, edits).rules}["fraud"]
    assert (edited.dimension, edited.veto.max_tier, edited.matches, edited.lists, edited.groups) == (
        "public",
        "poor",
        ("fraud", "uncivil_conduct"),
        ("black",),
        "all",
    )
    assert (edited.title.zh if lang == "zh-CN" else edited.title.en) == "诈骗 · Fraud"


def test_the_rule_table_shows_no_ids():
    rulebook = load_preset("fuzhou_style")
    for lang in ("zh-CN", "en"):
        table = rules_frame(rulebook, lang)
        cells = {str(v) for v in table.to_numpy().ravel()}
        assert not cells & {"judicial", "very_good", "poor", "all", "fraud", "black", "fuzhou-moli"}, lang


@pytest.mark.parametrize(
    ("lang", "old", "new"), [("zh-CN", "2019年4月16日", "2018年1月1日"), ("en", "16 Apr 2019", "1 Jan 2018")]
)
def test_a_changed_date_in_the_diff_reads_as_the_reader_writes_dates(monkeypatch, lang, old, new):
    from scoring.tuning.diff import diff_rulebooks
    from ui.editors import diff_table
    from ui.i18n import t

    for module in ("ui.i18n", "ui.fmt", "ui.rule_names", "ui.editors"):
        monkeypatch.setattr(f"{module}.current_language", lambda: lang, raising=False)
    baseline, reform = load_preset("illustrative"), load_preset("rongcheng_style")
    table = diff_table(diff_rulebooks(baseline, reform), baseline, reform)
    effective = table[table[t("diffcol.path", lang)] == "effective"]
    assert effective[[t("diffcol.old_value", lang), t("diffcol.new_value", lang)]].iloc[0].tolist() == [old, new]


def test_the_diff_on_screen_lists_parameters_not_the_rulebooks_own_name_and_names_its_sources(monkeypatch):
    from scoring.tuning.diff import diff_rulebooks
    from ui.editors import diff_display, diff_table
    from ui.i18n import t

    for module in ("ui.i18n", "ui.fmt", "ui.rule_names", "ui.editors"):
        monkeypatch.setattr(f"{module}.current_language", lambda: "en", raising=False)
    baseline, reform = load_preset("illustrative"), load_preset("fuzhou_style")
    table = diff_table(diff_rulebooks(baseline, reform), baseline, reform)
    shown = diff_display(table)
    paths = set(shown[t("diffcol.path", "en")])
    assert not paths & {"id", "title.zh", "title.en", "description.zh", "description.en", "effective"}
    assert {"id", "effective"} <= set(table[t("diffcol.path", "en")]), "the download keeps them"
    values = " ".join(map(str, [*shown[t("diffcol.old_value", "en")], *shown[t("diffcol.new_value", "en")]]))
    assert not any(source in values.split() for source in reform.sources), "a rulebook's own source by its line"
