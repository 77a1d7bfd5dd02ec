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

# One symbol and colour per rate, in `fairness_tables.RATES` order (scored, top tiers, red list,
# incentive value, bottom tier, black list): no two alike in shape, the pale sand left out.
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "triangle-down", "star")
COLOURS = (0, 3, 2, 1, 4, 6)
ROWS = 30  # the most groups one ratio chart draws (a pair has up to 210: the table has them all)
TOP_AXIS_ROWS = 12  # from this many rows the ratio axis is repeated above the plot
# ticks by priority: 1 and the four-fifths band first, then wider steps; one is kept only where
# it stays clear of those already kept
TICKS = (1, FOUR_FIFTHS, 1 / FOUR_FIFTHS, 0.5, 2, 0.1, 10, 0.25, 4, 0.2, 5, 0.02, 50, 0.01, 100)


def ratio_range(values: np.ndarray) -> tuple[float, float]:
    """The log axis's ends, in ratios: every positive ratio, 0.5 and 2 inside; the left end is
    where a ratio of 0 (no log position) is drawn."""
    positive = values[np.isfinite(values) & (values > 0)]
    low = min(0.5, positive.min()) if positive.size else 0.5
    high = max(2.0, positive.max()) if positive.size else 2.0
    return low / 1.5, high * 1.5


def ratio_ticks(low: float, high: float) -> list[float]:
    """Tick values between the ends, none closer to another than a tenth of the axis (0.8, 1
    and 1.25 crowd each other on a wide axis)."""
    span, kept = np.log10(high / low), []
    for tick in TICKS:
        inside = low * 1.1 <= tick <= high / 1.1
        if inside and all(abs(np.log10(tick / k)) >= span / 10 for k in kept):
            kept.append(tick)
    return sorted(kept)


def ratio_dots(ratios: pd.DataFrame, flags: pd.DataFrame) -> go.Figure:
    """`ratios`: groups (rows, named) × rates (columns, named); `flags` the same shape. A rate
    is an open symbol of its own, filled and larger where the four-fifths rule flags it (the
    legend's title says so). A ratio of 0 sits at the axis's left end labelled 0; a rate
    without a single ratio to draw has no trace and no legend entry."""
    values = ratios.to_numpy(dtype=float)
    low, high = ratio_range(values)
    ticks = ratio_ticks(low, high)
    groups = list(ratios.index)
    traces = []
    for i, rate in enumerate(ratios.columns):
        ratio, flagged = values[:, i], flags[rate].to_numpy(dtype=bool)
        drawn = np.flatnonzero(np.isfinite(ratio))
        if not drawn.size:
            continue
        drawn = drawn[np.argsort(flagged[drawn], kind="stable")]  # open first: the legend shows the first
        colour, symbol, hit = palette.category(COLOURS[i]), SYMBOLS[i], flagged[drawn]
        traces.append(
            {
                "type": "scatter", "mode": "markers+text", "name": rate, "legendgroup": rate,
                "x": np.where(ratio[drawn] > 0, ratio[drawn], low), "y": [groups[g] for g in drawn],
                "text": ["0" if r == 0 else "" for r in ratio[drawn]], "textposition": "middle right",
                "textfont": {"size": 11, "color": palette.INK}, "cliponaxis": False,
                "customdata": [f"{r:.2f}" if r > 0 else "0" for r in ratio[drawn]],
                "marker": {"color": colour, "symbol": np.where(hit, symbol, f"{symbol}-open").tolist(),
                           "size": np.where(hit, 14, 9), "opacity": 1,
                           "line": {"color": np.where(hit, palette.INK, colour).tolist(),
                                    "width": np.where(hit, 1.5, 2)}},
                "hovertemplate": "%{y}<br>" + rate + ": %{customdata}<extra></extra>",
            }
        )  # fmt: skip
    band = {
        "type": "rect", "xref": "x", "yref": "paper", "x0": FOUR_FIFTHS, "x1": 1 / FOUR_FIFTHS, "y0": 0, "y1": 1,
        "fillcolor": "#eeeeee", "line": {"width": 0}, "layer": "below",
    }  # fmt: skip
    one = {"type": "line", "xref": "x", "yref": "paper", "x0": 1, "x1": 1, "y0": 0, "y1": 1,
           "line": {"color": palette.INK, "dash": "dot", "width": 1}}  # fmt: skip
    axis = {"type": "log", "range": [np.log10(low) - 0.04, np.log10(high)], "tickvals": ticks,
            "ticktext": [f"{v:g}" for v in ticks]}  # fmt: skip
    layout = _layout(t("fairness.ratio_axis"), "", height=140 + 24 * len(groups), long_labels=True, x=axis)
    layout["yaxis"].update({"autorange": "reversed", "categoryorder": "array", "categoryarray": groups})
    layout["shapes"] = [band, one]
    layout["legend"].update(
        {"itemsizing": "constant", "title": {"text": t("fairness.flagged_legend"), "font": {"size": 11}}}
    )
    if len(groups) >= TOP_AXIS_ROWS:  # a tall chart: its scale above as well as below
        layout["xaxis2"] = {**axis, "overlaying": "x", "side": "top", "showgrid": False, "automargin": True}
        traces.append({"type": "scatter", "x": [1], "y": [groups[0]], "xaxis": "x2", "mode": "markers",
                       "marker": {"opacity": 0}, "showlegend": False, "hoverinfo": "skip"})  # fmt: skip
    return go.Figure(traces, layout)


def gap_bars(table: pd.DataFrame, source: str, gap: str) -> go.Figure:
    """The rows of `fairness_tables.decomposition_table` but its total (and gaps hidden as small
    cells), as diverging bars labelled with their points."""
    rows = table.iloc[:-1]
    rows = rows[np.isfinite(rows[gap].to_numpy(dtype=float))]  # a gap hidden as a small cell: no bar
    values = rows[gap].to_numpy(dtype=float)
    bars = {
        "type": "bar", "orientation": "h", "y": list(rows[source]), "x": values,
        "marker": {"color": [LOSS if v < 0 else GAIN for v in values]},
        "text": [gap_label(v) for v in values], "textposition": "outside", "cliponaxis": False, "hoverinfo": "y+text",
    }  # fmt: skip
    # room beyond the longest bars for their labels, which would otherwise run into the rule names
    low, high = min(0.0, *values), max(0.0, *values)
    room = 0.15 * (high - low or 1.0)
    x = {"range": [low - (room if low < 0 else 0), high + (room if high > 0 else 0)]}
    layout = _layout(t("fairness.gap_axis"), "", height=100 + 28 * len(rows), long_labels=True, x=x)
    layout["yaxis"]["autorange"] = "reversed"
    return go.Figure([bars], layout)


def gap_label(points: float) -> str:
    """A bar's label at two decimals, signed; none for a gap that rounds to zero ("-0.00" would
    read as a loss of nothing)."""
    text = f"{points:+.2f}"
    return "" if float(text) == 0 else text
