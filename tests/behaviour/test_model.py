"""The behavioural response model: with no elasticity it is the no-response path, a dearer
incentive never lowers the uptake of the actions that reach it, and a seed is a result."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.behaviour.model import Parameters, action_probability, simulate
from scoring.problems import Refusal
from scoring.rulebook import load_preset
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings


@cache
def population():
    return generate(GeneratorSettings(people=2000, seed=5))


def _paths(outcome, table: str):
    frame = getattr(outcome, table)
    simulated = frame[frame["path"] == "simulated"].drop(columns="path").reset_index(drop=True)
    unmoved = frame[frame["path"] == "no_response"].drop(columns="path").reset_index(drop=True)
    return simulated, unmoved


def test_with_elasticity_zero_the_simulation_is_the_no_response_path():
    outcome = simulate(population(), load_preset("illustrative"), Parameters(elasticity=0.0, horizon_months=6))
    for table in ("tiers", "districts", "groups", "cost", "uptake"):
        simulated, unmoved = _paths(outcome, table)
        pd.testing.assert_frame_equal(simulated, unmoved)


def test_a_positive_elasticity_moves_people_when_incentives_are_worth_the_effort():
    rulebook = load_preset("illustrative")
    dear = rulebook.model_copy(
        update={"incentives": tuple(i.model_copy(update={"unit_cost_yuan": 50_000}) for i in rulebook.incentives)}
    )
    simulated, unmoved = _paths(simulate(population(), dear, Parameters(elasticity=1.0, horizon_months=3)), "uptake")
    assert simulated["actions"].sum() > unmoved["actions"].sum()


def test_the_same_seed_gives_the_same_result_and_another_seed_another():
    rulebook = load_preset("illustrative")
    one = simulate(population(), rulebook, Parameters(seed=3, horizon_months=4))
    again = simulate(population(), rulebook, Parameters(seed=3, horizon_months=4))
    other = simulate(population(), rulebook, Parameters(seed=4, horizon_months=4))
    pd.testing.assert_frame_equal(one.tiers, again.tiers)
    pd.testing.assert_frame_equal(one.uptake, again.uptake)
    assert not one.uptake.equals(other.uptake)


@given(
    base=st.floats(1e-6, 0.5),
    value=st.floats(0, 1e6),
    more=st.floats(0, 1e6),
    hours=st.floats(0, 100),
    elasticity=st.floats(0, 5),
)
def test_more_value_never_lowers_the_chance_of_an_action(base, value, more, hours, elasticity):
    low = action_probability(np.float64(base), np.array([value]), hours, elasticity, 50.0)
    high = action_probability(np.float64(base), np.array([value + more]), hours, elasticity, 50.0)
    assert high[0] >= low[0]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(incentive=st.integers(0, 2), factor=st.floats(1.0, 200.0))
def test_raising_an_incentives_value_never_lowers_uptake_of_the_actions_that_reach_it(incentive, factor):
    rulebook = load_preset("illustrative")
    raised = list(rulebook.incentives)
    raised[incentive] = raised[incentive].model_copy(
        update={"unit_cost_yuan": raised[incentive].unit_cost_yuan * factor}
    )
    dearer = rulebook.model_copy(update={"incentives": tuple(raised)})
    parameters = Parameters(elasticity=1.0, horizon_months=1)
    before = simulate(population(), rulebook, parameters).uptake
    after = simulate(population(), dearer, parameters).uptake
    simulated = before["path"] == "simulated"
    assert (after.loc[simulated, "actions"].to_numpy() >= before.loc[simulated, "actions"].to_numpy()).all()


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        (Parameters(elasticity=-1), "elasticity -1; expected a number of 0 or more"),
        (Parameters(horizon_months=0), "horizon 0 months; expected 1 to 60"),
        (Parameters(seed=-2), "seed -2"),
    ],
)
def test_bad_parameters_are_refused_before_anything_is_scored(parameters, message):
    with pytest.raises(Refusal, match=message):
        simulate(population(), load_preset("illustrative"), parameters)
