"""The Predictive validity page's charts (pages/validity.py), from server-side aggregates: a
ROC curve is a few hundred points whatever the population, calibration and stability one bar
per tier or bin, learned weights one pair of dots per rule.

The scheme's figures are drawn in the first qualitative colour, the null generator's in grey
and dashed: the null is a reference line, not a second scheme.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui import palette
from ui.charts import _layout
from ui.i18n import t

REAL, NULL = palette.QUALITATIVE[0], palette.NO_CHANGE


def roc_curves(real: pd.DataFrame, null: pd.DataFrame, real_name: str, null_name: str) -> go.Figure:
    """`fpr`/`tpr` of both generators and the chance diagonal."""
    traces = [
        {"type": "scatter", "mode": "lines", "name": name, "x": curve["fpr"].to_numpy(), "y": curve["tpr"].to_numpy(),
         "line": {"color": colour, "dash": dash, "width": 2},
         "hovertemplate": name + "<br>%{x:.1%} → %{y:.1%}<extra></extra>"}
        for curve, name, colour, dash in ((real, real_name, REAL, "solid"), (null, null_name, NULL, "dash"))
    ]  # fmt: skip
    diagonal = {"type": "line", "xref": "x", "yref": "y", "x0": 0, "y0": 0, "x1": 1, "y1": 1,
                "line": {"color": palette.INK, "dash": "dot", "width": 1}}  # fmt: skip
    layout = _layout(t("validity.roc_x"), t("validity.roc_y"), height=440,
                     x={"range": [0, 1], "tickformat": ".0%"}, y={"range": [0, 1], "tickformat": ".0%"})  # fmt: skip
    layout["shapes"] = [diagonal]
    layout["legend"] = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "font": {"size": 11}}
    return go.Figure(traces, layout)


def paired_bars(labels: Sequence[str], real: np.ndarray, null: np.ndarray, names: tuple[str, str], y_title: str,
                x_title: str) -> go.Figure:  # fmt: skip
    """Two bars per label (a tier or a score bin): the scheme's share or rate beside the null's or
    the earlier date's, as percentages. The ticks get the margin they need: Plotly slants labels
    that do not fit side by side, and a fixed margin would cut the slanted ones."""
    traces = [
        {"type": "bar", "name": name, "x": list(labels), "y": np.asarray(values, dtype=float),
         "marker": {"color": colour}, "hovertemplate": "%{x}<br>" + name + ": %{y:.1%}<extra></extra>"}
        for values, name, colour in ((real, names[0], REAL), (null, names[1], NULL))
    ]  # fmt: skip
    layout = _layout(
        x_title, y_title, height=380, x={"automargin": True}, y={"tickformat": ".1%", "rangemode": "tozero"}
    )
    layout["barmode"] = "group"
    layout["legend"] = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "font": {"size": 11}}
    return go.Figure(traces, layout)


def weight_dots(table: pd.DataFrame, rule: str, hand: str, learned: str) -> go.Figure:
    """Hand-set and learned points per unit, one row per rule (`ui.validity_tables.weights_table`
    without its base row), on a shared axis with zero marked."""
    rows = table.iloc[:-1]
    traces = [
        {"type": "scatter", "mode": "markers", "name": name, "x": rows[column].to_numpy(dtype=float),
         "y": list(rows[rule]), "marker": {"color": colour, "symbol": symbol, "size": 9},
         "hovertemplate": "%{y}<br>" + name + ": %{x:.1f}<extra></extra>"}
        for column, name, colour, symbol in ((hand, hand, palette.INK, "diamond"), (learned, learned, REAL, "circle"))
    ]  # fmt: skip
    zero = {"type": "line", "xref": "x", "yref": "paper", "x0": 0, "x1": 0, "y0": 0, "y1": 1,
            "line": {"color": palette.INK, "dash": "dot", "width": 1}}  # fmt: skip
    layout = _layout(t("validity.weights_axis"), "", height=120 + 22 * len(rows), long_labels=True)
    layout["yaxis"]["autorange"] = "reversed"
    layout["shapes"] = [zero]
    return go.Figure(traces, layout)
