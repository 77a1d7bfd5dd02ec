"""Plotly figures built from pre-binned aggregates (never one point per person).

Colours are neutral greys and blues: in China red means honour (the red list is good news), so
no tier, group or falling score is ever painted red. Fonts name Noto Sans CJK first so that
Chinese labels inside the SVG render with the CJK font the page uses.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from scoring.summaries import BinnedScores
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
CUTOFF_LINE = "#4d4d4d"


def count_ticks(fig: go.Figure, top: float) -> go.Figure:
    """Count ticks on y written the reader's way (12万 in Chinese): Plotly only knows k and M."""
    if top > 0:
        raw = top / 5
        magnitude = 10 ** np.floor(np.log10(raw))
        step = magnitude * next(m for m in (1, 2, 5, 10) if m * magnitude >= raw)
        ticks = np.arange(0, top + step, step)
        fig.update_yaxes(tickvals=ticks, ticktext=[fmt.count(v) for v in ticks])
    return fig


def tier_colours(n_tiers: int) -> list[str]:
    """One blue per tier, best darkest, spread over the palette, then the unscored grey."""
    picks = np.linspace(0, len(TIER_BLUES) - 1, n_tiers).round().astype(int)
    return [TIER_BLUES[i] for i in picks] + [UNSCORED_GREY]


def _colour(i: int) -> str:
    return CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)]


def _layout(fig: go.Figure, x_title: str, y_title: str, height: int = 420) -> go.Figure:
    fig.update_layout(
        font={"family": FONT, "size": 13},
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis_title=x_title,
        yaxis_title=y_title,
        legend={"orientation": "v", "yanchor": "top", "y": 1, "x": 1.02, "font": {"size": 11}},
        separators=".,",
        plot_bgcolor="white",
    )
    fig.update_xaxes(gridcolor="#eeeeee")
    fig.update_yaxes(gridcolor="#eeeeee")
    return fig


def tier_bars(tiers: pd.DataFrame) -> go.Figure:
    """People per tier from `tables.tier_table` (best first, unscored last in grey), the share
    of everyone written on each bar."""
    tier, people, share = tiers[t("col.tier")], tiers[t("col.people")], tiers[t("col.share")]
    fig = go.Figure(
        go.Bar(x=list(tier), y=people.to_numpy(), text=list(share), marker_color=tier_colours(len(tier) - 1))
    )
    fig.update_traces(textposition="outside", cliponaxis=False)
    return count_ticks(_layout(fig, t("col.tier"), t("col.people"), height=360), float(people.max()))


def ranked_bars(frame: pd.DataFrame, value: str, hover: Sequence[str], x_title: str, origin: float) -> go.Figure:
    """Horizontal bars ranked by `value`, largest on top (districts instead of a map).

    Bars grow from `origin` (the rulebook's base score), not from an arbitrary axis start, so a
    bar's length is the points gained or lost on average and small gaps are not blown up.
    """
    ranked = frame.sort_values(value)
    values = ranked[value].to_numpy()
    fig = go.Figure(
        go.Bar(
            x=values - origin, base=origin, y=list(ranked.index), orientation="h", marker_color=TIER_BLUES[2],
            text=[f"{v:.1f}" for v in values], textposition="outside", cliponaxis=False,
            hovertext=[hover[frame.index.get_loc(i)] for i in ranked.index], hoverinfo="text",
        )
    )  # fmt: skip
    low, high = min(np.nanmin(values), origin), max(np.nanmax(values), origin)
    pad = max(high - low, 1.0) * 0.15
    fig.update_xaxes(range=[low - pad, high + pad])
    return _layout(fig, x_title, "", height=60 + 36 * len(ranked))


def add_cutoffs(
    fig: go.Figure, cutoffs: Sequence[float], tier_ids: Sequence[str], span: tuple[float, float]
) -> go.Figure:
    """Zoom the score axis to `span` (where the data are) and draw the tier cut-offs inside it
    as dotted vertical lines labelled with the tier they open and its lower bound. Labels run
    upright so that close cut-offs stay legible; cut-offs far outside the data are left out
    rather than squeezing the data into a sliver of the chart."""
    low, high = float(span[0]), float(span[1])
    pad = max(high - low, 1.0) * 0.04
    for i, (cut, tier) in enumerate(zip(cutoffs, tier_ids, strict=False)):
        if low - pad <= cut <= high + pad:
            fig.add_vline(
                x=cut, line_dash="dot", line_color=CUTOFF_LINE, line_width=1, annotation_text=f"{tier} ≥ {cut:g}",
                annotation_position="top right" if i % 2 == 0 else "top left",  # neighbours lean apart
                annotation_textangle=-90, annotation_font_size=11,
            )  # fmt: skip
    fig.update_xaxes(range=[low - pad, high + pad])
    return fig


