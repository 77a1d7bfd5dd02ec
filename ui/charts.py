"""Plotly figures built from pre-binned aggregates (never one point per person).

Colours come from ui/palette.py: a colour-blind-safe qualitative scheme for groups, a sequential
ramp for tiers, greys for the unscored and merged remainders; in China red means honour (the red
list is good news), so no tier, group or falling score is ever painted red. Fonts name Noto Sans CJK first so that
Chinese labels inside the SVG render with the CJK font the page uses.

Figures are made in one go from plain dicts: every `add_vline` or `update_*` call re-validates
the figure in Python (about 20 ms each), and a figure redraws on every filter change. Charts
with short tick labels get fixed margins instead of Plotly's automatic ones, which make the
browser lay the chart out twice.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from scoring.analyses.summaries import UNSCORED, BinnedScores
from ui import fmt, palette
from ui.i18n import t
from ui.tables import EMPTY as EMPTY_MARK

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, sans-serif"
# Neighbouring tier colours can be close; a dash pattern each tells their lines apart.
TIER_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
GAIN, LOSS = palette.QUALITATIVE[0], palette.QUALITATIVE[5]  # mean above / below the base score
# Room for count ticks (400,000) and an axis title on the left, the score title below.
FIXED_MARGIN = {"l": 88, "r": 10, "t": 30, "b": 56}
LABEL_SIZE = 11  # cut-off labels
BAND_ROW = 17  # px per row of cut-off labels in the band above the plot
STACKING = ("down_1", "down_2", "up_1", "up_2")  # moves in the order they stack out from zero
PLOT_WIDTH = 600  # px a score axis is taken to span when packing its labels (narrowest usual column)


def count_ticks(top: float) -> dict:
    """Count ticks for a y axis written the reader's way (12万 in Chinese): Plotly only knows k and M."""
    if top <= 0:
        return {}
    raw = top / 5
    magnitude = 10 ** np.floor(np.log10(raw))
    step = magnitude * next(m for m in (1, 2, 5, 10) if m * magnitude >= raw)
    ticks = np.arange(0, top + step, step)
    return {"tickvals": ticks, "ticktext": [fmt.count(v) for v in ticks]}


def _colour(i: int, label: str, other: str | None) -> str:
    return palette.OTHER_GREY if label == other else palette.category(i)


def _layout(
    x_title: str,
    y_title: str,
    height: int = 420,
    long_labels: bool = False,
    x: dict | None = None,
    y: dict | None = None,
) -> dict:
    """The shared look. Charts whose tick labels are short (numbers, tier names) get fixed
    margins; charts with `long_labels` (district or group names) get Plotly's automatic ones,
    asked for explicitly: Streamlit's theme turns them on, a downloaded HTML chart has no theme."""
    grid = {"gridcolor": "#eeeeee"}
    fixed = {"automargin": bool(long_labels)}
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
        "line": {"color": palette.INK, "dash": "dot", "width": 1},
    }  # fmt: skip
    label = {
        "x": x, "xref": "x", "y": y, "yref": "y domain", "text": text,
        "showarrow": False, "xanchor": "left" if horizontal == "right" else "right",
        "yanchor": anchor, "font": {"size": font_size}, **({"textangle": -90} if upright else {}),
    }  # fmt: skip
    return shape, label


def tier_bars(tiers: pd.DataFrame) -> go.Figure:
    """People per tier from `tables.tier_table` (best first, unscored last in hatched grey), the
    share of everyone written on each bar."""
    tier, people, share = tiers[t("col.tier")], tiers[t("col.people")], tiers[t("col.share")]
    bars = {
        "type": "bar", "x": list(tier), "y": people.to_numpy(), "text": [fmt.percent(s) for s in share],
        "marker": {"color": palette.tiers(len(tier) - 1), "line": {"color": palette.INK, "width": 0.5},
                   "pattern": {"shape": [""] * (len(tier) - 1) + ["/"], "fgcolor": "#ffffff"}},
        "textposition": "outside", "cliponaxis": False,
    }  # fmt: skip
    layout = _layout(t("col.tier"), t("col.people"), height=360, y=count_ticks(float(people.max())))
    return go.Figure([bars], layout)


