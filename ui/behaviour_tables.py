"""The Incentive effects page's tables (pages/behaviour.py): the effort table as the reader edits
it (record types by name, ids kept only in the row order), who gains most at the horizon, the
gaming surface and the cheapest route from each tier to the next. Values stay numbers."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.behaviour.effort import Effort
from scoring.behaviour.gaming import Route
from scoring.behaviour.model import QUANTILE_COLUMNS, Outcome
from scoring.catalogues import Catalogues
from scoring.rulebook import Rulebook
from ui import fmt, tables
from ui.i18n import current_language, t
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


def gains_decimals() -> dict[str, int]:
    return {t(f"behaviour.col.{c}"): 2 for c in ("simulated", "no_response", "change")}


def surface_table(surface: pd.DataFrame, rulebook: Rulebook, catalogues: Catalogues) -> pd.DataFrame:
    """The gaming surface by name: points per hour of every positive rule, cheapest first."""
    names = names_of(rulebook, lang=current_language())
    return pd.DataFrame(
        {
            t("behaviour.col.rule"): [names.name("rule", r) for r in surface["rule"]],
            t("behaviour.col.record_type"): [fmt.name(catalogues.record_type(r)) for r in surface["record_type"]],
            t("behaviour.col.unit"): [unit(catalogues, r) for r in surface["record_type"]],
            t("behaviour.col.points_per_unit"): surface["points_per_unit"].to_numpy(dtype=float),
            t("behaviour.col.hours_per_unit"): surface["hours_per_unit"].to_numpy(dtype=float),
            t("behaviour.col.points_per_hour"): surface["points_per_hour"].to_numpy(dtype=float),
            t("behaviour.col.cap_points"): surface["cap_points"].replace(math.inf, np.nan).to_numpy(dtype=float),
            t("behaviour.col.window_months"): surface["window_months"].astype("Int64"),
            t("behaviour.col.open"): [t("yes") if o else t("no") for o in surface["open"]],
        }
    )


def surface_decimals() -> dict[str, int]:
    return {
        t("behaviour.col.points_per_unit"): 3,
        t("behaviour.col.hours_per_unit"): 3,
        t("behaviour.col.points_per_hour"): 2,
    }


def routes_table(routes: Sequence[Route], rulebook: Rulebook, catalogues: Catalogues) -> pd.DataFrame:
    """Per tier below the best: the tier above, whether the year's cheapest actions reach it,
    their hours and points, and the actions by name with their quantities."""
    tier_ids, names = rulebook.tiers.ids, fmt.tier_names(rulebook)
    lang = current_language()

    def actions(route: Route) -> str:
        return (
            join(
                [
                    t(
                        "behaviour.route_step",
                        type=fmt.name(catalogues.record_type(s.record_type)),
                        quantity=fmt.number(s.quantity, 0),
                        unit=unit(catalogues, s.record_type),
                    )
                    for s in route.steps
                ],
                lang,
            )
            or tables.EMPTY
        )

    return pd.DataFrame(
        {
            t("behaviour.col.from_tier"): [names[tier_ids[r.tier]] for r in routes],
            t("behaviour.col.to_tier"): [names[tier_ids[r.target]] for r in routes],
            t("behaviour.col.gap"): [r.cutoff - r.start for r in routes],
            t("behaviour.col.reached"): [t("yes") if r.reached else t("no") for r in routes],
            t("behaviour.col.hours"): [float(r.hours) for r in routes],
            t("behaviour.col.points"): [float(r.points) for r in routes],
            t("behaviour.col.actions"): [actions(r) for r in routes],
        }
    )


def routes_decimals() -> dict[str, int]:
    return {t(f"behaviour.col.{c}"): 1 for c in ("gap", "hours", "points")}


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
