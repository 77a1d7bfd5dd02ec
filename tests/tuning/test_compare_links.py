"""Comparison links: two rulebook choices on one population and date, checked both ways."""

from __future__ import annotations

import datetime as dt

import pytest

from scoring.tuning.scenarios import CompareState, ShareLinkError, compare_query, parse_compare_query

SAVED = "scenario:" + "ab" * 32
STATE = CompareState("illustrative", SAVED, 10_000, 7, dt.date(2025, 6, 30), "en")


def test_a_comparison_link_reopens_what_it_was_made_from():
    assert parse_compare_query(compare_query(STATE)) == STATE


@pytest.mark.parametrize(
    ("parameter", "value", "message"),
    [
        ("baseline", "", "missing"),
        ("reform", "scenario:xyz", "preset id or scenario:<hash>"),
        ("reform", "Illustrative<script>", "preset id or scenario:<hash>"),
        ("people", "1e6", "a number of people"),
        ("as_of", "30/06/2025", "YYYY-MM-DD"),
        ("lang", "fr", "expected one of"),
    ],
)
def test_a_bad_parameter_is_named(parameter, value, message):
    query = {**compare_query(STATE), parameter: value}
    with pytest.raises(ShareLinkError, match=message) as caught:
        parse_compare_query(query)
    assert caught.value.parameter == parameter
