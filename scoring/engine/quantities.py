"""How much of each rule each person has as of a date, and which people have exactly the same.

A rule gives a person `points × quantity`: the quantity sums the person's records the rule reads
(dated ones only on days they count: not revoked, no objection open), each weighted by the
window and decay at its age in months and divided by `per_units`, plus the person's active
listings; it is zero where the rule does not apply to the person's group. So a quantity depends on the as-of date and on
each rule's window, decay, unit and groups, but not on its points or caps, on vetoes, tiers or
eligibility: the edits a tuning session makes most. One pass over the plan's cells computes the
quantities (about 0.1 s at 1 M people, profiles included), and re-scores after those edits reuse
them.

Most people's quantities are exactly someone else's: at 1 M synthetic people about 110 k
distinct *profiles* (the same rules with the same quantities and veto hits) cover everyone, since
most hold a few on-time payments and little else in the window. People are grouped by a 128-bit
hash, the sum of their non-zero segments' hashes (exact bits, rule rank and hit), computed in
the same pass as the quantities; at a million profiles the chance that two different ones
collide is about 10^-27, far below that of a memory error, and a content check would double the
cost. Being a sum, a person's hash follows an edit of one rule by the change of that rule's
segment alone, so such an edit recomputes only that rule's segments. A re-score then computes
each profile once and hands the result to its people (kernel.py).

A segment whose quantity is zero and which holds no veto hit is left out of the profile: caps
always include zero (rulebook.py checks it), so it cannot change a score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit, prange

from scoring.engine.compiled import MAX_AGE_MONTHS, Compiled
from scoring.engine.plan import Plan
from scoring.rulebook import Rule

# Per rule rank: what fixes its quantities (window, decay, unit, groups).
QuantityKey = tuple[tuple[int | None, float | None, float, str | tuple[str, ...]], ...]


@dataclass(frozen=True, eq=False)
class Quantities:
    """Quantities of one plan as of one date. Per plan segment (S), and per profile (P) with
    their segments concatenated in rank order."""

    segment_quantity: np.ndarray  # float64, S
    segment_hit: np.ndarray  # bool, S: a record inside the window, or an active listing
    person_hash: np.ndarray  # uint64, N × 2: sums of the segments' hashes
    profile_of: np.ndarray  # int32, N
    profile_start: np.ndarray  # int64, P + 1
    profile_rank: np.ndarray  # int16: rule rank of each profile segment
    profile_quantity: np.ndarray  # float64
    profile_hit: np.ndarray  # bool

    @property
    def n_profiles(self) -> int:
        return len(self.profile_start) - 1

    @property
    def nbytes(self) -> int:
        arrays = (self.segment_quantity, self.segment_hit, self.person_hash, self.profile_of, self.profile_start)
        return sum(a.nbytes for a in arrays) + self.profile_rank.nbytes + self.profile_quantity.nbytes


def quantity_key(rules: list[Rule]) -> QuantityKey:
    """The part of each rule (in rank order) that fixes its quantities."""
    return tuple((r.window_months, r.decay_half_life_months, r.per_units, r.groups) for r in rules)


def quantities_for(compiled: Compiled, plan: Plan, rules: list[Rule]) -> Quantities:
    """The cached quantities of these rules (in rank order) as of the compiled date; after an
    edit of a few rules, updated from the cached quantities before it."""
    key = quantity_key(rules)

    def build() -> Quantities:
        bases = [(k, q) for (structure, k), q in compiled.quantities.items() if structure == plan.structure]
        return _updated_or_computed(compiled, plan, rules, key, bases)

    return compiled.quantities.get((plan.structure, key), build)


def _updated_or_computed(
    compiled: Compiled, plan: Plan, rules: list[Rule], key: QuantityKey, bases: list[tuple[QuantityKey, Quantities]]
) -> Quantities:
    """An update of the base whose changed rules hold the fewest segments, when they hold
    fewer than half of all; otherwise a full pass."""
    best, best_ranks, best_cost = None, None, len(plan.seg_rank) / 2
    for base_key, base in bases:
        ranks = np.array([k for k, (old, new) in enumerate(zip(base_key, key, strict=True)) if old != new], dtype=int)
        cost = plan.segments_per_rank[ranks].sum()
        if cost < best_cost:
            best, best_ranks, best_cost = base, ranks, cost
    if best is None:
        return compute_quantities(compiled, plan, rules)
    return update_quantities(best, compiled, plan, rules, best_ranks)


def unit_weights_by_age(rule: Rule) -> np.ndarray:
    """Weight of one unit of a record of each age in months (0 … MAX_AGE_MONTHS): 1 / per_units
    inside the window, zero outside, halved every `decay_half_life_months`. Ages of 20 years or
    more count as 20 years."""
    ages = np.arange(MAX_AGE_MONTHS + 1, dtype=np.float64)
    weights = np.full(MAX_AGE_MONTHS + 1, 1.0 / rule.per_units)
    if rule.window_months is not None:
        weights[rule.window_months :] = 0.0
    if rule.decay_half_life_months is not None:
        weights *= 0.5 ** (ages / rule.decay_half_life_months)
    return weights


@dataclass(frozen=True)
class _Weights:
    """The quantities pass's view of the rules (by rank) as of the compiled date."""

    age_of_day: np.ndarray  # int16, n_days; days after the as-of date map to an extra age
    by_age: np.ndarray  # float64, R × (ages + 1): weight of one unit by age (last column 0)
    window: np.ndarray  # int16, R: first age outside the window
    allowed: np.ndarray  # bool, R × G
    # Listings, then dated records' intervals (the columns after the record-type blocks): whether each
    # counts on the as-of date, and its age (-1 for a listing, which has no age or window).
    extra_counts: np.ndarray  # bool, L + V
    extra_age: np.ndarray  # int16, L + V

    @classmethod
    def of(cls, compiled: Compiled, rules: list[Rule]) -> _Weights:
        group_ids = compiled.catalogues.key_group_ids
        by_age = np.zeros((len(rules), MAX_AGE_MONTHS + 2))
        for rank, rule in enumerate(rules):
            by_age[rank, : MAX_AGE_MONTHS + 1] = unit_weights_by_age(rule)
        age_of_day = np.where(compiled.day_ages < 0, MAX_AGE_MONTHS + 1, compiled.day_ages).astype(np.int16)
        matrix = compiled.matrix
        return cls(
            age_of_day=age_of_day,
            by_age=by_age,
            window=np.array(
                [MAX_AGE_MONTHS + 1 if r.window_months is None else r.window_months for r in rules], np.int16
            ),
            allowed=np.array([[r.groups == "all" or g in r.groups for g in group_ids] for r in rules], dtype=np.bool_),
            extra_counts=np.concatenate([compiled.listing_active, compiled.dated_standing]),
            extra_age=np.concatenate([np.full(len(matrix.listing_kind), -1, np.int16), age_of_day[matrix.dated_day]]),
        )


