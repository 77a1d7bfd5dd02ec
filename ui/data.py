"""Datasets, compiled matrices and score results, held once per process for all sessions.

Everything is keyed on small values (size, seed, as-of date, preset id), never on frames:
hashing a million-row frame on every call would cost more than the re-score itself.
Generation (5–10 s at 1 M people) reports progress, so it runs outside `st.cache_resource`
(whose element replay would re-draw the progress bar on every cache hit) in a small pool that
the cache holds.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import streamlit as st

from scoring.analyses.summaries import Breakdown, breakdowns
from scoring.dataset import Dataset
from scoring.engine import Compiled, ScoreResult, compile_dataset, score
from scoring.rulebook import Rulebook, load_preset
from scoring.store import Store, StoreUnavailable, default_path
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings

SIZES = (10_000, 100_000, 1_000_000)
DEFAULT_PEOPLE_ENV = "CCL_DEFAULT_PEOPLE"  # tests pick a tiny population, the benchmark 1 M
DEFAULT_PEOPLE = 100_000
DEFAULT_SEED = 20190416

Progress = Callable[[float, str], None]


def default_people() -> int:
    return int(os.environ.get(DEFAULT_PEOPLE_ENV) or DEFAULT_PEOPLE)


def size_options() -> tuple[int, ...]:
    """The offered sizes, plus the default when an environment variable set an unusual one."""
    return tuple(sorted({*SIZES, default_people()}))


class _Pool:
    """Up to `max_entries` built values, least recently used dropped first. Two sessions asking
    for the same new key wait for one build instead of building it twice."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._items

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        with self._lock:
            key_lock = self._building.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    return self._items[key]
            value = build()
            with self._lock:
                self._items[key] = value
                while len(self._items) > self.max_entries:
                    self._items.popitem(last=False)
            return value


@st.cache_resource(show_spinner=False)
def _datasets() -> _Pool:
    return _Pool(max_entries=2)


def is_generated(people: int, seed: int) -> bool:
    return (people, seed) in _datasets()


def synthetic_dataset(people: int, seed: int, progress: Progress | None = None) -> Dataset:
    """The built-in synthetic population; `progress` is called only when it is generated now."""
    return _datasets().get(
        (people, seed), lambda: generate(GeneratorSettings(people=people, seed=seed), progress=progress)
    )


@st.cache_resource(show_spinner=False, max_entries=3)
def compiled(people: int, seed: int, as_of: dt.date) -> Compiled:
    """The dataset as of a date, for all sessions: the record matrix is built once per dataset and
    each further as-of date is a cheap view of it (scoring/engine/compiled.py)."""
    return compile_dataset(synthetic_dataset(people, seed), as_of)


@st.cache_resource(show_spinner=False, max_entries=3)
def population(people: int, seed: int, as_of: dt.date) -> dict[str, Breakdown]:
    """Per-person codes of every breakdown (group, district, gender, age band, hukou)."""
    matrix = compiled(people, seed, as_of)
    return breakdowns(matrix.people, matrix.age_years)


@st.cache_resource(show_spinner=False)
def rulebook(preset: str) -> Rulebook:
    return load_preset(preset)


@st.cache_resource(show_spinner=False, max_entries=12)
def scored(people: int, seed: int, as_of: dt.date, preset: str) -> ScoreResult:
    """Scores are milliseconds to compute but every page reads them; keep the last few."""
    return score(compiled(people, seed, as_of), rulebook(preset))


def store() -> Store:
    """The server's store: read-write, or read-only when another process only reads the file.

    Raises StoreUnavailable (locked by another server, corrupt, unreadable); failures are not
    cached, so the next run tries again and a store freed meanwhile is used.
    """
    try:
        return _store(str(default_path()))
    except StoreUnavailable as error:
        _report(str(error))
        raise


@functools.cache
def _report(text: str) -> None:
    """Pages show a translated reason; the operator's log gets DuckDB's own words, once."""
    logging.getLogger(__name__).warning("%s", text)


@st.cache_resource(show_spinner=False, on_release=Store.close)
def _store(path: str) -> Store:
    """One store connection per server process and path: DuckDB allows one writer."""
    opened = Store.open(path)
    try:
        opened.migrate()
    except BaseException:
        opened.close()
        raise
    return opened


@st.cache_resource(show_spinner=False, max_entries=12)
def scored_rulebook(people: int, seed: int, as_of: dt.date, rulebook_hash: str, _rulebook: Rulebook) -> ScoreResult:
    """Scores of a working copy or scenario, keyed by its content hash (the rulebook itself is
    not hashed on every call: the underscore keeps it out of the key)."""
    return score(compiled(people, seed, as_of), _rulebook)


def scenario_rulebook(scenario_hash: str) -> Rulebook:
    """A saved scenario of the server's store (raises UnknownScenario, StoreUnavailable)."""
    return _scenario_rulebook(str(default_path()), scenario_hash)


@st.cache_resource(show_spinner=False, max_entries=32)
def _scenario_rulebook(path: str, scenario_hash: str) -> Rulebook:
    """Immutable, so one load per process and store until it is deleted (failures not cached)."""
    from scoring.tuning.scenarios import load_scenario

    return load_scenario(_store(path), scenario_hash)


def forget_scenario(scenario_hash: str) -> None:
    """Drop a deleted scenario from the process's caches, so no session or link can load it.

    Scores are cached by content hash (`scored_rulebook`), which stays a true key for the same
    rules whatever becomes of the scenario, so they are not dropped.
    """
    _scenario_rulebook.clear(str(default_path()), scenario_hash)
