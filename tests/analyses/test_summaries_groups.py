"""The overview's ranked view of districts and key groups: mean, tier mix and list counts per group."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from scoring.analyses import summaries


def test_list_counts_count_everyone_on_a_list_per_group_scored_or_not():
    codes = np.array([0, 0, 1, 2, 2, 2])
    red = np.array([True, False, False, True, True, False])
    black = np.array([False, True, False, False, False, True])
    counts = summaries.list_counts(red, black, codes, ["武进区", "新北区", "天宁区"])
    assert counts.loc["武进区"].tolist() == [1, 1]
    assert counts.loc["新北区"].tolist() == [0, 0], "a group with nobody listed still appears"
    assert counts.loc["天宁区"].tolist() == [2, 1]


def test_tier_shares_include_the_unscored_and_leave_an_empty_group_blank():
    tier = np.array([0, 1, -1, 0], dtype=np.int8)
    counts = summaries.tier_counts(tier, ("A", "B"), by=np.array([0, 0, 0, 0]), labels=["x", "y"])
    shares = summaries.tier_shares(counts)
    assert shares.loc["x"].tolist() == [0.5, 0.25, 0.25]
    assert shares.loc["y"].isna().all()


def test_group_profile_ranks_by_mean_and_keeps_the_mix_and_lists_of_each_group():
    score = np.array([900.0, 1000.0, np.nan, 1010.0, 990.0])
    eligible = ~np.isnan(score)
    tier = np.array([1, 0, -1, 0, 0], dtype=np.int8)
    codes = np.array([0, 0, 0, 1, 1])
    red = np.array([False, True, False, True, False])
    black = np.array([True, False, True, False, False])
    profile = summaries.group_profile(score, eligible, tier, ("A", "B"), codes, ["a", "b"], red, black)
    assert profile.index.tolist() == ["b", "a"], "highest mean first"
    assert profile.loc["a", "mean"] == 950.0 and profile.loc["b", "mean"] == 1000.0
    assert profile.loc["a", ["A", "B", summaries.UNSCORED]].tolist() == [1 / 3, 1 / 3, 1 / 3]
    assert profile.loc["a", ["red_list", "black_list"]].tolist() == [1, 2]
    assert profile.loc["b", ["people", "scored", "red_list", "black_list"]].tolist() == [2, 2, 1, 0]


people = st.integers(min_value=1, max_value=60).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 4), min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n),
        st.lists(st.integers(-1, 2), min_size=n, max_size=n),
    )
)


@given(people)
def test_list_counts_and_tier_mix_add_up_to_everyone(data):
    codes, red, black, tier = (np.array(v) for v in data)
    labels = [f"g{i}" for i in range(5)]
    score = np.where(tier >= 0, 1000.0 - 10 * tier, np.nan)
    profile = summaries.group_profile(
        score, tier >= 0, tier.astype(np.int8), ("A", "B", "C"), codes, labels, red, black
    )
    assert profile["red_list"].sum() == red.sum() and profile["black_list"].sum() == black.sum()
    assert profile["people"].sum() == len(codes)
    mix = profile[["A", "B", "C", summaries.UNSCORED]]
    present = profile["people"] > 0
    assert np.allclose(mix[present].sum(axis=1), 1.0)
    assert mix[~present].isna().all(axis=None)
    scored_share = mix[["A", "B", "C"]].sum(axis=1)[present]
    assert np.allclose(scored_share * profile["people"][present], profile["scored"][present])


def test_box_statistics_name_the_lowest_and_highest_score_beyond_the_whiskers():
    score = np.array([100.0] + [500.0] * 20 + [900.0])
    binned = summaries.binned_scores(score, np.ones(len(score), bool), None, ["all"], 0, 1000, max_bins=1000)
    box = binned.box().loc["all"]
    assert box["min"] == 100.0 and box["max"] == 901.0, "to one 1-point bin"
    assert box["min"] < box["lower"] and box["upper"] < box["max"], "both extremes lie beyond the whiskers"


def test_the_central_range_leaves_out_a_few_stragglers_and_counts_them():
    score = np.concatenate([[100.0, 200.0], np.linspace(900, 1100, 996), [1400.0, 1450.0]])
    binned = summaries.binned_scores(score, np.ones(len(score), bool), None, ["all"], 0, 1500, max_bins=1500)
    low, high, below, above = binned.central(0.995)
    assert (low, high) == (900.0, 1101.0) and (below, above) == (2, 2)
    assert binned.central(1.0) == (100.0, 1451.0, 0, 0), "share 1 keeps everyone"
    edges, counts = binned.histogram(50, within=(low, high))
    assert counts.sum() == 1000 and edges[0] <= 100 and edges[-1] >= 1450, "zoomed, yet nobody is binned away"
    assert 40 <= np.count_nonzero((edges >= low) & (edges <= high)) <= 51, "about 50 bins across the view"
