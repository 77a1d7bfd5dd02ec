"""Objections (issue 13): the backlog month by month (open at each month's end, overdue) and
the time to answer against the rulebook's limit in days, by the department that decided the
disputed record or by the disputed person's district; objections still open past the limit
named. The limit is shown with its status and source. Then the records the engine suspends from
scoring on the as-of date because their objection is open, the people affected, and the mean
score and tier shares with and without the suspensions."""

import streamlit as st

from scoring.analyses import list_report
from scoring.analyses.list_events import list_events
from scoring.analyses.suspensions import scores_without_suspensions, suspended_records, suspension_effect
from scoring.calendar import add_months_to_date
from ui import charts, fmt, objection_tables, plots, tables
from ui.controls import choice_picker, period_picker, related_pages
from ui.export import chart_file, download_table
from ui.frame import frame
from ui.i18n import t
from ui.plain import bold

view = frame()
working, rulebook = view.working, view.rulebook
st.title(t("objections.title"))
st.caption(t("objections.intro"))
related_pages("lists", "repair")

left, right = st.columns(2)
with left:
    breakdown = choice_picker(t("lists.by"), ("department", "district"), "objections.by", prefix="objections.by")
with right:
    months = period_picker("objections.period")
first = add_months_to_date(view.as_of.replace(day=1), 1 - months)
st.caption(t("lists.period_note", first=fmt.date(first), as_of=fmt.date(view.as_of)))
sla = rulebook.objections.sla_days
status, source = tables.status_and_source(rulebook, rulebook.objections, "sla_days")
st.caption(t("objections.limit_note", days=sla, status=status, source=source))
if breakdown == "department":
    labels, person_codes = list(view.dataset.catalogues.department_ids), None
else:
    labels, person_codes = list(view.population["district"].ids), view.population["district"].codes
events = list_events(view.dataset)

st.subheader(t("objections.backlog_heading"))
backlog = list_report.backlog(events, rulebook, first, view.as_of, labels, person_codes)
file = chart_file("objections", "backlog", t("objections.backlog_heading"), working, view.as_of)
plots.draw(charts.backlog_lines(objection_tables.backlog_totals(backlog)), key="objections.backlog", file=file)
by = t("col.department") if breakdown == "department" else t("dim.district")
st.markdown(bold(t("objections.backlog_by", by=by)))
backlog_table = objection_tables.backlog_table(backlog, breakdown)
tables.show(backlog_table, objection_tables.name_columns(breakdown), key="objections.backlog_table")
download_table(backlog_table, "objections", f"backlog_{breakdown}", working, view.as_of)

st.subheader(t("objections.times_heading"))
per_group, distribution = list_report.resolution(events, rulebook, first, view.as_of, labels, person_codes)
whole = per_group.iloc[-1]
one, two, three = st.columns(3)
median = t("objections.days", days=fmt.number(whole["median_days"])) if whole["answered"] else tables.EMPTY
one.metric(t("objections.median_metric"), median)
two.metric(t("objections.in_time_metric"), fmt.percent(whole["in_time_share"]))
three.metric(t("objections.overdue_metric"), fmt.count(whole["overdue_now"]))
late = objection_tables.overdue_groups(per_group, breakdown)
if late:
    st.warning(t("objections.overdue", days=sla, by=by, names=t("lists.separator").join(late)))
else:
    st.success(t("objections.none_overdue", days=sla))
file = chart_file("objections", "days", t("objections.times_heading"), working, view.as_of)
plots.draw(charts.resolution_histogram(distribution, sla), key="objections.days", file=file)
st.caption(t("objections.days_note", days=int(distribution["days"].iloc[-1])))
times = objection_tables.resolution_table(per_group, breakdown)
columns = objection_tables.resolution_columns(breakdown)
tables.show(times, columns, decimals={t("objections.col.median_days"): 1}, key="objections.times")
download_table(times, "objections", f"times_{breakdown}", working, view.as_of, columns)

st.subheader(t("objections.suspension_heading"))
st.caption(t("objections.suspension_note"))
suspended = suspended_records(view.dataset, view.as_of)
if suspended.empty:
    st.info(t("objections.none_suspended", date=fmt.date(view.as_of)))
else:
    people = suspended["person_id"].unique()
    effect = suspension_effect(view.result, *scores_without_suspensions(view.result, view.dataset, people))
    mean = effect.loc["mean_score"]
    one, two, three, four = st.columns(4)
    one.metric(t("objections.suspended_metric", date=fmt.date(view.as_of)), fmt.count(len(suspended)))
    two.metric(t("objections.people_metric"), fmt.count(len(people)))
    three.metric(t("objections.mean_with_metric"), fmt.number(mean["with_suspensions"], 2))
    four.metric(t("objections.mean_without_metric"), fmt.number(mean["without_suspensions"], 2))
    st.markdown(bold(t("objections.shares_heading")))
    shares, columns = objection_tables.suspension_table(effect, rulebook), objection_tables.suspension_columns()
    tables.show(shares, columns, key="objections.suspension")
    download_table(shares, "objections", "suspension", working, view.as_of, columns)
