"""The one cache: bounded by count and bytes, one build per key, other keys never wait."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.caching import Cache


def test_least_recently_used_goes_first_when_the_count_is_reached():
    cache = Cache(max_entries=2)
    cache.get("a", lambda: 1)
    cache.get("b", lambda: 2)
    cache.get("a", lambda: pytest.fail("a is cached"))
    cache.get("c", lambda: 3)
    assert "a" in cache and "c" in cache and "b" not in cache


def test_values_are_bounded_by_their_bytes():
    cache = Cache(max_entries=10, max_bytes=3_000)
    for key in range(5):
        cache.get(key, lambda: np.zeros(1_000, dtype=np.uint8))
    assert len(cache) == 3 and cache.nbytes == 3_000
    assert 0 not in cache and 4 in cache


def test_a_value_larger_than_the_bound_is_returned_but_not_kept():
    cache = Cache(max_entries=10, max_bytes=100)
    cache.get("small", lambda: np.zeros(10, dtype=np.uint8))
    big = cache.get("big", lambda: np.zeros(1_000, dtype=np.uint8))
    assert len(big) == 1_000 and "big" not in cache and "small" in cache


def test_many_threads_asking_for_one_new_key_build_it_once():
    cache, builds = Cache(max_entries=4), []

    def build():
        builds.append(1)
        time.sleep(0.05)
        return object()

    got = []
    threads = [threading.Thread(target=lambda: got.append(cache.get("k", build))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1 and len({id(v) for v in got}) == 1


def test_a_slow_build_blocks_neither_lookups_nor_builds_of_other_keys():
    cache, release = Cache(max_entries=4), threading.Event()
    cache.get("ready", lambda: "value")
    slow = threading.Thread(target=lambda: cache.get("slow", lambda: release.wait(10) and "done"))
    slow.start()
    time.sleep(0.02)
    started = time.perf_counter()
    assert cache.get("ready", lambda: "rebuilt") == "value"
    assert cache.get("other", lambda: "built") == "built"
    assert time.perf_counter() - started < 1, "waited for the slow build"
    release.set()
    slow.join()


def test_a_failed_build_is_not_kept_and_can_be_retried():
    cache = Cache(max_entries=2)
    with pytest.raises(RuntimeError):
        cache.get("k", lambda: (_ for _ in ()).throw(RuntimeError("disk full")))
    assert "k" not in cache
    assert cache.get("k", lambda: 5) == 5


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(1, 500)), max_size=60), st.integers(1, 6))
def test_the_bounds_always_hold(requests, max_entries):
    cache = Cache(max_entries=max_entries, max_bytes=1_000)
    for key, size in requests:
        cache.get(key, lambda size=size: np.zeros(size, dtype=np.uint8))
        assert len(cache) <= max_entries and cache.nbytes <= 1_000


@pytest.mark.parametrize(("entries", "size"), [(0, 10), (3, 0)])
def test_bounds_must_be_positive(entries, size):
    with pytest.raises(ValueError, match="at least 1"):
        Cache(max_entries=entries, max_bytes=size)


def test_items_are_a_snapshot_that_leaves_recency_alone():
    cache = Cache(max_entries=2)
    cache.get("old", lambda: 1)
    cache.get("new", lambda: 2)
    assert dict(cache.items()) == {"old": 1, "new": 2}
    cache.get("third", lambda: 3)
    assert "old" not in cache, "reading items did not make 'old' recent"


def test_score_results_count_their_own_arrays_for_the_byte_bound():
    from scoring.caching import nbytes_of
    from scoring.engine import compile_dataset, score
    from scoring.rulebook import load_preset
    from synthetic.generate import generate
    from synthetic.settings import GeneratorSettings

    result = score(compile_dataset(generate(GeneratorSettings(people=300, seed=2))), load_preset("illustrative"))
    assert nbytes_of(result) >= 300 * (8 + 1 + 1)
