"""Small random datasets in the contract's shape, for engine tests that need no generator."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.catalogues import load_catalogues
from scoring.dataset import Dataset, conform

AS_OF = np.datetime64("2025-12-31", "D")


def make_dataset(n_people: int, n_records: int, seed: int, n_listings: int = 0, n_objections: int = 0) -> Dataset:
    """People of every group and district, records of random types over six years (a tenth of
    them revoked on a random later day), listings of some records (re-listings, renewals on
    the day the previous listing ends, listings ended on their own day, both lists on one
    record, and endings that name no list) and objections to some records (see _objections)."""
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
            "status": np.where(rng.random(n_records) < 0.1, "revoked", "valid"),
        }
    )
    revocations = _revocations(records, rng)
    revoked_on = {row[0]: np.datetime64(row[3], "D") for row in revocations}
    events = pd.DataFrame(
        revocations + _listings(records, rng, n_listings) + _objections(records, revoked_on, rng, n_objections),
        columns=["record_id", "person_id", "event", "date", "list"],
    ).assign(department="court")
    manifest = {"data_as_of": str(AS_OF), "synthetic": True, "seed": seed}
    return Dataset(
        people=conform("people", people, cat),
        records=conform("records", records, cat),
        events=conform("events", events, cat),
        manifest=manifest,
        catalogues=cat,
    )


def _revocations(records: pd.DataFrame, rng: np.random.Generator) -> list[tuple]:
    """One `revoked` event per revoked record, on its day or up to 400 days later."""
    revoked = records[records["status"] == "revoked"]
    days = revoked["occurred_on"].to_numpy() + rng.integers(0, 400, len(revoked)).astype("timedelta64[D]")
    return [
        (record, person, "revoked", min(day, AS_OF), None)
        for record, person, day in zip(revoked["record_id"], revoked["person_id"], days, strict=True)
    ]


def _listings(records: pd.DataFrame, rng: np.random.Generator, n_listings: int) -> list[tuple]:
    """Up to three listing episodes per chosen record, each on a random list: the next one
    starts when the previous one ends (a renewal) or later; an episode may end on its own day,
    later, or not at all (the last one), by a `delisted` of either list (when it names the other
    list, both lists are held at once) or a `repaired` / `expired` that names none."""
    rows = []
    chosen = rng.choice(len(records), min(n_listings, len(records)), replace=False) if len(records) else []
    for index in chosen:
        record, person = int(records["record_id"].iloc[index]), int(records["person_id"].iloc[index])
        day = records["occurred_on"].iloc[index].to_datetime64().astype("datetime64[D]")
        episodes = int(rng.integers(1, 4))
        for episode in range(episodes):
            kind = str(rng.choice(["red", "black"]))
            rows.append((record, person, "listed", min(day, AS_OF), kind))
            if episode == episodes - 1 and rng.random() < 0.4:
                break
            day = day + np.timedelta64(int(rng.choice([0, rng.integers(1, 400)])), "D")
            ending = str(rng.choice(["delisted", "delisted", "repaired", "expired"]))
            named = str(rng.choice(["red", "black"])) if ending == "delisted" else None  # maybe not this list
            rows.append((record, person, ending, min(day, AS_OF), named))
            day = day + np.timedelta64(int(rng.choice([0, rng.integers(1, 200)])), "D")
    return rows


def _objections(
    records: pd.DataFrame, revoked_on: dict[int, np.datetime64], rng: np.random.Generator, n_objections: int
) -> list[tuple]:
    """Objections to some records: a revoked one is disputed and the dispute answered on its
    revocation day (removed); any record may get a run of up to four disputes and resolutions,
    each answering an open dispute (upheld), one after another or nested, some on the same day,
    the last ones possibly still open. Events after the data's as-of date do not exist yet."""
    rows = []
    chosen = rng.choice(len(records), min(n_objections, len(records)), replace=False) if len(records) else []
    for index in chosen:
        record, person = int(records["record_id"].iloc[index]), int(records["person_id"].iloc[index])
        occurred = records["occurred_on"].iloc[index].to_datetime64().astype("datetime64[D]")
        events = []
        if record in revoked_on and rng.random() < 0.5:
            revoked = revoked_on[record]
            events += [("disputed", max(occurred, revoked - np.timedelta64(int(rng.integers(0, 100)), "D")))]
            events += [("resolved", revoked)]
        day, open_ = occurred + np.timedelta64(int(rng.integers(0, 300)), "D"), 0
        for _ in range(int(rng.integers(1, 5))):
            answer = open_ > 0 and rng.random() < 0.7
            events.append(("resolved" if answer else "disputed", day))
            open_ += -1 if answer else 1
            day = day + np.timedelta64(int(rng.choice([0, rng.integers(1, 150)])), "D")
        rows += [(record, person, event, when, None) for event, when in events if when <= AS_OF]
    return rows
