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
# neighbouring tiers are close on viridis (AAA and AA both dark purple): a marker shape per tier
# tells their lines apart, in print and for a reader who does not see colours well
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "x", "star")


def _legend(layout: dict) -> dict:
    layout["legend"] = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "font": {"size": 11}}
    return layout


def tier_shares(tiers: pd.DataFrame, names: dict[str, str]) -> go.Figure:
    """`tiers` (month, path, tier, share): one line per tier and path, tiers in viridis."""
    colours = palette.tiers(len(names))
    traces = []
    for k, (colour, (tier, name)) in enumerate(zip(colours, names.items(), strict=False)):
        for path, dash in DASH.items():
            rows = tiers[(tiers["tier"] == tier) & (tiers["path"] == path)].sort_values("month")
            label = f"{name} · {t(f'behaviour.path.{path}')}"
            traces.append(
                {"type": "scatter", "mode": "lines+markers", "name": label, "legendgroup": tier,
                 "x": rows["month"].to_numpy(), "y": rows["share"].to_numpy(dtype=float),
                 "line": {"color": colour, "dash": dash, "width": 2},
                 "marker": {"size": 7, "symbol": SYMBOLS[k % len(SYMBOLS)]},
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


def tier_history(history: pd.DataFrame, future: pd.DataFrame | None, names: dict[str, str]) -> go.Figure:
    """`history` (month_end, months_before, tier, share): the data's own tier shares up to its
    as-of date, solid; `future` (month_end, path, tier, share) or None: the stored run's paths
    carried on from that date, the simulated one dotted and the no-response one dashed, so the
    data and the model never look alike. One colour per tier, as in `tier_shares`."""
    colours = palette.tiers(len(names))
    last = history[history["months_before"] == 0]
    traces = []
    for k, (colour, (tier, name)) in enumerate(zip(colours, names.items(), strict=False)):
        symbol = SYMBOLS[k % len(SYMBOLS)]
        rows = history[history["tier"] == tier].sort_values("month_end")
        label = f"{name} · {t('behaviour.history.path')}"
        traces.append(_dated(rows, label, tier, (colour, symbol), "solid"))
        if future is None:
            continue
        start = last[last["tier"] == tier][["month_end", "share"]]
        for path, dash in (("simulated", "dot"), ("no_response", "dash")):
            ahead = future[(future["tier"] == tier) & (future["path"] == path)].sort_values("month_end")
            rows = pd.concat([start, ahead[["month_end", "share"]]], ignore_index=True)
            traces.append(_dated(rows, f"{name} · {t(f'behaviour.path.{path}')}", tier, (colour, symbol), dash))
    x, y = {"type": "date", "tickformat": "%Y-%m"}, {"tickformat": ".0%", "rangemode": "tozero"}
    layout = _layout(t("behaviour.history.axis"), t("behaviour.axis.share"), height=480, x=x, y=y)
    as_of = last["month_end"].iloc[0].isoformat() if len(last) else None
    if as_of is not None:
        layout["shapes"] = [{"type": "line", "xref": "x", "yref": "paper", "x0": as_of, "x1": as_of, "y0": 0,
                             "y1": 1, "line": {"color": palette.INK, "dash": "dot", "width": 1}}]  # fmt: skip
    return go.Figure(traces, _legend(layout))


def _dated(rows: pd.DataFrame, label: str, tier: str, look: tuple[str, str], dash: str) -> dict:
    colour, symbol = look
    return {
        "type": "scatter", "mode": "lines+markers", "name": label, "legendgroup": tier,
        "x": [d.isoformat() for d in rows["month_end"]], "y": rows["share"].to_numpy(dtype=float),
        "line": {"color": colour, "dash": dash, "width": 2}, "marker": {"size": 6, "symbol": symbol},
        "hovertemplate": label + "<br>%{x|%Y-%m-%d}<br>%{y:.1%}<extra></extra>",
    }  # fmt: skip
