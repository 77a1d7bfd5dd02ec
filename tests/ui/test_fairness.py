"""The Fairness page: rates and ratios per group with the four-fifths flags, the score gap of a
group rule by rule, and record density, in either language."""

from __future__ import annotations

import numpy as np
import pytest

from tests.ui.helpers import figure, open_session


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
    ratio = rates["Scored: ratio"].to_numpy(dtype=float)
    assert np.nanmin(np.abs(ratio - 1)) == 0, "the reference's own ratio is 1"


def test_a_minimum_cell_size_hides_small_groups(app):
    at = _page(app, "en")
    at.number_input(key="fairness.minimum").set_value(400).run()
    assert not at.exception, at.exception
    rates = at.dataframe[0].value
    assert rates["People"].isna().any(), "the smallest key groups of 5,000 people are hidden"
    assert any("fewer than 400" in c.value for c in at.caption)
