"""Record types scored outside the 2021 national public credit information catalogue: public bodies
may not collect public credit information beyond it (全国公共信用信息基础目录, 2021)."""

from __future__ import annotations

from scoring.catalogues import Catalogues, Status
from scoring.checks.baselines import CATALOGUE
from scoring.checks.finding import Finding, checked, finding
from scoring.rulebook import Rulebook


def outside_catalogue(rulebook: Rulebook, catalogues: Catalogues | None = None) -> list[Finding]:
    """Fail when a rule scores a type the catalogue marks as outside it on a report or a document;
    warn when every such mark is our assumption (the catalogue's text was not read for the type).
    Every rule scoring an outside type is named, sure or not."""
    catalogues = checked(rulebook, catalogues)
    outside: dict[str, list[str]] = {}
    sure = 0
    for rule in rulebook.rules:
        if rule.points == 0:
            continue
        for type_id in rule.matches:
            record_type = catalogues.record_type(type_id)
            if not record_type.in_public_catalogue:
                outside.setdefault(rule.id, []).append(type_id)
                sure += record_type.catalogue_status is not Status.assumption
    if not outside:
        return [finding("catalogue", "pass", "catalogue.pass", CATALOGUE, catalogues)]
    types = [t for ids in outside.values() for t in ids]
    verdict, code = ("fail", "catalogue.outside") if sure else ("warn", "catalogue.outside_assumed")
    return [
        finding(
            "catalogue", verdict, code, CATALOGUE, catalogues,
            rules=outside, elements=[("record_type", t) for t in types], types=len(types), assumed=len(types) - sure,
        )
    ]  # fmt: skip
