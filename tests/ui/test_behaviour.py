"""The Incentive effects page as an evaluator uses it, in both languages at the test population:
the model is written out before anything runs, Run draws both paths and the tables, a response
of zero leaves the two paths' tier shares the same on screen, every table and chart is offered
for download, the score distribution is drawn month by month with a month picker for its
histogram, repairs are counted at the data's rate or the reader's, and a result computed under
other inputs says so."""

from __future__ import annotations

import pytest

from tests.ui.helpers import figure, open_page_in, record_downloads, values
from tests.ui.visible import leaks, visible_texts
from ui.fmt import money
from ui.i18n import LANGUAGES, catalogue

PAGE = "pages/behaviour.py"


def _run(app, lang: str, elasticity: float | None = None):
    at = open_page_in(app, PAGE, lang)
    if elasticity is not None:
        at.number_input(key="behaviour.elasticity").set_value(elasticity)
    at.button(key="behaviour.submit").click().run()
    assert not at.exception, at.exception
    return at


def _table(at, column: str):
    return next(df.value for df in at.dataframe if column in df.value.columns)


def _language_leaks(at) -> list[str]:
    return leaks(visible_texts(at), at.session_state["lang"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_model_is_written_out_and_the_gaming_surface_shown_before_anything_runs(app, lang):
    at = open_page_in(app, PAGE, lang)
    messages = catalogue(lang)
    assert not at.exception, at.exception
    assert at.title[0].value == messages["behaviour.title"]
    assert len(at.get("latex")) == 3, "the two formulas and their symbols' legend"
    shown = "\n".join(m.value for m in at.markdown)
    repair_line = messages["behaviour.assume_line"].format(
        text=messages["behaviour.assume.repair"], status=messages["behaviour.status.measured"]
    )
    assert repair_line in shown and messages["behaviour.status.approximation"] in shown
    assert at.info[0].value == messages["behaviour.not_run"]
    assert not at.get("plotly_chart")
    surface = _table(at, messages["behaviour.col.points_per_hour"])
    assert "volunteer_hours" not in set(surface[messages["behaviour.col.rule"]])
    routes = _table(at, messages["behaviour.col.reached"])
    assert set(routes[messages["behaviour.col.reached"]]) <= {messages["yes"], messages["no"]}
    assert not _language_leaks(at)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_run_draws_both_paths_the_gains_and_offers_every_table_and_chart(app, monkeypatch, lang):
    downloads = record_downloads(monkeypatch)
    at = _run(app, lang)
    messages = catalogue(lang)
    assert messages["behaviour.not_run"] not in [i.value for i in at.info] and not at.warning
    tiers, cost = figure(at, 1), figure(at, 2)  # the data's history comes first
    dashes = {trace["line"]["dash"] for trace in tiers["data"]}
    assert dashes == {"solid", "dash"}
    assert len(cost["data"]) == 2
    districts = _table(at, messages["behaviour.col.district"])
    groups = _table(at, messages["behaviour.col.key_group"])
    assert len(groups) >= 29 and len(districts) >= 2  # every key group (and people in none)
    change = groups[messages["behaviour.col.change"]]
    assert list(change) == sorted(change, reverse=True), "the largest gain first"
    stems = {name.rsplit(".", 1)[0].split("_")[1] for name in downloads if name.startswith("behaviour_")}
    assert stems == {
        "tier-history", "tier-shares", "cost", "score-fan", "score-histogram", "score-quantiles", "repairs",
        "gains-district", "gains-key-group", "gaming-surface", "routes",
    }  # fmt: skip
    assert {name.rsplit(".", 1)[1] for name in downloads if "gains" in name} == {"csv", "xlsx"}
    assert not _language_leaks(at)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_with_no_response_the_two_paths_show_the_same_tier_shares(app, lang):
    at = _run(app, lang, elasticity=0.0)
    traces = figure(at, 1)["data"]
    simulated, still = traces[0::2], traces[1::2]  # each tier's solid line, then its dashed one
    assert [t["line"]["dash"] for t in simulated] == ["solid"] * len(simulated)
    for solid, dashed in zip(simulated, still, strict=True):
        assert solid["y"] == dashed["y"]
    gains = _table(at, catalogue(lang)["behaviour.col.change"])
    assert (gains[catalogue(lang)["behaviour.col.change"]] == 0).all()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_response_moves_the_simulated_path_away_from_no_response(app, lang):
    at = _run(app, lang, elasticity=8.0)
    traces = figure(at, 1)["data"]
    assert any(solid["y"] != dashed["y"] for solid, dashed in zip(traces[0::2], traces[1::2], strict=True))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_score_distribution_is_drawn_per_path_and_its_histogram_follows_the_chosen_month(app, lang):
    at = _run(app, lang)
    messages = catalogue(lang)
    fan = figure(at, 3)
    medians = [trace for trace in fan["data"] if trace.get("name", "").startswith(messages["behaviour.median"])]
    assert [trace["line"]["dash"] for trace in medians] == ["solid", "dash"]
    assert sum(trace.get("fill") == "tonexty" for trace in fan["data"]) == 4, "two bands per path"
    slider = at.select_slider(key="behaviour.month")
    month = messages["behaviour.month_option"]
    assert slider.value == month.format(month=12) and slider.label == messages["behaviour.month_pick"]
    last = figure(at, 4)
    assert [trace["type"] for trace in last["data"]] == ["bar", "bar"]
    slider.set_value(month.format(month=1)).run()
    assert not at.exception, at.exception
    assert figure(at, 4)["data"] != last["data"], "the histogram shows the first month now"
    quantiles = _table(at, messages["behaviour.col.p90"])
    assert len(quantiles) == 24 and set(quantiles[messages["behaviour.col.path"]]) == {
        messages["behaviour.path.simulated"],
        messages["behaviour.path.no_response"],
    }
    assert (quantiles[messages["behaviour.col.p10"]] <= quantiles[messages["behaviour.col.p90"]]).all()
    repairs = _table(at, messages["behaviour.col.repairs"])
    assert len(repairs) == 12 and (repairs[messages["behaviour.col.repairs"]] >= 0).all()
    assert not _language_leaks(at)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_repair_rate_the_reader_sets_is_an_assumption_and_zero_repairs_nobody(app, lang):
    at = open_page_in(app, PAGE, lang)
    at.number_input(key="behaviour.repair_rate").set_value(0.0)
    at.button(key="behaviour.submit").click().run()
    assert not at.exception, at.exception
    messages = catalogue(lang)
    repair_line = messages["behaviour.assume_line"].format(
        text=messages["behaviour.assume.repair"], status=messages["behaviour.status.assumption"]
    )
    assert repair_line in "\n".join(m.value for m in at.markdown)
    repairs = _table(at, messages["behaviour.col.repairs"])
    assert (repairs[messages["behaviour.col.repairs"]] == 0).all()
    note = messages["behaviour.repairs_note"].format(rate="0.00%", status=messages["behaviour.status.assumption"])
    assert note in [c.value for c in at.caption]


def test_a_result_run_under_other_inputs_names_the_earlier_sections_and_what_follows_the_rulebook(app):
    at = _run(app, "en")
    at.sidebar.selectbox(key="_widget.preset").select_index(1).run()
    assert not at.exception, at.exception
    messages = catalogue("en")
    warning = at.warning[0].value
    for heading in ("tiers_heading", "cost_heading", "distribution_heading", "repairs_heading", "gains_heading"):
        assert f"“{messages[f'behaviour.{heading}']}”" in warning
    assert messages["behaviour.surface_heading"] not in warning
    captions = [c.value for c in at.caption]
    assert messages["behaviour.history.pending"] in captions, "the history chart's absence is explained"
    assert messages["behaviour.surface_note"] in captions and messages["behaviour.routes_note"] in captions
    assert at.get("plotly_chart"), "the earlier result is still shown, marked"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_results_name_their_parameters_and_the_form_keeps_them_across_pages(app, monkeypatch, lang):
    downloads = record_downloads(monkeypatch)
    at = _run(app, lang, elasticity=2.0)
    messages = catalogue(lang)
    seed = messages["behaviour.seed"]
    assert seed != messages["frame.seed"], "the model's seed is named apart from the data's"
    ran = next(c.value for c in at.caption if c.value.startswith(messages["behaviour.ran_with"].split("{")[0]))
    assert "2.00" in ran and seed in ran and messages["behaviour.fact_unedited"] in ran
    csv = downloads[next(n for n in downloads if "gains-district" in n and n.endswith(".csv"))]()
    assert seed in csv.decode("utf-8-sig") and "2.00" in csv.decode("utf-8-sig")
    at.switch_page("pages/rules.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.number_input(key="behaviour.elasticity").value == 2.0
    assert not at.warning, "the form shows what the results were run with"
    assert not _language_leaks(at)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_gains_table_has_its_heading_and_the_routes_actions_are_listed_whole(app, lang):
    at = _run(app, lang)
    messages = catalogue(lang)
    shown = [m.value for m in at.markdown]
    for breakdown in ("district", "key_group"):
        assert f"**{messages[f'behaviour.gains.{breakdown}_heading']}**" in shown
    routes = _table(at, messages["behaviour.col.reached"])
    assert messages["behaviour.col.actions"] not in routes.columns
    lines = messages["behaviour.route_line"].split("{")[0]
    assert sum(line.startswith(f"- {lines}") for m in shown for line in m.splitlines()) == len(routes)
    surface = _table(at, messages["behaviour.col.points_per_hour"])
    assert messages["behaviour.col.record_type"] not in surface.columns, "the action is named in the rule"
    assert len(surface.columns) <= 8


@pytest.mark.parametrize("lang", LANGUAGES)
def test_run_draws_the_datas_own_tier_shares_back_to_the_earliest_complete_month_then_both_paths(app, lang):
    at = _run(app, lang)
    messages = catalogue(lang)
    assert at.subheader[[s.value for s in at.subheader].index(messages["behaviour.history.heading"])]
    history = figure(at, 0)
    assert {trace["line"]["dash"] for trace in history["data"]} == {"solid", "dot", "dash"}
    data = [trace for trace in history["data"] if trace["line"]["dash"] == "solid"]
    future = [trace for trace in history["data"] if trace["line"]["dash"] == "dot"]
    assert data[0]["x"][-1] == future[0]["x"][0], "the simulated path carries on from the data's as-of date"
    assert len(data[0]["x"]) > 1
    table = _table(at, messages["behaviour.history.col.months_before"])
    assert table[messages["behaviour.history.col.months_before"]].iloc[-1] == 0, "oldest first, as the chart"
    assert len(table) == len(data[0]["x"])
    captions = "\n".join(c.value for c in at.caption)
    assert messages["behaviour.history.lines"] in captions
    assert messages["behaviour.history.earliest"].split("{")[0] in captions
    assert "judgment_defaulter" not in captions, "rules by name, never by id"
    assert not _language_leaks(at)


def test_a_plain_rerun_reads_the_history_back_without_rescoring(app, monkeypatch):
    at = _run(app, "en")

    def rescored(*_args, **_kwargs):
        raise AssertionError("the history was computed again")

    monkeypatch.setattr("ui.data.tier_history", rescored)
    at.run()
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == 5  # history, tiers, cost, fan, histogram
    at.button(key="behaviour.submit").click().run()  # another run of the model, the same rulebook
    assert not at.exception, at.exception


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_cost_over_the_horizon_adds_up_the_chart_and_the_tier_shares_are_a_table_too(app, lang):
    at = _run(app, lang, elasticity=2.0)
    messages = catalogue(lang)
    simulated, still = (sum(values(trace["y"])) for trace in figure(at, 2)["data"][:2])
    shown = {m.label: m.value for m in at.metric}
    assert shown[messages["behaviour.total.simulated"].format(months="12")] == money(simulated, lang)
    response = money(simulated - still, lang)
    assert shown[messages["behaviour.total.response"]] == (f"+{response}" if simulated > still else response)
    shares = _table(at, messages["behaviour.col.path"])
    month, path = messages["behaviour.col.month"], messages["behaviour.col.path"]
    horizon = shares[(shares[month] == 12) & (shares[path] == messages["behaviour.path.simulated"])]
    best = figure(at, 1)["data"][0]  # the best tier's simulated line
    assert horizon.iloc[0, 2] == pytest.approx(values(best["y"])[-1]), "the chart's last point is the table's"
