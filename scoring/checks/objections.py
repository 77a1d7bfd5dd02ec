"""Objections answered within the legal limit (baselines.OBJECTION_DAYS): the rulebook's own limit
no longer than it, and in the data no objection answered, or left open, past it."""

from __future__ import annotations

from scoring.analyses.arguments import day
from scoring.analyses.list_events import list_events
from scoring.analyses.objection_times import resolution_times
from scoring.catalogues import Catalogues
from scoring.checks.baselines import OBJECTION_DAYS
from scoring.checks.finding import CheckInputError, Finding, checked, finding
from scoring.dataset import Dataset
from scoring.rulebook import Rulebook


def objection_limit(rulebook: Rulebook, catalogues: Catalogues | None = None) -> list[Finding]:
    """Fail when the rulebook gives itself more days to answer than the legal limit."""
    catalogues = checked(rulebook, catalogues)
    days, (limit, source) = rulebook.objections.sla_days, OBJECTION_DAYS
    if days <= limit:
        return [finding("objection_limit", "pass", "objection_limit.pass", source, catalogues, days=days, limit=limit)]
    field = [("field", "objections.sla_days")]
    return [
        finding(
            "objection_limit",
            "fail",
            "objection_limit.longer",
            source,
            catalogues,
            elements=field,
            days=days,
            limit=limit,
        )
    ]


def objection_times(rulebook: Rulebook, dataset: Dataset, as_of) -> list[Finding]:
    """Fail when, up to `as_of`, an objection was answered after more than the legal limit's days
    or is still open past it; counts both."""
    catalogues = checked(rulebook, None)
    if not isinstance(dataset, Dataset):
        raise CheckInputError(f"dataset: expected a Dataset, got {type(dataset).__name__}")
    today = day(as_of, "as_of")
    raised = list_events(dataset).objections
    limit, source = OBJECTION_DAYS
    first = min(raised.raised.min(), today) if len(raised.raised) else today
    total = resolution_times(limit, first, today, raised_on=raised.raised, answered_on=raised.answered).iloc[-1]
    late, overdue = int(total["answered"] - total["in_time"]), int(total["overdue_now"])
    params = {"answered": int(total["answered"]), "late": late, "overdue": overdue, "limit": limit}
    if late or overdue:
        return [finding("objection_times", "fail", "objection_times.late", source, catalogues, **params)]
    return [finding("objection_times", "pass", "objection_times.pass", source, catalogues, **params)]
