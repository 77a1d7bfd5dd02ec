"""Tier shares and the threshold sweep agree with re-scoring."""

from __future__ import annotations

import datetime as dt
from functools import cache

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scoring.engine import compile_dataset, score
from scoring.engine.scorer import assign_tiers, tier_cutoffs
from scoring.rulebook import load_preset
from scoring.tuning.editing import set_tier_cutoffs
from scoring.tuning.thresholds import UNSCORED, sweep_cutoff, sweep_values, tier_shares
from tests.engine.factories import AS_OF, make_dataset

ILLUSTRATIVE = load_preset("illustrative")


@cache
def compiled(seed: int = 3):
    return compile_dataset(make_dataset(400, 4000, seed=seed, n_listings=30), AS_OF.astype(dt.date))


def test_raising_the_aaa_cutoff_never_raises_the_aaa_share():
    result = score(compiled(), ILLUSTRATIVE)
    shares = [tier_shares(result).loc["all", "AAA"]]
    for aaa in (1055, 1080, 1200):
        edited = set_tier_cutoffs(ILLUSTRATIVE, "absolute", [aaa, 1030, 960, 850, 600])
        shares.append(tier_shares(score(compiled(), edited)).loc["all", "AAA"])
    assert all(b <= a for a, b in zip(shares, shares[1:], strict=False))
    sweep = sweep_cutoff(
        result.score, result.eligible, result.cutoffs, result.tier_ids, "AAA", [1031, 1050, 1100, 1500]
    )
    assert sweep["AAA"].is_monotonic_decreasing


def test_tier_shares_overall_and_by_district_with_unscored():
    result = score(compiled(), ILLUSTRATIVE)
    people = result.compiled.people if hasattr(result.compiled, "people") else result.compiled.matrix.people
    district = people["district"]
    shares = tier_shares(result, district.cat.codes.to_numpy(), list(district.cat.categories))
    assert shares.index[0] == "all" and list(shares.index[1:]) == list(district.cat.categories)
    assert list(shares.columns) == [*result.tier_ids, UNSCORED, "people"]
    assert shares.loc["all", "people"] == len(result.tier)
    assert shares.loc["all", UNSCORED] == pytest.approx((~result.eligible).mean())
    populated = shares[shares["people"] > 0]
    np.testing.assert_allclose(populated.drop(columns="people").sum(axis=1), 1.0)
    assert shares.iloc[1:]["people"].sum() == len(result.tier)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 3),
    moving=st.sampled_from(["AAA", "AA", "A", "B", "C"]),
    values=st.lists(st.floats(500, 1300, allow_nan=False), min_size=1, max_size=6),
)
def test_sweep_agrees_with_re_scoring(seed, moving, values):
    result = score(compiled(seed), ILLUSTRATIVE)
    tier_ids = result.tier_ids
    k = tier_ids.index(moving)
    values = [*values, float(result.cutoffs[k])]
    sweep = sweep_cutoff(result.score, result.eligible, result.cutoffs, tier_ids, moving, values)
    n = result.eligible.sum()
    for _, row in sweep.iterrows():
        cutoffs = result.cutoffs.copy()
        cutoffs[k] = row["value"]
        ordered = bool(np.all(np.diff(cutoffs) < 0))
        assert row["valid"] == ordered, row["reason"]
        if not ordered:
            assert row["reason"] and np.isnan(row[moving])
            continue
        tier = assign_tiers(result.score, result.eligible, cutoffs)
        expected = np.bincount(tier[result.eligible], minlength=len(tier_ids)) / n
        np.testing.assert_allclose(row[list(tier_ids)].to_numpy(float), expected)
    assert sweep["current"].sum() >= 1


def test_sweep_with_veto_floor_matches_the_engines_tiers():
    result = score(compiled(), ILLUSTRATIVE)
    floor = result.veto_floor
    current = sweep_cutoff(
        result.score, result.eligible, result.cutoffs, result.tier_ids, "A", [result.cutoffs[2]], floor=floor
    )
    expected = np.bincount(result.tier[result.eligible], minlength=len(result.tier_ids)) / result.eligible.sum()
    np.testing.assert_allclose(current[list(result.tier_ids)].to_numpy(float)[0], expected)


