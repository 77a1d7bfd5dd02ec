"""Fairness without a label (issue 16): how each group fares under the rulebook (rates, ratios
to a reference group, the four-fifths rule), which rules drive a group's score gap, and how much
of it comes from the record types only some groups can have. Predictive validity will follow as
a section of its own below these. Every figure comes from scoring/fairness/."""

import streamlit as st

from scoring.analyses.small_cells import DEFAULT_MINIMUM
from scoring.engine import score
from scoring.fairness.decomposition import score_gap_by_rule
from scoring.fairness.density import SOURCES as DENSITY_SOURCES
from scoring.fairness.density import applicable_types, common_rulebook, propensity_of, record_density
from scoring.fairness.disparity import disparity, furthest, largest_group, undefined_ratios
from scoring.fairness.groups import attribute, attribute_choices
from scoring.fairness.judge import any_hidden, four_fifths, hide_small, hide_small_gaps
from scoring.fairness.metrics import DEFAULT_TOP_TIERS, group_metrics
from ui import data, fairness_charts, fairness_tables, fmt, plots
from ui.export import chart_file, download_table
from ui.frame import frame
from ui.i18n import t
from ui.tables import show

PAGE = "fairness"

view = frame()
working, result = view.working, view.result
st.title(t("fairness.title"))
st.caption(t("fairness.intro"))

choices = attribute_choices()
labels = [fairness_tables.attribute_label(c) for c in choices]
left, middle, right = st.columns(3)
chosen = left.selectbox(
    t("fairness.attribute"), range(len(choices)), format_func=labels.__getitem__, key="fairness.attribute"
)
parts = choices[chosen]
name = "_".join(parts)
groups = attribute(view.population, parts)
population = view.people
# A real population's small cells can point at people; a synthetic one has no one to protect.
least = int(
    right.number_input(
        t("cmp.minimum_cell"), min_value=1, max_value=population, step=1, key="fairness.minimum",
        value=1 if view.dataset.is_synthetic else min(DEFAULT_MINIMUM, population),
        help=t("fairness.minimum_help", people=fmt.count(population)),
    )
)  # fmt: skip
exact = group_metrics(result, groups)
# one rule for every table, chart and download below: groups under the minimum left out, small counts hidden
shown = hide_small(exact, least)
if shown.empty:
    st.info(t("fairness.nobody_shown", minimum=least))
    st.stop()
group_names = dict(zip(shown.index, fairness_tables.group_labels(parts, shown.index), strict=True))
reference = middle.selectbox(
    t("fairness.reference"), list(shown.index), index=list(shown.index).index(largest_group(shown)),
    format_func=group_names.__getitem__, key=f"fairness.reference.{name}", help=t("fairness.reference_help"),
)  # fmt: skip
top_names = list(fmt.tier_names(view.rulebook).values())
st.caption(t("fairness.tiers_note", top=t("lists.separator").join(top_names[:DEFAULT_TOP_TIERS]), bottom=top_names[-1]))

st.subheader(t("fairness.rates_heading"))
ratios = disparity(shown, reference)
flags = four_fifths(ratios)
table = fairness_tables.metrics_table(shown, ratios, parts)
charted = furthest(ratios, fairness_charts.ROWS)
file = chart_file(PAGE, f"ratios_{name}", t("fairness.rates_heading"), working, view.as_of)
by_group = fairness_tables.ratio_frame(ratios.loc[charted], parts)
dots = fairness_charts.ratio_dots(by_group, fairness_tables.flagged_ratios(flags.loc[charted], parts))
plots.draw(dots, key="fairness.ratio_chart", file=file)
st.caption(t("fairness.four_fifths_note", reference=group_names[reference]))
if len(charted) < len(shown):
    st.caption(t("fairness.furthest_note", shown=len(charted), groups=len(shown)))
undefined = undefined_ratios(shown, reference)
if undefined:
    rates = t("lists.separator").join(fairness_tables.rate_name(r) for r in undefined)
    st.caption(t("fairness.undefined_note", rates=rates, reference=group_names[reference]))
left_out = int((exact["people"] > 0).sum()) - len(shown)
if left_out or any_hidden(shown):
    st.caption(t("fairness.hidden_note", minimum=least, left=left_out, groups=left_out + len(shown)))
columns = fairness_tables.metrics_columns()
show(
    table, columns, decimals=fairness_tables.metrics_decimals(), key="fairness.rates",
    highlight=fairness_tables.metrics_flags(table, flags),
)  # fmt: skip
download_table(table, PAGE, f"rates_{name}", working, view.as_of, columns)

st.subheader(t("fairness.gap_heading"))
others = [g for g in shown.index if g != reference] or [reference]
group = st.selectbox(t("fairness.group"), others, format_func=group_names.__getitem__, key=f"fairness.group.{name}")
if shown.loc[[group, reference], "scored"].isna().any():
    st.info(t("fairness.gap_hidden", minimum=least))
elif exact.loc[group, "scored"] == 0 or exact.loc[reference, "scored"] == 0:
    st.info(t("fairness.gap_nobody"))
else:
    rows = hide_small_gaps(score_gap_by_rule(result, groups, group, reference), least)
    gaps = fairness_tables.decomposition_table(rows, view.rulebook)
    file = chart_file(PAGE, f"gap_{name}", t("fairness.gap_heading"), working, view.as_of)
    source, gap = t("fairness.col.source"), t("fairness.col.gap")
    plots.draw(fairness_charts.gap_bars(gaps, source, gap), key="fairness.gap_chart", file=file)
    st.caption(t("fairness.gap_note", group=group_names[group], reference=group_names[reference]))
    show(gaps, decimals=fairness_tables.decomposition_decimals(), key="fairness.gaps")
    download_table(gaps, PAGE, f"gap_{name}", working, view.as_of)

st.subheader(t("fairness.density_heading"))
common = score(view.compiled, common_rulebook(view.rulebook, view.compiled.catalogues))
density = record_density(
    result, common, groups, applicable_types(view.compiled.catalogues, view.compiled.group_codes),
    data.recorded_types(view.people, view.seed, view.as_of), propensity_of(view.dataset),
)  # fmt: skip
densities = fairness_tables.density_table(hide_small(density, least, DENSITY_SOURCES), parts)
show(densities, decimals=fairness_tables.density_decimals(densities), key="fairness.density")
download_table(densities, PAGE, f"density_{name}", working, view.as_of)
st.caption(t("fairness.density_note"))
st.caption(t("fairness.propensity_note" if view.dataset.truth is not None else "fairness.no_truth"))
