"""The whole contract on a dataset in its stored types (`validate`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.dataset.conform import is_calendar_day
from scoring.dataset.errors import DatasetError, refuse_first, refuse_missing, shown, table_label
from scoring.dataset.schema import (
    DATE,
    EVENTS,
    ISO_DAY,
    LIST_EVENTS,
    MANIFEST,
    MAX_QUANTITY,
    RECORD_STATUSES,
    SCHEMAS,
    TABLE_FILES,
    Dataset,
    categories,
)


def validate(dataset: Dataset) -> None:
    """Hold a dataset to the contract: the manifest, each table's types and values, and the
    relations between tables. Raises DatasetError on the first problem; vectorised, so it costs
    well under the engine's compile at any size."""
    as_of = check_manifest(dataset.manifest)
    allowed = categories(dataset.catalogues)
    for table in TABLE_FILES:
        frame = getattr(dataset, table)
        if frame is not None:
            _check_stored_types(table, frame, allowed)
            _check_dates(table, frame, as_of)
    _check_sizes(dataset)
    people, records, events = dataset.people, dataset.records, dataset.events
    n = len(people)
    _check_person_ids("people", people, n)
    if dataset.truth is not None:
        _check_person_ids("truth", dataset.truth, n)
        _check_truth(dataset.truth)
    _check_quantities(records)
    record_person = records["person_id"].to_numpy()
    refuse_first(
        "records", "person_id", (record_person < 0) | (record_person >= n), record_person, f"a person id 0 … {n - 1}"
    )
    _check_events(records, events, _record_positions(records, events))


def check_manifest(manifest: object) -> np.datetime64:
    """The manifest's own rules; returns its data_as_of day."""
    if not isinstance(manifest, dict):
        raise DatasetError(f"{MANIFEST}: expected a JSON object, found {type(manifest).__name__}")
    as_of = _manifest_day(manifest, "data_as_of")
    if as_of is None:
        raise DatasetError(f"{MANIFEST}: no data_as_of; expected the extraction date as YYYY-MM-DD text")
    start = _manifest_day(manifest, "history_start")
    if start is not None and start > as_of:
        raise DatasetError(f"{MANIFEST} history_start: {start}; expected a date not after data_as_of {as_of}")
    if "synthetic" in manifest and not isinstance(manifest["synthetic"], bool):
        raise DatasetError(f"{MANIFEST} synthetic: {shown(manifest['synthetic'])}; expected true or false")
    return as_of


def _manifest_day(manifest: dict, key: str) -> np.datetime64 | None:
    if key not in manifest:
        return None
    value = manifest[key]
    if not (isinstance(value, str) and ISO_DAY.fullmatch(value) and is_calendar_day(value)):
        raise DatasetError(f"{MANIFEST} {key}: {shown(value)}; expected a date as YYYY-MM-DD text")
    return np.datetime64(value, "D")


def _check_stored_types(table: str, frame: pd.DataFrame, allowed: dict[str, tuple[str, ...]]) -> None:
    """Exactly the stored types (a frame that did not go through `conform` may not)."""
    for column, dtype in SCHEMAS[table].items():
        if column not in frame.columns:
            raise DatasetError(f"{table_label(table)}: missing column {column}")
        values = frame[column]
        if dtype == "category":
            ok = isinstance(values.dtype, pd.CategoricalDtype) and tuple(values.cat.categories) == allowed[column]
            expected = f"category over the catalogue's {column} ids"
        else:
            ok, expected = values.dtype == np.dtype(dtype), dtype
        if not ok:
            raise DatasetError(
                f"{table_label(table)}.{column}: stored as {values.dtype}; expected {expected} (see conform)"
            )
        refuse_missing(table, column, values)


def _check_dates(table: str, frame: pd.DataFrame, as_of: np.datetime64) -> None:
    """Nothing can have happened after the data was extracted."""
    for column, dtype in SCHEMAS[table].items():
        if dtype == DATE:
            days = frame[column].to_numpy()
            refuse_first(table, column, days > as_of, days, f"a date not after data_as_of {as_of}")


def _check_sizes(dataset: Dataset) -> None:
    """Sizes the manifest states (under "sizes", and the generator's top-level counts) match."""
    manifest = dataset.manifest
    sizes = manifest.get("sizes", {})
    if not isinstance(sizes, dict):
        raise DatasetError(f"{MANIFEST} sizes: {shown(sizes)}; expected an object of table sizes")
    stated = [(f"sizes.{table}", table, size) for table, size in sizes.items()]
    stated += [(table, table, manifest[table]) for table in ("people", "records", "events") if table in manifest]
    for key, table, size in stated:
        if table not in TABLE_FILES:
            raise DatasetError(f"{MANIFEST} {key}: not a table; expected one of {', '.join(TABLE_FILES)}")
        if not isinstance(size, int) or isinstance(size, bool):
            raise DatasetError(f"{MANIFEST} {key}: {shown(size)}; expected a whole number of rows")
        frame = getattr(dataset, table)
        actual = "no table" if frame is None else f"{len(frame):,} rows"
        if frame is None or len(frame) != size:
            raise DatasetError(f"{MANIFEST} {key}: {size:,}; expected the {table_label(table)} table's size ({actual})")


