"""Sanctions or restrictions that hang on a score rather than on a legal list (国办发〔2020〕49号:
the basis of a restriction is a legal decision; a score alone triggers none).

What can occur, given the rulebook's own refusals: a sanction written with a tier or a score is
refused by the model however the rulebook is made (YAML, the editors, `model_copy`;
`model_construct` is closed), so no Rulebook holds one. What a valid rulebook can still hold:
- a sanction that follows the red list only (a list of trustworthy people punishing them);
- a benefit the scheme gives by default, a restriction in disguise: an incentive whose score
  conditions the base score meets (a person without any record receives it) and that does not
  reach every tier, so one record that lowers the score takes it away. That is the critics'
  "restriction by score"; it is a warning, since a benefit withheld is not a sanction in law.
"""

from __future__ import annotations

from scoring.catalogues import Catalogues
from scoring.checks.baselines import LEGALITY
from scoring.checks.finding import Finding, checked, finding
from scoring.rulebook import Incentive, Rulebook


def _base_tier(rulebook: Rulebook) -> str | None:
    """The tier of a person without records (absolute tiers only: a quantile tier depends on the
    population)."""
    tiers = rulebook.tiers
    if tiers.mode != "absolute":
        return None
    return next(level.id for level in tiers.levels if level.min is None or rulebook.score.base >= level.min)


def _default_benefit(incentive: Incentive, rulebook: Rulebook, base_tier: str | None) -> bool:
    if not incentive.tiers and incentive.min_score is None:
        return False  # reaches red-list members only
    if incentive.tiers and (base_tier is None or base_tier not in incentive.tiers):
        return False
    if incentive.min_score is not None and rulebook.score.base < incentive.min_score:
        return False
    everyone = incentive.min_score is None or incentive.min_score <= rulebook.score.min
    return not (everyone and (not incentive.tiers or set(incentive.tiers) == set(rulebook.tiers.ids)))


def tier_restrictions(rulebook: Rulebook, catalogues: Catalogues | None = None) -> list[Finding]:
    """Fail naming a sanction that does not follow the black list; warn naming an incentive the
    base score already earns but not every tier receives."""
    catalogues = checked(rulebook, catalogues)
    off_list = [s.id for s in rulebook.sanctions if "black" not in s.lists]
    if off_list:
        elements = [("sanction", s) for s in off_list]
        return [
            finding(
                "tier_restrictions",
                "fail",
                "tier_restrictions.sanction_off_black_list",
                LEGALITY,
                catalogues,
                elements=elements,
            )
        ]
    base_tier = _base_tier(rulebook)
    defaults = [i.id for i in rulebook.incentives if _default_benefit(i, rulebook, base_tier)]
    if defaults:
        elements = [("incentive", i) for i in defaults]
        return [
            finding(
                "tier_restrictions", "warn", "tier_restrictions.default_benefit", LEGALITY, catalogues,
                elements=elements, base=rulebook.score.base,
            )
        ]  # fmt: skip
    return [finding("tier_restrictions", "pass", "tier_restrictions.pass", LEGALITY, catalogues)]
