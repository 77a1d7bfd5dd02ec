"""The Incentive effects page's tables (pages/behaviour.py): the effort table as the reader edits
it (record types by name, ids kept only in the row order), who gains most at the horizon, the
gaming surface and the cheapest route from each tier to the next. Values stay numbers."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from scoring.behaviour.effort import Effort
from scoring.behaviour.gaming import Route
from scoring.behaviour.history import History
from scoring.behaviour.model import QUANTILE_COLUMNS, Outcome
from scoring.catalogues import Catalogues
from scoring.rulebook import Rulebook
from ui import fmt, tables
from ui.i18n import current_language, plural, t
from ui.rule_names import join, names_of


def unit(catalogues: Catalogues, type_id: str) -> str:
    return t(f"behaviour.unit.{catalogues.record_type(type_id).unit}")


def effort_table(effort: Sequence[Effort], catalogues: Catalogues) -> pd.DataFrame:
    """One row per open record type, in the effort table's order (the editor keeps it)."""
    return pd.DataFrame(
        {
            t("behaviour.col.record_type"): [fmt.name(catalogues.record_type(e.record_type)) for e in effort],
            t("behaviour.col.unit"): [unit(catalogues, e.record_type) for e in effort],
            t("behaviour.col.hours_per_unit"): [float(e.hours_per_unit) for e in effort],
            t("behaviour.col.max_units"): [
                np.nan if e.max_units_per_year is None else float(e.max_units_per_year) for e in effort
            ],
            t("behaviour.col.status"): [t(f"status.{e.status}") for e in effort],
        }
    )


def edited_effort(edited: pd.DataFrame, effort: Sequence[Effort]) -> tuple[Effort, ...]:
    """The effort table with the editor's hours and yearly limits (rows in the order shown; an
    emptied limit is no limit)."""
    hours = edited[t("behaviour.col.hours_per_unit")].to_numpy(dtype=float)
    limits = edited[t("behaviour.col.max_units")].to_numpy(dtype=float)
    return tuple(
        dataclasses.replace(e, hours_per_unit=float(h), max_units_per_year=None if math.isnan(m) else float(m))
        for e, h, m in zip(effort, hours, limits, strict=True)
    )


def gains_table(outcome: Outcome, breakdown: str) -> pd.DataFrame:
    """Mean score per district or key group at the horizon on both paths, and the change the
    response makes, largest gain first."""
    frame = outcome.districts if breakdown == "district" else outcome.groups
    last = frame[frame["month"] == frame["month"].max()]
    wide = last.pivot_table(index=breakdown, columns="path", values="mean_score", observed=True)
    change = wide["simulated"] - wide["no_response"]
    order = change.sort_values(ascending=False, kind="stable").index
    return pd.DataFrame(
        {
            t(f"behaviour.col.{breakdown}"): [fmt.category(breakdown, str(i)) for i in order],
            t("behaviour.col.simulated"): wide.loc[order, "simulated"].to_numpy(dtype=float),
            t("behaviour.col.no_response"): wide.loc[order, "no_response"].to_numpy(dtype=float),
            t("behaviour.col.change"): change.loc[order].to_numpy(dtype=float),
        }
    )


def gains_columns(frame: pd.DataFrame) -> dict:
    """The district or key group read whole, the scores narrow."""
    name = tables.text_column(width=tables.SOURCE_WIDTH, pinned=True)  # 网约车和道路运输驾驶员 and the like whole
    return {**tables.number_columns(frame), frame.columns[0]: name}


def gains_decimals() -> dict[str, int]:
    return {t(f"behaviour.col.{c}"): 2 for c in ("simulated", "no_response", "change")}


def surface_table(surface: pd.DataFrame, rulebook: Rulebook, catalogues: Catalogues) -> pd.DataFrame:
    """The gaming surface by name: points per hour of every positive rule, cheapest first. The
    action is named beside the rule only where one rule counts several (two rows would read alike),
    so the table fits the screen without a column that mostly repeats the first."""
    names = names_of(rulebook, lang=current_language())

    several = set(surface.loc[surface["rule"].duplicated(keep=False), "rule"])  # rules of more than one action

    def rule(rule_id: str, type_id: str) -> str:
        named, action = names.name("rule", rule_id), fmt.name(catalogues.record_type(type_id))
        return t("behaviour.surface.rule_action", rule=named, action=action) if rule_id in several else named

    return pd.DataFrame(
        {
            t("behaviour.col.rule"): [rule(r, k) for r, k in zip(surface["rule"], surface["record_type"], strict=True)],
            t("behaviour.col.unit"): [unit(catalogues, r) for r in surface["record_type"]],
            t("behaviour.col.points_per_unit"): surface["points_per_unit"].to_numpy(dtype=float),
            t("behaviour.surface.col.hours_per_unit"): surface["hours_per_unit"].to_numpy(dtype=float),
            t("behaviour.col.points_per_hour"): surface["points_per_hour"].to_numpy(dtype=float),
            t("behaviour.col.cap_points"): surface["cap_points"].replace(math.inf, np.nan).to_numpy(dtype=float),
            t("behaviour.col.window_months"): surface["window_months"].astype("Int64"),
            t("behaviour.col.open"): [t("yes") if o else t("no") for o in surface["open"]],
        }
    )