def histogram(edges: np.ndarray, counts: np.ndarray, labels: Sequence[str], x_title: str, y_title: str) -> go.Figure:
    """Stacked step areas per category over shared bins (counted on the server): one SVG path
    per category instead of one rectangle per bin and category keeps redraws fast."""
    x = np.repeat(edges, 2)[1:-1]  # each bin drawn flat from its left to its right edge
    fig = go.Figure(
        [
            go.Scatter(
                x=x,
                y=np.repeat(counts[g], 2),
                name=label,
                mode="lines",
                stackgroup="bins",
                line={"width": 0.5, "color": _colour(g)},
                fillcolor=_colour(g),
            )  # fmt: skip
            for g, label in enumerate(labels)
            if counts[g].sum() > 0
        ]
    )
    return count_ticks(_layout(fig, x_title, y_title), float(counts.sum(axis=0).max()))


def ecdf(edges: np.ndarray, shares: np.ndarray, labels: Sequence[str], x_title: str, y_title: str) -> go.Figure:
    """One step line per category: the share scoring at or below each score."""
    x = np.concatenate([edges[:1], edges[1:]])
    fig = go.Figure(
        [
            go.Scatter(
                x=x,
                y=np.concatenate([[0.0], shares[g]]),
                name=label,
                mode="lines",
                line_shape="hv",
                line_color=_colour(g),
            )
            for g, label in enumerate(labels)
            if not np.isnan(shares[g]).all()
        ]
    )
    fig.update_yaxes(tickformat=".0%", range=[0, 1.02])
    return _layout(fig, x_title, y_title)


def boxes(stats: pd.DataFrame, x_title: str) -> go.Figure:
    """Horizontal boxes from precomputed quartiles and whiskers, one per category."""
    shown = stats[stats["people"] > 0]
    fig = go.Figure(
        go.Box(
            y=list(shown.index), q1=shown["q1"], median=shown["median"], q3=shown["q3"],
            lowerfence=shown["lower"], upperfence=shown["upper"], orientation="h",
            marker_color=TIER_BLUES[2], fillcolor="#dce8f3", boxpoints=False,
        )
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, x_title, "", height=max(300, 60 + 30 * len(shown)))


def distribution(
    kind: str, binned: BinnedScores, box: pd.DataFrame, cutoffs: Sequence[float], tier_ids: Sequence[str]
) -> go.Figure:
    """The chosen view ("histogram", "ecdf" or "box") of the binned scores, zoomed to where the
    data are, with the tier cut-offs drawn."""
    score_axis = t("dist.score_axis")
    if kind == "histogram":
        edges, counts = binned.histogram()
        fig, span = histogram(edges, counts, binned.labels, score_axis, t("dist.count_axis")), (edges[0], edges[-1])
    elif kind == "ecdf":
        edges, shares = binned.ecdf()
        fig, span = ecdf(edges, shares, binned.labels, score_axis, t("dist.share_axis")), (edges[0], edges[-1])
    else:
        fig, span = boxes(box, score_axis), (box["lower"].min(), box["upper"].max())
    return add_cutoffs(fig, cutoffs, tier_ids, span)


def sweep(rows: pd.DataFrame, tier_ids: Sequence[str], moving: str, current: float) -> go.Figure:
    """Each tier's share of the scored as one tier's cut-off moves; the current cut-off marked
    by a vertical line. Values that would reorder the tiers are gaps (NaN shares)."""
    colours = tier_colours(len(tier_ids))
    x = rows["value"].to_numpy()
    fig = go.Figure(
        [
            go.Scatter(x=x, y=rows[tier].to_numpy(), name=tier, mode="lines", line={"color": colours[i], "width": 2})
            for i, tier in enumerate(tier_ids)
        ]
    )
    fig.add_vline(
        x=current, line_dash="dot", line_color=CUTOFF_LINE, line_width=1,
        annotation_text=t("tiers.sweep_current", tier=moving, value=f"{current:g}"), annotation_font_size=12,
        annotation_position="bottom right",
    )  # fmt: skip
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return _layout(fig, t("tiers.sweep_axis", tier=moving), t("tiers.share_axis"), height=380)
