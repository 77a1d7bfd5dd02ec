"""Predictive validity (issue 16), on synthetic ground truth only: how well the score and the
tiers predict serious dishonesty in the year after the data's as-of date, each figure beside the
null generator's (the same people, records independent of propensity); weights learned from the
data beside the hand-set ones; how stable the score distribution is between two as-of dates or
between a baseline rulebook and the working one; and how far AUC and KS move across generator
seeds. Every figure comes from scoring/validity/."""

import streamlit as st

from scoring.calendar import add_months_to_date, as_of_choices
from scoring.engine import earliest_complete_as_of
from scoring.validity.calibration import calibration_by_tier
from scoring.validity.discrimination import discrimination, roc_points
from scoring.validity.outcome import serious_next_year
from scoring.validity.stability import decile_edges, psi_table, psi_total, tier_edges, verdict
from scoring.validity.weights import DEFAULT_PDO, MIN_EVENTS, learned_weights
from synthetic.spread import validity_spread
from ui import data, fmt, plots, spread, validity_charts, validity_data, validity_reform, validity_tables
from ui.controls import choice_picker
from ui.export import chart_file, download_table
from ui.frame import frame
from ui.i18n import current_language, t
from ui.plain import bold
from ui.tables import show

PAGE = "validity"

view = frame()
working = view.working
lang = current_language()  # bound into format_func: AppTest calls it outside the session
st.title(t("validity.title"))
st.markdown(bold(t("validity.synthetic_only")))
outcome = serious_next_year(view.dataset)
if outcome is None:
    st.info(t("validity.no_truth"))
    st.stop()

# The truth is the year after the data's as-of date, so the score is taken on that date.
truth_date = fmt.to_date(view.dataset.data_as_of)
result = data.scored(view.people, view.seed, truth_date, working.hash, view.rulebook)
st.caption(t("validity.intro", date=fmt.date(truth_date)))

null_dataset, null_result = validity_data.null_scored(view.people, view.seed, working.hash, view.rulebook)
null_outcome = serious_next_year(null_dataset)

st.subheader(t("validity.discrimination_heading"))
real = discrimination(result.score, outcome)
null = discrimination(null_result.score, null_outcome)
columns = st.columns(4)
for column, figure, side, values in (
    (columns[0], "auc", "real", real), (columns[1], "auc", "null", null),
    (columns[2], "ks", "real", real), (columns[3], "ks", "null", null),
):  # fmt: skip
    column.metric(t(f"validity.metric.{figure}", side=t(f"validity.side.{side}")), f"{values[figure]:.3f}")
st.caption(t("validity.direction_note"))
curves = validity_charts.roc_curves(
    roc_points(result.score, outcome), roc_points(null_result.score, null_outcome),
    t("validity.side.real"), t("validity.side.null"),
)  # fmt: skip
plots.draw(curves, key="validity.roc", file=chart_file(PAGE, "roc", t("validity.roc_title"), working, truth_date))
figures = validity_tables.discrimination_table(real, null)
show(figures, decimals=validity_tables.discrimination_decimals(), key="validity.figures")
download_table(figures, PAGE, "discrimination", working, truth_date)

st.subheader(t("validity.calibration_heading"))
calibration = calibration_by_tier(result.tier, outcome, result.tier_ids)
null_calibration = calibration_by_tier(null_result.tier, null_outcome, null_result.tier_ids)
table = validity_tables.calibration_table(calibration, null_calibration, view.rulebook)
bars = validity_charts.paired_bars(
    table[t("col.tier")], calibration["rate"].to_numpy(), null_calibration["rate"].to_numpy(),
    (t("validity.side.real"), t("validity.side.null")), t("validity.rate_axis"), t("col.tier"),
)  # fmt: skip
plots.draw(bars, key="validity.calibration_chart",
           file=chart_file(PAGE, "calibration", t("validity.calibration_heading"), working, truth_date))  # fmt: skip
st.caption(t("validity.calibration_note"))
columns = validity_tables.calibration_columns()
show(table, columns, key="validity.calibration")
download_table(table, PAGE, "calibration", working, truth_date, columns)

st.subheader(t("validity.weights_heading"))
pdo = st.number_input(t("validity.pdo"), min_value=1.0, max_value=500.0, value=DEFAULT_PDO, step=5.0,
                      key="validity.pdo", help=t("validity.pdo_help"))  # fmt: skip
