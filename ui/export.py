"""CSV downloads of the tables on a page, through the same export rules as the command line
(scoring/export.py: BOM, the marker as the first column of every row, formulas neutralised)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from scoring import export
from ui.i18n import t


def csv_bytes(frame: pd.DataFrame, marker_column: str, marker: str) -> bytes:
    """The frame as CSV bytes with the marker column first, formulas neutralised, BOM included."""
    out = frame.reset_index(drop=frame.index.name is None and isinstance(frame.index, pd.RangeIndex))
    return export.csv_bytes(export.with_notice(out, marker, column=marker_column))


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
