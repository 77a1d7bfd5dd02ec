"""A person's standing as the store's objections say it, for their credit file and their plan.

Objections opened and answered in the dashboard live in the store, not in the data. A file read
straight from the data would keep showing a removed record, or count one under review, while the
objection panel beside it says otherwise. So, when a person has stored objections, their file
and plan are read from their rows alone with the objections written in (open ones suspend their
records, answered ones apply: upheld counts again, removed revokes, corrected replaces), scored
on the same date with the population's tier bounds: the tiers of a share rulebook are the
population's, never one person's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scoring.dataset import Dataset
from scoring.engine import ScoreResult, compile_dataset, score
from scoring.engine.kernel import one_thread
from scoring.engine.scorer import assign_tiers
from scoring.objection_overlay import with_objections
from scoring.objection_scores import one_person
from scoring.person.file import CreditFile, credit_file
from scoring.store.objections import Objection


@dataclass(frozen=True, eq=False)
class Standing:
    """Where a person's file is read: `result` and `dataset` hold them at `row` (the population
    and their own id, or a dataset of them alone with their objections written in)."""

    result: ScoreResult
    dataset: Dataset
    row: int
    person_id: int
    objections: tuple[Objection, ...]

    def file(self) -> CreditFile:
        return dataclasses.replace(credit_file(self.result, self.dataset, self.row), person_id=self.person_id)


def standing(result: ScoreResult, dataset: Dataset, person_id: int, objections: Sequence[Objection]) -> Standing:
    """The person under `result`'s rulebook and date, with their stored objections written in;
    the population itself when they have none."""
    theirs = tuple(o for o in objections if o.person_id == person_id)
    if not theirs:
        return Standing(result, dataset, person_id, person_id, ())
    alone = with_objections(one_person(dataset, person_id), theirs)
    with one_thread():  # one person's rows
        own = score(compile_dataset(alone, result.compiled.as_of), result.rulebook)
    tiers = assign_tiers(own.score, own.eligible, result.cutoffs)
    tiers = np.where(own.eligible, np.maximum(tiers, own.veto_floor), tiers).astype(own.tier.dtype)
    placed = dataclasses.replace(own, tier=tiers, cutoffs=result.cutoffs)
    return Standing(placed, alone, 0, person_id, theirs)
