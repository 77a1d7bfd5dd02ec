"""The Lists page's figures from one dataset's events: each analysis fed from `list_events`.

Months run from `first` to `as_of`; the rulebook supplies the repair target and stretch, the
publicity periods and the objection limit in days. Each call is tens of milliseconds at 1 M
people (the extraction behind it is kept per dataset).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.list_events import ListEvents
from scoring.analyses.list_flows import list_flows
from scoring.analyses.objection_times import resolution_days, resolution_times
from scoring.analyses.objections import objection_backlog
from scoring.analyses.repair_funnel import repair_positions
from scoring.analyses.repair_participation import repair_participation
from scoring.analyses.repair_times import repair_times
from scoring.rulebook import Rulebook


def flows(events: ListEvents, n_people: int, first, as_of, codes: np.ndarray, labels: Sequence[str]) -> pd.DataFrame:
    """People on each list per group (`codes`: each person's group): everyone counted once."""
    return list_flows(events.intervals, n_people, first, as_of, **_repaired(events), codes=codes, labels=labels)


def department_flows(
    events: ListEvents, by_department: pd.DataFrame, n_people: int, first, as_of, departments: Sequence[str]
) -> pd.DataFrame:
    """People on each list per deciding department (`by_department`: `department_listings`;
    `departments`: the catalogue's, in code order): a person listed by two departments at once
    is counted in each."""
    return list_flows(
        by_department, n_people, first, as_of, **_repaired(events), labels=departments, group_column="department"
    )


def _repaired(events: ListEvents) -> dict[str, np.ndarray]:
    repaired = events.steps.step == "repaired"
    return {"repaired_person": events.steps.person[repaired], "repaired_on": events.steps.day[repaired]}


def participation(
    events: ListEvents, rulebook: Rulebook, n_people: int, first, as_of, codes: np.ndarray, labels: Sequence[str]
) -> pd.DataFrame:
    """People black-listed from `first` to `as_of` for a record of a severity the rulebook sets
    repair periods for (the funnel's cohort, so that its restored records belong to the people
    counted here as having completed repair)."""
    black, steps = events.black, events.steps
    known = np.isin(black.severity, list(rulebook.repair.min_months))
    return repair_participation(
        rulebook.repair.targets, n_people, as_of, first,
        listed_record=black.record[known], listed_person=black.person[known], listed_on=black.day[known],
        step_record=steps.record, step=steps.step, step_on=steps.day, codes=codes, labels=labels,
    )  # fmt: skip


def times(events: ListEvents, rulebook: Rulebook, first, as_of) -> pd.DataFrame:
    """Black listings from `first` to `as_of` (the funnel's cohort) of the severities the
    rulebook sets periods for (a listed type of another severity has no repair period to be
    measured against)."""
    black = events.black
    since = np.datetime64(first, "D")
    known = np.isin(black.severity, list(rulebook.repair.min_months)) & (black.day >= since)
    return repair_times(
        rulebook.repair, as_of, severity=black.severity[known], listed_on=black.day[known],
        repaired_on=events.repair_day(black.record[known]),
    )  # fmt: skip


def black_cohort(events: ListEvents, rulebook: Rulebook, first, as_of) -> pd.DataFrame:
    """The black-list entries listed from `first` to `as_of` of the severities the rulebook sets
    repair periods for, each with its person, severity (categorical in the rulebook's order) and
    place in the repair process (`repair_positions`: stage reached, position on the as-of date)."""
    black = events.black
    since, until = np.datetime64(first, "D"), np.datetime64(as_of, "D")
    keep = (black.day >= since) & (black.day <= until) & np.isin(black.severity, list(rulebook.repair.min_months))
    record, listed_on = black.record[keep], black.day[keep]
    steps = events.first_steps(record, listed_on)
    positions = repair_positions(
        rulebook.repair, as_of, severity=black.severity[keep], listed_on=listed_on,
        committed_on=steps["committed"], trained_on=steps["trained"], repaired_on=steps["repaired"],
    )  # fmt: skip
    severity = pd.Categorical(black.severity[keep], categories=list(rulebook.repair.min_months))
    return positions.assign(person=black.person[keep], severity=severity)


def _objection_groups(events: ListEvents, person_codes: np.ndarray | None) -> np.ndarray:
    """Each objection's group: its deciding department, or (given per-person codes) the
    disputed person's group."""
    raised = events.objections
    return raised.department if person_codes is None else np.asarray(person_codes)[raised.person]


def backlog(
    events: ListEvents, rulebook: Rulebook, first, as_of, labels: Sequence[str], person_codes: np.ndarray | None = None
) -> pd.DataFrame:
    """Objections by the department that decided the disputed record (`labels`: the catalogue's
    departments in code order) or, with `person_codes`, by the disputed person's group."""
    raised = events.objections
    return objection_backlog(
        rulebook.objections.sla_days, first, as_of, raised_on=raised.raised, answered_on=raised.answered,
        group=_objection_groups(events, person_codes), labels=labels,
    )  # fmt: skip


def resolution(
    events: ListEvents, rulebook: Rulebook, first, as_of, labels: Sequence[str], person_codes: np.ndarray | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Time to answer per group (as `backlog` groups) and its distribution over all objections."""
    raised, sla = events.objections, rulebook.objections.sla_days
    per_group = resolution_times(
        sla, first, as_of, raised_on=raised.raised, answered_on=raised.answered,
        group=_objection_groups(events, person_codes), labels=labels,
    )  # fmt: skip
    return per_group, resolution_days(sla, first, as_of, raised_on=raised.raised, answered_on=raised.answered)
