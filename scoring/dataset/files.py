"""Datasets on disk: a folder of Parquet tables and a manifest, replaced only whole."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from scoring.catalogues import load_catalogues
from scoring.dataset.checks import check_manifest, validate
from scoring.dataset.conform import conform
from scoring.dataset.errors import DatasetError
from scoring.dataset.schema import DATE, MANIFEST, TABLE_FILES, Dataset

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
