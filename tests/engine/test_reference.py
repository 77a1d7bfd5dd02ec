"""The reference's tier bounds follow the rulebook's written rule, worked by hand."""

from __future__ import annotations

from tests.engine.reference import quantile_cutoffs


def test_a_tier_takes_people_until_it_holds_its_share():
    # a quarter of ten people is 2.5: the tier takes a third person to reach it
    assert quantile_cutoffs([float(s) for s in range(10, 0, -1)], [0.25]) == [8.0]


def test_people_tied_with_the_last_one_taken_go_to_the_better_tier():
    # the bound is the score of the one person taken; the other two fives are tied with them
    assert quantile_cutoffs([5.0, 1.0, 5.0, 5.0], [0.25, 0.5]) == [5.0, 5.0]
