"""Small random datasets in the contract's shape, for engine tests that need no generator."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.catalogues import load_catalogues
from scoring.dataset import Dataset, conform

AS_OF = np.datetime64("2025-12-31", "D")


def make_dataset(n_people: int, n_records: int, seed: int, n_listings: int = 0) -> Dataset:
    """People of every group and district, records of random types over six years, and
    some listings (with a few ended by a delisting)."""
    cat = load_catalogues()
    rng = np.random.default_rng(seed)
    people = pd.DataFrame(
        {
            "person_id": np.arange(n_people),
            "gender": rng.choice(["F", "M"], n_people),
            "birth_date": AS_OF - rng.integers(15 * 365, 80 * 365, n_people).astype("timedelta64[D]"),
            "district": rng.choice(cat.district_ids, n_people),
            "key_group": rng.choice(cat.key_group_ids, n_people),
            "hukou": rng.choice(["local", "non_local"], n_people, p=[0.75, 0.25]),
            "consent": rng.random(n_people) < 0.9,
            "resident_since": AS_OF - rng.integers(0, 30 * 365, n_people).astype("timedelta64[D]"),
            "insured_since": np.where(
                rng.random(n_people) < 0.8,
                AS_OF - rng.integers(0, 10 * 365, n_people).astype("timedelta64[D]"),
                np.datetime64("NaT"),
            ),
        }
    )
    types = rng.integers(0, len(cat.record_types), n_records)
    records = pd.DataFrame(
        {
            "record_id": np.arange(n_records) + 1,
            "person_id": rng.integers(0, max(n_people, 1), n_records),
            "record_type": np.array(cat.record_type_ids)[types],
            "occurred_on": AS_OF - rng.integers(0, 6 * 366, n_records).astype("timedelta64[D]"),
            "quantity": rng.integers(1, 400, n_records).astype(float),
            "department": np.array([cat.record_types[t].department for t in types]),
            "case_id": np.arange(n_records) + 1,
            "status": np.where(rng.random(n_records) < 0.03, "revoked", "valid"),
        }
    )
    listed = rng.choice(n_records, min(n_listings, n_records), replace=False) if n_records else np.zeros(0, int)
    kinds = rng.choice(["red", "black"], len(listed))
    listed_on = records["occurred_on"].to_numpy()[listed]
    ended = rng.random(len(listed)) < 0.3
    events = pd.DataFrame(
        {
            "record_id": np.concatenate([listed + 1, listed[ended] + 1]),
            "person_id": np.concatenate(
                [records["person_id"].to_numpy()[listed], records["person_id"].to_numpy()[listed][ended]]
            ),
            "event": ["listed"] * len(listed) + ["delisted"] * int(ended.sum()),
            "date": np.concatenate([listed_on, listed_on[ended] + np.timedelta64(100, "D")]),
            "department": "court",
            "list": np.concatenate([kinds, kinds[ended]]),
        }
    )
    manifest = {"data_as_of": str(AS_OF), "synthetic": True, "seed": seed}
    return Dataset(
        people=conform("people", people, cat),
        records=conform("records", records, cat),
        events=conform("events", events, cat),
        manifest=manifest,
        catalogues=cat,
    )