def surface_columns(frame: pd.DataFrame) -> dict:
    """The rule pinned and read whole, the figures narrow under short headers, so every column
    is in view at 1,400 pixels."""
    narrow = {c: tables.text_column(width=72) for c in (t("behaviour.col.unit"), t("behaviour.col.open"))}
    rule = tables.text_column(width=tables.SOURCE_WIDTH + 80, pinned=True)  # preset names state their values
    return {**tables.number_columns(frame), **narrow, t("behaviour.col.rule"): rule}


def surface_decimals() -> dict[str, int]:
    return {
        t("behaviour.col.points_per_unit"): 3,
        t("behaviour.surface.col.hours_per_unit"): 3,
        t("behaviour.col.points_per_hour"): 2,
    }


def routes_table(routes: Sequence[Route], rulebook: Rulebook) -> pd.DataFrame:
    """Per tier below the best: the tier above, whether the year's cheapest actions reach it, and
    their hours and points (the actions themselves are listed below the table: `route_lines`)."""
    tier_ids, names = rulebook.tiers.ids, fmt.tier_names(rulebook)
    return pd.DataFrame(
        {
            t("behaviour.col.from_tier"): [names[tier_ids[r.tier]] for r in routes],
            t("behaviour.col.to_tier"): [names[tier_ids[r.target]] for r in routes],
            t("behaviour.col.gap"): [r.cutoff - r.start for r in routes],
            t("behaviour.col.reached"): [t("yes") if r.reached else t("no") for r in routes],
            t("behaviour.col.hours"): [float(r.hours) for r in routes],
            t("behaviour.col.points"): [float(r.points) for r in routes],
        }
    )


def route_actions(routes: Sequence[Route], catalogues: Catalogues) -> list[str]:
    """Each route's actions by name with their quantities: 按时纳税3次、志愿服务12小时 /
    On-time tax payment ×3, Volunteer service: 12 hours."""
    lang = current_language()

    def step(type_id: str, quantity: float) -> str:
        named = fmt.name(catalogues.record_type(type_id))
        if catalogues.record_type(type_id).unit == "occurrence":
            return t("behaviour.route_step_times", type=named, quantity=fmt.number(quantity, 0))
        return t("behaviour.route_step", type=named, quantity=fmt.number(quantity, 0), unit=unit(catalogues, type_id))

    return [join([step(s.record_type, s.quantity) for s in r.steps], lang) or t("behaviour.route_none") for r in routes]


def route_lines(routes: Sequence[Route], rulebook: Rulebook, catalogues: Catalogues) -> list[str]:
    """Each route as a line read whole below the table (a table cell cut its actions off):
    从C级到B级：… / From C to B: …."""
    tier_ids, names = rulebook.tiers.ids, fmt.tier_names(rulebook)
    return [
        t("behaviour.route_line", source=names[tier_ids[r.tier]], target=names[tier_ids[r.target]], actions=actions)
        for r, actions in zip(routes, route_actions(routes, catalogues), strict=True)
    ]


def routes_columns(frame: pd.DataFrame) -> dict:
    """The tiers and the answer narrow, the figures narrow."""
    narrow = {
        c: tables.text_column(width=96) for c in (t(f"behaviour.col.{k}") for k in ("from_tier", "to_tier", "reached"))
    }
    return {**tables.number_columns(frame), **narrow}


def routes_decimals() -> dict[str, int]:
    return {t(f"behaviour.col.{c}"): 1 for c in ("gap", "hours", "points")}


def history_table(history: History, rulebook: Rulebook) -> pd.DataFrame:
    """One row per month end, oldest first as the chart reads: how many months before the data's
    as-of date and each tier's share of the scored."""
    wide = history.shares.pivot(index=["month_end", "months_before"], columns="tier", values="share")
    wide = wide.sort_index(level="months_before", ascending=True)
    names = fmt.tier_names(rulebook)
    return pd.DataFrame(
        {
            t("behaviour.history.col.month_end"): [fmt.date(d) for d in wide.index.get_level_values("month_end")],
            t("behaviour.history.col.months_before"): wide.index.get_level_values("months_before").to_numpy(),
            **{names[tier]: wide[tier].to_numpy(dtype=float) for tier in rulebook.tiers.ids},
        }
    )


