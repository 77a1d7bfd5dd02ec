"""Winners and losers: per group, how many people a reform moves up or down the tier ladder.

Only people scored under both rulebooks move on a ladder; who enters or leaves the scored
population is `eligibility_changes`' business. Tiers are compared by rank (best = 0), so two
ladders are comparable only when they have as many tiers: a five-tier reform against a six-tier
baseline is refused rather than read as everyone moving.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.comparison import check_comparable, check_groups, check_mask, count_classes
from scoring.engine import ScoreResult

MOVES = ("up_2", "up_1", "same", "down_1", "down_2")  # up = a better tier; _2 = two or more


class LaddersDiffer(ValueError):
    """The two rulebooks have tier ladders of different lengths; tier moves are not defined."""


def tier_moves(
    baseline: ScoreResult,
    reform: ScoreResult,
    codes: np.ndarray | None = None,
    labels: Sequence[str] | None = None,
    mask: np.ndarray | None = None,
) -> pd.DataFrame:
    """Per group (rows, every label): `people` scored under both, then how many of them move
    up two or more tiers, up one, stay, down one, down two or more (columns `MOVES`)."""
    check_comparable(baseline, reform)
    if len(baseline.tier_ids) != len(reform.tier_ids):
        raise LaddersDiffer(
            f"baseline has {len(baseline.tier_ids)} tiers and reform {len(reform.tier_ids)}; "
            "tier moves need ladders of the same length"
        )
    codes, labels = check_groups(baseline, codes, labels)
    both = check_mask(baseline, mask) & baseline.eligible & reform.eligible
    steps = np.clip(baseline.tier - reform.tier, -2, 2, dtype=np.int8)  # > 0: a better tier (ladders < 128)
    classes = np.where(both, 2 - steps, np.int8(len(MOVES)))  # up_2 is class 0, down_2 class 4
    moves = count_classes(codes, labels, classes, MOVES)
    moves.insert(0, "people", moves.sum(axis=1))
    return moves


def move_shares(moves: pd.DataFrame) -> pd.DataFrame:
    """`tier_moves` with the moves as shares of the group's `people` (NaN for an empty group)."""
    people = moves["people"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = moves[list(MOVES)].to_numpy(dtype=float) / np.where(people > 0, people, np.nan)[:, None]
    return pd.DataFrame({"people": moves["people"], **dict(zip(MOVES, shares.T, strict=True))}, index=moves.index)


def by_net_gain(shares: pd.DataFrame) -> pd.DataFrame:
    """`move_shares` rows ranked by net gain (up less down, a hidden share counted as none), the
    largest first, groups nobody in is scored under both last: the order of the chart and the table."""
    moved = shares[list(MOVES)].fillna(0).to_numpy(dtype=float)
    net = moved[:, MOVES.index("up_1")] + moved[:, MOVES.index("up_2")]
    net -= moved[:, MOVES.index("down_1")] + moved[:, MOVES.index("down_2")]
    empty = shares["people"].to_numpy() == 0
    return shares.iloc[np.lexsort((-net, empty))]
