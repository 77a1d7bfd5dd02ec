"""The frame every page starts with: language, dataset, as-of date and rulebook pickers, and the
synthetic-data marker.

It lives here rather than in `app.py` because AppTest (1.67) runs a file under `pages/` without
the entrypoint's sidebar (see DESIGN.md "Known trap"); calling `frame()` first from each page
draws it in both AppTest and the browser. Choices are plain session-state keys (`lang`,
`people`, `seed`, `as_of`, `preset`), so they survive page changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from scoring.dataset import Dataset
from scoring.engine import Compiled, ScoreResult
from scoring.rulebook import DEFAULT_PRESET, Rulebook, list_presets
from scoring.summaries import Breakdown
from ui import data, fmt
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, current_language, t
from ui.state import persistent

AS_OF_YEARS = 5  # how far before the data's as-of date one may score


@dataclass(frozen=True)
class View:
    """What the frame chose and computed, for the page to show."""

    people: int
    seed: int
    as_of: dt.date
    preset: str
    dataset: Dataset
    compiled: Compiled
    result: ScoreResult
    population: dict[str, Breakdown]

    @property
    def rulebook(self) -> Rulebook:
        return self.result.rulebook


def frame() -> View:
    """Draw the shared frame and return the chosen data and scores."""
    _use_app_navigation()
    _language_switch()
    lang = current_language()  # bound into format_func: AppTest calls it outside the session
    with st.sidebar:
        st.subheader(t("frame.data_heading"))
        people = st.selectbox(
            t("frame.size"),
            data.size_options(),
            format_func=lambda n: fmt.count(n, lang),
            **persistent("people", data.default_people()),
        )
        seed = int(st.number_input(t("frame.seed"), min_value=0, step=1, **persistent("seed", data.DEFAULT_SEED)))
    dataset = _dataset(people, seed)
    with st.sidebar:
        as_of = _as_of_picker(fmt.to_date(dataset.data_as_of))
        preset = st.selectbox(
            t("frame.rulebook"),
            list_presets(),
            format_func=lambda p: fmt.name(data.rulebook(p).title, lang),
            **persistent("preset", DEFAULT_PRESET),
        )
    with st.spinner(t("frame.compiling", people=fmt.count(people), as_of=fmt.date(as_of))):
        compiled = data.compiled(people, seed, as_of)
    view = View(
        people=people,
        seed=seed,
        as_of=as_of,
        preset=preset,
        dataset=dataset,
        compiled=compiled,
        result=data.scored(people, seed, as_of, preset),
        population=data.population(people, seed, as_of),
    )
    _marker(view)
    return view


def _use_app_navigation() -> None:
    """Leave Streamlit's folder-based page mode if this run started in it.

    With a folder named `pages/`, a 1.67 server starts in the old folder mode until some run
    executes `st.navigation`: a first visit straight to /overview runs the page file without
    `app.py` (file names as page titles, no page config). Switching the process-wide flag off
    and rerunning once routes every later run through `app.py`'s translated navigation.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def _language_switch() -> None:
    """简体中文 by default; `?lang=en` on the first visit picks English; the URL follows the switch."""
    lang = current_language()
    st.sidebar.segmented_control(
        t("frame.language"), LANGUAGES, format_func=LANGUAGE_NAMES.get, required=True, **persistent("lang", lang)
    )
    st.query_params["lang"] = current_language()


def _dataset(people: int, seed: int) -> Dataset:
    """The synthetic population, with a progress bar while a new one is generated."""
    if data.is_generated(people, seed):
        return data.synthetic_dataset(people, seed)
    bar = st.progress(0.0, text=t("frame.generating", people=fmt.count(people), stage=""))

    def report(fraction: float, stage: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=t("frame.generating", people=fmt.count(people), stage=stage))

    try:
        return data.synthetic_dataset(people, seed, report)
    finally:
        bar.empty()


def _as_of_picker(latest: dt.date) -> dt.date:
    """As-of date bounded by the data: never after its as-of date, at most a few years before."""
    earliest = latest.replace(year=latest.year - AS_OF_YEARS)
    if not earliest <= st.session_state.get("as_of", latest) <= latest:
        st.session_state["as_of"] = latest
    chosen = st.date_input(
        t("frame.as_of"),
        min_value=earliest,
        max_value=latest,
        format="YYYY/MM/DD" if current_language() == "zh-CN" else "DD/MM/YYYY",
        help=t("frame.as_of_help", data_as_of=fmt.date(latest), years=AS_OF_YEARS),
        **persistent("as_of", latest),
    )
    return chosen or latest


def _marker(view: View) -> None:
    """The synthetic-data badge and the active rulebook, as-of date and source, on every page."""
    source = t(
        "frame.source_synthetic",
        people=fmt.count(view.people),
        seed=view.seed,
        data_as_of=fmt.date(view.dataset.data_as_of),
    )
    st.badge(t("frame.synthetic_marker"), icon=":material/science:", color="orange")
    st.caption(t("frame.context", rulebook=fmt.name(view.rulebook.title), as_of=fmt.date(view.as_of), source=source))
    st.sidebar.caption(t("frame.synthetic_note"))
