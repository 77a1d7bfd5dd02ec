"""Points proportionate to severity (国办发〔2020〕49号: 过惩相当): a record of a lighter severity
class must not cost more than one of a graver class.

The cost compared is what one unit of the type (one occurrence, one month, one hour …) can
take from a score: the rule's points per unit, no more than its own cap and its dimension's cap
allow. A minor type costing more than the cheapest general or serious one (or a general one more
than the cheapest serious one) is out of order, caps taken into account.
"""

from __future__ import annotations

import math

from scoring.catalogues import Catalogues
from scoring.checks.baselines import LEGALITY
from scoring.checks.finding import Finding, checked, finding, negative_rules
from scoring.rulebook import Rule, Rulebook

CLASSES = ("minor", "general", "serious")  # lighter first


def unit_cost(rule: Rule, rulebook: Rulebook) -> float:
    """Points one unit of a deducting rule's type can take, after the rule's and its dimension's
    lower caps."""
    dimension = next(d for d in rulebook.dimensions if d.id == rule.dimension)
    caps = [-c for c in (rule.cap_low, dimension.cap_low) if c is not None]
    return min([-rule.points / rule.per_units, *caps, math.inf])


def severity_order(rulebook: Rulebook, catalogues: Catalogues | None = None) -> list[Finding]:
    """Fail naming each deducting rule whose type of one class costs more per unit than the
    cheapest type of a graver class (`than`: that rule)."""
    catalogues = checked(rulebook, catalogues)
    costs = [
        (rule.id, CLASSES.index(catalogues.record_type(t).severity), unit_cost(rule, rulebook))
        for rule in negative_rules(rulebook)
        for t in rule.matches
    ]
    offending: list[str] = []
    than: list[str] = []
    for rule_id, grade, cost in costs:
        graver = [(c, r) for r, g, c in costs if g > grade]
        cheapest = min(graver, default=None)
        if cheapest is not None and cost > cheapest[0]:
            offending.append(rule_id)
            than.append(cheapest[1])
    if not offending:
        return [finding("proportionality", "pass", "proportionality.pass", LEGALITY, catalogues)]
    ordered = [r.id for r in rulebook.rules if r.id in offending]
    return [
        finding(
            "proportionality", "fail", "proportionality.out_of_order", LEGALITY, catalogues,
            rules=ordered, rules_count=len(ordered), than=tuple(dict.fromkeys(than)),
        )
    ]  # fmt: skip
