"""The one cache mechanism: least recently used values, bounded by count and by bytes.

Every derived thing the product keeps (a dataset's record matrix, a rulebook structure's plan,
an as-of view's quantities, the dashboard's datasets, views and scores) lives in a `Cache` owned
by the object it derives from, never in a module-level registry: when the owner goes, everything
derived from it goes with it, freed by reference counting.

Builds are single-flight per key: two sessions asking for the same new key wait for one build,
while lookups and builds of other keys never wait for it (a 1 M-people compile must not stall
another session's re-score).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

import cachetools

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def nbytes_of(value: object) -> int:
    """The memory a value says it holds (`nbytes`), at least 1 so that counts stay meaningful."""
    return max(int(getattr(value, "nbytes", 0) or 0), 1)


class Cache(Generic[K, V]):
    """At most `max_entries` values and `max_bytes` bytes (by `sizeof`), least recently used out
    first. A value larger than `max_bytes` on its own is returned but not kept."""

    def __init__(self, max_entries: int, max_bytes: int = sys.maxsize, sizeof: Callable[[V], int] = nbytes_of) -> None:
        if max_entries < 1:
            raise ValueError(f"max_entries must be at least 1, got {max_entries}")
        if max_bytes < 1:
            raise ValueError(f"max_bytes must be at least 1, got {max_bytes}")
        self.max_entries = max_entries
        self._values: cachetools.LRUCache = cachetools.LRUCache(maxsize=max_bytes, getsizeof=sizeof)
        self._lock = threading.Lock()  # guards _values and _building, never held during a build
        self._building: dict[K, threading.Lock] = {}

    def get(self, key: K, build: Callable[[], V]) -> V:
        """The value for `key`, built by `build()` on a miss (once, however many threads ask)."""
        with self._lock:
            if key in self._values:
                return self._values[key]
            key_lock = self._building.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            try:
                value = build()
                self.put(key, value)
            finally:
                with self._lock:
                    self._building.pop(key, None)
        return value

    def put(self, key: K, value: V) -> None:
        """Keep `value` (unless it alone is larger than the byte bound), evicting the least recent."""
        with self._lock:
            try:
                self._values[key] = value
            except ValueError:  # larger than max_bytes on its own
                self._values.pop(key, None)
                return
            while len(self._values) > self.max_entries:
                self._values.popitem()

    def items(self) -> list[tuple[K, V]]:
        """A snapshot of the values kept, least recent first, without touching their recency."""
        with self._lock:
            return [(key, cachetools.Cache.__getitem__(self._values, key)) for key in self._values]

    def discard(self, key: K) -> None:
        with self._lock:
            self._values.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._values

    def __len__(self) -> int:
        with self._lock:
            return len(self._values)

    @property
    def nbytes(self) -> int:
        """The bytes of the values kept, as `sizeof` counted them when they were added."""
        with self._lock:
            return int(self._values.currsize)
