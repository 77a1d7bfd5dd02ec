"""Red and black lists (issue 13): the lists month by month, their entries and exits, by listing
authority (department), district or key group, with the month's report to the city. Joint
rewards and punishments, credit repair and objections have pages of their own."""

import streamlit as st

from scoring.analyses import list_report
from scoring.analyses.list_events import department_listings, list_events
from scoring.calendar import add_months_to_date
from scoring.dataset import LIST_KINDS
from ui import charts, fmt, list_tables, plots, tables
from ui.controls import breakdown_picker, choice_picker, period_picker, related_pages
from ui.export import chart_file, download_table
from ui.frame import frame
from ui.i18n import t
from ui.plain import bold

view = frame()
working, rulebook = view.working, view.rulebook
st.title(t("lists.title"))
st.caption(t("lists.intro"))
related_pages("rewards", "repair", "objections")

left, right = st.columns(2)
with left:
    breakdown = breakdown_picker(t("lists.by"), key="lists.by", options=("district", "department", "key_group"))
with right:
    months = period_picker("lists.period")
first = add_months_to_date(view.as_of.replace(day=1), 1 - months)
st.caption(t("lists.period_note", first=fmt.date(first), as_of=fmt.date(view.as_of)))
by = t(f"dim.{breakdown}")
events = list_events(view.dataset)

st.subheader(t("lists.flows_heading"))
if breakdown == "department":
    departments = list(view.dataset.catalogues.department_ids)
    listings = department_listings(view.dataset)
    flows = list_report.department_flows(events, listings, view.compiled.n_people, first, view.as_of, departments)
else:
    split = view.population[breakdown]
    flows = list_report.flows(events, view.compiled.n_people, first, view.as_of, split.codes, split.ids)
# One list per chart: red and black differ by far more than a dash, and a line per group of
# both lists would be twice as many lines. The log axis lets one large group (the tax bureau's
# red list) sit beside small ones without squashing them.
left, right = st.columns(2)
with left:
    kind = choice_picker(t("lists.which"), LIST_KINDS, "lists.list", prefix="lists.kind")
with right:
    log = st.toggle(t("lists.log_axis"), key="lists.log", help=t("lists.log_help"))
file = chart_file("lists", f"sizes_{breakdown}_{kind}", t("lists.flows_heading"), working, view.as_of)
sizes = list_tables.sizes_by_group(flows, breakdown, kind)
plots.draw(charts.list_sizes_by_group(sizes, kind, log), key="lists.sizes", file=file)
if breakdown == "department":
    st.caption(t("lists.department_note"))
st.caption(t("lists.flows_note"))
series = list_tables.series_table(flows, breakdown)
st.caption(t("lists.series_note", by=by))
download_table(series, "lists", f"series_{breakdown}", working, view.as_of)

month_ends = sorted(flows["month"].unique(), reverse=True)
month_names = {m: fmt.month(m) for m in month_ends}  # looked up, not formatted, on AppTest's re-runs
# The picker's options follow the period, so it is a new widget per period; the month chosen
# last is kept apart and chosen again whenever the new period still offers it.
chosen = st.session_state.get("lists.report_month")
month = st.columns(3)[0].selectbox(
    t("lists.report_month"), month_ends, format_func=month_names.__getitem__, key=f"lists.month.{months}",
    index=month_ends.index(chosen) if chosen in month_ends else 0,
)  # fmt: skip
st.session_state["lists.report_month"] = month
st.markdown(bold(t("lists.report_heading", month=fmt.month(month), by=by)))
report = list_tables.report_table(flows[flows["month"] == month], breakdown)
tables.show(
    report, {**tables.number_columns(report), t(f"dim.{breakdown}"): tables.text_column(200, pinned=True)},
    key="lists.report",
)  # fmt: skip
download_table(
    list_tables.with_month(report, month),
    "lists",
    f"report_{breakdown}_{fmt.to_date(month):%Y-%m}",
    working,
    view.as_of,
)
