"""The null population the Predictive validity page sets its figures beside: the same people as
the view's population with records drawn independently of propensity
(`GeneratorSettings.records_independent`), generated on first use (seconds at 1 M people,
behind a progress bar) and kept for the process.

One null population is kept (the one of the population last asked about): it costs as much
memory as a real one, and a visitor moving between two populations regenerates it. It is
generated in the same one-at-a-time slot as the real populations (ui/data.py), so a null and a
real population are never built at once.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from scoring.caching import Cache
from scoring.dataset import Dataset
from scoring.engine import ScoreResult, compile_dataset, score
from scoring.rulebook import Rulebook
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings
from ui import data, fmt
from ui.i18n import t

Progress = Callable[[float, str], None]
NULL_BYTES = 2 * 2**30


@st.cache_resource(show_spinner=False)
def _null_populations() -> Cache[tuple[int, int], Dataset]:
    return Cache(1, NULL_BYTES)


@st.cache_resource(show_spinner=False)
def _null_scores() -> Cache[tuple[int, int, str], ScoreResult]:
    return Cache(4)


def is_generated(people: int, seed: int) -> bool:
    return (people, seed) in _null_populations()


def null_dataset(people: int, seed: int, progress: Progress | None = None) -> Dataset:
    """The null population of this size and seed; generated now (reporting `progress`) if not kept."""

    def build() -> Dataset:
        with data.generation_slot():
            settings = GeneratorSettings(people=people, seed=seed, records_independent=True)
            return generate(settings, progress=progress)

    return _null_populations().get((people, seed), build)


def null_scored(people: int, seed: int, rulebook_hash: str, rulebook: Rulebook) -> tuple[Dataset, ScoreResult]:
    """The null population and its scores under this rulebook, on the data's as-of date: a
    progress bar while the population is generated, a spinner while it is first compiled, and
    both kept, so the page's other inputs never redo them."""
    if is_generated(people, seed):
        dataset = null_dataset(people, seed)
    else:
        bar = st.progress(0.0, text=t("validity.null_generating", people=fmt.count(people), stage=""))

        def report(fraction: float, stage: str) -> None:
            text = t("validity.null_generating", people=fmt.count(people), stage=stage)
            bar.progress(min(max(fraction, 0.0), 1.0), text=text)

        dataset = null_dataset(people, seed, report)
        bar.empty()
    with st.spinner(t("validity.null_scoring")):  # the record matrix is built once per null population
        result = _null_scores().get((people, seed, rulebook_hash), lambda: score(compile_dataset(dataset), rulebook))
    return dataset, result
