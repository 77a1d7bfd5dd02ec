"""The groups a fairness table compares: one attribute (district, gender, age band, hukou, key
group) or a pair of them, each person coded 0 … G-1.

A pair's groups are every combination of the two attributes' categories (first attribute
outer), so a combination nobody is in still has a code: the tables can show it as empty rather
than leave it out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError
from scoring.analyses.summaries import BREAKDOWNS, Breakdown

ATTRIBUTES = BREAKDOWNS  # key_group, district, gender, age_band, hukou


def attribute_choices() -> tuple[tuple[str, ...], ...]:
    """Every attribute on its own, then every pair, in `ATTRIBUTES` order."""
    return (*((a,) for a in ATTRIBUTES), *combinations(ATTRIBUTES, 2))


@dataclass(frozen=True, eq=False)
class Attribute:
    """Per-person group codes for one attribute or a pair; `ids[g]` names group g by one
    category id per part."""

    parts: tuple[str, ...]
    codes: np.ndarray  # intp, N
    ids: tuple[tuple[str, ...], ...]

    @property
    def n_groups(self) -> int:
        return len(self.ids)

    def index(self) -> pd.Index:
        """The groups as a table index: category ids, or (id, id) pairs named by the parts."""
        if len(self.parts) == 1:
            return pd.Index([i[0] for i in self.ids], name=self.parts[0])
        return pd.MultiIndex.from_tuples(self.ids, names=list(self.parts))


def attribute(population: Mapping[str, Breakdown], parts: Sequence[str]) -> Attribute:
    """The groups of one attribute or a pair of different ones, from the population's breakdowns
    (`scoring.analyses.summaries.breakdowns`)."""
    parts = tuple(parts)
    if len(parts) not in (1, 2):
        raise AnalysisInputError(f"parts: expected one attribute or a pair, got {len(parts)}: {list(parts)}")
    if len(set(parts)) != len(parts):
        raise AnalysisInputError(f"parts: a pair needs two different attributes, got {list(parts)}")
    unknown = [p for p in parts if p not in population]
    if unknown:
        raise AnalysisInputError(f"parts: {unknown[0]!r} is not among the breakdowns {sorted(population)}")
    first = population[parts[0]]
    n = len(first.codes)
    for part in parts:
        codes = np.asarray(population[part].codes)
        if len(codes) != n:
            raise AnalysisInputError(f"{part}: {len(codes)} codes, {parts[0]} has {n}; expected one per person")
        bad = (codes < 0) | (codes >= len(population[part].ids))
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise AnalysisInputError(
                f"{part}: code {int(codes[row])} of person {row} is outside 0 … {len(population[part].ids) - 1}"
            )
    if len(parts) == 1:
        return Attribute(parts, first.codes.astype(np.intp), tuple((i,) for i in first.ids))
    second = population[parts[1]]
    codes = first.codes.astype(np.intp) * len(second.ids) + second.codes
    ids = tuple((a, b) for a in first.ids for b in second.ids)
    return Attribute(parts, codes, ids)
