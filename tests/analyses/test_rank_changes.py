"""Percentile ranks: what a comparison of two rulebooks with different score ranges can show."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import rankdata

from scoring.analyses.rank_changes import percentile_ranks, rank_changes
from scoring.rulebook import load_preset
from tests.analyses.fakes import population, result

FUZHOU = load_preset("fuzhou_style")  # 0–1000, where the illustrative preset scores 0–2000


def test_a_reform_that_halves_every_score_on_a_smaller_range_moves_nobodys_rank():
    people = population(4)
    before = result(people, ["A", "B", "C", None], scores=[1400, 1000, 600, 0])
    after = result(people, ["excellent", "good", "fair", None], scores=[700, 500, 300, 0], rulebook=FUZHOU)
    bins = rank_changes(before, after)
    assert bins["people"].sum() == 3, "the unscored person has no rank to move"
    assert bins.loc[bins["people"] > 0, ["low", "high"]].to_numpy().tolist() == [[-0.5, 0.5]]


def test_a_reform_that_swaps_the_best_and_the_worst_moves_them_three_quarters_of_the_ranking():
    people = population(4)
    before = result(people, ["A"] * 4, scores=[10, 20, 30, 40])  # ranks 12.5, 37.5, 62.5, 87.5
    after = result(people, ["excellent"] * 4, scores=[80, 40, 60, 20], rulebook=FUZHOU)
    bins = rank_changes(before, after, max_bins=2)  # width 100: bins centred on -100, 0, 100
    moved = dict(zip((bins["low"] + bins["high"]) / 2, bins["people"], strict=True))
    assert moved == {-100: 1, 0: 2, 100: 1}  # +75 and −75 points, nearest the bins at ±100


def test_a_filter_picks_whose_moves_are_shown_but_not_whom_they_are_ranked_against():
    people = population(4)
    before = result(people, ["A"] * 4, scores=[10, 20, 30, 40])
    after = result(people, ["excellent"] * 4, scores=[80, 40, 60, 20], rulebook=FUZHOU)
    only_first = np.array([True, False, False, False])
    bins = rank_changes(before, after, only_first, max_bins=1)  # width 200: one person, +75 points
    assert bins["people"].sum() == 1 and float(bins.loc[bins["people"] == 1, "low"].iloc[0]) == -100


def test_ties_share_their_rank():
    assert percentile_ranks(np.array([5.0, 5.0, 9.0, 1.0])).tolist() == [50.0, 50.0, 87.5, 12.5]


def test_nobody_scored_gives_no_ranks_and_no_changes():
    assert percentile_ranks(np.empty(0)).size == 0
    people = population(2)
    assert rank_changes(result(people, ["A", None]), result(people, [None, "A"])).empty


scores = st.lists(st.integers(-3000, 3000), min_size=1, max_size=200).map(lambda v: np.array(v, dtype=float))


@given(scores)
def test_counted_ranks_are_the_mid_ranks_a_sort_gives(values):
    expected = 100 * (rankdata(values, method="average") - 0.5) / len(values)
    np.testing.assert_allclose(percentile_ranks(values), expected)


@given(scores)
def test_fractional_scores_rank_as_their_whole_number_twins(values):
    np.testing.assert_allclose(percentile_ranks(values + 0.25), percentile_ranks(values))


@pytest.mark.parametrize("far", [1e12, -1e12])
def test_whole_scores_far_apart_are_ranked_without_a_huge_count(far):
    assert percentile_ranks(np.array([0.0, far])).tolist() == ([25.0, 75.0] if far > 0 else [75.0, 25.0])


def test_each_results_ranks_are_taken_once_however_often_the_filter_changes(monkeypatch):
    from types import SimpleNamespace

    from scoring.analyses import rank_changes as module

    class Kept(SimpleNamespace):  # a result that, like ScoreResult, is hashable by identity
        __hash__ = object.__hash__

    people = population(3)
    before = Kept(**vars(result(people, ["A", "B", "C"], scores=[1400, 1000, 600])))
    after = Kept(**vars(result(people, ["excellent"] * 3, scores=[700, 500, 300], rulebook=FUZHOU)))
    ranked = []
    monkeypatch.setattr(module, "percentile_ranks", lambda s: ranked.append(len(s)) or percentile_ranks(s))
    for mask in ([True, True, True], [True, False, False], [False, True, True]):
        rank_changes(before, after, np.array(mask))
    assert ranked == [3, 3], "once per result"
