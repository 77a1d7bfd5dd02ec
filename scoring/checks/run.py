"""All checks of a rulebook, and of the data it scores when given, in `CHECK_IDS` order."""

from __future__ import annotations

import numpy as np

from scoring.catalogues import Catalogues
from scoring.checks.catalogue import outside_catalogue
from scoring.checks.double_counting import list_stacking, shared_cases
from scoring.checks.eligibility import consent, group_density, residence
from scoring.checks.finding import CheckInputError, Finding, checked
from scoring.checks.ids import CHECK_IDS
from scoring.checks.objections import objection_limit, objection_times
from scoring.checks.proportionality import severity_order
from scoring.checks.restrictions import tier_restrictions
from scoring.checks.time_limits import publicity_periods, repair_rules
from scoring.dataset import Dataset
from scoring.rulebook import Explanation, Rulebook

RULEBOOK_CHECKS = (
    outside_catalogue, list_stacking, publicity_periods, repair_rules, tier_restrictions, severity_order,
    consent, residence, group_density, objection_limit,
)  # fmt: skip


def run_checks(
    rulebook: Rulebook,
    catalogues: Catalogues | None = None,
    *,
    dataset: Dataset | None = None,
    as_of=None,
    scored: np.ndarray | None = None,
) -> list[Finding]:
    """The rulebook's checks; with `dataset`, `as_of` and `scored` (who is scored) also the data's."""
    catalogues = checked(rulebook, catalogues)
    given = [x is not None for x in (dataset, as_of, scored)]
    if any(given) and not all(given):
        raise CheckInputError("dataset, as_of and scored: expected all three (the data's checks) or none")
    findings = [f for check in RULEBOOK_CHECKS for f in check(rulebook, catalogues)]
    if dataset is not None:
        findings += shared_cases(rulebook, dataset, as_of, scored) + objection_times(rulebook, dataset, as_of)
    return sorted(findings, key=lambda f: CHECK_IDS.index(f.check))


def explanation(rulebook: Rulebook, found: Finding) -> Explanation | None:
    """The rulebook's written reason for a finding that is not a pass, if it gives one."""
    return None if found.verdict == "pass" else rulebook.explanations.get(found.check)
