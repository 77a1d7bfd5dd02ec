"""The working rulebook: a preset or saved scenario chosen in the frame, plus the session's edits.

The frame's picker holds a *choice* (`preset` key): a preset id or `scenario:<hash>`. Edits made
on the Rules and Tiers pages produce a working copy kept in session state next to the choice it
was made from; every page scores that copy. Changing the choice drops the working copy. A chosen
scenario that is gone (deleted, or the store cannot be opened) falls back to the default preset
and the session is told, never shown the default as if it were the scenario.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from scoring.rulebook import DEFAULT_PRESET, Rulebook, list_presets
from scoring.store import StoreUnavailable
from scoring.tuning.diff import diff_rulebooks
from scoring.tuning.edited_titles import mark_edited_titles
from scoring.tuning.scenarios import InvalidScenario, list_scenarios, scenario_hash, short_hash
from ui import data, fmt, problems
from ui.i18n import current_language, t
from ui.state import persistent

SCENARIO_PREFIX = "scenario:"
WORKING_KEY = "working"
GONE_KEY = "scenario_gone"  # the hash of a chosen scenario that vanished, while the fallback stands
SET_ASIDE_KEY = "working_set_aside"  # an edited copy left when another rulebook was chosen
INVALID_KEY = "scenario_invalid"  # (hash, problems) of a chosen scenario that no longer validates


@dataclass(frozen=True)
class Working:
    """The rulebook every page uses now, the baseline it was edited from and the differences."""

    choice: str
    baseline: Rulebook
    rulebook: Rulebook
    hash: str
    changes: int

    @property
    def edited(self) -> bool:
        return self.changes > 0


def scenario_choice(hash_: str) -> str:
    return f"{SCENARIO_PREFIX}{hash_}"


def choice_scenario(choice: str) -> str | None:
    return choice.removeprefix(SCENARIO_PREFIX) if choice.startswith(SCENARIO_PREFIX) else None


def choices() -> tuple[list[str], dict[str, str]]:
    """Presets, then saved scenarios (newest first), with their names by choice; presets alone
    when the store cannot be opened (`store_problem()` says why)."""
    try:
        listed = list_scenarios(data.store())
    except StoreUnavailable:
        return list(list_presets()), {}
    options = list(list_presets()) + [scenario_choice(h) for h in listed["hash"]]
    names = dict(zip((scenario_choice(h) for h in listed["hash"]), listed["name"], strict=True))
    return options, names


def choice_label(choice: str, names: dict[str, str], lang: str) -> str:
    """How every rulebook picker names a choice: a preset by its title, a saved scenario as
    "Scenario: <name> (<short hash>)". Select boxes show text as written, so no Markdown escaping."""
    if choice in names:
        return t("frame.scenario_option", lang, name=names[choice], hash=short_hash(choice_scenario(choice)))
    return fmt.name(data.rulebook(choice).title, lang)


def settle_choice(options: list[str]) -> None:
    """Fall back to the default preset when the chosen rulebook is no longer offered; a vanished
    scenario is remembered for `gone_notice()` until another rulebook is chosen."""
    chosen = st.session_state.get("preset")
    if chosen not in options:
        st.session_state["preset"] = DEFAULT_PRESET
        if chosen and choice_scenario(chosen):
            st.session_state[GONE_KEY] = choice_scenario(chosen)
    elif chosen != DEFAULT_PRESET:
        st.session_state.pop(GONE_KEY, None)


def gone_notice() -> str | None:
    """The message for a chosen scenario that vanished, in the page language, or None."""
    gone = st.session_state.get(GONE_KEY)
    return t("scen.gone", hash=short_hash(gone)) if gone else None


def set_aside() -> Working | None:
    """The edited copy just left by choosing another rulebook, once (None after that)."""
    return st.session_state.pop(SET_ASIDE_KEY, None)


def restore(working: Working) -> None:
    """Choose the rulebook an edited copy was made from again, with its edits."""
    st.session_state["preset"] = working.choice
    st.session_state[WORKING_KEY] = working


def remember_invalid(error: InvalidScenario) -> None:
    """Fall back to the default preset from a scenario that no longer validates, and say why
    (`invalid_notice()`) until another rulebook is chosen."""
    st.session_state["preset"] = DEFAULT_PRESET
    st.session_state[INVALID_KEY] = (error.scenario_hash, error.problems)
    reset()


def invalid_notice() -> str | None:
    """The message for a chosen scenario that no longer passes the checks, or None."""
    invalid = st.session_state.get(INVALID_KEY)
    if not invalid or st.session_state.get("preset") != DEFAULT_PRESET:
        st.session_state.pop(INVALID_KEY, None)
        return None
    return t("scen.invalid", hash=short_hash(invalid[0]), problem=problems.first_of(invalid[1]))


def store_problem() -> str | None:
    """Why saved scenarios cannot all be used now: `read_only`, a StoreUnavailable reason, or None."""
    try:
        return "read_only" if data.store().read_only else None
    except StoreUnavailable as error:
        return error.reason


def baseline(choice: str) -> Rulebook:
    """The rulebook a choice names (raises UnknownScenario for a scenario no longer stored)."""
    scenario = choice_scenario(choice)
    return data.scenario_rulebook(scenario) if scenario else data.rulebook(choice)


def current(choice: str) -> Working:
    """The working copy made from `choice`, or the choice itself when nothing was edited."""
    kept = st.session_state.get(WORKING_KEY)
    if kept is not None and kept.choice == choice:
        return kept
    if kept is not None and kept.edited:
        st.session_state[SET_ASIDE_KEY] = kept  # another rulebook was chosen: its edits can come back
    st.session_state.pop(WORKING_KEY, None)
    rulebook = baseline(choice)
    return Working(choice, rulebook, rulebook, _baseline_hash(choice), 0)


def current_baseline(working: Working) -> Working:
    """The chosen preset or scenario itself, without the session's edits."""
    return Working(working.choice, working.baseline, working.baseline, _baseline_hash(working.choice), 0)


