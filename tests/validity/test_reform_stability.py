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
    assert list(table["tier"]) == list(range(6)) and "lower" not in table.columns
    for side, result_ in (("baseline", baseline), ("other", reform)):
        counts = np.bincount(result_.tier[result_.tier >= 0], minlength=6)
        assert table[side].tolist() == counts.tolist(), "one row per tier position, best first"


def test_tier_shares_psi_is_computed_by_hand_with_empty_tiers_at_epsilon():
    people = population(4)
    # illustrative A, A, B, B are positions 2, 2, 3, 3; fuzhou excellent, excellent, good, good are 0, 0, 2, 2
    baseline = result(people, ["A", "A", "B", "B"])
    reform = result(people, ["excellent", "excellent", "good", "good"], rulebook=load_preset("fuzhou_style"))
    table = reform_psi(baseline, reform)
    term = (0.5 - EPSILON) * np.log(0.5 / EPSILON)
    assert psi_total(table) == pytest.approx(2 * term)
    assert table["empty"].tolist() == [True, True, False, True, True, True], "empty on one side or both"
    assert table.loc[table["tier"] == 2, "psi"].item() == 0.0
    assert isinstance(table, pd.DataFrame)


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
