"""Red and black lists (issue 13): the lists month by month, their entries and exits, by listing
authority (department), district or key group, with the month's report to the city; credit-repair
participation against the rulebook's target and stretch, time to repair against the publicity
periods and the objections backlog, every rulebook value with its status and source (these last
sections move to the Credit repair and Objections pages)."""

import streamlit as st

from scoring.analyses import list_report
from scoring.analyses.list_events import department_listings, list_events
from scoring.calendar import add_months_to_date
from ui import charts, fmt, list_tables, plots, tables
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
    breakdown = breakdown_picker(t("lists.by"), key="lists.by", options=("district", "department", "key_group"))
period_names = {m: t("lists.period_months", months=m) for m in PERIODS}
with right:
    months = st.segmented_control(
        t("lists.period"), PERIODS, format_func=period_names.__getitem__, required=True, default=12,
        key="lists.period", persist_state="session",
    )  # fmt: skip
first = add_months_to_date(view.as_of.replace(day=1), 1 - months)
st.caption(t("lists.period_note", first=fmt.date(first), as_of=fmt.date(view.as_of)))
by = t(f"dim.{breakdown}")
events = list_events(view.dataset)

st.subheader(t("lists.flows_heading"))
file = chart_file("lists", f"sizes_{breakdown}", t("lists.flows_heading"), working, view.as_of)
if breakdown == "department":
    departments = list(view.dataset.catalogues.department_ids)
    listings = department_listings(view.dataset)
    flows = list_report.department_flows(events, listings, view.compiled.n_people, first, view.as_of, departments)
    plots.draw(charts.list_sizes_by_group(list_tables.sizes_by_group(flows, breakdown)), key="lists.sizes", file=file)
    st.caption(t("lists.department_note"))
else:
    split = view.population[breakdown]
    flows = list_report.flows(events, view.compiled.n_people, first, view.as_of, split.codes, split.ids)
    plots.draw(charts.list_sizes(list_tables.totals(flows)), key="lists.sizes", file=file)
st.caption(t("lists.flows_note"))
last_month = flows["month"].max()
st.markdown(bold(t("lists.report_heading", month=fmt.month(last_month), by=by)))
report = list_tables.report_table(flows[flows["month"] == last_month], breakdown)
tables.show(report, key="lists.report")
download_table(report, "lists", f"report_{breakdown}", working, view.as_of)

st.subheader(t("lists.repair_heading"))
group_by = "district" if breakdown == "department" else breakdown  # a person's own group
split, by = view.population[group_by], t(f"dim.{group_by}")
rows = list_report.participation(events, rulebook, view.compiled.n_people, first, view.as_of, split.codes, split.ids)
total = rows.iloc[-1]
targets = rulebook.repair.targets
one, two, three = st.columns(3)
one.metric(t("lists.repair_metric"), fmt.percent(total["share"]))
two.metric(t("lists.completed_metric"), fmt.percent(total["completed_share"]))
three.metric(t("lists.target_metric"), f"{fmt.percent(targets.share, 0)} / {fmt.percent(targets.stretch, 0)}")
status, source = tables.status_and_source(rulebook, rulebook.repair, "targets")
st.caption(
    t(
        "lists.repair_note", target=fmt.percent(targets.share, 0), stretch=fmt.percent(targets.stretch, 0),
        status=status, source=source,
    )
)  # fmt: skip
groups = rows.iloc[:-1]
labels = [fmt.category(group_by, g) for g in groups["group"]]
behind = [name for name, meets in zip(labels, groups["meets_target"], strict=True) if not meets]
if behind:
    st.warning(t("lists.behind", by=by, names=t("lists.separator").join(behind)))
else:
    st.success(t("lists.all_meet", by=by))
file = chart_file("lists", f"repair_{group_by}", t("lists.repair_heading"), working, view.as_of)
bars = charts.participation_bars(labels, groups["share"].to_numpy(), targets.share, targets.stretch)
plots.draw(bars, key="lists.bars", file=file)
participation = tables.participation_table(rows, group_by)
tables.show(participation, tables.participation_columns(), key="lists.participation")
download_table(participation, "lists", f"repair_{group_by}", working, view.as_of, tables.participation_columns())

st.subheader(t("lists.times_heading"))
status, source = tables.status_and_source(rulebook, rulebook.repair, "min_months")
st.caption(t("lists.times_note", status=status, source=source))
times = tables.repair_times_table(list_report.times(events, rulebook, view.as_of))
median = t("lists.col.median_months")
tables.show(times, decimals={median: 1}, key="lists.times")
download_table(times, "lists", "repair_times", working, view.as_of)

st.subheader(t("lists.objections_heading"))
status, source = tables.status_and_source(rulebook, rulebook.objections, "sla_days")
st.caption(t("lists.objections_note", days=rulebook.objections.sla_days, status=status, source=source))
departments = list(view.dataset.catalogues.department_ids)
backlog = list_report.backlog(events, rulebook, first, view.as_of, departments)
file = chart_file("lists", "objections", t("lists.objections_heading"), working, view.as_of)
plots.draw(charts.backlog_lines(tables.backlog_totals(backlog)), key="lists.backlog", file=file)
st.markdown(bold(t("lists.objections_by")))
objections = tables.backlog_table(backlog)
tables.show(objections, key="lists.objections")
download_table(objections, "lists", "objections", working, view.as_of)

st.subheader(t("lists.values_heading"))
values = tables.rulebook_values_table(rulebook)
tables.show(values, key="lists.values")
download_table(values, "lists", "rulebook_values", working, view.as_of)