def ranked_bars(frame: pd.DataFrame, value: str, hover: Sequence[str], x_title: str, origin: float) -> go.Figure:
    """Horizontal bars ranked by `value`, largest on top (districts instead of a map), diverging
    from `origin` (the rulebook's base score) at a marked base line.

    A bar is the points gained (to the right) or lost (to the left, in another colour) on
    average, so small gaps are not blown up by an arbitrary axis start, and when every value is
    below the base (a base of 1000 with deductions only) the bars read as losses from the base,
    not as lengths that shrink toward the top.
    """
    ranked = frame.sort_values(value)
    values = ranked[value].to_numpy(dtype=float)
    change = values - origin
    bars = {
        "type": "bar", "x": change, "base": origin, "y": list(ranked.index), "orientation": "h",
        "marker": {"color": [LOSS if d < 0 else GAIN for d in change]},
        "text": ["" if np.isnan(v) else f"{v:.1f}" for v in values], "textposition": "outside", "cliponaxis": False,
        "hovertext": [hover[frame.index.get_loc(i)] for i in ranked.index], "hoverinfo": "text",
    }  # fmt: skip
    low, high = min(np.nanmin(values, initial=origin), origin), max(np.nanmax(values, initial=origin), origin)
    pad = max(high - low, 1.0) * 0.15
    layout = _layout(
        x_title,
        "",
        height=70 + 30 * len(ranked),
        long_labels=True,
        x={"range": [low - pad, high + pad], "zeroline": False, "tickformat": ".6~r"},
    )
    side = "right" if high <= origin else "left" if low >= origin else "center"  # the label away from the bars
    base_line = {
        "type": "line", "x0": origin, "x1": origin, "xref": "x", "y0": 0, "y1": 1, "yref": "paper",
        "line": {"color": palette.INK, "width": 1.5},
    }  # fmt: skip
    base_label = {
        "x": origin, "xref": "x", "y": 1, "yref": "paper", "yanchor": "bottom", "xanchor": side,
        "text": t("chart.base", base=f"{origin:g}"), "showarrow": False, "font": {"size": LABEL_SIZE},
    }  # fmt: skip
    layout["margin"] = {**layout["margin"], "t": 34}
    return go.Figure([bars], {**layout, "shapes": [base_line], "annotations": [base_label]})


def tier_mix(profile: pd.DataFrame, names: dict[str, str], x_title: str) -> go.Figure:
    """Each group's tier mix as one 100 % bar (best tier on the left, the unscored last in
    grey), groups in the order of `profile` (ranked by mean score, the first on top). `profile`
    has a share column per tier id and `unscored` (summaries.group_profile)."""
    columns = [*names, UNSCORED]
    labels = [*names.values(), t("tier.unscored")]
    groups = list(profile.index[::-1])  # Plotly draws the first category at the bottom
    bars = [
        {
            "type": "bar", "orientation": "h", "y": groups, "x": profile[column].to_numpy()[::-1], "name": label,
            "marker": {"color": colour, "line": {"color": "#ffffff", "width": 0.5}},
            "hovertemplate": f"%{{y}}<br>{label}: %{{x:.1%}}<extra></extra>",
        }
        for column, label, colour in zip(columns, labels, palette.tiers(len(names)), strict=True)
    ]  # fmt: skip
    layout = _layout(
        x_title, "", height=90 + 24 * len(groups), long_labels=True, x={"tickformat": ".0%", "range": [0, 1]}
    )
    layout["legend"] = {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "traceorder": "normal"}
    layout["margin"] = {**layout["margin"], "t": 40}
    return go.Figure(bars, {**layout, "barmode": "stack"})


def _label_width(text: str) -> float:
    """About how many px a label takes at LABEL_SIZE: CJK characters are square, Latin ones narrow."""
    return sum(LABEL_SIZE if unicodedata.east_asian_width(c) in "WF" else 0.62 * LABEL_SIZE for c in text)


