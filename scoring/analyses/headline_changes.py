"""The headline changes of a reform as one flat row of numbers, for seeing how much each one
moves from one synthetic population to the next (synthetic/spread.py).

A figure that is not defined for the pair (tier moves between ladders of different lengths) is
NaN, not left out: every seed then has the same columns and the gap is visible.
"""

from __future__ import annotations

import numpy as np

from scoring.analyses.comparison import headline_effects
from scoring.analyses.incentives import incentive_changes
from scoring.analyses.movers import LaddersDiffer, tier_moves
from scoring.engine import ScoreResult

FIGURES = ("scored", "mean_score", "best_tier_share", "moved_up", "moved_down", "incentive_cost")


def headline_changes(baseline: ScoreResult, reform: ScoreResult) -> dict[str, float]:
    """Change in the number scored, the mean score and the best tier's share of everyone; the
    shares of the people scored under both who move up or down a tier; the change in the yearly
    cost of all incentives (yuan). The mean score's change only on one score range (a point is
    another thing on another range: NaN), the moves only on ladders of as many tiers."""
    effects = headline_effects(baseline, reform)
    ranges = [(r.rulebook.score.min, r.rulebook.score.max) for r in (baseline, reform)]
    try:
        moves = tier_moves(baseline, reform).loc["all"]
        both = max(int(moves["people"]), 1)
        up, down = (moves["up_1"] + moves["up_2"]) / both, (moves["down_1"] + moves["down_2"]) / both
    except LaddersDiffer:
        up = down = np.nan
    return {
        "scored": effects.scored.change,
        "mean_score": effects.mean_score.change if ranges[0] == ranges[1] else np.nan,
        "best_tier_share": effects.best_tier_share.change,
        "moved_up": float(up),
        "moved_down": float(down),
        "incentive_cost": float(incentive_changes(baseline, reform)["cost_change"].sum()),
    }
