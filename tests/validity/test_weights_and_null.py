"""Learned weights scaled with a PDO, and the null generator: records independent of
propensity give a score that predicts nothing beyond what the generator's structure carries."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from scoring.analyses.arguments import AnalysisInputError
from scoring.engine import compile_dataset, score
from scoring.rulebook import load_preset
from scoring.validity.discrimination import discrimination
from scoring.validity.outcome import serious_next_year
from scoring.validity.weights import (
    MIN_EVENTS,
    learned_weights,
    pdo_factor,
    profile_matrix,
    scaled_points,
    scaled_score,
)
from synthetic import GeneratorSettings, generate
from synthetic.spread import validity_spread

ILLUSTRATIVE = load_preset("illustrative")
PEOPLE = 60_000  # ~500 serious among the scored: the AUC's chance spread is about ±0.03


@pytest.fixture(scope="module")
def populations():
    return {
        null: generate(GeneratorSettings(people=PEOPLE, seed=11, records_independent=null)) for null in (False, True)
    }


@pytest.mark.parametrize("pdo", [20, 50, 7.5])
def test_doubling_the_odds_adds_exactly_pdo_points_and_the_anchor_scores_its_odds(pdo):
    odds = np.array([0.5, 3.0, 40.0])
    gained = scaled_score(np.log(2 * odds), pdo, 600, 50) - scaled_score(np.log(odds), pdo, 600, 50)
    assert gained == pytest.approx([pdo] * 3)
    assert scaled_score(math.log(50), pdo, 600, 50) == pytest.approx(600)
    assert pdo_factor(pdo) == pytest.approx(pdo / math.log(2))
    # a unit that doubles the odds of the bad outcome costs exactly PDO points
    assert scaled_points([math.log(2)], pdo)[0] == pytest.approx(-pdo)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: pdo_factor(0), "pdo: expected a positive number of points, got 0"),
        (lambda: pdo_factor(True), "pdo: expected a positive number"),
        (lambda: scaled_score(0.0, 20, 600, 0), "anchor_odds: expected a positive number"),
        (lambda: scaled_score(0.0, 20, float("nan"), 1), "anchor_score: expected a number"),
    ],
)
def test_scaling_refuses_arguments_that_make_no_scorecard(call, message):
    with pytest.raises(AnalysisInputError, match=message):
        call()


def test_the_score_predicts_under_the_normal_generator_and_not_under_the_null(populations):
    auc = {}
    for null, dataset in populations.items():
        result = score(compile_dataset(dataset), ILLUSTRATIVE)
        auc[null] = discrimination(result.score, serious_next_year(dataset))["auc"]
    assert auc[False] > 0.58, auc
    assert abs(auc[True] - 0.5) < 0.05, auc


def test_the_null_generator_keeps_the_people_and_the_record_volumes_per_type(populations):
    real, null = populations[False], populations[True]
    assert real.people.equals(null.people)
    assert real.truth.equals(null.truth), "the truth follows each person's own propensity either way"
    volumes = [d.records["record_type"].value_counts().sort_index() for d in (real, null)]
    common = volumes[0][volumes[0] > 400].index
    ratio = volumes[1][common] / volumes[0][common]
    assert ratio.between(0.85, 1.15).all(), ratio[~ratio.between(0.85, 1.15)]
    assert null.manifest["settings"]["records_independent"]["value"] is True


def _person_quantities(result) -> np.ndarray:
    """People × rules from the plan's segments, person by person (not through profiles)."""
    plan = result.plan
    run_of_segment = np.repeat(np.arange(len(plan.run_rows)), np.diff(plan.run_start))
    out = np.zeros((result.compiled.n_people, len(result.rulebook.rules)))
    rule = np.asarray(plan.rank_rule)[plan.seg_rank]
    np.add.at(out, (plan.run_rows[run_of_segment], rule), result.quantities.segment_quantity)
    return out


