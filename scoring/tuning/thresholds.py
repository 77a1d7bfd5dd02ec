"""Tier shares and threshold sweeps, from scores already computed.

Moving a cut-off never needs a re-score: the eligible scores are sorted once and every candidate
cut-off is a `searchsorted`, so a sweep of hundreds of values over a million people costs a few
milliseconds. One-vote vetoes hold some people at or below a tier whatever their score; pass
their floor (`result.veto_floor`) and the sweep places them as the engine does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.summaries import UNSCORED
from scoring.engine import ScoreResult
from scoring.rulebook import Rulebook


def tier_shares(
    result: ScoreResult, by_codes: np.ndarray | None = None, labels: Sequence[str] | None = None
) -> pd.DataFrame:
    """Share of people per tier (columns best first, then `unscored`), plus `people`; one row
    `all`, then one per group when `by_codes` (a code per person, e.g. district `.cat.codes`)
    is given. Shares are of all people in the row, so each row adds up to 1."""
    tier = np.asarray(result.tier)
    tier_ids = result.tier_ids
    n_columns = len(tier_ids) + 1
    column = np.where(tier < 0, len(tier_ids), tier).astype(np.intp)
    counts = [np.bincount(column, minlength=n_columns)]
    index = ["all"]
    if by_codes is not None:
        codes = np.asarray(by_codes)
        if codes.shape != tier.shape:
            raise ValueError(f"by_codes has {codes.shape[0] if codes.ndim else 0} values for {len(tier)} people")
        if len(codes) and codes.min() < 0:
            raise ValueError("by_codes must be non-negative (missing values need their own code)")
        n_groups = int(codes.max(initial=-1)) + 1
        if labels is not None:
            if len(labels) < n_groups:
                raise ValueError(f"{len(labels)} labels for group codes up to {n_groups - 1}")
            n_groups = len(labels)
        grid = np.bincount(codes.astype(np.intp) * n_columns + column, minlength=n_groups * n_columns)
        counts.extend(grid.reshape(n_groups, n_columns))
        index += list(labels) if labels is not None else list(range(n_groups))
    counts = np.vstack(counts).astype(np.float64)
    people = counts.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts / people[:, None]
    frame = pd.DataFrame(shares, index=index, columns=[*tier_ids, UNSCORED])
    frame["people"] = people.astype(np.int64)
    return frame


def sweep_cutoff(
    score: np.ndarray,
    eligible: np.ndarray,
    cutoffs: Sequence[float],
    tier_ids: Sequence[str],
    moving_tier: str,
    values: Sequence[float],
    floor: np.ndarray | None = None,
) -> pd.DataFrame:
    """For each candidate lower bound of `moving_tier`, the share of eligible people per tier.

    Rows: `value`, `current` (the cut-off as it is now), `valid` and `reason` (a value that
    does not stay strictly between its neighbours would reorder the tiers: its shares are NaN),
    then one share column per tier. Other cut-offs stay where they are.
    """
    score = np.asarray(score, dtype=np.float64)
    eligible = np.asarray(eligible, dtype=bool)
    cutoffs = np.asarray(cutoffs, dtype=np.float64)
    tier_ids = tuple(tier_ids)
    values = np.asarray(values, dtype=np.float64).ravel()
    if score.shape != eligible.shape or score.ndim != 1:
        raise ValueError(f"score and eligible must be 1-D and equally long, got {score.shape} and {eligible.shape}")
    if len(cutoffs) != len(tier_ids) - 1:
        raise ValueError(f"expected {len(tier_ids) - 1} cut-offs for tiers {list(tier_ids)}, got {len(cutoffs)}")
    if moving_tier not in tier_ids[:-1]:
        raise ValueError(
            f"moving_tier must be a tier with a lower bound, one of {list(tier_ids[:-1])}; got {moving_tier!r}"
            + (" (the last tier takes everyone below)" if tier_ids and moving_tier == tier_ids[-1] else "")
        )
    if not np.all(np.isfinite(values)):
        raise ValueError("sweep values must be finite numbers")
    if floor is not None:
        floor = np.asarray(floor)
        if floor.shape != score.shape:
            raise ValueError(f"floor has {floor.shape} values for {score.shape} people")
    k = tier_ids.index(moving_tier)
    n_tiers = len(tier_ids)

    # people >= each cut-off, per floor group; column k varies with the candidate value
    floors = np.zeros(int(eligible.sum()), dtype=np.intp) if floor is None else floor[eligible].astype(np.intp)
    scores = score[eligible]
    shares = np.zeros((len(values), n_tiers))
    for f in np.unique(floors):
        ranked = np.sort(scores[floors == f])
        at_least = np.empty((len(values), n_tiers - 1))
        at_least[:] = len(ranked) - np.searchsorted(ranked, cutoffs, side="left")
        at_least[:, k] = len(ranked) - np.searchsorted(ranked, values, side="left")
        counts = np.diff(np.column_stack([np.zeros(len(values)), at_least, np.full(len(values), len(ranked))]), axis=1)
        if f > 0:  # a veto holds these people at tier f or below
            counts[:, f] += counts[:, :f].sum(axis=1)
            counts[:, :f] = 0
        shares += counts
    n = len(scores)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = shares / n if n else np.full_like(shares, np.nan)

    upper = cutoffs[k - 1] if k > 0 else np.inf
    lower = cutoffs[k + 1] if k + 1 < len(cutoffs) else -np.inf
    reason = np.full(len(values), "", dtype=object)
    if k > 0:
        reason[values >= upper] = f"not below {tier_ids[k - 1]} {upper:g}"
    if k + 1 < len(cutoffs):
        reason[values <= lower] = f"not above {tier_ids[k + 1]} {lower:g}"
    valid = reason == ""
    shares[~valid] = np.nan

    frame = pd.DataFrame({"value": values, "current": np.isclose(values, cutoffs[k], rtol=0, atol=1e-9)})
    frame["valid"] = valid
    frame["reason"] = reason
    for i, tier_id in enumerate(tier_ids):
        frame[tier_id] = shares[:, i]
    return frame


def sweep_values(result: ScoreResult, moving_tier: str, steps: int = 41) -> np.ndarray:
    """Candidate values for a sweep: evenly between the neighbouring cut-offs (or the scores'
    range at the ends), always including the current cut-off."""
    tier_ids = result.tier_ids
    if moving_tier not in tier_ids[:-1]:
        raise ValueError(f"moving_tier must be one of {list(tier_ids[:-1])}, got {moving_tier!r}")
    if steps < 2:
        raise ValueError(f"steps must be 2 or more, got {steps}")
    k = tier_ids.index(moving_tier)
    cutoffs = np.asarray(result.cutoffs, dtype=np.float64)
    scored = result.score[result.eligible]
    low_end = float(np.min(scored)) if len(scored) else result.rulebook.score.min
    high_end = float(np.max(scored)) if len(scored) else result.rulebook.score.max
    high = cutoffs[k - 1] if k > 0 else max(high_end, cutoffs[k]) + 1
    low = cutoffs[k + 1] if k + 1 < len(cutoffs) else min(low_end, cutoffs[k]) - 1
    inner = np.linspace(low, high, steps)[1:-1]  # strictly between the neighbours
    return np.unique(np.append(inner, cutoffs[k]))


def cutoffs_both_ways(rulebook: Rulebook, result: ScoreResult) -> dict[str, dict[str, float]]:
    """The cut-offs in force, both ways: each tier's score lower bound (`absolute`, all tiers but
    the last) and its share of the scored (`quantile`, all tiers), so that a switch of mode starts
    from what the scores are now. Bounds of quantile tiers are written as simply as they can be
    (`simple_cutoffs`). Shares are rounded to 0.1 % with no tier empty and the largest tier taking
    the rounding, so that they add up to exactly 1."""
    ids = list(result.tier_ids)
    if rulebook.tiers.mode == "quantile":
        bounds = simple_cutoffs(result.score[result.eligible], result.cutoffs)
        shares = [float(level.share) for level in rulebook.tiers.levels]
    else:
        bounds = [float(c) for c in result.cutoffs]
        tiers = np.asarray(result.tier)[np.asarray(result.eligible)]
        counts = np.bincount(tiers[tiers >= 0], minlength=len(ids)).astype(float)
        rounded = np.maximum(np.round(counts / max(counts.sum(), 1.0), 3), 0.001)
        largest = int(np.argmax(rounded))
        rounded[largest] = 0.0
        rounded[largest] = 1.0 - rounded.sum()
        shares = [float(s) for s in rounded]
    absolute = dict(zip(ids[:-1], bounds, strict=True))
    return {"absolute": absolute, "quantile": dict(zip(ids, shares, strict=True))}


def simple_cutoffs(scores: np.ndarray, cutoffs: Sequence[float], max_decimals: int = 9) -> list[float]:
    """Cut-offs (best first) that put every one of `scores` in the same tier as `cutoffs` do,
    each with the fewest decimals that still does.

    A quantile tier's bound is a person's score, a sum of decayed points such as
    780.1510000000001; any value above the next lower score and up to that score gives the same
    tiers, so the reader is shown 780 (or 780.2, 780.15, …) instead. Each bound also stays below
    the one before it, so that the bounds still fall from best to worst.
    """
    ranked = np.sort(np.asarray(scores, dtype=np.float64))
    simple: list[float] = []
    above = math.inf
    for cut in map(float, cutoffs):
        if not math.isfinite(cut):  # no one scored: nothing to simplify
            simple.append(cut)
            continue
        position = int(np.searchsorted(ranked, cut, side="left"))
        below = ranked[position - 1] if position > 0 else -math.inf  # the bound must stay above it
        highest = float(ranked[position]) if position < len(ranked) else cut  # and reach this score
        chosen = None
        for decimals in range(max_decimals + 1):
            scale = 10**decimals
            candidate = math.floor(highest * scale) / scale
            if candidate >= above:
                candidate = (math.ceil(above * scale) - 1) / scale
            if below < candidate <= highest and candidate < above:
                chosen = candidate
                break
        if chosen is None:  # bounds closer than max_decimals can tell apart: keep them all as they are
            return [float(c) for c in cutoffs]
        simple.append(chosen)
        above = chosen
    return simple


def same_cutoffs(rulebook: Rulebook, result: ScoreResult, mode: str, values: dict[str, float]) -> bool:
    """True when `values` (by tier, in `mode`) say what the rulebook already does: nothing to apply.

    In the other mode they are compared with the equivalents (`cutoffs_both_ways`), so switching
    between score cut-offs and shares shows the same tiers and changes nothing by itself; only a
    value the user then changes is applied."""
    now = cutoffs_both_ways(rulebook, result)[mode]
    return all(abs(now[tier] - value) < 1e-9 for tier, value in values.items())
