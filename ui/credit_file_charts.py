"""The credit file's waterfall: from the base score through each rule's points (grouped by
dimension), the caps' corrections and the range clip, to the score. One bar per step, never a
point per person."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from ui import fmt, palette
from ui.charts import _layout


def waterfall(labels: Sequence[str], values: Sequence[float], measures: Sequence[str], y_title: str) -> go.Figure:
    """`measures`: "absolute" for the base and the score, "relative" for every step between."""
    bars = {
        "type": "waterfall", "orientation": "v", "x": list(labels), "y": list(values), "measure": list(measures),
        "increasing": {"marker": {"color": palette.QUALITATIVE[3]}},
        "decreasing": {"marker": {"color": palette.QUALITATIVE[6]}},
        "totals": {"marker": {"color": palette.INK}},
        "connector": {"line": {"color": "#cccccc"}}, "textposition": "outside",
        "text": [_label(v, m) for v, m in zip(values, measures, strict=True)],
    }  # fmt: skip
    low = min(0.0, *values) if values else 0.0
    layout = _layout("", y_title, height=440, long_labels=True, y={"rangemode": "normal" if low < 0 else "tozero"})
    return go.Figure([bars], layout)


def _label(value: float, measure: str) -> str:
    """A bar's points as the steps table writes them (one decimal, the reader's separators); a
    step's with its sign."""
    return ("+" if measure == "relative" and value > 0 else "") + fmt.number(value, 1)
