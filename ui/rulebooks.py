"""The working rulebook: a preset or saved scenario chosen in the frame, plus the session's edits.

The frame's picker holds a *choice* (`preset` key): a preset id or `scenario:<hash>`. Edits made
on the Rules and Tiers pages produce a working copy kept in session state next to the choice it
was made from; every page scores that copy. Changing the choice drops the working copy.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from scoring.rulebook import Rulebook, list_presets
from scoring.scenarios import list_scenarios, scenario_hash
from scoring.tuning.diff import diff_rulebooks
from ui import data

SCENARIO_PREFIX = "scenario:"
WORKING_KEY = "working"


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
    """Presets, then saved scenarios (newest first), with their names by choice."""
    scenarios = list_scenarios(data.store())
    options = list(list_presets()) + [scenario_choice(h) for h in scenarios["hash"]]
    names = dict(zip((scenario_choice(h) for h in scenarios["hash"]), scenarios["name"], strict=True))
    return options, names


def baseline(choice: str) -> Rulebook:
    """The rulebook a choice names (raises UnknownScenario for a scenario no longer stored)."""
    scenario = choice_scenario(choice)
    return data.scenario_rulebook(scenario) if scenario else data.rulebook(choice)


def current(choice: str) -> Working:
    """The working copy made from `choice`, or the choice itself when nothing was edited."""
    kept = st.session_state.get(WORKING_KEY)
    if kept is not None and kept.choice == choice:
        return kept
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
    working = Working(choice, base, rulebook, scenario_hash(rulebook), len(diff_rulebooks(base, rulebook)))
    st.session_state[WORKING_KEY] = working
    return working


def reset() -> None:
    st.session_state.pop(WORKING_KEY, None)
