"""Plotly figures built from pre-binned aggregates (never one point per person).

Colours are neutral greys and blues: in China red means honour (the red list is good news), so
no tier, group or falling score is ever painted red. Fonts name Noto Sans CJK first so that
Chinese labels inside the SVG render with the CJK font the page uses.

Figures are made in one go from plain dicts: every `add_vline` or `update_*` call re-validates
the figure in Python (about 20 ms each), and a figure redraws on every filter change. Charts
with short tick labels get fixed margins instead of Plotly's automatic ones, which make the
browser lay the chart out twice.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from scoring.analyses.summaries import BinnedScores
from ui import fmt
from ui.i18n import t

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, sans-serif"
# Best tier darkest; unscored a light grey so it reads as "outside the scale", not as a tier.
TIER_BLUES = ("#0b3c5d", "#1d5a85", "#3278a8", "#5b97c2", "#8ab3d5", "#b7cfe3", "#d9e4ee")
UNSCORED_GREY = "#b8b8b8"
CATEGORY_COLOURS = (
    "#1f4e79", "#5b9bd5", "#44546a", "#3a7d7c", "#8497b0", "#7f6a93", "#2e75b6", "#6fb1ae",
    "#5f6b6d", "#a99bbd", "#9dc3e6", "#9aa5a8",
)  # fmt: skip
# Neighbouring tier blues are close; a dash pattern each tells their lines apart.
TIER_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
OTHER_GREY = "#d0d0d0"  # the merged remainder of a breakdown (see BinnedScores.largest)
CUTOFF_LINE = "#4d4d4d"
# Room for count ticks (400,000) and an axis title on the left, the score title below.
FIXED_MARGIN = {"l": 88, "r": 10, "t": 30, "b": 56}


def count_ticks(top: float) -> dict:
    """Count ticks for a y axis written the reader's way (12万 in Chinese): Plotly only knows k and M."""
    if top <= 0:
        return {}
    raw = top / 5
    magnitude = 10 ** np.floor(np.log10(raw))
    step = magnitude * next(m for m in (1, 2, 5, 10) if m * magnitude >= raw)
    ticks = np.arange(0, top + step, step)
    return {"tickvals": ticks, "ticktext": [fmt.count(v) for v in ticks]}


def tier_colours(n_tiers: int) -> list[str]:
    """One blue per tier, best darkest, spread over the palette, then the unscored grey."""
    picks = np.linspace(0, len(TIER_BLUES) - 1, n_tiers).round().astype(int)
    return [TIER_BLUES[i] for i in picks] + [UNSCORED_GREY]


def _colour(i: int, label: str, other: str | None) -> str:
    return OTHER_GREY if label == other else CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)]


def _layout(
    x_title: str,
    y_title: str,
    height: int = 420,
    long_labels: bool = False,
    x: dict | None = None,
    y: dict | None = None,
) -> dict:
    """The shared look. Charts whose tick labels are short (numbers, tier names) get fixed
    margins; charts with `long_labels` (district or group names) keep Plotly's automatic ones."""
    grid = {"gridcolor": "#eeeeee"}
    fixed = {} if long_labels else {"automargin": False}
    return {
        "font": {"family": FONT, "size": 13},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10} if long_labels else FIXED_MARGIN,
        "xaxis": {"title": {"text": x_title}, **grid, **fixed, **(x or {})},
        "yaxis": {"title": {"text": y_title}, **grid, **fixed, **(y or {})},
        "legend": {"orientation": "v", "yanchor": "top", "y": 1, "x": 1.02, "font": {"size": 11}},
        "separators": ".,",
        "plot_bgcolor": "white",
    }


def _vline(x: float, text: str, position: str, font_size: int = 11, upright: bool = False) -> tuple[dict, dict]:
    """A dotted vertical line across the plot at `x` and its label, as a layout shape and
    annotation; `position` is "top right", "top left" or "bottom right" of the line inside the
    plot, or "above right" of the plot (clear of any line drawn in it)."""
    vertical, horizontal = position.split()
    y, anchor = {"top": (1, "top"), "bottom": (0, "bottom"), "above": (1, "bottom")}[vertical]
    shape = {
        "type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
        "line": {"color": CUTOFF_LINE, "dash": "dot", "width": 1},
    }  # fmt: skip
    label = {
        "x": x, "xref": "x", "y": y, "yref": "y domain", "text": text,
        "showarrow": False, "xanchor": "left" if horizontal == "right" else "right",
        "yanchor": anchor, "font": {"size": font_size}, **({"textangle": -90} if upright else {}),
    }  # fmt: skip
    return shape, label


