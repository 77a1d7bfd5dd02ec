"""How every chart reaches the page: `draw(figure, key)`, with Plotly's own words (the mode
bar's tooltips, "Double-click to zoom back out") in the reader's language.

Plotly.js takes a locale dictionary in the figure's config (`locales`), keyed by its English
source strings; the translations are the catalogue's `plotly.*` keys. The buttons that select or
compare points are left out: the charts are pre-binned aggregates, with nothing to select.
"""

from __future__ import annotations

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


def config(lang: str | None = None) -> dict:
    """The Plotly config every chart is drawn with, in the reader's language."""
    lang = lang or current_language()
    dictionary = {source: t(key, lang) for source, key in PLOTLY_STRINGS.items()}
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": REMOVED_BUTTONS,
        "locale": lang,
        "locales": {lang: {"dictionary": dictionary}},
    }


def draw(figure: go.Figure, key: str | None = None) -> None:
    st.plotly_chart(figure, key=key, config=config())