with st.spinner(t("validity.weights_fitting")):
    weights = learned_weights(result, outcome, pdo=float(pdo))
learned = validity_tables.weights_table(weights, view.rulebook)
dots = validity_charts.weight_dots(
    learned, t("validity.col.rule"), t("validity.col.hand_points"), t("validity.col.learned_points")
)
plots.draw(dots, key="validity.weights_chart",
           file=chart_file(PAGE, "weights", t("validity.weights_heading"), working, truth_date))  # fmt: skip
st.caption(t("validity.weights_note", pdo=fmt.number(float(pdo), 1), events=MIN_EVENTS))
show(learned, decimals=validity_tables.weights_decimals(), key="validity.weights")
download_table(learned, PAGE, "weights", working, truth_date)

st.subheader(t("validity.stability_heading"))
# One index at a time: both read the same way (bins, verdict, two bars per bin), so a choice keeps
# one chart and one table where two sub-sections would set two near-identical ones one above the other.
between = choice_picker(t("validity.psi_reform.between"), ("dates", "reform"), key="validity.psi_between",
                        prefix="validity.psi_reform.mode")  # fmt: skip
earliest = earliest_complete_as_of(view.dataset, view.rulebook)
earlier = [d for d in as_of_choices(earliest, view.as_of) if d < view.as_of]
if between == "reform":
    validity_reform.section(view, PAGE)
elif not earlier:
    st.info(t("validity.stability_no_earlier", date=fmt.date(view.as_of)))
else:
    year_before = add_months_to_date(view.as_of, -12)
    default = min(range(len(earlier)), key=lambda i: abs((earlier[i] - year_before).days))
    left, right = st.columns(2)
    since = left.selectbox(
        t("validity.stability_since"), earlier, index=default, format_func=lambda d: fmt.date(d, lang),
        key="validity.since",
    )  # fmt: skip
    bins = right.segmented_control(
        t("validity.stability_bins"), ("tiers", "deciles"), default="tiers", required=True,
        format_func=lambda b: t(f"validity.bins.{b}", lang), key="validity.bins",
    )  # fmt: skip
    before = data.scored(view.people, view.seed, since, working.hash, view.rulebook)
    edges = tier_edges(before.cutoffs) if bins == "tiers" else decile_edges(before.score)
    psi = psi_table(before.score, view.result.score, edges)
    value = psi_total(psi)
    st.metric(t("validity.psi", since=fmt.date(since), as_of=fmt.date(view.as_of)), f"{value:.3f}")
    st.markdown(bold(t(f"validity.verdict.{verdict(value)}")))
    then, now = fmt.date(since), fmt.date(view.as_of)
    shifts = validity_tables.stability_table(psi, then, now)
    bin_column = t("validity.col.bin")
    chart = validity_charts.paired_bars(
        validity_tables.chart_bins(psi, shifts), psi["other_share"].to_numpy(), psi["baseline_share"].to_numpy(),
        (now, then),
        t("validity.share_axis"), bin_column,
    )  # fmt: skip
    file = chart_file(PAGE, f"stability_{bins}", t("validity.stability_heading"), working, view.as_of)
    plots.draw(chart, key="validity.stability_chart", file=file)
    st.caption(t("validity.stability_note"))
    columns = validity_tables.stability_columns(then, now)
    show(shifts, columns, decimals=validity_tables.stability_decimals(), key="validity.stability")
    download_table(shifts, PAGE, f"stability_{bins}", working, view.as_of, columns)

st.subheader(t("validity.spread_heading"))
st.caption(t("validity.spread_intro"))
size = st.selectbox(t("frame.size"), data.size_options(), index=data.size_options().index(view.people),
                    format_func=lambda n: fmt.count(n, lang), key="validity.spread_people")  # fmt: skip
seeds = spread.seeds_input("validity.spread", view.seed)
if seeds is not None:
    question = (size, tuple(seeds), working.hash)
    kept = {view.seed: view.dataset} if size == view.people else {}
    spread_figures = spread.when_asked(
        "validity.spread", question, size, lambda report: validity_spread(size, seeds, view.rulebook, report, kept)
    )
    if spread_figures is not None:
        shown = spread.spread_table(spread_figures, "validity.col.figure", "validity.figure")
        show(shown, decimals={c: 3 for c in shown.columns[1:]}, key="validity.spread_table")
        download_table(shown, PAGE, "seed_spread", working, truth_date)
