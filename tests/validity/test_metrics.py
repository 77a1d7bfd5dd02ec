"""Discrimination, calibration and stability on hand-computed cases, against scikit-learn
where the metric exists there, and refusals of what would give a quietly wrong figure."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import roc_auc_score

from scoring.analyses.arguments import AnalysisInputError
from scoring.validity.calibration import calibration_by_tier
from scoring.validity.discrimination import discrimination, roc_points
from scoring.validity.stability import EPSILON, decile_edges, psi_table, psi_total, tier_edges, verdict


def test_ks_on_four_people_is_the_widest_gap_between_the_two_classes_below_a_score():
    # Lower is riskier. From the lowest score up: 10 (serious), 20 (not), 30 (serious), 40 (not).
    # Below-or-at 10: TPR 1/2, FPR 0 -> gap 1/2; at 20: 1/2, 1/2; at 30: 1, 1/2; at 40: 1, 1.
    figures = discrimination(np.array([10.0, 20, 30, 40]), np.array([True, False, True, False]))
    assert figures["ks"] == pytest.approx(0.5)
    assert figures["ks_score"] in (10.0, 30.0)
    # Pairs (serious, not) where the serious person scores lower: (10,20) (10,40) (30,40) of 4.
    assert figures["auc"] == pytest.approx(3 / 4)
    assert (figures["scored"], figures["serious"]) == (4, 2)


def test_people_not_scored_are_left_out_of_the_ranking():
    scores = np.array([10.0, np.nan, 30, 40, np.nan])
    outcome = np.array([True, True, False, False, False])
    figures = discrimination(scores, outcome)
    assert figures["auc"] == 1.0 and figures["ks"] == 1.0 and figures["scored"] == 3


@given(st.lists(st.tuples(st.integers(0, 20), st.booleans()), min_size=2, max_size=60))
def test_auc_is_scikit_learns_on_the_negated_score(pairs):
    scores = np.array([p[0] for p in pairs], dtype=float)
    outcome = np.array([p[1] for p in pairs])
    if outcome.all() or not outcome.any():
        with pytest.raises(AnalysisInputError, match="expected some with and some without"):
            discrimination(scores, outcome)
        return
    assert discrimination(scores, outcome)["auc"] == pytest.approx(roc_auc_score(outcome, -scores))


def test_a_score_that_rises_with_risk_has_an_auc_below_one_half():
    figures = discrimination(np.array([1.0, 2, 3, 4]), np.array([False, False, True, True]))
    assert figures["auc"] == 0.0


def test_the_roc_curve_runs_from_the_origin_to_the_corner_in_the_points_asked_for():
    curve = roc_points(np.arange(100.0), np.arange(100) % 3 == 0, points=11)
    assert len(curve) == 11
    assert (curve.iloc[0]["fpr"], curve.iloc[-1]["fpr"], curve.iloc[-1]["tpr"]) == (0.0, 1.0, 1.0)
    assert (np.diff(curve["tpr"]) >= 0).all()


@pytest.mark.parametrize(
    ("scores", "outcome", "message"),
    [
        ([1.0, 2.0], [True, True], "2 of 2 scored people"),
        ([1.0, 2.0], [1, 0], "expected true/false values"),
        ([1.0, 2.0, 3.0], [True, False], "2 values for 3 people"),
        ([1.0, np.inf], [True, False], "infinite score at position 1"),
        (["a", "b"], [True, False], "expected one number per person"),
        ([1.0, 2.0], None, "no ground truth"),
    ],
)
def test_discrimination_refuses_what_it_cannot_rank(scores, outcome, message):
    with pytest.raises(AnalysisInputError, match=message):
        discrimination(np.array(scores), None if outcome is None else np.array(outcome))


def test_calibration_counts_the_serious_per_tier_and_leaves_the_unscored_out():
    tiers = np.array([0, 0, 1, 1, 1, 2, -1, -1], dtype=np.int8)
    outcome = np.array([False, True, True, True, False, False, True, True])
    table = calibration_by_tier(tiers, outcome, ["A", "B", "C", "D"])
    assert table["tier"].tolist() == ["A", "B", "C", "D"]
    assert table["people"].tolist() == [2, 3, 1, 0]
    assert table["serious"].tolist() == [1, 2, 0, 0]
    assert table["rate"].iloc[:3].tolist() == pytest.approx([0.5, 2 / 3, 0.0])
    assert math.isnan(table["rate"].iloc[3])


@pytest.mark.parametrize(
    ("tiers", "ids", "message"),
    [([0, 3], ["A", "B"], "tiers: 3 at position 1; expected -1 \\(not scored\\) to 1"),
     ([0.0, 1.0], ["A", "B"], "expected one whole tier index"), ([0, 1], [], "at least one tier")],
)  # fmt: skip
def test_calibration_refuses_tier_indices_outside_the_ladder(tiers, ids, message):
    with pytest.raises(AnalysisInputError, match=message):
        calibration_by_tier(np.array(tiers), np.array([True, False]), ids)


def test_psi_of_two_tiny_distributions_is_the_hand_computed_sum():
    # Edges at 10 and 20: bins (-inf,10) [10,20) [20,inf). Baseline 2/4, 1/4, 1/4; other 1/4, 1/4, 2/4.
    table = psi_table(np.array([1.0, 5, 15, 25]), np.array([5.0, 10, 20, 30]), [10.0, 20.0])
    assert table["baseline"].tolist() == [2, 1, 1] and table["other"].tolist() == [1, 1, 2]
    expected = (0.25 - 0.5) * math.log(0.25 / 0.5) + 0 + (0.5 - 0.25) * math.log(0.5 / 0.25)
    assert psi_total(table) == pytest.approx(expected)  # = 0.5 ln 2 ≈ 0.347
    assert verdict(psi_total(table)) == "major_shift"


def test_an_empty_bin_counts_as_a_share_of_epsilon_and_is_marked():
    table = psi_table(np.array([1.0, 2, 15, 16]), np.array([15.0, 16, 17, 18]), [10.0])
    assert table["empty"].tolist() == [True, False]
    expected = (EPSILON - 0.5) * math.log(EPSILON / 0.5) + (1 - 0.5) * math.log(1 / 0.5)
    assert psi_total(table) == pytest.approx(expected)


def test_identical_distributions_are_stable_and_the_bands_are_the_usual_ones():
    scores = np.arange(1000.0)
    assert psi_total(psi_table(scores, scores, decile_edges(scores))) == 0.0
    assert [verdict(v) for v in (0.0, 0.0999, 0.1, 0.25, 0.2501)] == [
        "stable", "stable", "some_shift", "some_shift", "major_shift",
    ]  # fmt: skip


def test_deciles_merge_repeated_quantiles_and_tier_cutoffs_become_ascending_edges():
    assert decile_edges(np.array([1.0] * 50 + [2.0] * 50)).tolist() == [2.0]
    assert decile_edges(np.arange(100.0)).tolist() == [10.0, 20, 30, 40, 50, 60, 70, 80, 90]
    assert tier_edges(np.array([900.0, 800.0, 700.0])).tolist() == [700.0, 800.0, 900.0]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: psi_table(np.array([1.0]), np.array([2.0]), [2.0, 1.0]), "strictly ascending"),
        (lambda: psi_table(np.array([np.nan]), np.array([2.0]), [1.0]), "baseline: nobody is scored"),
        (lambda: psi_table(np.array([1.0]), np.array([2.0, 3]), [1.0], unscored=True), "baseline's 1 people"),
        (lambda: psi_table(np.array([]), np.array([]), [1.0], unscored=True), r"\(at least one\), got 0"),
        (lambda: verdict(float("nan")), "psi: expected a finite number"),
        (lambda: verdict(-0.1), "psi: expected a finite number of at least 0"),
        (lambda: tier_edges(np.array([np.nan])), "finite tier cut-offs"),
    ],
)
def test_stability_refuses_bins_and_figures_it_cannot_use(call, message):
    with pytest.raises(AnalysisInputError, match=message):
        call()
