"""The behavioural response model: with no elasticity it is the no-response path, a dearer
incentive never lowers the uptake of the actions that reach it, and a seed is a result. Black-list
listings are repaired as the rulebook's repair periods allow, at the data's or the reader's rate,
and each month's score distribution is kept per path."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.behaviour.model import BINS, QUANTILE_COLUMNS, Parameters, action_probability, progress_month, simulate
from scoring.behaviour.repair import black_listings, data_ahead, draw_repairs
from scoring.calendar import add_months
from scoring.engine import compile_dataset, score
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
    for table in ("tiers", "districts", "groups", "cost", "uptake", "quantiles", "histogram"):
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
    pd.testing.assert_frame_equal(one.quantiles, again.quantiles)
    pd.testing.assert_frame_equal(one.histogram, again.histogram)
    pd.testing.assert_frame_equal(one.repairs, again.repairs)
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
        (Parameters(repair_rate=1.5), "repair rate 1.5; expected a share of 0 to 1"),
    ],
)
def test_bad_parameters_are_refused_before_anything_is_scored(parameters, message):
    with pytest.raises(Refusal, match=message):
        simulate(population(), load_preset("illustrative"), parameters)


def _month_ends(dataset, horizon: int) -> list[np.datetime64]:
    return [add_months(dataset.data_as_of, m) for m in range(1, horizon + 1)]


def _open_listings(dataset, rulebook):
    listings = black_listings(dataset, rulebook)
    ended = listings["ended_on"].to_numpy().astype("datetime64[D]")
    return listings[np.isnat(ended) | (ended > dataset.data_as_of)]


@settings(max_examples=5, deadline=None)
@given(rate=st.floats(0.3, 1.0), seed=st.integers(0, 1000))
def test_a_listing_is_never_repaired_before_its_minimum_period_nor_before_the_horizon_starts(rate, seed):
    dataset, rulebook = population(), load_preset("illustrative")
    listings = _open_listings(dataset, rulebook)
    repairs = draw_repairs(listings, _month_ends(dataset, 36), dataset.data_as_of, rate, seed)
    assert len(repairs), "a rate above zero over three years repairs someone"
    minimum = listings.set_index("record").loc[repairs["record"]]
    months = np.array([rulebook.repair.min_months[s] for s in minimum["severity"]])
    allowed = add_months(minimum["listed_on"].to_numpy().astype("datetime64[D]"), months)
    assert (repairs["repaired_on"].to_numpy() >= allowed).all()
    assert (repairs["repaired_on"].to_numpy() > dataset.data_as_of).all()


def test_with_a_repair_rate_of_zero_nobody_is_repaired():
    outcome = simulate(population(), load_preset("illustrative"), Parameters(horizon_months=6, repair_rate=0.0))
    assert outcome.repairs["repairs"].sum() == 0
    assert not outcome.repair_measured and outcome.repair_rate == 0.0


def test_with_a_repair_rate_of_one_every_listing_is_repaired_in_its_first_eligible_month():
    dataset, rulebook = population(), load_preset("illustrative")
    ends = _month_ends(dataset, 12)
    listings = _open_listings(dataset, rulebook).set_index("record")
    repairs = draw_repairs(listings.reset_index(), ends, dataset.data_as_of, 1.0, seed=0).set_index("record")
    eligible_by_horizon = listings["earliest"].to_numpy().astype("datetime64[D]") <= ends[-1]
    assert set(repairs.index) == set(listings.index[eligible_by_horizon])
    first_month = np.searchsorted(
        np.array(ends), listings.loc[repairs.index, "earliest"].to_numpy().astype("datetime64[D]")
    )
    assert (repairs["month"].to_numpy() == first_month + 1).all()
    outcome = simulate(dataset, rulebook, Parameters(horizon_months=12, repair_rate=1.0))
    assert outcome.repairs["repairs"].sum() == eligible_by_horizon.sum()


def test_a_drawn_repair_ends_the_listing_as_the_engine_scores_the_data_ahead():
    dataset, rulebook = population(), load_preset("illustrative")
    ends = _month_ends(dataset, 12)
    listings = _open_listings(dataset, rulebook)
    on_list = {}
    for rate in (0.0, 1.0):
        repairs = draw_repairs(listings, ends, dataset.data_as_of, rate, seed=0)
        ahead = data_ahead(dataset, repairs, ends[-1].astype(object))
        result = score(compile_dataset(ahead, ends[-1]), rulebook)
        on_list[rate] = set(np.flatnonzero(result.black_list))
    repaired_people = set(listings["person"]) - set(listings.loc[listings["earliest"] > ends[-1], "person"])
    assert repaired_people and on_list[1.0] < on_list[0.0]
    assert not (on_list[1.0] & repaired_people), "nobody whose every listing was repaired stays listed"


def test_the_data_measures_its_own_repair_rate():
    outcome = simulate(population(), load_preset("illustrative"), Parameters(horizon_months=2))
    assert outcome.repair_measured and 0 < outcome.repair_rate < 1


def test_each_months_quantiles_are_ordered_and_its_histogram_shares_sum_to_one():
    rulebook = load_preset("illustrative")
    outcome = simulate(population(), rulebook, Parameters(horizon_months=4, elasticity=2.0))
    q = outcome.quantiles[list(QUANTILE_COLUMNS)].to_numpy()
    assert (np.diff(q, axis=1) >= 0).all()
    assert ((q >= rulebook.score.min) & (q <= rulebook.score.max)).all()
    sums = outcome.histogram.groupby(["month", "path"])["share"].sum()
    assert np.allclose(sums, 1.0) and len(sums) == 8
    assert (outcome.histogram.groupby(["month", "path"]).size() == BINS).all()
    assert (
        outcome.histogram["low"].min() == rulebook.score.min and outcome.histogram["high"].max() == rulebook.score.max
    )


def test_a_listing_whose_maximum_period_ends_first_is_not_repaired_but_one_still_within_it_is():
    as_of = np.datetime64("2025-12-31")
    day = np.datetime64
    listings = pd.DataFrame(
        {
            "record": [1, 2],
            "person": [10, 20],
            "earliest": [day("2025-06-30"), day("2025-06-30")],
            "auto_end": [day("2026-01-01"), day("2027-06-30")],  # the first's publicity ends on day one
            "ended_on": np.array(["NaT", "NaT"], dtype="datetime64[D]"),
        }
    )
    ends = [add_months(as_of, m) for m in range(1, 4)]
    repairs = draw_repairs(listings, ends, as_of, 1.0, seed=0)
    assert repairs["record"].tolist() == [2]
    assert repairs["repaired_on"].tolist() == [day("2026-01-01")] and repairs["month"].tolist() == [1]


@pytest.mark.parametrize("horizon", [1, 4])
def test_the_progress_a_run_reports_names_each_month_in_turn_then_the_last(horizon):
    reported = []
    simulate(population(), load_preset("illustrative"), Parameters(horizon_months=horizon), progress=reported.append)
    assert [progress_month(f, horizon) for f in reported] == [*range(1, horizon + 1), horizon]


def test_commendations_keep_arriving_on_the_no_response_path_at_their_data_rate():
    """A commendation is conferred, not taken up: nobody responds to incentives with one, yet the
    no-response path keeps receiving them, so the points they bring do not age out unreplaced."""
    outcome = simulate(population(), load_preset("illustrative"), Parameters(elasticity=5.0, horizon_months=12))
    simulated, unmoved = _paths(outcome, "uptake")
    conferred = ("commendation_district", "a_level_taxpayer")
    drawn = unmoved[unmoved["record_type"].isin(conferred)].groupby("record_type")["actions"].sum()
    assert set(drawn.index) == set(conferred) and (drawn > 0).all()
    more = simulated[simulated["record_type"].isin(conferred)]["actions"].sum()
    assert more == drawn.sum(), "a conferred record does not respond to the incentives"


def test_a_rule_for_some_key_groups_draws_its_records_among_them_only():
    data = population()
    teachers = data.people["key_group"].value_counts().index[1]  # a key group with people in it
    members = int((data.people["key_group"] == teachers).sum())
    preset = load_preset("illustrative")
    rules = tuple(
        r.model_copy(update={"groups": (teachers,)}) if r.id == "volunteer_hours" else r for r in preset.rules
    )
    outcome = simulate(data, preset.model_copy(update={"rules": rules}), Parameters(horizon_months=12, seed=1))
    _, unmoved = _paths(outcome, "uptake")
    drawn = unmoved[unmoved["record_type"] == "volunteer_hours"]["actions"]
    assert len(drawn) == 12 and drawn.sum() > 0 and drawn.max() <= members
