"""The dataset contract shared by the synthetic generator, uploads and the engine.

A dataset is four tables and a manifest. Categorical columns carry the catalogue ids *in
catalogue order* as their categories, so a column's integer codes are catalogue positions and
the engine can use them as array indices without a lookup.

Checked, not cast: a column is accepted only if its values are already of the right kind (whole
numbers for ids, true/false for consent, dates for dates, text for categories), and a value that
would change on conversion (an id beyond 32 bits would wrap to another person) is refused. Every
problem is one DatasetError line naming the table, the column, the first offending row (counted
from 0 within the table) and what was expected. `validate()` is the whole contract; `read()` and
`compile_dataset()` both call it, so a dataset built in memory is held to the same rules as a file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

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
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class DatasetError(ValueError):
    """A dataset breaks the contract; the message names the table, the column and the problem."""


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


# --- refusing, in one line -------------------------------------------------------------------


def _label(table: str) -> str:
    """The name a user knows the table by: its file's stem (record_events, not events)."""
    return TABLE_FILES[table].removesuffix(".parquet")


def _shown(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return "missing"
    if isinstance(value, np.datetime64):
        return "missing" if np.isnat(value) else str(value.astype("datetime64[D]"))
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return "missing"
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _refuse(table: str, column: str, row: int, value: object, expected: str) -> NoReturn:
    raise DatasetError(f"{_label(table)}.{column} row {row}: {_shown(value)}; expected {expected}")


def _refuse_first(table: str, column: str, bad: np.ndarray, values: pd.Series | np.ndarray, expected: str) -> None:
    """Refuse the first row flagged in `bad`, if any (vectorised: one pass, no Python loop)."""
    if bad.any():
        row = int(np.argmax(bad))
        _refuse(table, column, row, values.iloc[row] if isinstance(values, pd.Series) else values[row], expected)


def _refuse_missing(table: str, column: str, values: pd.Series) -> None:
    if (table, column) not in NULLABLE:
        _refuse_first(table, column, values.isna().to_numpy(), values, "a value")


# --- conform: the right kind of value, converted without change --------------------------------

_KINDS = {"int32": "int", "int64": "int", "float64": "float", "bool": "bool", DATE: "date", "category": "text"}
_EXPECTED = {
    "int": "a whole number stored as an integer",
    "float": "a number",
    "bool": "true or false stored as a boolean",
    "date": "a date stored as a date or timestamp",
    "text": "text",
}
# pandas.api.types.infer_dtype answers accepted for each kind; "empty" is a column without values.
_INFERRED = {
    "int": {"integer", "empty"},
    "float": {"integer", "floating", "mixed-integer-float", "decimal", "empty"},
    "bool": {"boolean", "empty"},
    "date": {"datetime64", "datetime", "date", "empty"},
    "text": {"string", "categorical", "empty"},
}
# The same test for one value, to find the first offending row of a mixed column.
_IS_KIND: dict[str, Callable[[object], bool]] = {
    "int": lambda v: isinstance(v, int | np.integer) and not isinstance(v, bool | np.bool_),
    "float": lambda v: isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool | np.bool_),
    "bool": lambda v: isinstance(v, bool | np.bool_),
    "date": lambda v: isinstance(v, dt.date | np.datetime64),
    "text": lambda v: isinstance(v, str),
}


