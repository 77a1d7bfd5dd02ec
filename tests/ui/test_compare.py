"""The Compare page as an evaluator uses it: two rulebooks, what moves, and a link that reopens it."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from scoring.analyses.movers import MOVES
from scoring.tuning.scenarios import COMPARE_KEYS
from tests.ui.helpers import ROOT, TEST_PEOPLE, edit_rules, figure, rule_row, shown_text
from ui.i18n import LANGUAGES, catalogue

COMPARE = "pages/compare.py"


def _open(app, lang: str = "zh-CN"):
    if lang != "zh-CN":
        app.button_group(key="_widget.lang").set_value(lang).run()
    app.switch_page(COMPARE).run()
    assert not app.exception, app.exception
    return app


def _table(at, column: str):
    """The first table with this column header."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def _choose(at, baseline: str, reform: str):
    at.selectbox(key="_widget.cmp.baseline").select(baseline).run()
    at.selectbox(key="_widget.cmp.reform").select(reform).run()
    assert not at.exception, at.exception


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_speaks_the_readers_language_and_counts_everyone_once(app, lang):
    at = _open(app, lang)
    messages = catalogue(lang)
    assert at.title[0].value == messages["cmp.title"]
    heat = figure(at, 0)
    assert heat["data"][0]["type"] == "heatmap"
    assert heat["data"][0]["y"][-1] == messages["tier.unscored"] == heat["data"][0]["x"][-1]
    at.segmented_control(key="cmp.matrix_view").set_value("counts").run()
    counts = at.dataframe[0].value
    assert counts.iloc[:, 1:].to_numpy().sum() == TEST_PEOPLE
    assert list(counts.columns)[0] == messages["cmp.col.baseline_tier"]
    shown = " ".join([*(str(c) for df in at.dataframe for c in df.value.columns), *(s.value for s in at.subheader)])
    if lang == "zh-CN":
        assert not any(word in shown for word in ("Baseline", "Reform", "tier", "unscored")), shown
    else:
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in shown), shown


def test_comparing_a_rulebook_with_itself_moves_nobody(app):
    at = _open(app, "en")
    _choose(at, "illustrative", "illustrative")
    assert any(i.value == catalogue("en")["cmp.same_rulebook"] for i in at.info)
    same = catalogue("en")["cmp.move.same"]
    moves = _table(at, same)
    assert (moves[same].dropna() == 1).all()
    assert moves[catalogue("en")["cmp.col.scored_both"]].sum() > 0


def test_the_link_reopens_the_same_comparison_on_the_same_people_and_date(app):
    at = _open(app, "en")
    _choose(at, "rongcheng_style", "illustrative")
    earlier = dt.date(2025, 6, 30)
    at.sidebar.selectbox(key="_widget.as_of").select(earlier).run()
    link = {k: at.query_params[k] for k in COMPARE_KEYS}
    assert link["baseline"] == "rongcheng_style" and link["reform"] == "illustrative"
    assert link["as_of"] == earlier.isoformat() and link["lang"] == "en"

    from streamlit.testing.v1 import AppTest

    other = AppTest.from_file(str(ROOT / COMPARE), default_timeout=60)
    for key, value in link.items():
        other.query_params[key] = value
    other.run()
    assert not other.exception, other.exception
    assert other.session_state["cmp.baseline"] == "rongcheng_style"
    assert other.session_state["cmp.reform"] == "illustrative"
    assert other.session_state["as_of"] == earlier
    assert other.title[0].value == catalogue("en")["cmp.title"]
    assert json.dumps(figure(other, 0)["data"][0]["text"]) == json.dumps(figure(at, 0)["data"][0]["text"])


def test_a_link_naming_an_unknown_rulebook_says_which_parameter_and_shows_the_defaults(app):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / COMPARE), default_timeout=60)
    link = {"baseline": "illustrative", "reform": "no_such_preset", "people": str(TEST_PEOPLE), "seed": "1",
            "as_of": "2025-12-31", "lang": "en"}  # fmt: skip
    for key, value in link.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    shown = [shown_text(e.value) for e in at.error]
    assert any('"reform"' in m and '"no_such_preset"' in m for m in shown), shown
    assert at.session_state["seed"] != 1, "a bad link changes nothing"


def test_the_sessions_edits_can_be_the_reform_but_never_travel_in_a_link(app):
    app.switch_page("pages/rules.py").run()
    edit_rules(app, {rule_row("fraud"): {"points": -200.0}})
    at = _open(app)
    assert at.session_state["cmp.reform"] == "working"
    assert "reform" not in at.query_params and "baseline" not in at.query_params
    assert any(c.value == catalogue("zh-CN")["cmp.link_edited"] for c in at.caption)


