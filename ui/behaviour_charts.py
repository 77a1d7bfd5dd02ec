"""The Incentive effects page's charts (pages/behaviour.py), from the model's per-month
aggregates (a few points per tier and month, whatever the population): each tier's share month
by month, and the incentives' cost, the simulated path solid and the no-response path dashed
in the same colour beside it; the score distribution as a fan per path and a month's histogram."""

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


def score_fan(quantiles: pd.DataFrame) -> go.Figure:
    """`quantiles` (month, path, p10 … p90): per path side by side (simulated left), the bands
    p10–p90 and p25–p75 and the median line, the no-response median dashed. The score axis spans
    the bands, not the score range: scores crowd near the base, and the full range flattens them."""
    traces = []
    for k, (path, dash) in enumerate(DASH.items()):
        rows = quantiles[quantiles["path"] == path].sort_values("month")
        x, axis = rows["month"].to_numpy(), {"xaxis": f"x{k + 1}" if k else "x", "yaxis": "y"}
        name = t(f"behaviour.path.{path}")
        for low, high, opacity, band in (("p10", "p90", 0.2, "p10_p90"), ("p25", "p75", 0.4, "p25_p75")):
            label = f"{t(f'behaviour.band.{band}')} · {name}"
            traces.append(
                {"type": "scatter", "mode": "lines", "x": x, "y": rows[low].to_numpy(dtype=float), **axis,
                 "line": {"width": 0, "color": palette.QUALITATIVE[0]}, "showlegend": False, "hoverinfo": "skip",
                 "legendgroup": f"{band}.{path}"}
            )  # fmt: skip
            traces.append(
                {"type": "scatter", "mode": "lines", "name": label, "x": x, "y": rows[high].to_numpy(dtype=float),
                 **axis, "fill": "tonexty", "fillcolor": palette.QUALITATIVE[0], "opacity": opacity,
                 "line": {"width": 0, "color": palette.QUALITATIVE[0]}, "legendgroup": f"{band}.{path}",
                 "hovertemplate": label + "<br>" + t("behaviour.month_hover") + "<br>%{y:,.1f}<extra></extra>"}
            )  # fmt: skip
        label = f"{t('behaviour.median')} · {name}"
        traces.append(
            {"type": "scatter", "mode": "lines+markers", "name": label, "x": x, "y": rows["p50"].to_numpy(dtype=float),
             **axis, "line": {"color": palette.QUALITATIVE[0], "dash": dash, "width": 2}, "marker": {"size": 5},
             "hovertemplate": label + "<br>" + t("behaviour.month_hover") + "<br>%{y:,.1f}<extra></extra>"}
        )  # fmt: skip
    month = t("behaviour.axis.month")
    layout = _layout(f"{month} · {t('behaviour.path.simulated')}", t("behaviour.axis.score"), height=420,
                     x={"dtick": 1, "domain": [0, 0.48]})  # fmt: skip
    layout["xaxis2"] = {
        **layout["xaxis"], "domain": [0.52, 1], "anchor": "y",
        "title": {"text": f"{month} · {t('behaviour.path.no_response')}"},
    }  # fmt: skip
    return go.Figure(traces, _legend(layout))


def score_histogram(histogram: pd.DataFrame, month: int) -> go.Figure:
    """`histogram` (month, path, low, high, share): both paths' share of scored people per score
    bin in `month`, side by side, over the bins any month fills (the same span whichever month is
    shown, so that months compare by eye)."""
    filled = histogram[histogram["share"] > 0]
    span = [float(filled["low"].min()), float(filled["high"].max())] if len(filled) else None
    traces = []
    for k, path in enumerate(DASH):
        rows = histogram[(histogram["month"] == month) & (histogram["path"] == path)].sort_values("low")
        low, high = rows["low"].to_numpy(dtype=float), rows["high"].to_numpy(dtype=float)
        label = t(f"behaviour.path.{path}")
        traces.append(
            {"type": "bar", "name": label, "x": (low + high) / 2, "y": rows["share"].to_numpy(dtype=float),
             "marker": {"color": palette.QUALITATIVE[k], "line": {"color": palette.INK, "width": 0.5}},
             "customdata": list(zip(low, high, strict=True)),
             "hovertemplate": label + "<br>%{customdata[0]:,.0f}–%{customdata[1]:,.0f}<br>%{y:.1%}<extra></extra>"}
        )  # fmt: skip
    layout = _layout(t("behaviour.axis.score"), t("behaviour.axis.share"), height=380,
                     x={"range": span}, y={"tickformat": ".0%", "rangemode": "tozero"})  # fmt: skip
    layout["barmode"] = "group"
    layout["bargap"] = 0.05
    return go.Figure(traces, _legend(layout))
