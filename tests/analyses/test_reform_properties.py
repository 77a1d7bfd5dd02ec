"""Properties every reform comparison keeps, on engine results and on random hand-made ones."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.analyses.eligibility_changes import eligibility_changes
from scoring.analyses.incentives import incentive_changes
from scoring.analyses.movers import MOVES, tier_moves
from scoring.analyses.score_changes import score_changes
from scoring.analyses.summaries import tier_counts
from scoring.analyses.transitions import tier_transitions
from scoring.analyses.vetoes import veto_crossings
from scoring.engine import compile_dataset, score
from scoring.rulebook import load_preset
from scoring.tuning.editing import apply_settings
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings
from tests.analyses.fakes import population, result

TIERS = [None, "AAA", "AA", "A", "B", "C", "D"]


@pytest.fixture(scope="module")
def view():
    return compile_dataset(generate(GeneratorSettings(people=2000, seed=11)))


@pytest.fixture(scope="module")
def baseline(view):
    return score(view, load_preset("illustrative"))


def test_the_matrix_rows_add_up_to_the_baseline_tiers_and_its_columns_to_the_reform_tiers(view, baseline):
    rulebook = baseline.rulebook
    reform = score(view, apply_settings(rulebook, base=rulebook.score.base + 40, eligibility={"min_age": 25}))
    matrix = tier_transitions(baseline, reform)
    expected_rows = tier_counts(baseline.tier, baseline.tier_ids).iloc[0]
    expected_cols = tier_counts(reform.tier, reform.tier_ids).iloc[0]
    assert matrix.sum(axis=1).tolist() == expected_rows.tolist()
    assert matrix.sum(axis=0).tolist() == expected_cols.tolist()
    assert matrix.loc["unscored"].drop("unscored").sum() == 0  # raising the age admits nobody
    assert matrix["unscored"].drop("unscored").sum() > 0  # and leaves the 18–24 year-olds out


def test_a_reform_equal_to_the_baseline_moves_nobody(view, baseline):
    same = score(view, baseline.rulebook.model_copy(update={"id": "copy"}))
    matrix = tier_transitions(baseline, same)
    assert (matrix.to_numpy() == np.diag(np.diag(matrix.to_numpy()))).all()
    moves = tier_moves(baseline, same)
    assert moves.loc["all", "same"] == moves.loc["all", "people"] == baseline.eligible.sum()
    bins = score_changes(baseline, same)
    assert len(bins) == 1 and bins["low"].item() < 0 < bins["high"].item()
    assert eligibility_changes(baseline, same)[["entering", "leaving"]].to_numpy().sum() == 0
    assert veto_crossings(baseline, same)[["newly_vetoed", "released"]].to_numpy().sum() == 0
    incentives = incentive_changes(baseline, same)
    assert (incentives[["gaining", "losing", "cost_change"]].to_numpy() == 0).all()


people_tiers = st.lists(st.tuples(st.sampled_from(TIERS), st.sampled_from(TIERS), st.integers(0, 2)), max_size=40)


@settings(max_examples=60, deadline=None)
@given(people_tiers)
def test_every_person_is_counted_exactly_once(rows):
    people = population(len(rows))
    before = result(people, [r[0] for r in rows])
    after = result(people, [r[1] for r in rows])
    codes, labels = np.array([r[2] for r in rows], dtype=np.int64), ["x", "y", "z"]
    assert tier_transitions(before, after).to_numpy().sum() == len(rows)
    moves = tier_moves(before, after, codes, labels)
    assert (moves[list(MOVES)].sum(axis=1) == moves["people"]).all()
    changes = eligibility_changes(before, after, codes, labels)
    assert (changes[["entering", "leaving", "scored_both", "unscored_both"]].sum(axis=1) == changes["people"]).all()
    assert (changes["scored_both"] == moves["people"]).all()


@settings(max_examples=60, deadline=None)
@given(people_tiers)
def test_swapping_baseline_and_reform_swaps_winners_and_losers(rows):
    people = population(len(rows))
    before = result(people, [r[0] for r in rows])
    after = result(people, [r[1] for r in rows])
    forward, backward = tier_moves(before, after), tier_moves(after, before)
    assert forward["up_1"].item() == backward["down_1"].item()
    assert forward["up_2"].item() == backward["down_2"].item()
    assert (tier_transitions(before, after).to_numpy() == tier_transitions(after, before).to_numpy().T).all()
    incentives = incentive_changes(before, after)
    assert (incentives["gaining"] == incentive_changes(after, before)["losing"]).all()
