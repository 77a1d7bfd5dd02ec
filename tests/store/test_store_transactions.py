"""A change and its change-log row are one transaction: the log always matches the tables."""

from __future__ import annotations

import sys
import threading
from collections import Counter

import pytest

from scoring.rulebook import load_preset
from scoring.store import Store
from scoring.tuning.editing import apply_rule_edits
from scoring.tuning.scenarios import (
    ScenarioError,
    UnknownScenario,
    approve,
    delete_draft,
    list_scenarios,
    save_scenario,
)

ILLUSTRATIVE = load_preset("illustrative")


@pytest.fixture
def often_switching_threads():
    """Threads switch every microsecond, as under load, so a race window is hit when it exists."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(previous)


def _variants(n: int) -> list:
    return [apply_rule_edits(ILLUSTRATIVE, {"traffic_violation": {"points": -(i + 1)}}) for i in range(n)]


def test_racing_approvals_and_deletions_leave_a_log_that_matches_the_table(store, often_switching_threads):
    """Sessions are threads sharing the server's one Store; each scenario is approved and deleted
    by several of them at once. Exactly one outcome wins per scenario, and the log says which."""
    hashes = [save_scenario(store, rulebook, f"draft {i}") for i, rulebook in enumerate(_variants(20))]
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def race(action) -> None:
        start.wait()
        for key in hashes:
            try:
                action(store, key)
            except (ScenarioError, UnknownScenario):
                pass  # lost the race: refused, as it should be
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)

    threads = [threading.Thread(target=race, args=(approve if i % 2 else delete_draft,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors

    states = dict(zip(list_scenarios(store)["hash"], list_scenarios(store)["state"], strict=True))
    logged = Counter((c.action, c.detail["hash"]) for c in store.changes(limit=1000))
    for key in hashes:
        assert logged[("scenario.saved", key)] == 1
        outcome = {a for a in ("scenario.approved", "scenario.deleted") if logged[(a, key)]}
        assert len(outcome) == 1 and all(logged[(a, key)] == 1 for a in outcome), (key, logged)
        if outcome == {"scenario.approved"}:
            assert states.get(key) == "approved"
        else:
            assert key not in states


@pytest.mark.parametrize("operation", ["save", "approve", "delete"])
def test_a_failing_log_row_undoes_the_change(store, operation):
    """The change-log insert fails (its table is gone): the change it describes is not kept."""
    draft = save_scenario(store, ILLUSTRATIVE, "draft")
    store._connection.execute("ALTER TABLE change_log RENAME TO change_log_away")
    before = list_scenarios(store).to_dict("records")
    with pytest.raises(Exception, match="change_log"):
        if operation == "save":
            save_scenario(store, _variants(1)[0], "new")
        elif operation == "approve":
            approve(store, draft)
        else:
            delete_draft(store, draft)
    assert list_scenarios(store).to_dict("records") == before
    store._connection.execute("ALTER TABLE change_log_away RENAME TO change_log")
    assert [c.action for c in store.changes()] == ["scenario.saved"]


def test_an_error_raised_in_python_between_write_and_log_undoes_the_write(store, monkeypatch):
    def failing_log(*args, **kwargs):
        raise RuntimeError("the process was stopped here")

    monkeypatch.setattr(Store, "_log", staticmethod(failing_log))
    with pytest.raises(RuntimeError, match="stopped here"):
        save_scenario(store, ILLUSTRATIVE, "never stored")
    assert list_scenarios(store).empty
    monkeypatch.undo()
    assert store.changes() == []
    save_scenario(store, ILLUSTRATIVE, "stored after all")
    assert [c.action for c in store.changes()] == ["scenario.saved"], "the connection is usable again"
