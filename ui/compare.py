"""The Compare page's choices: which two rulebooks, and the link that reopens them.

A side is a preset id, `scenario:<hash>` or `working` (the session's edited copy, which no link
can carry). The choices are plain session-state keys (`cmp.baseline`, `cmp.reform`), so they
survive page changes. A comparison link (`?baseline=…&reform=…&people=…&seed=…&as_of=…&lang=…`)
is read on a session's first run, before the frame draws, so the frame opens the linked
population and date; a bad link leaves the defaults and the frame says which parameter is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from scoring.rulebook import Rulebook, list_presets
from scoring.tuning.diff import diff_rulebooks
from scoring.tuning.scenarios import (
    CompareState,
    ShareLinkError,
    compare_query,
    has_compare_query,
    parse_compare_query,
)
from ui import data, editors, links, rulebooks, tables
from ui.frame import View
from ui.frame import _share_problem as share_problem  # one wording for every link's problems
from ui.i18n import current_language, plural, t
from ui.state import persistent

WORKING = "working"
SIDES = ("baseline", "reform")
LINK_KEYS = ("baseline", "reform")  # the comparison's own; people, seed and as_of are the frame's too


@dataclass(frozen=True)
class Sides:
    baseline: rulebooks.Working
    reform: rulebooks.Working
    baseline_label: str
    reform_label: str

    @property
    def linkable(self) -> bool:
        return not (self.baseline.edited or self.reform.edited)


def open_link() -> None:
    """On a session's first run (before `frame()` marks it read), adopt a comparison link."""
    state = st.session_state
    if state.get("share_link_read") or state.get("cmp.link_read"):
        return
    state["cmp.link_read"] = True
    params = st.query_params.to_dict()
    if not has_compare_query(params):
        return
    try:
        link = parse_compare_query(params)
        if link.people not in data.size_options():
            raise ShareLinkError("people", f"{link.people} is not an offered population size")
        options, _ = rulebooks.choices()
        for side in SIDES:
            if getattr(link, side) not in options:
                raise ShareLinkError(side, "not offered")
    except ShareLinkError as exc:
        state["share_error"] = share_problem(exc.parameter, params.get(exc.parameter))  # shown by the frame
        return
    state.update(
        {"lang": link.lang, "people": link.people, "seed": link.seed, "as_of": link.as_of,
         "cmp.baseline": link.baseline, "cmp.reform": link.reform}
    )  # fmt: skip


def pickers(view: View) -> Sides:
    """Baseline and reform side by side: presets, saved scenarios and, once edited, the
    session's working copy. A choice no longer offered falls back to the frame's rulebook."""
    options, names = rulebooks.choices()
    if view.working.edited:
        options = [*options, WORKING]
    lang = current_language()
    labels = {o: _label(o, names, view, lang) for o in options}
    defaults = {"baseline": view.working.choice, "reform": _default_reform(view, options)}
    sides = {}
    for column, side in zip(st.columns(2), SIDES, strict=True):
        key = f"cmp.{side}"
        if st.session_state.get(key) not in options:
            st.session_state[key] = defaults[side]
        with column:
            choice = st.selectbox(t(f"cmp.{side}"), options, format_func=labels.__getitem__,
                                  **persistent(key, defaults[side]))  # fmt: skip
        sides[side] = (view.working if choice == WORKING else rulebooks.of_choice(choice), labels[choice])
    return Sides(sides["baseline"][0], sides["reform"][0], sides["baseline"][1], sides["reform"][1])


def keep_link(view: View, sides: Sides) -> None:
    """The address reopens this comparison; with the session's edits on a side it cannot, and
    the comparison's parameters leave the address (the frame's own stay)."""
    if not sides.linkable:
        links.drop(*LINK_KEYS)
        st.caption(t("cmp.link_edited"))
        return
    state = CompareState(
        sides.baseline.choice, sides.reform.choice, view.people, view.seed, view.as_of, current_language()
    )
    wanted = compare_query(state)
    links.keep({key: wanted[key] for key in LINK_KEYS})  # the rest is the frame's view link


def parameter_diff(baseline: Rulebook, reform: Rulebook) -> pd.DataFrame:
    """Every value that differs between the two rulebooks, without their lists of citations
    (`sources.*`): a citation is not a parameter, and the source of each value that differs is
    named beside it."""
    diff = diff_rulebooks(baseline, reform)
    return diff[~diff["path"].astype(str).str.startswith("sources.")].reset_index(drop=True)


def rule_differences(sides: Sides) -> pd.DataFrame:
    """The parameter diff as the page shows and exports it (named, with statuses and sources),
    in the reader's language; empty when the rules are the same. Kept per pair of rulebooks (by
    content hash) and language: it costs a few hundred milliseconds of walking both rulebooks and
    naming each value, and an evaluator switches back and forth between the same reforms."""
    return _rule_differences(sides.baseline.hash, sides.reform.hash, current_language(),
                             sides.baseline.rulebook, sides.reform.rulebook)  # fmt: skip


@st.cache_data(max_entries=32, show_spinner=False)
def _rule_differences(
    baseline_hash: str, reform_hash: str, lang: str, _baseline: Rulebook, _reform: Rulebook
) -> pd.DataFrame:
    """The hashes and the language are the key (the rulebooks are what they hash)."""
    diff = parameter_diff(_baseline, _reform)
    if diff.empty:
        return pd.DataFrame()
    changes = editors.diff_table(diff, _baseline, _reform)
    return tables.with_sources(changes, diff, _baseline, _reform)


def _default_reform(view: View, options: list[str]) -> str:
    """The session's edits when there are any; else the preset most comparable with the chosen
    rulebook (same score range, then number of tiers, then base score), so that most figures are defined."""
    if WORKING in options:
        return WORKING
    others = [o for o in options if o != view.working.choice and o in list_presets()]
    if not others:
        return view.working.choice
    return max(others, key=lambda o: _likeness(data.rulebook(o), view.working.baseline))


def _likeness(one: Rulebook, other: Rulebook) -> tuple[bool, bool, bool]:
    scale = (one.score.min, one.score.max) == (other.score.min, other.score.max)
    return scale, len(one.tiers.ids) == len(other.tiers.ids), one.score.base == other.score.base


def _label(option: str, names: dict[str, str], view: View, lang: str) -> str:
    if option == WORKING:
        return plural(
            "cmp.working", view.working.changes, lang, rulebook=view.rulebook_label, changes=view.working.changes
        )
    return rulebooks.choice_label(option, names, lang)
