"""Records: Poisson counts per person and record type, then consequences that share a case_id.

One loop over record types (44), everything inside vectorised over people or records.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.calendar import add_months_to_date
from scoring.catalogues import Catalogues, RecordType
from synthetic.days import day_number
from synthetic.people import DAYS_PER_YEAR, People
from synthetic.rates import Choice, Geometric, LogNormal, Quantity, Rates, TypeRate
from synthetic.settings import GeneratorSettings
from synthetic.streams import FOLLOWS, NULL, QUANTITIES, RECORDS, stream

MIN_RECORD_AGE_YEARS = 16


@dataclass(frozen=True)
class Records:
    """Record columns; a record's id is its position. case = id of the record of the same act."""

    person: np.ndarray  # int32
    type: np.ndarray  # int16 catalogue code
    day: np.ndarray  # int64 day number
    quantity: np.ndarray  # float64
    case: np.ndarray  # int64

    def __len__(self) -> int:
        return len(self.person)


def eligible(record_type: RecordType, people: People, catalogues: Catalogues) -> np.ndarray | None:
    """Indices of the people a type can occur for; None means everyone."""
    if record_type.groups == "all":
        return None
    codes = [catalogues.key_group_ids.index(g) for g in record_type.groups]
    return np.flatnonzero(np.isin(people.group, codes))


def intensity(
    rate: TypeRate, record_type: RecordType, z: np.ndarray, regulated: np.ndarray, multiplier: float
) -> np.ndarray:
    """Per-person factor on the type's mean rate: propensity effect (mean 1) and regulated professions."""
    sign = 1.0 if record_type.polarity == "positive" else -1.0
    factor = np.exp(sign * rate.beta * z - rate.beta**2 / 2)
    if not rate.annual:
        factor *= np.where(regulated, multiplier, 1.0)
    return factor


def regulated_people(people: People, catalogues: Catalogues) -> np.ndarray:
    flags = np.array([g.regulated for g in catalogues.key_groups])
    return flags[people.group]


def record_propensity(settings: GeneratorSettings, people: People) -> np.ndarray:
    """The propensity records are drawn from: each person's own, or under the null generator
    (`records_independent`) a random permutation of everyone's. A permutation, not fresh draws,
    keeps the population's spread of propensities and so the record volumes per type; people,
    group eligibility and the regulated multiplier are untouched. Only the link between a
    person's records and their own propensity, which the truth follows, is cut."""
    if not settings.records_independent:
        return people.propensity
    return stream(settings.seed, NULL).permutation(people.propensity)


def draw_quantity(spec: Quantity, rng: np.random.Generator, size: int) -> np.ndarray:
    if isinstance(spec, LogNormal):
        raw = spec.median * np.exp(spec.sigma * rng.standard_normal(size))
        return np.maximum(np.round(raw / spec.step) * spec.step, spec.min)
    if isinstance(spec, Choice):
        return rng.choice(np.array(spec.values, dtype=np.float64), size=size, p=np.array(spec.weights))
    if isinstance(spec, Geometric):
        return rng.geometric(spec.p, size=size).astype(np.float64)
    return np.ones(size)


def _window(settings: GeneratorSettings) -> list[tuple[int, int]]:
    """The history as consecutive years ending at as-of, newest first: (first day, last day)."""
    ends = [day_number(add_months_to_date(settings.data_as_of, -12 * j)) for j in range(settings.history_years + 1)]
    return [(ends[j + 1] + 1, ends[j]) for j in range(settings.history_years)]


def _poisson_chunk(rng, rate, factor, idx, start, exposure, n):
    """Independent records of one type: Poisson counts over each person's exposure, uniform dates."""
    years = (exposure if idx is None else exposure[idx]) / DAYS_PER_YEAR
    counts = rng.poisson(rate * years * factor)
    person = np.repeat(np.arange(n, dtype=np.int32) if idx is None else idx.astype(np.int32), counts)
    day = start[person] + (rng.random(len(person)) * exposure[person]).astype(np.int64)
    return person, day


