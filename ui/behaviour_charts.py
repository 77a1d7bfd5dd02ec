"""The Incentive effects page's charts (pages/behaviour.py), from the model's per-month
aggregates (a few points per tier and month, whatever the population).

Tier shares are small multiples, one panel per tier with its own share axis: tiers near 1 % beside
one near 80 % would lie flat on the zero line of a shared axis. In each panel the data's own
months are solid, the simulated path heavy with markers, the no-response path thin and dashed;
the legend names only those styles, once each, below the plot where the mode bar never covers it.
The score distribution is a fan per path: a light outer band, a darker inner one and the median
on top; money, counts, numbers and months are written the reader's way (万, 2025年11月)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui import fmt, palette
from ui.charts import _layout, count_ticks
from ui.i18n import t

DASH = {"simulated": "solid", "no_response": "dash"}
FUTURE_DASH = {"simulated": "dot", "no_response": "dash"}  # after the data, its solid is taken
TICKS = 4  # month labels under a panel of the history, at most
PANEL_HEIGHT = 190  # px per row of tier panels
GAP = (0.07, 0.16)  # between panels, as shares of the plot's width and height
LEGEND = {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "font": {"size": 12}}
TOP = 56  # px above the plot: the panels' titles clear of the mode bar
BOTTOM = 96  # px below the plot: the bottom axes' ticks and title, then the legend
# how each kind of line looks: dash aside, the data heavy, the simulated path heavy and marked (its
# dots would merge with the data's markers), the no-response path thin: told apart in print and in grey
HEAVY = {"width": 2.5, "marker": {}, "mode": "lines"}
MARKED = {"width": 2.5, "marker": {"size": 6}, "mode": "lines+markers"}
THIN = {"width": 1.5, "marker": {}, "mode": "lines"}
WEIGHT = {"data": HEAVY, "simulated": MARKED, "no_response": THIN}


def _line(kind: str, dash: str, colour: str) -> dict:
    """The look of one line of `kind` (data, simulated, no_response): mode, line and marker."""
    weight = WEIGHT[kind]
    return {
        "mode": weight["mode"], "line": {"color": colour, "dash": dash, "width": weight["width"]},
        "marker": {"color": colour, **weight["marker"]},
    }  # fmt: skip


def _key(kind: str, dash: str, label: str) -> dict:
    """A legend entry for a style of line, in ink: it draws nothing, and clicking it shows or hides
    every line of that style (they share its legend group)."""
    return {"type": "scatter", "x": [None], "y": [None], "name": label, "legendgroup": kind, "showlegend": True,
            "hoverinfo": "skip", **_line(kind, dash, palette.INK)}  # fmt: skip


def _suffix(k: int) -> str:
    return str(k + 1) if k else ""


def _panels(titles: Sequence[str], x_title: str, y_title: str, x: dict, ys: Sequence[dict], columns: int = 3) -> dict:
    """A layout of one panel per title, `columns` to a row, each with its own axes (x, x2, …; the
    y axes from `ys`), its title above it, the x title under the bottom panel of each column and
    the y title on the left; room above the top titles for the mode bar."""
    n, rows = len(titles), -(-len(titles) // columns)
    width, height = (1 - GAP[0] * (columns - 1)) / columns, (1 - GAP[1] * (rows - 1)) / rows
    layout = _layout(x_title, y_title, height=30 + BOTTOM + PANEL_HEIGHT * rows)
    base_x, base_y = layout.pop("xaxis"), layout.pop("yaxis")
    layout["annotations"] = []
    for k, title in enumerate(titles):
        row, column = divmod(k, columns)
        left, top = column * (width + GAP[0]), 1 - row * (height + GAP[1])
        layout[f"xaxis{_suffix(k)}"] = {
            **base_x, **x, "domain": [left, left + width], "anchor": f"y{_suffix(k)}",
            "title": {"text": x_title if k + columns >= n else ""},
        }  # fmt: skip
        layout[f"yaxis{_suffix(k)}"] = {
            **base_y, **ys[k], "domain": [top - height, top], "anchor": f"x{_suffix(k)}",
            "title": {"text": y_title if column == 0 else ""},
        }  # fmt: skip
        layout["annotations"].append(
            {"text": f"<b>{title}</b>", "x": left + width / 2, "y": top, "xref": "paper", "yref": "paper",
             "xanchor": "center", "yanchor": "bottom", "showarrow": False, "font": {"size": 13}}
        )  # fmt: skip
    layout["margin"] = {**layout["margin"], "t": TOP, "b": BOTTOM}
    layout["height"] += TOP - 30
    layout["legend"] = LEGEND
    return layout


SMALLEST_TOP = 0.01  # a tier's axis reaches at least 1 %: one person in 80,000 is not drawn as a swing


def _share_axes(frame: pd.DataFrame, names: dict[str, str]) -> list[dict]:
    """A share axis per tier from zero to a little above its largest share, with as many decimals
    as that needs (3% but 0.5%): a tier near 1 % reads as well as one near 80 %, and a tier of a
    handful of people stays a flat line near zero rather than a jump across its whole panel."""
    axes = []
    for tier in names:
        top = float(frame.loc[frame["tier"] == tier, "share"].max()) if (frame["tier"] == tier).any() else 0.0
        top = max(top, SMALLEST_TOP)
        digits = max(0, 1 - int(np.floor(np.log10(100 * top))))
        axes.append({"range": [0, top * 1.12], "tickformat": f".{digits}~%", "nticks": 5,
                     "hoverformat": f".{digits + 1}%"})  # fmt: skip
    return axes


def tier_shares(tiers: pd.DataFrame, names: dict[str, str]) -> go.Figure:
    """`tiers` (month, path, tier, share): a panel per tier in its viridis colour, the simulated
    path solid and the no-response path dashed (each tier's two lines one after the other)."""
    colours = palette.tiers(len(names))
    traces = []
    for k, (colour, (tier, name)) in enumerate(zip(colours, names.items(), strict=False)):
        for path, dash in DASH.items():
            rows = tiers[(tiers["tier"] == tier) & (tiers["path"] == path)].sort_values("month")
            label = f"{name} · {t(f'behaviour.path.{path}')}"
            traces.append(
                {"type": "scatter", "name": label, "legendgroup": path, "showlegend": False,
                 "xaxis": f"x{_suffix(k)}", "yaxis": f"y{_suffix(k)}", **_line(path, dash, colour),
                 "x": rows["month"].to_numpy(), "y": rows["share"].to_numpy(dtype=float),
                 "hovertemplate": label + "<br>" + t("behaviour.month_hover") + "<br>%{y}<extra></extra>"}
            )  # fmt: skip
    traces += [_key(path, dash, t(f"behaviour.path.{path}")) for path, dash in DASH.items()]
    x = {"dtick": 3, "range": [0.5, _last_month(tiers) + 0.5]}
    layout = _panels(
        list(names.values()), t("behaviour.axis.month"), t("behaviour.axis.share"), x, _share_axes(tiers, names)
    )
    return go.Figure(traces, layout)


def _last_month(frame: pd.DataFrame) -> int:
    return int(frame["month"].max()) if len(frame) else 1


def cost(costs: pd.DataFrame) -> go.Figure:
    """`costs` (month, path, cost_yuan): the incentives' cost in each month on both paths, yuan
    written the reader's way (3万 in Chinese) on the axis and in the hover."""
    traces = []
    for path, dash in DASH.items():
        rows = costs[costs["path"] == path].sort_values("month")
        values = rows["cost_yuan"].to_numpy(dtype=float)
        label = t(f"behaviour.path.{path}")
        traces.append(
            {"type": "scatter", "name": label, "x": rows["month"].to_numpy(), "y": values,
             **_line(path, dash, palette.QUALITATIVE[0]), "text": [fmt.count(v) for v in values],
             "hovertemplate": label + "<br>" + t("behaviour.month_hover") + "<br>%{text}<extra></extra>"}
        )  # fmt: skip
    top = float(costs["cost_yuan"].max()) if len(costs) else 0.0
    ticks = count_ticks(top)
    ceiling = float(ticks["tickvals"][-1]) if ticks else 1.0  # the tick above every value is drawn
    layout = _layout(t("behaviour.axis.month"), t("behaviour.axis.cost"), height=380,
                     x={"dtick": 1}, y={**ticks, "range": [0, ceiling]})  # fmt: skip
    layout["margin"] = {**layout["margin"], "b": BOTTOM}
    layout["legend"] = LEGEND
    return go.Figure(traces, layout)


def tier_history(history: pd.DataFrame, future: pd.DataFrame | None, names: dict[str, str]) -> go.Figure:
    """`history` (month_end, months_before, tier, share): the data's own tier shares up to its
    as-of date, solid; `future` (month_end, path, tier, share) or None: the stored run's paths
    carried on from that date, the simulated one dotted and the no-response one dashed, so the
    data and the model never look alike. A panel per tier in its colour, as in `tier_shares`;
    months written the reader's way (2025年11月) on a category axis, as the other monthly charts."""
    colours = palette.tiers(len(names))
    last = history[history["months_before"] == 0]
    traces = []
    for k, (colour, (tier, name)) in enumerate(zip(colours, names.items(), strict=False)):
        axes = {"xaxis": f"x{_suffix(k)}", "yaxis": f"y{_suffix(k)}"}
        rows = history[history["tier"] == tier].sort_values("month_end")
        traces.append(_dated(rows, f"{name} · {t('behaviour.history.path')}", axes, _line("data", "solid", colour)))
        if future is None:
            continue
        start = last[last["tier"] == tier][["month_end", "share"]]
        for path, dash in FUTURE_DASH.items():
            ahead = future[(future["tier"] == tier) & (future["path"] == path)].sort_values("month_end")
            rows = pd.concat([start, ahead[["month_end", "share"]]], ignore_index=True)
            label = f"{name} · {t(f'behaviour.path.{path}')}"
            traces.append(_dated(rows, label, axes, _line(path, dash, colour), path))
    traces.append(_key("data", "solid", t("behaviour.history.path")))
    if future is not None:
        traces += [_key(path, dash, t(f"behaviour.path.{path}")) for path, dash in FUTURE_DASH.items()]
    dates = sorted(set(history["month_end"]) | (set() if future is None else set(future["month_end"])))
    months = [fmt.month(d) for d in dates]
    as_of = fmt.month(last["month_end"].iloc[0]) if len(last) else None
    x = {"type": "category", "categoryorder": "array", "categoryarray": months, "tickangle": 0,
         "tickfont": {"size": 11}, "tickvals": _month_ticks(months, as_of)}  # fmt: skip
    shares = pd.concat([history, future]) if future is not None else history
    ys = _share_axes(shares, names)
    layout = _panels(list(names.values()), t("behaviour.history.axis"), t("behaviour.axis.share"), x=x, ys=ys)
    if len(last):  # the data's as-of date, dotted across every panel
        layout["shapes"] = [
            {"type": "line", "xref": f"x{_suffix(k)}", "yref": f"y{_suffix(k)} domain", "x0": as_of, "x1": as_of,
             "y0": 0, "y1": 1, "line": {"color": palette.INK, "dash": "dot", "width": 1}}
            for k in range(len(names))
        ]  # fmt: skip
    return go.Figure(traces, layout)


def _month_ticks(months: list[str], as_of: str | None) -> list[str]:
    """The months labelled under a history panel: the as-of month and every 3, 6, 12 … months from
    it both ways, so that a panel a third of the page wide holds its labels (2025年11月 is wide)."""
    if as_of is None:
        return []
    step = next((s for s in (3, 6, 12, 24, 60) if -(-len(months) // s) <= TICKS), 120)
    at = months.index(as_of)
    return months[at % step :: step]


def _dated(rows: pd.DataFrame, label: str, axes: dict, look: dict, group: str = "data") -> dict:
    return {
        "type": "scatter", "name": label, "legendgroup": group, "showlegend": False, **axes, **look,
        "x": [fmt.month(d) for d in rows["month_end"]], "y": rows["share"].to_numpy(dtype=float),
        "hovertemplate": label + "<br>%{x}<br>%{y}<extra></extra>",
    }  # fmt: skip


# the fan's look: the outer band light and translucent, the inner darker, the median on top in a contrasting ink
OUTER, INNER, MEDIAN = palette.translucent(palette.QUALITATIVE[1], 0.35), palette.QUALITATIVE[1], palette.QUALITATIVE[0]
BANDS = (("p10", "p90", OUTER, "p10_p90"), ("p25", "p75", INNER, "p25_p75"))


def score_fan(quantiles: pd.DataFrame) -> go.Figure:
    """`quantiles` (month, path, p10 … p90): per path side by side (simulated left), the bands
    p10–p90 and p25–p75 and the median line, the no-response median dashed. The score axis spans
    the bands, not the score range: scores crowd near the base, and the full range flattens them."""
    traces = []
    for k, (path, dash) in enumerate(DASH.items()):
        rows = quantiles[quantiles["path"] == path].sort_values("month")
        x, axis = rows["month"].to_numpy(), {"xaxis": f"x{_suffix(k)}", "yaxis": f"y{_suffix(k)}"}
        for low, high, colour, band in BANDS:
            lows, highs = rows[low].to_numpy(dtype=float), rows[high].to_numpy(dtype=float)
            label, group = t(f"behaviour.band.{band}"), {"legendgroup": band, "showlegend": k == 0}
            traces.append(
                {"type": "scatter", "mode": "lines", "x": x, "y": lows, **axis, "line": {"width": 0, "color": colour},
                 "showlegend": False, "hoverinfo": "skip", "legendgroup": band}
            )  # fmt: skip
            traces.append(
                {"type": "scatter", "mode": "lines", "name": label, "x": x, "y": highs, **axis, **group,
                 "fill": "tonexty", "fillcolor": colour, "line": {"width": 0, "color": colour},
                 "text": [f"{fmt.number(a)}–{fmt.number(b)}" for a, b in zip(lows, highs, strict=True)],
                 "hovertemplate": label + "<br>" + t("behaviour.month_hover") + "<br>%{text}<extra></extra>"}
            )  # fmt: skip
        medians = rows["p50"].to_numpy(dtype=float)
        label = f"{t('behaviour.median')} · {t(f'behaviour.path.{path}')}"
        traces.append(
            {"type": "scatter", "mode": "lines+markers", "name": label, "x": x, "y": medians, **axis,
             "legendgroup": "median", "line": {"color": MEDIAN, "dash": dash, "width": 2.5},
             "marker": {"size": 5, "color": MEDIAN}, "text": [fmt.number(v) for v in medians],
             "hovertemplate": label + "<br>" + t("behaviour.month_hover") + "<br>%{text}<extra></extra>"}
        )  # fmt: skip
    titles = [t(f"behaviour.path.{path}") for path in DASH]
    span = {"range": _fan_span(quantiles)}  # one span for both paths, so that their fans compare by eye
    layout = _panels(titles, t("behaviour.axis.month"), t("behaviour.axis.score"), {"dtick": 1}, [span] * 2, columns=2)
    layout["height"] = 440
    layout["legend"] = {**LEGEND, "traceorder": "normal"}
    return go.Figure(traces, layout)


def _fan_span(quantiles: pd.DataFrame) -> list[float] | None:
    """The score axis from the lowest p10 to the highest p90, a twentieth of that to spare each side."""
    if not len(quantiles):
        return None
    low, high = float(quantiles["p10"].min()), float(quantiles["p90"].max())
    spare = max((high - low) / 20, 1.0)
    return [low - spare, high + spare]


TAIL = 0.005  # the share of people left out of view at either end of the histogram


def score_histogram(histogram: pd.DataFrame, month: int) -> go.Figure:
    """`histogram` (month, path, low, high, share): both paths' share of scored people per score
    bin in `month`, side by side, over the bins that hold all but the outer 0.5 % at either end of
    every month together (the same span whichever month is shown, so that months compare by eye;
    a few far scores would otherwise squeeze everyone into needles; a double click shows them)."""
    pooled = histogram.groupby("low", sort=True)[["high", "share"]].agg({"high": "first", "share": "sum"})
    cumulative = pooled["share"].cumsum() / max(pooled["share"].sum(), 1e-12)
    inner = pooled[(cumulative >= TAIL) & (cumulative.shift(fill_value=0) <= 1 - TAIL)]
    span = [float(inner.index.min()), float(inner["high"].max())] if len(inner) else None
    traces = []
    for k, path in enumerate(DASH):
        rows = histogram[(histogram["month"] == month) & (histogram["path"] == path)].sort_values("low")
        low, high = rows["low"].to_numpy(dtype=float), rows["high"].to_numpy(dtype=float)
        label = t(f"behaviour.path.{path}")
        traces.append(
            {"type": "bar", "name": label, "x": (low + high) / 2, "y": rows["share"].to_numpy(dtype=float),
             "marker": {"color": palette.QUALITATIVE[k], "line": {"color": palette.INK, "width": 0.5}},
             "text": [f"{fmt.number(a, 0)}–{fmt.number(b, 0)}" for a, b in zip(low, high, strict=True)],
             "textposition": "none", "hovertemplate": label + "<br>%{text}<br>%{y:.1%}<extra></extra>"}
        )  # fmt: skip
    layout = _layout(t("behaviour.axis.score"), t("behaviour.axis.share"), height=380,
                     x={"range": span}, y={"tickformat": ".0%", "rangemode": "tozero"})  # fmt: skip
    layout["barmode"] = "group"
    layout["bargap"] = 0.05
    layout["margin"] = {**layout["margin"], "b": BOTTOM}
    layout["legend"] = LEGEND
    return go.Figure(traces, layout)
