"""How long a negative record may count, and when it can be repaired (发改办财金〔2019〕527号;
国办发〔2020〕49号: repair must be available; NDRC Order No. 58: a right to repair).

A record's publicity ends at the maximum period of its severity, so a rule that counts it longer
(or with no window) scores a record that should no longer be public. The rulebook's own
maximum is the limit where it sets one, else the national one; whether the rulebook's periods
themselves respect the national ones is the repair check's question.
"""

from __future__ import annotations

from scoring.catalogues import Catalogues
from scoring.checks.baselines import PUBLICITY_MAX, REPAIR, REPAIR_MIN, TRAINING_ONLY_FOR
from scoring.checks.finding import Finding, checked, finding, negative_rules
from scoring.rulebook import Rulebook


def _severities(rule, catalogues: Catalogues) -> list[str]:
    return list(dict.fromkeys(catalogues.record_type(t).severity for t in rule.matches))


def publicity_periods(rulebook: Rulebook, catalogues: Catalogues | None = None) -> list[Finding]:
    """Fail naming every deducting rule whose window is longer than the maximum publicity period
    of one of its types' severities, or that has no window at all."""
    catalogues = checked(rulebook, catalogues)
    longest = {s: rulebook.repair.max_months.get(s, limit.value) for s, limit in PUBLICITY_MAX.items()}
    late, severities = [], []
    for rule in negative_rules(rulebook):
        over = [
            s for s in _severities(rule, catalogues) if rule.window_months is None or rule.window_months > longest[s]
        ]
        if over:
            late.append(rule.id)
            severities.extend(over)
    if not late:
        return [finding("publicity", "pass", "publicity.pass", REPAIR, catalogues)]
    elements = [("severity", s) for s in severities]
    return [
        finding(
            "publicity",
            "fail",
            "publicity.past_maximum",
            REPAIR,
            catalogues,
            rules=late,
            elements=elements,
            rules_count=len(late),
        )
    ]


def repair_rules(rulebook: Rulebook, catalogues: Catalogues | None = None) -> list[Finding]:
    """For each severity the rulebook deducts for and the national rules give periods for: fail
    when it has no repair (no minimum period), a longer minimum or a longer maximum than the
    national one; warn when it asks training or a credit report below serious dishonesty."""
    catalogues = checked(rulebook, catalogues)
    repair = rulebook.repair
    scored = {s for rule in negative_rules(rulebook) for s in _severities(rule, catalogues)}
    failed, warned = [], []
    for severity in (s for s in REPAIR_MIN if s in scored):
        if severity not in repair.min_months:
            failed.append(f"repair.min_months.{severity}")
            continue
        if repair.min_months[severity] > REPAIR_MIN[severity].value:
            failed.append(f"repair.min_months.{severity}")
        if repair.max_months[severity] > PUBLICITY_MAX[severity].value:
            failed.append(f"repair.max_months.{severity}")
    for field in ("training_for", "report_for"):
        if set(getattr(repair, field)) - set(TRAINING_ONLY_FOR):
            warned.append(f"repair.{field}")
    if failed:
        verdict, code = "fail", "repair.unavailable_or_stricter"
    elif warned:
        verdict, code = "warn", "repair.training_below_serious"
    else:
        return [finding("repair", "pass", "repair.pass", REPAIR, catalogues)]
    fields = [("field", f) for f in (*failed, *warned)]
    return [finding("repair", verdict, code, REPAIR, catalogues, elements=fields, fields=len(fields))]
