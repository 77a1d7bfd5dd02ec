"""Joint rewards and punishments per group: who qualifies, what it costs, whom a sanction reaches."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.analyses.arguments import AnalysisInputError
from scoring.analyses.incentives import incentive_changes, incentive_changes_by_group, recipients
from scoring.analyses.rewards import incentive_reach, sanction_reach
from scoring.rulebook import load_preset
from tests.analyses.fakes import population, result

RULEBOOK = load_preset("illustrative")  # transit discount: AAA and AA, 120 yuan, uptake 0.4


def test_the_transit_discount_costs_qualifying_people_times_uptake_times_unit_cost_per_district():
    scored = result(population(4), ["AAA", "AA", "A", None], rulebook=RULEBOOK)
    table = incentive_reach(scored, np.array([0, 1, 0, 0]), ["wujin", "xinbei"])
    transit = table[table["incentive"] == "transit_discount"].set_index("group")
    assert transit["qualify"].to_dict() == {"wujin": 1, "xinbei": 1, "total": 2}
    assert transit.loc["total", "users"] == pytest.approx(0.8)
    assert transit.loc["total", "yearly_cost"] == pytest.approx(2 * 0.4 * 120)
    green = table[(table["incentive"] == "green_channel") & (table["group"] == "total")].iloc[0]
    assert green["qualify"] == 3  # AAA, AA and A; nobody unscored


def test_a_black_list_sanction_reaches_everyone_on_the_black_list_scored_or_not():
    table = sanction_reach(
        RULEBOOK.sanctions,
        {"red": np.array([True, False, False]), "black": np.array([False, True, True])},
        np.array([0, 0, 1]),
        ["wujin", "xinbei"],
    )
    assert table.set_index("group")["people"].to_dict() == {"wujin": 1, "xinbei": 1, "total": 2}


def test_list_flags_that_are_not_booleans_are_refused():
    with pytest.raises(AnalysisInputError, match=r"on_list\['black'\]: expected booleans, got int64"):
        sanction_reach(RULEBOOK.sanctions, {"red": np.array([True]), "black": np.array([1])})


TIER_OR_NONE = st.sampled_from([*RULEBOOK.tiers.ids, None])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(TIER_OR_NONE, st.integers(0, 2), st.booleans()), min_size=1, max_size=30))
def test_each_incentives_cost_is_exactly_qualifying_people_times_uptake_times_unit_cost(people):
    scored = result(
        population(len(people)), [tier for tier, _, _ in people], rulebook=RULEBOOK, red_list=[r for *_, r in people]
    )
    table = incentive_reach(scored, np.array([group for _, group, _ in people]), ["a", "b", "c"])
    incentives = {i.id: i for i in RULEBOOK.incentives}
    for _, row in table.iterrows():
        incentive = incentives[row["incentive"]]
        assert row["yearly_cost"] == row["qualify"] * incentive.uptake * incentive.unit_cost_yuan
    groups = table[table["group"] != "total"].groupby("incentive")["qualify"].sum()
    assert groups.to_dict() == table[table["group"] == "total"].set_index("incentive")["qualify"].to_dict()


def test_an_incentive_after_a_cut_off_moves_costs_its_new_beneficiaries_times_uptake_times_unit_cost():
    before = result(population(4), ["AAA", "A", "A", None], rulebook=RULEBOOK)
    after = result(before.compiled, ["AAA", "AA", "A", None], rulebook=RULEBOOK)
    transit = incentive_changes(before, after).loc["transit_discount"]
    assert transit[["recipients_before", "recipients_after", "gaining", "losing"]].tolist() == [1, 2, 1, 0]
    assert transit["cost_after"] == 2 * 0.4 * 120 and transit["cost_change"] == 0.4 * 120


RED_PERK = "red_list_priority_service"  # illustrative: unlocked by the red list, 15 yuan, uptake 0.2


def test_a_red_listed_person_below_every_tier_receives_the_red_list_reward_and_nobody_else_does():
    # person 0: red-listed in the bottom tier; 1: bottom tier, on no list; 2: red-listed, not scored
    scored = result(population(3), ["D", "D", None], rulebook=RULEBOOK, red_list=[True, False, True])
    table = incentive_reach(scored, np.array([0, 0, 1]), ["wujin", "xinbei"])
    perk = table[table["incentive"] == RED_PERK].set_index("group")
    assert perk["qualify"].to_dict() == {"wujin": 1, "xinbei": 0, "total": 1}  # no consent, no reward
    assert perk.loc["total", "yearly_cost"] == 1 * 0.2 * 15
    by_tier = table[(table["incentive"] == "green_channel") & (table["group"] == "total")]
    assert by_tier["qualify"].tolist() == [0], "the red list unlocks only the incentive that names it"


def test_a_red_listed_person_in_a_rewarded_tier_is_counted_once():
    incentive = next(i for i in RULEBOOK.incentives if i.id == "transit_discount")
    both = incentive.model_copy(update={"lists": ("red",)})
    scored = result(population(3), ["AAA", "A", "A"], rulebook=RULEBOOK, red_list=[True, True, False])
    assert recipients(scored, both).tolist() == [True, True, False]  # tier or list, not tier and list


def test_joining_the_red_list_moves_the_red_list_rewards_cost_by_one_person_times_uptake_times_unit_cost():
    before = result(population(2), ["D", "C"], rulebook=RULEBOOK)
    after = result(before.compiled, ["D", "C"], rulebook=RULEBOOK, red_list=[False, True])
    perk = incentive_changes(before, after).loc[RED_PERK]
    assert perk[["recipients_before", "recipients_after", "gaining", "losing"]].tolist() == [0, 1, 1, 0]
    assert perk["cost_change"] == 0.2 * 15


def test_a_cut_off_move_shows_each_districts_beneficiaries_and_cost_before_and_after():
    before = result(population(4), ["AAA", "A", "A", None], rulebook=RULEBOOK)
    after = result(before.compiled, ["AAA", "AA", "A", None], rulebook=RULEBOOK)
    codes = np.array([0, 1, 0, 1])
    rows = incentive_changes_by_group(before, after, codes, ["wujin", "xinbei"]).set_index("group")
    for code, district in enumerate(["wujin", "xinbei"]):
        alone = incentive_changes(before, after, codes == code)  # every incentive, this district's people
        assert rows.loc[district, "cost_before"] == pytest.approx(alone["cost_before"].sum())
        assert rows.loc[district, "cost_after"] == pytest.approx(alone["cost_after"].sum())
    assert rows.loc["wujin", "cost_change"] == 0 and rows.loc["xinbei", "cost_change"] > 0  # A -> AA is in xinbei
    assert rows.loc["total", "cost_after"] == pytest.approx(incentive_changes(before, after)["cost_after"].sum())
    assert rows["recipients_after"].tolist() == [2, 1, 3]  # people receiving any incentive; nobody unscored
