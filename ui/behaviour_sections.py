"""The Incentive effects page's sections below the form: the data's own tier history with the
run's future beside it, the run's results (each section marked as the earlier run's when the
inputs have changed since), and the gaming surface with the cheapest routes, which follow the
current rulebook and effort table without a run. Every chart and table downloadable, the run's
rulebook and parameters in the notes of every file made from its results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from scoring.behaviour.effort import DEFAULT_EFFORT
from scoring.behaviour.gaming import gaming_surface, tier_routes
from scoring.behaviour.history import dated_future
from scoring.behaviour.model import Parameters
from scoring.behaviour.totals import horizon_cost
from scoring.catalogues import Catalogues
from scoring.problems import Refusal
from ui import behaviour_charts, behaviour_tables, data, fmt, tables
from ui.export import chart_file, download_table
from ui.frame import View
from ui.i18n import current_language, t
from ui.plain import bold, bullets
from ui.plots import ChartFile, draw
from ui.rule_names import join

PAGE = "behaviour"
RUN_SECTIONS = ("tiers_heading", "cost_heading", "distribution_heading", "repairs_heading", "gains_heading")


def _file(view: View, name: str, title: str, notes: Mapping[str, str] | None) -> ChartFile:
    return chart_file(PAGE, name, title, view.working, view.as_of, notes=notes)


def show_history(view: View, stored: Mapping[str, Any] | None, current: bool, facts: Mapping[str, str] | None) -> None:
    """The data's own tier shares back through its history (scored per rulebook when the model
    runs), the run's future beside them when the run is current."""
    st.subheader(t("behaviour.history.heading"))
    history = data.kept_history(view.people, view.seed, view.working.hash)
    if history is None:
        st.caption(t("behaviour.history.pending"))
        return
    rulebook = view.rulebook
    future = dated_future(stored["outcome"].tiers, history.as_of) if current else None
    st.caption(behaviour_tables.history_note(history, rulebook, with_future=future is not None))
    draw(
        behaviour_charts.tier_history(history.shares, future, fmt.tier_names(rulebook)),
        key="behaviour.history",
        file=_file(view, "tier-history", t("behaviour.history.heading"), facts if future is not None else None),
    )
    shown, columns = behaviour_tables.history_table(history, rulebook), behaviour_tables.history_columns(rulebook)
    tables.show(shown, columns, key="behaviour.history_table")
    download_table(shown, PAGE, "tier-history", view.working, view.as_of, columns)


