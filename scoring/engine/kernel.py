"""The re-score loop, compiled: one pass over a plan's cells, person by person, on all cores.

For each person: for each (person, dimension) run, for each (person, rule) segment, sum
quantity × column weight over the segment's cells, drop it if the rule does not apply to the
person's group, clip it to the rule's caps, add it to the run; clip the run to the dimension's
caps and add it to the person's total. Fusing these steps reads every cell once (6 to 10 bytes a
cell), where separate sparse products and clips read the intermediate vectors again. Weights are
looked up by (rule, age in months) through a day → age table: both tables fit in the fastest
cache, where a (rule, day) table did not and cost most of the time. numba compiles the loop once
per machine (cached).
"""

from __future__ import annotations

from numba import njit, prange


@njit(inline="always", cache=True)
def _clamp(value, low, high):
    """The value within [low, high], and whether a bound moved it."""
    if value < low:
        return low, True
    if value > high:
        return high, True
    return value, False


@njit(parallel=True, cache=True, nogil=True)
def fused_points(
    person_start,  # int64 N + 1: runs of each person
    run_start,  # int64 D' + 1: segments of each run
    run_dim,  # int16 D'
    seg_start,  # int64 S + 1: cells of each segment
    seg_rank,  # int16 S
    cell_x,  # int16/int32 E: day of a record cell, or n_days + listing for a listing cell
    cell_qty,  # float32/float64 E
    age_of_day,  # int16 n_days: age in months as of the date; the last age column for days after it
    by_age,  # float64 R × (ages + 1): points per unit of each rule rank by age (last column 0)
    list_points,  # float64 R: points of each rule rank for an active listing
    listing_active,  # bool L
    allowed,  # bool R × G: rule applies to group
    group,  # int16 N
    rule_low,  # float64 R (−inf: no cap)
    rule_high,  # float64 R (+inf)
    dim_low,  # float64 D
    dim_high,  # float64 D
    seg_out,  # float64 S: segment points after group and rule cap
    run_out,  # float64 D': run points after dimension cap
    total_out,  # float64 N
    capped_out,  # bool N: some cap bound
):
    for p in prange(len(person_start) - 1):
        total = 0.0
        capped = False
        g = group[p]
        for r in range(person_start[p], person_start[p + 1]):
            run = 0.0
            for s in range(run_start[r], run_start[r + 1]):
                k = seg_rank[s]
                value = 0.0
                n_days = len(age_of_day)
                for e in range(seg_start[s], seg_start[s + 1]):
                    x = cell_x[e]
                    if x < n_days:
                        value += cell_qty[e] * by_age[k, age_of_day[x]]
                    elif listing_active[x - n_days]:
                        value += cell_qty[e] * list_points[k]
                if not allowed[k, g]:
                    value = 0.0
                value, bound = _clamp(value, rule_low[k], rule_high[k])
                capped |= bound
                seg_out[s] = value
                run += value
            run, bound = _clamp(run, dim_low[run_dim[r]], dim_high[run_dim[r]])
            capped |= bound
            run_out[r] = run
            total += run
        total_out[p] = total
        capped_out[p] = capped
