"""Datasets, their views and score results, held once per process for all sessions.

Each synthetic population lives in a `Workspace` (its dataset, the breakdowns and the score
results of each as-of date); the engine keeps the record matrix, plans, views and quantities on
the dataset itself. At most `DATASETS_KEPT` workspaces are kept, least recently used out, so a
visitor trying sizes and seeds cannot grow the server's memory: when a workspace goes, all that
was derived from its dataset goes with it. Generation (5–10 s at 1 M people) runs one at a time;
a visitor asking for another population meanwhile waits, and is told so.

Everything is keyed on small values (size, seed, as-of date, a rulebook's content hash), never
on frames: hashing a million-row frame on every call would cost more than the re-score itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import streamlit as st

from scoring.analyses.summaries import Breakdown, breakdowns
from scoring.behaviour.history import History, tier_history
from scoring.caching import Cache
from scoring.checks.finding import Finding
from scoring.checks.run import run_checks
from scoring.dataset import Dataset
from scoring.engine import Compiled, ScoreResult, compile_dataset, score
from scoring.fairness.density import recorded_types as count_recorded_types
from scoring.person.next_tier import NextTier, next_tier
from scoring.rulebook import DEFAULT_PRESET, Rulebook, load_preset
from scoring.store import Store, StoreUnavailable, default_path
from scoring.tuning.scenarios import scenario_hash
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings
from ui.runtime import return_freed_memory

SIZES = (10_000, 100_000, 1_000_000)
DEFAULT_PEOPLE_ENV = "CCL_DEFAULT_PEOPLE"  # tests pick a tiny population, the benchmark 1 M
DEFAULT_PEOPLE = 100_000
DEFAULT_SEED = 20190416

Progress = Callable[[float, str], None]
PROGRESS_POLL_SECONDS = 0.25  # how often a visitor waiting on another's generation is updated


def default_people() -> int:
    return int(os.environ.get(DEFAULT_PEOPLE_ENV) or DEFAULT_PEOPLE)


def size_options() -> tuple[int, ...]:
    """The offered sizes, plus the default when an environment variable set an unusual one."""
    return tuple(sorted({*SIZES, default_people()}))


DATASETS_KEPT = 2  # the current population and one to compare with or go back to
RESULTS_PER_DATASET = 16  # (as-of date, rulebook) pairs: presets, working copies, baselines
BREAKDOWNS_PER_DATASET = 4  # as-of dates (ages move the age bands)
RESULT_BYTES_PER_DATASET = 2 * 2**30
PLANS_PER_DATASET = 256  # next-tier plans (a few hundred bytes each): people opened by any session
DATASET_BYTES = 3 * 2**30  # tables of the datasets kept (two of 1 M people are ~0.9 GB)


@dataclass(frozen=True, eq=False)
class Workspace:
    """One synthetic population and what the pages computed from it."""

    dataset: Dataset
    results: Cache = field(default_factory=lambda: Cache(RESULTS_PER_DATASET, RESULT_BYTES_PER_DATASET))
    breakdowns: Cache = field(default_factory=lambda: Cache(BREAKDOWNS_PER_DATASET))
    plans: Cache = field(default_factory=lambda: Cache(PLANS_PER_DATASET))
    checks: Cache = field(default_factory=lambda: Cache(RESULTS_PER_DATASET))
    histories: Cache = field(default_factory=lambda: Cache(RESULTS_PER_DATASET))

    @property
    def nbytes(self) -> int:
        return self.dataset.nbytes + self.results.nbytes


@st.cache_resource(show_spinner=False)
def _workspaces() -> Cache[tuple[int, int], Workspace]:
    return Cache(DATASETS_KEPT, DATASET_BYTES)


@st.cache_resource(show_spinner=False)
def generation_slot() -> threading.BoundedSemaphore:
    """One generation at a time: each costs a core and about 1 GB at 1 M people."""
    return threading.BoundedSemaphore(1)


@st.cache_resource(show_spinner=False)
def _generations_under_way() -> dict[tuple[int, int], tuple[float, str]]:
    """The last progress of each generation under way, for the visitors who wait on it."""
    return {}


def is_generated(people: int, seed: int) -> bool:
    return (people, seed) in _workspaces()


def workspace(people: int, seed: int, progress: Progress | None = None, waiting: Callable[[], None] | None = None):
    """The population's workspace; generated now (reporting `progress`) if it is not kept, after
    any other generation under way has finished (`waiting` is called once if there is one). A
    visitor who asks for a population another (or the server's start, `prepare_default_view`) is
    generating follows that generation's progress until it is done."""
    key, under_way = (people, seed), _generations_under_way()

    def report(fraction: float, stage: str) -> None:
        under_way[key] = (fraction, stage)
        if progress is not None:
            progress(fraction, stage)

    def build() -> Workspace:
        built.append(True)
        slot = generation_slot()
        if not slot.acquire(blocking=False):
            if waiting is not None:
                waiting()
            slot.acquire()
        try:
            return Workspace(generate(GeneratorSettings(people=people, seed=seed), progress=report))
        finally:
            under_way.pop(key, None)
            slot.release()

    if progress is not None:
        while (state := under_way.get(key)) is not None:
            progress(*state)
            time.sleep(PROGRESS_POLL_SECONDS)
    built: list[bool] = []
    kept = _workspaces().get(key, build)
    if built and len(_workspaces()) == DATASETS_KEPT:
        return_freed_memory()  # a population was probably dropped to make room
    return kept


def compiled(people: int, seed: int, as_of: dt.date) -> Compiled:
    """The dataset as of a date: the record matrix is built once per dataset and each further
    as-of date is a cheap view of it, both kept by the dataset (scoring/engine/compiled.py)."""
    return compile_dataset(workspace(people, seed).dataset, as_of)


def population(people: int, seed: int, as_of: dt.date) -> dict[str, Breakdown]:
    """Per-person codes of every breakdown (group, district, gender, age band, hukou)."""
    view = compiled(people, seed, as_of)
    return workspace(people, seed).breakdowns.get(as_of, lambda: breakdowns(view.people, view.age_years))


def scored(people: int, seed: int, as_of: dt.date, rulebook_hash: str, rulebook: Rulebook) -> ScoreResult:
    """Scores of any rulebook (preset, scenario or working copy), keyed by its content hash: one
    path for all. Milliseconds to compute, but every page reads them; the workspace keeps a few."""
    return workspace(people, seed).results.get(
        (as_of, rulebook_hash), lambda: score(compiled(people, seed, as_of), rulebook)
    )


def next_tier_plan(
    people: int, seed: int, as_of: dt.date, rulebook_hash: str, rulebook: Rulebook, person_id: int
) -> NextTier:
    """One person's plan to the next tier (0.1–0.5 s at 1 M people), kept per as-of date,
    rulebook and person: the page's reruns for its other inputs read it back."""
    result = scored(people, seed, as_of, rulebook_hash, rulebook)
    kept = workspace(people, seed)
    return kept.plans.get((as_of, rulebook_hash, person_id), lambda: next_tier(result, kept.dataset, person_id))


def checks(people: int, seed: int, as_of: dt.date, rulebook_hash: str, rulebook: Rulebook) -> list[Finding]:
    """The legality checks of a rulebook on this population and date (the data's checks read
    every record: about a second at 1 M people), kept like the scores they go with."""
    result = scored(people, seed, as_of, rulebook_hash, rulebook)
    kept = workspace(people, seed)
    catalogues = kept.dataset.catalogues
    return kept.checks.get(
        (as_of, rulebook_hash),
        lambda: run_checks(rulebook, catalogues, dataset=kept.dataset, as_of=as_of, scored=result.eligible),
    )


def history(people: int, seed: int, rulebook_hash: str, rulebook: Rulebook) -> Future[History]:
    """Tier shares month by month back from the data's as-of date (about 8 s at 1 M people: one
    compile per month), kept per rulebook so that later runs and reruns read them back. Built on a
    worker thread, so that the model's months are simulated beside it (the first Run of a rulebook
    waits for the longer of the two, not their sum); the cache is single-flight, so two runs wait
    on one build. The workspace is found here, on the script's thread (it is a Streamlit cache)."""
    kept = workspace(people, seed)
    return _HISTORIES.submit(kept.histories.get, rulebook_hash, lambda: tier_history(kept.dataset, rulebook))


_HISTORIES = ThreadPoolExecutor(max_workers=1, thread_name_prefix="history")  # no Streamlit call runs there


def kept_history(people: int, seed: int, rulebook_hash: str) -> History | None:
    """The history already computed for this rulebook, else None (never computed here: a plain
    rerun of the page must not cost a compile per month)."""
    return dict(workspace(people, seed).histories.items()).get(rulebook_hash)


@st.cache_resource(show_spinner=False)
def rulebook(preset: str) -> Rulebook:
    return load_preset(preset)


def prepare_default_view() -> None:
    """What a first visitor's overview needs, computed before anyone asks: the default
    population, its record matrix as of the data's own date, the default preset's scores and the
    breakdowns, under the keys the frame will ask for. A visitor who arrives while this runs
    waits on the same builds (the caches are single-flight), behind the frame's progress bar."""
    people, seed = default_people(), DEFAULT_SEED
    as_of = workspace(people, seed).dataset.data_as_of.item()
    default = rulebook(DEFAULT_PRESET)
    scored(people, seed, as_of, scenario_hash(default), default)
    population(people, seed, as_of)


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

    Scores are cached by content hash (`scored`), which stays a true key for the same rules
    whatever becomes of the scenario, so they are not dropped.
    """
    _scenario_rulebook.clear(str(default_path()), scenario_hash)


def recorded_types(people: int, seed: int, as_of: dt.date):
    """Distinct record types standing per person as of the date (the Fairness page's record
    density): half a second at 1 M people and the same for every rulebook, so kept per as-of."""
    view = compiled(people, seed, as_of)
    return workspace(people, seed).breakdowns.get(("recorded_types", as_of), lambda: count_recorded_types(view))
