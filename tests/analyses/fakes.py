"""Hand-made score results: a few people whose scores and tiers a test states outright.

The comparison analyses read only `eligible`, `score`, `tier`, `vetoed`, the rulebook and the
compiled view's identity and date, so a situation can be written person by person instead of
engineered through records and rules.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import numpy as np

from scoring.rulebook import Rulebook, load_preset

UNSCORED = None  # a person without a score in `people(...)`


def population(n: int, as_of: dt.date = dt.date(2025, 12, 31)) -> SimpleNamespace:
    """The compiled view both results of a comparison share (same people, same date)."""
    return SimpleNamespace(matrix=object(), as_of=as_of, n_people=n)


def result(
    compiled: SimpleNamespace,
    tiers: list[str | None],
    scores: list[float] | None = None,
    vetoed: list[bool] | None = None,
    rulebook: Rulebook | None = None,
    red_list: list[bool] | None = None,
) -> SimpleNamespace:
    """A result where person i is in tier `tiers[i]` (a tier id, or None for unscored), on the
    red list where `red_list[i]` (nobody by default) and on no black list."""
    rulebook = rulebook or load_preset("illustrative")
    ids = rulebook.tiers.ids
    tier = np.array([-1 if t is None else ids.index(t) for t in tiers], dtype=np.int8)
    eligible = tier >= 0
    score = np.array(scores, dtype=float) if scores is not None else np.where(eligible, 1000.0, np.nan)
    score = np.where(eligible, score, np.nan)
    flags = np.array(vetoed, dtype=bool) if vetoed is not None else np.zeros(len(tiers), dtype=bool)
    return SimpleNamespace(
        compiled=compiled, rulebook=rulebook, tier_ids=ids, eligible=eligible, score=score, tier=tier,
        vetoed=flags & eligible, red_list=np.array(red_list or [False] * len(tiers), dtype=bool),
        black_list=np.zeros(len(tiers), dtype=bool),
    )  # fmt: skip
