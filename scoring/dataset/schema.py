"""The tables, their columns and categories, and the Dataset itself."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scoring.caching import Cache
from scoring.catalogues import Catalogues, load_catalogues

GENDERS = ("F", "M")
HUKOU = ("local", "non_local")
RECORD_STATUSES = ("valid", "revoked")
# Appended only: a code is a position, so existing events keep their codes.
EVENTS = ("listed", "delisted", "disputed", "resolved", "committed", "trained", "repaired", "expired", "revoked")
LIST_EVENTS = ("listed", "delisted")  # the events that carry a list; no other event may
LIST_KINDS = ("red", "black")
DATE = "datetime64[s]"
MAX_QUANTITY = 1_000_000.0  # a record's quantity (yuan, hours, days …); larger is a unit or entry error
MAX_SEED = 2**32 - 1  # a synthetic dataset's seed (in its manifest, widgets and share links)

TABLE_FILES = {
    "people": "people.parquet",
    "records": "records.parquet",
    "events": "record_events.parquet",
    "truth": "truth.parquet",
}
MANIFEST = "manifest.json"
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def categories(catalogues: Catalogues) -> dict[str, tuple[str, ...]]:
    """The allowed values of every categorical column, in code order."""
    return {
        "gender": GENDERS,
        "district": catalogues.district_ids,
        "key_group": catalogues.key_group_ids,
        "hukou": HUKOU,
        "record_type": catalogues.record_type_ids,
        "department": catalogues.department_ids,
        "status": RECORD_STATUSES,
        "event": EVENTS,
        "list": LIST_KINDS,
    }


# column -> dtype; "category" columns take their categories from `categories()`.
SCHEMAS: dict[str, dict[str, str]] = {
    "people": {
        "person_id": "int32",
        "gender": "category",
        "birth_date": DATE,
        "district": "category",
        "key_group": "category",
        "hukou": "category",
        "consent": "bool",
        "resident_since": DATE,
        "insured_since": DATE,  # continuous social insurance since; NaT = none
    },
    "records": {
        "record_id": "int64",
        "person_id": "int32",
        "record_type": "category",
        "occurred_on": DATE,
        "quantity": "float64",
        "department": "category",
        "case_id": "int64",
        "status": "category",
    },
    "events": {
        "record_id": "int64",
        "person_id": "int32",
        "event": "category",
        "date": DATE,
        "department": "category",
        "list": "category",  # red / black for listed and delisted events, else missing
    },
    "truth": {
        "person_id": "int32",
        "propensity": "float64",
        "negative_next_year": "int32",
        "serious_next_year": "bool",
        "positive_next_year": "int32",
    },
}
NULLABLE = {("people", "insured_since"), ("events", "list")}


@dataclass(frozen=True, eq=False)
class Dataset:
    """People, their records and record events, plus the manifest that says what they are.

    ``truth`` exists only for synthetic data: the latent propensity and next-year outcomes
    that let evaluators test predictive validity.
    """

    people: pd.DataFrame
    records: pd.DataFrame
    events: pd.DataFrame
    manifest: dict
    truth: pd.DataFrame | None = None
    catalogues: Catalogues = field(default_factory=load_catalogues, repr=False)
    # What other parts compute from this dataset (the engine's record matrix), kept here so that
    # it lives exactly as long as the dataset: nothing derived refers back to it.
    derived: Cache = field(default_factory=lambda: Cache(max_entries=4), init=False, repr=False, compare=False)

    @property
    def nbytes(self) -> int:
        """The tables' memory and what is derived from them."""
        tables = (self.people, self.records, self.events, self.truth)
        return sum(int(t.memory_usage(index=False).sum()) for t in tables if t is not None) + self.derived.nbytes

    @property
    def data_as_of(self) -> np.datetime64:
        return np.datetime64(self.manifest["data_as_of"], "D")

    @property
    def is_synthetic(self) -> bool:
        return bool(self.manifest.get("synthetic", False))