def compute_quantities(compiled: Compiled, plan: Plan, rules: list[Rule]) -> Quantities:
    """Every segment's quantity, then the profiles."""
    w = _Weights.of(compiled, rules)
    n_segments = len(plan.seg_rank)
    quantity = np.empty(n_segments)
    hit = np.empty(n_segments, dtype=np.bool_)
    person_hash = np.empty((compiled.n_people, 2), dtype=np.uint64)
    _segment_quantities(
        plan.person_start, plan.run_start, plan.seg_start, plan.seg_rank, plan.cell_x, plan.cell_qty,
        w.age_of_day, w.by_age, w.window, w.extra_counts, w.extra_age, w.allowed, compiled.group_codes,
        quantity, hit, person_hash,
    )  # fmt: skip
    return _with_profiles(plan, quantity, hit, person_hash)


def update_quantities(
    base: Quantities, compiled: Compiled, plan: Plan, rules: list[Rule], ranks: np.ndarray
) -> Quantities:
    """The quantities after an edit of the rules of some ranks (their window, decay, unit or
    groups), from those before it: only those rules' segments are recomputed, and the people's
    hashes, being sums over segments, change by the difference. Equal to `compute_quantities`."""
    w = _Weights.of(compiled, rules)
    segments = np.concatenate([plan.segments_of_rank[k] for k in ranks]) if len(ranks) else np.zeros(0, np.int64)
    quantity, hit, person_hash = base.segment_quantity.copy(), base.segment_hit.copy(), base.person_hash.copy()
    delta = np.empty((len(segments), 2), dtype=np.uint64)
    _recompute_segments(
        segments, plan.seg_rows, plan.seg_start, plan.seg_rank, plan.cell_x, plan.cell_qty,
        w.age_of_day, w.by_age, w.window, w.extra_counts, w.extra_age, w.allowed, compiled.group_codes,
        quantity, hit, delta,
    )  # fmt: skip
    _add_hashes(person_hash, plan.seg_rows[segments], delta)
    return _with_profiles(plan, quantity, hit, person_hash)


