"""The one DuckDB store: created on first use, migrations idempotent, data survives re-opening."""

from __future__ import annotations

from scoring.store import MIGRATIONS, Store, default_path


def test_first_use_creates_the_file_and_all_tables(tmp_path):
    path = tmp_path / "nested" / "store.duckdb"
    with Store(path) as store:
        assert store.version == 0
        assert store.migrate() == len(MIGRATIONS)
        assert {"schema_version", "scenarios", "objections", "uploads", "change_log"} <= store.tables()
    assert path.is_file()


def test_migrations_are_idempotent_and_data_survives_reopening(tmp_path):
    path = tmp_path / "store.duckdb"
    with Store(path) as store:
        store.migrate()
        first = store.log_change("tester", "scenario.saved", {"hash": "abc", "名称": "示例"})
        store.migrate()
        assert store.version == len(MIGRATIONS)
    with Store(path) as store:
        assert store.migrate() == len(MIGRATIONS)
        second = store.log_change("tester", "scenario.approved", {"hash": "abc"})
        changes = store.changes(limit=10)
    assert [c.id for c in changes] == [second, first], "newest first"
    assert changes[1].detail == {"hash": "abc", "名称": "示例"}
    assert changes[0].action == "scenario.approved"


def test_path_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CCL_STORE_PATH", str(tmp_path / "x.duckdb"))
    assert default_path() == tmp_path / "x.duckdb"
