"""On real data, counts too small to publish are hidden, and so is every share made from one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scoring.analyses.small_cells import hidden_cells, hide_small_cells
from scoring.analyses.transitions import row_shares


def test_a_cell_of_three_people_is_hidden_but_none_and_twelve_are_shown():
    counts = pd.DataFrame({"AAA": [0, 12], "AA": [3, 40]}, index=["AAA", "AA"])
    hidden = hide_small_cells(counts)
    assert np.isnan(hidden.loc["AAA", "AA"])
    assert hidden.loc["AAA", "AAA"] == 0 and hidden.loc["AA", "AAA"] == 12


def test_the_share_made_from_a_hidden_count_is_hidden_too():
    counts = pd.DataFrame({"AAA": [5, 12], "AA": [95, 40]}, index=["AAA", "AA"])
    shares = hide_small_cells(row_shares(counts), counts)
    assert np.isnan(shares.loc["AAA", "AAA"]) and shares.loc["AAA", "AA"] == pytest.approx(0.95)


@pytest.mark.parametrize("minimum", [0, -3, 2.5, True])
def test_a_minimum_that_is_not_a_positive_whole_number_is_refused(minimum):
    with pytest.raises(ValueError, match="minimum"):
        hide_small_cells(pd.DataFrame({"a": [1]}), minimum=minimum)


@given(arrays(np.int64, (3, 4), elements=st.integers(0, 30)), st.integers(1, 20))
def test_every_shown_count_is_none_or_at_least_the_minimum(values, minimum):
    shown = hide_small_cells(pd.DataFrame(values), minimum=minimum).to_numpy()
    kept = shown[~np.isnan(shown)]
    assert ((kept == 0) | (kept >= minimum)).all()
    assert np.isnan(shown).sum() == ((values > 0) & (values < minimum)).sum()


def test_a_lone_hidden_cell_takes_the_smallest_other_of_its_line_with_it():
    # the reform's tier AA has 3 + 40 people: 3 would be 43 less 40, so the 40 goes too
    counts = pd.DataFrame({"AAA": [0, 12], "AA": [3, 40]}, index=["AAA", "AA"])
    hidden = hide_small_cells(counts, margins=("columns",))
    assert np.isnan(hidden.loc["AAA", "AA"]) and np.isnan(hidden.loc["AA", "AA"])
    assert hidden.loc["AA", "AAA"] == 12


def test_an_unknown_margin_is_refused_by_name():
    with pytest.raises(ValueError, match="margins: 'diagonal'"):
        hide_small_cells(pd.DataFrame({"a": [1]}), margins=("diagonal",))


@given(arrays(np.int64, (4, 5), elements=st.integers(0, 40)), st.integers(1, 20))
def test_no_hidden_cell_can_be_subtracted_out_of_a_known_total(values, minimum):
    """Every row and column with a hidden count of someone hides at least two cells, adding up
    to the minimum, or hides all of its cells; every small count is hidden."""
    shown = hide_small_cells(pd.DataFrame(values), minimum=minimum, margins=("rows", "columns")).to_numpy()
    hidden = np.isnan(shown)
    assert hidden[(values > 0) & (values < minimum)].all()
    for lines, cells in ((hidden, values), (hidden.T, values.T)):
        for line, line_values in zip(lines, cells, strict=True):
            if (line & (line_values > 0)).any() and not line.all():
                assert line.sum() >= 2 and line_values[line].sum() >= minimum


def test_a_hidden_cell_is_said_to_be_small_or_to_protect_a_small_one():
    # the 40 is hidden only so the 3 cannot be worked out as 43 less 40
    counts = pd.DataFrame({"AAA": [0, 12], "AA": [3, 40]}, index=["AAA", "AA"])
    why = hidden_cells(counts, margins=("columns",))
    assert why.small.loc["AAA", "AA"] and not why.protecting.loc["AAA", "AA"]
    assert why.protecting.loc["AA", "AA"] and not why.small.loc["AA", "AA"]
    assert not why.small.loc[:, "AAA"].any() and not why.protecting.loc[:, "AAA"].any()


@given(arrays(np.int64, (4, 5), elements=st.integers(0, 40)), st.integers(1, 20))
def test_the_two_kinds_of_hidden_cell_are_exactly_the_cells_hidden(values, minimum):
    counts = pd.DataFrame(values)
    why = hidden_cells(counts, minimum, ("rows", "columns"))
    hidden = hide_small_cells(counts, minimum=minimum, margins=("rows", "columns")).isna().to_numpy()
    assert not (why.small.to_numpy() & why.protecting.to_numpy()).any()
    assert ((why.small.to_numpy() | why.protecting.to_numpy()) == hidden).all()