def tier_bars(tiers: pd.DataFrame) -> go.Figure:
    """People per tier from `tables.tier_table` (best first, unscored last in grey), the share
    of everyone written on each bar."""
    tier, people, share = tiers[t("col.tier")], tiers[t("col.people")], tiers[t("col.share")]
    bars = {
        "type": "bar", "x": list(tier), "y": people.to_numpy(), "text": [fmt.percent(s) for s in share],
        "marker": {"color": tier_colours(len(tier) - 1)}, "textposition": "outside", "cliponaxis": False,
    }  # fmt: skip
    layout = _layout(t("col.tier"), t("col.people"), height=360, y=count_ticks(float(people.max())))
    return go.Figure([bars], layout)


def ranked_bars(frame: pd.DataFrame, value: str, hover: Sequence[str], x_title: str, origin: float) -> go.Figure:
    """Horizontal bars ranked by `value`, largest on top (districts instead of a map).

    Bars grow from `origin` (the rulebook's base score), not from an arbitrary axis start, so a
    bar's length is the points gained or lost on average and small gaps are not blown up.
    """
    ranked = frame.sort_values(value)
    values = ranked[value].to_numpy()
    bars = {
        "type": "bar", "x": values - origin, "base": origin, "y": list(ranked.index), "orientation": "h",
        "marker": {"color": TIER_BLUES[2]}, "text": [f"{v:.1f}" for v in values], "textposition": "outside",
        "cliponaxis": False, "hovertext": [hover[frame.index.get_loc(i)] for i in ranked.index], "hoverinfo": "text",
    }  # fmt: skip
    low, high = min(np.nanmin(values), origin), max(np.nanmax(values), origin)
    pad = max(high - low, 1.0) * 0.15
    layout = _layout(x_title, "", height=60 + 36 * len(ranked), long_labels=True, x={"range": [low - pad, high + pad]})
    return go.Figure([bars], layout)


def _cutoffs(cutoffs: Sequence[float], tier_ids: Sequence[str], span: tuple[float, float]) -> tuple[list, dict]:
    """The score axis range zoomed to `span` (where the data are), and layout shapes and labels
    drawing the tier cut-offs inside it as dotted vertical lines, each labelled with the tier it
    opens and its lower bound. Labels run upright so that close cut-offs stay legible; cut-offs
    far outside the data are left out rather than squeezing the data into a sliver."""
    low, high = float(span[0]), float(span[1])
    pad = max(high - low, 1.0) * 0.04
    lines = [  # neighbouring labels lean apart
        _vline(cut, f"{tier} ≥ {cut:g}", "top right" if i % 2 == 0 else "top left", upright=True)
        for i, (cut, tier) in enumerate(zip(cutoffs, tier_ids, strict=False))
        if low - pad <= cut <= high + pad
    ]
    return [low - pad, high + pad], {"shapes": [s for s, _ in lines], "annotations": [a for _, a in lines]}


def _histogram(edges: np.ndarray, counts: np.ndarray, labels: Sequence[str], other: str | None) -> list[dict]:
    """Stacked step areas per category over shared bins (counted on the server): one SVG path
    per category instead of one rectangle per bin and category keeps redraws fast."""
    x = np.repeat(edges, 2)[1:-1]  # each bin drawn flat from its left to its right edge
    return [
        {
            "type": "scatter",
            "x": x,
            "y": np.repeat(counts[g], 2),
            "name": label,
            "mode": "lines",
            "stackgroup": "bins",
            "line": {"width": 0.5, "color": _colour(g, label, other)},
            "fillcolor": _colour(g, label, other),
        }
        for g, label in enumerate(labels)
        if counts[g].sum() > 0
    ]


def _ecdf(edges: np.ndarray, shares: np.ndarray, labels: Sequence[str], other: str | None) -> list[dict]:
    """One step line per category: the share scoring at or below each score."""
    return [
        {
            "type": "scatter",
            "x": edges,
            "y": np.concatenate([[0.0], shares[g]]),
            "name": label,
            "mode": "lines",
            "line": {"shape": "hv", "color": _colour(g, label, other)},
        }
        for g, label in enumerate(labels)
        if not np.isnan(shares[g]).all()
    ]


def _boxes(stats: pd.DataFrame) -> list[dict]:
    """Horizontal boxes from precomputed quartiles and whiskers, one per category."""
    shown = stats[stats["people"] > 0]
    box = {
        "type": "box", "y": list(shown.index), "q1": shown["q1"].to_numpy(), "median": shown["median"].to_numpy(),
        "q3": shown["q3"].to_numpy(), "lowerfence": shown["lower"].to_numpy(),
        "upperfence": shown["upper"].to_numpy(), "orientation": "h", "marker": {"color": TIER_BLUES[2]},
        "fillcolor": "#dce8f3", "boxpoints": False,
    }  # fmt: skip
    return [box]


