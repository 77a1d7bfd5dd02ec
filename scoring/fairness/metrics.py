"""Compute: what each group gets from a scheme, as counts and rates (Aequitas' first step).

Rates have the base that makes them comparable across groups:
- eligibility: scored people of everyone in the group;
- top tiers, bottom tier: of the group's *scored* people (eligibility is its own rate, so a
  group with few scored people is not also counted as absent from the top);
- red and black list: of everyone (a listing authority's decision does not depend on a
  rulebook's eligibility);
- incentive value: yuan a year per person of the group, recipients (by tier, score or the red
  list) × uptake × unit cost summed over the rulebook's incentives (`scoring.analyses.incentives`),
  so an unscored person counts as receiving nothing.

The counts behind each rate are kept beside it: small-cell hiding (`judge.hide_small`) and the
reader both need them. A group nobody is in keeps its row with NaN rates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError
from scoring.analyses.incentives import recipients
from scoring.fairness.groups import Attribute

DEFAULT_TOP_TIERS = 2
COUNTS = ("people", "scored", "top_tiers", "bottom_tier", "red_list", "black_list", "recipients")
RATES = ("eligibility", "top_tiers_rate", "bottom_tier_rate", "red_list_rate", "black_list_rate", "incentive_value")
# rate -> (count it is computed from, count of its base)
BASES = {
    "eligibility": ("scored", "people"),
    "top_tiers_rate": ("top_tiers", "scored"),
    "bottom_tier_rate": ("bottom_tier", "scored"),
    "red_list_rate": ("red_list", "people"),
    "black_list_rate": ("black_list", "people"),
    "incentive_value": ("recipients", "people"),
}
COLUMNS = (*COUNTS, "mean_score", *RATES, "incentive_yuan")
# every figure that is not a count -> the counts it is computed from (`judge.hide_small`)
SOURCES = {
    **{rate: (count, base) for rate, (count, base) in BASES.items()},
    "mean_score": ("scored",),
    "incentive_yuan": ("recipients", "people"),
}


def check_attribute(result, groups: Attribute) -> np.ndarray:
    """The attribute's codes, refused unless there is one per person of the result."""
    if not isinstance(groups, Attribute):
        raise AnalysisInputError(f"groups: expected an Attribute (fairness.groups), got {type(groups).__name__}")
    codes = np.asarray(groups.codes)
    if len(codes) != len(result.eligible):
        raise AnalysisInputError(
            f"groups: {len(codes)} codes for {len(result.eligible)} people; expected one per person of the result"
        )
    return codes


def check_top_tiers(result, top_tiers: int) -> int:
    n_tiers = len(result.tier_ids)
    if isinstance(top_tiers, bool) or not isinstance(top_tiers, int | np.integer) or not 1 <= top_tiers < n_tiers:
        raise AnalysisInputError(f"top_tiers: expected a whole number from 1 to {n_tiers - 1}, got {top_tiers!r}")
    return int(top_tiers)


def incentive_yuan(result) -> tuple[np.ndarray, np.ndarray]:
    """Per person: yuan a year of expected incentives (uptake × unit cost of each received) and
    whether they receive any."""
    value = np.zeros(len(result.eligible))
    receives = np.zeros(len(result.eligible), dtype=bool)
    for incentive in result.rulebook.incentives:
        gets = recipients(result, incentive)
        value += gets * (incentive.uptake * incentive.unit_cost_yuan)
        receives |= gets
    return value, receives


def group_metrics(result, groups: Attribute, top_tiers: int = DEFAULT_TOP_TIERS) -> pd.DataFrame:
    """One row per group (the attribute's order): the counts, the mean score of the scored
    people and the rates described in the module docstring. `top_tiers` is how many of the best
    tiers count as the top; the bottom tier is the last."""
    codes = check_attribute(result, groups)
    top = check_top_tiers(result, top_tiers)
    n = groups.n_groups
    eligible, tier = np.asarray(result.eligible, dtype=bool), np.asarray(result.tier)
    value, receives = incentive_yuan(result)

    def per_group(weights=None) -> np.ndarray:
        return np.bincount(codes, weights=weights, minlength=n)

    counts = {
        "people": per_group(),
        "scored": per_group(eligible),
        "top_tiers": per_group(eligible & (tier >= 0) & (tier < top)),
        "bottom_tier": per_group(eligible & (tier == len(result.tier_ids) - 1)),
        "red_list": per_group(np.asarray(result.red_list, dtype=bool)),
        "black_list": per_group(np.asarray(result.black_list, dtype=bool)),
        "recipients": per_group(receives),
    }
    table = pd.DataFrame({k: v.astype(np.int64) for k, v in counts.items()}, index=groups.index())
    score_sum = per_group(np.where(eligible, np.nan_to_num(result.score), 0.0))
    table["mean_score"] = _ratio(score_sum, table["scored"])
    table["incentive_yuan"] = per_group(value)
    for rate, (count, base) in BASES.items():
        numerator = table["incentive_yuan"] if rate == "incentive_value" else table[count]
        table[rate] = _ratio(numerator.to_numpy(dtype=float), table[base])
    return table[list(COLUMNS)]


def _ratio(numerator: np.ndarray, base: pd.Series) -> np.ndarray:
    base = base.to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(base > 0, numerator / np.where(base > 0, base, 1.0), np.nan)