def conform(
    table: str, frame: pd.DataFrame, catalogues: Catalogues | None = None, *, iso_text_dates: bool = True
) -> pd.DataFrame:
    """A frame in its table's stored types, or DatasetError naming the first value that is not.

    Values are checked, not cast: text is never read as true/false, numbers never as dates, and
    an integer that does not fit its column's width is refused rather than wrapped. Unknown
    category values (a record type not in the catalogue) are errors, not dropped rows.
    `iso_text_dates` lets frames written by hand give dates as "YYYY-MM-DD" text; files must
    store dates as dates, so `read()` turns it off.
    """
    catalogues = catalogues or load_catalogues()
    allowed = categories(catalogues)
    schema = SCHEMAS[table]
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise DatasetError(f"{_label(table)}: missing column(s) {', '.join(missing)}")
    out = {}
    for column, dtype in schema.items():
        values = frame[column].reset_index(drop=True)
        kind = _KINDS[dtype]
        _refuse_missing(table, column, values)
        if not values.notna().any():  # no values (an empty table, or a list column without lists)
            out[column] = _without_values(dtype, allowed.get(column, ()), len(values))
            continue
        if kind == "date" and iso_text_dates and pd.api.types.infer_dtype(values, skipna=True) == "string":
            out[column] = _iso_text_dates(table, column, values)
            continue
        _require_kind(table, column, values, kind)
        if kind == "text":
            out[column] = _as_category(table, column, values, allowed[column])
        elif kind == "date":
            out[column] = _as_dates(table, column, values)
        elif kind == "int":
            out[column] = _as_integers(table, column, values, np.dtype(dtype))
        else:
            out[column] = pd.Series(values.to_numpy(dtype=dtype), name=column)
    return pd.DataFrame(out)


def _without_values(dtype: str, allowed: tuple[str, ...], n: int) -> pd.Series:
    """A column of n missing values (n is 0 unless the column is nullable) in its stored type."""
    if dtype == "category":
        return pd.Series(pd.Categorical.from_codes(np.full(n, -1), categories=list(allowed)))
    return pd.Series(np.full(n, np.datetime64("NaT"), DATE) if dtype == DATE else np.empty(0, dtype))


def _require_kind(table: str, column: str, values: pd.Series, kind: str) -> None:
    aware = isinstance(values.dtype, pd.DatetimeTZDtype)  # which calendar day is ambiguous
    if pd.api.types.infer_dtype(values, skipna=True) in _INFERRED[kind] and not aware:
        return
    offending = values.notna().to_numpy()
    if values.dtype == object:  # mixed Python values: the first one of the wrong kind
        offending = offending & ~values.map(_IS_KIND[kind], na_action="ignore").fillna(False).astype(bool).to_numpy()
    row = int(np.argmax(offending))
    _refuse(table, column, row, values[row], f"{_EXPECTED[kind]}, not {_stored_as(values)}")


def _stored_as(values: pd.Series) -> str:
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return "a timestamp with a time zone"
    inferred = pd.api.types.infer_dtype(values, skipna=True)
    return {"string": "text", "floating": "a decimal number", "integer": "a number", "boolean": "true/false"}.get(
        inferred, str(values.dtype) if values.dtype != object else inferred
    )


def _as_integers(table: str, column: str, values: pd.Series, dtype: np.dtype) -> pd.Series:
    info = np.iinfo(dtype)
    array = values.to_numpy()
    if array.dtype == object:
        too_big = values.map(lambda v: not info.min <= v <= info.max).to_numpy(dtype=bool)
    else:
        too_big = (array < info.min) | (array > info.max)
    _refuse_first(table, column, too_big, array, f"a whole number from {info.min:,} to {info.max:,} ({dtype})")
    return pd.Series(array.astype(dtype), name=column)


def _as_dates(table: str, column: str, values: pd.Series) -> pd.Series:
    """Calendar days (a time of day is dropped), as second timestamps."""
    days = values.to_numpy(dtype="datetime64[D]") if values.dtype == object else values.to_numpy()
    return pd.Series(days.astype("datetime64[D]").astype(DATE), name=column)


