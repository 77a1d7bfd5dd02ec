"""Incentive effects (issue 15): the behavioural response model written out with every
assumption and its status, its parameters in a form run on demand (the result kept with the
inputs it was run with), tier shares and the incentives' cost month by month beside the
no-response path, the score distribution month by month (a fan per path, a histogram for the
month the reader picks) and the credit repairs the model draws, who gains most at the horizon,
the gaming surface and the cheapest route from each tier to the next.

The form shows the stored run's parameters when the reader comes back from another page
(Streamlit forgets an unrendered widget's value), the results say which parameters produced them,
and a warning names the sections that are from an earlier run when the inputs have changed."""

import streamlit as st

from scoring.behaviour.effort import DEFAULT_EFFORT
from scoring.behaviour.gaming import gaming_surface, tier_routes
from scoring.behaviour.history import dated_future
from scoring.behaviour.model import Parameters, progress_month, simulate
from scoring.behaviour.totals import horizon_cost
from scoring.catalogues import load_catalogues
from scoring.problems import Refusal
from ui import behaviour_charts, behaviour_tables, data, fmt, tables
from ui.export import chart_file, described, download_table
from ui.frame import frame
from ui.i18n import current_language, t
from ui.plain import bold, bullets
from ui.plots import draw
from ui.rule_names import join

REQUESTED = "behaviour.requested"
RUN = "behaviour.run"  # session state: {"inputs": what it was run with, "outcome", "rulebook"}
RUN_SECTIONS = ("tiers_heading", "cost_heading", "distribution_heading", "repairs_heading", "gains_heading")
REPAIR_RATE = "behaviour.repair_rate"  # the repair rate's widget: empty means "as measured on the data"
SYMBOLS = (  # the formulas' symbols, each defined in words below them
    ("p_{i,a,m}", "p"), (r"\sigma,\ \operatorname{logit}", "sigma"), ("b_a", "b"), (r"\varepsilon", "eps"),
    ("V_i", "V"), ("w", "w"), ("h_a", "h"), (r"\lambda_i", "lambda"), ("r", "r"), ("z_i", "z"), (r"\beta", "beta"),
    (r"\overline{e^{-\beta z}}", "bar"),
)  # fmt: skip
ASSUMPTIONS = (
    ("elasticity", "assumption"), ("value_of_time", "assumption"), ("effort", "assumption"),
    ("base_rates", "measured"), ("incentive_value", "assumption"), ("never_lower", "choice"),
    ("conferred", "measured"), ("yearly_value", "approximation"),
    ("negatives", "assumption"), ("rescored", "engine"), ("added_points", "approximation"),
    ("rule_caps", "engine"), ("lower_caps", "approximation"), ("repair", "measured"),
    ("cutoffs", "engine"), ("same_draws", "choice"), ("drift", "approximation"), ("synthetic", "choice"),
)  # fmt: skip


def run_section(heading: str, current: bool) -> None:
    """A heading of the run's results, marked as the earlier run's when the inputs have changed."""
    st.subheader(t(f"behaviour.{heading}"))
    if not current:
        st.caption(t("behaviour.stale_mark"))


view = frame()
working, rulebook = view.working, view.rulebook
catalogues = load_catalogues()
st.title(t("behaviour.title"))
st.caption(t("behaviour.intro"))

stored = st.session_state.get(RUN)
kept = stored["inputs"][-1] if stored is not None else Parameters()  # the form's values, kept across pages

