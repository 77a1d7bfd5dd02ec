"""Group rates, ratios and the four-fifths rule on populations small enough to count by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scoring.analyses.arguments import AnalysisInputError
from scoring.analyses.summaries import Breakdown
from scoring.fairness.disparity import disparity, furthest, largest_group, undefined_ratios
from scoring.fairness.groups import attribute, attribute_choices
from scoring.fairness.judge import any_hidden, four_fifths, hide_small
from scoring.fairness.metrics import group_metrics
from scoring.rulebook import load_preset
from tests.analyses.fakes import population, result

RONGCHENG = load_preset("rongcheng_style")  # AAA … D; incentives for AAA/AA (transit 0.4 × 120, …)


def _scheme(tiers, scores, red, black, districts=None, genders=None, names=("north", "south")):
    """Scores of six or so people, each in a tier (None: unscored), with list flags."""
    n = len(tiers)
    scored = result(population(n), tiers, scores, rulebook=RONGCHENG)
    scored.red_list, scored.black_list = np.array(red, dtype=bool), np.array(black, dtype=bool)
    breakdowns = {
        "district": Breakdown(np.array(districts or [0] * n), names),
        "gender": Breakdown(np.array(genders or [0] * n), ("F", "M")),
    }
    return scored, breakdowns


def test_two_districts_counted_by_hand():
    # north: four people, three scored (AAA, B, D), one on the black list, one on the red list.
    # south: two people, both scored (AA, D), one on the black list.
    scored, population_ = _scheme(
        tiers=["AAA", "B", "D", None, "AA", "D"],
        scores=[1100, 1000, 800, 0, 1050, 700],
        red=[1, 0, 0, 0, 0, 0],
        black=[0, 0, 1, 0, 1, 0],
        districts=[0, 0, 0, 0, 1, 1],
    )
    table = group_metrics(scored, attribute(population_, ["district"]))
    north, south = table.loc["north"], table.loc["south"]
    assert (north["people"], north["scored"], south["people"], south["scored"]) == (4, 3, 2, 2)
    assert north["eligibility"] == 0.75 and south["eligibility"] == 1.0
    assert north["mean_score"] == pytest.approx((1100 + 1000 + 800) / 3) and south["mean_score"] == 875
    assert north["top_tiers_rate"] == pytest.approx(1 / 3) and south["top_tiers_rate"] == 0.5
    assert north["bottom_tier_rate"] == pytest.approx(1 / 3) and south["bottom_tier_rate"] == 0.5
    assert north["red_list_rate"] == 0.25 and south["red_list_rate"] == 0
    assert north["black_list_rate"] == 0.25 and south["black_list_rate"] == 0.5
    # rongcheng: a green channel for AAA and AA (uptake 0.1 × 15 yuan), a public-service discount
    # for AAA only (0.3 × 100 yuan): 31.5 yuan a year for an AAA person, 1.5 for an AA one.
    assert north["incentive_value"] == pytest.approx(31.5 / 4) and south["incentive_value"] == pytest.approx(1.5 / 2)


def test_ratios_against_the_largest_group_and_the_four_fifths_flags():
    scored, population_ = _scheme(
        tiers=["AAA", "B", "D", None, "AA", "D"],
        scores=[1100, 1000, 800, 0, 1050, 700],
        red=[1, 0, 0, 0, 0, 0],
        black=[0, 0, 1, 0, 1, 0],
        districts=[0, 0, 0, 0, 1, 1],
    )
    metrics = group_metrics(scored, attribute(population_, ["district"]))
    assert largest_group(metrics) == "north"
    ratios = disparity(metrics)
    south = ratios.loc["south"]
    assert south["eligibility_ratio"] == pytest.approx(1 / 0.75)
    assert south["black_list_rate_ratio"] == pytest.approx(2.0)
    assert south["red_list_rate_ratio"] == 0
    assert south["score_gap"] == pytest.approx(875 - 2900 / 3)
    flags = four_fifths(ratios)
    # favourable red list at 0 × the reference: flagged; unfavourable black list at 2 ×: flagged;
    # eligibility above the reference's: not flagged.
    assert flags.loc["south", "red_list_rate"] and flags.loc["south", "black_list_rate"]
    assert not flags.loc["south", "eligibility"]
    assert not flags.loc["north"].any(), "the reference is never flagged against itself"


def test_a_reference_of_the_readers_choice_and_a_zero_reference_rate():
    scored, population_ = _scheme(
        tiers=["AAA", "B", "D", None, "AA", "D"],
        scores=[1100, 1000, 800, 0, 1050, 700],
        red=[1, 0, 0, 0, 0, 0],
        black=[0, 0, 1, 0, 1, 0],
        districts=[0, 0, 0, 0, 1, 1],
    )
    ratios = disparity(group_metrics(scored, attribute(population_, ["district"])), reference="south")
    assert ratios.loc["north", "black_list_rate_ratio"] == 0.5
    assert np.isnan(ratios.loc["north", "red_list_rate_ratio"]), "the reference has nobody listed: no ratio"
    assert not four_fifths(ratios).loc["north", "red_list_rate"], "a ratio that cannot be computed is not flagged"


def test_the_rule_reads_the_other_way_for_unfavourable_rates_at_its_edges():
    ratios = pd.DataFrame(
        {
            "eligibility_ratio": [0.8, 0.79],
            "top_tiers_rate_ratio": [1.0, 1.0],
            "red_list_rate_ratio": [1.0, 1.0],
            "incentive_value_ratio": [1.0, 1.0],
            "bottom_tier_rate_ratio": [1.25, 1.26],
            "black_list_rate_ratio": [1.0, 1.0],
        },
        index=["at the edge", "over it"],
    )
    flags = four_fifths(ratios)
    assert not flags.loc["at the edge"].any()
    assert flags.loc["over it", "eligibility"] and flags.loc["over it", "bottom_tier_rate"]


def test_pairs_combine_both_attributes_and_keep_empty_combinations():
    scored, population_ = _scheme(
        tiers=["AAA", "B", "D", None, "AA", "D"],
        scores=[1100, 1000, 800, 0, 1050, 700],
        red=[0] * 6,
        black=[0] * 6,
        districts=[0, 0, 0, 0, 1, 1],
        genders=[0, 1, 1, 0, 0, 0],
    )
    table = group_metrics(scored, attribute(population_, ["district", "gender"]))
    assert list(table.index) == [("north", "F"), ("north", "M"), ("south", "F"), ("south", "M")]
    assert list(table["people"]) == [2, 2, 2, 0]
    assert np.isnan(table.loc[("south", "M"), "eligibility"])
    assert len(attribute_choices()) == 5 + 10


def test_small_cells_hide_their_counts_and_every_rate_built_on_them():
    """North's one person on the red list, at the top and on the black list are small cells at a
    minimum of 3; the same counts of south go too (the total less south's would give north's)."""
    scored, population_ = _scheme(
        tiers=["AAA", "B", "D", None, *["AA"] * 6, *["B"] * 6],
        scores=[1100, 1000, 800, 0, *[1050] * 6, *[1000] * 6],
        red=[1, 0, 0, 0, *[0] * 12],
        black=[0, 0, 1, 0, *[1] * 5, *[0] * 7],
        districts=[0, 0, 0, 0, *[1] * 12],
    )
    shown = hide_small(group_metrics(scored, attribute(population_, ["district"])), minimum=3)
    north, south = shown.loc["north"], shown.loc["south"]
    assert north["people"] == 4 and north["scored"] == 3 and north["eligibility"] == 0.75
    assert np.isnan(north["red_list"]) and np.isnan(north["red_list_rate"]), "one person on the red list"
    assert np.isnan(north["top_tiers_rate"]), "one person at the top"
    assert np.isnan(south["black_list"]) and np.isnan(south["black_list_rate"]), "north's black list less than 3"
    assert south["people"] == 12 and south["eligibility"] == 1.0
    assert any_hidden(shown)
    assert not any_hidden(hide_small(group_metrics(scored, attribute(population_, ["district"])), minimum=1))


def test_a_group_left_out_takes_a_complement_with_it():
    """South, two people, is left out whole (a row of dashes would still tell of it); everyone's
    total is known, so the smallest group kept loses its count of people and every rate on it."""
    scored, population_ = _scheme(
        tiers=["AAA", "B", "D", None, "AA", "D", "A", "B", "C"],
        scores=[1100, 1000, 800, 0, 1050, 700, 1000, 950, 900],
        red=[0] * 9,
        black=[0] * 9,
        districts=[0, 0, 0, 0, 1, 1, 2, 2, 2],
        names=("north", "south", "east"),
    )
    shown = hide_small(group_metrics(scored, attribute(population_, ["district"])), minimum=3)
    assert list(shown.index) == ["north", "east"]
    assert shown.loc["north", "people"] == 4 and np.isnan(shown.loc["east", "people"])
    assert np.isnan(shown.loc["east", "eligibility"])


def test_a_group_whose_scored_people_are_few_shows_no_figure_of_them():
    """Five people, two scored: at a minimum of 3 the two scored people are a small cell, so
    their mean score and every share of them goes, while the group and its list rates stay."""
    scored, population_ = _scheme(
        tiers=["AAA", "B", None, None, None], scores=[1100, 1000, 0, 0, 0], red=[0] * 5, black=[0] * 5
    )
    shown = hide_small(group_metrics(scored, attribute(population_, ["district"])), minimum=3).loc["north"]
    assert shown["people"] == 5 and shown["black_list_rate"] == 0
    assert shown[["scored", "eligibility", "mean_score", "top_tiers_rate", "bottom_tier_rate"]].isna().all()


def test_groups_nobody_is_in_are_left_out():
    scored, population_ = _scheme(["AAA", "B"], [1100, 1000], [0, 0], [0, 0], districts=[0, 0])
    shown = hide_small(group_metrics(scored, attribute(population_, ["district"])), minimum=1)
    assert list(shown.index) == ["north"]


def test_a_reference_rate_of_zero_leaves_that_ratio_undefined_and_named():
    scored, population_ = _scheme(
        tiers=["AAA", "B", "C", None, "AA", "D"],
        scores=[1100, 1000, 900, 0, 1050, 700],
        red=[0, 0, 0, 0, 0, 0],
        black=[0, 0, 1, 0, 1, 0],
        districts=[0, 0, 0, 0, 1, 1],
    )
    metrics = group_metrics(scored, attribute(population_, ["district"]))
    assert undefined_ratios(metrics, "north") == ("bottom_tier_rate", "red_list_rate")
    assert disparity(metrics, "north")[["bottom_tier_rate_ratio", "red_list_rate_ratio"]].isna().all().all()
    # at a minimum of 2, north's one person at the top, on the black list or receiving incentives is hidden
    hidden = ("top_tiers_rate", "bottom_tier_rate", "red_list_rate", "black_list_rate", "incentive_value")
    assert undefined_ratios(hide_small(metrics, 2), "north") == hidden


def test_a_chart_of_many_groups_keeps_those_furthest_from_one_in_table_order():
    ratios = pd.DataFrame(
        {f"{rate}_ratio": 1.0 for rate in ("eligibility", "top_tiers_rate", "bottom_tier_rate", "red_list_rate",
                                           "black_list_rate", "incentive_value")},
        index=["a", "b", "c", "d", "e"],
    )  # fmt: skip
    ratios.loc["b", "top_tiers_rate_ratio"] = 0.5  # as far as a double
    ratios.loc["c", "black_list_rate_ratio"] = 2.1
    ratios.loc["d", "red_list_rate_ratio"] = 0.0  # furthest of all
    ratios.loc["e"] = np.nan  # nothing to draw: last
    assert list(furthest(ratios, 2)) == ["c", "d"]
    assert list(furthest(ratios, 3)) == ["b", "c", "d"]
    assert list(furthest(ratios, 9)) == ["a", "b", "c", "d", "e"]


def test_selection_rates_match_a_plain_groupby():
    """Fairlearn is not installed; its selection rate per group is a mean of a 0/1 outcome per
    group, which a pandas groupby computes independently of the bincounts."""
    rng = np.random.default_rng(7)
    n = 400
    tiers = [None if u < 0.2 else RONGCHENG.tiers.ids[int(u * 10) % 6] for u in rng.random(n)]
    scored, _ = _scheme(tiers, list(rng.uniform(500, 1200, n)), rng.random(n) < 0.1, rng.random(n) < 0.05)
    population_ = {"district": Breakdown(rng.integers(0, 3, n), ("a", "b", "c"))}
    table = group_metrics(scored, attribute(population_, ["district"]))
    frame = pd.DataFrame(
        {"g": np.array(["a", "b", "c"])[population_["district"].codes], "eligible": scored.eligible,
         "top": np.isin(scored.tier, [0, 1]), "black": scored.black_list}
    )  # fmt: skip
    grouped = frame.groupby("g")
    np.testing.assert_allclose(table["eligibility"], grouped["eligible"].mean())
    np.testing.assert_allclose(table["black_list_rate"], grouped["black"].mean())
    np.testing.assert_allclose(table["top_tiers_rate"], frame[frame.eligible].groupby("g")["top"].mean())


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s, p: attribute(p, ["district", "district"]), "two different attributes"),
        (lambda s, p: attribute(p, ["hukou"]), "'hukou' is not among the breakdowns"),
        (lambda s, p: attribute(p, []), "one attribute or a pair"),
        (lambda s, p: group_metrics(s, attribute(p, ["district"]), top_tiers=6), "from 1 to 5, got 6"),
        (lambda s, p: group_metrics(s, "district"), "expected an Attribute"),
        (lambda s, p: disparity(group_metrics(s, attribute(p, ["district"])), reference="east"), "'east'"),
        (lambda s, p: four_fifths(pd.DataFrame(), threshold=1.2), "between 0 and 1"),
        (lambda s, p: hide_small(group_metrics(s, attribute(p, ["district"])), minimum=0), "at least 1"),
    ],
)
def test_arguments_are_refused_in_one_line_naming_them(call, message):
    scored, population_ = _scheme(["AAA", None], [1100, 0], [0, 0], [0, 0], districts=[0, 1])
    with pytest.raises(ValueError, match=message):
        call(scored, population_)


def test_codes_of_another_population_are_refused():
    scored, _ = _scheme(["AAA", None], [1100, 0], [0, 0], [0, 0])
    other = {"district": Breakdown(np.zeros(3, dtype=int), ("north", "south"))}
    with pytest.raises(AnalysisInputError, match="3 codes for 2 people"):
        group_metrics(scored, attribute(other, ["district"]))
    bad = {"district": Breakdown(np.array([0, 2]), ("north", "south"))}
    with pytest.raises(AnalysisInputError, match="code 2 of person 1 is outside 0 … 1"):
        attribute(bad, ["district"])