def _rows(spans: Sequence[tuple[float, float, float | None]]) -> list[int]:
    """A row per label (left, right and the px its leader line rises from, or None): each takes
    the lowest row where it overlaps no label and no leader line crosses it, so close cut-offs
    are staggered rather than written over each other or struck through."""
    placed: list[tuple[int, float, float, float | None]] = []
    rows = [0] * len(spans)

    def fits(row: int, left: float, right: float, at: float | None) -> bool:
        for other, start, end, leader in placed:
            if other == row and not (end + 6 <= left or right + 6 <= start):
                return False
            if other < row and at is not None and start - 3 <= at <= end + 3:
                return False  # this label's leader would strike through a lower label
            if other > row and leader is not None and left - 3 <= leader <= right + 3:
                return False  # a higher label's leader would strike through this one
        return True

    # Labels with a leader first (edge markers have none, so they can move up out of the way);
    # when an earlier label covers a leader's foot in every row, only overlaps are avoided.
    for i in sorted(range(len(spans)), key=lambda i: (spans[i][2] is None, spans[i][0])):
        left, right, at = spans[i]
        clear = next((r for r in range(len(spans) + 1) if fits(r, left, right, at)), None)
        rows[i] = clear if clear is not None else next(r for r in range(len(spans) + 1) if fits(r, left, right, None))
        placed.append((rows[i], left, right, at))
    return rows


def _cutoffs(
    cutoffs: Sequence[float], tier_names: Sequence[str], span: tuple[float, float], outside: Sequence[int] = (0, 0)
) -> tuple[list, dict, int]:
    """The score axis range zoomed to `span` (where the data are), the tier cut-offs in it as
    dotted lines, and their labels (tier and lower bound) in a band above the plot, clear of the
    bars and staggered when close. Cut-offs outside the view are not dropped: each edge gets one
    marker naming them ("◀ 较差 ≥ 300") and the people `outside` (below, above) the view.
    Returns the range, shapes and annotations, and the band's height for the top margin."""
    low, high = float(span[0]), float(span[1])
    pad = max(high - low, 1.0) * 0.04
    left, right = low - pad, high + pad
    named = [(float(cut), tier) for cut, tier in zip(cutoffs, tier_names, strict=False)]
    below = [f"{tier} ≥ {cut:g}" for cut, tier in sorted(named, reverse=True) if cut < left]
    above = [f"{tier} ≥ {cut:g}" for cut, tier in sorted(named) if cut > right]
    below += [t("dist.beyond", n=fmt.count(outside[0]))] if outside[0] else []
    above += [t("dist.beyond", n=fmt.count(outside[1]))] if outside[1] else []
    labels: list[tuple[dict, tuple[float, float, float | None]]] = []
    for cut, tier in named:
        if left <= cut <= right:
            text, at = f"{tier} ≥ {cut:g}", (cut - left) / (right - left) * PLOT_WIDTH
            width = _label_width(text)
            anchor = "left" if at - width / 2 < 0 else "right" if at + width / 2 > PLOT_WIDTH else "center"
            start = {"left": at, "right": at - width, "center": at - width / 2}[anchor]
            labels.append(({"x": cut, "xref": "x", "xanchor": anchor, "text": text}, (start, start + width, at)))
    if below:
        text = "◀ " + " · ".join(below)
        labels.append(({"x": 0, "xref": "paper", "xanchor": "left", "text": text}, (0, _label_width(text), None)))
    if above:
        text = " · ".join(above) + " ▶"
        labels.append(
            (
                {"x": 1, "xref": "paper", "xanchor": "right", "text": text},
                (PLOT_WIDTH - _label_width(text), PLOT_WIDTH, None),
            )
        )
    rows = _rows([s for _, s in labels])
    annotations, shapes = [], []
    for (label, _), row in zip(labels, rows, strict=True):
        lift = 3 + row * BAND_ROW
        annotations.append({
            **label, "y": 1, "yref": "paper", "yanchor": "bottom", "yshift": lift, "showarrow": False,
            "font": {"size": LABEL_SIZE},
        })  # fmt: skip
        if label["xref"] == "x":  # the line through the plot and a leader up to its label
            line = {"color": palette.INK, "dash": "dot", "width": 1}
            shapes.append({"type": "line", "x0": label["x"], "x1": label["x"], "xref": "x", "y0": 0, "y1": 1,
                           "yref": "paper", "line": line})  # fmt: skip
            shapes.append({"type": "line", "x0": label["x"], "x1": label["x"], "xref": "x", "yref": "paper",
                           "ysizemode": "pixel", "yanchor": 1, "y0": 0, "y1": lift, "line": line})  # fmt: skip
    band = 8 + BAND_ROW * (max(rows) + 1) if rows else 0
    return [left, right], {"shapes": shapes, "annotations": annotations}, band


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
    """Horizontal boxes from precomputed quartiles and whiskers, one per category, and where the
    scores reach beyond a whisker, a mark at that category's lowest or highest score: what lies
    out there is shown by its extent, not by one point per person."""
    shown = stats[stats["people"] > 0]
    box = {
        "type": "box", "y": list(shown.index), "q1": shown["q1"].to_numpy(), "median": shown["median"].to_numpy(),
        "q3": shown["q3"].to_numpy(), "lowerfence": shown["lower"].to_numpy(),
        "upperfence": shown["upper"].to_numpy(), "orientation": "h", "marker": {"color": palette.QUALITATIVE[0]},
        "line": {"color": palette.QUALITATIVE[0]}, "fillcolor": "#d6d3e8", "boxpoints": False,
        "name": t("dist.box_name"), "hoverinfo": "x",
    }  # fmt: skip
    low, high = shown[shown["min"] < shown["lower"]], shown[shown["max"] > shown["upper"]]
    extremes = {
        "type": "scatter", "mode": "markers", "name": t("dist.extremes"),
        "x": np.concatenate([low["min"].to_numpy(), high["max"].to_numpy()]), "y": [*low.index, *high.index],
        "marker": {"symbol": "line-ns-open", "size": 14, "color": palette.INK, "line": {"width": 2}},
        "hovertext": [t("dist.lowest", value=f"{v:g}") for v in low["min"]]
        + [t("dist.highest", value=f"{v:g}") for v in high["max"]],
        "hoverinfo": "text+y",
    }  # fmt: skip
    return [box, extremes] if len(extremes["y"]) else [box]


