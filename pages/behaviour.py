"""Incentive effects (issue 15): the behavioural response model written out with every
assumption and its status, its parameters in a form run on demand (the result kept with the
inputs it was run with), tier shares and the incentives' cost month by month beside the
no-response path, the score distribution month by month (a fan per path, a histogram for the
month the reader picks) and the credit repairs the model draws, who gains most at the horizon,
the gaming surface and the cheapest route from each tier to the next."""

import streamlit as st

from scoring.behaviour.effort import DEFAULT_EFFORT
from scoring.behaviour.gaming import gaming_surface, tier_routes
from scoring.behaviour.history import dated_future
from scoring.behaviour.model import Parameters, simulate
from scoring.catalogues import load_catalogues
from scoring.problems import Refusal
from ui import behaviour_charts, behaviour_tables, data, fmt, tables
from ui.export import chart_file, download_table
from ui.frame import frame
from ui.i18n import t
from ui.plots import draw

REQUESTED = "behaviour.requested"
HISTORY_SHARE = 0.4  # of the run's progress bar: 25 month ends rescored against the model's 12 and its paths
RUN = "behaviour.run"  # session state: {"inputs": what it was run with, "outcome", "rulebook"}
REPAIR_RATE = "behaviour.repair_rate"  # the repair rate's widget: empty means "as measured on the data"
ASSUMPTIONS = (
    ("elasticity", "assumption"), ("value_of_time", "assumption"), ("effort", "assumption"),
    ("base_rates", "measured"), ("incentive_value", "rulebook"), ("never_lower", "choice"),
    ("negatives", "assumption"), ("rescored", "engine"), ("added_points", "approximation"),
    ("rule_caps", "approximation"), ("lower_caps", "approximation"), ("repair", "measured"),
    ("cutoffs", "engine"), ("same_draws", "choice"), ("synthetic", "choice"),
)  # fmt: skip

view = frame()
working, rulebook = view.working, view.rulebook
catalogues = load_catalogues()
st.title(t("behaviour.title"))
st.caption(t("behaviour.intro"))

st.subheader(t("behaviour.model_heading"))
st.latex(
    r"p_{i,a,m} = \sigma\!\left(\operatorname{logit} b_a + \varepsilon \cdot \frac{\max(V_i - w\,h_a,\ 0)}{1000}\right)"
)
st.latex(r"\lambda_i = \frac{r}{12} \cdot \frac{e^{-\beta z_i}}{\overline{e^{-\beta z}}}")
st.markdown(t("behaviour.symbols"))
statuses = dict(ASSUMPTIONS)
if st.session_state.get(REPAIR_RATE) is not None:  # a repair rate the reader sets is not the data's
    statuses["repair"] = "assumption"
st.markdown(
    "\n".join(
        "- " + t("behaviour.assume_line", text=t(f"behaviour.assume.{item}"), status=t(f"behaviour.status.{status}"))
        for item, status in statuses.items()
    )
)

