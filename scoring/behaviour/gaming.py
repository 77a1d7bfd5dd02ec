"""The gaming surface: points bought per hour of effort by every positive rule, and the cheapest
route from each tier's lower edge to the next tier, so evaluators see where cheap actions buy many
points (donated money against volunteer hours).

A route is the person's actions taken today, bought greedily by points per hour, each in whole
units of its record type and no more than the rule's upper cap, its dimension's upper cap and
the effort table's yearly limit allow (the route is a year's actions at most). The person at a
tier's lower edge is assumed to have no positive points yet: every cap's room is whole. Points
last for the rule's window; the surface says how long. Only rules every key group may use are
routed (a group's own rules are a group's own route)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.behaviour.effort import DEFAULT_EFFORT, Effort, checked_effort
from scoring.catalogues import Catalogues
from scoring.problems import Refusal
from scoring.rulebook import Rulebook

SURFACE_COLUMNS = (
    "rule", "record_type", "unit", "points_per_unit", "hours_per_unit", "points_per_hour", "cap_points",
    "window_months", "open",
)  # fmt: skip


def gaming_surface(
    rulebook: Rulebook, catalogues: Catalogues, effort: tuple[Effort, ...] = DEFAULT_EFFORT
) -> pd.DataFrame:
    """One row per (positive rule, record type it reads), cheapest points first; conferred types
    (commendations, confirmations) are listed with no effort (`open` False), last."""
    table = checked_effort(effort, catalogues)
    rows = []
    for rule in rulebook.rules:
        if rule.points <= 0:
            continue
        for type_id in rule.matches:
            record_type = catalogues.record_type(type_id)
            per_unit = rule.points / rule.per_units
            hours = table[type_id].hours_per_unit if type_id in table else math.nan
            rows.append(
                (rule.id, type_id, record_type.unit, per_unit, hours, per_unit / hours, _cap(rulebook, rule.id),
                 rule.window_months, type_id in table)
            )  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(SURFACE_COLUMNS))
    return frame.sort_values(["open", "points_per_hour"], ascending=[False, False], ignore_index=True)


def _cap(rulebook: Rulebook, rule_id: str) -> float:
    """The most points the rule can give: its own upper cap and its dimension's (inf: none)."""
    rule = next(r for r in rulebook.rules if r.id == rule_id)
    dimension = next(d for d in rulebook.dimensions if d.id == rule.dimension)
    caps = [c for c in (rule.cap_high, dimension.cap_high) if c is not None]
    return min(caps) if caps else math.inf


@dataclass(frozen=True)
class Step:
    rule: str
    record_type: str
    quantity: float  # in the record type's unit
    points: float
    hours: float


@dataclass(frozen=True)
class Route:
    """From `tier` (index, best first) at score `start` towards `target` at `cutoff`: `steps`,
    reaching it when `reached`, otherwise the most the open actions give in a year."""

    tier: int
    target: int
    start: float
    cutoff: float
    reached: bool
    steps: tuple[Step, ...]

    @property
    def hours(self) -> float:
        return sum(s.hours for s in self.steps)

    @property
    def points(self) -> float:
        return sum(s.points for s in self.steps)


def cheapest_route(
    rulebook: Rulebook, catalogues: Catalogues, start: float, cutoff: float, effort: tuple[Effort, ...] = DEFAULT_EFFORT
) -> tuple[list[Step], bool]:
    """Greedy by points per hour from `start` (no positive points yet) towards `cutoff`: the
    steps, and whether they reach it (if not, they are the most the open actions give)."""
    if not (math.isfinite(start) and math.isfinite(cutoff)):
        raise Refusal("route_scores", f"route: start {start} and cut-off {cutoff} must be finite numbers")
    table = checked_effort(effort, catalogues)
    surface = gaming_surface(rulebook, catalogues, effort)
    surface = surface[surface["open"]]
    rules = {r.id: r for r in rulebook.rules}
    room_dimension = {d.id: (d.cap_high if d.cap_high is not None else math.inf) for d in rulebook.dimensions}
    gap = cutoff - start
    steps: list[Step] = []
    for row in surface.itertuples(index=False):
        rule = rules[row.rule]
        if gap <= 0:
            break
        if rule.groups != "all" or catalogues.record_type(row.record_type).groups != "all":
            continue
        used = sum(s.points for s in steps if s.rule == rule.id)
        room = min(_cap(rulebook, rule.id) - used, room_dimension[rule.dimension])
        limit = table[row.record_type].max_units_per_year
        units = math.ceil(min(gap, room) / row.points_per_unit - 1e-9)
        if limit is not None:
            units = min(units, math.floor(limit))
        if units <= 0 or room <= 0:
            continue
        points = min(units * row.points_per_unit, room)  # a cap takes no more, whatever is done
        steps.append(Step(rule.id, row.record_type, float(units), points, units * row.hours_per_unit))
        room_dimension[rule.dimension] -= points
        gap -= points
    return steps, gap <= 1e-9


def tier_routes(
    rulebook: Rulebook, catalogues: Catalogues, cutoffs: np.ndarray, effort: tuple[Effort, ...] = DEFAULT_EFFORT
) -> list[Route]:
    """The cheapest route from the lower edge of every tier but the best to the tier above
    (`cutoffs`: the engine's, best first; the last tier's edge is the score's minimum)."""
    n_tiers = len(rulebook.tiers.levels)
    if len(cutoffs) != n_tiers - 1:
        raise Refusal("route_cutoffs", f"route: {len(cutoffs)} cut-offs given, the rulebook's tiers need {n_tiers - 1}")
    edges = [*map(float, cutoffs), float(rulebook.score.min)]
    routes = []
    for tier in range(1, n_tiers):
        start, cutoff = edges[tier], edges[tier - 1]
        steps, reached = cheapest_route(rulebook, catalogues, start, cutoff, effort)
        routes.append(Route(tier, tier - 1, start, cutoff, reached, tuple(steps)))
    return routes