st.subheader(t("behaviour.model_heading"))
st.markdown(t("behaviour.summary"))
st.latex(
    r"p_{i,a,m} = \sigma\!\left(\operatorname{logit} b_a + \varepsilon \cdot \frac{\max(V_i - w\,h_a,\ 0)}{1000}\right)"
)
st.latex(r"\lambda_i = \frac{r}{12} \cdot \frac{e^{-\beta z_i}}{\overline{e^{-\beta z}}}")
st.markdown(t("behaviour.symbols"))
st.latex(  # a legend in notation, as the formulas are: each symbol beside what it stands for
    r"\begin{array}{ll}"
    + r" \\ ".join(rf"{symbol} & \text{{{t(f'behaviour.symbol.{key}')}}}" for symbol, key in SYMBOLS)
    + r"\end{array}"
)
statuses = dict(ASSUMPTIONS)
if st.session_state.get(REPAIR_RATE, kept.repair_rate) is not None:  # a repair rate the reader sets is not the data's
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
        t("behaviour.elasticity"), min_value=0.0, max_value=20.0, value=kept.elasticity, step=0.1,
        help=t("behaviour.elasticity_help"), key="behaviour.elasticity",
    )  # fmt: skip
    horizon = middle.number_input(
        t("behaviour.horizon"), min_value=1, max_value=60, value=kept.horizon_months, step=1, key="behaviour.horizon"
    )
    seed = right.number_input(t("behaviour.seed"), min_value=0, value=kept.seed, step=1, key="behaviour.seed")
    repair_rate = st.number_input(
        t("behaviour.repair_rate"), min_value=0.0, max_value=1.0, value=kept.repair_rate, step=0.01, format="%.3f",
        placeholder=t("behaviour.repair_rate_empty"), help=t("behaviour.repair_rate_help"), key=REPAIR_RATE,
    )  # fmt: skip
    st.caption(t("behaviour.effort_note"))
    names = behaviour_tables.effort_table(kept.effort, catalogues)
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

horizon_months = parameters.horizon_months
if st.session_state.pop(REQUESTED, False):  # a flag, not the button's value: it outlives a rerun of the frame
    bar = st.progress(0.0, text=t("behaviour.progress", month=1, horizon=horizon_months))
    history_ahead = data.history(view.people, view.seed, working.hash, rulebook)  # kept per rulebook, built beside
    try:
        outcome = simulate(
            view.dataset, rulebook, parameters,
            progress=lambda f: bar.progress(
                f, t("behaviour.progress", month=progress_month(f, horizon_months), horizon=horizon_months)
            ),
        )  # fmt: skip
    except Refusal as refusal:
        st.error(t("behaviour.refused_truth" if refusal.code == "model_truth" else "behaviour.refused"))
    else:
        named = described(working)  # the rulebook as the results' line and downloads name it
        st.session_state[RUN] = {"inputs": inputs, "outcome": outcome, "rulebook": rulebook, "named": named}
    bar.progress(1.0, t("behaviour.progress_history"))  # the history, if its build outlasts the model's months
    try:
        history_ahead.result()
    except Refusal:
        st.error(t("behaviour.history.refused"))
    bar.empty()

stored = st.session_state.get(RUN)
facts = None if stored is None else behaviour_tables.run_facts(stored, DEFAULT_EFFORT)
current = stored is not None and stored["inputs"] == inputs
history = data.kept_history(view.people, view.seed, working.hash)
st.subheader(t("behaviour.history.heading"))
if history is None:  # scored per rulebook when the model runs: a changed rulebook has none yet
    st.caption(t("behaviour.history.pending"))
else:  # the data's own tier shares back through its history, the run's future beside them when current
    future = dated_future(stored["outcome"].tiers, history.as_of) if current else None
    st.caption(behaviour_tables.history_note(history, rulebook, with_future=future is not None))
    draw(
        behaviour_charts.tier_history(history.shares, future, fmt.tier_names(rulebook)),
        key="behaviour.history",
        file=chart_file(
            "behaviour",
            "tier-history",
            t("behaviour.history.heading"),
            working,
            view.as_of,
            notes=facts if future is not None else None,
        ),  # fmt: skip
    )
    shown = behaviour_tables.history_table(history, rulebook)
    tables.show(shown, behaviour_tables.history_columns(rulebook), key="behaviour.history_table")
    download_table(shown, "behaviour", "tier-history", working, view.as_of, behaviour_tables.history_columns(rulebook))

if stored is None:
    st.info(t("behaviour.not_run"))
