"""The layout of a record matrix for one rulebook *structure*: which record types and lists each
rule reads, and which dimension each rule is in.

Caps apply per (person, rule) and per (person, dimension), so the cells a rulebook reads are
laid out once as person → (person, dimension) runs → (person, rule) segments → cells (listings
and dated records first, then the other records newest first), the order the quantities pass (quantities.py) walks.
Points, windows, decay, caps, groups, vetoes, tiers, eligibility and the as-of date all change
without a new plan; only a change of `matches`, `lists` or `dimension` needs one (about a
second at 1 M people, then cached).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from scoring.engine.compiled import RecordMatrix
from scoring.rulebook import Rulebook

Structure = tuple[tuple[int, tuple[int, ...], tuple[str, ...]], ...]  # (dimension, type codes, lists) per rule


def structure_of(rulebook: Rulebook, matrix: RecordMatrix) -> Structure:
    """The part of a rulebook that fixes the plan, in rulebook rule order."""
    type_index = {t: i for i, t in enumerate(matrix.catalogues.record_type_ids)}
    dims = rulebook.dimension_ids
    return tuple(
        (dims.index(rule.dimension), tuple(type_index[t] for t in rule.matches), tuple(rule.lists))
        for rule in rulebook.rules
    )


@dataclass(frozen=True, eq=False)
class Plan:
    """Rules are ranked by (dimension, rulebook order); `rank_rule[k]` is the rulebook index of
    the rule with rank k. Offsets are int64 "start" arrays with one extra final entry."""

    structure: Structure
    rank_rule: np.ndarray  # int16, R
    person_start: np.ndarray  # int64, N + 1: runs of each person
    run_start: np.ndarray  # int64, D' + 1: segments of each run
    run_dim: np.ndarray  # int16, D'
    run_rows: np.ndarray  # int32, D'
    seg_start: np.ndarray  # int64, S + 1: cells of each segment
    seg_rank: np.ndarray  # int16, S
    seg_rows: np.ndarray  # int32, S
    cell_col: np.ndarray  # int32, E: the record matrix column (for explanations)
    cell_x: np.ndarray  # int16 or int32, E: day of a record cell, or n_days + listing (then dated record)
    cell_qty: np.ndarray  # float32 where every quantity is exact in it, else float64; E

    @cached_property
    def segments_per_rank(self) -> np.ndarray:
        return np.bincount(self.seg_rank, minlength=len(self.rank_rule))

    @cached_property
    def segments_of_rank(self) -> list[np.ndarray]:
        """Segment indices of each rule rank, ascending (for an edit of a few rules)."""
        order = np.argsort(self.seg_rank, kind="stable")
        bounds = np.cumsum(np.append(0, self.segments_per_rank))
        return [order[bounds[k] : bounds[k + 1]] for k in range(len(self.rank_rule))]

    @property
    def nbytes(self) -> int:
        return sum(
            getattr(self, f).nbytes for f in self.__dataclass_fields__ if isinstance(getattr(self, f), np.ndarray)
        )


def build_plan(matrix: RecordMatrix, structure: Structure) -> Plan:
    n_rules, n_people = len(structure), matrix.n_people
    ranks = sorted(range(n_rules), key=lambda r: (structure[r][0], r))
    rank_of_rule = np.empty(n_rules, dtype=np.int16)
    rank_of_rule[ranks] = np.arange(n_rules, dtype=np.int16)
    rank_dimension = np.array([structure[r][0] for r in ranks], dtype=np.int16)

    column_rank = np.full(matrix.n_columns, n_rules, dtype=np.int16)  # n_rules = read by no rule
    type_rank = np.full(matrix.n_types, n_rules, dtype=np.int16)
    for rule, (_, types, lists) in enumerate(structure):
        type_rank[list(types)] = rank_of_rule[rule]
        for kind in lists:
            column_rank[matrix.listing_columns(kind)] = rank_of_rule[rule]
    column_rank[: matrix.listing_base] = np.repeat(type_rank, matrix.n_days)
    column_rank[matrix.dated_base :] = type_rank[matrix.dated_type]

    cell_rank = column_rank[matrix.columns]
    used = np.flatnonzero(cell_rank < n_rules).astype(np.int32)
    # Sort by (person, rank, recency): within a segment, listings and dated records first, then
    # the other records newest first, so the quantities pass can stop at the first such record
    # outside a rule's window. Ranks
    # are ordered by dimension, so runs come out contiguous too. Temporaries are dropped as soon
    # as possible: at 1 M people each is 40-80 MB.
    columns = matrix.columns[used]
    recency = np.where(columns >= matrix.listing_base, 0, matrix.n_days - columns % matrix.n_days)
    key = (matrix.rows[used].astype(np.int64) * n_rules + cell_rank[used]) * (matrix.n_days + 1) + recency
    del cell_rank, columns, recency
    order = np.argsort(key, kind="stable")
    key = key[order] // (matrix.n_days + 1)
    cells = used[order]
    del used, order
    cell_col = matrix.columns[cells]
    cell_qty = _compact(matrix.quantities[cells])
    del cells

    seg_first = _run_starts(key)
    seg_rows = (key[seg_first] // n_rules).astype(np.int32)
    seg_rank = (key[seg_first] % n_rules).astype(np.int16)
    run_first = _run_starts(seg_rows.astype(np.int64) * (int(rank_dimension.max()) + 1) + rank_dimension[seg_rank])
    run_rows = seg_rows[run_first]
    return Plan(
        structure=structure,
        rank_rule=np.asarray(ranks, dtype=np.int16),
        person_start=np.searchsorted(run_rows, np.arange(n_people + 1)).astype(np.int64),
        run_start=np.append(run_first, len(seg_first)).astype(np.int64),
        run_dim=rank_dimension[seg_rank[run_first]],
        run_rows=run_rows,
        seg_start=np.append(seg_first, len(cell_col)).astype(np.int64),
        seg_rank=seg_rank,
        seg_rows=seg_rows,
        cell_col=cell_col,
        cell_x=_day_or_listing(matrix, cell_col),
        cell_qty=cell_qty,
    )


def _day_or_listing(matrix: RecordMatrix, columns: np.ndarray) -> np.ndarray:
    """Within a rule, a cell's weight depends only on its day, or on its listing or dated
    record's interval (n_days + index into the listings followed by the dated records' intervals)."""
    is_extra = columns >= matrix.listing_base
    x = np.where(is_extra, columns - matrix.listing_base + matrix.n_days, columns % matrix.n_days)
    top = matrix.n_days + matrix.n_columns - matrix.listing_base
    return x.astype(np.int16 if top <= np.iinfo(np.int16).max else np.int32)


def _compact(quantities: np.ndarray) -> np.ndarray:
    """float32 halves the bytes the re-score reads; only when it holds every quantity exactly."""
    narrow = quantities.astype(np.float32)
    return narrow if np.array_equal(narrow, quantities) else quantities


def _run_starts(keys: np.ndarray) -> np.ndarray:
    """Start index of every run of equal values in a sorted array."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    change = np.empty(len(keys), dtype=bool)
    change[0] = True
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    return np.flatnonzero(change)
