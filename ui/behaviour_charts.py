"""The Incentive effects page's charts (pages/behaviour.py), from the model's per-month
aggregates (a few points per tier and month, whatever the population): each tier's share month
by month, and the incentives' cost, the simulated path solid and the no-response path dashed
in the same colour beside it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui import palette
from ui.charts import _layout
from ui.i18n import t

DASH = {"simulated": "solid", "no_response": "dash"}


def _legend(layout: dict) -> dict:
    layout["legend"] = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "font": {"size": 11}}
    return layout


def tier_shares(tiers: pd.DataFrame, names: dict[str, str]) -> go.Figure:
    """`tiers` (month, path, tier, share): one line per tier and path, tiers in viridis."""
    colours = palette.tiers(len(names))
    traces = []
    for colour, (tier, name) in zip(colours, names.items(), strict=False):
        for path, dash in DASH.items():
            rows = tiers[(tiers["tier"] == tier) & (tiers["path"] == path)].sort_values("month")
            label = f"{name} · {t(f'behaviour.path.{path}')}"
            traces.append(
                {"type": "scatter", "mode": "lines+markers", "name": label, "legendgroup": tier,
                 "x": rows["month"].to_numpy(), "y": rows["share"].to_numpy(dtype=float),
                 "line": {"color": colour, "dash": dash, "width": 2}, "marker": {"size": 5},
                 "hovertemplate": label + "<br>" + t("behaviour.month_hover") + "<br>%{y:.1%}<extra></extra>"}
            )  # fmt: skip
    layout = _layout(t("behaviour.axis.month"), t("behaviour.axis.share"), height=460,
                     x={"dtick": 1}, y={"tickformat": ".0%", "rangemode": "tozero"})  # fmt: skip
    return go.Figure(traces, _legend(layout))


def cost(costs: pd.DataFrame) -> go.Figure:
    """`costs` (month, path, cost_yuan): the incentives' cost in each month on both paths."""
    traces = []
    for path, dash in DASH.items():
        rows = costs[costs["path"] == path].sort_values("month")
        label = t(f"behaviour.path.{path}")
        traces.append(
            {"type": "scatter", "mode": "lines+markers", "name": label, "x": rows["month"].to_numpy(),
             "y": rows["cost_yuan"].to_numpy(dtype=float),
             "line": {"color": palette.QUALITATIVE[0], "dash": dash, "width": 2},
             "hovertemplate": label + "<br>" + t("behaviour.month_hover") + "<br>%{y:,.0f}<extra></extra>"}
        )  # fmt: skip
    layout = _layout(t("behaviour.axis.month"), t("behaviour.axis.cost"), height=380,
                     x={"dtick": 1}, y={"rangemode": "tozero"})  # fmt: skip
    return go.Figure(traces, _legend(layout))
