"""One person's data as a dataset of their own, as known on an as-of date, scored on a later day.

The what-ifs of the next-tier plan rescore one person with the real engine: records added or
repaired, time passed. Only what was known on the as-of date is kept (a record decided later, or
revoked later, does not exist yet for the plan), and the person becomes person 0 of a
one-person dataset whose data reach the day the plan is scored on.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from scoring.dataset import Dataset, conform


def alone(
    dataset: Dataset,
    person_id: int,
    as_of: dt.date,
    scored_on: dt.date,
    added_records: pd.DataFrame | None = None,
    added_events: pd.DataFrame | None = None,
) -> Dataset:
    """The person's dataset as known on `as_of`, with `added_records` (record_type, occurred_on,
    quantity, department) and `added_events` (record_id, event, date, department, list), whose
    data run to `scored_on`."""
    day = np.datetime64(as_of, "s")
    people = dataset.people.iloc[[person_id]].assign(person_id=np.int32(0)).reset_index(drop=True)
    records = dataset.records[dataset.records["person_id"].to_numpy() == person_id]
    records = records[records["occurred_on"].to_numpy() <= day]
    events = dataset.events[dataset.events["person_id"].to_numpy() == person_id]
    events = events[events["date"].to_numpy() <= day]
    revoked = events.loc[events["event"] == "revoked", "record_id"]
    status = np.where(records["record_id"].isin(revoked), "revoked", "valid")
    records = records.assign(
        person_id=np.int32(0), status=pd.Categorical(status, categories=records["status"].cat.categories)
    )
    events = events.assign(person_id=np.int32(0))
    if added_records is not None and len(added_records):
        first = int(dataset.records["record_id"].max()) + 1 if len(dataset.records) else 0
        ids = np.arange(first, first + len(added_records), dtype=np.int64)
        extra = added_records.assign(record_id=ids, person_id=0, case_id=ids, status="valid")
        records = pd.concat([records, conform("records", extra[list(records.columns)], dataset.catalogues)])
    if added_events is not None and len(added_events):
        extra = added_events.assign(person_id=0)
        events = pd.concat([events, conform("events", extra[list(events.columns)], dataset.catalogues)])
    return Dataset(
        people=people,
        records=records.reset_index(drop=True),
        events=events.reset_index(drop=True),
        manifest={"data_as_of": str(scored_on), "synthetic": dataset.is_synthetic},
        catalogues=dataset.catalogues,
    )