def distribution(
    kind: str, binned: BinnedScores, box: pd.DataFrame, cutoffs: Sequence[float], tier_ids: Sequence[str]
) -> go.Figure:
    """The chosen view ("histogram", "ecdf" or "box") of the binned scores, zoomed to where the
    data are, with the tier cut-offs drawn; a merged remainder (`binned.other`) is grey."""
    score_axis = t("dist.score_axis")
    if kind == "box":
        traces, span = _boxes(box), (box["lower"].min(), box["upper"].max())
        layout = _layout(score_axis, "", max(300, 60 + 30 * len(traces[0]["y"])), long_labels=True)
        layout["yaxis"]["autorange"] = "reversed"
    elif kind == "ecdf":
        edges, shares = binned.ecdf()
        traces, span = _ecdf(edges, shares, binned.labels, binned.other), (edges[0], edges[-1])
        layout = _layout(score_axis, t("dist.share_axis"), y={"tickformat": ".0%", "range": [0, 1.02]})
    else:
        edges, counts = binned.histogram()
        traces, span = _histogram(edges, counts, binned.labels, binned.other), (edges[0], edges[-1])
        layout = _layout(score_axis, t("dist.count_axis"), y=count_ticks(float(counts.sum(axis=0).max())))
    layout["xaxis"]["range"], marks = _cutoffs(cutoffs, tier_ids, span)
    return go.Figure(traces, {**layout, **marks})


def sweep(rows: pd.DataFrame, names: dict[str, str], moving: str, current: float) -> go.Figure:
    """Each tier's share of the scored as one tier's cut-off moves; the current cut-off marked
    by a vertical line. Values that would reorder the tiers are gaps (NaN shares)."""
    colours, tier_ids = tier_colours(len(names)), list(names)
    x = rows["value"].to_numpy()
    lines = [
        {"type": "scatter", "x": x, "y": rows[tier].to_numpy(), "name": names[tier], "mode": "lines",
         "line": {"color": colours[i], "width": 2, "dash": TIER_DASHES[i % len(TIER_DASHES)]}}
        for i, tier in enumerate(tier_ids)
    ]  # fmt: skip
    shape, label = _vline(
        current, t("tiers.sweep_current", tier=names[moving], value=f"{current:g}"), "above right", 12
    )
    layout = _layout(
        t("tiers.sweep_axis", tier=names[moving]), t("tiers.share_axis"), height=380,
        y={"tickformat": ".0%", "rangemode": "tozero"},
    )  # fmt: skip
    return go.Figure(lines, {**layout, "shapes": [shape], "annotations": [label]})


def transition_heatmap(
    shares: pd.DataFrame, counts: pd.DataFrame, rows: Sequence[str], columns: Sequence[str]
) -> go.Figure:
    """Where each baseline tier's people go: cells shaded by the row share, labelled with the
    share and the head count; baseline tiers down the side (best on top), reform tiers across."""
    z = shares.to_numpy(dtype=float)
    text = [
        [f"{fmt.percent(s)}<br>{fmt.count(c)}" if c else "" for s, c in zip(z_row, c_row, strict=True)]
        for z_row, c_row in zip(z, counts.to_numpy(), strict=True)
    ]
    cells = {
        "type": "heatmap", "z": np.nan_to_num(z), "x": list(columns), "y": list(rows), "text": text,
        "texttemplate": "%{text}", "hoverinfo": "text", "zmin": 0, "zmax": 1, "xgap": 1, "ygap": 1,
        "colorscale": [[0, "#f4f7fa"], [1, TIER_BLUES[1]]], "colorbar": {"tickformat": ".0%"},
    }  # fmt: skip
    layout = _layout(t("cmp.axis.reform_tier"), t("cmp.axis.baseline_tier"), height=120 + 48 * len(rows))
    layout["yaxis"]["autorange"] = "reversed"
    layout["margin"] = {**FIXED_MARGIN, "l": 110}
    return go.Figure([cells], layout)


def score_change_bars(bins: pd.DataFrame) -> go.Figure:
    """People per score-change bin (from `score_changes`), no change in the middle bin."""
    centres = ((bins["low"] + bins["high"]) / 2).to_numpy()
    width = float((bins["high"] - bins["low"]).iloc[0]) if len(bins) else 1.0
    people = bins["people"].to_numpy()
    bars = {"type": "bar", "x": centres, "y": people, "width": width * 0.95, "marker": {"color": TIER_BLUES[2]}}
    layout = _layout(t("cmp.axis.change"), t("col.people"), height=340, y=count_ticks(float(people.max(initial=0))))
    return go.Figure([bars], layout)