def test_learned_weights_are_a_person_by_person_fit_scaled_to_points(populations):
    dataset = populations[False]
    result = score(compile_dataset(dataset), ILLUSTRATIVE)
    outcome = serious_next_year(dataset)
    table = learned_weights(result, outcome, pdo=20)
    rules = table[table["kind"] == "rule"]
    assert rules["rule"].tolist() == [rule.id for rule in ILLUSTRATIVE.rules]
    assert rules["hand_points"].tolist() == [rule.points for rule in ILLUSTRATIVE.rules]

    x = _person_quantities(result)[result.eligible]
    y = outcome[result.eligible]
    assert np.allclose(profile_matrix(result)[result.quantities.profile_of[result.eligible]].toarray(), x)
    assert rules["holders"].tolist() == (x != 0).sum(axis=0).tolist()
    assert rules["serious_holders"].tolist() == ((x != 0) & y[:, None]).sum(axis=0).tolist()
    used = (x != 0).any(axis=0)
    scale = x[:, used].std(axis=0)
    scale[scale == 0] = 1
    model = LogisticRegression(max_iter=1000).fit(x[:, used] / scale, y)
    expected = -20 / math.log(2) * model.coef_[0] / scale
    learned = rules["learned_points"].to_numpy()
    assert np.allclose(learned[used], expected, rtol=1e-3, atol=0.05)
    assert np.isnan(learned[~used]).all()
    base = table.iloc[-1]
    odds = (~y).sum() / y.sum()
    assert base["kind"] == "base" and base["hand_points"] == ILLUSTRATIVE.score.base
    assert base["learned_points"] == pytest.approx(
        ILLUSTRATIVE.score.base - 20 / math.log(2) * (model.intercept_[0] + math.log(odds)), abs=0.05
    )
    few = rules["serious_holders"] < MIN_EVENTS
    assert rules.loc[few, "same_sign"].isna().all()
    judged = rules[~few & rules["same_sign"].notna()]
    assert (judged["same_sign"] == (np.sign(judged["hand_points"]) == np.sign(judged["learned_points"]))).all()


def test_learned_weights_refuse_an_outcome_that_is_not_one_per_person(populations):
    result = score(compile_dataset(populations[False]), ILLUSTRATIVE)
    with pytest.raises(AnalysisInputError, match="outcome: 3 values for 60000 people"):
        learned_weights(result, np.array([True, False, True]))
    with pytest.raises(AnalysisInputError, match="pdo: expected a positive number"):
        learned_weights(result, serious_next_year(populations[False]), pdo=-1)


def test_auc_and_ks_across_seeds_report_progress_and_their_range():
    seen = []
    spread = validity_spread(3000, [1, 2, 3], ILLUSTRATIVE, lambda fraction, seed: seen.append((fraction, seed)))
    assert list(spread.index) == ["auc", "ks"]
    assert list(spread.columns) == [1, 2, 3, "min", "median", "max"]
    assert (spread["min"] <= spread["median"]).all() and (spread["median"] <= spread["max"]).all()
    assert seen == [(0.0, 1), (1 / 3, 2), (2 / 3, 3), (1.0, 3)]
    with pytest.raises(ValueError, match="seeds: 2 is given twice"):
        validity_spread(3000, [2, 2], ILLUSTRATIVE)


def test_a_population_already_generated_is_used_not_generated_again(populations):
    # The null population stands in for seed 11: a regenerated one would be the normal generator's.
    null = populations[True]
    spread = validity_spread(PEOPLE, [11], ILLUSTRATIVE, kept={11: null})
    result = score(compile_dataset(null), ILLUSTRATIVE)
    assert spread.loc["auc", 11] == discrimination(result.score, serious_next_year(null))["auc"]
    with pytest.raises(ValueError, match="kept: the population of seed 11 has 60000 people, not 500"):
        validity_spread(500, [11], ILLUSTRATIVE, kept={11: null})
