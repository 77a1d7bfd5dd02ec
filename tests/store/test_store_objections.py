"""Objections in the store: opened once per record at a time, answered once, every action in the
change log in the same transaction; the log survives a restart and two people acting at once both land."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading

import pytest

from scoring.store import MIGRATIONS, ObjectionRefused, Store

DATASET = "d" * 64
MARCH, APRIL = dt.date(2025, 3, 1), dt.date(2025, 4, 1)


@pytest.fixture
def often_switching_threads():
    """Threads switch every microsecond, as under load, so a race window is hit when it exists."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(previous)


def refused(code: str, action) -> ObjectionRefused:
    with pytest.raises(ObjectionRefused) as caught:
        action()
    assert caught.value.code == code, caught.value
    return caught.value


def test_an_objection_opened_and_upheld_is_in_the_table_and_the_log_says_when_what_why_and_who(store):
    opened = store.open_objection(DATASET, 7, 70, "  the fine was paid  ", MARCH)
    assert (opened.state, opened.reason, opened.opened_by, opened.resolved_on) == (
        "open",
        "the fine was paid",
        "anonymous",
        None,
    )
    answered = store.resolve_objection(opened.id, "upheld", "the court confirmed it", APRIL)
    assert (answered.state, answered.resolved_on, answered.resolution) == ("upheld", APRIL, "the court confirmed it")
    assert store.objections(DATASET, 7) == [answered]
    assert store.objections(DATASET, 8) == [] and store.objections("other", 7) == []
    trail = store.objection_changes(DATASET, 7)
    assert [c.action for c in trail] == ["objection.opened", "objection.resolved"]
    assert trail[0].detail == {
        "objection": opened.id, "dataset": DATASET, "person_id": 7, "record_id": 70, "on": "2025-03-01",
        "reason": "the fine was paid",
    }  # fmt: skip
    assert trail[1].detail["outcome"] == "upheld" and trail[1].detail["reason"] == "the court confirmed it"
    assert {c.actor for c in trail} == {"anonymous"}


def test_a_correction_keeps_its_quantity_and_says_it_in_the_log(store):
    opened = store.open_objection(DATASET, 7, 70, "amount wrong", MARCH)
    corrected = store.resolve_objection(opened.id, "corrected", "500 yuan, not 5,000", APRIL, corrected_quantity=500)
    assert (corrected.state, corrected.corrected_quantity) == ("corrected", 500.0)
    assert store.objection_changes(DATASET, 7)[-1].detail["corrected_quantity"] == 500.0


@pytest.mark.parametrize(
    ("code", "action"),
    [
        ("objection_already_open", lambda s, o: s.open_objection(DATASET, 7, 70, "again", APRIL)),
        (
            "objection_resolved_before_opened",
            lambda s, o: s.resolve_objection(o.id, "upheld", "why", dt.date(2025, 2, 1)),
        ),
        ("objection_unknown", lambda s, o: s.resolve_objection(o.id + 99, "upheld", "why", APRIL)),
        ("objection_unknown_outcome", lambda s, o: s.resolve_objection(o.id, "rejected", "why", APRIL)),
        ("objection_no_reason", lambda s, o: s.resolve_objection(o.id, "upheld", "   ", APRIL)),
        ("objection_no_reason", lambda s, o: s.open_objection(DATASET, 7, 71, "", APRIL)),
        ("objection_long_reason", lambda s, o: s.open_objection(DATASET, 7, 71, "x" * 2001, APRIL)),
        ("objection_not_a_day", lambda s, o: s.open_objection(DATASET, 7, 71, "why", dt.datetime(2025, 4, 1, 9))),
        ("objection_quantity_without_correction", lambda s, o: s.resolve_objection(o.id, "upheld", "w", APRIL, 3.0)),
        ("objection_bad_quantity", lambda s, o: s.resolve_objection(o.id, "corrected", "w", APRIL, float("nan"))),
        ("objection_bad_quantity", lambda s, o: s.resolve_objection(o.id, "corrected", "w", APRIL, 2_000_000)),
        ("objection_bad_quantity", lambda s, o: s.resolve_objection(o.id, "corrected", "w", APRIL, True)),
    ],
)
def test_a_refused_action_writes_nothing(store, code, action):
    opened = store.open_objection(DATASET, 7, 70, "the fine was paid", MARCH)
    before = (store.objections(DATASET), store.changes())
    refused(code, lambda: action(store, opened))
    assert (store.objections(DATASET), store.changes()) == before


def test_an_answered_objection_cannot_be_answered_again(store):
    opened = store.open_objection(DATASET, 7, 70, "the fine was paid", MARCH)
    store.resolve_objection(opened.id, "upheld", "confirmed", APRIL)
    error = refused("objection_already_resolved", lambda: store.resolve_objection(opened.id, "removed", "no", APRIL))
    assert error.params == {"outcome": "upheld", "resolved_on": APRIL}


