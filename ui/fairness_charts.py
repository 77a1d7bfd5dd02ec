"""The Fairness page's charts (pages/fairness.py), from server-side group aggregates.

The ratio chart draws one dot per group and rate on a log axis (a half and a double lie equally
far from 1), with the four-fifths band [0.8, 1.25] shaded: a dot outside it on the wrong side
is a flag. The gap chart draws the rule-by-rule decomposition as diverging bars.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from scoring.fairness.judge import FOUR_FIFTHS
from ui import palette
from ui.charts import GAIN, LOSS, _layout
from ui.i18n import t

SYMBOLS = ("circle", "diamond", "square", "triangle-up", "x", "cross")


def ratio_dots(ratios: pd.DataFrame, flags: pd.DataFrame) -> go.Figure:
    """`ratios`: groups (rows, named) × rates (columns, named); `flags` the same shape. Flagged
    dots are drawn larger with a dark outline."""
    traces = []
    for i, rate in enumerate(ratios.columns):
        values = ratios[rate].to_numpy(dtype=float)
        flagged = flags[rate].to_numpy(dtype=bool)
        traces.append(
            {
                "type": "scatter", "mode": "markers", "name": rate, "x": values, "y": list(ratios.index),
                "marker": {"color": palette.category(i), "symbol": SYMBOLS[i % len(SYMBOLS)],
                           "size": np.where(flagged, 13, 8),
                           "line": {"color": palette.INK, "width": np.where(flagged, 2, 0)}},
                "hovertemplate": "%{y}<br>" + rate + ": %{x:.2f}<extra></extra>",
            }
        )  # fmt: skip
    band = {
        "type": "rect", "xref": "x", "yref": "paper", "x0": FOUR_FIFTHS, "x1": 1 / FOUR_FIFTHS, "y0": 0, "y1": 1,
        "fillcolor": "#eeeeee", "line": {"width": 0}, "layer": "below",
    }  # fmt: skip
    one = {"type": "line", "xref": "x", "yref": "paper", "x0": 1, "x1": 1, "y0": 0, "y1": 1,
           "line": {"color": palette.INK, "dash": "dot", "width": 1}}  # fmt: skip
    layout = _layout(t("fairness.ratio_axis"), "", height=120 + 24 * len(ratios), long_labels=True,
                     x={"type": "log", "tickvals": [0.25, 0.5, 0.8, 1, 1.25, 2, 4]})  # fmt: skip
    layout["yaxis"]["autorange"] = "reversed"
    layout["shapes"] = [band, one]
    return go.Figure(traces, layout)


def gap_bars(table: pd.DataFrame, source: str, gap: str) -> go.Figure:
    """The rows of `fairness_tables.decomposition_table` but its total, as diverging bars."""
    rows = table.iloc[:-1]
    values = rows[gap].to_numpy(dtype=float)
    bars = {
        "type": "bar", "orientation": "h", "y": list(rows[source]), "x": values,
        "marker": {"color": [LOSS if v < 0 else GAIN for v in values]},
        "text": [f"{v:+.2f}" for v in values], "textposition": "outside", "cliponaxis": False, "hoverinfo": "y+text",
    }  # fmt: skip
    layout = _layout(t("fairness.gap_axis"), "", height=100 + 28 * len(rows), long_labels=True)
    layout["yaxis"]["autorange"] = "reversed"
    return go.Figure([bars], layout)
