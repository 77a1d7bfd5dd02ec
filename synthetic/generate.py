"""generate(): the synthetic population as a contract-conforming Dataset.

Deterministic for its settings: nothing reads today's date, and every stage draws from its own
seeded stream (single-threaded numpy), so the result does not depend on the machine either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from scoring.calendar import add_months_to_date
from scoring.catalogues import Catalogues, load_catalogues
from scoring.dataset import Dataset, categories
from synthetic.days import to_datetime
from synthetic.events import NO_LIST, Events, make_events
from synthetic.people import People, make_people
from synthetic.rates import load_rates
from synthetic.records import Records, make_records, regulated_people
from synthetic.settings import GeneratorSettings
from synthetic.truth import Truth, make_truth

GENERATOR = "civic-credit-lab synthetic"
GENERATOR_VERSION = "1.0.0"
NOTICE = "模拟数据（合成） / synthetic data"

Progress = Callable[[float, str], None]


def _categorical(codes: np.ndarray, allowed: tuple[str, ...]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=list(allowed), validate=False)


def _people_frame(people: People, allowed: dict) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "person_id": np.arange(len(people), dtype=np.int32),
            "gender": _categorical(people.gender, allowed["gender"]),
            "birth_date": to_datetime(people.birth),
            "district": _categorical(people.district, allowed["district"]),
            "key_group": _categorical(people.group, allowed["key_group"]),
            "hukou": _categorical(people.hukou, allowed["hukou"]),
            "consent": people.consent,
            "resident_since": to_datetime(people.resident_since),
            "insured_since": to_datetime(people.insured_since),
        }
    )


def _records_frame(records: Records, status: np.ndarray, department: np.ndarray, allowed: dict) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "record_id": np.arange(len(records), dtype=np.int64),
            "person_id": records.person,
            "record_type": _categorical(records.type, allowed["record_type"]),
            "occurred_on": to_datetime(records.day),
            "quantity": records.quantity,
            "department": _categorical(department[records.type], allowed["department"]),
            "case_id": records.case,
            "status": _categorical(status, allowed["status"]),
        }
    )


def _events_frame(events: Events, records: Records, department: np.ndarray, allowed: dict) -> pd.DataFrame:
    kinds = np.where(events.list == NO_LIST, -1, events.list)
    return pd.DataFrame(
        {
            "record_id": events.record,
            "person_id": records.person[events.record],
            "event": _categorical(events.event, allowed["event"]),
            "date": to_datetime(events.day),
            "department": _categorical(department[records.type[events.record]], allowed["department"]),
            "list": _categorical(kinds, allowed["list"]),
        }
    )


def _truth_frame(people: People, truth: Truth) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "person_id": np.arange(len(people), dtype=np.int32),
            "propensity": people.propensity,
            "negative_next_year": truth.negative,
            "serious_next_year": truth.serious,
            "positive_next_year": truth.positive,
        }
    )


def _density_ratios(people: People, records: Records, catalogues: Catalogues) -> dict:
    """Records per person in regulated professions ÷ everyone else, measured on the data."""
    regulated = regulated_people(people, catalogues)
    negative = np.array([rt.polarity == "negative" for rt in catalogues.record_types])[records.type]
    out = {}
    for name, mask in (("all", slice(None)), ("negative", negative)):
        per_group = np.bincount(regulated[records.person[mask]].astype(np.int64), minlength=2)
        heads = np.bincount(regulated.astype(np.int64), minlength=2)
        per_person = per_group / np.maximum(heads, 1)
        out[name] = round(float(per_person[1] / per_person[0]), 4) if heads.all() and per_person[0] else None
    return out


def _manifest(settings, catalogues, rates, people, records, frames) -> dict:
    return {
        "generator": GENERATOR,
        "generator_version": GENERATOR_VERSION,
        "synthetic": True,
        "notice": NOTICE,
        "seed": settings.seed,
        "catalogue_version": catalogues.version,
        "rates_version": rates.version,
        "rates_status": rates.status.value,
        "data_as_of": settings.data_as_of.isoformat(),
        "history_start": (
            add_months_to_date(settings.data_as_of, -12 * settings.history_years) + dt.timedelta(days=1)
        ).isoformat(),
        "sizes": {name: len(frame) for name, frame in frames.items()},
        "people": len(frames["people"]),
        "records": len(frames["records"]),
        "events": len(frames["events"]),
        "record_density_ratio": {"regulated_vs_other": _density_ratios(people, records, catalogues)},
        "settings": settings.described(),
    }


def generate(settings: GeneratorSettings, progress: Progress | None = None) -> Dataset:
    """Simulate people, records, events and next-year truth; ``progress(fraction, stage)`` between stages."""
    report = progress or (lambda fraction, stage: None)
    catalogues, rates = load_catalogues(), load_rates()
    allowed = categories(catalogues)
    department = np.array([catalogues.department_ids.index(rt.department) for rt in catalogues.record_types])

    report(0.0, "people")
    people = make_people(settings, catalogues)
    report(0.1, "records")
    records = make_records(
        settings, catalogues, rates, people, progress=lambda f, stage: report(0.1 + 0.6 * f, f"records: {stage}")
    )
    report(0.7, "events")
    events, status = make_events(settings, catalogues, rates, records)
    report(0.8, "truth")
    truth = make_truth(settings, catalogues, rates, people)
    report(0.9, "tables")
    frames = {
        "people": _people_frame(people, allowed),
        "records": _records_frame(records, status, department, allowed),
        "events": _events_frame(events, records, department, allowed),
        "truth": _truth_frame(people, truth),
    }
    manifest = _manifest(settings, catalogues, rates, people, records, frames)
    report(1.0, "done")
    return Dataset(catalogues=catalogues, manifest=manifest, **frames)