def _with_profiles(plan: Plan, quantity: np.ndarray, hit: np.ndarray, person_hash: np.ndarray) -> Quantities:
    profile_of, first = _group_by_hash(person_hash)
    start, rank, values, hits = _profile_segments(
        first, plan.person_start, plan.run_start, plan.seg_rank, quantity, hit
    )
    return Quantities(
        segment_quantity=quantity,
        segment_hit=hit,
        person_hash=person_hash,
        profile_of=profile_of,
        profile_start=start,
        profile_rank=rank,
        profile_quantity=values,
        profile_hit=hits,
    )


@njit(inline="always", cache=True)
def _segment(s, k, g, seg_start, cell_x, cell_qty, age_of_day, by_age, window, extra_counts, extra_age, allowed):
    """One segment's quantity and window hit: its cells are listings and dated records first,
    then valid records newest first, so the first valid record outside the window ends it."""
    n_days = len(age_of_day)
    after_as_of = by_age.shape[1] - 1  # the age of days after the as-of date
    value = 0.0
    hit = False
    if allowed[k, g]:
        for e in range(seg_start[s], seg_start[s + 1]):
            x = cell_x[e]
            if x < n_days:
                age = age_of_day[x]
                if age >= window[k]:
                    if age == after_as_of:
                        continue
                    break  # this record and every older one are outside the window
                value += cell_qty[e] * by_age[k, age]
                hit = True
            elif extra_counts[x - n_days]:
                age = extra_age[x - n_days]
                if age < 0:  # a listing
                    value += cell_qty[e]
                    hit = True
                elif age < window[k]:  # a dated record counting on the as-of date; after it is outside
                    value += cell_qty[e] * by_age[k, age]
                    hit = True
    return value, hit


@njit(inline="always", cache=True)
def _segment_hash(k, value, hit):
    """Two independent 64-bit hashes of (rank, quantity bits, hit); zero for a segment left out
    of profiles. A person's hash is the sum of their segments' hashes."""
    if value == 0.0 and not hit:
        return np.uint64(0), np.uint64(0)
    mantissa, exponent = math.frexp(value)  # exact: value = mantissa × 2^exponent
    # rank (< 2^15), hit and exponent (|e| < 1100) in one word; the 53-bit mantissa in another
    head = (np.uint64(exponent + 2048) << np.uint64(17)) | (np.uint64(k) << np.uint64(1)) | np.uint64(hit)
    tail = np.uint64(np.int64(mantissa * 9007199254740992.0))
    h1 = _splitmix(_splitmix(np.uint64(0x243F6A8885A308D3), head), tail)
    h2 = _murmur(_murmur(np.uint64(0x13198A2E03707344), head), tail)
    return h1, h2


@njit(parallel=True, cache=True, nogil=True)
def _segment_quantities(
    person_start, run_start, seg_start, seg_rank, cell_x, cell_qty,
    age_of_day, by_age, window, extra_counts, extra_age, allowed, group, quantity_out, hit_out, hash_out,
):  # fmt: skip
    """One pass over every cell: each segment's quantity and hit, and each person's hash."""
    for p in prange(len(person_start) - 1):
        h1, h2 = np.uint64(0), np.uint64(0)
        for s in range(run_start[person_start[p]], run_start[person_start[p + 1]]):
            k = seg_rank[s]
            value, hit = _segment(
                s, k, group[p], seg_start, cell_x, cell_qty, age_of_day, by_age, window, extra_counts, extra_age,
                allowed,
            )  # fmt: skip
            quantity_out[s] = value
            hit_out[s] = hit
            a, b = _segment_hash(k, value, hit)
            h1 += a
            h2 += b
        hash_out[p, 0] = h1
        hash_out[p, 1] = h2


