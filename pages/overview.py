"""Overview: who is scored, how tiers and lists fall, coverage of the key groups, districts."""

import streamlit as st

from scoring.analyses import summaries
from ui import charts, fmt, tables
from ui.export import download_table
from ui.frame import frame
from ui.i18n import t

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
st.plotly_chart(charts.tier_bars(tiers))
download_table(tiers, "overview", "tiers", view.working, view.as_of, tables.tier_columns())

st.subheader(t("overview.coverage_heading"))
groups = view.population["key_group"]
coverage = tables.coverage_table(summaries.coverage(groups.codes, result.eligible, groups.ids))
tables.show(coverage, tables.coverage_columns())
st.caption(t("overview.coverage_caption"))
download_table(coverage, "overview", "key_group_coverage", view.working, view.as_of, tables.coverage_columns())

st.subheader(t("overview.districts_heading"))
districts = view.population["district"]
ranking = tables.labelled(
    summaries.mean_score(result.score, result.eligible, districts.codes, districts.ids), "district"
)
base = view.rulebook.score.base
st.plotly_chart(charts.ranked_bars(ranking, "mean", tables.count_hover(ranking), t("col.mean"), origin=base))
st.caption(t("overview.districts_caption", base=f"{base:g}"))
download_table(tables.district_table(ranking), "overview", "districts", view.working, view.as_of)