def _iso_text_dates(table: str, column: str, values: pd.Series) -> pd.Series:
    text = values.astype(object).where(values.notna(), None).to_numpy()
    for row, value in enumerate(text):
        if value is not None and not (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
            _refuse(table, column, row, value, "a date as YYYY-MM-DD text")
    try:
        days = np.array(text, dtype="datetime64[D]")
    except ValueError:
        row = next(i for i, v in enumerate(text) if isinstance(v, str) and not _is_calendar_day(v))
        _refuse(table, column, row, text[row], "a calendar date")
    return pd.Series(days.astype(DATE), name=column)


def _is_calendar_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _as_category(table: str, column: str, values: pd.Series, allowed: tuple[str, ...]) -> pd.Series:
    """Recode to the catalogue's categories (vectorised: a Parquet dictionary column is recoded
    through its few categories, not row by row)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        _require_kind(table, column, pd.Series(values.cat.categories), "text")
        present = list(values.cat.categories)
    else:
        present = list(pd.unique(values.dropna()))
    unknown = set(present) - set(allowed)
    if unknown:
        shown = ", ".join(sorted(allowed)[:8]) + (" …" if len(allowed) > 8 else "")
        bad = values.isin(list(unknown)).to_numpy()
        _refuse_first(table, column, bad, values, f"one of {shown}")
    return pd.Series(pd.Categorical(values, categories=list(allowed)), name=column)


# --- validate: the whole contract on a dataset in its stored types ---------------------------


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
    _refuse_first(
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
        raise DatasetError(f"{MANIFEST} synthetic: {_shown(manifest['synthetic'])}; expected true or false")
    return as_of


def _manifest_day(manifest: dict, key: str) -> np.datetime64 | None:
    if key not in manifest:
        return None
    value = manifest[key]
    if not (isinstance(value, str) and _ISO_DAY.fullmatch(value) and _is_calendar_day(value)):
        raise DatasetError(f"{MANIFEST} {key}: {_shown(value)}; expected a date as YYYY-MM-DD text")
    return np.datetime64(value, "D")


def _check_stored_types(table: str, frame: pd.DataFrame, allowed: dict[str, tuple[str, ...]]) -> None:
    """Exactly the stored types (a frame that did not go through `conform` may not)."""
    for column, dtype in SCHEMAS[table].items():
        if column not in frame.columns:
            raise DatasetError(f"{_label(table)}: missing column {column}")
        values = frame[column]
        if dtype == "category":
            ok = isinstance(values.dtype, pd.CategoricalDtype) and tuple(values.cat.categories) == allowed[column]
            expected = f"category over the catalogue's {column} ids"
        else:
            ok, expected = values.dtype == np.dtype(dtype), dtype
        if not ok:
            raise DatasetError(f"{_label(table)}.{column}: stored as {values.dtype}; expected {expected} (see conform)")
        _refuse_missing(table, column, values)


def _check_dates(table: str, frame: pd.DataFrame, as_of: np.datetime64) -> None:
    """Nothing can have happened after the data was extracted."""
    for column, dtype in SCHEMAS[table].items():
        if dtype == DATE:
            days = frame[column].to_numpy()
            _refuse_first(table, column, days > as_of, days, f"a date not after data_as_of {as_of}")


def _check_sizes(dataset: Dataset) -> None:
    """Sizes the manifest states (under "sizes", and the generator's top-level counts) match."""
    manifest = dataset.manifest
    sizes = manifest.get("sizes", {})
    if not isinstance(sizes, dict):
        raise DatasetError(f"{MANIFEST} sizes: {_shown(sizes)}; expected an object of table sizes")
    stated = [(f"sizes.{table}", table, size) for table, size in sizes.items()]
    stated += [(table, table, manifest[table]) for table in ("people", "records", "events") if table in manifest]
    for key, table, size in stated:
        if table not in TABLE_FILES:
            raise DatasetError(f"{MANIFEST} {key}: not a table; expected one of {', '.join(TABLE_FILES)}")
        if not isinstance(size, int) or isinstance(size, bool):
            raise DatasetError(f"{MANIFEST} {key}: {_shown(size)}; expected a whole number of rows")
        frame = getattr(dataset, table)
        actual = "no table" if frame is None else f"{len(frame):,} rows"
        if frame is None or len(frame) != size:
            raise DatasetError(f"{MANIFEST} {key}: {size:,}; expected the {_label(table)} table's size ({actual})")


def _check_person_ids(table: str, frame: pd.DataFrame, n_people: int) -> None:
    """Row i is person i: ids are array indices in the engine."""
    ids = frame["person_id"].to_numpy()
    expected = np.arange(len(ids), dtype=ids.dtype)
    _refuse_first(table, "person_id", ids != expected, ids, "person ids 0, 1, 2 … in row order (row i is person i)")
    if len(ids) != n_people:
        raise DatasetError(f"{_label(table)}: {len(ids):,} rows; expected one per person ({n_people:,})")


def _check_quantities(records: pd.DataFrame) -> None:
    quantity = records["quantity"].to_numpy()
    with np.errstate(invalid="ignore"):
        bad = ~((quantity >= 0) & (quantity <= MAX_QUANTITY))  # also NaN and ±inf
    _refuse_first("records", "quantity", bad, quantity, f"a finite number from 0 to {MAX_QUANTITY:,.0f}")


def _check_truth(truth: pd.DataFrame) -> None:
    propensity = truth["propensity"].to_numpy()
    _refuse_first("truth", "propensity", ~np.isfinite(propensity), propensity, "a finite number")
    for column in ("negative_next_year", "positive_next_year"):
        counts = truth[column].to_numpy()
        _refuse_first("truth", column, counts < 0, counts, "a count of 0 or more")


def _record_positions(records: pd.DataFrame, events: pd.DataFrame) -> np.ndarray:
    """Each event's row in the records table; record ids must be unique and every event's exist."""
    ids = records["record_id"].to_numpy()
    if np.all(ids[1:] > ids[:-1]):  # the usual case, and the generator's: already sorted
        order = None
        sorted_ids = ids
    else:
        duplicated = records["record_id"].duplicated().to_numpy()
        _refuse_first("records", "record_id", duplicated, ids, "a record id not used by an earlier row")
        order = np.argsort(ids, kind="stable")
        sorted_ids = ids[order]
    wanted = events["record_id"].to_numpy()
    found = np.searchsorted(sorted_ids, wanted).clip(max=max(len(ids) - 1, 0))
    exists = sorted_ids[found] == wanted if len(ids) else np.zeros(len(wanted), dtype=bool)
    _refuse_first("events", "record_id", ~exists, wanted, "the id of a record in the records table")
    return found if order is None else order[found]


def _check_events(records: pd.DataFrame, events: pd.DataFrame, position: np.ndarray) -> None:
    """An event belongs to its record: same person, not before it, lists only where they mean
    something, and a revoked record has exactly one revocation."""
    person = events["person_id"].to_numpy()
    owner = records["person_id"].to_numpy()[position]
    _refuse_first("events", "person_id", person != owner, person, "the person_id of the event's record")
    day = events["date"].to_numpy()
    occurred = records["occurred_on"].to_numpy()[position]
    _refuse_first("events", "date", day < occurred, day, "a date not before the record's occurred_on")
    event = events["event"].cat.codes.to_numpy()
    carries_list = np.isin(event, [EVENTS.index(e) for e in LIST_EVENTS])
    has_list = events["list"].cat.codes.to_numpy() >= 0
    lists = events["list"]
    _refuse_first("events", "list", carries_list & ~has_list, lists, "red or black for a listed/delisted event")
    _refuse_first("events", "list", ~carries_list & has_list, lists, "no list for this kind of event")
    revocation = event == EVENTS.index("revoked")
    revoked = (records["status"].cat.codes == RECORD_STATUSES.index("revoked")).to_numpy()
    expected = "no revoked event on a record whose status is valid"
    _refuse_first("events", "event", revocation & ~revoked[position], events["event"], expected)
    revocations = np.bincount(position[revocation], minlength=len(records))
    bad = revoked & (revocations != 1)
    if bad.any():
        row = int(np.argmax(bad))
        raise DatasetError(
            f"records.status row {row}: revoked, with {revocations[row]} revoked events in record_events; "
            "expected exactly one"
        )


# --- files ------------------------------------------------------------------------------------

OWNED_FILES = frozenset({MANIFEST, *TABLE_FILES.values()})


def check_replaceable(out_dir: Path) -> None:
    """Refuse a folder `write` may not replace: one holding anything but dataset files (sub-folders
    included), or something that is not a folder. A missing or empty folder is fine."""
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise DatasetError(f"{out_dir}: exists and is not a folder; refusing to replace it")
    if not out_dir.exists():
        return
    foreign = sorted(
        entry.name + ("/" if entry.is_dir() else "")
        for entry in out_dir.iterdir()
        if entry.name not in OWNED_FILES or entry.is_symlink() or not entry.is_file()
    )
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise DatasetError(f"{out_dir}: holds {shown}, not only dataset files; refusing to replace it")


def write(dataset: Dataset, out_dir: str | Path) -> Path:
    """Write all tables and the manifest so that `out_dir` is only ever the old dataset or the new.

    The new dataset is written into a staging folder next to `out_dir`, then swapped in by two
    renames; an earlier dataset there is removed file by file, so nothing but dataset files can
    be deleted. A folder holding anything else is refused (DatasetError), and no staging or
    set-aside folder outlives the call, whatever fails.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        for name, filename in TABLE_FILES.items():
            frame = getattr(dataset, name)
            if frame is not None:
                pq.write_table(pa.Table.from_pandas(_to_dates(frame), preserve_index=False), staging / filename)
        (staging / MANIFEST).write_text(json.dumps(dataset.manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        _swap_in(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already unless something failed
    return out_dir


def _swap_in(staging: Path, out_dir: Path) -> None:
    check_replaceable(out_dir)
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    aside.rmdir()  # a fresh unique name for the rename
    out_dir.rename(aside)
    try:
        staging.rename(out_dir)
    except BaseException:
        aside.rename(out_dir)
        raise
    for name in OWNED_FILES:
        (aside / name).unlink(missing_ok=True)
    aside.rmdir()


def _to_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Parquet stores calendar dates as date32, not timestamps."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == DATE:
            out[column] = pd.array(out[column].to_numpy().astype("datetime64[D]"), dtype=pd.ArrowDtype(pa.date32()))
    return out


def _dates_as_timestamps(table: pa.Table) -> pa.Table:
    """date32 columns as second timestamps, so pandas gets datetime64 without Python objects."""
    for i, column in enumerate(table.schema):
        if pa.types.is_date(column.type):
            table = table.set_column(i, column.name, table.column(i).cast(pa.timestamp("s")))
    return table


def read(data_dir: str | Path) -> Dataset:
    """Load and check a dataset directory (synthetic or a pilot export in the same shape)."""
    data_dir = Path(data_dir)
    manifest_path = data_dir / MANIFEST
    if not manifest_path.is_file():
        raise DatasetError(f"{data_dir}: no {MANIFEST}")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{manifest_path}: not valid JSON ({exc})") from None
    check_manifest(manifest)  # before reading tables: a bad manifest fails fast
    catalogues = load_catalogues()
    tables = {}
    for name, filename in TABLE_FILES.items():
        path = data_dir / filename
        if not path.is_file():
            if name == "truth":
                tables[name] = None
                continue
            raise DatasetError(f"{data_dir}: missing {filename}")
        try:  # integer_object_nulls: a missing id is reported as missing, not as a float column
            arrow = _dates_as_timestamps(pq.read_table(path))
            frame = arrow.to_pandas(ignore_metadata=True, integer_object_nulls=True)
        except (pa.ArrowException, OSError) as exc:
            raise DatasetError(f"{path}: not a readable Parquet file ({exc})") from None
        tables[name] = conform(name, frame, catalogues, iso_text_dates=False)
    dataset = Dataset(manifest=manifest, catalogues=catalogues, **tables)
    validate(dataset)
    return dataset
