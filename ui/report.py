"""Reports to download (a credit file's explanation; the evaluation pack): tables written as a
page shows them, and the PDF and HTML download pair, each file built only when its button is
clicked (printing takes about a second). The document is built now, in the session's language;
the download runs later on a thread without the session, and only lays the document out."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from scoring.report.document import Document, Table
from scoring.report.html import to_html
from ui import tables
from ui.i18n import t


def report_table(frame: pd.DataFrame, decimals: Mapping[str, int] | None = None, shares=(), title: str = "") -> Table:
    """A translated table as text, its numbers written as `tables.show` writes them (`shares`
    as percentages); number columns right-aligned, empty cells as a dash."""
    written = tables.formats(frame, decimals, shares)
    rows = tuple(
        tuple(_cell(value, written.get(column)) for column, value in zip(frame.columns, row, strict=True))
        for row in frame.itertuples(index=False, name=None)
    )
    numeric = frozenset(i for i, column in enumerate(frame.columns) if column in written)
    return Table(tuple(str(c) for c in frame.columns), rows, numeric, title)


def _cell(value: object, write) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return tables.EMPTY
    return write(value) if write else str(value)


def html_bytes(document: Document) -> bytes:
    return to_html(document).encode("utf-8")


def pdf_bytes(document: Document) -> bytes:
    # WeasyPrint takes 0.7 s to import: paid by the first click, not by every page that offers a report
    from scoring.report.pdf import to_pdf

    return to_pdf(to_html(document))


def download_report(document: Document, stem: str, key: str) -> None:
    """PDF and HTML download buttons for `document`, named `<stem>.pdf` and `<stem>.html`."""
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("report.download_pdf"),
        data=lambda: pdf_bytes(document),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        key=f"{key}.pdf",
    )
    buttons.download_button(
        t("report.download_html"),
        data=lambda: html_bytes(document),
        file_name=f"{stem}.html",
        mime="text/html",
        icon=":material/description:",
        on_click="ignore",
        key=f"{key}.html",
    )
