"""Each resolution answers the latest open dispute of its record, as the dataset contract pairs
them: the objections analyses must read the same answers as the engine suspends by."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.analyses.list_events import objections
from tests.engine.test_situations import resident, world

FINE = "admin_penalty_general"


def days(values) -> list[str | None]:
    return [None if np.isnat(v) else str(v) for v in values]


def test_a_second_dispute_raised_while_the_first_is_open_is_answered_first_and_the_first_by_the_next_answer():
    data = world(
        [resident()],
        [(0, FINE, "2025-01-10", 1)],
        [
            (0, "disputed", "2025-03-01", None),
            (0, "disputed", "2025-03-10", None),
            (0, "resolved", "2025-04-01", None),
            (0, "resolved", "2025-06-01", None),
        ],
    )
    raised = objections(data)
    assert days(raised.raised) == ["2025-03-01", "2025-03-10"]
    assert days(raised.answered) == ["2025-06-01", "2025-04-01"]


def test_a_dispute_and_an_answer_of_one_day_pair_and_a_later_dispute_stays_open():
    data = world(
        [resident(), resident()],
        [(0, FINE, "2025-01-10", 1), (1, FINE, "2025-01-10", 1)],
        [
            (1, "disputed", "2025-02-01", None),
            (0, "resolved", "2025-03-01", None),
            (0, "disputed", "2025-03-01", None),
            (0, "disputed", "2025-05-01", None),
        ],
    )
    raised = objections(data)
    assert days(raised.answered) == [None, "2025-03-01", None]  # in the table's order of disputes


@settings(max_examples=60, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=12))
def test_every_answer_closes_the_latest_open_dispute_like_a_bracket(opens):
    """Disputes (True) and answers (False) of one record on successive days, answers dropped
    when nothing is open: the pairing is a stack's."""
    events, stack, expected, day = [], [], {}, np.datetime64("2025-02-01")
    for is_open in opens:
        day = day + 3
        if is_open:
            stack.append(str(day))
            events.append((0, "disputed", str(day), None))
        elif stack:
            expected[stack.pop()] = str(day)
            events.append((0, "resolved", str(day), None))
    data = world([resident()], [(0, FINE, "2025-01-10", 1)], events)
    raised = objections(data)
    assert dict(zip(days(raised.raised), days(raised.answered), strict=True)) == {
        d: expected.get(d) for d in days(raised.raised)
    }
