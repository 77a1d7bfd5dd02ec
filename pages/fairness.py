"""Fairness without a label (issue 16): how each group fares under the rulebook (rates, ratios
to a reference group, the four-fifths rule), which rules drive a group's score gap, and how much
of it comes from the record types only some groups can have. Predictive validity will follow as
a section of its own below these. Every figure comes from scoring/fairness/."""

import streamlit as st

from scoring.analyses.small_cells import DEFAULT_MINIMUM
from scoring.engine import score
from scoring.fairness.decomposition import score_gap_by_rule
from scoring.fairness.density import applicable_types, common_rulebook, propensity_of, record_density
from scoring.fairness.disparity import disparity, largest_group
from scoring.fairness.groups import attribute, attribute_choices
from scoring.fairness.judge import any_hidden, four_fifths, hide_small
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
exact = group_metrics(result, groups)
present = [i for i, people in enumerate(exact["people"]) if people > 0]
group_names = fairness_tables.group_labels(parts, exact.index)
largest = exact.index.get_loc(largest_group(exact))
reference_at = middle.selectbox(
    t("fairness.reference"), present, index=present.index(largest), format_func=group_names.__getitem__,
    key=f"fairness.reference.{name}", help=t("fairness.reference_help"),
)  # fmt: skip
# A real population's small cells can point at people; a synthetic one has no one to protect.
least = right.number_input(
    t("cmp.minimum_cell"), min_value=1, max_value=1000, step=1, key="fairness.minimum",
    value=1 if view.dataset.is_synthetic else DEFAULT_MINIMUM, help=t("cmp.minimum_help"),
)  # fmt: skip
reference = exact.index[reference_at]
top_names = list(fmt.tier_names(view.rulebook).values())
st.caption(t("fairness.tiers_note", top=t("lists.separator").join(top_names[:DEFAULT_TOP_TIERS]), bottom=top_names[-1]))

st.subheader(t("fairness.rates_heading"))
shown = hide_small(exact, int(least))
ratios = disparity(shown, reference)
flags = four_fifths(ratios)
table = fairness_tables.metrics_table(shown, ratios, parts)
file = chart_file(PAGE, f"ratios_{name}", t("fairness.rates_heading"), working, view.as_of)
by_group, flagged = fairness_tables.ratio_frame(ratios, parts), fairness_tables.flagged_ratios(flags, parts)
dots = fairness_charts.ratio_dots(by_group, flagged)
plots.draw(dots, key="fairness.ratio_chart", file=file)
st.caption(t("fairness.four_fifths_note", reference=group_names[reference_at]))
if any_hidden(shown):
    st.caption(t("cmp.hidden_note", minimum=int(least)))
columns = fairness_tables.metrics_columns()
show(
    table, columns, decimals=fairness_tables.metrics_decimals(), key="fairness.rates",
    highlight=fairness_tables.metrics_flags(table, flags),
)  # fmt: skip
download_table(table, PAGE, f"rates_{name}", working, view.as_of, columns)

st.subheader(t("fairness.gap_heading"))
others = [i for i in present if i != reference_at] or present
group_at = st.selectbox(t("fairness.group"), others, format_func=group_names.__getitem__, key=f"fairness.group.{name}")
if shown["scored"].iloc[[group_at, reference_at]].isna().any():
    st.info(t("fairness.gap_hidden", minimum=int(least)))
elif exact["scored"].iloc[group_at] == 0 or exact["scored"].iloc[reference_at] == 0:
    st.info(t("fairness.gap_nobody"))
else:
    rows = score_gap_by_rule(result, groups, exact.index[group_at], reference)
    gaps = fairness_tables.decomposition_table(rows, view.rulebook)
    file = chart_file(PAGE, f"gap_{name}", t("fairness.gap_heading"), working, view.as_of)
    source, gap = t("fairness.col.source"), t("fairness.col.gap")
    plots.draw(fairness_charts.gap_bars(gaps, source, gap), key="fairness.gap_chart", file=file)
    st.caption(t("fairness.gap_note", group=group_names[group_at], reference=group_names[reference_at]))
    show(gaps, decimals=fairness_tables.decomposition_decimals(), key="fairness.gaps")
    download_table(gaps, PAGE, f"gap_{name}", working, view.as_of)

st.subheader(t("fairness.density_heading"))
common = score(view.compiled, common_rulebook(view.rulebook, view.compiled.catalogues))
density = record_density(
    result, common, groups, applicable_types(view.compiled.catalogues, view.compiled.group_codes),
    data.recorded_types(view.people, view.seed, view.as_of), propensity_of(view.dataset),
)  # fmt: skip
# a group of fewer people than the minimum is left out whole: every figure here is a mean over it
densities = fairness_tables.density_table(density[shown["people"].notna().to_numpy()], parts)
show(densities, decimals=fairness_tables.density_decimals(densities), key="fairness.density")
download_table(densities, PAGE, f"density_{name}", working, view.as_of)
st.caption(t("fairness.density_note"))
st.caption(t("fairness.propensity_note" if view.dataset.truth is not None else "fairness.no_truth"))
