"""The frame every page starts with: language, dataset, as-of date and rulebook pickers, and the
synthetic-data marker. Population size and seed, which policy staff rarely change, sit in a
collapsed "advanced" expander below them.

It lives here rather than in `app.py` because AppTest (1.67) runs a file under `pages/` without
the entrypoint's sidebar (see DESIGN.md "Known trap"); calling `frame()` first from each page
draws it in both AppTest and the browser. Choices are plain session-state keys (`lang`,
`people`, `seed`, `as_of`, `preset`), so they survive page changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import streamlit as st

from scoring.analyses.summaries import Breakdown
from scoring.calendar import as_of_choices
from scoring.dataset import MAX_SEED, Dataset
from scoring.engine import Compiled, ScoreResult, earliest_complete_as_of
from scoring.rulebook import DEFAULT_PRESET, Rulebook, list_presets
from scoring.store import StoreUnavailable
from scoring.tuning.scenarios import (
    HASH_LENGTH,
    PRESET_KEY,
    SHARE_KEYS,
    InvalidScenario,
    ShareLinkError,
    UnknownScenario,
    has_share_query,
    parse_share_query,
    preset_query,
    share_query,
    short_hash,
)
from ui import chrome, data, fmt, links, problems, rulebooks
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, bind_language, current_language, plural, t
from ui.plain import plain
from ui.state import persistent

SHOWN_CHARACTERS = 80  # of a bad share-link value quoted back (a link may carry kilobytes)


@dataclass(frozen=True)
class View:
    """What the frame chose, for the page to show.

    Scores and breakdowns are computed when a page first reads them, not by the frame: all that
    is drawn before (sidebar, marker, title, a page's pickers and filters) then reaches the
    browser while the server scores a new as-of date or rulebook.
    """

    people: int
    seed: int
    as_of: dt.date
    preset: str
    dataset: Dataset
    compiled: Compiled
    working: rulebooks.Working
    rulebook_label: str

    @cached_property
    def result(self) -> ScoreResult:
        return scores_of(self, self.working)

    @cached_property
    def population(self) -> dict[str, Breakdown]:
        return data.population(self.people, self.seed, self.as_of)

    @property
    def rulebook(self) -> Rulebook:
        return self.working.rulebook


def frame() -> View:
    """Draw the shared frame and return the chosen data (scores follow when read)."""
    _use_app_navigation()
    _open_share_link()
    _language_switch()
    lang = bind_language()  # also bound into format_func: AppTest calls it outside the session
    chrome.use_reader_language()
    st.sidebar.subheader(t("frame.data_heading"))
    with st.sidebar:
        preset, label = _rulebook_picker(lang)
        try:
            working = rulebooks.current(preset)
        except InvalidScenario as error:
            rulebooks.remember_invalid(error)
            st.rerun()
        _set_aside_notice()
        as_of_slot = st.container()  # above the expander, drawn once the population is known
        people, seed = _population_pickers(lang)
    dataset = _dataset(people, seed)
    with as_of_slot:
        earliest = earliest_complete_as_of(dataset, working.rulebook)
        as_of = _as_of_picker(fmt.to_date(dataset.data_as_of), earliest)
    with st.spinner(t("frame.compiling", people=fmt.count(people), as_of=fmt.date(as_of))):
        compiled = data.compiled(people, seed, as_of)
    view = View(
        people=people, seed=seed, as_of=as_of, preset=preset, dataset=dataset, compiled=compiled, working=working,
        rulebook_label=label,
    )  # fmt: skip
    _marker(view)
    _keep_link(view)
    return view


def _population_pickers(lang: str) -> tuple[int, int]:
    """Population size and seed, which policy staff rarely change: inside a collapsed expander."""
    with st.expander(t("frame.advanced"), expanded=False):
        people = st.selectbox(
            t("frame.size"),
            data.size_options(),
            format_func=lambda n: fmt.count(n, lang),
            **persistent("people", data.default_people()),
        )
        seed = st.number_input(
            t("frame.seed"), min_value=0, max_value=MAX_SEED, step=1, **persistent("seed", data.DEFAULT_SEED)
        )
    return people, int(seed)


def _rulebook_picker(lang: str) -> tuple[str, str]:
    """Presets and saved scenarios; a choice that vanished (a deleted draft) falls back."""
    options, names = rulebooks.choices()
    rulebooks.settle_choice(options)
    labels = {o: rulebooks.choice_label(o, names, lang) for o in options}
    choice = st.selectbox(
        t("frame.rulebook"), options, format_func=labels.__getitem__, **persistent("preset", DEFAULT_PRESET)
    )
    if notice := rulebooks.gone_notice() or rulebooks.invalid_notice():
        st.warning(notice, icon=":material/link_off:")
    if rulebooks.store_problem() not in (None, "read_only"):
        st.caption(t("store.picker_note"))
    return choice, labels[choice]


def _set_aside_notice() -> None:
    """Choosing another rulebook leaves the session's edits of the previous one: say so once, and
    offer them back."""
    if (left := rulebooks.set_aside()) is None:
        return
    st.warning(
        plural(
            "frame.edits_set_aside", left.changes, rulebook=plain(fmt.name(left.baseline.title)), changes=left.changes
        )
    )
    st.button(t("frame.restore_edits"), icon=":material/undo:", key="frame.restore", on_click=rulebooks.restore,
              args=(left,))  # fmt: skip


def scores_of(view: View, working: rulebooks.Working) -> ScoreResult:
    """Scores of another working copy on the view's data (a fragment's newest edit)."""
    return _scored(view.people, view.seed, view.as_of, working)


def _scored(people: int, seed: int, as_of: dt.date, working: rulebooks.Working) -> ScoreResult:
    return data.scored(people, seed, as_of, working.hash, working.rulebook)


def _open_share_link() -> None:
    """On a session's first run, a share link (`?scenario=…&people=…&seed=…&as_of=…&lang=…`, or
    `preset=…` in place of the scenario) restores its view; a bad link leaves the defaults and
    says which parameter is wrong."""
    if st.session_state.get("share_link_read"):
        return
    st.session_state["share_link_read"] = True
    params = st.query_params.to_dict()
    if not has_share_query(params):
        return
    try:
        share = parse_share_query(params)
        if share.people not in data.size_options():
            raise ShareLinkError("people", f"{share.people} is not an offered population size")
        if share.preset is not None and share.preset not in list_presets():
            raise ShareLinkError("preset", f"{share.preset} is not a preset")
        if share.scenario is not None:
            data.scenario_rulebook(share.scenario)
    except ShareLinkError as exc:
        st.session_state["share_error"] = _share_problem(exc.parameter, params.get(exc.parameter))
        return
    except UnknownScenario:
        st.session_state["share_error"] = t("share.unknown", scenario=plain(params.get("scenario")))
        return
    except InvalidScenario as exc:
        st.session_state["share_error"] = t(
            "scen.invalid", hash=short_hash(exc.scenario_hash), problem=problems.first_of(exc.problems)
        )
        return
    except StoreUnavailable as exc:
        st.session_state["share_error"] = t(f"store.{exc.reason}")
        return
    choice = share.preset if share.scenario is None else rulebooks.scenario_choice(share.scenario)
    st.session_state.update(
        lang=share.lang, people=share.people, seed=share.seed, as_of=share.as_of, preset=choice
    )  # fmt: skip
    rulebooks.reset()


def _keep_link(view: View) -> None:
    """The address keeps describing the view, so a reload or a bookmark reopens it: the rulebook
    (a saved scenario or a preset), population, seed, as-of date and language, beside the page's
    own parameters (ui.links), never another page's. An edited copy, which no link can hold,
    leaves only the language and the page's own parameters."""
    scenario, lang = rulebooks.choice_scenario(view.working.choice), current_language()
    if view.working.edited:
        wanted = {"lang": lang}
    elif scenario is None:
        wanted = preset_query(view.working.choice, view.people, view.seed, view.as_of, lang)
    else:
        wanted = share_query(scenario, view.people, view.seed, view.as_of, lang)
    current = st.query_params.to_dict()
    elsewhere = links.of_other_pages()
    page_params = {k: v for k, v in current.items() if k not in (*SHARE_KEYS, PRESET_KEY, *elsewhere)}
    if current != {**wanted, **page_params}:
        st.query_params.from_dict({**wanted, **page_params})


