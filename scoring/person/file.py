"""One person's credit file: who they are (no identity fields: those are drawn by the page,
masked), whether and why they are scored, score, tier, lists, the incentives they receive and
the sanctions their lists bring, the waterfall, the caps and vetoes that bound the result, and
every record and listing on the as-of date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from scoring.analyses.incentives import recipients
from scoring.dataset import Dataset
from scoring.engine import ScoreResult
from scoring.person.bounds import Bound, bounds
from scoring.person.eligibility import Reason, eligibility_reasons
from scoring.person.records import active_listings, person_records
from scoring.person.waterfall import Step, waterfall


class UnknownPerson(ValueError):
    """A person id outside the dataset (the message says the range)."""


@dataclass(frozen=True, eq=False)
class CreditFile:
    person_id: int
    as_of: dt.date
    district: str
    key_group: str
    gender: str
    age: int
    hukou: str
    eligible: bool
    reasons: tuple[Reason, ...]
    score: float | None  # None: not scored
    tier: str | None
    lists: tuple[str, ...]  # "red", "black" on the as-of date
    incentives: tuple[str, ...]  # incentive ids received
    sanctions: tuple[str, ...]  # sanction ids the person's lists bring
    steps: tuple[Step, ...]
    bounds: tuple[Bound, ...]
    records: pd.DataFrame  # scoring.person.records.RECORD_COLUMNS
    listings: pd.DataFrame  # scoring.person.records.LISTING_COLUMNS


def check_person(result: ScoreResult, person_id: int) -> None:
    if not 0 <= person_id < result.compiled.n_people:
        raise UnknownPerson(f"person_id {person_id} is not in the dataset (0 … {result.compiled.n_people - 1})")


def credit_file(result: ScoreResult, dataset: Dataset, person_id: int) -> CreditFile:
    """The file of `person_id` under `result` (its rulebook and as-of date) from `dataset`, the
    data `result` was compiled from."""
    check_person(result, person_id)
    compiled, rulebook = result.compiled, result.rulebook
    as_of = compiled.as_of.astype(dt.date)
    person = compiled.people.iloc[person_id]
    eligible = bool(result.eligible[person_id])
    lists = tuple(kind for kind, flags in (("red", result.red_list), ("black", result.black_list)) if flags[person_id])
    steps = waterfall(result, person_id)
    return CreditFile(
        person_id=person_id,
        as_of=as_of,
        district=str(person["district"]),
        key_group=str(person["key_group"]),
        gender=str(person["gender"]),
        age=int(compiled.age_years[person_id]),
        hukou=str(person["hukou"]),
        eligible=eligible,
        reasons=eligibility_reasons(compiled, rulebook.eligibility, person_id),
        score=float(result.score[person_id]) if eligible else None,
        tier=result.tier_ids[result.tier[person_id]] if eligible else None,
        lists=lists,
        incentives=tuple(i.id for i in rulebook.incentives if recipients(result, i)[person_id]),
        sanctions=tuple(s.id for s in rulebook.sanctions if set(s.lists) & set(lists)),
        steps=tuple(steps),
        bounds=tuple(bounds(result, person_id, steps)),
        records=person_records(dataset, rulebook, person_id, as_of),
        listings=active_listings(compiled, dataset, person_id),
    )
