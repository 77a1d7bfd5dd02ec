"""PSI between a baseline rulebook and a reform on the same people and date: on scores when the
two score on one range, on tier shares when they do not, refused when even the ladders differ."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from scoring.analyses.movers import LaddersDiffer
from scoring.engine import compile_dataset, score
from scoring.rulebook import load_preset
from scoring.tuning.editing import apply_rule_edits
from scoring.validity.reform_stability import reform_basis, reform_psi
from scoring.validity.stability import EPSILON, psi_total, verdict
from synthetic import GeneratorSettings, generate
from tests.analyses.fakes import population, result

ILLUSTRATIVE = load_preset("illustrative")


@pytest.fixture(scope="module")
def compiled():
    return compile_dataset(generate(GeneratorSettings(people=3_000, seed=5)))


@pytest.mark.parametrize("bins", ["tiers", "deciles"])
def test_the_same_rulebook_twice_is_perfectly_stable(compiled, bins):
    baseline, reform = score(compiled, ILLUSTRATIVE), score(compiled, ILLUSTRATIVE)
    table = reform_psi(baseline, reform, bins)
    assert psi_total(table) == 0.0
    assert (table["baseline_share"] == table["other_share"]).all()
    assert verdict(psi_total(table)) == "stable"


def test_a_heavier_weight_on_a_common_record_moves_the_distribution(compiled):
    heavier = apply_rule_edits(ILLUSTRATIVE, {"traffic_violation": {"points": -40}}, preset=ILLUSTRATIVE)
    baseline, reform = score(compiled, ILLUSTRATIVE), score(compiled, heavier)
    assert reform_basis(baseline, reform) == "scores"
    table = reform_psi(baseline, reform, "deciles")
    assert psi_total(table) > 0
    assert table["baseline_share"].sum() == pytest.approx(1.0) and table["other_share"].sum() == pytest.approx(1.0)
    # the reform only takes points away, so the lowest bin gains people
    assert table["other_share"].iloc[0] > table["baseline_share"].iloc[0]


def test_rulebooks_on_different_ranges_are_compared_on_tier_shares(compiled):
    rongcheng = load_preset("rongcheng_style")  # 0–1500, six tiers, as the illustrative 0–2000
    baseline, reform = score(compiled, ILLUSTRATIVE), score(compiled, rongcheng)
    assert reform_basis(baseline, reform) == "tiers"
    table = reform_psi(baseline, reform)
    assert list(table["tier"]) == [*range(6), -1] and "lower" not in table.columns
    for side, result_ in (("baseline", baseline), ("other", reform)):
        counts = np.bincount(result_.tier[result_.tier >= 0], minlength=6)
        assert table[side].tolist()[:6] == counts.tolist(), "one row per tier position, best first"


def test_tier_shares_psi_is_computed_by_hand_with_empty_tiers_at_epsilon():
    people = population(4)
    # illustrative A, A, B, B are positions 2, 2, 3, 3; fuzhou excellent, excellent, good, good are 0, 0, 2, 2
    baseline = result(people, ["A", "A", "B", "B"])
    reform = result(people, ["excellent", "excellent", "good", "good"], rulebook=load_preset("fuzhou_style"))
    table = reform_psi(baseline, reform)
    term = (0.5 - EPSILON) * np.log(0.5 / EPSILON)
    assert psi_total(table) == pytest.approx(2 * term)
    assert table["empty"].tolist() == [True, True, False, True, True, True, True], "empty on one side or both"
    assert table["unscored"].tolist() == [False] * 6 + [True] and table["psi"].iloc[-1] == 0.0, "everyone scored"
    assert table.loc[table["tier"] == 2, "psi"].item() == 0.0
    assert isinstance(table, pd.DataFrame)


@pytest.mark.parametrize("bins", ["tiers", "deciles"])
def test_shares_are_of_everyone_with_the_people_a_rulebook_does_not_score_as_a_bin_of_their_own(compiled, bins):
    older = ILLUSTRATIVE.eligibility.model_copy(update={"min_age": ILLUSTRATIVE.eligibility.min_age + 15})
    stricter = ILLUSTRATIVE.model_copy(update={"eligibility": older})
    baseline, reform = score(compiled, ILLUSTRATIVE), score(compiled, stricter)
    assert reform.eligible.sum() < baseline.eligible.sum(), "the reform scores fewer people"
    table = reform_psi(baseline, reform, bins)
    last = table.iloc[-1]
    assert last["unscored"] and not table["unscored"].iloc[:-1].any()
    assert last["baseline"] == (~baseline.eligible).sum() and last["other"] == (~reform.eligible).sum()
    everyone = compiled.n_people
    assert table["baseline"].sum() == everyone and table["other"].sum() == everyone, "the same people on both sides"
    assert table["baseline_share"].sum() == pytest.approx(1.0) and table["other_share"].sum() == pytest.approx(1.0)


def test_a_rulebook_that_scores_fewer_people_shifts_the_population_though_the_scored_keep_their_tiers():
    people = population(4)
    baseline = result(people, ["A", "A", "B", "B"])  # positions 2, 2, 3, 3 (tier shares: 0–2000 against 0–1000)
    # the fourth person is no longer eligible; the others keep their tier positions
    reform = result(people, ["good", "good", "fair", None], rulebook=load_preset("fuzhou_style"))
    table = reform_psi(baseline, reform)
    assert table["other"].tolist() == [0, 0, 2, 1, 0, 0, 1] and table["other_share"].iloc[-1] == 0.25
    assert psi_total(table) > 0, "a change in who is scored is part of the shift"
    # B loses a quarter of everyone to the unscored bin, which was empty (taken as EPSILON)
    expected = (0.25 - 0.5) * np.log(0.25 / 0.5) + (0.25 - EPSILON) * np.log(0.25 / EPSILON)
    assert psi_total(table) == pytest.approx(expected)


def test_different_ranges_and_ladders_of_different_lengths_are_refused_naming_both():
    people = population(1)
    shorter = load_preset("fuzhou_style")
    shorter = shorter.model_copy(
        update={"tiers": shorter.tiers.model_copy(update={"levels": shorter.tiers.levels[1:]}), "incentives": ()}
    )
    with pytest.raises(LaddersDiffer, match="baseline scores 0–2000 with 6 tiers and reform 0–1000 with 5"):
        reform_psi(result(people, ["A"]), result(people, ["very_good"], rulebook=shorter))


def test_results_of_different_dates_are_not_compared():
    now = population(1)
    earlier = SimpleNamespace(matrix=now.matrix, as_of=dt.date(2024, 12, 31), n_people=1)
    with pytest.raises(ValueError, match="as of the same date"):
        reform_psi(result(earlier, ["A"]), result(now, ["A"]))


def test_an_unknown_binning_is_refused(compiled):
    scored = score(compiled, ILLUSTRATIVE)
    with pytest.raises(ValueError, match="bins: expected one of tiers, deciles, got 'ventiles'"):
        reform_psi(scored, scored, "ventiles")