def show_results(view: View, stored: Mapping[str, Any], current: bool, facts: Mapping[str, str]) -> None:
    """Tier shares, cost, the score distribution, repairs and who gains most, as run."""
    if not current:
        quoted = [t("behaviour.quoted", heading=t(f"behaviour.{h}")) for h in RUN_SECTIONS]
        st.warning(t("behaviour.stale", sections=join(quoted, current_language())))
    separator = "；" if current_language() == "zh-CN" else "; "
    st.caption(
        t("behaviour.ran_with", facts=separator.join(t("behaviour.fact", name=k, value=v) for k, v in facts.items()))
    )
    outcome, ran = stored["outcome"], stored["rulebook"]

    def section(heading: str) -> None:
        st.subheader(t(f"behaviour.{heading}"))
        if not current:
            st.caption(t("behaviour.stale_mark"))

    def table(frame, name: str, config=None, decimals=None, key: str | None = None) -> None:
        tables.show(frame, config, decimals, key=key or f"behaviour.{name}")
        download_table(frame, PAGE, name, view.working, view.as_of, config, notes=facts)

    section("tiers_heading")
    st.caption(t("behaviour.tiers_note"))
    title = t("behaviour.tiers_heading")
    draw(behaviour_charts.tier_shares(outcome.tiers, fmt.tier_names(ran)), key="behaviour.tiers",
         file=_file(view, "tier-shares", title, facts))  # fmt: skip
    shares, columns = behaviour_tables.tier_shares_table(outcome, ran), behaviour_tables.tier_shares_columns(ran)
    with st.expander(t("behaviour.tiers_table")):
        tables.show(shares, columns, key="behaviour.tiers_table")
    download_table(shares, PAGE, "tier-shares", view.working, view.as_of, columns, notes=facts)

    section("cost_heading")
    totals = horizon_cost(outcome)
    for column, figure in zip(st.columns(3), ("simulated", "no_response", "response"), strict=True):
        written = fmt.money(totals[figure])
        signed = figure == "response" and totals[figure] > 0
        column.metric(t(f"behaviour.total.{figure}", months=fmt.count(stored["inputs"][-1].horizon_months)),
                      t("behaviour.signed", amount=written) if signed else written)  # fmt: skip
    draw(behaviour_charts.cost(outcome.cost), key="behaviour.cost",
         file=_file(view, "cost", t("behaviour.cost_heading"), facts))  # fmt: skip

    section("distribution_heading")
    st.caption(t("behaviour.distribution_note"))
    draw(behaviour_charts.score_fan(outcome.quantiles), key="behaviour.fan",
         file=_file(view, "score-fan", t("behaviour.distribution_heading"), facts))  # fmt: skip
    periods = {t("behaviour.month_option", month=fmt.count(m)): m for m in sorted(outcome.histogram["month"].unique())}
    picked = st.select_slider(t("behaviour.month_pick"), options=list(periods), value=list(periods)[-1],
                              key="behaviour.month")  # fmt: skip
    month = int(periods[picked])
    title = t("behaviour.histogram_heading", month=fmt.count(month))
    draw(behaviour_charts.score_histogram(outcome.histogram, month), key="behaviour.histogram",
         file=_file(view, "score-histogram", title, facts))  # fmt: skip
    st.markdown(bold(t("behaviour.quantiles_heading")))
    quantiles = behaviour_tables.quantiles_table(outcome)
    table(quantiles, "score-quantiles", decimals=behaviour_tables.quantiles_decimals(), key="behaviour.quantiles")

    section("repairs_heading")
    status = t(f"behaviour.status.{'measured' if outcome.repair_measured else 'assumption'}")
    st.caption(t("behaviour.repairs_note", rate=fmt.percent(outcome.repair_rate, 2), status=status))
    table(behaviour_tables.repairs_table(outcome), "repairs", key="behaviour.repairs")

    section("gains_heading")
    st.caption(t("behaviour.gains_note"))
    for breakdown in ("district", "key_group"):
        st.markdown(bold(t(f"behaviour.gains.{breakdown}_heading")))
        gains = behaviour_tables.gains_table(outcome, breakdown)
        table(gains, f"gains-{breakdown.replace('_', '-')}", behaviour_tables.gains_columns(gains),
              behaviour_tables.gains_decimals(), key=f"behaviour.gains.{breakdown}")  # fmt: skip


def show_gaming(view: View, parameters: Parameters, catalogues: Catalogues) -> None:
    """Points per hour of every positive rule and the cheapest route from each tier to the next,
    under the current rulebook and effort table."""
    rulebook = view.rulebook
    st.subheader(t("behaviour.surface_heading"))
    st.caption(t("behaviour.surface_note"))
    try:
        surface = gaming_surface(rulebook, catalogues, parameters.effort)
        routes = tier_routes(rulebook, catalogues, view.result.cutoffs, parameters.effort)
    except Refusal:
        st.error(t("behaviour.refused"))
        return
    effort = {t("behaviour.fact_effort"): behaviour_tables.effort_summary(parameters.effort, DEFAULT_EFFORT)}
    shown = behaviour_tables.surface_table(surface, rulebook, catalogues)
    tables.show(shown, behaviour_tables.surface_columns(shown), behaviour_tables.surface_decimals(),
                key="behaviour.surface")  # fmt: skip
    download_table(shown, PAGE, "gaming-surface", view.working, view.as_of, notes=effort)
    st.subheader(t("behaviour.routes_heading"))
    st.caption(t("behaviour.routes_note"))
    shown = behaviour_tables.routes_table(routes, rulebook)
    tables.show(shown, behaviour_tables.routes_columns(shown), behaviour_tables.routes_decimals(),
                key="behaviour.routes")  # fmt: skip
    st.markdown(bold(t("behaviour.routes_actions")))
    st.markdown(bullets(behaviour_tables.route_lines(routes, rulebook, catalogues)))
    with_actions = shown.assign(**{t("behaviour.col.actions"): behaviour_tables.route_actions(routes, catalogues)})
    download_table(with_actions, PAGE, "routes", view.working, view.as_of, notes=effort)
