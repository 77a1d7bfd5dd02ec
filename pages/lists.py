"""Lists, joint rewards and punishments (issue 13): the red and black lists month by month with
a monthly report per district or key group, and who the incentives and sanctions reach and what
the incentives cost (credit repair and objections have pages of their own). Every value taken
from the rulebook is shown with its status and source."""

import streamlit as st

from scoring.analyses import list_report
from scoring.analyses.list_events import list_events
from scoring.analyses.rewards import incentive_reach, sanction_reach
from scoring.calendar import add_months_to_date
from ui import charts, fmt, plots, tables
from ui.controls import breakdown_picker
from ui.export import chart_file, download_table
from ui.frame import frame
from ui.i18n import t
from ui.plain import bold

PERIODS = (12, 24, 36)  # months of the reporting period, ending with the as-of date's month

view = frame()
working, rulebook = view.working, view.rulebook
st.title(t("lists.title"))
st.caption(t("lists.intro"))

left, right = st.columns(2)
with left:
    breakdown = breakdown_picker(t("lists.by"), key="lists.by", options=("district", "key_group"))
period_names = {m: t("lists.period_months", months=m) for m in PERIODS}
with right:
    months = st.segmented_control(
        t("lists.period"), PERIODS, format_func=period_names.__getitem__, required=True, default=12,
        key="lists.period", persist_state="session",
    )  # fmt: skip
first = add_months_to_date(view.as_of.replace(day=1), 1 - months)
st.caption(t("lists.period_note", first=fmt.date(first), as_of=fmt.date(view.as_of)))
split = view.population[breakdown]
by = t(f"dim.{breakdown}")
events = list_events(view.dataset)

st.subheader(t("lists.flows_heading"))
flows = list_report.flows(events, view.compiled.n_people, first, view.as_of, split.codes, split.ids)
file = chart_file("lists", f"sizes_{breakdown}", t("lists.flows_heading"), working, view.as_of)
plots.draw(charts.list_sizes(tables.list_totals(flows)), key="lists.sizes", file=file)
st.caption(t("lists.flows_note"))
last_month = flows["month"].max()
st.markdown(bold(t("lists.report_heading", month=fmt.month(last_month), by=by)))
report = tables.list_report_table(flows[flows["month"] == last_month], breakdown)
tables.show(report, key="lists.report")
download_table(report, "lists", f"report_{breakdown}", working, view.as_of)

st.subheader(t("lists.rewards_heading"))
if rulebook.incentives:
    st.caption(t("lists.rewards_note"))
    reach = incentive_reach(view.result, split.codes, split.ids)
    rewards = tables.incentive_reach_table(reach, rulebook)
    tables.show(rewards, tables.incentive_columns(), key="lists.rewards")
    download_table(rewards, "lists", "incentives", working, view.as_of, tables.incentive_columns())
    st.markdown(bold(t("lists.rewards_by", by=by)))
    by_group = tables.incentive_group_table(reach, rulebook, breakdown)
    tables.show(by_group, key="lists.rewards_by")
    download_table(by_group, "lists", f"incentives_{breakdown}", working, view.as_of)
else:
    st.info(t("lists.no_incentives"))

st.subheader(t("lists.sanctions_heading"))
if rulebook.sanctions:
    st.caption(t("lists.sanctions_note"))
    tables.show(tables.sanction_sources(rulebook), key="lists.sanction_sources")
    on_list = {"red": view.compiled.red_list, "black": view.compiled.black_list}
    punished = tables.sanction_table(
        sanction_reach(rulebook.sanctions, on_list, split.codes, split.ids), rulebook, breakdown
    )
    tables.show(punished, key="lists.sanctions")
    download_table(punished, "lists", f"sanctions_{breakdown}", working, view.as_of)
else:
    st.info(t("lists.no_sanctions"))

st.subheader(t("lists.values_heading"))
values = tables.rulebook_values_table(rulebook)
tables.show(values, key="lists.values")
download_table(values, "lists", "rulebook_values", working, view.as_of)
