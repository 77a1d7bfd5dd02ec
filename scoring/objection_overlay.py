"""The store's objections written into a dataset as record events, so the engine scores them.

The engine already suspends a disputed record while its objection is open (engine/compiled.py,
`counting_intervals`); an objection kept in the store becomes the same events a dataset carries:

- opened: a `disputed` event on the opening day;
- answered: a `resolved` event on the answer's day; upheld, the record counts again from then;
- removed: also the record revoked that day (status `revoked` and its one `revoked` event);
- corrected: the original revoked that day, plus a corrected copy as a new record dated that day
  (the contract has no correction field; dated earlier, the copy would count beside the original
  before the dispute). The copy keeps the original's type, department and case, and takes the
  corrected quantity when one was given. Its id is the dataset's largest record id plus the
  objection's id, so it is stable while the dataset is.

Every event carries its day, so an as-of date before an objection was opened sees nothing of it,
and one between opening and answer sees the record suspended. A record the data revoke later
than a removal or correction is revoked on the earlier day (it keeps exactly one `revoked`
event). The result is held to the dataset contract (`validate`) before it is returned.

`check_opening` and `check_answer` are the dataset's side of an objection's checks (the store
checks the objection's own history): the record exists, is the person's, and still counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.dataset import Dataset, validate
from scoring.store.objections import OPEN, Objection, ObjectionRefused

DISPUTED, RESOLVED, REVOKED = "disputed", "resolved", "revoked"
_REVOKING = ("corrected", "removed")


def with_objections(dataset: Dataset, objections: Sequence[Objection]) -> Dataset:
    """The dataset with the objections' events (and corrected copies) added; see the module text.

    Objections are applied in id order; each must name a record of the dataset (refused with
    `objection_unknown_record` otherwise). Only the records objected to change, so the cost is
    a copy of the tables plus the contract's check, a few hundred milliseconds at 1 M people
    and nothing for a one-person dataset (scoring/objection_scores.py).
    """
    if not objections:
        return dataset
    records, events = dataset.records, dataset.events
    row_of = pd.Series(np.arange(len(records)), index=records["record_id"].to_numpy())
    status = records["status"].copy()
    revoked_on = _revocations(events)
    new_events: list[dict] = []
    copies: list[dict] = []
    next_base = int(records["record_id"].max()) if len(records) else 0
    for objection in sorted(objections, key=lambda o: o.id):
        if objection.record_id not in row_of.index:
            raise ObjectionRefused(
                "objection_unknown_record",
                f"objection {objection.id}: no record {objection.record_id} in this dataset",
                record=objection.record_id,
            )
        record = records.iloc[int(row_of[objection.record_id])]
        new_events.append(_event(record, DISPUTED, objection.opened_on))
        if objection.state == OPEN:
            continue
        new_events.append(_event(record, RESOLVED, objection.resolved_on))
        if objection.state in _REVOKING:
            status.iloc[int(row_of[objection.record_id])] = REVOKED
            day = np.datetime64(objection.resolved_on, "s")
            revoked_on[objection.record_id] = min(revoked_on.get(objection.record_id, day), day)
        if objection.state == "corrected":
            quantity = record["quantity"] if objection.corrected_quantity is None else objection.corrected_quantity
            copy = {**record.to_dict(), "record_id": next_base + objection.id, "status": "valid"}
            copies.append(copy | {"occurred_on": np.datetime64(objection.resolved_on, "s"), "quantity": quantity})
    events = _with_revocations(events, records, revoked_on)
    events = _appended(events, new_events)
    records = _appended(records.assign(status=status), copies)
    overlaid = Dataset(
        people=dataset.people,
        records=records,
        events=events,
        manifest=sized(dataset.manifest, {"records": len(records), "events": len(events)}),
        truth=dataset.truth,
        catalogues=dataset.catalogues,
    )
    validate(overlaid)
    return overlaid


def sized(manifest: dict, sizes: dict[str, int]) -> dict:
    """The manifest with the sizes it states (under "sizes" and at the top level) set anew."""
    manifest = dict(manifest)
    if isinstance(manifest.get("sizes"), dict):
        manifest["sizes"] = {**manifest["sizes"], **{k: n for k, n in sizes.items() if k in manifest["sizes"]}}
    return manifest | {k: n for k, n in sizes.items() if k in manifest}


def _event(record: pd.Series, event: str, day: dt.date) -> dict:
    return {
        "record_id": record["record_id"],
        "person_id": record["person_id"],
        "event": event,
        "date": np.datetime64(day, "s"),
        "department": record["department"],
        "list": None,
    }


def _revocations(events: pd.DataFrame) -> dict[int, np.datetime64]:
    """The data's own revocation day of each revoked record."""
    revoked = events[events["event"] == REVOKED]
    return dict(zip(revoked["record_id"].to_numpy().tolist(), revoked["date"].to_numpy(), strict=True))