def distribution(
    kind: str, binned: BinnedScores, box: pd.DataFrame, cutoffs: Sequence[float], tier_names: Sequence[str]
) -> go.Figure:
    """The chosen view ("histogram", "ecdf" or "box") of the binned scores, zoomed to where the
    data are, with the tier cut-offs drawn (or marked at the edge); a merged remainder
    (`binned.other`) is grey."""
    score_axis = t("dist.score_axis")
    outside = (0, 0)
    if kind == "box":
        traces, span = _boxes(box), (box["min"].min(), box["max"].max())
        layout = _layout(score_axis, "", max(300, 60 + 30 * len(traces[0]["y"])), long_labels=True)
        layout["yaxis"]["autorange"] = "reversed"
    else:
        low, high, *outside = binned.central()
        span = (low, high)
    if kind == "ecdf":
        edges, shares = binned.ecdf(within=span)
        traces = _ecdf(edges, shares, binned.labels, binned.other)
        layout = _layout(score_axis, t("dist.share_axis"), y={"tickformat": ".0%", "range": [0, 1.02]})
    elif kind == "histogram":
        edges, counts = binned.histogram(within=span)
        traces = _histogram(edges, counts, binned.labels, binned.other)
        layout = _layout(score_axis, t("dist.count_axis"), y=count_ticks(float(counts.sum(axis=0).max())))
    layout["xaxis"]["range"], marks, band = _cutoffs(cutoffs, tier_names, span, outside)
    layout["margin"] = {**layout["margin"], "t": max(layout["margin"]["t"], band)}
    return go.Figure(traces, {**layout, **marks})


def sweep(rows: pd.DataFrame, names: dict[str, str], moving: str, current: float) -> go.Figure:
    """Each tier's share of the scored as one tier's cut-off moves; the current cut-off marked
    by a vertical line. Values that would reorder the tiers are gaps (NaN shares)."""
    colours, tier_ids = palette.tiers(len(names)), list(names)
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


def _cell_text(share: float, count: float) -> str:
    """A transition cell's label: share and head count, nothing for an empty cell, a dash for a
    cell hidden as too small to show (its count is missing)."""
    if count != count:
        return "—"
    return f"{fmt.percent(share)}<br>{fmt.count(count)}" if count else ""


