"""One person's score with their open objections suspending the records, and as if they counted.

A person's score reads only their own records (the tier bounds of a share rulebook are the
population's, passed in), so both scores are computed on a one-person dataset: the person's rows
cut out, their objections written in (objection_overlay.py), compiled and scored. That costs
milliseconds at any population size, where overlaying and recompiling 1 M people would cost
seconds for every objection (measured in benchmarks/objection_scores.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scoring.dataset import Dataset
from scoring.engine import compile_dataset, score
from scoring.engine.kernel import one_thread
from scoring.engine.scorer import assign_tiers
from scoring.objection_overlay import sized, with_objections
from scoring.rulebook import Rulebook
from scoring.store.objections import Objection


@dataclass(frozen=True)
class PersonScore:
    """One person's result: `score` NaN and `tier` -1 when they are not scored."""

    eligible: bool
    score: float
    tier: int


@dataclass(frozen=True)
class ObjectionEffect:
    """`under_review`: every objection written in, open ones suspending their records;
    `counted`: the answered ones written in, the records under open objections counted."""

    under_review: PersonScore
    counted: PersonScore

    @property
    def difference(self) -> float:
        return self.under_review.score - self.counted.score


def one_person(dataset: Dataset, person_id: int) -> Dataset:
    """The person's rows as a dataset of one (they become person 0; record ids are kept)."""
    if not 0 <= person_id < len(dataset.people):
        raise ValueError(f"person_id {person_id} is not in the dataset (0 … {len(dataset.people) - 1})")

    def of_person(frame):
        # positions, then a take of those few rows: a boolean mask would copy every column's 10 M values
        rows = frame.iloc[np.flatnonzero(frame["person_id"].to_numpy() == person_id)].reset_index(drop=True)
        return rows.assign(person_id=np.zeros(len(rows), dtype=frame["person_id"].dtype))

    tables = {"people": of_person(dataset.people), "records": of_person(dataset.records)}
    tables["events"] = of_person(dataset.events)
    truth = None if dataset.truth is None else of_person(dataset.truth)
    sizes = {name: len(frame) for name, frame in tables.items()} | ({} if truth is None else {"truth": 1})
    return Dataset(
        **tables, truth=truth, manifest=sized(dataset.manifest, sizes), catalogues=dataset.catalogues
    )  # fmt: skip


def objection_effect(
    dataset: Dataset,
    person_id: int,
    objections: Sequence[Objection],
    rulebook: Rulebook,
    as_of: dt.date,
    cutoffs: np.ndarray,
) -> ObjectionEffect:
    """The person's score and tier as of `as_of` with and without their open objections applied.
    `cutoffs` are the population's tier bounds (`ScoreResult.cutoffs`)."""
    theirs = [o for o in objections if o.person_id == person_id]
    alone = one_person(dataset, person_id)
    answered = [o for o in theirs if not o.is_open]
    counted = _scored(with_objections(alone, answered), rulebook, as_of, cutoffs)
    if len(answered) == len(theirs):  # nothing under review: one score serves both
        return ObjectionEffect(under_review=counted, counted=counted)
    return ObjectionEffect(
        under_review=_scored(with_objections(alone, theirs), rulebook, as_of, cutoffs), counted=counted
    )


def _scored(alone: Dataset, rulebook: Rulebook, as_of: dt.date, cutoffs: np.ndarray) -> PersonScore:
    with one_thread():  # one person's rows
        result = score(compile_dataset(alone, as_of), rulebook)
    eligible = bool(result.eligible[0])
    if not eligible:
        return PersonScore(False, float("nan"), -1)
    tier = assign_tiers(result.score[:1], result.eligible[:1], np.asarray(cutoffs))[0]
    return PersonScore(True, float(result.score[0]), int(max(tier, result.veto_floor[0])))
