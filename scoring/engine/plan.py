"""The layout of a compiled matrix for one rulebook *structure*: which record types and lists
each rule reads, and which dimension each rule is in.

Caps apply per (person, rule) and per (person, dimension), so a re-score is three sparse
matrix-vector products, each a single pass in compiled code:

    segment points  = cells   @ column weights     (person, rule) segments, rule-major
    run points      = runs    @ segment points     (person, dimension) runs, dimension-major
    person points   = persons @ run points

Because segments are ordered rule by rule and runs dimension by dimension, every rule cap,
group restriction and dimension cap is an operation on one contiguous slice. Points, windows,
decay, caps, groups, vetoes, tiers and eligibility change without a new plan; only a change of
`matches`, `lists` or `dimension` needs one (about a second at 1 M people, then cached).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from scoring.engine.compiled import RecordMatrix
from scoring.rulebook import Rulebook

PARALLEL_MIN_CELLS = 500_000  # below this a second thread costs more than it saves
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="matvec")


class SplitCSR:
    """A CSR matrix multiplied as two row halves on two threads (scipy's compiled product
    releases the GIL), so a re-score uses both cores. The halves are views of `full`."""

    def __init__(self, full: sp.csr_array) -> None:
        self.full = full
        n_rows = full.shape[0]
        half = n_rows // 2 if full.nnz >= PARALLEL_MIN_CELLS else n_rows
        self.bounds = (0, half, n_rows)
        self.parts = tuple(_row_view(full, lo, hi) for lo, hi in ((0, half), (half, n_rows)) if hi > lo)

    def __matmul__(self, vector: np.ndarray) -> np.ndarray:
        if len(self.parts) == 1:
            return self.full @ vector
        out = np.empty(self.full.shape[0])

        def part(i: int) -> None:
            out[self.bounds[i] : self.bounds[i + 1]] = self.parts[i] @ vector

        for future in [_pool.submit(part, i) for i in range(len(self.parts))]:
            future.result()
        return out

    @property
    def nbytes(self) -> int:
        return self.full.data.nbytes + self.full.indices.nbytes + self.full.indptr.nbytes


def _row_view(full: sp.csr_array, lo: int, hi: int) -> sp.csr_array:
    first, last = full.indptr[lo], full.indptr[hi]
    return sp.csr_array(
        (full.data[first:last], full.indices[first:last], full.indptr[lo : hi + 1] - first),
        shape=(hi - lo, full.shape[1]),
        copy=False,
    )


Structure = tuple[tuple[int, tuple[int, ...], tuple[str, ...]], ...]  # (dimension, type codes, lists) per rule


def structure_of(rulebook: Rulebook, matrix: RecordMatrix) -> Structure:
    """The part of a rulebook that fixes the plan, in rulebook rule order."""
    type_index = {t: i for i, t in enumerate(matrix.dataset.catalogues.record_type_ids)}
    dims = rulebook.dimension_ids
    return tuple(
        (dims.index(rule.dimension), tuple(type_index[t] for t in rule.matches), tuple(rule.lists))
        for rule in rulebook.rules
    )


@dataclass(frozen=True, eq=False)
class Plan:
    """Rules are ranked by (dimension, rulebook order); `rank_rule[k]` is the rulebook index of
    the rule with rank k, and its segments are `segments[rank_bounds[k]:rank_bounds[k + 1]]`."""

    structure: Structure
    rank_rule: np.ndarray  # int16, R
    rank_bounds: np.ndarray  # intp, R + 1
    cells: SplitCSR  # S × columns: the quantities of each (person, rule) segment
    segment_rows: np.ndarray  # int32, S
    segment_groups: np.ndarray  # int16, S: key group code of the segment's person
    runs: SplitCSR  # D' × S: which segments make each (person, dimension) run
    dimension_bounds: np.ndarray  # intp, D + 1 over runs
    run_rows: np.ndarray  # int32, D'
    run_dimensions: np.ndarray  # int16, D'
    persons: SplitCSR  # N × D': which runs make each person's total

    def rank_slice(self, rank: int) -> slice:
        return slice(int(self.rank_bounds[rank]), int(self.rank_bounds[rank + 1]))

    def segment_rank(self, segment: int) -> int:
        return int(np.searchsorted(self.rank_bounds, segment, side="right") - 1)

    def dimension_slice(self, dimension: int) -> slice:
        """Runs of one dimension (empty for a dimension after the last one any rule uses)."""
        if dimension + 1 >= len(self.dimension_bounds):
            return slice(0, 0)
        return slice(int(self.dimension_bounds[dimension]), int(self.dimension_bounds[dimension + 1]))

    @property
    def nbytes(self) -> int:
        arrays = [self.rank_bounds, self.segment_rows, self.segment_groups, self.run_rows, self.run_dimensions]
        matrices = [self.cells, self.runs, self.persons]
        return sum(a.nbytes for a in arrays) + sum(m.nbytes for m in matrices)


def build_plan(matrix: RecordMatrix, structure: Structure) -> Plan:
    n_rules, n_people = len(structure), matrix.n_people
    ranks = sorted(range(n_rules), key=lambda r: (structure[r][0], r))
    rank_of_rule = np.empty(n_rules, dtype=np.int16)
    rank_of_rule[ranks] = np.arange(n_rules, dtype=np.int16)
    rank_dimension = np.array([structure[r][0] for r in ranks], dtype=np.int16)
    n_dims = int(rank_dimension.max()) + 1

    column_rank = np.full(matrix.n_columns, n_rules, dtype=np.int16)  # n_rules = read by no rule
    for rule, (_, types, lists) in enumerate(structure):
        for t in types:
            column_rank[matrix.type_block(t)] = rank_of_rule[rule]
        for kind in lists:
            column_rank[matrix.listing_columns(kind)] = rank_of_rule[rule]

    cell_rank = column_rank[matrix.columns]
    # Cells are in (person, column) order; a stable radix sort on the small rank keeps that order
    # inside each rank, so segments come out (rank, person) with cells in column order.
    order = np.argsort(cell_rank, kind="stable")
    used = int(np.searchsorted(cell_rank[order], n_rules))
    order = order[:used]
    sorted_rank, sorted_row = cell_rank[order], matrix.rows[order]
    starts = _run_starts(sorted_rank.astype(np.int64) * n_people + sorted_row)
    segment_rows = sorted_row[starts]
    segment_ranks = sorted_rank[starts]
    cells = sp.csr_array(
        (matrix.quantities[order], matrix.columns[order].astype(np.int32), np.append(starts, used)),
        shape=(len(starts), matrix.n_columns),
    )

    # Runs: (dimension, person), dimension-major.
    segment_dims = rank_dimension[segment_ranks]
    run_key = segment_dims.astype(np.int64) * n_people + segment_rows
    by_run = np.argsort(run_key, kind="stable")
    run_starts = _run_starts(run_key[by_run])
    runs = sp.csr_array(
        (np.ones(len(by_run)), by_run.astype(np.int32), np.append(run_starts, len(by_run))),
        shape=(len(run_starts), len(starts)),
    )
    run_rows = segment_rows[by_run[run_starts]]
    run_dimensions = segment_dims[by_run[run_starts]].astype(np.int16)
    by_person = np.argsort(run_rows, kind="stable")
    persons = sp.csr_array(
        (
            np.ones(len(run_rows)),
            by_person.astype(np.int32),
            np.searchsorted(run_rows[by_person], np.arange(n_people + 1)),
        ),
        shape=(n_people, len(run_rows)),
    )
    return Plan(
        structure=structure,
        rank_rule=np.asarray(ranks, dtype=np.int16),
        rank_bounds=np.searchsorted(segment_ranks, np.arange(n_rules + 1)),
        cells=SplitCSR(cells),
        segment_rows=segment_rows,
        segment_groups=matrix.group_codes[segment_rows].astype(np.int16),
        runs=SplitCSR(runs),
        dimension_bounds=np.searchsorted(run_dimensions, np.arange(n_dims + 1)),
        run_rows=run_rows,
        run_dimensions=run_dimensions,
        persons=SplitCSR(persons),
    )


def _run_starts(keys: np.ndarray) -> np.ndarray:
    """Start index of every run of equal values in a sorted array."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.intp)
    change = np.empty(len(keys), dtype=bool)
    change[0] = True
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    return np.flatnonzero(change)