@njit(parallel=True, cache=True, nogil=True)
def _recompute_segments(
    segments, seg_rows, seg_start, seg_rank, cell_x, cell_qty,
    age_of_day, by_age, window, extra_counts, extra_age, allowed, group, quantity, hit, delta_out,
):  # fmt: skip
    """Recompute some segments in place, and the change of each one's hash."""
    for i in prange(len(segments)):
        s = segments[i]
        k = seg_rank[s]
        old1, old2 = _segment_hash(k, quantity[s], hit[s])
        value, now_hit = _segment(
            s, k, group[seg_rows[s]], seg_start, cell_x, cell_qty, age_of_day, by_age, window, extra_counts, extra_age,
            allowed,
        )  # fmt: skip
        quantity[s] = value
        hit[s] = now_hit
        new1, new2 = _segment_hash(k, value, now_hit)
        delta_out[i, 0] = new1 - old1
        delta_out[i, 1] = new2 - old2


@njit(cache=True, nogil=True)
def _add_hashes(person_hash, people, delta):
    """Serial: one person may own several of the changed segments."""
    for i in range(len(people)):
        person_hash[people[i], 0] += delta[i, 0]
        person_hash[people[i], 1] += delta[i, 1]


@njit(inline="always", cache=True)
def _splitmix(h, value):
    """splitmix64's finaliser over the running hash and one more value."""
    h = (h ^ value) * np.uint64(0x9E3779B97F4A7C15)
    h ^= h >> np.uint64(31)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    return h ^ (h >> np.uint64(29))


@njit(inline="always", cache=True)
def _murmur(h, value):
    """MurmurHash3's 64-bit finaliser over the running hash and one more value: a second,
    independent hash."""
    h = (h + value) ^ (h >> np.uint64(33))
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


@njit(cache=True, nogil=True)
def _group_by_hash(person_hash):
    """The profile of each person (numbered in order of first appearance) and the first person
    of each profile. Only the hashes are read; the open-addressing table grows with the
    profiles, not the people, so it stays in cache."""
    n = len(person_hash)
    profile_of = np.empty(n, dtype=np.int32)
    profile_hash = np.empty((n, 2), dtype=np.uint64)
    first = np.empty(n, dtype=np.int32)
    size = 1024
    table = np.full(size, -1, dtype=np.int32)
    n_profiles = 0
    for p in range(n):
        h1, h2 = person_hash[p, 0], person_hash[p, 1]
        slot = h1 & np.uint64(size - 1)
        while table[slot] >= 0 and (profile_hash[table[slot], 0] != h1 or profile_hash[table[slot], 1] != h2):
            slot = (slot + np.uint64(1)) & np.uint64(size - 1)
        if table[slot] >= 0:
            profile_of[p] = table[slot]
            continue
        table[slot] = n_profiles
        profile_hash[n_profiles, 0], profile_hash[n_profiles, 1] = h1, h2
        first[n_profiles] = p
        profile_of[p] = n_profiles
        n_profiles += 1
        if 2 * n_profiles > size:  # keep the table at most half full
            size *= 4
            table = np.full(size, -1, dtype=np.int32)
            for i in range(n_profiles):
                slot = profile_hash[i, 0] & np.uint64(size - 1)
                while table[slot] >= 0:
                    slot = (slot + np.uint64(1)) & np.uint64(size - 1)
                table[slot] = i
    return profile_of, first[:n_profiles].copy()


@njit(parallel=True, cache=True, nogil=True)
def _profile_segments(first, person_start, run_start, seg_rank, quantity, hit):
    """Each profile's non-zero segments, copied from its first person, concatenated."""
    n = len(first)
    counts = np.zeros(n + 1, dtype=np.int64)
    for i in prange(n):
        p = first[i]
        for s in range(run_start[person_start[p]], run_start[person_start[p + 1]]):
            counts[i + 1] += quantity[s] != 0.0 or hit[s]
    start = np.cumsum(counts)
    rank = np.empty(start[-1], dtype=np.int16)
    values = np.empty(start[-1], dtype=np.float64)
    hits = np.empty(start[-1], dtype=np.bool_)
    for i in prange(n):
        p = first[i]
        j = start[i]
        for s in range(run_start[person_start[p]], run_start[person_start[p + 1]]):
            if quantity[s] != 0.0 or hit[s]:
                rank[j], values[j], hits[j] = seg_rank[s], quantity[s], hit[s]
                j += 1
    return start, rank, values, hits