else:
    if not current:
        lang = current_language()
        sections = join([t("behaviour.quoted", heading=t(f"behaviour.{h}")) for h in RUN_SECTIONS], lang)
        st.warning(t("behaviour.stale", sections=sections))
    separator = "；" if current_language() == "zh-CN" else "; "
    st.caption(
        t("behaviour.ran_with", facts=separator.join(t("behaviour.fact", name=k, value=v) for k, v in facts.items()))
    )
    outcome, ran = stored["outcome"], stored["rulebook"]
    run_section("tiers_heading", current)
    st.caption(t("behaviour.tiers_note"))
    draw(
        behaviour_charts.tier_shares(outcome.tiers, fmt.tier_names(ran)),
        key="behaviour.tiers",
        file=chart_file("behaviour", "tier-shares", t("behaviour.tiers_heading"), working, view.as_of, notes=facts),
    )
    shares = behaviour_tables.tier_shares_table(outcome, ran)
    with st.expander(t("behaviour.tiers_table")):
        tables.show(shares, behaviour_tables.tier_shares_columns(ran), key="behaviour.tiers_table")
    download_table(
        shares, "behaviour", "tier-shares", working, view.as_of, behaviour_tables.tier_shares_columns(ran), notes=facts
    )
    run_section("cost_heading", current)
    totals = horizon_cost(outcome)
    for column, figure in zip(st.columns(3), ("simulated", "no_response", "response"), strict=True):
        written = fmt.money(totals[figure])
        column.metric(
            t(f"behaviour.total.{figure}", months=fmt.count(horizon_months)),
            t("behaviour.signed", amount=written) if figure == "response" and totals[figure] > 0 else written,
        )
    draw(
        behaviour_charts.cost(outcome.cost),
        key="behaviour.cost",
        file=chart_file("behaviour", "cost", t("behaviour.cost_heading"), working, view.as_of, notes=facts),
    )
    run_section("distribution_heading", current)
    st.caption(t("behaviour.distribution_note"))
    draw(
        behaviour_charts.score_fan(outcome.quantiles),
        key="behaviour.fan",
        file=chart_file(
            "behaviour", "score-fan", t("behaviour.distribution_heading"), working, view.as_of, notes=facts
        ),
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
        file=chart_file("behaviour", "score-histogram", histogram_title, working, view.as_of, notes=facts),
    )
    st.markdown(bold(t("behaviour.quantiles_heading")))
    quantiles = behaviour_tables.quantiles_table(outcome)
    tables.show(quantiles, decimals=behaviour_tables.quantiles_decimals(), key="behaviour.quantiles")
    download_table(quantiles, "behaviour", "score-quantiles", working, view.as_of, notes=facts)
    run_section("repairs_heading", current)
    repair_status = t(f"behaviour.status.{'measured' if outcome.repair_measured else 'assumption'}")
    st.caption(t("behaviour.repairs_note", rate=fmt.percent(outcome.repair_rate, 2), status=repair_status))
    repairs = behaviour_tables.repairs_table(outcome)
    tables.show(repairs, key="behaviour.repairs")
    download_table(repairs, "behaviour", "repairs", working, view.as_of, notes=facts)
    run_section("gains_heading", current)
    st.caption(t("behaviour.gains_note"))
    for breakdown in ("district", "key_group"):
        st.markdown(bold(t(f"behaviour.gains.{breakdown}_heading")))
        gains = behaviour_tables.gains_table(outcome, breakdown)
        tables.show(
            gains,
            behaviour_tables.gains_columns(gains),
            behaviour_tables.gains_decimals(),
            f"behaviour.gains.{breakdown}",
        )
        download_table(gains, "behaviour", f"gains-{breakdown.replace('_', '-')}", working, view.as_of, notes=facts)

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
    effort_note = {t("behaviour.fact_effort"): behaviour_tables.effort_summary(parameters.effort, DEFAULT_EFFORT)}
    download_table(shown, "behaviour", "gaming-surface", working, view.as_of, notes=effort_note)
    st.subheader(t("behaviour.routes_heading"))
    st.caption(t("behaviour.routes_note"))
    shown = behaviour_tables.routes_table(routes, rulebook)
    tables.show(
        shown, behaviour_tables.routes_columns(shown), behaviour_tables.routes_decimals(), key="behaviour.routes"
    )
    st.markdown(bold(t("behaviour.routes_actions")))
    st.markdown(bullets(behaviour_tables.route_lines(routes, rulebook, catalogues)))
    with_actions = shown.assign(**{t("behaviour.col.actions"): behaviour_tables.route_actions(routes, catalogues)})
    download_table(with_actions, "behaviour", "routes", working, view.as_of, notes=effort_note)
