"""Incentives under two rulebooks: who gains or loses each one and what it costs a year.

A scored person receives an incentive when they meet its score conditions, every one it sets (a
tier among its `tiers`, a score of at least `min_score`), or when they are on one of its `lists`
(the red list) on the as-of date, whatever their score: a red-list perk does not ask for a tier,
and score conditions narrow each other (tiers AA and A with a minimum of 1000 means the upper
part of them). Nobody unscored receives anything, on a list or not (no consent, no incentive:
Rongcheng's consent rules, `../shared/reference/domain.md` §3), unlike a sanction, which
follows the list alone. The yearly cost is recipients × uptake ×
`unit_cost_yuan`, the unit cost being per user and year: the rulebook's own assumption, shown
with its status wherever the cost is.

Incentives are matched by id; one that exists under one rulebook only has no recipients and no
cost under the other.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.arguments import group_codes
from scoring.analyses.comparison import check_comparable, check_mask
from scoring.engine import ScoreResult
from scoring.rulebook import Incentive

COLUMNS = (
    "in_baseline", "in_reform", "recipients_before", "recipients_after", "gaining", "losing",
    "cost_before", "cost_after", "cost_change",
)  # fmt: skip


def recipients(result: ScoreResult, incentive: Incentive) -> np.ndarray:
    """bool per person: scored, and meeting the incentive's score conditions or on one of its lists."""
    by_score = np.full(len(result.eligible), bool(incentive.tiers or incentive.min_score is not None))
    if incentive.tiers:
        allowed = np.zeros(len(result.tier_ids) + 1, dtype=bool)  # the last slot: unscored (-1)
        allowed[[result.tier_ids.index(tier) for tier in incentive.tiers]] = True
        by_score &= allowed[result.tier]
    if incentive.min_score is not None:
        by_score &= result.score >= incentive.min_score  # NaN (unscored) compares False
    flags = {"red": result.red_list, "black": result.black_list}
    on_list = np.zeros_like(by_score)
    for kind in incentive.lists:
        on_list |= np.asarray(flags[kind], dtype=bool)
    return result.eligible & (by_score | on_list)


def yearly_cost(people: int, incentive: Incentive | None) -> float:
    return 0.0 if incentive is None else people * incentive.uptake * incentive.unit_cost_yuan


def incentive_changes(baseline: ScoreResult, reform: ScoreResult, mask: np.ndarray | None = None) -> pd.DataFrame:
    """One row per incentive id (the baseline's in order, then the reform's new ones): whether
    each rulebook has it, recipients before and after, people gaining and losing it, and its
    yearly cost before, after and the change, in yuan. Empty when neither rulebook has any."""
    check_comparable(baseline, reform)
    selected = check_mask(baseline, mask)
    old = {i.id: i for i in baseline.rulebook.incentives}
    new = {i.id: i for i in reform.rulebook.incentives}
    rows = {}
    nobody = np.zeros_like(selected)
    for incentive_id in [*old, *(i for i in new if i not in old)]:
        before = recipients(baseline, old[incentive_id]) & selected if incentive_id in old else nobody
        after = recipients(reform, new[incentive_id]) & selected if incentive_id in new else nobody
        cost_before = yearly_cost(int(before.sum()), old.get(incentive_id))
        cost_after = yearly_cost(int(after.sum()), new.get(incentive_id))
        rows[incentive_id] = {
            "in_baseline": incentive_id in old,
            "in_reform": incentive_id in new,
            "recipients_before": int(before.sum()),
            "recipients_after": int(after.sum()),
            "gaining": int((after & ~before).sum()),
            "losing": int((before & ~after).sum()),
            "cost_before": cost_before,
            "cost_after": cost_after,
            "cost_change": cost_after - cost_before,
        }
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(COLUMNS)).rename_axis("incentive")


GROUP_COLUMNS = ("group", "recipients_before", "recipients_after", "cost_before", "cost_after", "cost_change")


def incentive_changes_by_group(
    baseline: ScoreResult, reform: ScoreResult, codes: np.ndarray, labels: Sequence[str]
) -> pd.DataFrame:
    """Every incentive together, before and after, per group (`codes`: each person's group, in
    `labels`), then the `total`: beneficiaries (people receiving at least one incentive) and the
    yearly cost of all incentives in yuan. The total's cost is the sum of
    `incentive_changes`' costs, and of the groups'."""
    check_comparable(baseline, reform)
    codes, labels = group_codes(codes, labels, len(baseline.eligible))
    sides = {}
    for side, result in (("before", baseline), ("after", reform)):
        anyone = np.zeros(len(result.eligible), dtype=bool)
        cost = np.zeros(len(labels) + 1)
        for incentive in result.rulebook.incentives:
            receives = recipients(result, incentive)
            anyone |= receives
            people = np.bincount(codes[receives], minlength=len(labels)).astype(float)
            cost += np.append(people, people.sum()) * incentive.uptake * incentive.unit_cost_yuan
        counts = np.bincount(codes[anyone], minlength=len(labels))
        sides[side] = (np.append(counts, counts.sum()), cost)
    rows = pd.DataFrame(
        {
            "group": [*labels, "total"],
            "recipients_before": sides["before"][0],
            "recipients_after": sides["after"][0],
            "cost_before": sides["before"][1],
            "cost_after": sides["after"][1],
        }
    )
    rows["cost_change"] = rows["cost_after"] - rows["cost_before"]
    return rows[list(GROUP_COLUMNS)]
