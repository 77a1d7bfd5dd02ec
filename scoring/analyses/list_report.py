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
from scoring.analyses.objections import objection_backlog
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
    black, steps = events.black, events.steps
    return repair_participation(
        rulebook.repair.targets, n_people, as_of, first,
        listed_record=black.record, listed_person=black.person, listed_on=black.day,
        step_record=steps.record, step=steps.step, step_on=steps.day, codes=codes, labels=labels,
    )  # fmt: skip


def times(events: ListEvents, rulebook: Rulebook, as_of) -> pd.DataFrame:
    """Black listings of the severities the rulebook sets periods for (a listed type of another
    severity has no repair period to be measured against)."""
    black = events.black
    known = np.isin(black.severity, list(rulebook.repair.min_months))
    return repair_times(
        rulebook.repair, as_of, severity=black.severity[known], listed_on=black.day[known],
        repaired_on=events.repair_day(black.record[known]),
    )  # fmt: skip


def backlog(events: ListEvents, rulebook: Rulebook, first, as_of, labels: Sequence[str]) -> pd.DataFrame:
    """Objections by the department that decided the disputed record (`labels`: the catalogue's
    departments in code order)."""
    raised = events.objections
    return objection_backlog(
        rulebook.objections.sla_days, first, as_of,
        raised_on=raised.raised, answered_on=raised.answered, group=raised.department, labels=labels,
    )  # fmt: skip
