"""Every record of one person on the as-of date: when it was decided, by which department, its
status (valid, revoked, under objection), its case (the decision it comes from), the rule that
reads it and the day it leaves that rule's window.

A record type is read by at most one rule (the rulebook refuses a type scored twice), so each
record has one window and one leaving day; a record whose rule has no window never leaves it.
Listings (a record put on a red or black list) are listed separately: list rules read the
listing, not the record, and a listing ends by its own events (as the engine reads them), not by
a window.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from scoring.calendar import add_months
from scoring.dataset import LIST_KINDS, Dataset
from scoring.engine import Compiled
from scoring.rulebook import Rulebook

RECORD_STATUSES = ("valid", "revoked", "under_objection")
RECORD_COLUMNS = (
    "record_id", "record_type", "occurred_on", "department", "case_id", "quantity", "status", "rule",
    "leaves_window", "in_window",
)  # fmt: skip
LISTING_COLUMNS = ("record_id", "record_type", "list", "listed_on")


def person_records(dataset: Dataset, rulebook: Rulebook, person_id: int, as_of: dt.date) -> pd.DataFrame:
    """One row per record decided on or before `as_of`, newest first (RECORD_COLUMNS).

    Revoked: a `revoked` event on or before the as-of date (a later one is not known yet).
    Under objection: more disputes than resolutions on or before the as-of date (the engine
    suspends such a record). `in_window`: the as-of date is before the leaving day."""
    day = np.datetime64(as_of, "s")
    records = dataset.records[dataset.records["person_id"].to_numpy() == person_id]
    records = records[records["occurred_on"].to_numpy() <= day]
    events = _events_of(dataset, person_id, as_of)
    counts = events.groupby(["record_id", "event"], observed=True).size().unstack(fill_value=0)
    count = {e: counts[e] if e in counts else pd.Series(dtype=np.int64) for e in ("revoked", "disputed", "resolved")}
    ids = records["record_id"]
    revoked = ids.map(count["revoked"]).fillna(0).to_numpy() > 0
    disputed = ids.map(count["disputed"]).fillna(0).to_numpy() > ids.map(count["resolved"]).fillna(0).to_numpy()
    status = np.select([revoked, disputed], ["revoked", "under_objection"], "valid")
    rule_of_type = {t: rule for rule in rulebook.rules for t in rule.matches}
    rules = [rule_of_type.get(t) for t in records["record_type"]]
    window = np.array([r.window_months if r and r.window_months is not None else -1 for r in rules], dtype=np.int64)
    leaves = add_months(records["occurred_on"].to_numpy().astype("datetime64[D]"), np.maximum(window, 0))
    leaves = np.where(window >= 0, leaves, np.datetime64("NaT")).astype("datetime64[s]")
    table = pd.DataFrame(
        {
            "record_id": ids.to_numpy(),
            "record_type": records["record_type"].astype(str).to_numpy(),
            "occurred_on": records["occurred_on"].to_numpy(),
            "department": records["department"].astype(str).to_numpy(),
            "case_id": records["case_id"].to_numpy(),
            "quantity": records["quantity"].to_numpy(),
            "status": pd.Categorical(status, categories=RECORD_STATUSES),
            "rule": [r.id if r else None for r in rules],
            "leaves_window": leaves,
            "in_window": np.isnat(leaves) | (leaves > day),
        },
        columns=list(RECORD_COLUMNS),
    )
    return table.sort_values(["occurred_on", "record_id"], ascending=False, ignore_index=True)


def active_listings(compiled: Compiled, dataset: Dataset, person_id: int) -> pd.DataFrame:
    """The person's listings standing on the view's as-of date (LISTING_COLUMNS): the engine's
    own listing intervals, each linked to the record whose `listed` event began it."""
    matrix = compiled.matrix
    mine = np.flatnonzero((matrix.listing_person == person_id) & compiled.listing_active)
    events = _events_of(dataset, person_id, compiled.as_of.astype(dt.date))
    listed = events[events["event"] == "listed"]
    records = dataset.records[dataset.records["person_id"].to_numpy() == person_id]
    type_of = dict(zip(records["record_id"], records["record_type"].astype(str), strict=True))
    rows = []
    for listing in mine:
        kind, start = LIST_KINDS[matrix.listing_kind[listing]], matrix.listing_start[listing]
        began = listed[(listed["list"] == kind) & (listed["date"].to_numpy().astype("datetime64[D]") == start)]
        record = int(began["record_id"].iloc[0]) if len(began) else -1
        rows.append((record, type_of.get(record), kind, start))
    table = pd.DataFrame(rows, columns=list(LISTING_COLUMNS))
    table["list"] = pd.Categorical(table["list"], categories=LIST_KINDS)
    return table.astype({"listed_on": "datetime64[s]"}).sort_values("listed_on", ignore_index=True)


def _events_of(dataset: Dataset, person_id: int, as_of: dt.date) -> pd.DataFrame:
    events = dataset.events[dataset.events["person_id"].to_numpy() == person_id]
    return events[events["date"].to_numpy() <= np.datetime64(as_of, "s")]