def _check_person_ids(table: str, frame: pd.DataFrame, n_people: int) -> None:
    """Row i is person i: ids are array indices in the engine."""
    ids = frame["person_id"].to_numpy()
    expected = np.arange(len(ids), dtype=ids.dtype)
    refuse_first(table, "person_id", ids != expected, ids, "person ids 0, 1, 2 … in row order (row i is person i)")
    if len(ids) != n_people:
        raise DatasetError(f"{table_label(table)}: {len(ids):,} rows; expected one per person ({n_people:,})")


def _check_quantities(records: pd.DataFrame) -> None:
    quantity = records["quantity"].to_numpy()
    with np.errstate(invalid="ignore"):
        bad = ~((quantity >= 0) & (quantity <= MAX_QUANTITY))  # also NaN and ±inf
    refuse_first("records", "quantity", bad, quantity, f"a finite number from 0 to {MAX_QUANTITY:,.0f}")


def _check_truth(truth: pd.DataFrame) -> None:
    propensity = truth["propensity"].to_numpy()
    refuse_first("truth", "propensity", ~np.isfinite(propensity), propensity, "a finite number")
    for column in ("negative_next_year", "positive_next_year"):
        counts = truth[column].to_numpy()
        refuse_first("truth", column, counts < 0, counts, "a count of 0 or more")


def _record_positions(records: pd.DataFrame, events: pd.DataFrame) -> np.ndarray:
    """Each event's row in the records table; record ids must be unique and every event's exist."""
    ids = records["record_id"].to_numpy()
    if np.all(ids[1:] > ids[:-1]):  # the usual case, and the generator's: already sorted
        order = None
        sorted_ids = ids
    else:
        duplicated = records["record_id"].duplicated().to_numpy()
        refuse_first("records", "record_id", duplicated, ids, "a record id not used by an earlier row")
        order = np.argsort(ids, kind="stable")
        sorted_ids = ids[order]
    wanted = events["record_id"].to_numpy()
    found = np.searchsorted(sorted_ids, wanted).clip(max=max(len(ids) - 1, 0))
    exists = sorted_ids[found] == wanted if len(ids) else np.zeros(len(wanted), dtype=bool)
    refuse_first("events", "record_id", ~exists, wanted, "the id of a record in the records table")
    return found if order is None else order[found]


def _check_events(records: pd.DataFrame, events: pd.DataFrame, position: np.ndarray) -> None:
    """An event belongs to its record: same person, not before it, lists only where they mean
    something, a revoked record has exactly one revocation, and every resolution answers a
    dispute."""
    person = events["person_id"].to_numpy()
    owner = records["person_id"].to_numpy()[position]
    refuse_first("events", "person_id", person != owner, person, "the person_id of the event's record")
    day = events["date"].to_numpy()
    occurred = records["occurred_on"].to_numpy()[position]
    refuse_first("events", "date", day < occurred, day, "a date not before the record's occurred_on")
    event = events["event"].cat.codes.to_numpy()
    carries_list = np.isin(event, [EVENTS.index(e) for e in LIST_EVENTS])
    has_list = events["list"].cat.codes.to_numpy() >= 0
    lists = events["list"]
    refuse_first("events", "list", carries_list & ~has_list, lists, "red or black for a listed/delisted event")
    refuse_first("events", "list", ~carries_list & has_list, lists, "no list for this kind of event")
    revocation = event == EVENTS.index("revoked")
    revoked = (records["status"].cat.codes == RECORD_STATUSES.index("revoked")).to_numpy()
    expected = "no revoked event on a record whose status is valid"
    refuse_first("events", "event", revocation & ~revoked[position], events["event"], expected)
    revocations = np.bincount(position[revocation], minlength=len(records))
    bad = revoked & (revocations != 1)
    if bad.any():
        row = int(np.argmax(bad))
        raise DatasetError(
            f"records.status row {row}: revoked, with {revocations[row]} revoked events in record_events; "
            "expected exactly one"
        )
    _check_resolutions(events, event)


def _check_resolutions(events: pd.DataFrame, event: np.ndarray) -> None:
    """Every `resolved` event answers an open `disputed` event of its record, raised on or before
    its day: the engine suspends a record while more disputes than resolutions are dated up to
    a day, which a resolution of nothing would turn into a negative count. Events of one day
    carry no order, so a day's disputes are taken before its resolutions."""
    step = np.where(event == EVENTS.index("disputed"), 1, 0) - np.where(event == EVENTS.index("resolved"), 1, 0)
    rows = np.flatnonzero(step)
    if not len(rows):
        return
    record = events["record_id"].to_numpy()[rows]
    day = events["date"].to_numpy()[rows]
    order = np.lexsort((-step[rows], day, record))  # by record, day, disputes first
    steps = pd.Series(step[rows][order])
    open_after = steps.groupby(record[order]).cumsum().to_numpy()
    bad = np.zeros(len(events), dtype=bool)
    bad[rows[order][open_after < 0]] = True
    expected = "a resolved event answering an open disputed event of its record (dated on or before it)"
    refuse_first("events", "event", bad, events["event"], expected)
