"""The Fairness page: rates and ratios per group with the four-fifths flags, the score gap of a
group rule by rule, and record density, in either language."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from tests.ui.helpers import figure, open_session, record_downloads


def _page(app, lang: str = "zh-CN"):
    at = open_session(app, {"lang": lang})
    at.switch_page("pages/fairness.py").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_the_page_shows_rates_a_gap_and_record_density(app, lang):
    at = _page(app, lang)
    assert at.title[0].value == ("公平性" if lang == "zh-CN" else "Fairness")
    rates = figure(at, 0)
    assert len(rates["data"]) == 6, "one dot series per rate"
    assert {s["x0"] for s in rates["layout"]["shapes"]} >= {0.8}, "the four-fifths band from 0.8"
    assert len(at.dataframe) == 3, "rates, the gap rule by rule, record density"
    assert len(at.get("plotly_chart")) == 2


def test_the_gap_rows_add_up_to_the_difference_of_mean_scores(app):
    at = _page(app, "en")
    rates, gaps = at.dataframe[0].value, at.dataframe[1].value
    group, reference = at.selectbox(key="fairness.group.key_group"), at.selectbox(key="fairness.reference.key_group")
    group_name, reference_name = (picker.options[picker.index] for picker in (group, reference))
    assert group_name != reference_name
    assert gaps["Rule or bound"].iloc[-1] == "Total gap"
    total = gaps["Gap"].iloc[-1]
    assert gaps["Gap"].iloc[:-1].sum() == pytest.approx(total)
    means = rates.set_index("Key group")["Mean score"]
    assert total == pytest.approx(means[group_name] - means[reference_name])


def test_pairs_and_another_reference_redraw_the_table(app):
    at = _page(app, "en")
    at.selectbox(key="fairness.attribute").set_value(5).run()  # the first pair: key group × district
    assert not at.exception, at.exception
    rates = at.dataframe[0].value
    assert "Key group × District" in rates.columns
    picker = at.selectbox(key="fairness.reference.key_group_district")
    other = next(option for option in picker.options if option != picker.value)
    picker.select(other).run()
    assert not at.exception, at.exception
    rates = at.dataframe[0].value
    ratio = rates["Share scored: ratio"].to_numpy(dtype=float)
    assert np.nanmin(np.abs(ratio - 1)) == 0, "the reference's own ratio is 1"


def test_a_minimum_cell_size_leaves_small_groups_out(app):
    at = _page(app, "en")
    everyone = at.dataframe[0].value
    at.number_input(key="fairness.minimum").set_value(400).run()
    assert not at.exception, at.exception
    rates = at.dataframe[0].value
    assert (rates["People"] >= 400).all() and len(rates) == (everyone["People"] >= 400).sum()
    assert any("fewer than 400" in c.value for c in at.caption)


MINIMUM = 12
PAIR = "Key group × District"
ON_SCORED = (  # every figure computed over a group's scored people
    "Mean score", "Gap to the reference (points)", "Share scored", "Share scored: ratio", "Top tiers",
    "Top tiers: ratio", "Bottom tier", "Bottom tier: ratio",
)  # fmt: skip
ON_SCORED_DENSITY = ("Mean score", "Mean score on common record types", "Points from group-specific rules")


def _csv(downloads, prefix: str) -> pd.DataFrame:
    name = next(n for n in downloads if n.startswith(prefix) and n.endswith(".csv"))
    frame = pd.read_csv(io.BytesIO(downloads[name]()), encoding="utf-8-sig").iloc[:, 1:]  # the marker column
    return frame.rename(columns=lambda c: c.removesuffix(" (%)"))


def test_no_figure_of_a_cell_below_the_minimum_appears_in_any_table_chart_or_download(app, monkeypatch):
    """The tester's case (key group × district at 50: Lawyers · Jintan District had 53 people, 43
    of them scored, and record density still showed the 43 and their mean score), on 5,000
    people at 12: every table, the chart and every download leave out the groups under 12 and
    show no figure computed over fewer than 12 people."""
    downloads = record_downloads(monkeypatch)
    at = _page(app, "en")
    at.selectbox(key="fairness.attribute").set_value(5).run()
    exact = at.dataframe[0].value.set_index(PAIR)
    at.number_input(key="fairness.minimum").set_value(MINIMUM).run()
    assert not at.exception, at.exception
    people, scored = exact["People"], exact["People scored"]
    few_scored = (people >= MINIMUM) & (scored < MINIMUM) & (scored > 0)
    assert few_scored.sum() >= 10, "the situation the tester met: groups kept, their scored people too few"
    rates, density = at.dataframe[0].value.set_index(PAIR), at.dataframe[-1].value.set_index(PAIR)
    kept = people.index[people >= MINIMUM]
    for table in (rates, density, _csv(downloads, "fairness_rates_key_group_district_").set_index(PAIR),
                  _csv(downloads, "fairness_density_key_group_district_").set_index(PAIR)):  # fmt: skip
        assert list(table.index) == list(kept), "the same groups everywhere: those of 50 people or more"
        hidden = few_scored[table.index]
        assert table.loc[hidden, "People scored"].isna().all()
        assert table.loc[~hidden, "People scored"].to_numpy() == pytest.approx(scored[table.index[~hidden]])
        on_scored = [c for c in (*ON_SCORED, *ON_SCORED_DENSITY) if c in table.columns]
        assert table.loc[hidden, on_scored].isna().all().all(), "nothing computed over the few scored people"
    for rate, base in (("Red list", people), ("Black list", people), ("Top tiers", scored), ("Bottom tier", scored)):
        count = np.rint(exact.loc[kept, rate].to_numpy(dtype=float) * base[kept].to_numpy())
        small = (count > 0) & (count < MINIMUM)
        assert rates.loc[small, rate].isna().all() and rates.loc[small, f"{rate}: ratio"].isna().all(), rate
    drawn = {y for trace in figure(at, 0)["data"] for y in trace["y"]}
    assert drawn <= set(kept), "the chart draws only groups the table shows"


def test_a_minimum_above_a_thousand_applies(app):
    at = _page(app, "en")
    at.number_input(key="fairness.minimum").set_value(1500).run()
    assert not at.exception, at.exception
    rates = at.dataframe[0].value
    assert list(rates["Key group"]) == ["General residents (no key group)"], "the only group of 1,500 or more"


def test_a_minimum_above_every_group_says_so(app):
    at = _page(app, "en")
    at.number_input(key="fairness.minimum").set_value(at.number_input(key="fairness.minimum").max).run()
    assert not at.exception, at.exception
    assert not at.dataframe and any("No group has" in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_both_languages_show_the_same_columns_under_distinct_names(app, lang):
    at = _page(app, lang)
    rates, density = at.dataframe[0].value, at.dataframe[-1].value
    assert len(set(rates.columns)) == len(rates.columns) == 17, "people, people scored and the share scored each"
    scored = "已评分人数" if lang == "zh-CN" else "People scored"
    assert scored in rates.columns and scored in density.columns


def test_the_undefined_ratio_is_named_and_not_in_the_legend(app):
    """The reference (general residents) has nobody in the bottom tier: no group has a bottom
    tier ratio, the caption says so, and the legend has no entry for it."""
    at = _page(app, "en")
    rates = at.dataframe[0].value.set_index("Key group")
    assert rates.loc["General residents (no key group)", "Bottom tier"] == 0
    assert "Bottom tier" not in {trace.get("name") for trace in figure(at, 0)["data"]}
    assert any(c.value.startswith("No ratio for Bottom tier:") for c in at.caption)


def test_a_pair_draws_at_most_thirty_groups_with_its_axis_above_too(app):
    at = _page(app, "en")
    at.selectbox(key="fairness.attribute").set_value(5).run()
    chart = figure(at, 0)
    drawn = {y for trace in chart["data"] for y in trace["y"]}
    assert len(drawn) == 30 and chart["layout"]["height"] < 900
    assert chart["layout"]["xaxis2"]["side"] == "top"
    assert any("the 30 groups furthest from the reference" in c.value for c in at.caption)
