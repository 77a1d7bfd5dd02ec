"""Who is scored: with consent, whatever their hukou, and on a comparable set of record types
whatever their key group.

Consent: the evaluator checklist's baseline is Rongcheng's practice (consent now required),
reported; no national rule on consent was retrieved. Residence: 国办发〔2020〕49号's legality and
necessity; no national rule on hukou and scoring was retrieved, so a scheme that widens
eligibility for non-locals after a waiting time is a warning, one that never scores them (and
so never rewards them) a failure. Group density: the key groups of 国办发〔2016〕98号; a group
scored on many more record types than another has more ways to lose points for the same conduct
(domain §5.4: "data availability rather than behaviour").
"""

from __future__ import annotations

from scoring.catalogues import Catalogues
from scoring.checks.baselines import CONSENT, KEY_GROUPS, LEGALITY
from scoring.checks.finding import Finding, checked, finding
from scoring.rulebook import Rulebook

DENSITY_WARN = 1.5  # the most-scored group is scored on at least 1.5 × the types of the least …
DENSITY_FAIL = 2.0  # … or at least twice as many


def consent(rulebook: Rulebook, catalogues: Catalogues | None = None) -> list[Finding]:
    """Fail when the rulebook scores people who have not consented."""
    catalogues = checked(rulebook, catalogues)
    if rulebook.eligibility.consent_required:
        return [finding("consent", "pass", "consent.pass", CONSENT, catalogues)]
    field = [("field", "eligibility.consent_required")]
    return [finding("consent", "fail", "consent.not_required", CONSENT, catalogues, elements=field)]


def residence(rulebook: Rulebook, catalogues: Catalogues | None = None) -> list[Finding]:
    """Fail when only local hukou is scored; warn when non-locals wait for insured months."""
    catalogues = checked(rulebook, catalogues)
    rules = rulebook.eligibility
    if rules.hukou == "any":
        return [finding("residence", "pass", "residence.pass", LEGALITY, catalogues)]
    if rules.non_local_min_insured_months is None:
        field = [("field", "eligibility.hukou")]
        return [finding("residence", "fail", "residence.local_only", LEGALITY, catalogues, elements=field)]
    field = [("field", "eligibility.hukou"), ("field", "eligibility.non_local_min_insured_months")]
    months = rules.non_local_min_insured_months
    return [finding("residence", "warn", "residence.waiting_time", LEGALITY, catalogues, elements=field, months=months)]


def types_per_group(rulebook: Rulebook, catalogues: Catalogues) -> dict[str, frozenset[str]]:
    """The record types each key group is scored on: read by a rule of the group (all, or listed)
    and able to occur for it (the catalogue's groups of the type)."""
    scored: dict[str, set[str]] = {g: set() for g in catalogues.key_group_ids}
    for rule in rulebook.rules:
        if rule.points == 0:
            continue
        for type_id in rule.matches:
            occurs = catalogues.record_type(type_id).groups
            for group in scored:
                if (rule.groups == "all" or group in rule.groups) and (occurs == "all" or group in occurs):
                    scored[group].add(type_id)
    return {g: frozenset(types) for g, types in scored.items()}


def group_density(rulebook: Rulebook, catalogues: Catalogues | None = None) -> list[Finding]:
    """Warn at DENSITY_WARN, fail at DENSITY_FAIL: the ratio of the most to the fewest record
    types a key group is scored on. Names the groups scored on the most, and the rules that score
    them on what the least-scored group is not scored on."""
    catalogues = checked(rulebook, catalogues)
    scored = types_per_group(rulebook, catalogues)
    counts = {g: len(types) for g, types in scored.items()}
    most, fewest = max(counts.values()), min(counts.values())
    ratio = most / fewest if fewest else float("inf")
    params = {"most": most, "fewest": fewest, "ratio": ratio, "warn_at": DENSITY_WARN, "fail_at": DENSITY_FAIL}
    if ratio < DENSITY_WARN:
        return [finding("group_density", "pass", "group_density.pass", KEY_GROUPS, catalogues, **params)]
    dense = [g for g, n in counts.items() if n == most]
    sparse = next(g for g, n in counts.items() if n == fewest)
    extra = set().union(*(scored[g] for g in dense)) - scored[sparse]
    rules = [r.id for r in rulebook.rules if r.points != 0 and extra & set(r.matches)]
    verdict = "fail" if ratio >= DENSITY_FAIL else "warn"
    elements = [("group", g) for g in dense]
    return [
        finding(
            "group_density",
            verdict,
            "group_density.uneven",
            KEY_GROUPS,
            catalogues,
            rules=rules,
            elements=elements,
            **params,
        )
    ]