def transition_heatmap(
    shares: pd.DataFrame, counts: pd.DataFrame, rows: Sequence[str], columns: Sequence[str]
) -> go.Figure:
    """Where each baseline tier's people go: cells shaded by the row share, labelled with the
    share and the head count; baseline tiers down the side (best on top), reform tiers across."""
    z = shares.to_numpy(dtype=float)
    text = [
        [_cell_text(s, c) for s, c in zip(z_row, c_row, strict=True)]
        for z_row, c_row in zip(z, counts.to_numpy(), strict=True)
    ]
    cells = {
        "type": "heatmap", "z": np.nan_to_num(z), "x": list(columns), "y": list(rows), "text": text,
        "texttemplate": "%{text}", "hoverinfo": "text", "zmin": 0, "zmax": 1, "xgap": 1, "ygap": 1,
        "colorscale": [[0, "#f7f7f7"], [1, GAIN]], "colorbar": {"tickformat": ".0%"},
    }  # fmt: skip
    layout = _layout(t("cmp.axis.reform_tier"), t("cmp.axis.baseline_tier"), height=120 + 48 * len(rows))
    layout["yaxis"]["autorange"] = "reversed"
    layout["margin"] = {**FIXED_MARGIN, "l": 110}
    return go.Figure([cells], layout)


def score_change_bars(bins: pd.DataFrame, x_title: str) -> go.Figure:
    """People per change bin (`score_changes` in points, `rank_changes` in percentile points),
    no change in the middle bin."""
    centres = ((bins["low"] + bins["high"]) / 2).to_numpy()
    width = float((bins["high"] - bins["low"]).iloc[0]) if len(bins) else 1.0
    people = bins["people"].to_numpy()
    # Losses and gains as the ranked bars draw them; the bin of no change is neither.
    colours = [LOSS if c < 0 else GAIN if c > 0 else palette.NO_CHANGE for c in centres]
    bars = {"type": "bar", "x": centres, "y": people, "width": width * 0.95, "marker": {"color": colours}}
    layout = _layout(x_title, t("col.people"), height=340, y=count_ticks(float(people.max(initial=0))))
    return go.Figure([bars], layout)


