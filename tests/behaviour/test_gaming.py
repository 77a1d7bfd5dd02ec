"""The gaming surface: cheap points come first, and the cheapest route from a tier's lower edge,
added as records and rescored by the engine, really reaches the next tier."""

from __future__ import annotations

import datetime as dt
from functools import cache

import numpy as np
import pandas as pd
import pytest

from scoring.behaviour.effort import DEFAULT_EFFORT, Effort
from scoring.behaviour.gaming import cheapest_route, gaming_surface, tier_routes
from scoring.catalogues import load_catalogues
from scoring.engine import compile_dataset, score
from scoring.person.alone import alone
from scoring.problems import Refusal
from scoring.rulebook import load_preset
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings


@cache
def population():
    return generate(GeneratorSettings(people=3000, seed=11))


def test_open_actions_are_listed_cheapest_points_first_and_conferred_honours_last():
    surface = gaming_surface(load_preset("illustrative"), load_catalogues())
    opened = surface[surface["open"]]
    assert list(opened["points_per_hour"]) == sorted(opened["points_per_hour"], reverse=True)
    assert not surface.loc[~surface["open"], "points_per_hour"].notna().any()
    assert surface["open"].is_monotonic_decreasing
    donation = surface.set_index("record_type").loc["charitable_donation"]
    assert donation["points_per_hour"] == pytest.approx(1 / 1000 * 50)  # 50 yuan an hour, 1 point per 1000


def _rescored_tier(data, rulebook, person: int, as_of: dt.date, steps) -> int:
    """The person's tier with the route's records added today, rescored by the engine."""
    added = pd.DataFrame(
        {
            "record_type": [s.record_type for s in steps],
            "occurred_on": np.datetime64(as_of, "s"),
            "quantity": [s.quantity for s in steps],
            "department": [data.catalogues.record_type(s.record_type).department for s in steps],
        }
    )
    return int(score(compile_dataset(alone(data, person, as_of, as_of, added), as_of), rulebook).tier[0])


@pytest.mark.parametrize("preset", ["illustrative", "rongcheng_style", "fuzhou_style"])
def test_the_cheapest_route_applied_reaches_the_next_tier(preset):
    """From the tier's lower edge where someone stands in the tier with no positive points yet (they
    need no more than the edge does); elsewhere from the scores of such people themselves."""
    rulebook, data, catalogues = load_preset(preset), population(), load_catalogues()
    result = score(compile_dataset(data), rulebook)
    as_of = result.compiled.as_of.astype(dt.date)
    positive = {t for r in rulebook.rules if r.points > 0 for t in r.matches}
    with_positive = data.records.loc[data.records["record_type"].isin(positive), "person_id"]
    candidates = ~np.isin(np.arange(len(data.people)), with_positive) & result.eligible & ~result.red_list
    tried = 0
    for route in tier_routes(rulebook, catalogues, result.cutoffs):
        in_tier = np.flatnonzero(candidates & (result.tier == route.tier) & (result.veto_floor <= route.target))
        for person in in_tier[np.argsort(-result.score[in_tier])][:3]:  # the nearest to the next tier
            steps, reached = (route.steps, route.reached)
            if not reached:
                steps, reached = cheapest_route(rulebook, catalogues, float(result.score[person]), route.cutoff)
            if reached:
                assert _rescored_tier(data, rulebook, int(person), as_of, steps) <= route.target, (route, person)
                tried += 1
    assert tried, "no route was tried: the test population has nobody to apply one to"


def test_a_gap_beyond_every_cap_is_said_to_be_unreached_with_the_most_a_year_gives():
    steps, reached = cheapest_route(load_preset("illustrative"), load_catalogues(), 0.0, 600.0)
    assert not reached and steps and sum(s.points for s in steps) < 600


def test_an_effort_table_without_a_record_type_is_refused_naming_it():
    short = tuple(e for e in DEFAULT_EFFORT if e.record_type != "blood_donation")
    with pytest.raises(Refusal, match="no effort for blood_donation"):
        gaming_surface(load_preset("illustrative"), load_catalogues(), short)


def test_a_negative_effort_is_refused_with_its_row():
    bad = (Effort("volunteer_hours", -1.0, None, "assumption", ""), *DEFAULT_EFFORT[1:])
    with pytest.raises(Refusal, match=r"row 1 \(volunteer_hours\): hours per unit must be a positive"):
        gaming_surface(load_preset("illustrative"), load_catalogues(), bad)