st.subheader(t("behaviour.parameters_heading"))
with st.form("behaviour.form"):
    left, middle, right = st.columns(3)
    elasticity = left.number_input(
        t("behaviour.elasticity"), min_value=0.0, max_value=20.0, value=0.5, step=0.1,
        help=t("behaviour.elasticity_help"), key="behaviour.elasticity",
    )  # fmt: skip
    horizon = middle.number_input(
        t("behaviour.horizon"), min_value=1, max_value=60, value=12, step=1, key="behaviour.horizon"
    )
    seed = right.number_input(t("behaviour.seed"), min_value=0, value=0, step=1, key="behaviour.seed")
    repair_rate = st.number_input(
        t("behaviour.repair_rate"), min_value=0.0, max_value=1.0, value=None, step=0.01, format="%.3f",
        placeholder=t("behaviour.repair_rate_empty"), help=t("behaviour.repair_rate_help"), key=REPAIR_RATE,
    )  # fmt: skip
    st.caption(t("behaviour.effort_note"))
    names = behaviour_tables.effort_table(DEFAULT_EFFORT, catalogues)
    edited = st.data_editor(
        names,
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

parameters = Parameters(
    elasticity=float(elasticity),
    horizon_months=int(horizon),
    seed=int(seed),
    effort=behaviour_tables.edited_effort(edited, DEFAULT_EFFORT),
    repair_rate=None if repair_rate is None else float(repair_rate),
)
inputs = (view.people, view.seed, view.as_of, working.hash, parameters)

if st.session_state.pop(REQUESTED, False):  # a flag, not the button's value: it outlives a rerun of the frame
    bar = st.progress(0.0, text=t("behaviour.progress"))
    first = 0.0 if data.kept_history(view.people, view.seed, working.hash) else HISTORY_SHARE
    try:  # the data's own history first, kept per rulebook: a later run with other parameters reads it back
        data.history(
            view.people, view.seed, working.hash, rulebook, lambda f: bar.progress(first * f, t("behaviour.progress"))
        )
    except Refusal:
        st.error(t("behaviour.history.refused"))
    try:
        outcome = simulate(
            view.dataset, rulebook, parameters,
            progress=lambda f: bar.progress(first + (1 - first) * f, t("behaviour.progress")),
        )  # fmt: skip
    except Refusal as refusal:
        st.error(t("behaviour.refused_truth" if refusal.code == "model_truth" else "behaviour.refused"))
    else:
        st.session_state[RUN] = {"inputs": inputs, "outcome": outcome, "rulebook": rulebook}
    bar.empty()

history = data.kept_history(view.people, view.seed, working.hash)
if history is not None:  # the data's own tier shares back through its history, the run's future beside them
    st.subheader(t("behaviour.history.heading"))
    run = st.session_state.get(RUN)
    future = None if run is None or run["inputs"] != inputs else dated_future(run["outcome"].tiers, history.as_of)
    st.caption(behaviour_tables.history_note(history, rulebook, with_future=future is not None))
    draw(
        behaviour_charts.tier_history(history.shares, future, fmt.tier_names(rulebook)),
        key="behaviour.history",
        file=chart_file("behaviour", "tier-history", t("behaviour.history.heading"), working, view.as_of),
    )
    shown = behaviour_tables.history_table(history, rulebook)
    tables.show(shown, behaviour_tables.history_columns(rulebook), key="behaviour.history_table")
    download_table(shown, "behaviour", "tier-history", working, view.as_of, behaviour_tables.history_columns(rulebook))

stored = st.session_state.get(RUN)
if stored is None:
    st.info(t("behaviour.not_run"))
else:
    if stored["inputs"] != inputs:
        st.warning(t("behaviour.stale"))
    outcome, ran = stored["outcome"], stored["rulebook"]
    st.subheader(t("behaviour.tiers_heading"))
    st.caption(t("behaviour.tiers_note"))
    draw(
        behaviour_charts.tier_shares(outcome.tiers, fmt.tier_names(ran)),
        key="behaviour.tiers",
        file=chart_file("behaviour", "tier-shares", t("behaviour.tiers_heading"), working, view.as_of),
    )
    st.subheader(t("behaviour.cost_heading"))
    draw(
        behaviour_charts.cost(outcome.cost),
        key="behaviour.cost",
        file=chart_file("behaviour", "cost", t("behaviour.cost_heading"), working, view.as_of),
    )
    st.subheader(t("behaviour.distribution_heading"))
    st.caption(t("behaviour.distribution_note"))
    draw(
        behaviour_charts.score_fan(outcome.quantiles),
        key="behaviour.fan",
        file=chart_file("behaviour", "score-fan", t("behaviour.distribution_heading"), working, view.as_of),
    )
    periods = {t("behaviour.month_option", month=fmt.count(m)): m for m in sorted(outcome.histogram["month"].unique())}
    picked = st.select_slider(
        t("behaviour.month_pick"), options=list(periods), value=list(periods)[-1], key="behaviour.month"
    )
    shown_month = int(periods[picked])
    histogram_title = t("behaviour.histogram_heading", month=fmt.count(shown_month))
    draw(
        behaviour_charts.score_histogram(outcome.histogram, shown_month),
        key="behaviour.histogram",
        file=chart_file("behaviour", "score-histogram", histogram_title, working, view.as_of),
    )
    quantiles = behaviour_tables.quantiles_table(outcome)
    tables.show(quantiles, decimals=behaviour_tables.quantiles_decimals(), key="behaviour.quantiles")
    download_table(quantiles, "behaviour", "score-quantiles", working, view.as_of)
    st.subheader(t("behaviour.repairs_heading"))
    repair_status = t(f"behaviour.status.{'measured' if outcome.repair_measured else 'assumption'}")
    st.caption(t("behaviour.repairs_note", rate=fmt.percent(outcome.repair_rate, 2), status=repair_status))
    repairs = behaviour_tables.repairs_table(outcome)
    tables.show(repairs, key="behaviour.repairs")
    download_table(repairs, "behaviour", "repairs", working, view.as_of)
    st.subheader(t("behaviour.gains_heading"))
    st.caption(t("behaviour.gains_note"))
    for breakdown in ("district", "key_group"):
        gains = behaviour_tables.gains_table(outcome, breakdown)
        tables.show(
            gains,
            behaviour_tables.gains_columns(gains),
            behaviour_tables.gains_decimals(),
            f"behaviour.gains.{breakdown}",
        )
        download_table(gains, "behaviour", f"gains-{breakdown.replace('_', '-')}", working, view.as_of)

st.subheader(t("behaviour.surface_heading"))
st.caption(t("behaviour.surface_note"))
try:
    surface = gaming_surface(rulebook, catalogues, parameters.effort)
    routes = tier_routes(rulebook, catalogues, view.result.cutoffs, parameters.effort)
except Refusal:
    st.error(t("behaviour.refused"))
else:
    shown = behaviour_tables.surface_table(surface, rulebook, catalogues)
    tables.show(
        shown, behaviour_tables.surface_columns(shown), behaviour_tables.surface_decimals(), key="behaviour.surface"
    )
    download_table(shown, "behaviour", "gaming-surface", working, view.as_of)
    st.subheader(t("behaviour.routes_heading"))
    st.caption(t("behaviour.routes_note"))
    shown = behaviour_tables.routes_table(routes, rulebook, catalogues)
    tables.show(
        shown, behaviour_tables.routes_columns(shown), behaviour_tables.routes_decimals(), key="behaviour.routes"
    )
    download_table(shown, "behaviour", "routes", working, view.as_of)