def test_every_label_the_page_builds_from_an_id_exists_in_both_languages():
    from scoring.analyses.eligibility_changes import eligibility_changes  # noqa: F401 (the columns below)
    from scoring.analyses.incentives import COLUMNS

    keys = {f"cmp.move.{m}" for m in MOVES} | {f"share.expected.{k}" for k in COMPARE_KEYS}
    keys |= {f"cmp.elig.{c}" for c in ("people", "entering", "leaving", "scored_both", "unscored_both")}
    keys |= {f"cmp.veto.{c}" for c in ("vetoed_before", "vetoed_after", "newly_vetoed", "released")}
    keys |= {f"cmp.inc.{c}" for c in COLUMNS if not c.startswith("in_")}
    keys |= {"cmp.matrix.shares", "cmp.matrix.counts"}
    for lang in LANGUAGES:
        assert keys <= set(catalogue(lang)), sorted(keys - set(catalogue(lang)))


def test_the_rule_differences_name_each_values_status_and_source(app):
    at = _open(app, "en")
    _choose(at, "illustrative", "rongcheng_style")
    messages = catalogue("en")
    diff = _table(at, messages["diffcol.new_source"])
    assert messages["diffcol.new_status"] in diff.columns
    named = diff[diff[messages["diffcol.new_source"]] != "—"]
    assert len(named) > 0 and (named[messages["diffcol.new_status"]] != messages["status.assumption"]).all()


def test_the_spread_across_seeds_is_computed_on_request_for_the_seeds_chosen(app):
    at = _open(app, "en")
    messages = catalogue("en")
    at.text_input(key="cmp.spread_seeds").set_value("7, 8").run()
    assert not any(messages["cmp.spread_figure"] in df.value.columns for df in at.dataframe), "not before asked"
    at.button(key="cmp.spread_run").click().run()
    assert not at.exception, at.exception
    spread = _table(at, messages["cmp.spread_figure"])
    assert list(spread.columns)[1:3] == ["Seed 7", "Seed 8"]
    assert len(spread) == 6 and spread[messages["cmp.spread_min"]].notna().any()


def test_a_seed_that_is_not_a_number_is_named_in_chinese(app):
    at = _open(app)
    at.text_input(key="cmp.spread_seeds").set_value("1, x2").run()
    assert any("“x2”不是有效种子" in shown_text(e.value) for e in at.error)


def _chart(at, axis_title: str) -> dict:
    """The chart whose x axis has this title."""
    charts = [figure(at, i) for i in range(len(at.get("plotly_chart")))]
    return next(c for c in charts if c["layout"]["xaxis"]["title"]["text"] == axis_title)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_presets_on_different_score_ranges_compare_percentile_ranks_and_say_why(app, lang):
    at = _open(app, lang)
    _choose(at, "illustrative", "fuzhou_style")
    messages = catalogue(lang)
    ranks = _chart(at, messages["cmp.axis.rank_change"])
    assert ranks["data"][0]["type"] == "bar"
    assert any("0–2000" in c.value and "0–1000" in c.value for c in at.caption), "the caption names both ranges"
    mean = next(m for m in at.metric if m.label == messages["col.mean"])
    assert not mean.proto.delta and "0–2000" in mean.proto.help, "no point difference across ranges, and why"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_winners_and_losers_are_drawn_diverging_from_zero_per_group(app, lang):
    at = _open(app, lang)
    _choose(at, "illustrative", "rongcheng_style")
    messages = catalogue(lang)
    bars = _chart(at, messages["cmp.axis.moves"])["data"]
    assert [b["name"] for b in bars] == [messages[f"cmp.move.{m}"] for m in ("down_1", "down_2", "up_1", "up_2")]
    assert all(b["orientation"] == "h" for b in bars)
    assert any(c.value == messages["cmp.moves_note"] for c in at.caption)


def test_the_rule_differences_name_each_source_in_the_readers_language_and_list_no_citations(app):
    at = _open(app)
    _choose(at, "rongcheng_style", "fuzhou_style")
    messages = catalogue("zh-CN")
    diff = _table(at, messages["diffcol.new_source"])
    cells = " ".join(str(v) for v in diff.to_numpy().ravel())
    assert "荣成市个人信用积分管理办法" in cells, "a rulebook's own source is named"
    assert "Rongcheng personal credit" not in cells and "https" not in cells, "in Chinese only"
    assert messages["diff.source"].split("「")[0] + "「" not in cells, "the citations themselves are not parameters"