def _with_revocations(events: pd.DataFrame, records: pd.DataFrame, revoked_on: dict) -> pd.DataFrame:
    """The data's `revoked` events moved to an earlier removal, and new ones for the records an
    objection revoked that the data do not."""
    existing = _revocations(events)
    moved = {r: day for r, day in revoked_on.items() if r in existing and day != existing[r]}
    if moved:
        events = events.copy()
        rows = (events["event"] == REVOKED) & events["record_id"].isin(list(moved))
        events.loc[rows, "date"] = events.loc[rows, "record_id"].map(moved).to_numpy()
    added = [r for r in revoked_on if r not in existing]
    if not added:
        return events
    row_of = pd.Series(np.arange(len(records)), index=records["record_id"].to_numpy())
    rows = [_event(records.iloc[int(row_of[r])], REVOKED, revoked_on[r]) for r in added]
    return _appended(events, rows)


def _appended(frame: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    """`frame` with `rows` after it, in the frame's own dtypes (categories kept)."""
    if not rows:
        return frame
    extra = pd.DataFrame(rows, columns=frame.columns).astype(frame.dtypes.to_dict())
    return pd.concat([frame, extra], ignore_index=True)


def check_opening(dataset: Dataset, person_id: int, record_id: int, opened_on: dt.date) -> None:
    """An objection may be opened on a record of this person that exists on that day, not after
    the data's date, and that the data have not revoked by then. Raises ObjectionRefused."""
    record = _record_of(dataset, person_id, record_id)
    _within_data(dataset, opened_on)
    occurred = pd.Timestamp(record["occurred_on"]).date()
    if opened_on < occurred:
        raise ObjectionRefused(
            "objection_before_record",
            f"opened on {opened_on}, before the record's date {occurred}",
            opened_on=opened_on,
            occurred_on=occurred,
        )
    _not_revoked_by(dataset, record_id, opened_on)


def check_answer(dataset: Dataset, objection: Objection, outcome: str, resolved_on: dt.date) -> None:
    """An answer is dated within the data; a removal or correction of a record the data revoke
    on or before that day is refused (it is already struck out). Raises ObjectionRefused."""
    _record_of(dataset, objection.person_id, objection.record_id)
    _within_data(dataset, resolved_on)
    if outcome in _REVOKING:
        _not_revoked_by(dataset, objection.record_id, resolved_on)


def _record_of(dataset: Dataset, person_id: int, record_id: int) -> pd.Series:
    found = dataset.records.loc[dataset.records["record_id"] == record_id]
    if found.empty:
        raise ObjectionRefused("objection_unknown_record", f"no record {record_id}", record=record_id)
    record = found.iloc[0]
    if int(record["person_id"]) != int(person_id):
        raise ObjectionRefused(
            "objection_not_their_record", f"record {record_id} is not person {person_id}'s", record=record_id
        )
    return record


def _within_data(dataset: Dataset, day: dt.date) -> None:
    as_of = pd.Timestamp(dataset.data_as_of).date()
    if day > as_of:
        raise ObjectionRefused("objection_after_data", f"{day} is after the data's date {as_of}", day=day, as_of=as_of)


def _not_revoked_by(dataset: Dataset, record_id: int, day: dt.date) -> None:
    revoked = _revocations(dataset.events).get(record_id)
    if revoked is not None and pd.Timestamp(revoked).date() <= day:
        raise ObjectionRefused(
            "objection_record_revoked",
            f"record {record_id} was revoked on {pd.Timestamp(revoked).date()}",
            revoked_on=pd.Timestamp(revoked).date(),
        )
