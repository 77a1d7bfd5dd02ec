"""Tables leave the product as Parquet, CSV or XLSX, always marked and always inert.

CSV is UTF-8 with a BOM (without it Excel and WPS show Chinese as mojibake). Text cells a
spreadsheet would evaluate (= + - @, tab, carriage return) get a leading apostrophe. Every export
carries the data notice (synthetic or not) as its first column, and the provenance notes (what
is confirmed, reported or assumed) in the file's metadata or a second sheet.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = (".parquet", ".csv", ".xlsx")
XLSX_MAX_ROWS = 1_048_575  # one row is the header
SYNTHETIC_NOTICE = "模拟数据（合成） synthetic data"


class ExportError(ValueError):
    """The table cannot be written where or how it was asked."""


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells (and headers) a spreadsheet would run as a formula, made inert."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if (
            values.dtype == object
            or pd.api.types.is_string_dtype(values)
            or isinstance(values.dtype, pd.CategoricalDtype)
        ):
            text = values.astype("object")
            risky = text.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_PREFIXES))
            if risky.any():
                out[column] = text.where(~risky, "'" + text.astype(str))
    out.columns = ["'" + c if c.startswith(FORMULA_PREFIXES) else c for c in map(str, out.columns)]
    return out


def with_notice(frame: pd.DataFrame, notice: str, column: str = "data_notice") -> pd.DataFrame:
    """The notice as the first column of every row, so that no excerpt of the file loses it."""
    out = frame.copy()
    out.insert(0, column, pd.Categorical([notice] * len(out)))
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")


def write_table(frame: pd.DataFrame, path: str | Path, notes: dict[str, object]) -> Path:
    """Write by extension, atomically (a failed write leaves nothing behind)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path}: unknown output format {suffix or '(none)'}; expected one of {', '.join(FORMATS)}")
    if suffix == ".xlsx" and len(frame) > XLSX_MAX_ROWS:
        raise ExportError(
            f"{path}: {len(frame):,} rows do not fit an XLSX sheet ({XLSX_MAX_ROWS:,} at most); use .parquet or .csv"
        )
    if not path.parent.is_dir():
        raise ExportError(f"{path}: folder {path.parent} does not exist")
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=suffix, dir=path.parent)
    os.close(handle)
    try:
        if suffix == ".parquet":
            table = pa.Table.from_pandas(frame, preserve_index=False)
            metadata = {
                **(table.schema.metadata or {}),
                b"civic_credit_lab": json.dumps(notes, ensure_ascii=False, default=str).encode(),
            }
            pq.write_table(table.replace_schema_metadata(metadata), temp)
        elif suffix == ".csv":
            Path(temp).write_bytes(csv_bytes(frame))
        else:
            with pd.ExcelWriter(temp, engine="openpyxl") as writer:
                neutralise(frame).to_excel(writer, sheet_name="scores", index=False)
                notes_frame = pd.DataFrame(
                    {
                        "key": list(notes),
                        "value": [
                            json.dumps(v, ensure_ascii=False, default=str) if not isinstance(v, str) else v
                            for v in notes.values()
                        ],
                    }
                )
                neutralise(notes_frame).to_excel(writer, sheet_name="about", index=False)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
