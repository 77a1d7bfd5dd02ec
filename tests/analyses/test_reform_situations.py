"""A reform against its baseline, in situations written person by person."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from scoring.analyses.eligibility_changes import eligibility_changes
from scoring.analyses.incentives import incentive_changes
from scoring.analyses.movers import LaddersDiffer, move_shares, tier_moves
from scoring.analyses.score_changes import ScalesDiffer, round_width, score_changes
from scoring.analyses.transitions import row_shares, tier_transitions
from scoring.analyses.vetoes import veto_crossings
from scoring.rulebook import load_preset
from tests.analyses.fakes import population, result


def test_a_reform_lifting_two_people_and_admitting_one_shows_in_the_matrix():
    people = population(4)
    before = result(people, ["AA", "A", "B", None])
    after = result(people, ["AAA", "AA", "B", "C"])
    matrix = tier_transitions(before, after)
    assert matrix.loc["AA", "AAA"] == 1
    assert matrix.loc["A", "AA"] == 1
    assert matrix.loc["B", "B"] == 1
    assert matrix.loc["unscored", "C"] == 1
    assert matrix.to_numpy().sum() == 4
    assert list(matrix.index)[-1] == "unscored" and list(matrix.columns)[-1] == "unscored"


def test_row_shares_say_where_each_baseline_tier_goes_and_empty_tiers_stay_blank():
    people = population(4)
    shares = row_shares(tier_transitions(result(people, ["A", "A", "A", "B"]), result(people, ["A", "B", "B", "B"])))
    assert shares.loc["A", "A"] == pytest.approx(1 / 3)
    assert shares.loc["A", "B"] == pytest.approx(2 / 3)
    assert shares.loc["B", "B"] == 1
    assert shares.loc["AAA"].isna().all()


def test_a_filter_counts_only_the_selected_people():
    people = population(3)
    matrix = tier_transitions(
        result(people, ["A", "A", "B"]), result(people, ["AA", "A", "B"]), mask=np.array([True, False, True])
    )
    assert matrix.to_numpy().sum() == 2
    assert matrix.loc["A", "AA"] == 1 and matrix.loc["A", "A"] == 0


def test_winners_and_losers_per_group_count_steps_of_one_and_of_two_or_more():
    people = population(6)
    before = result(people, ["C", "B", "A", "A", "AA", None])
    after = result(people, ["A", "A", "A", "B", "D", "A"])
    moves = tier_moves(before, after, np.array([0, 0, 0, 1, 1, 1]), ["teachers", "drivers"])
    assert moves.loc["teachers"].to_dict() == {
        "people": 3, "up_2": 1, "up_1": 1, "same": 1, "down_1": 0, "down_2": 0
    }  # fmt: skip
    # the newly scored driver has no move: eligibility_changes counts them
    assert moves.loc["drivers"].to_dict() == {"people": 2, "up_2": 0, "up_1": 0, "same": 0, "down_1": 1, "down_2": 1}
    shares = move_shares(moves)
    assert shares.loc["teachers", "up_2"] == pytest.approx(1 / 3)
    assert shares.loc["drivers", "down_2"] == pytest.approx(0.5)


def test_a_group_with_nobody_in_it_is_listed_with_blank_shares():
    people = population(1)
    moves = tier_moves(result(people, ["A"]), result(people, ["A"]), np.array([0]), ["teachers", "empty"])
    assert moves.loc["empty", "people"] == 0
    assert move_shares(moves).loc["empty", "same"] != move_shares(moves).loc["empty", "same"]  # NaN


def test_tier_moves_between_ladders_of_different_lengths_are_refused():
    people = population(1)
    illustrative = load_preset("illustrative")
    shorter = illustrative.model_copy(
        update={
            "tiers": illustrative.tiers.model_copy(update={"levels": illustrative.tiers.levels[1:]}),
            "incentives": (),
        }
    )
    with pytest.raises(LaddersDiffer, match="6 tiers and reform 5"):
        tier_moves(result(people, ["A"]), result(people, ["A"], rulebook=shorter))


def test_score_changes_are_binned_around_no_change():
    people = population(5)
    before = result(people, ["A"] * 5, [1000, 1000, 1000, 1000, 1000])
    after = result(people, ["A"] * 5, [1000, 1000, 1030, 970, 1031])
    bins = score_changes(before, after, max_bins=7)  # width 10
    assert bins["people"].sum() == 5
    zero = bins[(bins["low"] <= 0) & (bins["high"] > 0)]
    assert zero["people"].item() == 2
    assert bins["people"].iloc[0] == 1 and bins["people"].iloc[-1] == 2  # -30 alone; +30 and +31 together
    assert (bins["high"] - bins["low"] == 10).all() and len(bins) == 7


def test_nobody_scored_under_both_gives_an_empty_distribution():
    people = population(2)
    bins = score_changes(result(people, ["A", None]), result(people, [None, "A"]))
    assert bins.empty


def test_score_changes_between_different_scales_are_refused():
    people = population(1)
    with pytest.raises(ScalesDiffer, match="0–2000 and reform 0–1000"):
        score_changes(result(people, ["A"]), result(people, ["excellent"], rulebook=load_preset("fuzhou_style")))


@pytest.mark.parametrize(("at_least", "width"), [(0, 1), (0.3, 1), (1.5, 2), (3, 5), (7, 10), (11, 20), (400, 500)])
def test_bin_widths_are_round_numbers(at_least, width):
    assert round_width(at_least) == width


def test_people_entering_and_leaving_eligibility_are_counted_per_group():
    people = population(5)
    changes = eligibility_changes(
        result(people, [None, "A", "A", None, "B"]), result(people, ["A", None, "A", None, "B"]),
        np.array([0, 0, 0, 1, 1]), ["local", "non_local"],
    )  # fmt: skip
    assert changes.loc["local"].to_dict() == {
        "people": 3, "entering": 1, "leaving": 1, "scored_both": 1, "unscored_both": 0
    }  # fmt: skip
    assert changes.loc["non_local"].to_dict() == {
        "people": 2, "entering": 0, "leaving": 0, "scored_both": 1, "unscored_both": 1
    }  # fmt: skip


def test_a_new_veto_holds_one_person_and_releases_another():
    people = population(3)
    crossings = veto_crossings(
        result(people, ["B", "B", "A"], vetoed=[True, False, False]),
        result(people, ["B", "B", "A"], vetoed=[False, True, False]),
    )
    assert crossings.loc["all"].to_dict() == {"vetoed_before": 1, "vetoed_after": 1, "newly_vetoed": 1, "released": 1}


def test_lifting_a_person_into_aa_gives_them_the_transit_discount_at_its_yearly_cost():
    people = population(3)
    changes = incentive_changes(result(people, ["A", "AA", "B"]), result(people, ["AA", "AA", "B"]))
    transit = changes.loc["transit_discount"]  # AAA and AA, 120 yuan a year, 40 % uptake
    assert (transit["recipients_before"], transit["recipients_after"]) == (1, 2)
    assert (transit["gaining"], transit["losing"]) == (1, 0)
    assert transit["cost_change"] == pytest.approx(120 * 0.4)
    green = changes.loc["green_channel"]  # AAA, AA and A: the lifted person had it already
    assert (green["gaining"], green["losing"], green["cost_change"]) == (0, 0, 0)


def test_an_incentive_only_the_reform_offers_costs_nothing_under_the_baseline():
    people = population(2)
    illustrative = load_preset("illustrative")
    from_697 = {
        "id": "transit_discount", "title": {"zh": "公交优惠", "en": "Transit discount"}, "status": "assumption",
        "min_score": 697, "unit_cost_yuan": 120, "uptake": 0.4,
    }  # fmt: skip
    reform = illustrative.model_copy(update={"incentives": (from_697,)})
    changes = incentive_changes(
        result(people, ["AA", "A"], [1200, 690]), result(people, ["AA", "A"], [1200, 690], rulebook=reform)
    )
    assert changes.loc["transit_discount", "recipients_after"] == 1  # 1200 ≥ 697, 690 is not
    assert not changes.loc["deposit_free_rental", "in_reform"]
    assert changes.loc["deposit_free_rental", "cost_after"] == 0
    assert changes.loc["deposit_free_rental", "losing"] == 1


def test_results_of_different_dates_or_people_are_not_compared():
    people = population(2)
    later = population(2, as_of=dt.date(2026, 1, 31))
    later.matrix = people.matrix
    with pytest.raises(ValueError, match="same date"):
        tier_transitions(result(people, ["A", "A"]), result(later, ["A", "A"]))
    with pytest.raises(ValueError, match="different datasets"):
        tier_moves(result(people, ["A", "A"]), result(population(2), ["A", "A"]))


@pytest.mark.parametrize(
    ("codes", "labels", "message"),
    [
        (np.array([0, 1]), None, "codes given without labels"),
        (None, ["x"], "labels given without codes"),
        (np.array([0]), ["x"], "codes has 1 rows, the people has 2"),
        (np.array([0, 2]), ["x", "y"], "value 2 at position 1 is outside 0 … 1"),
        (np.array([0.0, 1.0]), ["x", "y"], "one integer code per person"),
    ],
)
def test_group_codes_that_do_not_fit_the_people_are_refused_in_one_line(codes, labels, message):
    people = population(2)
    with pytest.raises(ValueError, match=message):
        eligibility_changes(result(people, ["A", "A"]), result(people, ["A", "A"]), codes, labels)


def test_a_mask_that_does_not_fit_the_people_is_refused():
    people = population(2)
    with pytest.raises(ValueError, match=r"one boolean per person \(2\)"):
        veto_crossings(result(people, ["A", "A"]), result(people, ["A", "A"]), mask=np.array([1, 0]))


def test_tables_are_plain_frames():
    people = population(1)
    assert isinstance(incentive_changes(result(people, ["A"]), result(people, ["A"])), pd.DataFrame)
