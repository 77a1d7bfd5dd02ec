"""The charts as figure dicts: colours from the one palette, every cut-off accounted for, bars
that diverge from the base score."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scoring.analyses import summaries
from ui import charts, palette
from ui.i18n import t


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    monkeypatch.setattr("ui.i18n.current_language", lambda: "en")


def _binned(scores: np.ndarray, groups: int = 3) -> summaries.BinnedScores:
    codes = np.arange(len(scores)) % groups
    labels = [f"group {g}" for g in range(groups)]
    return summaries.binned_scores(scores, np.ones(len(scores), bool), codes, labels, 0, 1500)


def _cutoff_marks(fig: dict) -> list[str]:
    return [a["text"] for a in fig["layout"]["annotations"]]


def test_group_series_take_the_qualitative_palette_and_the_remainder_stays_grey():
    binned = _binned(np.linspace(900, 1100, 900), groups=9).largest(7, lambda n: f"{n} others")
    fig = charts.distribution("histogram", binned, binned.box(), [1000.0], ["Good"]).to_plotly_json()
    colours = [trace["fillcolor"] for trace in fig["data"]]
    assert colours[:-1] == list(palette.QUALITATIVE[:6]) and colours[-1] == palette.OTHER_GREY
    assert len(set(colours)) == len(colours), "no two series share a colour"


def test_the_palette_paints_nothing_red():
    def rgb(colour: str) -> tuple[int, int, int]:
        if colour.startswith("rgb"):
            return tuple(int(v) for v in colour[4:-1].split(","))
        return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))

    for colour in [*palette.QUALITATIVE, *palette.tiers(7)]:
        r, g, b = rgb(colour)
        assert not (r > 1.4 * g and r > 1.4 * b), f"{colour} reads as red"


def test_tiers_run_dark_to_light_and_the_unscored_grey_is_none_of_them():
    colours = palette.tiers(6)
    assert colours[-1] == palette.UNSCORED_GREY and palette.UNSCORED_GREY not in colours[:-1]
    lightness = [sum(int(v) for v in c[4:-1].split(",")) for c in colours[:-1]]
    assert lightness == sorted(lightness), "best tier darkest, worst lightest"


def test_every_cut_off_is_drawn_in_view_or_named_at_an_edge():
    scores = np.linspace(975, 1020, 3000)  # a narrow cloud between the cut-offs
    cutoffs, names = [1050.0, 1030.0, 1010.0, 960.0, 850.0, 600.0], ["AAA", "AA", "A+", "A", "B", "C"]
    binned = _binned(scores)
    for kind in ("histogram", "ecdf", "box"):
        fig = charts.distribution(kind, binned, binned.box(), cutoffs, names).to_plotly_json()
        low, high = fig["layout"]["xaxis"]["range"]
        assert low > 900 and high < 1100, "the axis is zoomed to where the scores are"
        marks = " ".join(_cutoff_marks(fig))
        for cut, name in zip(cutoffs, names, strict=True):
            assert f"{name} ≥ {cut:g}" in marks, f"{kind}: {name} is neither drawn nor named"
        assert "◀" in marks and "▶" in marks, "cut-offs out of view are marked at both edges"
        lines = {s["x0"] for s in fig["layout"]["shapes"]}
        assert lines == {c for c in cutoffs if low <= c <= high}


def test_cut_off_labels_sit_above_the_plot_and_close_ones_are_staggered():
    binned = _binned(np.linspace(950, 1050, 3000))
    fig = charts.distribution("histogram", binned, binned.box(), [1001.0, 1000.0], ["Excellent", "Good"])
    labels = fig.to_plotly_json()["layout"]["annotations"]
    assert all(a["yref"] == "paper" and a["y"] == 1 and a["yanchor"] == "bottom" for a in labels), "clear of the bars"
    assert len({a["yshift"] for a in labels}) == 2, "two cut-offs a point apart take two rows"
    assert fig.layout.margin.t >= max(a["yshift"] for a in labels) + 14, "the band has room above the plot"


def test_box_view_marks_the_extremes_beyond_the_whiskers_without_a_point_per_person():
    scores = np.concatenate([np.full(500, 1000.0), np.linspace(990, 1010, 500), [400.0, 1400.0]])
    binned = _binned(scores, groups=1)
    fig = charts.distribution("box", binned, binned.box(), [], [])
    box, extremes = fig.data
    assert extremes.type == "scatter" and sorted(extremes.x) == [400.0, 1401.0], "one mark per extreme, to one bin"
    assert fig.layout.xaxis.range[0] < 400 and fig.layout.xaxis.range[1] > 1401


def test_means_below_the_base_diverge_to_the_left_of_a_marked_base_line():
    ranking = pd.DataFrame({"mean": [968.0, 991.5, 940.0], "people": 1, "scored": 1}, index=["A", "B", "C"])
    fig = charts.ranked_bars(ranking, "mean", ["a", "b", "c"], "Mean", origin=1000)
    bars = fig.data[0]
    assert list(bars.y) == ["C", "A", "B"], "highest mean on top"
    assert list(bars.x) == [-60.0, -32.0, -8.5] and bars.base == 1000, "negative bars from the base"
    assert set(bars.marker.color) == {charts.LOSS}
    base_line = fig.layout.shapes[0]
    assert base_line.x0 == base_line.x1 == 1000
    assert fig.layout.annotations[0].text == t("chart.base", "en", base="1000")
    low, high = fig.layout.xaxis.range
    assert low < 940 and high > 1000, "the axis shows every bar end and the base"


def test_means_on_both_sides_of_the_base_take_two_colours():
    ranking = pd.DataFrame({"mean": [1010.0, 990.0]}, index=["up", "down"])
    bars = charts.ranked_bars(ranking, "mean", ["", ""], "Mean", origin=1000).data[0]
    assert list(bars.marker.color) == [charts.LOSS, charts.GAIN]


def test_tier_mix_stacks_each_group_to_one_whole_best_tier_first():
    profile = pd.DataFrame(
        {"A": [0.5, 0.2], "B": [0.3, 0.3], summaries.UNSCORED: [0.2, 0.5]}, index=["first", "second"]
    )
    fig = charts.tier_mix(profile, {"A": "Excellent", "B": "Good"}, "Share")
    assert [trace.name for trace in fig.data] == ["Excellent", "Good", t("tier.unscored", "en")]
    assert [trace.marker.color for trace in fig.data] == palette.tiers(2)
    assert list(fig.data[0].y) == ["second", "first"], "the first-ranked group on top"
    assert list(fig.data[0].x) == [0.2, 0.5] and fig.layout.barmode == "stack"


def test_a_few_stragglers_do_not_squeeze_the_chart_and_are_counted_at_its_edges():
    scores = np.concatenate([np.repeat(np.arange(980.0, 1020.0), 50), [300.0, 1450.0]])
    binned = _binned(scores)
    fig = charts.distribution("histogram", binned, binned.box(), [600.0], ["C"]).to_plotly_json()
    low, high = fig["layout"]["xaxis"]["range"]
    assert low > 950 and high < 1050
    marks = _cutoff_marks(fig)
    assert "◀ C ≥ 600 · beyond the view: 1" in marks and "beyond the view: 1 ▶" in marks


def test_no_leader_line_strikes_through_a_lower_label():
    spans = [(0.0, 130.0, None), (90.0, 150.0, 110.0), (400.0, 460.0, 430.0), (440.0, 500.0, 470.0)]
    rows = charts._rows(spans)
    assert rows[0] > rows[1], "the edge marker the 110 px leader would rise through moves above that label"
    assert rows[3] != rows[2], "overlapping labels are staggered"
    for (left, right, _), row in zip(spans, rows, strict=True):
        for (_, _, at), above in zip(spans, rows, strict=True):
            assert not (at is not None and above > row and left - 3 <= at <= right + 3)


def test_the_bin_of_no_change_is_painted_neither_as_a_gain_nor_as_a_loss():
    bins = pd.DataFrame({"low": [-1.5, -0.5, 0.5], "high": [-0.5, 0.5, 1.5], "people": [3, 90, 7]})
    colours = charts.score_change_bars(bins, "change").to_dict()["data"][0]["marker"]["color"]
    assert list(colours) == [charts.LOSS, palette.NO_CHANGE, charts.GAIN]


def test_winners_and_losers_diverge_from_zero_ranked_by_net_gain_with_empty_groups_last():
    from scoring.analyses.movers import MOVES, by_net_gain
    from ui import fmt, tables

    shares = pd.DataFrame(
        {"people": [10, 0, 20], "up_2": [0.0, np.nan, 0.1], "up_1": [0.1, np.nan, 0.2], "same": [0.5, np.nan, 0.7],
         "down_1": [0.3, np.nan, 0.0], "down_2": [0.1, np.nan, 0.0]},
        index=["civil_servant", "teacher", "lawyer"],
    )  # fmt: skip
    assert list(shares.columns[1:]) == list(MOVES)
    ranked = by_net_gain(shares)  # the page ranks the groups once, for the chart and the table
    bars = {b.name: b for b in charts.move_bars(tables.moves_table(ranked, "key_group")).data}
    down_1 = bars[t("cmp.move.down_1")]
    named = [fmt.category("key_group", g) for g in ("teacher", "civil_servant", "lawyer")]
    assert list(down_1.y) == named, "Plotly draws bottom up: the best net gain on top, the empty group last"
    assert list(down_1.x) == [0.0, -0.3, 0.0] and list(bars[t("cmp.move.up_2")].x) == [0, 0, 0.1]
    assert down_1.marker.color == palette.MOVES["down_1"]


def test_a_chart_of_long_labels_asks_for_automatic_margins_itself_so_its_html_is_not_clipped():
    """Streamlit's theme turns automatic margins on; the downloaded HTML has no theme."""
    import pandas as pd

    frame = pd.DataFrame({"mean": [990.0, 1010.0]}, index=["认证和检验检测从业人员", "公务员"])
    figure = charts.ranked_bars(frame, "mean", ["a", "b"], "平均分", origin=1000)
    assert figure.layout.yaxis.automargin is True and figure.layout.xaxis.automargin is True
