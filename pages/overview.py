"""Overview: who is scored, how tiers and lists fall, districts and key groups ranked (mean, tier
mix, red and black list counts), coverage of the key groups."""

import streamlit as st

from scoring.analyses import summaries
from ui import charts, fmt, plots, tables
from ui.controls import choice_picker
from ui.export import chart_file, download_table
from ui.frame import View, frame
from ui.i18n import t
from ui.plain import bold

RANKED = {"district": "districts", "key_group": "key_groups"}  # breakdown: its download's table name


@st.fragment
def ranked_section(view: View) -> None:
    """Districts or key groups (one click apart) ranked by mean score, their tier mix, and a
    sortable table with the red and black list counts of each."""
    by = choice_picker(t("overview.rank_by"), list(RANKED), key="overview.rank_by", prefix="dim")
    split, result = view.population[by], view.result
    profile = tables.labelled(
        summaries.group_profile(
            result.score, result.eligible, result.tier, result.tier_ids, split.codes, split.ids,
            result.red_list, result.black_list,
        ),
        by,
    )  # fmt: skip
    base = view.rulebook.score.base
    hover = tables.count_hover(profile)
    file = chart_file("overview", f"{RANKED[by]}_mean", t("overview.groups_heading"), view.working, view.as_of)
    plots.draw(charts.ranked_bars(profile, "mean", hover, t("col.mean"), origin=base), key="overview.ranked", file=file)
    st.caption(t("overview.mean_caption", base=f"{base:g}"))
    names = fmt.tier_names(view.rulebook)
    st.markdown(bold(t("overview.mix_heading")))
    file = chart_file("overview", f"{RANKED[by]}_tier_mix", t("overview.mix_heading"), view.working, view.as_of)
    plots.draw(charts.tier_mix(profile, names, t("overview.mix_axis")), key="overview.mix", file=file)
    table, columns = tables.group_profile_table(profile, t(f"dim.{by}"), names), tables.group_profile_columns(names)
    tables.show(table, columns, decimals={t("col.mean"): 2})
    st.caption(t("overview.table_caption"))
    download_table(table, "overview", RANKED[by], view.working, view.as_of, columns)


view = frame()
st.title(t("overview.title"))
result = view.result

people, scored = view.compiled.n_people, int(result.eligible.sum())
cols = st.columns(5)
cols[0].metric(t("overview.people"), fmt.count(people))
cols[1].metric(
    t("overview.scored"), fmt.count(scored), fmt.percent(scored / people), delta_color="off", delta_arrow="off"
)
cols[2].metric(
    t("overview.unscored"),
    fmt.count(people - scored),
    fmt.percent(1 - scored / people),
    delta_color="off",
    delta_arrow="off",
    help=t("overview.unscored_help"),
)
cols[3].metric(t("overview.red_list"), fmt.count(result.red_list.sum()), help=t("overview.lists_help"))
cols[4].metric(t("overview.black_list"), fmt.count(result.black_list.sum()), help=t("overview.lists_help"))

st.subheader(t("overview.tiers_heading"))
tiers = tables.tier_table(summaries.tier_counts(result.tier, result.tier_ids).iloc[0], fmt.tier_names(view.rulebook))
file = chart_file("overview", "tiers", t("overview.tiers_heading"), view.working, view.as_of)
plots.draw(charts.tier_bars(tiers), key="overview.tiers", file=file)
download_table(tiers, "overview", "tiers", view.working, view.as_of, tables.tier_columns())


st.subheader(t("overview.groups_heading"))
ranked_section(view)

st.subheader(t("overview.coverage_heading"))
groups = view.population["key_group"]
coverage = tables.coverage_table(summaries.coverage(groups.codes, result.eligible, groups.ids))
tables.show(coverage, tables.coverage_columns())
st.caption(t("overview.coverage_caption"))
download_table(coverage, "overview", "key_group_coverage", view.working, view.as_of, tables.coverage_columns())
