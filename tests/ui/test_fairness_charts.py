"""The Fairness page's charts as figure dicts: every ratio drawn or accounted for, one symbol per
rate, flags told by the legend, ticks that do not crowd, and gap labels without "-0.00"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.ui.helpers import values
from ui import fairness_charts
from ui.i18n import t

RATES = ["Share scored", "Top tiers", "Red list", "Incentive value", "Bottom tier", "Black list"]


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    monkeypatch.setattr("ui.i18n.current_language", lambda: "en")


def _figure(ratios: dict[str, list[float]], flagged: dict[str, list[bool]] | None = None, groups=("a", "b", "c")):
    frame = pd.DataFrame({rate: ratios.get(rate, [1.0] * len(groups)) for rate in RATES}, index=list(groups))
    flags = pd.DataFrame({rate: (flagged or {}).get(rate, [False] * len(groups)) for rate in RATES}, index=frame.index)
    return fairness_charts.ratio_dots(frame, flags).to_plotly_json()


def _trace(figure: dict, name: str) -> dict:
    """The named trace, its arrays as lists."""
    trace = next(trace for trace in figure["data"] if trace.get("name") == name)
    marker = {**trace["marker"], "size": values(trace["marker"]["size"])}
    return {**trace, "x": values(trace["x"]), "marker": marker}


def test_a_ratio_of_zero_is_drawn_at_the_left_edge_and_labelled_zero():
    figure = _figure({"Black list": [1.0, 0.0, 2.0]})
    black = _trace(figure, "Black list")
    left = 10 ** figure["layout"]["xaxis"]["range"][0]
    zero = list(black["y"]).index("b")
    assert black["x"][zero] == pytest.approx(10 ** np.log10(left) * 10**0.04)
    assert black["x"][zero] <= min(x for x in black["x"] if x > 0)
    assert black["text"][zero] == "0" and black["customdata"][zero] == "0"
    assert [black["text"][i] for i in range(3) if i != zero] == ["", ""]


def test_a_rate_without_a_ratio_has_no_legend_entry():
    figure = _figure({"Bottom tier": [np.nan] * 3})
    names = [trace.get("name") for trace in figure["data"] if trace.get("showlegend", True)]
    assert "Bottom tier" not in names and "Black list" in names


def test_each_rate_has_its_own_symbol_open_unless_flagged_and_the_legend_says_what_filled_means():
    figure = _figure({"Black list": [1.0, 3.0, 1.0]}, {"Black list": [False, True, False]})
    symbols = [_trace(figure, rate)["marker"]["symbol"] for rate in RATES]
    shapes = [s[0].removesuffix("-open") for s in symbols]
    assert len(set(shapes)) == len(RATES), "no two rates share a shape"
    assert not {"x", "cross"} & set(shapes), "the x and the cross looked alike"
    black = _trace(figure, "Black list")
    assert black["marker"]["symbol"] == ["star-open", "star-open", "star"], "open first: the legend shows it"
    assert black["marker"]["size"][-1] > black["marker"]["size"][0]
    assert figure["layout"]["legend"]["title"]["text"] == t("fairness.flagged_legend")
    assert figure["layout"]["legend"]["itemsizing"] == "constant"


@pytest.mark.parametrize(("low", "high"), [(0.0, 1.1), (0.05, 20.0), (0.9, 1.1), (0.3, 5.5)])
def test_ticks_keep_a_tenth_of_the_axis_apart(low, high):
    figure = _figure({"Black list": [low, 1.0, high]})
    axis = figure["layout"]["xaxis"]
    ticks = np.log10(axis["tickvals"])
    assert 1 in axis["tickvals"]
    assert np.diff(ticks).min() >= (axis["range"][1] - axis["range"][0]) / 11
    assert axis["range"][0] <= np.log10(min(v for v in (low, 0.5) if v > 0))


def test_a_tall_chart_repeats_its_axis_above():
    short, tall = _figure({}), _figure({}, groups=[f"g{i}" for i in range(20)])
    assert "xaxis2" not in short["layout"]
    assert tall["layout"]["xaxis2"]["side"] == "top" and tall["layout"]["xaxis2"]["range"] == tall["layout"][
        "xaxis"]["range"]  # fmt: skip


@pytest.mark.parametrize(
    ("points", "label"), [(-0.004, ""), (0.0049, ""), (-0.0, ""), (-0.5, "-0.50"), (0.07, "+0.07")]
)
def test_gap_labels_leave_out_what_rounds_to_zero(points, label):
    assert fairness_charts.gap_label(points) == label


def test_a_gap_hidden_as_a_small_cell_draws_no_bar():
    table = pd.DataFrame({"Rule": ["a", "b", "c", "Total"], "Gap": [-1.0, np.nan, 0.5, -0.5]})
    bars = fairness_charts.gap_bars(table, "Rule", "Gap").to_plotly_json()["data"][0]
    assert list(bars["y"]) == ["a", "c"] and list(bars["text"]) == ["-1.00", "+0.50"]


def test_the_gap_axis_leaves_room_for_the_labels_beyond_the_longest_bars():
    table = pd.DataFrame({"Rule": ["a", "b", "Total"], "Gap": [-1.6, 0.3, -1.3]})
    low, high = fairness_charts.gap_bars(table, "Rule", "Gap").to_plotly_json()["layout"]["xaxis"]["range"]
    assert low < -1.6 - 0.2 and high > 0.3 + 0.2
