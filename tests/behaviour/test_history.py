"""Tier shares on the data itself, month by month back from its as-of date: never before the
longest window fits inside the history, the latest month is the engine's own result, and bad
arguments are refused."""

from __future__ import annotations

import datetime as dt
from functools import cache

import numpy as np
import pandas as pd
import pytest

from scoring.behaviour.history import dated_future, month_ends_back, tier_history
from scoring.calendar import add_months_to_date
from scoring.engine import compile_dataset, score
from scoring.problems import Refusal
from scoring.rulebook import load_preset
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings


@cache
def population():
    return generate(GeneratorSettings(people=1500, seed=5))


def _windows(rulebook, months: int):
    """The rulebook with every window longer than `months` shortened to it."""
    rules = tuple(
        r.model_copy(update={"window_months": min(r.window_months, months)}) if r.window_months else r
        for r in rulebook.rules
    )
    return rulebook.model_copy(update={"rules": rules})


def test_the_earliest_month_leaves_the_longest_window_inside_the_history():
    rulebook = load_preset("illustrative")
    history = tier_history(population(), rulebook, months_back=240)
    longest = max(r.window_months for r in rulebook.rules if r.window_months)
    start = dt.date.fromisoformat(population().manifest["history_start"])
    assert not history.capped
    assert history.start >= history.earliest == add_months_to_date(start - dt.timedelta(days=1), longest)
    assert history.limited_by in {r.id for r in rulebook.rules if r.window_months == longest}
    one_more = history.start.replace(day=1) - dt.timedelta(days=1)
    assert one_more < history.earliest  # the month end before the first shown would miss records


def test_a_rulebook_with_shorter_windows_reaches_further_back():
    rulebook = load_preset("illustrative")
    long = tier_history(population(), rulebook, months_back=240)
    short = tier_history(population(), _windows(rulebook, 12), months_back=240)
    assert short.start < long.start
    assert short.shares["months_before"].min() < long.shares["months_before"].min()


def test_months_back_caps_the_steps_and_says_so():
    history = tier_history(population(), _windows(load_preset("illustrative"), 12), months_back=3)
    assert sorted(history.shares["months_before"].unique()) == [-3, -2, -1, 0]
    assert history.capped


def test_the_latest_month_is_the_engines_result_at_the_data_as_of_date():
    rulebook = load_preset("illustrative")
    history = tier_history(population(), rulebook, months_back=2)
    latest = history.shares[history.shares["months_before"] == 0]
    result = score(compile_dataset(population(), population().data_as_of), rulebook)
    tiers = result.tier[result.eligible]
    expected = [np.mean(tiers == k) for k in range(len(rulebook.tiers.ids))]
    assert list(latest["tier"]) == list(rulebook.tiers.ids)
    np.testing.assert_allclose(latest["share"].to_numpy(), expected)
    assert set(latest["month_end"]) == {history.as_of}


def test_every_month_shares_sum_to_one_and_steps_are_month_ends():
    history = tier_history(population(), load_preset("illustrative"), months_back=4)
    sums = history.shares.groupby("months_before")["share"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0)
    for day in history.shares["month_end"]:
        assert (day + dt.timedelta(days=1)).day == 1


def test_rules_kept_forever_are_named():
    rulebook = load_preset("illustrative")
    forever = rulebook.rules[0].model_copy(update={"window_months": None})
    history = tier_history(population(), rulebook.model_copy(update={"rules": (forever, *rulebook.rules[1:])}), 1)
    assert history.unbounded_rules == (forever.id,)


def test_a_window_longer_than_the_history_is_refused():
    rulebook = load_preset("illustrative")
    rules = tuple(r.model_copy(update={"window_months": 240}) if r.window_months else r for r in rulebook.rules)
    with pytest.raises(Refusal, match="earliest complete as-of date") as refusal:
        tier_history(population(), rulebook.model_copy(update={"rules": rules}))
    assert refusal.value.code == "history_short"


@pytest.mark.parametrize("months_back", [-1, 241, 2.5, True, "12"])
def test_months_back_outside_0_to_240_is_refused(months_back):
    with pytest.raises(Refusal, match="history: months back") as refusal:
        tier_history(population(), load_preset("illustrative"), months_back=months_back)
    assert refusal.value.code == "history_months"


def test_month_ends_back_stop_at_the_earliest_date():
    days = month_ends_back(dt.date(2025, 12, 31), dt.date(2025, 9, 30), 24)
    assert days == [dt.date(2025, 12, 31), dt.date(2025, 11, 30), dt.date(2025, 10, 31), dt.date(2025, 9, 30)]


def test_the_futures_months_are_dated_as_the_model_steps_them():
    tiers = pd.DataFrame({"month": [1, 2], "path": "simulated", "tier": "A", "share": [0.5, 0.6]})
    dated = dated_future(tiers, dt.date(2025, 12, 31))
    assert list(dated["month_end"]) == [dt.date(2026, 1, 31), dt.date(2026, 2, 28)]
