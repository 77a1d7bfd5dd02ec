"""A small dataset that keeps the contract, and the defects the contract must refuse.

Each defect is one change to the good dataset's frames or manifest, with the start of the one
line it must be refused with: table.column, first offending row, offending value. Every defect
found in a dataset belongs here; the tests run each through the CLI and through the engine.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from scoring.dataset import TABLE_FILES, conform

Frames = dict[str, pd.DataFrame]


def good() -> tuple[Frames, dict]:
    """Three people; a black listing that ended, a red one that has not, a revoked record with its
    revocation, and records of every kind of department."""
    people = pd.DataFrame(
        {
            "person_id": [0, 1, 2],
            "gender": ["F", "M", "F"],
            "birth_date": ["1980-05-01", "1992-11-30", "1975-01-15"],
            "district": ["wujin", "liyang", "jintan"],
            "key_group": ["teacher", "lawyer", "civil_servant"],
            "hukou": ["local", "non_local", "local"],
            "consent": [True, True, False],
            "resident_since": ["1980-05-01", "2015-03-01", "1975-01-15"],
            "insured_since": ["2005-01-01", None, "1998-07-01"],
        }
    )
    records = pd.DataFrame(
        {
            "record_id": [10, 11, 12, 13],
            "person_id": [0, 1, 2, 1],
            "record_type": ["judgment_defaulter", "volunteer_hours", "loan_arrears", "blood_donation"],
            "occurred_on": ["2024-03-01", "2025-06-01", "2023-01-15", "2025-02-01"],
            "quantity": [1.0, 12.5, 5000.0, 400.0],
            "department": ["court", "volunteer_federation", "financial_institution", "blood_centre"],
            "case_id": [100, 101, 102, 103],
            "status": ["valid", "valid", "revoked", "valid"],
        }
    )
    events = pd.DataFrame(
        {
            "record_id": [10, 10, 12, 12, 11],
            "person_id": [0, 0, 2, 2, 1],
            "event": ["listed", "delisted", "disputed", "revoked", "listed"],
            "date": ["2024-03-10", "2025-03-10", "2023-02-01", "2023-06-01", "2025-06-02"],
            "department": ["court", "court", "financial_institution", "financial_institution", "volunteer_federation"],
            "list": ["black", "black", None, None, "red"],
        }
    )
    truth = pd.DataFrame(
        {
            "person_id": [0, 1, 2],
            "propensity": [0.2, -1.1, 0.7],
            "negative_next_year": [0, 1, 0],
            "serious_next_year": [False, False, False],
            "positive_next_year": [1, 0, 2],
        }
    )
    raw = {"people": people, "records": records, "events": events, "truth": truth}
    frames = {table: conform(table, frame) for table, frame in raw.items()}
    manifest = {
        "data_as_of": "2025-12-31",
        "history_start": "2020-01-01",
        "synthetic": True,
        "sizes": {table: len(frame) for table, frame in frames.items()},
        **{table: len(frames[table]) for table in ("people", "records", "events")},
    }
    return frames, manifest


def write_raw(frames: Frames, manifest: object, folder: Path) -> Path:
    """The frames as Parquet exactly as they are (no conversion), as a pilot export might be."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, frame in frames.items():
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), folder / TABLE_FILES[table])
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Defect:
    name: str
    change: Callable[[Frames, dict], object]  # changes the frames in place; may return a new manifest
    refused_with: str  # the start of the refusal: "table.column row N: value"

    def apply(self) -> tuple[Frames, object]:
        frames, manifest = good()
        replaced = self.change(frames, manifest)
        return frames, manifest if replaced is None else replaced


def _set(table: str, column: str, row: int, value: object) -> Callable[[Frames, dict], None]:
    """One cell changed; the column's type becomes whatever holds the new value (int64 for an id
    beyond 32 bits, text for an unknown category), as it would in a file."""

    def change(frames: Frames, manifest: dict) -> None:
        values = frames[table][column].astype(object).tolist()
        values[row] = value
        frames[table][column] = pd.Series(values)

    return change


def _column(table: str, column: str, values: list) -> Callable[[Frames, dict], None]:
    def change(frames: Frames, manifest: dict) -> None:
        frames[table][column] = values

    return change


def _manifest(**changes: object) -> Callable[[Frames, dict], None]:
    return lambda frames, manifest: manifest.update(changes)


def _sized(change: Callable[[Frames], None]) -> Callable[[Frames, dict], None]:
    """A change of rows, with the manifest's sizes kept true (so only the change is wrong)."""

    def changed(frames: Frames, manifest: dict) -> None:
        change(frames)
        manifest["sizes"] = {table: len(frame) for table, frame in frames.items()}
        manifest.update({table: len(frames[table]) for table in ("people", "records", "events")})

    return changed


def _rows(table: str, keep: list[int]) -> Callable[[Frames], None]:
    def change(frames: Frames) -> None:
        frames[table] = frames[table].iloc[keep].reset_index(drop=True)

    return change


def _appended_revocation(frames: Frames) -> None:
    events = frames["events"]
    revocation = events.iloc[[3]].reset_index(drop=True)
    revocation["record_id"], revocation["person_id"] = np.int64(13), np.int32(1)  # the valid blood donation
    revocation["date"] = np.datetime64("2025-03-01", "s")
    revocation["department"] = pd.Categorical(["blood_centre"], categories=events["department"].cat.categories)
    frames["events"] = pd.concat([events, revocation], ignore_index=True)


def _dispute_read_as_resolution(frames: Frames, manifest: dict) -> None:
    """The dispute of the loan arrears (record 12) recorded as its resolution, which then answers
    nothing (the column stays categorical, so only the relation between events is wrong)."""
    frames["events"].loc[2, "event"] = "resolved"