@pytest.mark.parametrize(
    ("text", "lang", "shown"),
    [
        ("荣成办法 / Rongcheng measures, https://x.example/1", "zh-CN", "荣成办法"),
        ("荣成办法 / Rongcheng measures, https://x.example/1", "en", "Rongcheng measures, https://x.example/1"),
        ("Nesta (Dev Lewis), Separating myth from reality", "zh-CN", "Nesta (Dev Lewis), Separating myth from reality"),
        ("A / B", "zh-CN", "A / B"),
    ],
)
def test_a_rulebooks_own_source_line_is_shown_in_the_readers_language_where_it_has_both(text, lang, shown):
    from ui.fmt import source_line

    assert source_line(text, lang) == shown


def _shown(at, column: str) -> list[str]:
    """A table's column as written on screen (the Styler's display text, not the numbers)."""
    import pyarrow as pa

    element = next(df for df in at.dataframe if column in df.value.columns)
    shown = pa.ipc.open_stream(element.proto.arrow_data.styler.display_values).read_pandas()
    return [str(v) for v in shown.iloc[:, list(element.value.columns).index(column) + 1]]  # after the row index


def test_yuan_and_change_bins_are_written_without_a_tail_of_zeros(app):
    at = _open(app, "en")
    _choose(at, "illustrative", "fuzhou_style")
    messages = catalogue("en")
    costs = _shown(at, messages["cmp.inc.cost_after"])
    assert costs and all("." not in v for v in costs), costs
    edges = _shown(at, messages["cmp.col.change_from"])
    assert edges and all(v.endswith(".5") or v.endswith(".0") for v in edges), edges


def test_cells_of_fewer_people_than_the_minimum_are_hidden_and_said(app):
    at = _open(app, "en")
    _choose(at, "illustrative", "rongcheng_style")
    messages = catalogue("en")
    assert at.number_input(key="cmp.minimum").value == 1, "synthetic data: nothing hidden by default"
    assert not any(messages["cmp.hidden_note"].split("{")[0] in c.value for c in at.caption)
    at.number_input(key="cmp.minimum").set_value(200).run()
    assert not at.exception, at.exception
    matrix = _table(at, messages["cmp.col.baseline_tier"])
    values = matrix.iloc[:, 1:].to_numpy(dtype=float)
    assert np.isnan(values).any() and (np.nan_to_num(values) == 0).sum() < values.size, (
        "small cells hidden, others kept"
    )
    assert any(c.value == messages["cmp.hidden_note"].format(minimum=200) for c in at.caption)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_note_says_cells_are_hidden_to_protect_a_small_one_not_only_small_ones(app, lang):
    """A tester saw 100% of ten thousand people shown as "—" beside a note saying only cells of
    fewer than 10 people are hidden."""
    at = _open(app, lang)
    _choose(at, "illustrative", "rongcheng_style")
    at.segmented_control(key="cmp.matrix_view").set_value("counts").run()
    messages = catalogue(lang)
    exact = _table(at, messages["cmp.col.baseline_tier"]).iloc[:, 1:].to_numpy()
    at.number_input(key="cmp.minimum").set_value(200).run()
    hidden = np.isnan(_table(at, messages["cmp.col.baseline_tier"]).iloc[:, 1:].to_numpy(dtype=float))
    assert ((exact[hidden] == 0) | (exact[hidden] >= 200)).any(), "a cell hidden though not small"
    note = messages["cmp.hidden_note"].format(minimum=200)
    assert any(c.value == note for c in at.caption)
    total = "row's or column's total" if lang == "en" else "行合计或列合计"
    assert total in note and total in messages["cmp.minimum_help"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hidden_winners_and_losers_are_explained_under_their_table_and_chart(app, lang):
    at = _open(app, lang)
    _choose(at, "illustrative", "rongcheng_style")
    at.number_input(key="cmp.minimum").set_value(200).run()
    messages = catalogue(lang)
    moves = _table(at, messages["cmp.col.scored_both"])
    assert moves.iloc[:, 2:].isna().to_numpy().any(), "some group's move hidden at 200"
    captions = [c.value for c in at.caption]
    after = captions[captions.index(messages["cmp.moves_note"]) :]
    assert messages["cmp.moves_hidden_bars"] in after
    assert messages["cmp.hidden_note"].format(minimum=200) in after, "the note under the group table too"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_group_names_of_the_comparison_tables_are_read_whole(app, lang):
    """A tester saw the key groups' names cut off in the winners and losers table."""
    at = _open(app, lang)
    messages = catalogue(lang)
    for header in (messages["cmp.col.scored_both"], messages["cmp.elig.entering"], messages["cmp.veto.newly_vetoed"]):
        element = next(df for df in at.dataframe if header in df.value.columns)
        config = json.loads(element.proto.columns)[element.value.columns[0]]
        assert config["pinned"] and config["width"] >= 240, (header, config)
