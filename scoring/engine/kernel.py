"""The re-score, compiled: points per profile, then one pass over people.

A profile (quantities.py) is a list of (rule rank, quantity, veto hit), ranks ascending, so the
rules of one dimension are adjacent. For each profile: each rule's points are points × quantity
clipped to the rule's caps; a dimension's points are the sum of its rules clipped to the
dimension's caps; the total is their sum; the best tier a veto allows is the worst `max_tier` of
the vetoing rules it hits. Profiles are ~10 times fewer than people and hold only the rules with
something in the window, so this is a fraction of a millisecond at 1 M people. The pass over
people then only copies each profile's score and tier to the eligible people (flags such as
`capped` are copied when asked for).
numba compiles both once per machine (cached).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numba
import numpy as np
from numba import njit, prange


@contextmanager
def one_thread() -> Iterator[None]:
    """The kernels on the calling thread alone while inside (numba's thread count is per thread,
    so other threads keep theirs). For a handful of rows: waking the pool costs more than the
    work, and on a busy machine a sleeping worker waits for a core (milliseconds per call)."""
    before = numba.get_num_threads()
    numba.set_num_threads(1)
    try:
        yield
    finally:
        numba.set_num_threads(before)


@njit(inline="always", cache=True)
def _clamp(value, low, high):
    """The value within [low, high], and whether a bound moved it."""
    bounded = min(max(value, low), high)
    return bounded, bounded != value


@njit(parallel=True, cache=True, nogil=True)
def profile_points(
    profile_start,  # int64 P + 1
    profile_rank,  # int16: rule rank of each profile segment, ascending within a profile
    profile_quantity,  # float64
    profile_hit,  # bool: a record in the window or an active listing
    rank_dim,  # int16 R: dimension of each rule rank (ranks are ordered by dimension)
    points,  # float64 R
    rule_low,  # float64 R (−inf: no cap)
    rule_high,  # float64 R (+inf)
    dim_low,  # float64 D
    dim_high,  # float64 D
    veto_tier,  # int8 R: the best tier a hit allows, −1 = the rule does not veto
    total_out,  # float64 P: points after rule and dimension caps
    capped_out,  # bool P: some rule or dimension cap bound
    floor_out,  # int8 P: best tier a veto allows (0 = none)
    vetoed_out,  # bool P
):
    for i in prange(len(profile_start) - 1):
        total = 0.0
        run = 0.0
        dim = -1
        capped = False
        floor = 0
        vetoed = False
        for j in range(profile_start[i], profile_start[i + 1]):
            k = profile_rank[j]
            if rank_dim[k] != dim:
                if dim >= 0:
                    run, bound = _clamp(run, dim_low[dim], dim_high[dim])
                    capped |= bound
                    total += run
                dim = rank_dim[k]
                run = 0.0
            value, bound = _clamp(points[k] * profile_quantity[j], rule_low[k], rule_high[k])
            capped |= bound
            run += value
            if profile_hit[j] and veto_tier[k] >= 0:
                floor = max(floor, veto_tier[k])
                vetoed = True
        if dim >= 0:
            run, bound = _clamp(run, dim_low[dim], dim_high[dim])
            capped |= bound
            total += run
        total_out[i] = total
        capped_out[i] = capped
        floor_out[i] = floor
        vetoed_out[i] = vetoed


@njit(parallel=True, cache=True, nogil=True)
def per_person(
    profile_of,  # int32 N
    eligible,  # bool N
    profile_score,  # float64 P
    profile_tier,  # int8 P: after vetoes
    score_out,  # float64 N: NaN where not eligible
    tier_out,  # int8 N: −1 where not eligible
):
    for p in prange(len(profile_of)):
        if eligible[p]:
            score_out[p] = profile_score[profile_of[p]]
            tier_out[p] = profile_tier[profile_of[p]]
        else:
            score_out[p] = np.nan
            tier_out[p] = -1


@njit(cache=True, nogil=True)
def eligible_per_profile(profile_of, eligible, n_profiles):
    """How many eligible people hold each profile (quantile cut-offs weigh profiles by it)."""
    counts = np.zeros(n_profiles, dtype=np.int64)
    for p in range(len(profile_of)):
        counts[profile_of[p]] += eligible[p]
    return counts