def _annual_chunk(rng, rate, factor, idx, start, windows, n):
    """At most one record a year: a Bernoulli draw per exposed person and year of the window."""
    people = np.arange(n) if idx is None else idx
    p = np.minimum(rate * factor, 1.0)
    persons, days = [], []
    for first, last in windows:
        hit = (start[people] <= last) & (rng.random(len(people)) < p)
        person = people[hit]
        lo = np.maximum(first, start[person])
        persons.append(person.astype(np.int32))
        days.append(lo + (rng.random(len(person)) * (last - lo + 1)).astype(np.int64))
    return np.concatenate(persons), np.concatenate(days)


def make_records(
    settings: GeneratorSettings, catalogues: Catalogues, rates: Rates, people: People, progress=None
) -> Records:
    """All records in the history window up to data_as_of; consequences follow their parent records."""
    n, as_of = len(people), day_number(settings.data_as_of)
    windows = _window(settings)
    # Records start at the window, at arrival in Changzhou, or at age 16, whichever is latest.
    start = np.maximum.reduce(
        [
            np.full(n, windows[-1][0], dtype=np.int64),
            people.resident_since,
            people.birth + int(MIN_RECORD_AGE_YEARS * DAYS_PER_YEAR),
        ]
    )
    exposure = np.maximum(as_of - start + 1, 0)
    regulated = regulated_people(people, catalogues)
    propensity = record_propensity(settings, people)
    chunks: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    types = catalogues.record_types
    for code, record_type in enumerate(types):
        rate = rates.types[record_type.id]
        if rate.rate == 0:
            continue
        rng = stream(settings.seed, RECORDS, code)
        idx = eligible(record_type, people, catalogues)
        z = propensity if idx is None else propensity[idx]
        reg = regulated if idx is None else regulated[idx]
        factor = intensity(rate, record_type, z, reg, settings.regulated_record_multiplier)
        if rate.annual:
            chunks[code] = _annual_chunk(rng, rate.rate, factor, idx, start, windows, n)
        else:
            chunks[code] = _poisson_chunk(rng, rate.rate, factor, idx, start, exposure, n)
        if progress:
            progress((code + 1) / len(types), record_type.id)

    offsets, total = {}, 0
    for code, (person, _) in chunks.items():
        offsets[code], total = total, total + len(person)
    children = _consequences(settings, types, rates, chunks, offsets, as_of)
    # kind 0 = independent, 1 = consequence: a type can be both (a conviction with or without drunk driving)
    parts = [(code, 0, person, day, offsets[code] + np.arange(len(person))) for code, (person, day) in chunks.items()]
    parts += children
    return Records(
        person=np.concatenate([p[2] for p in parts]),
        type=np.concatenate([np.full(len(p[2]), p[0], dtype=np.int16) for p in parts]),
        day=np.concatenate([p[3] for p in parts]),
        quantity=np.concatenate(
            [
                draw_quantity(
                    rates.types[types[code].id].quantity, stream(settings.seed, QUANTITIES, code, kind), len(person)
                )
                for code, kind, person, _, _ in parts
            ]
        ),
        case=np.concatenate([p[4] for p in parts]),
    )


def _consequences(settings, types, rates, chunks, offsets, as_of):
    """Records caused by another record (a defaulter listing after a lost debt case): same case_id."""
    out = []
    for code, record_type in enumerate(types):
        follows = rates.types[record_type.id].follows
        if follows is None:
            continue
        parent = next(i for i, t in enumerate(types) if t.id == follows.type)
        if parent not in chunks:
            continue
        rng = stream(settings.seed, FOLLOWS, code)
        person, day = chunks[parent]
        take = np.flatnonzero(rng.random(len(person)) < follows.probability)
        child_day = day[take] + rng.integers(follows.lag_days[0], follows.lag_days[1] + 1, size=len(take))
        keep = child_day <= as_of
        out.append((code, 1, person[take][keep], child_day[keep], offsets[parent] + take[keep]))
    return out
