"""People and their latent integrity propensity, as numpy arrays of catalogue codes and day numbers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.catalogues import Catalogues
from scoring.dataset import GENDERS, HUKOU
from synthetic.days import NOT_A_DAY, day_number
from synthetic.settings import GeneratorSettings
from synthetic.streams import PEOPLE, PROPENSITY, stream

DAYS_PER_YEAR = 365.2425
MALE = GENDERS.index("M")
NON_LOCAL = HUKOU.index("non_local")
GENERAL = "general_resident"


@dataclass(frozen=True)
class People:
    """Column arrays of the people table (codes are catalogue positions) plus the propensity."""

    gender: np.ndarray  # int8 code
    birth: np.ndarray  # day number
    district: np.ndarray  # int8 code
    group: np.ndarray  # int8 code
    hukou: np.ndarray  # int8 code
    consent: np.ndarray  # bool
    resident_since: np.ndarray  # day number
    insured_since: np.ndarray  # day number or NOT_A_DAY
    propensity: np.ndarray  # float64, higher = more trustworthy

    def __len__(self) -> int:
        return len(self.gender)


def _age_years(rng: np.random.Generator, n: int, minor_share: float) -> np.ndarray:
    """Ages 16-17 for `minor_share` of people (so minimum-age rules matter), else 18-80 with fewer old people."""
    ages = np.arange(18, 81)
    weights = np.where(ages < 60, 1.0, 1.0 - 0.6 * (ages - 60) / 20)
    adult = rng.choice(ages, size=n, p=weights / weights.sum())
    minor = rng.integers(16, 18, size=n)
    return np.where(rng.random(n) < minor_share, minor, adult)


def _groups(settings: GeneratorSettings, catalogues: Catalogues, rng: np.random.Generator, adult: np.ndarray):
    ids = catalogues.key_group_ids
    weights = np.array([settings.group_weights.get(g, 0.0) for g in ids])
    in_group = adult & (rng.random(len(adult)) < settings.key_group_share)
    drawn = rng.choice(len(ids), size=len(adult), p=weights / weights.sum())
    return np.where(in_group, drawn, ids.index(GENERAL)).astype(np.int8)


def make_people(settings: GeneratorSettings, catalogues: Catalogues) -> People:
    """Draw everyone's attributes; residence and insurance dates are consistent with age and hukou."""
    rng = stream(settings.seed, PEOPLE)
    n, as_of = settings.people, day_number(settings.data_as_of)
    gender = (rng.random(n) < settings.male_share).astype(np.int8)
    age = _age_years(rng, n, settings.minor_share)
    birth = as_of - ((age + rng.uniform(0.003, 0.997, n)) * DAYS_PER_YEAR).astype(np.int64)
    adult_day = birth + int(18 * DAYS_PER_YEAR)
    shares = np.array([d.population_share for d in catalogues.districts])
    district = rng.choice(len(shares), size=n, p=shares / shares.sum()).astype(np.int8)
    group = _groups(settings, catalogues, rng, age >= 18)
    hukou = (rng.random(n) < settings.non_local_share).astype(np.int8)
    consent = rng.random(n) < settings.consent_rate

    # Non-local residents arrived recently (mean 4 years ago); most locals live where they were born.
    arrived = as_of - (rng.exponential(4 * DAYS_PER_YEAR, n)).astype(np.int64)
    moved = birth + (rng.random(n) * (as_of - birth)).astype(np.int64)
    local_since = np.where(rng.random(n) < 0.8, birth, moved)
    resident_since = np.where(hukou == NON_LOCAL, np.maximum(arrived, birth), local_since)

    # Insured since a day between adulthood (and, for non-locals, arrival) and as-of: short spells
    # for recent arrivals, so a "one year of insurance" rule bites.
    key_member = group != catalogues.key_group_ids.index(GENERAL)
    insured_p = np.where(key_member, 0.95, settings.insured_share)
    insured = (age >= 18) & (age < 65) & (rng.random(n) < insured_p)
    start = np.where(hukou == NON_LOCAL, np.maximum(adult_day, resident_since), adult_day)
    insured_day = start + (rng.random(n) * np.maximum(as_of - start, 0)).astype(np.int64)
    insured_since = np.where(insured, insured_day, NOT_A_DAY)

    z = stream(settings.seed, PROPENSITY).standard_normal(n)
    z += settings.propensity_shift_non_local * (hukou == NON_LOCAL)
    if settings.propensity_shift_by_group:
        shifts = np.array([settings.propensity_shift_by_group.get(g, 0.0) for g in catalogues.key_group_ids])
        z += shifts[group]
    return People(gender, birth, district, group, hukou, consent, resident_since, insured_since, z)
