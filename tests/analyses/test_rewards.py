"""Joint rewards and punishments per group: who qualifies, what it costs, whom a sanction reaches."""

import numpy as np
import pytest

from scoring.analyses.arguments import AnalysisInputError
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