def _appended_early_resolution(frames: Frames) -> None:
    """The disputed loan arrears (record 12, disputed 2023-02-01) resolved before the dispute."""
    events = frames["events"]
    resolution = events.iloc[[2]].reset_index(drop=True)
    resolution["event"] = pd.Categorical(["resolved"], categories=events["event"].cat.categories)
    resolution["date"] = np.datetime64("2023-01-20", "s")
    frames["events"] = pd.concat([events, resolution], ignore_index=True)


def _nobody(frames: Frames) -> None:
    for table in frames:
        frames[table] = frames[table].iloc[:0]


DATE = pd.Timestamp
DEFECTS = [
    Defect("a 64-bit person id wraps to another person", _set("records", "person_id", 2, 2**32 + 2),
           "records.person_id row 2: 4294967298"),
    Defect("consent stored as yes/no text", _column("people", "consent", ["yes", "no", "no"]),
           "people.consent row 0: 'yes'"),
    Defect("birth dates stored as integers", _column("people", "birth_date", [19800501, 19921130, 19750115]),
           "people.birth_date row 0: 19800501"),
    Defect("dates stored as text", _column("records", "occurred_on", ["2024-03-01"] * 4),
           "records.occurred_on row 0: '2024-03-01'"),
    Defect("a numeric data_as_of", _manifest(data_as_of=20251231), "manifest.json data_as_of: 20251231"),
    Defect("a data_as_of that is no calendar day", _manifest(data_as_of="2025-02-30"),
           "manifest.json data_as_of: '2025-02-30'"),
    Defect("a manifest without data_as_of", lambda frames, manifest: manifest.pop("data_as_of") and None,
           "manifest.json: no data_as_of"),
    Defect("a manifest that is a list", lambda frames, manifest: [manifest], "manifest.json: expected a JSON object"),
    Defect("history starting after data_as_of", _manifest(history_start="2026-01-01"),
           "manifest.json history_start: 2026-01-01"),
    Defect("synthetic given as text", _manifest(synthetic="false"), "manifest.json synthetic: 'false'"),
    Defect("a stated size that is not the table's", _manifest(sizes={"people": 3, "records": 5, "events": 5}),
           "manifest.json sizes.records: 5"),
    Defect("a stated people count that is not the table's", _manifest(people=4), "manifest.json people: 4"),
    Defect("a size given as text", _manifest(events="5"), "manifest.json events: '5'"),
    Defect("a negative quantity", _set("records", "quantity", 3, -1.0), "records.quantity row 3: -1.0"),
    Defect("an infinite quantity", _set("records", "quantity", 1, np.inf), "records.quantity row 1: inf"),
    Defect("a huge quantity", _set("records", "quantity", 0, 1e12), "records.quantity row 0: 1000000000000.0"),
    Defect("a missing quantity", _set("records", "quantity", 2, np.nan), "records.quantity row 2: missing"),
    Defect("float person ids", _column("records", "person_id", [0.0, 1.0, 2.0, 1.0]),
           "records.person_id row 0: 0.0"),
    Defect("people ids out of order", _column("people", "person_id", [0, 2, 1]), "people.person_id row 1: 2"),
    Defect("a record of nobody", _set("records", "person_id", 3, 7), "records.person_id row 3: 7"),
    Defect("a birth date after data_as_of", _set("people", "birth_date", 1, DATE("2026-01-05")),
           "people.birth_date row 1: 2026-01-05"),
    Defect("a record after data_as_of", _set("records", "occurred_on", 1, DATE("2026-01-01")),
           "records.occurred_on row 1: 2026-01-01"),
    Defect("an event after data_as_of", _set("events", "date", 1, DATE("2026-02-01")),
           "record_events.date row 1: 2026-02-01"),
    Defect("an event before its record", _set("events", "date", 2, DATE("2022-12-31")),
           "record_events.date row 2: 2022-12-31"),
    Defect("an event of another person than its record's", _set("events", "person_id", 2, 1),
           "record_events.person_id row 2: 1"),
    Defect("an event of a record that does not exist", _set("events", "record_id", 1, 99),
           "record_events.record_id row 1: 99"),
    Defect("a listing without a list", _set("events", "list", 4, None), "record_events.list row 4: missing"),
    Defect("a dispute with a list", _set("events", "list", 2, "red"), "record_events.list row 2: 'red'"),
    Defect("a revoked record without its revocation", _sized(_rows("events", [0, 1, 2, 4])),
           "records.status row 2: revoked, with 0 revoked events"),
    Defect("a record revoked twice", _sized(_rows("events", [0, 1, 2, 3, 3, 4])),
           "records.status row 2: revoked, with 2 revoked events"),
    Defect("a revocation of a valid record", _sized(_appended_revocation), "record_events.event row 5: 'revoked'"),
    Defect("a resolution of a record never disputed", _dispute_read_as_resolution,
           "record_events.event row 2: 'resolved'"),
    Defect("a resolution before its dispute", _sized(_appended_early_resolution),
           "record_events.event row 5: 'resolved'"),
    Defect("a duplicate record id", _set("records", "record_id", 3, 11), "records.record_id row 3: 11"),
    Defect("an unknown record type", _set("records", "record_type", 1, "parking_ticket"),
           "records.record_type row 1: 'parking_ticket'"),
    Defect("a missing district", _set("people", "district", 2, None), "people.district row 2: missing"),
    Defect("negative counts in the truth", _set("truth", "negative_next_year", 1, -1),
           "truth.negative_next_year row 1: -1"),
    Defect("nobody to score", _sized(_nobody), "people: no rows"),
]  # fmt: skip
