"""Whether a person is scored, and why: each condition of the rulebook's eligibility (age,
consent, residence or social insurance), met or not, with the values that decided it. The same
conditions as the engine's `eligibility_mask`, one person at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from scoring.engine import Compiled
from scoring.rulebook import Eligibility

Condition = Literal["age", "consent", "residence"]


@dataclass(frozen=True)
class Reason:
    condition: Condition
    met: bool
    code: str  # the condition's outcome, e.g. "too_young", "local", "insured_long_enough"
    params: dict[str, Any] = field(default_factory=dict)


def eligibility_reasons(compiled: Compiled, rules: Eligibility, person_id: int) -> tuple[Reason, ...]:
    """Every condition the rulebook sets, in the order the notice lists them."""
    age = int(compiled.age_years[person_id])
    reasons = [Reason("age", age >= rules.min_age, "old_enough" if age >= rules.min_age else "too_young",
                      {"age": age, "min_age": rules.min_age})]  # fmt: skip
    if rules.consent_required:
        consented = bool(compiled.consent[person_id])
        reasons.append(Reason("consent", consented, "consented" if consented else "no_consent"))
    if rules.hukou == "local":
        months = int(compiled.insured_months[person_id])
        if compiled.is_local[person_id]:
            reasons.append(Reason("residence", True, "local"))
        elif rules.non_local_min_insured_months is None:
            reasons.append(Reason("residence", False, "non_local"))
        else:
            enough = months >= rules.non_local_min_insured_months
            reasons.append(
                Reason("residence", enough, "insured_long_enough" if enough else "insured_too_short",
                       {"months": max(months, 0), "required": rules.non_local_min_insured_months})
            )  # fmt: skip
    return tuple(reasons)
