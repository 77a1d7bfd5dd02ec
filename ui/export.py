"""CSV downloads that Excel and WPS open correctly and that cannot carry formulas.

UTF-8 with a BOM (without it, Excel shows Chinese as mojibake); the synthetic-data marker is the
first column of every row so that no excerpt of the file loses it; text cells that a
spreadsheet would run as a formula (= + - @, tab, carriage return) get a leading apostrophe.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.i18n import t

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would evaluate, made inert; other values unchanged."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) else value


def csv_bytes(frame: pd.DataFrame, marker_column: str, marker: str) -> bytes:
    """The frame as CSV bytes with the marker column first, formulas neutralised, BOM included."""
    out = frame.reset_index(drop=frame.index.name is None and isinstance(frame.index, pd.RangeIndex))
    out = out.map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    out.insert(0, marker_column, marker)
    return out.to_csv(index=False).encode("utf-8-sig")


def download_csv(frame: pd.DataFrame, file_stem: str) -> None:
    """A download button for the table shown just above it."""
    st.download_button(
        t("download.csv"),
        data=csv_bytes(frame, t("export.marker_column"), t("frame.synthetic_marker")),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=f"download.{file_stem}",
    )
