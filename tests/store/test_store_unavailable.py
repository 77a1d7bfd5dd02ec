"""A store file the server cannot use is named by a reason code, and is never written to."""

from __future__ import annotations

import pytest

from scoring.rulebook import load_preset
from scoring.store import Store, StoreUnavailable
from scoring.tuning.scenarios import approve, delete_draft, list_scenarios, load_scenario, save_scenario
from tests.store.store_files import damaged, digest, held_by_another_process, saved_store


def _reason(opening, path) -> str:
    with pytest.raises(StoreUnavailable) as caught:
        opening(path)
    return caught.value.reason


def test_a_second_server_holding_the_file_makes_it_locked_even_for_reading(tmp_path):
    path = tmp_path / "store.duckdb"
    saved_store(path)
    before = digest(path)
    with held_by_another_process(path, "write"):
        assert _reason(Store, path) == "locked"
        assert _reason(Store.open, path) == "locked", "no read-only fallback past a writer's lock"
    assert digest(path) == before


def test_a_process_only_reading_the_file_leaves_it_readable_but_not_writable(tmp_path):
    path = tmp_path / "store.duckdb"
    kept = saved_store(path, "kept")
    before = digest(path)
    with held_by_another_process(path, "read"), Store.open(path) as store:
        assert store.read_only
        assert list(list_scenarios(store)["name"]) == ["kept"]
        assert load_scenario(store, kept) == load_preset("illustrative")
        for change in (
            lambda: save_scenario(store, load_preset("rongcheng_style"), "new"),
            lambda: approve(store, kept),
            lambda: delete_draft(store, kept),
            lambda: store.log_change("tester", "anything"),
        ):
            with pytest.raises(StoreUnavailable) as caught:
                change()
            assert caught.value.reason == "read_only"
        assert store.migrate() == store.version, "an up-to-date store needs no writing"
    assert digest(path) == before


@pytest.mark.parametrize("how", ["garbage", "empty", "flipped", "truncated"])
def test_a_damaged_file_is_corrupt_and_left_exactly_as_it_was(tmp_path, how):
    path = damaged(tmp_path / "store.duckdb", how)
    before = digest(path)
    assert _reason(Store, path) == "corrupt"
    assert _reason(Store.open, path) == "corrupt"
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.duckdb"], "no side file written either"


def test_a_folder_or_a_path_under_a_file_is_unreadable(tmp_path):
    (tmp_path / "folder.duckdb").mkdir()
    (tmp_path / "plain_file").write_text("x")
    assert _reason(Store.open, tmp_path / "folder.duckdb") == "unreadable"
    assert _reason(Store.open, tmp_path / "plain_file" / "store.duckdb") == "unreadable"


def test_a_store_written_by_newer_code_is_incompatible_and_untouched(tmp_path):
    path = tmp_path / "store.duckdb"
    saved_store(path)
    with Store(path) as store:
        store._connection.execute("INSERT INTO schema_version VALUES (99, now())")
    before = digest(path)
    assert _reason(Store.open, path) == "incompatible"
    assert digest(path) == before
