"""Joint rewards and joint punishments (守信联合激励、失信联合惩戒) under one rulebook, per group.

Rewards: a scored person qualifies for an incentive when they meet its conditions
(`scoring.analyses.incentives.recipients`); expected users are those who qualify times the
incentive's uptake, and the yearly cost is users times the unit cost (yuan per user and year),
both the rulebook's assumptions. Punishments: a sanction applies to everyone on one of its
legal lists on the as-of date, scored or not (a listing authority's decision does not depend on
consent), and never follows a score (the rulebook refuses that). The deciding departments of a
sanction are those whose listings put its people on its lists on the as-of date.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError, day, group_codes, same_length
from scoring.analyses.incentives import recipients
from scoring.dataset import LIST_KINDS
from scoring.engine import ScoreResult
from scoring.rulebook import Sanction

INCENTIVE_COLUMNS = ("incentive", "group", "qualify", "uptake", "users", "unit_cost_yuan", "yearly_cost")
SANCTION_COLUMNS = ("sanction", "group", "people")
DEPARTMENT_COLUMNS = ("sanction", "list", "department", "people")


def incentive_reach(result: ScoreResult, codes: np.ndarray | None = None, labels: Sequence[str] | None = None):
    """One row per (incentive, group), then each incentive's `total`: who qualifies, expected
    users (qualify × uptake) and the yearly cost (users × unit cost) in yuan."""
    codes, labels = group_codes(codes, labels, len(result.eligible))
    rows = []
    for incentive in result.rulebook.incentives:
        qualify = np.bincount(codes[recipients(result, incentive)], minlength=len(labels))
        for name, count in [*zip(labels, qualify, strict=True), ("total", qualify.sum())]:
            users = int(count) * incentive.uptake
            rows.append(
                {
                    "incentive": incentive.id,
                    "group": name,
                    "qualify": int(count),
                    "uptake": incentive.uptake,
                    "users": users,
                    "unit_cost_yuan": incentive.unit_cost_yuan,
                    "yearly_cost": users * incentive.unit_cost_yuan,
                }
            )
    return pd.DataFrame(rows, columns=list(INCENTIVE_COLUMNS))


def sanction_reach(
    sanctions: Sequence[Sanction],
    on_list: dict[str, np.ndarray],
    codes: np.ndarray | None = None,
    labels: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per (sanction, group), then each sanction's `total`: the people on any of the
    sanction's lists. `on_list` maps each list kind (red, black) to a bool per person."""
    if not on_list:
        raise AnalysisInputError("on_list: expected a bool per person for each list, got none")
    n = len(next(iter(on_list.values())))
    for kind, flags in on_list.items():
        flags = np.asarray(flags)
        if flags.dtype != bool:
            raise AnalysisInputError(f"on_list[{kind!r}]: expected booleans, got {flags.dtype}")
        same_length(f"on_list[{kind!r}]", flags, "the people", n)
    codes, labels = group_codes(codes, labels, n)
    rows = []
    for sanction in sanctions:
        missing = [kind for kind in sanction.lists if kind not in on_list]
        if missing:
            raise AnalysisInputError(f"on_list: no flags for list(s) {missing}, which sanction {sanction.id} reads")
        applies = np.logical_or.reduce([np.asarray(on_list[kind]) for kind in sanction.lists])
        people = np.bincount(codes[applies], minlength=len(labels))
        rows += [
            {"sanction": sanction.id, "group": name, "people": int(count)}
            for name, count in [*zip(labels, people, strict=True), ("total", people.sum())]
        ]
    return pd.DataFrame(rows, columns=list(SANCTION_COLUMNS))


def sanction_departments(
    sanctions: Sequence[Sanction], by_department: pd.DataFrame, as_of, departments: Sequence[str]
) -> pd.DataFrame:
    """One row per (sanction, one of its lists, department with anyone on it): the people a
    department's listings hold on that list on `as_of`. `by_department` holds the listing
    intervals merged per person, list and department (person_id, kind, department, start, end:
    `list_events.department_intervals`), so a person counts once per department; one listed by
    two departments at once counts in both, and the rows may add up to more than the people
    the sanction reaches."""
    missing = [c for c in ("person_id", "kind", "department", "start", "end") if c not in by_department.columns]
    if missing:
        raise AnalysisInputError(f"by_department: missing column(s) {missing}")
    department = by_department["department"].to_numpy()
    outside = (department < 0) | (department >= len(departments))
    if outside.any():
        first = int(np.flatnonzero(outside)[0])
        raise AnalysisInputError(
            f"by_department.department: {department[first]} at row {first}; expected a code 0 … {len(departments) - 1}"
        )
    today = day(as_of, "as_of")
    start = by_department["start"].to_numpy().astype("datetime64[D]")
    end = by_department["end"].to_numpy()
    end = end if np.issubdtype(end.dtype, np.integer) else end.astype("datetime64[D]").astype(np.int64)
    standing = by_department[(start <= today) & (end > today.astype(np.int64))]
    counts = standing.groupby(["kind", "department"]).size()
    kinds = counts.index.get_level_values("kind")
    rows = [
        {"sanction": sanction.id, "list": kind, "department": departments[code], "people": int(people)}
        for sanction in sanctions
        for kind in sanction.lists
        for (_, code), people in counts[kinds == LIST_KINDS.index(kind)].items()
    ]
    return pd.DataFrame(rows, columns=list(DEPARTMENT_COLUMNS))