def _share_problem(parameter: str, raw: object) -> str:
    """A bad share-link parameter in the page's language: which one, what it should be, and what
    the link carried, shortened and quoted as plain text (the library's detail is English)."""
    value = "" if raw is None else str(raw).strip()
    if not value:
        return t("share.missing", parameter=plain(parameter))
    expected = t(
        f"share.expected.{parameter}",  # each takes the values it names
        length=HASH_LENGTH,
        sizes=", ".join(fmt.count(n) for n in data.size_options()),
        max=MAX_SEED,
        languages=", ".join(LANGUAGES),
        presets=", ".join(list_presets()),
    )
    shown = value if len(value) <= SHOWN_CHARACTERS else f"{value[:SHOWN_CHARACTERS]}…"
    return t("share.bad_parameter", parameter=plain(parameter), expected=expected, value=plain(shown))


def _use_app_navigation() -> None:
    """Leave Streamlit's folder-based page mode if this run started in it.

    With a folder named `pages/`, a 1.67 server starts in the old folder mode until some run
    executes `st.navigation`: a first visit straight to /overview runs the page file without
    `app.py` (file names as page titles, no page config). Switching the process-wide flag off
    and rerunning once routes every later run through `app.py`'s translated navigation.

    The flag is private. If an upgrade moves or renames it, nothing is switched and the visit
    shows the folder-mode page once; the next run goes through `app.py` (it has then executed
    `st.navigation`), so an upgrade costs a second run, never an outage.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:
        return
    if getattr(PagesManager, "uses_pages_directory", None) is True:
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
        return data.workspace(people, seed).dataset
    bar = st.progress(0.0, text=t("frame.generating", people=fmt.count(people), stage=""))

    def report(fraction: float, stage: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=t("frame.generating", people=fmt.count(people), stage=stage))

    def waiting() -> None:
        bar.progress(0.0, text=t("frame.waiting_generation", people=fmt.count(people)))

    try:
        return data.workspace(people, seed, report, waiting).dataset
    finally:
        bar.empty()


def _as_of_picker(latest: dt.date, earliest: dt.date) -> dt.date:
    """As-of date bounded by the data and the rulebook: never after the data's as-of date, never
    so early that a rule window reaches before the data's history (scoring/engine/history.py).
    A date the rulebook no longer allows (a window was lengthened) moves to the earliest allowed."""
    if earliest > latest:
        st.error(t("frame.as_of_impossible", earliest=fmt.date(earliest), latest=fmt.date(latest)))
        st.stop()
    chosen = st.session_state.get("as_of", latest)
    if chosen > latest:
        st.session_state["as_of"] = latest
        st.caption(t("frame.as_of_after", latest=fmt.date(latest)))
    elif chosen < earliest:
        st.session_state["as_of"] = earliest
        st.caption(t("frame.as_of_moved", earliest=fmt.date(earliest)))
    # A list of month ends in the reader's words, not a calendar: BaseWeb's calendar is English
    # whatever the page's language, and a date typed into it does not apply on Enter. A select
    # box filters as one types (2024年3 / Mar 2024) and Enter applies the highlighted date.
    lang = current_language()
    chosen = st.selectbox(
        t("frame.as_of"),
        as_of_choices(earliest, latest, st.session_state.get("as_of")),
        format_func=lambda day: fmt.date(day, lang),
        help=t("frame.as_of_help", data_as_of=fmt.date(latest), earliest=fmt.date(earliest)),
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
    if view.working.edited:
        st.badge(
            plural("frame.edited", view.working.changes, changes=view.working.changes),
            icon=":material/edit:",
            color="blue",
        )
    if problem := st.session_state.pop("share_error", None):  # once: the next page starts clean
        st.error(problem, icon=":material/link_off:")
    st.caption(t("frame.context", rulebook=plain(view.rulebook_label), as_of=fmt.date(view.as_of), source=source))
    st.sidebar.caption(t("frame.synthetic_note"))
