"""Rewards and punishments (issue 13): whom each incentive reaches, what it costs a year per
district or key group, and how both move with the session's edits of a threshold or weight;
whom each sanction restricts by the legal lists, per district or key group, and the departments
whose listings put them there. Every value taken from the rulebook shows its status and source."""

import streamlit as st

from scoring.analyses.incentives import incentive_changes, incentive_changes_by_group
from scoring.analyses.list_events import department_listings
from scoring.analyses.rewards import incentive_reach, sanction_departments, sanction_reach
from ui import charts, fmt, plots, rewards_tables, rulebooks, tables
from ui.controls import breakdown_picker, related_pages
from ui.export import chart_file, download_table
from ui.frame import frame, scores_of
from ui.i18n import t
from ui.plain import bold, plain

PAGE = "rewards"

view = frame()
working, rulebook = view.working, view.rulebook
st.title(t("rewards.title"))
st.caption(t("rewards.intro"))
breakdown = breakdown_picker(t("rewards.by"), key="rewards.by", options=("district", "key_group"))
split, by = view.population[breakdown], t(f"dim.{breakdown}")

st.subheader(t("rewards.incentives_heading"))
if rulebook.incentives:
    st.caption(t("rewards.incentives_note"))
    reach = incentive_reach(view.result, split.codes, split.ids)
    incentives = rewards_tables.incentive_table(reach, rulebook)
    shown = {**tables.number_columns(incentives, 96), **rewards_tables.incentive_columns()}
    tables.show(incentives, shown, rewards_tables.decimals(), key="rewards.incentives")
    download_table(incentives, PAGE, "incentives", working, view.as_of, rewards_tables.incentive_columns())

    st.markdown(bold(t("rewards.changes_heading")))
    names = incentives[t("rewards.col.incentive")].tolist()
    cost = incentives[t("rewards.col.yearly_cost")].to_numpy()
    file = chart_file(PAGE, "yearly_cost", t("rewards.cost_axis"), working, view.as_of)
    if working.edited:
        before = rulebooks.current_baseline(working)
        changes = incentive_changes(scores_of(view, before), view.result)
        st.caption(t("rewards.changes_note", rulebook=plain(fmt.name(before.rulebook.title))))
        moved = rewards_tables.changes_table(changes, before.rulebook, rulebook)
        shown = {**tables.number_columns(moved, 100), t("rewards.col.incentive"): tables.text_column(200, pinned=True)}
        tables.show(moved, shown, rewards_tables.decimals(), key="rewards.changes")
        download_table(moved, PAGE, "incentive_changes", working, view.as_of, baseline=before)
        st.markdown(bold(t("rewards.changes_by", by=by)))
        per_group = incentive_changes_by_group(scores_of(view, before), view.result, split.codes, split.ids)
        grouped = rewards_tables.group_changes_table(per_group, breakdown)
        columns = rewards_tables.name_columns(breakdown)
        tables.show(grouped, columns, rewards_tables.decimals(), key="rewards.group_changes")
        download_table(grouped, PAGE, f"incentive_changes_{breakdown}", working, view.as_of, baseline=before)
        shown = changes.loc[[i.id for i in rulebook.incentives]]  # the bars: incentives in force now
        figure = charts.incentive_cost_bars(names, shown["cost_after"].to_numpy(), shown["cost_before"].to_numpy())
    else:
        related_pages("rules", "tiers", label=t("rewards.unedited"))
        figure = charts.incentive_cost_bars(names, cost)
    plots.draw(figure, key="rewards.cost", file=file)

    st.markdown(bold(t("rewards.by_group", by=by)))
    by_group = rewards_tables.incentive_group_table(reach, rulebook, breakdown)
    columns = rewards_tables.name_columns(breakdown)
    tables.show(by_group, columns, rewards_tables.decimals(), key="rewards.by_group")
    download_table(by_group, PAGE, f"incentives_{breakdown}", working, view.as_of)
else:
    st.info(t("rewards.no_incentives"))

st.subheader(t("rewards.sanctions_heading"))
if rulebook.sanctions:
    st.caption(t("rewards.sanctions_note"))
    as_of = fmt.date(view.as_of)
    st.markdown(bold(t("rewards.restricted_by", by=by, as_of=as_of)))
    on_list = {"red": view.compiled.red_list, "black": view.compiled.black_list}
    reach = sanction_reach(rulebook.sanctions, on_list, split.codes, split.ids)
    restricted = rewards_tables.sanction_table(reach, rulebook, breakdown)
    tables.show(restricted, rewards_tables.name_columns(breakdown), key="rewards.sanctions")
    download_table(restricted, PAGE, f"sanctions_{breakdown}", working, view.as_of)

    st.markdown(bold(t("rewards.departments_heading", as_of=as_of)))
    st.caption(t("rewards.departments_note"))
    departments = list(view.dataset.catalogues.department_ids)
    rows = sanction_departments(rulebook.sanctions, department_listings(view.dataset), view.as_of, departments)
    deciding = rewards_tables.department_table(rows, rulebook)
    tables.show(deciding, key="rewards.departments")
    download_table(deciding, PAGE, "sanction_departments", working, view.as_of)
else:
    st.info(t("rewards.no_sanctions"))

st.subheader(t("rewards.values_heading"))
values = rewards_tables.values(rulebook)
tables.show(values, tables.values_columns(), key="rewards.values")
download_table(values, PAGE, "rulebook_values", working, view.as_of)