def test_sweep_in_quantile_mode_agrees_with_tier_cutoffs():
    quantile = set_tier_cutoffs(ILLUSTRATIVE, "quantile", [0.05, 0.1, 0.35, 0.3, 0.15, 0.05])
    result = score(compiled(), quantile)
    np.testing.assert_array_equal(result.cutoffs, tier_cutoffs(result.score[result.eligible], quantile.tiers))
    values = sweep_values(result, "AA", steps=11)
    sweep = sweep_cutoff(result.score, result.eligible, result.cutoffs, result.tier_ids, "AA", values)
    assert sweep["valid"].all() and sweep["current"].sum() == 1


def test_sweep_checks_its_arguments():
    result = score(compiled(), ILLUSTRATIVE)
    with pytest.raises(ValueError, match="moving_tier must be a tier with a lower bound"):
        sweep_cutoff(result.score, result.eligible, result.cutoffs, result.tier_ids, "D", [1])
    with pytest.raises(ValueError, match="expected 5 cut-offs"):
        sweep_cutoff(result.score, result.eligible, result.cutoffs[:2], result.tier_ids, "AAA", [1])


def test_cutoffs_both_ways_give_shares_that_add_up_to_one_and_reproduce_the_rulebook():
    from scoring.tuning.thresholds import cutoffs_both_ways, same_cutoffs

    result = score(compiled(), ILLUSTRATIVE)
    both = cutoffs_both_ways(ILLUSTRATIVE, result)
    assert sum(both["quantile"].values()) == pytest.approx(1.0)
    assert min(both["quantile"].values()) > 0
    assert same_cutoffs(ILLUSTRATIVE, result, "absolute", both["absolute"])
    assert same_cutoffs(ILLUSTRATIVE, result, "quantile", both["quantile"]), "the equivalents change nothing"
    moved = {**both["quantile"], "AAA": both["quantile"]["AAA"] + 0.01}
    assert not same_cutoffs(ILLUSTRATIVE, result, "quantile", moved)


def test_a_quantile_rulebooks_cutoffs_read_as_simple_numbers_that_give_the_same_tiers():
    """The tester saw 780.1510000000001 in a cut-off input after shares were applied."""
    from scoring.tuning.thresholds import cutoffs_both_ways

    quantile = set_tier_cutoffs(ILLUSTRATIVE, "quantile", [0.03, 0.1, 0.67, 0.1, 0.05, 0.05])
    result = score(compiled(), quantile)
    bounds = cutoffs_both_ways(quantile, result)["absolute"]
    assert all(len(repr(v).split(".")[-1]) <= 3 for v in bounds.values()), bounds
    as_absolute = score(compiled(), set_tier_cutoffs(ILLUSTRATIVE, "absolute", bounds))
    assert np.array_equal(as_absolute.tier, result.tier), "the simple bounds put everyone in the same tier"


@example(scores=[1.9999999999995453], picks=[1, 38])  # two bounds above the top score, 1e-7 apart
@settings(max_examples=200, deadline=None)
@given(
    scores=st.lists(st.floats(-1000, 3000, allow_nan=False), min_size=1, max_size=60),
    picks=st.lists(st.integers(0, 59), min_size=1, max_size=5),
)
def test_simple_cutoffs_give_every_score_the_same_tier_and_keep_falling(scores, picks):
    from scoring.tuning.thresholds import simple_cutoffs

    ranked = np.array(sorted(scores))
    cutoffs = np.array(sorted({ranked[p % len(ranked)] + 1e-7 * (p % 3) for p in picks}, reverse=True))
    simple = np.array(simple_cutoffs(ranked, cutoffs))
    assert np.array_equal(assign_tiers(ranked, np.ones(len(ranked), bool), simple),
                          assign_tiers(ranked, np.ones(len(ranked), bool), cutoffs))  # fmt: skip
    assert np.all(np.diff(simple) < 0), "the bounds still fall from best to worst"
