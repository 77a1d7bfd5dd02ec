"""The Predictive validity page: AUC and KS beside the null generator's, the ROC curves, the
calibration by tier, learned weights beside the hand-set ones, stability between two as-of
dates and the seed spread on request, in either language; and nothing but a message when the
dataset has no ground truth."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.ui.helpers import TEST_PEOPLE, figure, open_session
from ui.plain import bold


def _page(app, lang: str = "zh-CN"):
    at = open_session(app, {"lang": lang})
    at.switch_page("pages/validity.py").run()
    assert not at.exception, at.exception
    return at


def _messages(lang: str) -> dict[str, str]:
    with open(f"ui/locales/{lang}.json", encoding="utf-8") as handle:
        return json.load(handle)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_the_page_says_it_is_synthetic_and_sets_every_figure_beside_the_null_generators(app, lang):
    at, messages = _page(app, lang), _messages(lang)
    assert at.title[0].value == messages["validity.title"]
    assert bold(messages["validity.synthetic_only"]) in [m.value for m in at.markdown]
    metrics = [m.label for m in at.metric]
    assert metrics[:4] == [
        messages[f"validity.metric.{f}"].format(side=messages[f"validity.side.{s}"])
        for f, s in (("auc", "real"), ("auc", "null"), ("ks", "real"), ("ks", "null"))
    ]
    assert all(0.0 <= float(m.value) <= 1.0 for m in at.metric[:4])
    roc = figure(at, 0)
    assert [trace["name"] for trace in roc["data"]] == [messages["validity.side.real"], messages["validity.side.null"]]
    assert len(at.get("plotly_chart")) == 4, "ROC, calibration, weights, stability"
    assert len(at.dataframe) == 4, "figures, calibration, weights, stability"


def test_the_tables_carry_the_figures_the_metrics_show(app):
    at, messages = _page(app, "en"), _messages("en")
    figures = at.dataframe[0].value.set_index(messages["validity.col.source"])
    real, null = messages["validity.side.real"], messages["validity.side.null"]
    auc, scored = messages["validity.figure.auc"], messages["validity.figure.scored"]
    assert figures.loc[real, auc] == pytest.approx(float(at.metric[0].value), abs=5e-4)
    assert figures.loc[null, auc] == pytest.approx(float(at.metric[1].value), abs=5e-4)
    calibration = at.dataframe[1].value
    people = messages["validity.col.people"].format(side=real)
    assert calibration[people].sum() == figures.loc[real, scored], "every scored person is in one tier"
    counted = [scored, messages["validity.figure.serious"]]
    assert all(pd.api.types.is_integer_dtype(figures[c]) for c in counted), "people counted whole, not 4,097.000"
    weights = at.dataframe[2].value
    assert weights[messages["validity.col.rule"]].iloc[-1] == messages["validity.base"]
    assert set(weights[messages["validity.col.same_sign"]].dropna()) <= {"Yes", "No"}


def test_stability_on_deciles_gives_shares_that_add_up_and_a_verdict(app):
    at, messages = _page(app, "en"), _messages("en")
    at.segmented_control(key="validity.bins").set_value("deciles").run()
    assert not at.exception, at.exception
    shifts = at.dataframe[3].value
    shares = [c for c in shifts.columns if c.startswith("Share on")]
    assert len(shares) == 2 and all(shifts[c].sum() == pytest.approx(1.0) for c in shares)
    psi = float(at.metric[4].value)
    assert shifts[messages["validity.col.psi_term"]].sum() == pytest.approx(psi, abs=5e-4)
    verdicts = {messages[f"validity.verdict.{v}"] for v in ("stable", "some_shift", "major_shift")}
    assert {bold(v) for v in verdicts} & {m.value for m in at.markdown}


def test_the_seed_spread_is_computed_on_request_for_the_seeds_chosen(app):
    at, messages = _page(app, "en"), _messages("en")
    at.text_input(key="validity.spread_seeds").set_value("7, 8").run()
    assert len(at.dataframe) == 4, "not before asked"
    at.button(key="validity.spread_run").click().run()
    assert not at.exception, at.exception
    spread = at.dataframe[4].value
    assert spread[messages["validity.col.figure"]].tolist() == ["AUC", "KS"]
    assert list(spread.columns)[1:3] == ["Seed 7", "Seed 8"]
    assert (spread["Lowest"] <= spread["Highest"]).all()
    assert at.selectbox(key="validity.spread_people").value == TEST_PEOPLE


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_without_ground_truth_the_page_says_so_and_shows_nothing_else(app, lang, monkeypatch):
    monkeypatch.setattr("scoring.validity.outcome.serious_next_year", lambda dataset: None)
    at, messages = _page(app, lang), _messages(lang)
    assert [i.value for i in at.info] == [messages["validity.no_truth"]]
    assert not at.metric and not at.dataframe and not at.get("plotly_chart")


def test_every_table_and_chart_downloads_under_the_page_rulebook_and_date(app, monkeypatch):
    from tests.ui.helpers import record_downloads

    downloads = record_downloads(monkeypatch)
    at = _page(app, "en")
    as_of = at.session_state["as_of"].isoformat()
    tables = ("discrimination", "calibration", "weights", "stability_tiers")
    expected = {f"validity_{table}_illustrative_{as_of}.{kind}" for table in tables for kind in ("csv", "xlsx")}
    expected |= {f"validity_{chart}_illustrative_{as_of}.html" for chart in ("roc", "calibration", "weights",
                                                                              "stability_tiers")}  # fmt: skip
    assert {name for name in downloads if name.startswith("validity_")} == expected


def _reform(at):
    at.segmented_control(key="validity.psi_between").set_value("reform").run()
    assert not at.exception, at.exception
    return at


def _reform_table(at, messages):
    term = messages["validity.col.psi_term"]
    return next(df.value for df in at.dataframe if term in df.value.columns)


def _psi(at, messages) -> float:
    return float(next(m for m in at.metric if m.label == messages["validity.psi_reform.psi"]).value)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_against_a_baseline_on_another_range_the_index_is_on_tier_shares_and_says_so(app, lang):
    from scoring.rulebook import load_preset
    from tests.ui.visible import leaks, visible_texts

    at, messages = _reform(_page(app, lang)), _messages(lang)
    baseline = at.selectbox(key="_widget.validity.baseline").value
    assert baseline != "illustrative", "an unedited rulebook is set beside another preset"
    scale = load_preset(baseline).score
    said = messages["validity.psi_reform.on_tiers"].format(baseline=f"{scale.min:g}–{scale.max:g}", reform="0–2000")
    assert said in [c.value for c in at.caption]
    table = _reform_table(at, messages)
    assert table.columns[0] == messages["col.tier"] and len(table) == 7
    assert table.iloc[-1, 0] == messages["tier.unscored"], "the people a rulebook does not score, a bin of their own"
    sides = [messages[f"validity.psi_reform.side.{s}"] for s in ("baseline", "reform")]
    shares = [messages["validity.psi_reform.col.share"].format(side=side) for side in sides]
    assert all(table[c].sum() == pytest.approx(1.0) for c in shares)
    people = [messages["validity.psi_reform.col.people"].format(side=side) for side in sides]
    everyone = table[people[0]].sum()
    assert everyone == table[people[1]].sum() == TEST_PEOPLE, "shares of the same people on both sides"
    psi = _psi(at, messages)
    assert table[messages["validity.col.psi_term"]].sum() == pytest.approx(psi, abs=5e-4)
    verdicts = {bold(messages[f"validity.verdict.{v}"]) for v in ("stable", "some_shift", "major_shift")}
    assert verdicts & {m.value for m in at.markdown}
    bars = figure(at, 3)
    assert [trace["name"] for trace in bars["data"]] == [
        messages["validity.psi_reform.side.reform"], messages["validity.psi_reform.side.baseline"]
    ]  # fmt: skip
    assert not leaks(visible_texts(at), lang)


def test_the_working_rulebook_against_itself_is_stable_on_scores_in_either_binning(app):
    at, messages = _reform(_page(app, "en")), _messages("en")
    at.selectbox(key="_widget.validity.baseline").set_value("illustrative").run()
    assert messages["validity.psi_reform.same"] in [i.value for i in at.info]
    assert _psi(at, messages) == 0.0
    assert _reform_table(at, messages).columns[0] == messages["validity.col.bin"]
    at.segmented_control(key="validity.reform_bins").set_value("deciles").run()
    assert not at.exception, at.exception
    assert _psi(at, messages) == 0.0
    assert bold(messages["validity.verdict.stable"]) in [m.value for m in at.markdown]


def test_a_heavier_weight_moves_the_reform_away_from_the_rulebook_it_came_from(app):
    from tests.ui.helpers import edit_rules, rule_row

    at, messages = _page(app, "en"), _messages("en")
    at.switch_page("pages/rules.py").run()
    edit_rules(at, {rule_row("traffic_violation"): {"points": -40.0, "cap_low": None}})
    at.switch_page("pages/validity.py").run()
    _reform(at)
    assert at.selectbox(key="_widget.validity.baseline").value == "illustrative", "the rulebook the edit came from"
    assert _psi(at, messages) > 0
    assert _reform_table(at, messages).columns[0] == messages["validity.col.bin"]


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_ladders_and_ranges_that_both_differ_are_refused_naming_both(app, lang, monkeypatch):
    from scoring.analyses.movers import LaddersDiffer
    from scoring.rulebook import load_preset

    def refuse(baseline, reform):
        raise LaddersDiffer("different")

    monkeypatch.setattr("scoring.validity.reform_stability.reform_basis", refuse)
    monkeypatch.setattr("ui.validity_reform.reform_basis", refuse)
    at, messages = _reform(_page(app, lang)), _messages(lang)
    scale = load_preset(at.selectbox(key="_widget.validity.baseline").value).score
    refused = messages["validity.psi_reform.refused"].format(
        baseline=f"{scale.min:g}–{scale.max:g}", baseline_tiers=6, reform="0–2000", reform_tiers=6
    )
    assert [i.value for i in at.info] == [refused]
    assert messages["validity.psi_reform.psi"] not in [m.label for m in at.metric]


def test_the_choice_is_kept_in_the_address_and_a_link_reopens_it(app):
    at = _reform(_page(app, "en"))
    assert at.query_params["validity.psi_between"] == "reform"
    again = open_session(app, {"lang": "en", "validity.psi_between": "reform"})
    again.switch_page("pages/validity.py").run()
    assert again.segmented_control(key="validity.psi_between").value == "reform"


def test_the_reform_table_and_chart_download_under_both_rulebooks(app, monkeypatch):
    from tests.ui.helpers import record_downloads

    downloads = record_downloads(monkeypatch)
    at = _reform(_page(app, "en"))
    names = {name for name in downloads if "psi_reform" in name}
    assert {name.rsplit(".", 1)[1] for name in names} == {"csv", "xlsx", "html"}
    assert all(name.startswith("validity_psi_reform_tiers_") for name in names)
    assert at.selectbox(key="_widget.validity.baseline").value in next(iter(names))


def test_a_saved_scenario_is_offered_as_a_baseline_under_the_name_compare_gives_it(app):
    """A name with a comma reads as written (no Markdown backslash), labelled and with its short
    hash, exactly as the Compare page's pickers name it."""
    from scoring.rulebook import load_preset
    from scoring.tuning.scenarios import save_scenario, short_hash
    from ui import data

    saved = save_scenario(data.store(), load_preset("illustrative"), "Harsher crime, AAA 1045", None)
    at = _reform(_page(app, "en"))
    expected = f"Scenario: Harsher crime, AAA 1045 ({short_hash(saved)})"
    assert expected in at.selectbox(key="_widget.validity.baseline").options
    at.switch_page("pages/compare.py").run()
    assert not at.exception, at.exception
    assert expected in at.selectbox(key="_widget.cmp.baseline").options
