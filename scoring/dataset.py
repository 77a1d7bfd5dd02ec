"""The dataset contract shared by the synthetic generator, uploads and the engine.

A dataset is four tables and a manifest. Categorical columns carry the catalogue ids *in
catalogue order* as their categories, so a column's integer codes are catalogue positions and
the engine can use them as array indices without a lookup.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from scoring.catalogues import Catalogues, load_catalogues

GENDERS = ("F", "M")
HUKOU = ("local", "non_local")
RECORD_STATUSES = ("valid", "revoked")
EVENTS = ("listed", "delisted", "disputed", "resolved", "committed", "trained", "repaired", "expired", "revoked")
LIST_KINDS = ("red", "black")
DATE = "datetime64[s]"
MAX_SEED = 2**32 - 1  # a synthetic dataset's seed (in its manifest, widgets and share links)

TABLE_FILES = {
    "people": "people.parquet",
    "records": "records.parquet",
    "events": "record_events.parquet",
    "truth": "truth.parquet",
}


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

    @property
    def data_as_of(self) -> np.datetime64:
        return np.datetime64(self.manifest["data_as_of"], "D")

    @property
    def is_synthetic(self) -> bool:
        return bool(self.manifest.get("synthetic", False))


def conform(table: str, frame: pd.DataFrame, catalogues: Catalogues | None = None) -> pd.DataFrame:
    """Cast a frame to its table's schema, raising DatasetError on the first problem.

    Unknown category values (a record type that is not in the catalogue, say) are errors, not
    silently dropped rows.
    """
    catalogues = catalogues or load_catalogues()
    allowed = categories(catalogues)
    schema = SCHEMAS[table]
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise DatasetError(f"{table}: missing column(s) {', '.join(missing)}")
    out = {}
    for column, dtype in schema.items():
        values = frame[column]
        nullable = (table, column) in NULLABLE
        if dtype == "category":
            values = _as_category(table, column, values, allowed[column], nullable)
        elif dtype == DATE:
            try:
                if not pd.api.types.is_datetime64_any_dtype(values):
                    values = pd.to_datetime(values, errors="raise")
                values = values.astype(DATE)
            except (ValueError, TypeError) as exc:
                raise DatasetError(f"{table}.{column}: not a date ({exc})") from None
            if not nullable and values.isna().any():
                raise DatasetError(f"{table}.{column}: {int(values.isna().sum())} missing date(s)")
        else:
            if values.isna().any():
                raise DatasetError(f"{table}.{column}: {int(values.isna().sum())} missing value(s)")
            try:
                values = values.astype(dtype)
            except (ValueError, TypeError) as exc:
                raise DatasetError(f"{table}.{column}: expected {dtype} ({exc})") from None
        out[column] = values.reset_index(drop=True)
    return pd.DataFrame(out)


def _as_category(table: str, column: str, values: pd.Series, allowed: tuple[str, ...], nullable: bool) -> pd.Series:
    """Recode to the catalogue's categories (vectorised: a Parquet dictionary column is recoded
    through its few categories, not row by row)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        present = [str(c) for c in values.cat.categories]
        values = values.cat.rename_categories(present)
    else:
        present = [str(v) for v in pd.unique(values.dropna())]
    unknown = sorted(set(present) - set(allowed))
    if unknown:
        shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise DatasetError(f"{table}.{column}: unknown value(s) {shown}")
    result = pd.Series(pd.Categorical(values, categories=list(allowed)), index=values.index)
    missing = int(result.isna().sum())
    if missing and not nullable:
        raise DatasetError(f"{table}.{column}: {missing} missing value(s)")
    return result


def validate(dataset: Dataset) -> None:
    """Check the relations between the tables; the tables themselves are conformed on load."""
    people, records, events = dataset.people, dataset.records, dataset.events
    n = len(people)
    if not np.array_equal(people["person_id"].to_numpy(), np.arange(n, dtype=np.int32)):
        raise DatasetError("people.person_id: must be 0 … N-1 in order")
    for table, frame in (("records", records), ("events", events)):
        ids = frame["person_id"].to_numpy()
        if len(ids) and (ids.min() < 0 or ids.max() >= n):
            raise DatasetError(f"{table}.person_id: refers to people that do not exist")
    if records["record_id"].duplicated().any():
        raise DatasetError("records.record_id: duplicate ids")
    as_of = dataset.data_as_of
    late = records["occurred_on"].to_numpy().astype("datetime64[D]") > as_of
    if late.any():
        raise DatasetError(f"records.occurred_on: {int(late.sum())} record(s) after data_as_of {as_of}")
    if len(events) and not events["record_id"].isin(records["record_id"]).all():
        raise DatasetError("record_events.record_id: refers to records that do not exist")


def write(dataset: Dataset, out_dir: str | Path) -> Path:
    """Write all tables and the manifest atomically: a half-written dataset never appears."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, filename in TABLE_FILES.items():
            frame = getattr(dataset, name)
            if frame is not None:
                pq.write_table(pa.Table.from_pandas(_to_dates(frame), preserve_index=False), staging / filename)
        (staging / "manifest.json").write_text(
            json.dumps(dataset.manifest, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        if out_dir.exists():
            shutil.rmtree(out_dir)
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


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
    manifest_path = data_dir / "manifest.json"
    if not manifest_path.is_file():
        raise DatasetError(f"{data_dir}: no manifest.json")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{manifest_path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if "data_as_of" not in manifest:
        raise DatasetError(f"{manifest_path}: no data_as_of")
    catalogues = load_catalogues()
    tables = {}
    for name, filename in TABLE_FILES.items():
        path = data_dir / filename
        if not path.is_file():
            if name == "truth":
                tables[name] = None
                continue
            raise DatasetError(f"{data_dir}: missing {filename}")
        try:
            frame = _dates_as_timestamps(pq.read_table(path)).to_pandas(ignore_metadata=True)
        except (pa.ArrowInvalid, OSError) as exc:
            raise DatasetError(f"{path}: not a readable Parquet file ({exc})") from None
        tables[name] = conform(name, frame, catalogues)
    dataset = Dataset(manifest=manifest, catalogues=catalogues, **tables)
    validate(dataset)
    return dataset
