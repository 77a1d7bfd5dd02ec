"""The Incentive effects page's parameters and its run: a keyboard-friendly form that starts
from the stored run's parameters (Streamlit forgets an unrendered widget's value, so a reader
back from another page finds what the results were run with), and the run itself behind one
progress bar, the data's history built beside the model's months and the result kept with the
inputs it was run with."""

from __future__ import annotations

from typing import Any

import streamlit as st

from scoring.behaviour.effort import DEFAULT_EFFORT
from scoring.behaviour.model import Parameters, progress_month, simulate
from scoring.catalogues import Catalogues
from scoring.problems import Refusal
from ui import behaviour_tables, data, tables
from ui.export import described
from ui.frame import View
from ui.i18n import t

REQUESTED = "behaviour.requested"  # a flag, not the button's value: it outlives a rerun of the frame
RUN = "behaviour.run"  # session state: {"inputs": what it was run with, "outcome", "rulebook", "named"}
REPAIR_RATE = "behaviour.repair_rate"  # the repair rate's widget: empty means "as measured on the data"


def stored_run() -> dict[str, Any] | None:
    return st.session_state.get(RUN)


def kept_parameters() -> Parameters:
    """The stored run's parameters, else the model's defaults: where the form starts."""
    stored = stored_run()
    return stored["inputs"][-1] if stored is not None else Parameters()


def repair_rate_set(kept: Parameters) -> bool:
    """Whether the reader set a repair rate (the form's, else the kept run's): not the data's own."""
    return st.session_state.get(REPAIR_RATE, kept.repair_rate) is not None


def inputs_of(view: View, parameters: Parameters) -> tuple:
    """What a result depends on: the population, the as-of date, the rulebook and the parameters."""
    return view.people, view.seed, view.as_of, view.working.hash, parameters


def parameter_form(kept: Parameters, catalogues: Catalogues) -> Parameters:
    st.subheader(t("behaviour.parameters_heading"))
    with st.form("behaviour.form"):
        left, middle, right = st.columns(3)
        elasticity = left.number_input(
            t("behaviour.elasticity"), min_value=0.0, max_value=20.0, value=kept.elasticity, step=0.1,
            help=t("behaviour.elasticity_help"), key="behaviour.elasticity",
        )  # fmt: skip
        horizon = middle.number_input(
            t("behaviour.horizon"), min_value=1, max_value=60, value=kept.horizon_months, step=1,
            key="behaviour.horizon",
        )  # fmt: skip
        seed = right.number_input(t("behaviour.seed"), min_value=0, value=kept.seed, step=1, key="behaviour.seed")
        repair_rate = st.number_input(
            t("behaviour.repair_rate"), min_value=0.0, max_value=1.0, value=kept.repair_rate, step=0.01,
            format="%.3f", placeholder=t("behaviour.repair_rate_empty"), help=t("behaviour.repair_rate_help"),
            key=REPAIR_RATE,
        )  # fmt: skip
        st.caption(t("behaviour.effort_note"))
        edited = st.data_editor(
            behaviour_tables.effort_table(kept.effort, catalogues),
            hide_index=True,
            num_rows="fixed",
            placeholder=tables.EMPTY,
            disabled=[t("behaviour.col.record_type"), t("behaviour.col.unit"), t("behaviour.col.status")],
            column_config={
                t("behaviour.col.hours_per_unit"): st.column_config.NumberColumn(min_value=0.0001, format="%.4f"),
                t("behaviour.col.max_units"): st.column_config.NumberColumn(min_value=1.0),
            },
            key="behaviour.effort",
        )
        st.form_submit_button(
            t("behaviour.run"), type="primary", icon=":material/play_arrow:", key="behaviour.submit",
            on_click=lambda: st.session_state.update({REQUESTED: True}),
        )  # fmt: skip
    return Parameters(
        elasticity=float(elasticity),
        horizon_months=int(horizon),
        seed=int(seed),
        effort=behaviour_tables.edited_effort(edited, DEFAULT_EFFORT),
        repair_rate=None if repair_rate is None else float(repair_rate),
    )


def run_if_requested(view: View, parameters: Parameters) -> None:
    """The model's months behind one progress bar, the data's history (kept per rulebook) built on
    a worker thread beside them; the result stored with its inputs and its rulebook's name."""
    if not st.session_state.pop(REQUESTED, False):
        return
    horizon = parameters.horizon_months
    bar = st.progress(0.0, text=t("behaviour.progress", month=1, horizon=horizon))
    history_ahead = data.history(view.people, view.seed, view.working.hash, view.rulebook)
    try:
        outcome = simulate(
            view.dataset, view.rulebook, parameters,
            progress=lambda f: bar.progress(f, t("behaviour.progress", month=progress_month(f, horizon),
                                                 horizon=horizon)),
        )  # fmt: skip
    except Refusal as refusal:
        st.error(t("behaviour.refused_truth" if refusal.code == "model_truth" else "behaviour.refused"))
    else:
        st.session_state[RUN] = {
            "inputs": inputs_of(view, parameters), "outcome": outcome, "rulebook": view.rulebook,
            "named": described(view.working),  # the rulebook as the results' line and downloads name it
        }  # fmt: skip
    bar.progress(1.0, t("behaviour.progress_history"))  # the history, if its build outlasts the model's months
    try:
        history_ahead.result()
    except Refusal:
        st.error(t("behaviour.history.refused"))
    bar.empty()
