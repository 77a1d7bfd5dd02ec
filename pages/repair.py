"""Credit repair (issue 13): who may apply for repair and when, the funnel from eligible to
restored per district, key group or severity, participation per district or key group against
the rulebook's target and stretch, and the time from eligibility to restoration against the
publicity periods. Every value taken from the rulebook is shown with its status and source.

One breakdown picker serves the whole page: records (funnel, positions) follow it to severity
too; participation counts people, and a person can have records of two severities, so by
severity it is shown by district and says so. The repair times are always by severity."""

import streamlit as st

from scoring.analyses import list_report
from scoring.analyses.list_events import list_events
from scoring.analyses.repair_funnel import STAGES, position_counts, repair_funnel, restored_accounts
from scoring.analyses.small_cells import DEFAULT_MINIMUM
from scoring.calendar import add_months_to_date
from ui import charts, fmt, plots, repair_tables, tables
from ui.controls import choice_picker, period_picker, related_pages
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
    breakdown = choice_picker(t("lists.by"), ("district", "key_group", "severity"), "repair.by", prefix="repair.by")
with right:
    months = period_picker("repair.period")
first = add_months_to_date(view.as_of.replace(day=1), 1 - months)
period = t("lists.period_note", first=fmt.date(first), as_of=fmt.date(view.as_of))
st.caption(period)
events = list_events(view.dataset)
targets = rulebook.repair.targets
target_status, target_source = tables.status_and_source(rulebook, rulebook.repair, "targets")
period_status, period_source = tables.status_and_source(rulebook, rulebook.repair, "min_months")

st.subheader(t("repair.funnel_heading"))
st.caption(t("repair.funnel_note", status=period_status, source=period_source))
cohort = list_report.black_cohort(events, rulebook, first, view.as_of)
if breakdown == "severity":
    labels, codes = list(cohort["severity"].cat.categories), cohort["severity"].cat.codes.to_numpy()
else:
    groups = view.population[breakdown]
    labels, codes = list(groups.ids), groups.codes[cohort["person"].to_numpy()]
funnel = repair_funnel(cohort["stage"].to_numpy(), codes, labels)
file = chart_file("repair", "funnel", t("repair.funnel_heading"), working, view.as_of)
total = funnel.iloc[-1]
plots.draw(charts.repair_funnel(repair_tables.stage_names(), total[list(STAGES)]), key="repair.funnel", file=file)
funnel_table = repair_tables.funnel_table(funnel, breakdown)
tables.show(funnel_table, repair_tables.funnel_columns(breakdown), key="repair.funnel_table")
download_table(
    funnel_table, "repair", f"funnel_{breakdown}", working, view.as_of, repair_tables.funnel_columns(breakdown)
)
st.markdown(bold(t("repair.positions_heading", as_of=fmt.date(view.as_of))))
st.caption(t("repair.positions_note"))
positions = repair_tables.positions_table(position_counts(cohort["position"].array, codes, labels), breakdown)
tables.show(positions, repair_tables.name_columns(breakdown), key="repair.positions")
download_table(positions, "repair", f"positions_{breakdown}", working, view.as_of)
accounts = restored_accounts(
    cohort["stage"].to_numpy(),
    cohort["position"].array,
    cohort["repaired_early"].to_numpy(),
    cohort["person"].to_numpy(),
)
st.info(repair_tables.reconciliation(accounts))

st.subheader(t("repair.participation_heading"))
person_by = "district" if breakdown == "severity" else breakdown
if breakdown == "severity":
    st.caption(t("repair.participation_by_district"))
split, by = view.population[person_by], t(f"dim.{person_by}")
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
# A real population's small groups can point at people; a synthetic one has no one to protect.
least = st.columns(3)[0].number_input(
    t("cmp.minimum_cell"), min_value=1, max_value=1000, step=1, key="repair.minimum",
    value=1 if view.dataset.is_synthetic else DEFAULT_MINIMUM, help=t("cmp.minimum_help"),
)  # fmt: skip
rows = repair_tables.hide_small_groups(rows, int(least))
groups = rows.iloc[:-1]
names = [fmt.category(person_by, g) for g in groups["group"]]
shown = groups["share"].notna().to_numpy()
behind = [name for name, meets, ok in zip(names, groups["meets_target"], shown, strict=True) if ok and not meets]
if behind:
    st.warning(t("repair.behind", by=by, names=t("lists.separator").join(behind)))
else:
    st.success(t("repair.all_meet", by=by))
if not shown.all():
    st.caption(t("repair.hidden_note", minimum=int(least)))
file = chart_file("repair", f"participation_{person_by}", t("repair.participation_heading"), working, view.as_of)
bars = charts.participation_bars(
    names, groups["share"].to_numpy(), groups["blacklisted"].to_numpy(), groups["took_part"].to_numpy(),
    targets.share, targets.stretch,
)  # fmt: skip
plots.draw(bars, key="repair.bars", file=file)
participation = repair_tables.participation_table(rows, person_by)
columns = {**tables.number_columns(participation), **repair_tables.participation_columns(person_by)}
tables.show(participation, columns, key="repair.participation")
st.caption(t("repair.short_note"))
download_table(participation, "repair", f"participation_{person_by}", working, view.as_of, columns)

st.subheader(t("repair.times_heading"))
st.caption(t("repair.times_note", status=period_status, source=period_source) + " " + period)
times = repair_tables.repair_times_table(list_report.times(events, rulebook, first, view.as_of))
tables.show(times, decimals=repair_tables.repair_times_decimals(), key="repair.times")
download_table(times, "repair", "times", working, view.as_of)

st.subheader(t("repair.values_heading"))
values = repair_tables.repair_values_table(rulebook)
tables.show(values, tables.values_columns(), key="repair.values")
download_table(values, "repair", "rulebook_values", working, view.as_of)
