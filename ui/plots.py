"""How every chart reaches the page: `draw(figure, key, download)`, with Plotly's own words (the
mode bar's tooltips, "Double-click to zoom back out") in the reader's language, and the chart
downloadable as PNG (the mode bar's camera, drawn by the browser) and as HTML.

Plotly.js takes a locale dictionary in the figure's config (`locales`), keyed by its English
source strings; the translations are the catalogue's `plotly.*` keys. The buttons that select or
compare points are left out: the charts are pre-binned aggregates, with nothing to select.

The HTML file is self-contained (plotly.js embedded, nothing fetched from outside hosts, so it
opens offline as the dashboard does) and carries what the chart is and the marker every export
carries. It is about 5 MB, so it is built only when its button is clicked, as the workbooks are.
Both files are named as the tables are: `<page>_<chart>_<rulebook>_<as-of>` (ui/export.py).
"""

from __future__ import annotations

import html
from typing import NamedTuple

import plotly.graph_objects as go
import streamlit as st

from ui.i18n import current_language, t

# Plotly's English source strings → catalogue keys (the strings its mode bar and hints use).
PLOTLY_STRINGS = {
    "Zoom": "plotly.zoom",
    "Pan": "plotly.pan",
    "Zoom in": "plotly.zoom_in",
    "Zoom out": "plotly.zoom_out",
    "Autoscale": "plotly.autoscale",
    "Reset axes": "plotly.reset_axes",
    "Download plot as a PNG": "plotly.download_png",
    "Download plot": "plotly.download_png",
    "Double-click to zoom back out": "plotly.double_click",
    "Taking snapshot - this may take a few seconds": "plotly.snapshot_wait",
    "Snapshot succeeded": "plotly.snapshot_done",
    "Sorry, there was a problem downloading your snapshot!": "plotly.snapshot_failed",
}
REMOVED_BUTTONS = ["select2d", "lasso2d", "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian"]
PNG_SCALE = 2  # the PNG at twice the drawn size, sharp enough for a report


class ChartFile(NamedTuple):
    """What a chart's downloads are called and say about themselves (ui.export.chart_file)."""

    stem: str  # <page>_<chart>_<rulebook>_<as-of>, safe ASCII
    title: str  # what the chart shows, in the reader's language (the heading above it)
    notes: tuple[str, ...]  # the marker and what it was computed from, one line each


def config(lang: str | None = None, stem: str | None = None) -> dict:
    """The Plotly config every chart is drawn with, in the reader's language; with `stem`, the
    mode bar's PNG takes that file name."""
    lang = lang or current_language()
    dictionary = {source: t(key, lang) for source, key in PLOTLY_STRINGS.items()}
    png = {"toImageButtonOptions": {"filename": stem, "scale": PNG_SCALE}} if stem else {}
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": REMOVED_BUTTONS,
        "locale": lang,
        "locales": {lang: {"dictionary": dictionary}},
        **png,
    }


def html_bytes(figure: go.Figure, file: ChartFile, lang: str) -> bytes:
    """The chart as one HTML page that works offline: its title and notes above it, plotly.js
    inline, the mode bar in `lang`."""
    chart = figure.to_html(
        include_plotlyjs=True, full_html=False, include_mathjax=False, config=config(lang, file.stem),
        default_width="100%",
    )  # fmt: skip
    notes = "".join(f"<p>{html.escape(note)}</p>" for note in file.notes)
    title = html.escape(file.title)
    page = (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        '<style>body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:1.5em;color:#262730}'
        "p{font-size:0.85em;color:#4d4d4d;margin:0.2em 0}</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n{notes}\n{chart}\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


def draw(figure: go.Figure, key: str | None = None, file: ChartFile | None = None) -> None:
    """The chart, and with `file` its PNG named after it and an HTML download button under it.
    The HTML is built on the download's own thread, without the session: the language is taken now."""
    lang = current_language()
    st.plotly_chart(figure, key=key, config=config(lang, file.stem if file else None))
    if file is None:
        return
    st.container(horizontal=True).download_button(  # laid out as the tables' buttons are
        t("download.html"),
        data=lambda: html_bytes(figure, file, lang),
        file_name=f"{file.stem}.html",
        mime="text/html",
        icon=":material/bar_chart:",
        on_click="ignore",
        key=f"download.{key}.html" if key else None,
    )