@st.cache_resource(show_spinner=False, max_entries=64)
def _baseline_hash(choice: str) -> str:
    scenario = choice_scenario(choice)
    return scenario or scenario_hash(baseline(choice))


def set_working(choice: str, rulebook: Rulebook) -> Working:
    """Make `rulebook` the session's working copy of `choice` (edits undone: the choice again)."""
    base = baseline(choice)
    rulebook = mark_edited_titles(base, rulebook)  # a title stating old values says it was edited
    working = Working(choice, base, rulebook, scenario_hash(rulebook), len(diff_rulebooks(base, rulebook)))
    st.session_state[WORKING_KEY] = working
    return working


def reset() -> None:
    st.session_state.pop(WORKING_KEY, None)


def of_choice(choice: str) -> Working:
    """A preset or saved scenario as it is, without edits (a comparison's side)."""
    rulebook = baseline(choice)
    return Working(choice, rulebook, rulebook, _baseline_hash(choice), 0)


def baseline_picker(label: str, key: str, working: Working, place=st) -> Working:
    """A preset or saved scenario to set beside the working rulebook, kept for the session under
    `key` (the evaluation pack's baseline, the Validity page's PSI against a baseline). An edited
    copy is set beside the rulebook it came from; an unedited one beside another preset."""
    options, names = choices()
    lang = current_language()  # bound into format_func: AppTest calls it outside the session
    labels = {o: choice_label(o, names, lang) for o in options}
    others = [o for o in options if o != working.choice and not choice_scenario(o)]
    default = working.choice if working.edited and working.choice in options else (others or [DEFAULT_PRESET])[0]
    if st.session_state.get(key) not in options:
        st.session_state[key] = default
    choice = place.selectbox(label, options, format_func=labels.__getitem__, **persistent(key, default))
    return of_choice(choice)