# The Lists page (issue 13): one list per chart, a line per group.
def list_sizes_by_group(sizes: pd.DataFrame, kind: str, log: bool = False) -> go.Figure:
    """One list's size per group at each month's end (from `list_tables.sizes_by_group`), a line
    per group: a colour each, and past the palette's seven colours a dash pattern as well, so
    that no two groups look alike; `log` for a logarithmic axis (one large group, many small)."""
    months = [fmt.month(m) for m in sizes.index]
    n = len(palette.QUALITATIVE)
    lines = [
        {"type": "scatter", "x": months, "y": sizes[group].to_numpy(), "name": group, "mode": "lines+markers",
         "line": {"color": palette.category(i), "width": 2, "dash": TIER_DASHES[(i // n) % len(TIER_DASHES)]},
         "hovertext": [fmt.count(v) for v in sizes[group]], "hoverinfo": "x+text+name"}
        for i, group in enumerate(sizes.columns)
    ]  # fmt: skip
    top = float(sizes.to_numpy().max(initial=0))
    axis = {"type": "log"} if log else {**count_ticks(top), "rangemode": "tozero"}
    layout = _layout(t("lists.month"), t("lists.flows_axis_list", list=t(f"list.{kind}")), height=420, y=axis)
    layout["xaxis"].update({"type": "category", "nticks": 12})
    layout["legend"] = {"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0, "font": {"size": 11}}
    return go.Figure(lines, layout)


def incentive_cost_bars(names: Sequence[str], after: np.ndarray, before: np.ndarray | None = None) -> go.Figure:
    """Each incentive's yearly cost in yuan as a horizontal bar; with `before` (the preset the
    working rulebook was edited from), the cost before beside the cost now."""
    now = "rewards.series.cost" if before is None else "rewards.series.after"
    series = [] if before is None else [("rewards.series.before", before, palette.QUALITATIVE[1])]
    series.append((now, after, palette.QUALITATIVE[0]))
    bars = [
        {"type": "bar", "orientation": "h", "y": list(names), "x": np.asarray(values, dtype=float), "name": t(label),
         "marker": {"color": colour}, "text": [fmt.count(round(v)) for v in values], "textposition": "outside",
         "cliponaxis": False, "hoverinfo": "y+text+name"}
        for label, values, colour in series
    ]  # fmt: skip
    height = 90 + 40 * len(names) * len(series)
    top = max((float(np.max(values)) for _, values, _ in series if len(values)), default=0.0)
    # 3万 in Chinese, as the bars' own labels; a quarter of the longest bar to spare, so that its
    # label outside the bar (624,960) is never cut off at the plot's edge
    x = {**count_ticks(top), "range": [0, top * 1.25 if top > 0 else 1]}
    layout = _layout(t("rewards.cost_axis"), "", height=height, long_labels=True, x=x)
    layout["yaxis"]["autorange"] = "reversed"
    layout["barmode"] = "group"
    layout["showlegend"] = before is not None
    layout["legend"] = {"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0, "font": {"size": 11}}
    return go.Figure(bars, layout)


def participation_bars(
    labels: Sequence[str], shares: np.ndarray, sizes: np.ndarray, took_part: np.ndarray, target: float, stretch: float
) -> go.Figure:
    """Each group's repair participation as a horizontal bar, groups behind the target in sand,
    the others in teal, one legend entry each; the target and the stretch as dotted lines. The
    shares are written in a column right of the plot, where no line or bar crosses them, and the
    hover says the group's size; a hidden group (NaN share: too few people) has no bar and "—"."""
    shares = np.asarray(shares, dtype=float)
    shown = ~np.isnan(shares)
    meets = shown & (np.nan_to_num(shares) >= target - 1e-12)
    names = np.asarray(labels, dtype=object)
    hover = [
        t("repair.hover", share=fmt.percent(s), took=fmt.count(k), n=fmt.count(n)) if ok else EMPTY_MARK
        for s, k, n, ok in zip(shares, np.nan_to_num(took_part), np.nan_to_num(sizes), shown, strict=True)
    ]
    hover = np.asarray(hover, dtype=object)
    bars = [
        {
            "type": "bar", "orientation": "h", "y": list(names[mask]), "x": shares[mask],
            "name": t(f"repair.legend.{name}"), "marker": {"color": colour},
            "hovertext": list(hover[mask]), "hoverinfo": "y+text",
        }
        for name, mask, colour in (("met", meets, GAIN), ("behind", shown & ~meets, LOSS))
    ]  # fmt: skip
    values = {
        "type": "scatter", "mode": "text", "y": list(names), "x": np.ones(len(names)),
        "text": [fmt.percent(s) if ok else EMPTY_MARK for s, ok in zip(shares, shown, strict=True)],
        "textposition": "middle right", "cliponaxis": False, "showlegend": False, "hoverinfo": "skip",
        "textfont": {"color": palette.INK, "size": 11},
    }  # fmt: skip
    marks = [
        _vline(target, t("repair.target_line", share=fmt.percent(target, 0)), "above left"),
        _vline(stretch, t("repair.stretch_line", share=fmt.percent(stretch, 0)), "above left"),
    ]
    layout = _layout(
        t("repair.share_axis"), "", height=80 + 32 * len(labels), long_labels=True,
        x={"tickformat": ".0%", "range": [0, 1]},
    )  # fmt: skip
    layout["yaxis"].update({"autorange": "reversed", "categoryorder": "array", "categoryarray": list(labels)})
    layout["margin"] = {**layout["margin"], "t": 40, "r": 70}
    layout["legend"] = {**layout["legend"], "x": 1.1}
    return go.Figure([*bars, values], {**layout, "shapes": [s for s, _ in marks], "annotations": [a for _, a in marks]})


def repair_funnel(stages: Sequence[str], counts: Sequence[int]) -> go.Figure:
    """Black-list entries at each stage of credit repair, widest first; each bar says its count
    and its share of the first stage."""
    counts = np.asarray(counts, dtype=np.int64)
    first = max(int(counts[0]), 1) if len(counts) else 1
    funnel = {
        "type": "funnel", "y": list(stages), "x": counts, "marker": {"color": palette.QUALITATIVE[2]},
        "text": [f"{fmt.count(c)} · {fmt.percent(c / first)}" for c in counts], "textinfo": "text",
        "hoverinfo": "y+text", "connector": {"fillcolor": "#eeeeee"},
    }  # fmt: skip
    layout = _layout("", "", height=80 + 52 * len(stages), long_labels=True)
    return go.Figure([funnel], layout)


def resolution_histogram(distribution: pd.DataFrame, sla_days: int) -> go.Figure:
    """Objections answered after each number of days (`objection_times.resolution_days`), in
    time in teal and late in sand, the limit as a dotted line; the last bar holds every longer wait."""
    days = distribution["days"].to_numpy()
    labels = [str(d) for d in days[:-1]] + [t("objections.days_or_more", days=int(days[-1]))]
    in_time = distribution["in_time"].to_numpy()
    late = distribution["answered"].to_numpy() - in_time
    bars = [
        {"type": "bar", "x": labels, "y": values, "name": t(f"objections.legend.{name}"), "marker": {"color": colour},
         "hovertext": [fmt.count(v) for v in values], "hoverinfo": "x+text+name"}
        for name, values, colour in (("in_time", in_time, GAIN), ("late", late, LOSS))
    ]  # fmt: skip
    limit = _vline(sla_days + 0.5, t("objections.limit_line", days=sla_days), "above left")
    top = float(distribution["answered"].max()) if len(distribution) else 0.0
    layout = _layout(t("objections.days_axis"), t("objections.answered_axis"), height=340, y=count_ticks(top))
    layout["xaxis"].update({"type": "category", "nticks": 12})
    layout.update({"barmode": "stack", "bargap": 0.1})
    layout["legend"]["traceorder"] = "normal"
    return go.Figure(bars, {**layout, "shapes": [limit[0]], "annotations": [limit[1]]})


def backlog_lines(totals: pd.DataFrame) -> go.Figure:
    """Objections open at each month's end and, of those, overdue (from `objection_tables.backlog_totals`)."""
    months = [fmt.month(m) for m in totals.index]
    series = (("open_at_end", "open", palette.QUALITATIVE[0], "solid"), ("overdue_at_end", "overdue", LOSS, "dash"))
    lines = [
        {"type": "scatter", "x": months, "y": totals[column].to_numpy(), "name": t(f"objections.series.{name}"),
         "mode": "lines+markers", "line": {"color": colour, "width": 2, "dash": dash},
         "hovertext": [fmt.count(v) for v in totals[column]], "hoverinfo": "x+text+name"}
        for column, name, colour, dash in series
    ]  # fmt: skip
    top = float(totals["open_at_end"].max()) if len(totals) else 0.0
    layout = _layout(
        t("lists.month"), t("objections.open_axis"), height=320, y={**count_ticks(top), "rangemode": "tozero"}
    )
    layout["xaxis"]["type"] = "category"
    layout["xaxis"]["nticks"] = 12
    return go.Figure(lines, layout)


def move_bars(moves: pd.DataFrame) -> go.Figure:
    """Winners and losers per group (`tables.moves_table`: the group's name first, then a share
    column per move) as bars diverging from zero: losses to the left, gains to the right, the
    larger moves further out (a relative bar mode stacks each side from zero in trace order);
    groups in the table's order (`movers.by_net_gain`), the first on top."""
    group = moves.columns[0]
    shares = {m: moves[t(f"cmp.move.{m}")].fillna(0).to_numpy(dtype=float) for m in palette.MOVES}
    order = np.arange(len(moves))[::-1]  # Plotly draws the first category at the bottom
    groups = moves[group].to_numpy()[order]
    bars = [
        {
            "type": "bar", "orientation": "h", "y": groups, "name": t(f"cmp.move.{move}"),
            "x": (-1 if move.startswith("down") else 1) * shares[move][order],
            "customdata": shares[move][order], "marker": {"color": colour, "line": {"color": "#ffffff", "width": 0.5}},
            "hovertemplate": f"%{{y}}<br>{t(f'cmp.move.{move}')}: %{{customdata:.1%}}<extra></extra>",
            "legendrank": list(palette.MOVES).index(move),
        }
        for move in STACKING
        for colour in [palette.MOVES[move]]
    ]  # fmt: skip
    reach = max(float((shares["down_1"] + shares["down_2"]).max(initial=0)),
                float((shares["up_1"] + shares["up_2"]).max(initial=0)), 0.01)  # fmt: skip
    step = float(next(s for s in (0.01, 0.02, 0.05, 0.1, 0.2, 0.25) if reach / s <= 5))
    ticks = np.arange(-np.ceil(reach / step), np.ceil(reach / step) + 1) * step
    axis = {"tickvals": ticks, "ticktext": [f"{abs(v):.0%}" for v in ticks], "range": [ticks[0], ticks[-1]],
            "zeroline": True, "zerolinecolor": palette.INK}  # fmt: skip
    layout = _layout(t("cmp.axis.moves"), "", height=110 + 22 * len(groups), long_labels=True, x=axis)
    layout["legend"] = {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "traceorder": "normal"}
    layout["margin"] = {**layout["margin"], "t": 40}
    return go.Figure(bars, {**layout, "barmode": "relative"})