def test_an_upheld_record_may_be_disputed_again_later_but_not_before_the_answer(store):
    first = store.open_objection(DATASET, 7, 70, "paid", MARCH)
    store.resolve_objection(first.id, "upheld", "confirmed", APRIL)
    refused("objection_before_answer", lambda: store.open_objection(DATASET, 7, 70, "new proof", dt.date(2025, 3, 15)))
    assert store.open_objection(DATASET, 7, 70, "new proof", APRIL).state == "open"


@pytest.mark.parametrize("outcome", ["removed", "corrected"])
def test_a_removed_or_corrected_record_cannot_be_disputed_again(store, outcome):
    first = store.open_objection(DATASET, 7, 70, "paid", MARCH)
    store.resolve_objection(first.id, outcome, "struck out", APRIL)
    refused("objection_record_closed", lambda: store.open_objection(DATASET, 7, 70, "again", dt.date(2025, 5, 1)))


def test_the_audit_log_survives_a_restart(tmp_path):
    path = tmp_path / "store.duckdb"
    with Store(path) as store:
        store.migrate()
        opened = store.open_objection(DATASET, 7, 70, "异议：罚款已缴纳", MARCH)
        store.resolve_objection(opened.id, "removed", "撤销", APRIL)
        trail, objections = store.objection_changes(DATASET, 7), store.objections(DATASET)
    with Store(path) as reopened:  # a new server process reading the same file
        assert reopened.migrate() == len(MIGRATIONS)
        assert reopened.objection_changes(DATASET, 7) == trail
        assert reopened.objections(DATASET) == objections
        assert reopened.objection_changes(DATASET, 7)[0].detail["reason"] == "异议：罚款已缴纳"


def test_two_concurrent_objections_both_land(store, often_switching_threads):
    """Two sessions (threads sharing the server's one Store) object to two records at once."""
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def object_to(record_id: int) -> None:
        start.wait()
        try:
            store.open_objection(DATASET, 7, record_id, f"objection to {record_id}", MARCH)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=object_to, args=(r,)) for r in (70, 71)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(o.record_id for o in store.objections(DATASET, 7)) == [70, 71]
    assert sorted(c.detail["record_id"] for c in store.objection_changes(DATASET, 7)) == [70, 71]


def test_many_sessions_objecting_to_one_record_at_once_open_exactly_one(store, often_switching_threads):
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def object_to_the_fine() -> None:
        start.wait()
        try:
            store.open_objection(DATASET, 7, 70, "paid", MARCH)
            outcomes.append("opened")
        except ObjectionRefused as error:
            outcomes.append(error.code)

    threads = [threading.Thread(target=object_to_the_fine) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["objection_already_open"] * 7 + ["opened"]
    assert len(store.objections(DATASET)) == 1 and len(store.objection_changes(DATASET, 7)) == 1


_SECOND_SERVER = """
import datetime, sys
from scoring.store import Store, StoreUnavailable
try:
    Store(sys.argv[1]).open_objection("d" * 64, 7, 71, "from another process", datetime.date(2025, 3, 1))
except StoreUnavailable as error:
    print(error.reason)
"""


def test_a_second_process_is_told_the_store_is_locked_and_writes_nothing(store):
    """DuckDB allows one writing process: a second server gets StoreUnavailable('locked')."""
    store.open_objection(DATASET, 7, 70, "paid", MARCH)
    second = subprocess.run(
        [sys.executable, "-c", _SECOND_SERVER, str(store.path)], capture_output=True, text=True, timeout=120
    )
    assert second.stdout.strip() == "locked", second.stderr
    assert [o.record_id for o in store.objections(DATASET)] == [70]


def test_a_store_of_schema_1_is_migrated_and_one_with_objection_rows_is_refused_unchanged(tmp_path):
    with Store(tmp_path / "empty.duckdb") as store:
        _apply_first_step(store)
        assert store.migrate() == len(MIGRATIONS)
        assert store.open_objection(DATASET, 1, 1, "why", MARCH).state == "open"
    with Store(tmp_path / "rows.duckdb") as store:
        _apply_first_step(store)
        with store._transaction() as connection:
            connection.execute(
                "INSERT INTO objections (person_id, dataset, reason, opened_on) VALUES (1, 'x', 'y', ?)", [MARCH]
            )
        with pytest.raises(Exception, match="objections holds rows"):
            store.migrate()
        assert store.version == 1


def _apply_first_step(store: Store) -> None:
    with store._transaction() as connection:
        connection.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL)")
        connection.execute(MIGRATIONS[0])
        connection.execute("INSERT INTO schema_version VALUES (1, now())")
