"""Tables leave the product as Parquet, CSV or XLSX, always marked and always inert.

CSV is UTF-8 with a BOM (without it Excel and WPS show Chinese as mojibake). Every export
carries the data notice (synthetic or not): a row-oriented file as its first column (a reader
that keeps rows keeps it), a workbook at least on its about sheet and in its printed header.
The provenance (every value of the rulebook with its status and source, `scoring.provenance`)
travels beside the table: in the Parquet metadata, as a sheet of the workbook, or for CSV,
which holds one table only, as a sidecar `<name>.provenance.csv` written and replaced together
with the table.

Numbers stay numbers, so a spreadsheet can sum and sort them:
- The formula guard is for text only: a text cell a spreadsheet would evaluate (starting with
  = + - @, tab or carriage return) gets a leading apostrophe; a number, negative or not, is
  written as a number, also in a column that mixes numbers and text (the workbook is written
  cell by cell with each cell's type).
- A share is a fraction of 1 in every table, named by the caller (`shares`). The workbook keeps
  the exact fraction and shows it with the number format 0.0%; a CSV, which has no formats,
  holds percentage points with one decimal under the header "<column> (%)".
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Collection
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = (".parquet", ".csv", ".xlsx")
XLSX_MAX_ROWS = 1_048_575  # one row is the header
SYNTHETIC_NOTICE = "模拟数据（合成） synthetic data"
SHARE_DECIMALS = 1  # of percentage points in a CSV
SHARE_FORMAT = "0.0%"  # of a share in a workbook


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


def percent_points(frame: pd.DataFrame, shares: Collection[str]) -> pd.DataFrame:
    """Share columns as percentage points with fixed decimals, headed "<column> (%)" (a CSV
    cannot carry the workbook's percentage format)."""
    _check_shares(frame, shares)
    out = frame.copy()
    for column in shares:
        out[column] = (pd.to_numeric(out[column]) * 100).round(SHARE_DECIMALS)
    return out.rename(columns={c: f"{c} (%)" for c in shares})


def csv_bytes(frame: pd.DataFrame, shares: Collection[str] = ()) -> bytes:
    return neutralise(percent_points(frame, shares)).to_csv(index=False).encode("utf-8-sig")


def sidecar_path(path: Path) -> Path:
    """Where a CSV's provenance goes: beside it, named after it."""
    return path.with_name(f"{path.stem}.provenance.csv")


def write_table(frame: pd.DataFrame, path: str | Path, notes: dict[str, object], provenance: pd.DataFrame) -> Path:
    """Write by extension, atomically (a failed write leaves nothing behind, a CSV's sidecar
    included)."""
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
    temps = []
    try:
        temp = _temp_beside(path, temps)
        if suffix == ".parquet":
            table = pa.Table.from_pandas(frame, preserve_index=False)
            about = {**notes, "provenance": provenance.to_dict(orient="records")}
            metadata = {
                **(table.schema.metadata or {}),
                b"civic_credit_lab": json.dumps(about, ensure_ascii=False, default=str).encode(),
            }
            pq.write_table(table.replace_schema_metadata(metadata), temp)
        elif suffix == ".csv":
            temp.write_bytes(csv_bytes(frame))
            side = _temp_beside(sidecar_path(path), temps)
            side.write_bytes(csv_bytes(provenance))
        else:
            temp.write_bytes(xlsx_bytes(frame, notes, provenance))
        for written, final in zip(temps, [path, sidecar_path(path)], strict=False):
            os.replace(written, final)
    except BaseException:
        for written in temps:
            written.unlink(missing_ok=True)
        raise
    return path


SHEETS = ("scores", "about", "provenance")
NOTES_HEADER = ("key", "value")


def xlsx_bytes(
    frame: pd.DataFrame,
    notes: dict[str, object],
    provenance: pd.DataFrame,
    sheets: tuple[str, str, str] = SHEETS,
    shares: Collection[str] = (),
    notes_header: tuple[str, str] = NOTES_HEADER,
    printed: str | None = None,
) -> bytes:
    """A workbook of three sheets: the table (`shares` shown as percentages), what it is (under
    `notes_header`), and how each rulebook value is known; `printed` heads every printed page."""
    _check_shares(frame, shares)
    notes_frame = pd.DataFrame(
        {
            notes_header[0]: list(notes),
            notes_header[1]: [json.dumps(v, ensure_ascii=False, default=str) if not isinstance(v, str) else v
                              for v in notes.values()],
        }
    )  # fmt: skip
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for table, name in zip((frame, notes_frame, provenance), sheets, strict=True):
            neutralise(table).to_excel(writer, sheet_name=name, index=False)
            if printed:
                writer.sheets[name].oddHeader.center.text = printed.replace("&", "&&")  # & starts a header code
        sheet = writer.sheets[sheets[0]]
        for position, column in enumerate(frame.columns, start=1):
            if column in shares:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position):
                    cell.number_format = SHARE_FORMAT
    return buffer.getvalue()


def _check_shares(frame: pd.DataFrame, shares: Collection[str]) -> None:
    missing = [c for c in shares if c not in frame.columns]
    if missing:
        raise ExportError(f"share columns {missing} are not in the table (columns: {list(frame.columns)})")


def _temp_beside(path: Path, temps: list[Path]) -> Path:
    """A hidden temporary file in the target's folder (so the final rename is atomic), remembered
    for clean-up."""
    handle, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    temps.append(Path(name))
    return temps[-1]