def history_columns(rulebook: Rulebook) -> dict:
    return {name: tables.percent_column() for name in fmt.tier_names(rulebook).values()}


def effort_summary(effort: Sequence[Effort], default: Sequence[Effort]) -> str:
    """How many rows of the effort table differ from the default one, as read."""
    edits = sum(mine != theirs for mine, theirs in zip(effort, default, strict=True))
    return plural("behaviour.fact_edits", edits, edits=edits) if edits else t("behaviour.fact_unedited")


def run_facts(run: Mapping[str, Any], default: Sequence[Effort]) -> dict[str, str]:
    """The rulebook and parameters a stored run (the page's {"inputs", "outcome", "named"}) was run
    with, by the form's own labels, in the reader's form: for the line above the results and the
    notes of every download from them. The model's seed is named apart from the data's."""
    parameters, outcome = run["inputs"][-1], run["outcome"]
    status = t(f"behaviour.status.{'measured' if outcome.repair_measured else 'assumption'}")
    return {
        t("export.rulebook"): run["named"],
        t("behaviour.elasticity"): fmt.number(parameters.elasticity, 2),
        t("behaviour.horizon"): fmt.count(parameters.horizon_months),
        t("behaviour.seed"): str(parameters.seed),
        t("behaviour.repair_rate"): t("behaviour.fact_rate", rate=fmt.percent(outcome.repair_rate, 2), status=status),
        t("behaviour.fact_effort"): effort_summary(parameters.effort, default),
    }


def history_note(history: History, rulebook: Rulebook, with_future: bool) -> str:
    """What the history chart's lines are, the earliest month end and the rule whose window sets
    it, a cap on the months scored, and the rules kept forever (by name)."""
    names = names_of(rulebook, lang=current_language())
    notes = [t("behaviour.history.lines" if with_future else "behaviour.history.lines_alone")]
    if history.limited_by is None:
        notes.append(t("behaviour.history.no_window", earliest=fmt.date(history.earliest)))
    else:
        rule = names.name("rule", history.limited_by)
        notes.append(t("behaviour.history.earliest", earliest=fmt.date(history.earliest), rule=rule))
    if history.capped:
        notes.append(t("behaviour.history.capped", months=history.months_back, start=fmt.date(history.start)))
    if history.unbounded_rules:
        notes.append(t("behaviour.history.unbounded", rules=names.joined("rule", history.unbounded_rules)))
    return ("" if current_language() == "zh-CN" else " ").join(notes)


def tier_shares_table(outcome: Outcome, rulebook: Rulebook) -> pd.DataFrame:
    """Each tier's share of the scored per month and path, the numbers of the tier-share chart."""
    wide = outcome.tiers.pivot_table(index=["month", "path"], columns="tier", values="share", observed=True)
    wide = wide.reset_index().sort_values(
        ["month", "path"], key=lambda c: c.map(_PATH_ORDER) if c.name == "path" else c
    )
    names = fmt.tier_names(rulebook)
    return pd.DataFrame(
        {
            t("behaviour.col.month"): wide["month"].to_numpy(),
            t("behaviour.col.path"): [t(f"behaviour.path.{p}") for p in wide["path"]],
            **{names[tier]: wide[tier].to_numpy(dtype=float) for tier in rulebook.tiers.ids},
        }
    )


def tier_shares_columns(rulebook: Rulebook) -> dict:
    return {name: tables.percent_column() for name in fmt.tier_names(rulebook).values()}


_PATH_ORDER = {"simulated": 0, "no_response": 1}


def quantiles_table(outcome: Outcome) -> pd.DataFrame:
    """The eligible people's score quantiles per month and path (month, then path as run)."""
    frame = outcome.quantiles
    return pd.DataFrame(
        {
            t("behaviour.col.month"): frame["month"].to_numpy(),
            t("behaviour.col.path"): [t(f"behaviour.path.{p}") for p in frame["path"]],
            **{t(f"behaviour.col.{q}"): frame[q].to_numpy(dtype=float) for q in QUANTILE_COLUMNS},
        }
    ).sort_values(t("behaviour.col.month"), kind="stable", ignore_index=True)


def quantiles_decimals() -> dict[str, int]:
    return {t(f"behaviour.col.{q}"): 1 for q in QUANTILE_COLUMNS}


def repairs_table(outcome: Outcome) -> pd.DataFrame:
    """Black-list listings ended by repair in each month (the same on both paths)."""
    return pd.DataFrame(
        {
            t("behaviour.col.month"): outcome.repairs["month"].to_numpy(),
            t("behaviour.col.repairs"): outcome.repairs["repairs"].to_numpy(),
        }
    )
