"""The layout of a compiled matrix for one rulebook *structure*: which record types and lists
each rule reads, and which dimension each rule is in.

Caps apply per (person, rule) and per (person, dimension), so the cells of the matrix are laid
out once in (person, dimension, rule) order; a re-score is then a gather, a multiply and
segment sums (`np.add.reduceat`), with no sorting or hashing. Points, windows, decay, caps,
groups, vetoes, tiers and eligibility can all change without a new plan; only a change of
`matches`, `lists` or `dimension` needs one (about a second at 1 M people, then cached).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from scoring.engine.compiled import AGE_BUCKETS, Compiled
from scoring.rulebook import Rulebook

Structure = tuple[tuple[int, tuple[int, ...], tuple[str, ...]], ...]  # (dimension, type codes, lists) per rule


def structure_of(rulebook: Rulebook, compiled: Compiled) -> Structure:
    """The part of a rulebook that fixes the plan, in rulebook rule order."""
    type_index = {t: i for i, t in enumerate(compiled.dataset.catalogues.record_type_ids)}
    dims = rulebook.dimension_ids
    return tuple(
        (dims.index(rule.dimension), tuple(type_index[t] for t in rule.matches), tuple(rule.lists))
        for rule in rulebook.rules
    )


@dataclass(frozen=True, eq=False)
class Plan:
    """Cells of the compiled matrix that some rule reads, in (person, dimension, rule) order.

    Rules are ranked by (dimension, rulebook order); `rank_rule[k]` is the rulebook index of the
    rule with rank k.
    """

    structure: Structure
    n_people: int
    rank_rule: np.ndarray  # int16, R
    rank_dimension: np.ndarray  # int16, R
    columns: np.ndarray  # int16, E: matrix column of each cell, in plan order
    quantities: np.ndarray  # float64, E
    segment_starts: np.ndarray  # intp, S: first cell of each (person, rule) segment
    segment_rows: np.ndarray  # int32, S
    segment_ranks: np.ndarray  # int16, S
    dimension_starts: np.ndarray  # intp, D': first segment of each (person, dimension) run
    dimension_rows: np.ndarray  # int32, D'
    dimension_codes: np.ndarray  # int16, D'
    person_starts: np.ndarray  # intp, P: first (person, dimension) run of each person with cells
    person_rows: np.ndarray  # int32, P

    @cached_property
    def segments_by_rank(self) -> list[np.ndarray]:
        """Segment indices of each rule rank (for caps, groups and vetoes of single rules)."""
        order = np.argsort(self.segment_ranks, kind="stable")
        bounds = np.searchsorted(self.segment_ranks[order], np.arange(len(self.rank_rule) + 1))
        return [order[bounds[k] : bounds[k + 1]] for k in range(len(self.rank_rule))]

    @cached_property
    def segments_by_dimension_run(self) -> list[np.ndarray]:
        order = np.argsort(self.dimension_codes, kind="stable")
        n_dims = int(self.rank_dimension.max()) + 1 if len(self.rank_dimension) else 0
        bounds = np.searchsorted(self.dimension_codes[order], np.arange(n_dims + 1))
        return [order[bounds[d] : bounds[d + 1]] for d in range(n_dims)]

    def cells_of_segments(self, segments: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The cell indices of some segments and, for each cell, its position in `segments`."""
        ends = np.append(self.segment_starts[1:], len(self.columns))
        lengths = ends[segments] - self.segment_starts[segments]
        owner = np.repeat(np.arange(len(segments)), lengths)
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return self.segment_starts[segments][owner] + offsets, owner

    def segment_range(self, person: int) -> tuple[int, int]:
        lo, hi = np.searchsorted(self.segment_rows, [person, person + 1])
        return int(lo), int(hi)

    @property
    def nbytes(self) -> int:
        return sum(getattr(self, name).nbytes for name in self.__dataclass_fields__ if isinstance(getattr(self, name), np.ndarray))


def build_plan(compiled: Compiled, structure: Structure) -> Plan:
    n_rules = len(structure)
    ranks = sorted(range(n_rules), key=lambda r: (structure[r][0], r))
    rank_of_rule = np.empty(n_rules, dtype=np.int16)
    rank_of_rule[ranks] = np.arange(n_rules, dtype=np.int16)
    rank_dimension = np.array([structure[r][0] for r in ranks], dtype=np.int16)

    column_rank = np.full(compiled.n_columns, -1, dtype=np.int16)
    for rule, (_, types, lists) in enumerate(structure):
        for t in types:
            column_rank[t * AGE_BUCKETS : (t + 1) * AGE_BUCKETS] = rank_of_rule[rule]
        for kind in lists:
            column_rank[compiled.list_column(kind)] = rank_of_rule[rule]

    cell_rank = column_rank[compiled.columns]
    used = np.flatnonzero(cell_rank >= 0)
    rows = compiled.rows[used]
    # Rows are already in order; a stable sort on (row, rank) keeps each segment's cells in
    # column order, which `explain` relies on.
    key = rows.astype(np.int64) * max(n_rules, 1) + cell_rank[used]
    order = used[np.argsort(key, kind="stable")]
    key = np.sort(key, kind="stable")
    new_segment = np.empty(len(key), dtype=bool)
    new_segment[:1] = True
    np.not_equal(key[1:], key[:-1], out=new_segment[1:])
    segment_starts = np.flatnonzero(new_segment)
    segment_rows = compiled.rows[order[segment_starts]]
    segment_ranks = cell_rank[order[segment_starts]]
    segment_dims = rank_dimension[segment_ranks]

    dim_key = segment_rows.astype(np.int64) * (int(rank_dimension.max()) + 1 if n_rules else 1) + segment_dims
    dimension_starts = _run_starts(dim_key)
    person_starts = _run_starts(segment_rows[dimension_starts])
    return Plan(
        structure=structure,
        n_people=compiled.n_people,
        rank_rule=np.asarray(ranks, dtype=np.int16),
        rank_dimension=rank_dimension,
        columns=compiled.columns[order],
        quantities=compiled.quantities[order],
        segment_starts=segment_starts,
        segment_rows=segment_rows,
        segment_ranks=segment_ranks,
        dimension_starts=dimension_starts,
        dimension_rows=segment_rows[dimension_starts],
        dimension_codes=segment_dims[dimension_starts].astype(np.int16),
        person_starts=person_starts,
        person_rows=segment_rows[dimension_starts][person_starts],
    )


def _run_starts(keys: np.ndarray) -> np.ndarray:
    """Start index of every run of equal values in a sorted array."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.intp)
    change = np.empty(len(keys), dtype=bool)
    change[0] = True
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    return np.flatnonzero(change)
