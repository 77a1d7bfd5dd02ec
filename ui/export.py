"""Downloads of the tables on a page, through the same export rules as the command line
(scoring/export.py: BOM, the marker as the first column of every row, formulas neutralised).

A table computed under a rulebook carries how each of its values is known: the workbook has a
provenance sheet with every value's status and source, and the CSV, which holds one table only,
says in its marker column how many values are confirmed, reported or assumed, and that the
workbook lists them.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from scoring import export
from scoring.provenance import provenance_table, status_counts
from scoring.rulebook import Rulebook
from ui import fmt
from ui.i18n import current_language, t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_bytes(frame: pd.DataFrame, marker_column: str, marker: str) -> bytes:
    """The frame as CSV bytes with the marker column first, formulas neutralised, BOM included."""
    return export.csv_bytes(export.with_notice(_flat(frame), marker, column=marker_column))


def workbook(frame: pd.DataFrame, marker_column: str, marker: str, rulebook: Rulebook | None) -> Callable[[], bytes]:
    """The frame as a workbook (the table, an `about` sheet and, under a rulebook, its provenance),
    built when it is downloaded. Everything worded is looked up now: the download runs on a thread
    without the session's language."""
    table = export.with_notice(_flat(frame), marker, column=marker_column)
    notes = {marker_column: marker}
    if rulebook is not None:
        notes[t("export.rulebook")] = fmt.name(rulebook.title)
    provenance = provenance_sheet(rulebook)
    sheets = (t("export.sheet"), t("export.sheet_about"), t("export.sheet_provenance"))
    return lambda: export.xlsx_bytes(table, notes, provenance, sheets)


def provenance_sheet(rulebook: Rulebook | None) -> pd.DataFrame:
    """Every value of the rulebook with its status and source, headed and worded in the UI's language."""
    if rulebook is None:
        return pd.DataFrame({t("export.no_rulebook"): []})
    table = provenance_table(rulebook)
    title = "title_zh" if current_language() == "zh-CN" else "title_en"
    return pd.DataFrame(
        {
            t("prov.col.element"): table[title],
            t("prov.col.path"): table["element"],
            t("prov.col.field"): table["field"],
            t("prov.col.value"): table["value"],
            t("col.status"): [t(f"status.{s}") for s in table["status"]],
            t("col.source"): table["source_title"],
        }
    )


def marker_text(rulebook: Rulebook | None) -> str:
    """What every exported row says about itself: synthetic, and how sure the rulebook's values are."""
    if rulebook is None:
        return t("frame.synthetic_marker")
    counts = status_counts(rulebook)
    return t(
        "export.marker_with_rulebook",
        marker=t("frame.synthetic_marker"),
        rulebook=fmt.name(rulebook.title),
        confirmed=counts["confirmed"],
        reported=counts["reported"],
        assumption=counts["assumption"],
    )


def download_table(frame: pd.DataFrame, file_stem: str, rulebook: Rulebook | None = None) -> None:
    """CSV and XLSX download buttons for the table shown just above them. Pass the rulebook the
    table was computed under, so its provenance travels with it."""
    marker, column = marker_text(rulebook), t("export.marker_column")
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("download.csv"),
        data=csv_bytes(frame, column, marker),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=f"download.{file_stem}.csv",
    )
    buttons.download_button(
        t("download.xlsx"),
        data=workbook(frame, column, marker, rulebook),
        file_name=f"{file_stem}.xlsx",
        mime=XLSX_MIME,
        icon=":material/table_view:",
        on_click="ignore",
        key=f"download.{file_stem}.xlsx",
    )


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """A named index becomes a column; a plain row number is dropped."""
    return frame.reset_index(drop=frame.index.name is None and isinstance(frame.index, pd.RangeIndex))
