"""Credit repair (issue 13): who may apply for repair and when, the funnel from eligible to
restored per district, key group or severity, participation per district against the
rulebook's target and stretch, and the time from eligibility to restoration against the
publicity periods. Every value taken from the rulebook is shown with its status and source."""

import streamlit as st

from scoring.analyses import list_report
from scoring.analyses.list_events import list_events
from scoring.analyses.repair_funnel import STAGES, position_counts, repair_funnel
from scoring.calendar import add_months_to_date
from ui import charts, fmt, plots, repair_tables, tables
from ui.controls import breakdown_picker, choice_picker, period_picker, related_pages
from ui.export import chart_file, download_table
from ui.frame import frame
from ui.i18n import t
from ui.plain import bold

view = frame()
working, rulebook = view.working, view.rulebook
st.title(t("repair.title"))
st.caption(t("repair.intro"))
related_pages("lists", "objections")

left, right = st.columns(2)
with left:
    breakdown = breakdown_picker(t("lists.by"), key="repair.by", options=("district", "key_group"))
with right:
    months = period_picker("repair.period")
first = add_months_to_date(view.as_of.replace(day=1), 1 - months)
st.caption(t("lists.period_note", first=fmt.date(first), as_of=fmt.date(view.as_of)))
split = view.population[breakdown]
by = t(f"dim.{breakdown}")
events = list_events(view.dataset)
targets = rulebook.repair.targets
target_status, target_source = tables.status_and_source(rulebook, rulebook.repair, "targets")
period_status, period_source = tables.status_and_source(rulebook, rulebook.repair, "min_months")

st.subheader(t("repair.funnel_heading"))
st.caption(t("repair.funnel_note", status=period_status, source=period_source))
funnel_by = choice_picker(
    t("repair.funnel_by"), ("district", "key_group", "severity"), "repair.funnel_by", prefix="repair.by"
)
cohort = list_report.black_cohort(events, rulebook, first, view.as_of)
if funnel_by == "severity":
    labels, codes = list(cohort["severity"].cat.categories), cohort["severity"].cat.codes.to_numpy()
else:
    groups = view.population[funnel_by]
    labels, codes = list(groups.ids), groups.codes[cohort["person"].to_numpy()]
funnel = repair_funnel(cohort["stage"].to_numpy(), codes, labels)
file = chart_file("repair", "funnel", t("repair.funnel_heading"), working, view.as_of)
total = funnel.iloc[-1]
plots.draw(charts.repair_funnel(repair_tables.stage_names(), total[list(STAGES)]), key="repair.funnel", file=file)
funnel_table = repair_tables.funnel_table(funnel, funnel_by)
tables.show(funnel_table, repair_tables.funnel_columns(), key="repair.funnel_table")
download_table(funnel_table, "repair", f"funnel_{funnel_by}", working, view.as_of, repair_tables.funnel_columns())
st.markdown(bold(t("repair.positions_heading", as_of=fmt.date(view.as_of))))
st.caption(t("repair.positions_note"))
positions = repair_tables.positions_table(position_counts(cohort["position"].array, codes, labels), funnel_by)
tables.show(positions, key="repair.positions")
download_table(positions, "repair", f"positions_{funnel_by}", working, view.as_of)

st.subheader(t("repair.participation_heading"))
rows = list_report.participation(events, rulebook, view.compiled.n_people, first, view.as_of, split.codes, split.ids)
whole = rows.iloc[-1]
one, two, three = st.columns(3)
one.metric(t("repair.participation_metric"), fmt.percent(whole["share"]))
two.metric(t("repair.completed_metric"), fmt.percent(whole["completed_share"]))
three.metric(t("repair.target_metric"), f"{fmt.percent(targets.share, 0)} / {fmt.percent(targets.stretch, 0)}")
st.caption(
    t(
        "repair.participation_note", target=fmt.percent(targets.share, 0), stretch=fmt.percent(targets.stretch, 0),
        status=target_status, source=target_source,
    )
)  # fmt: skip
groups = rows.iloc[:-1]
names = [fmt.category(breakdown, g) for g in groups["group"]]
behind = [name for name, meets in zip(names, groups["meets_target"], strict=True) if not meets]
if behind:
    st.warning(t("repair.behind", by=by, names=t("lists.separator").join(behind)))
else:
    st.success(t("repair.all_meet", by=by))
file = chart_file("repair", f"participation_{breakdown}", t("repair.participation_heading"), working, view.as_of)
bars = charts.participation_bars(names, groups["share"].to_numpy(), targets.share, targets.stretch)
plots.draw(bars, key="repair.bars", file=file)
participation = repair_tables.participation_table(rows, breakdown)
columns = repair_tables.participation_columns()
tables.show(participation, columns, key="repair.participation")
download_table(participation, "repair", f"participation_{breakdown}", working, view.as_of, columns)

st.subheader(t("repair.times_heading"))
st.caption(t("repair.times_note", status=period_status, source=period_source))
times = repair_tables.repair_times_table(list_report.times(events, rulebook, view.as_of))
tables.show(times, decimals=repair_tables.repair_times_decimals(), key="repair.times")
download_table(times, "repair", "times", working, view.as_of)

st.subheader(t("repair.values_heading"))
values = repair_tables.repair_values_table(rulebook)
tables.show(values, key="repair.values")
download_table(values, "repair", "rulebook_values", working, view.as_of)
