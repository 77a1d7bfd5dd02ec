"""The Rewards and punishments page's tables (issue 13), translated once so that the table on
screen and its download are the same: who each incentive reaches and what it costs, how both
move with the session's edits, whom each sanction restricts and which departments listed them,
and the rulebook values behind them with status and source."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ui import fmt
from ui.i18n import t
from ui.tables import group_label, percent_column, status_and_source, text_column, values_table


def _separator() -> str:
    return t("lists.separator")


def _lists(kinds) -> str:
    return _separator().join(t(f"list.{kind}") for kind in kinds)


def unlocked_by(incentive, rulebook) -> str:
    """The conditions an incentive sets, as read: its tiers and its minimum score (both must
    hold), or the lists whose members receive it whatever their score."""
    names = fmt.tier_names(rulebook)
    parts = [_separator().join(names[tier] for tier in incentive.tiers)] if incentive.tiers else []
    if incentive.min_score is not None:
        parts.append(t("rewards.min_score", score=f"{incentive.min_score:g}"))
    routes = [t("rewards.and").join(parts)] if parts else []
    if incentive.lists:
        routes.append(t("rewards.on_list", lists=_lists(incentive.lists)))
    return t("rewards.or").join(routes)


def incentive_table(reach: pd.DataFrame, rulebook) -> pd.DataFrame:
    """Each incentive's totals: what unlocks it, who qualifies, uptake, expected users, unit cost
    and yearly cost, with the status of the cost (the rulebook's assumption; its source is in the
    page's rulebook values table, which keeps this table narrow enough to read without scrolling)."""
    totals = reach[reach["group"] == "total"].set_index("incentive")
    incentives = {i.id: i for i in rulebook.incentives}
    statuses = [status_and_source(rulebook, incentives[i], "unit_cost_yuan")[0] for i in totals.index]
    return pd.DataFrame(
        {
            t("rewards.col.incentive"): [fmt.name(incentives[i].title) for i in totals.index],
            t("rewards.col.unlocked_by"): [unlocked_by(incentives[i], rulebook) for i in totals.index],
            t("rewards.col.qualify"): totals["qualify"].to_numpy(),
            t("rewards.col.uptake"): totals["uptake"].to_numpy(),
            t("rewards.col.users"): totals["users"].to_numpy(dtype=float),
            t("rewards.col.unit_cost"): totals["unit_cost_yuan"].to_numpy(),
            t("rewards.col.yearly_cost"): whole_yuan(totals["yearly_cost"]),
            t("col.status"): statuses,
        }
    )


def incentive_columns() -> dict:
    return {
        t("rewards.col.incentive"): text_column(220, pinned=True),
        t("rewards.col.unlocked_by"): text_column(150),
        t("rewards.col.uptake"): percent_column(),
    }


MONEY = ("yearly_cost", "total_cost", "cost_before", "cost_after", "cost_change")


def whole_yuan(cost, total_last: bool = False) -> np.ndarray:
    """Yuan as whole numbers, on screen and in the downloads alike (a float sum such as
    119462.25000000001 would otherwise reach the CSV); with a total as the last value, the total
    is the sum of the rounded rows, so that the column adds up as written."""
    rounded = np.round(np.asarray(cost, dtype=float)).astype("int64")
    if total_last:
        rounded[-1] = rounded[:-1].sum()
    return rounded


def _money(table: pd.DataFrame, total_last: bool) -> pd.DataFrame:
    """`table` (columns named by MONEY, before translation) in whole yuan, the change after minus before."""
    table = table.copy()
    for column in {"cost_before", "cost_after"} & set(table.columns):
        table[column] = whole_yuan(table[column], total_last)
    if "cost_change" in table.columns:
        table["cost_change"] = table["cost_after"] - table["cost_before"]
    return table


def decimals() -> dict[str, int]:
    """How the page writes its numbers: yuan in whole yuan in every table (1,184,224 / 1184224,
    never 万 in one table and yuan in the next), expected users at one decimal, so that qualifying
    × uptake × unit cost reads off the row."""
    return {**{t(f"rewards.col.{c}"): 0 for c in MONEY}, t("rewards.col.users"): 1}


def incentive_group_table(reach: pd.DataFrame, rulebook, breakdown: str) -> pd.DataFrame:
    """People qualifying for each incentive per group, and the group's yearly cost of all of them
    in whole yuan, the total the sum of the groups' (`whole_yuan`)."""
    names = {i.id: fmt.name(i.title) for i in rulebook.incentives}
    groups = list(reach["group"].unique())
    qualify = reach.pivot_table(index="group", columns="incentive", values="qualify", sort=False).reindex(groups)
    cost = reach.groupby("group", sort=False)["yearly_cost"].sum().reindex(groups)
    table = qualify[list(names)].astype("int64").set_axis(list(names.values()), axis=1)
    # the cost right after the group: the column a reader comes for, seen without scrolling
    table.insert(0, t("rewards.col.total_cost"), whole_yuan(cost, total_last=True))
    table.insert(0, t(f"dim.{breakdown}"), [group_label(breakdown, g) for g in groups])
    return table.reset_index(drop=True)


def name_columns(breakdown: str) -> dict:
    return {t(f"dim.{breakdown}"): text_column()}


_CHANGES = ("recipients_before", "recipients_after", "gaining", "losing", "cost_before", "cost_after", "cost_change")


def changes_table(changes: pd.DataFrame, baseline, working) -> pd.DataFrame:
    """`incentives.incentive_changes` (the preset before the session's edits, the working copy
    after) by incentive name: beneficiaries and yearly cost before and after."""
    titles = {i.id: fmt.name(i.title) for i in (*baseline.incentives, *working.incentives)}
    table = _money(changes[list(_CHANGES)], total_last=False).set_axis(
        [t(f"rewards.col.{c}") for c in _CHANGES], axis=1
    )
    table.insert(0, t("rewards.col.incentive"), [titles[i] for i in changes.index])
    return table.reset_index(drop=True)


_GROUP_CHANGES = ("recipients_before", "recipients_after", "cost_before", "cost_after", "cost_change")


def group_changes_table(rows: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    """`incentives.incentive_changes_by_group`: per group, people receiving any incentive and the
    yearly cost of all of them, before and after the session's edits."""
    table = _money(rows[list(_GROUP_CHANGES)], total_last=True).set_axis(
        [t(f"rewards.col.{c}") for c in _GROUP_CHANGES], axis=1
    )
    table.insert(0, t(f"dim.{breakdown}"), [group_label(breakdown, g) for g in rows["group"]])
    return table


def sanction_table(reach: pd.DataFrame, rulebook, breakdown: str) -> pd.DataFrame:
    """People each sanction restricts per group (a column per sanction) and the total."""
    names = {s.id: fmt.name(s.title) for s in rulebook.sanctions}
    groups = list(reach["group"].unique())
    people = reach.pivot_table(index="group", columns="sanction", values="people", sort=False).reindex(groups)
    table = people[list(names)].astype("int64").set_axis(list(names.values()), axis=1)
    table.insert(0, t(f"dim.{breakdown}"), [group_label(breakdown, g) for g in groups])
    return table.reset_index(drop=True)


def department_table(rows: pd.DataFrame, rulebook) -> pd.DataFrame:
    """`rewards.sanction_departments`: per sanction and list, the departments whose listings
    hold its people on the as-of date."""
    names = {s.id: fmt.name(s.title) for s in rulebook.sanctions}
    return pd.DataFrame(
        {
            t("rewards.col.sanction"): [names[s] for s in rows["sanction"]],
            t("rewards.col.list"): [t(f"list.{kind}") for kind in rows["list"]],
            t("col.department"): [fmt.category("department", d) for d in rows["department"]],
            t("col.people"): rows["people"].to_numpy(dtype="int64"),
        }
    )


def values(rulebook) -> pd.DataFrame:
    """Every rulebook value the page uses, with its status and source: what unlocks each
    incentive, its unit cost and uptake, and the lists each sanction follows."""
    rows = []
    for incentive in rulebook.incentives:
        name = fmt.name(incentive.title)
        if incentive.tiers:
            tiers = _separator().join(fmt.tier_names(rulebook)[tier] for tier in incentive.tiers)
            rows.append((t("rewards.value.tiers", incentive=name), tiers, incentive, "tiers"))
        if incentive.min_score is not None:
            rows.append(
                (t("rewards.value.min_score", incentive=name), f"{incentive.min_score:g}", incentive, "min_score")
            )
        if incentive.lists:
            rows.append(
                (t("rewards.value.incentive_lists", incentive=name), _lists(incentive.lists), incentive, "lists")
            )
        cost = f"{incentive.unit_cost_yuan:g}"
        rows.append((t("rewards.value.unit_cost", incentive=name), cost, incentive, "unit_cost_yuan"))
        rows.append((t("rewards.value.uptake", incentive=name), fmt.percent(incentive.uptake), incentive, "uptake"))
    for sanction in rulebook.sanctions:
        rows.append(
            (t("rewards.value.lists", sanction=fmt.name(sanction.title)), _lists(sanction.lists), sanction, "lists")
        )
    return values_table(rulebook, rows)
