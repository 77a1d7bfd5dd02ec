"""The Incentive effects charts as a reader sees them: the fan's bands and median told apart, a
panel per tier so that a tier near 1 % is as readable as one near 80 %, a legend of the line
styles only and below the plot (the mode bar sits above it), and money and months written the
reader's way (万, 2025年11月)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from ui import behaviour_charts, palette

NAMES = {"AAA": "AAA", "A": "A", "B": "B"}
SHARES = {"AAA": 0.03, "A": 0.96, "B": 0.01}
PATHS = ("simulated", "no_response")


@pytest.fixture(params=["zh-CN", "en"])
def lang(request, monkeypatch):
    for module in ("ui.i18n", "ui.fmt"):
        monkeypatch.setattr(f"{module}.current_language", lambda: request.param)
    return request.param


def _tiers() -> pd.DataFrame:
    rows = [(m, p, tier, share * (1 + m / 100)) for m in range(1, 13) for p in PATHS for tier, share in SHARES.items()]
    return pd.DataFrame(rows, columns=["month", "path", "tier", "share"])


def _quantiles() -> pd.DataFrame:
    rows = [(m, p, 1005.0, 1010.0, 1017.0 + m / 4, 1025.0, 1031.0) for m in range(1, 13) for p in PATHS]
    return pd.DataFrame(rows, columns=["month", "path", "p10", "p25", "p50", "p75", "p90"])


def _history():
    ends = [dt.date(2025, 9, 30), dt.date(2025, 10, 31), dt.date(2025, 11, 30)]
    history = pd.DataFrame(
        [(end, k - 2, tier, share) for k, end in enumerate(ends) for tier, share in SHARES.items()],
        columns=["month_end", "months_before", "tier", "share"],
    )
    future = pd.DataFrame(
        [(dt.date(2025, 12, 31), p, tier, share) for p in PATHS for tier, share in SHARES.items()],
        columns=["month_end", "path", "tier", "share"],
    )
    return history, future


def _legend(figure) -> list[str]:
    return [trace.name for trace in figure.data if trace.showlegend is not False]


def test_the_fan_draws_a_light_outer_band_a_darker_inner_one_and_the_median_on_top_in_another_colour(lang):
    figure = behaviour_charts.score_fan(_quantiles())
    fills = [trace.fillcolor for trace in figure.data if trace.fill == "tonexty"]
    outer, inner = fills[0], fills[1]
    assert outer != inner and outer.startswith("rgba(") and not inner.startswith("rgba(")
    medians = [trace for trace in figure.data if trace.mode == "lines+markers"]
    assert {trace.line.color for trace in medians} == {palette.QUALITATIVE[0]} != {outer, inner}
    assert list(figure.data).index(medians[0]) > 3, "the median drawn over its path's bands"
    low, high = figure.layout.yaxis.range
    assert 995 < low < 1005 and 1031 < high < 1041, "the score axis fitted to the bands"
    assert len(_legend(figure)) == 4  # two bands, the two medians (solid, dashed)


@pytest.mark.parametrize("chart", ["tier_shares", "tier_history"])
def test_each_tier_has_its_own_panel_and_share_axis_and_the_legend_names_only_the_line_styles(lang, chart):
    if chart == "tier_shares":
        figure = behaviour_charts.tier_shares(_tiers(), NAMES)
        styles = 2
    else:
        figure = behaviour_charts.tier_history(*_history(), NAMES)
        styles = 3
    axes = {trace.yaxis for trace in figure.data if trace.showlegend is False}
    assert axes == {"y", "y2", "y3"}
    small = figure.layout.yaxis3.range[1]
    assert 0.01 < small < 0.02, "a tier near 1 % fills its panel"
    assert [a.text for a in figure.layout.annotations] == [f"<b>{name}</b>" for name in NAMES.values()]
    assert len(_legend(figure)) == styles
    assert figure.layout.legend.yref == "container" and figure.layout.legend.y == 0, "below the plot"
    colours = palette.tiers(len(NAMES))
    for tier, colour in zip(("y", "y2", "y3"), colours, strict=False):
        assert {trace.line.color for trace in figure.data if trace.yaxis == tier and trace.showlegend is False} == {
            colour
        }


def test_the_history_writes_its_months_the_readers_way(lang):
    figure = behaviour_charts.tier_history(*_history(), NAMES)
    first = figure.data[0].x[0]
    assert first == ("2025年9月" if lang == "zh-CN" else "Sep 2025")
    assert figure.layout.xaxis.type == "category"
    assert figure.layout.shapes[0].x0 == ("2025年11月" if lang == "zh-CN" else "Nov 2025"), "the as-of line"


def test_the_cost_is_written_in_wan_for_chinese_readers(lang):
    costs = pd.DataFrame([(m, p, 60_000.0 + 1000 * m) for m in range(1, 13) for p in PATHS],
                         columns=["month", "path", "cost_yuan"])  # fmt: skip
    figure = behaviour_charts.cost(costs)
    ticks = list(figure.layout.yaxis.ticktext)
    hover = figure.data[0].text[0]
    if lang == "zh-CN":
        assert "6万" in ticks and hover == "6.1万"
    else:
        assert "60,000" in ticks and hover == "61,000"


def test_the_histogram_shows_where_the_people_are_not_the_far_few(lang):
    """Nearly everyone between 1000 and 1040, one in a thousand at 550: the view is the first."""
    lows = [float(x) for x in range(0, 2000, 5)]
    share = [0.0] * len(lows)
    for k, s in zip(range(200, 208), (0.1, 0.2, 0.3, 0.2, 0.1, 0.05, 0.03, 0.019), strict=True):
        share[k] = s
    share[110] = 0.001
    one = pd.DataFrame({"month": 1, "path": "simulated", "low": lows, "high": [x + 5 for x in lows], "share": share})
    histogram = pd.concat([one, one.assign(path="no_response")], ignore_index=True)
    assert tuple(behaviour_charts.score_histogram(histogram, 1).layout.xaxis.range) == (1000.0, 1040.0)
