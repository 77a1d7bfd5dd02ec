"""Page aggregates on hand-made arrays: nobody dropped, bins and quantiles exact to one bin."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.analyses import summaries


def test_tier_counts_keep_unscored_people_as_their_own_column():
    tier = np.array([0, 1, 1, -1, 2, -1], dtype=np.int8)
    by = np.array([0, 0, 1, 1, 1, 0])
    counts = summaries.tier_counts(tier, ("A", "B", "C"), by=by, labels=["x", "y"])
    assert counts.loc["x"].tolist() == [1, 1, 0, 1]
    assert counts.loc["y"].tolist() == [0, 1, 1, 1]
    assert counts.columns[-1] == summaries.UNSCORED
    assert int(summaries.tier_counts(tier, ("A", "B", "C")).to_numpy().sum()) == len(tier)


def test_coverage_lists_every_group_even_an_empty_one():
    codes = np.array([0, 0, 2])
    cov = summaries.coverage(codes, np.array([True, False, True]), ["a", "b", "c"])
    assert cov["people"].tolist() == [2, 0, 1]
    assert cov["scored"].tolist() == [1, 0, 1]
    assert cov.loc["a", "coverage"] == 0.5 and np.isnan(cov.loc["b", "coverage"])


def test_mean_score_ranks_groups():
    score = np.array([10.0, 20.0, np.nan, 40.0])
    ranked = summaries.mean_score(score, ~np.isnan(score), np.array([0, 0, 1, 1]), ["a", "b"])
    assert ranked.index.tolist() == ["b", "a"]
    assert ranked["mean"].tolist() == [40.0, 15.0]


def test_select_combines_dimensions_and_empty_means_all():
    codes = {"g": np.array([0, 1, 2, 1]), "h": np.array([0, 0, 1, 1])}
    assert summaries.select(codes, {"g": [1], "h": []}, 4).tolist() == [False, True, False, True]
    assert summaries.select(codes, {"g": [1], "h": [1]}, 4).tolist() == [False, False, False, True]
    assert summaries.select(codes, {}, 4).all()


def test_breakdowns_include_age_bands_from_completed_years():
    people = pd.DataFrame(
        {
            name: pd.Categorical(["a", "b"], categories=["a", "b"])
            for name in ("key_group", "district", "gender", "hukou")
        }
    )
    split = summaries.breakdowns(people, np.array([17, 61], dtype=np.int16))
    assert list(split) == list(summaries.BREAKDOWNS)
    assert split["age_band"].codes.tolist() == [0, 5]
    born_later = summaries.breakdowns(people, np.array([-2, 18], dtype=np.int16))["age_band"]
    assert born_later.codes.tolist() == [0, 1], "born after the as-of date: the youngest band"
    assert split["age_band"].ids[0] == "<18" and split["age_band"].ids[-1] == "60+"


def test_binned_scores_histogram_ecdf_and_box_agree_with_numpy():
    rng = np.random.default_rng(1)
    score = np.concatenate([rng.normal(1000, 30, 5000), [np.nan] * 100])
    codes = np.repeat([0, 1], 2550)
    binned = summaries.binned_scores(score, np.ones(len(score), bool), codes, ["a", "b"], 0, 2000)
    assert binned.totals.sum() == 5000, "NaN (unscored) is left out"
    edges, counts = binned.histogram(60)
    assert counts.sum() == 5000 and len(edges) == counts.shape[1] + 1
    assert edges[0] <= np.nanmin(score) and edges[-1] >= np.nanmax(score)
    _, shares = binned.ecdf()
    assert np.allclose(shares[:, -1], 1.0)
    box = binned.box()
    for g, label in enumerate(["a", "b"]):
        values = score[(codes == g) & ~np.isnan(score)]
        assert abs(box.loc[label, "median"] - np.median(values)) <= 1.0 + 1e-9
        assert abs(box.loc[label, "q1"] - np.quantile(values, 0.25)) <= 1.0 + 1e-9
        assert box.loc[label, "lower"] <= box.loc[label, "q1"] <= box.loc[label, "q3"] <= box.loc[label, "upper"]


def test_binned_scores_with_an_empty_selection():
    binned = summaries.binned_scores(np.array([1.0, 2.0]), np.zeros(2, bool), None, ["all"], 0, 10)
    assert binned.totals.tolist() == [0]
    assert binned.box()["median"].isna().all()


def test_largest_keeps_the_biggest_groups_and_merges_the_rest_without_losing_anyone():
    codes = np.repeat(np.arange(5), [50, 10, 40, 5, 1])
    score = np.linspace(900, 1100, len(codes))
    binned = summaries.binned_scores(score, np.ones(len(codes), bool), codes, list("abcde"), 0, 2000)
    shown = binned.largest(3, lambda n: f"{n} others")
    assert shown.labels == ["a", "c", "3 others"] and shown.other == "3 others"
    assert shown.totals.tolist() == [50, 40, 16]
    assert (shown.counts.sum(axis=0) == binned.counts.sum(axis=0)).all(), "every bin keeps its people"
    assert binned.largest(5, lambda n: "x") is binned, "few enough groups: unchanged"
    filtered = summaries.binned_scores(score, codes < 2, codes, list("abcde"), 0, 2000)
    assert filtered.largest(3, lambda n: "x") is filtered, "empty groups do not count"
