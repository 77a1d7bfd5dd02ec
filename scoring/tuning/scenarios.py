"""Scenarios: immutable rulebook versions in the store, addressed by content hash; share links.

The hash is the full sha256 of a canonical YAML form (keys sorted, defaults left out), so the
same content gets the same hash in every process and saving it twice stores it once; pages show
a short prefix. Scenarios saved before full hashes keep their 16-character key, which old links
carry. Only `state` (draft -> approved) ever changes; approved scenarios cannot be deleted, since
decisions may cite them. A share link carries scenario hash, dataset size, seed, as-of date and
language: enough for another user of the same server to reopen exactly the same view.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import yaml

from scoring.dataset import MAX_SEED
from scoring.rulebook import Rulebook, RulebookError, parse_rulebook, to_yaml
from scoring.store import Store

HASH_LENGTH = 64  # the whole sha256 hex digest
LEGACY_HASH_LENGTH = 16  # the key of scenarios saved before full hashes
SHORT_HASH_LENGTH = 12  # what pages show
LANGUAGES = ("zh-CN", "en")  # the same as ui.i18n.LANGUAGES (scoring never imports ui)
SHARE_KEYS = ("scenario", "people", "seed", "as_of", "lang")
PRESET_KEY = "preset"  # a link to a preset's view names the preset instead of a scenario
_PRESET = re.compile(r"^[a-z0-9_\-]{1,64}$")  # a preset's id, as Rulebook.id allows
MAX_PEOPLE = 100_000_000
SCENARIO_COLUMNS = ("hash", "name", "state", "note", "created_at")
_HASH = re.compile(rf"^(?:[0-9a-f]{{{HASH_LENGTH}}}|[0-9a-f]{{{LEGACY_HASH_LENGTH}}})$")


class UnknownScenario(LookupError):
    """No scenario with this hash in the store (a stale or mistyped link)."""

    def __init__(self, scenario_hash: str) -> None:
        self.scenario_hash = scenario_hash
        super().__init__(
            f"no scenario {scenario_hash!r} in this store: it may have been deleted, or the link is from another server"
        )


class ScenarioError(ValueError):
    """A scenario operation that is not allowed (deleting an approved scenario, a bad name, …)."""


class InvalidScenario(ScenarioError):
    """A stored scenario that no longer passes the rulebook checks (saved before a check existed,
    or the catalogues changed since); `problems` are the rulebook's, as data."""

    def __init__(self, scenario_hash_: str, error: RulebookError) -> None:
        self.scenario_hash = scenario_hash_
        self.problems = error.problems
        super().__init__(f"scenario {scenario_hash_} no longer validates:\n{error}")


class AlreadySaved(ScenarioError):
    """The same content is already stored, perhaps under another name: nothing was saved."""

    def __init__(self, scenario_hash: str, name: str) -> None:
        self.scenario_hash = scenario_hash
        self.name = name
        super().__init__(f"these rules are already saved as {name!r} ({short_hash(scenario_hash)})")


class ShareLinkError(ValueError):
    """A share link parameter that cannot be used; `parameter` names it."""

    def __init__(self, parameter: str, message: str) -> None:
        self.parameter = parameter
        super().__init__(f"share link parameter {parameter!r}: {message}")


def canonical_yaml(rulebook: Rulebook) -> str:
    """The rulebook as YAML with sorted keys: equal rulebooks give equal text."""
    data = rulebook.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=10_000)


def scenario_hash(rulebook: Rulebook) -> str:
    """The sha256 hex digest of the canonical YAML; stable across processes."""
    if not isinstance(rulebook, Rulebook):
        raise TypeError(f"expected a Rulebook, got {type(rulebook).__name__}")
    return hashlib.sha256(canonical_yaml(rulebook).encode("utf-8")).hexdigest()


def short_hash(scenario_hash_: str) -> str:
    """The prefix pages show (the full hash is in tables and share links)."""
    return scenario_hash_[:SHORT_HASH_LENGTH]


def save_scenario(
    store: Store, rulebook: Rulebook, name: str, note: str | None = None, actor: str = "dashboard"
) -> str:
    """Store the rulebook as a draft scenario and return its hash. Content already stored, under
    any name, raises AlreadySaved naming that scenario: a version is immutable and stored once."""
    if not isinstance(name, str) or not name.strip():
        raise ScenarioError("a scenario needs a name")
    if note is not None and not isinstance(note, str):
        raise ScenarioError(f"a scenario note is text, got {type(note).__name__}")
    key = scenario_hash(rulebook)
    note = note.strip() or None if note is not None else None
    stored = store.save_scenario(
        (key, key[:LEGACY_HASH_LENGTH]), name.strip(), to_yaml(rulebook), note, actor, {"rulebook": rulebook.id}
    )
    if not stored.added:
        raise AlreadySaved(stored.hash, stored.name)
    return stored.hash


def load_scenario(store: Store, scenario_hash_: str) -> Rulebook:
    """The stored rulebook, fully validated again (the catalogues may have changed since)."""
    row = store.scenario(_checked_hash(scenario_hash_))
    if row is None:
        raise UnknownScenario(scenario_hash_)
    try:
        return parse_rulebook(row["rulebook_yaml"], f"scenario {scenario_hash_}")
    except RulebookError as exc:
        raise InvalidScenario(scenario_hash_, exc) from None


def scenario_info(store: Store, scenario_hash_: str) -> dict:
    """Name, state, note and creation time of one scenario (raises UnknownScenario)."""
    row = store.scenario(_checked_hash(scenario_hash_))
    if row is None:
        raise UnknownScenario(scenario_hash_)
    return {k: row[k] for k in SCENARIO_COLUMNS}


def list_scenarios(store: Store) -> pd.DataFrame:
    """All scenarios, newest first: hash, name, state, note, created_at."""
    return pd.DataFrame(store.scenario_rows(), columns=list(SCENARIO_COLUMNS))


def approve(store: Store, scenario_hash_: str, actor: str = "dashboard") -> None:
    """Mark a scenario approved (idempotent); approved scenarios can no longer be deleted."""
    if store.approve_scenario(_checked_hash(scenario_hash_), actor) is None:
        raise UnknownScenario(scenario_hash_)


def delete_draft(store: Store, scenario_hash_: str, actor: str = "dashboard") -> None:
    """Delete a draft scenario; an approved one raises ScenarioError, an unknown one UnknownScenario."""
    found = store.delete_draft_scenario(_checked_hash(scenario_hash_), actor)
    if found is None:
        raise UnknownScenario(scenario_hash_)
    if found == "approved":
        raise ScenarioError(f"scenario {short_hash(scenario_hash_)} is approved and cannot be deleted")


def _checked_hash(value: str) -> str:
    if not isinstance(value, str) or not _HASH.match(value):
        raise UnknownScenario(str(value))
    return value


# --- share links -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareState:
    """What a share link restores: a saved scenario (`scenario`, its hash) or a preset (`preset`,
    its id) on one population, as-of date and language."""

    scenario: str | None
    people: int
    seed: int
    as_of: dt.date
    lang: str
    preset: str | None = None


def share_query(scenario_hash_: str, dataset_people: int, seed: int, as_of: dt.date, lang: str) -> dict[str, str]:
    """Query parameters for a share link (set them with `st.query_params.update(...)`)."""
    return _checked_query(ShareState(scenario_hash_, dataset_people, seed, as_of, lang))


def preset_query(preset: str, dataset_people: int, seed: int, as_of: dt.date, lang: str) -> dict[str, str]:
    """Query parameters for a link to a preset's view: what a reload or a bookmark reopens."""
    return _checked_query(ShareState(None, dataset_people, seed, as_of, lang, preset=preset))


def _checked_query(state: ShareState) -> dict[str, str]:
    if not isinstance(state.as_of, dt.date):
        raise ShareLinkError("as_of", f"expected a date, got {state.as_of!r}")
    query = _as_query(state)
    parse_share_query(query)  # the same checks as on the way in: never hand out a broken link
    return query


def _as_query(state: ShareState) -> dict[str, str]:
    as_of = state.as_of.date() if isinstance(state.as_of, dt.datetime) else state.as_of
    rulebook = {"scenario": str(state.scenario)} if state.preset is None else {PRESET_KEY: str(state.preset)}
    return {
        **rulebook,
        "people": str(state.people),
        "seed": str(state.seed),
        "as_of": as_of.isoformat(),
        "lang": str(state.lang),
    }


def has_share_query(params: Mapping[str, str | list[str]]) -> bool:
    """True when the URL carries a scenario or a preset, i.e. is meant as a share link."""
    return "scenario" in params or PRESET_KEY in params


def parse_share_query(params: Mapping[str, str | list[str]]) -> ShareState:
    """Validate share-link parameters (the last value wins when one is repeated); unknown extra
    parameters are ignored. Raises ShareLinkError naming the first bad or missing parameter.
    A link names a scenario (by hash) or, failing that, a preset (by id); whether either exists
    is the caller's check (it knows the store and the presets)."""
    if "scenario" not in params and PRESET_KEY in params:
        values = _present(params, (PRESET_KEY, *SHARE_KEYS[1:]))
        if not _PRESET.match(values[PRESET_KEY]):
            raise ShareLinkError(PRESET_KEY, f"expected a preset id, got {values[PRESET_KEY][:80]!r}")
        return ShareState(None, *_view(values), preset=values[PRESET_KEY])
    values = _present(params, SHARE_KEYS)
    if not _HASH.match(values["scenario"]):
        raise ShareLinkError(
            "scenario", f"expected a {HASH_LENGTH}-character scenario hash, got {values['scenario'][:80]!r}"
        )
    return ShareState(values["scenario"], *_view(values))


def _present(params: Mapping[str, str | list[str]], keys: tuple[str, ...]) -> dict[str, str]:
    """The link's values of `keys` (the last one wins when repeated), each required."""
    values: dict[str, str] = {}
    for key in keys:
        raw = params.get(key)
        if isinstance(raw, list | tuple):
            raw = raw[-1] if raw else None
        if raw is None or not str(raw).strip():
            raise ShareLinkError(key, "missing")
        values[key] = str(raw).strip()
    return values


def _view(values: Mapping[str, str]) -> tuple[int, int, dt.date, str]:
    """People, seed, as-of date and language of a link, checked."""
    people = _integer("people", values["people"], "a number of people")
    if not 1 <= people <= MAX_PEOPLE:
        raise ShareLinkError("people", f"expected 1 to {MAX_PEOPLE} people, got {values['people'][:20]}")
    seed = _integer("seed", values["seed"], "a whole-number seed")
    if not 0 <= seed <= MAX_SEED:
        raise ShareLinkError("seed", f"expected a seed from 0 to {MAX_SEED}, got {values['seed'][:20]}")
    try:
        as_of = dt.date.fromisoformat(values["as_of"])
    except ValueError:
        raise ShareLinkError("as_of", f"expected a date as YYYY-MM-DD, got {values['as_of']!r}") from None
    if values["lang"] not in LANGUAGES:
        raise ShareLinkError("lang", f"expected one of {list(LANGUAGES)}, got {values['lang']!r}")
    return people, seed, as_of, values["lang"]


def _integer(parameter: str, text: str, expected: str) -> int:
    """A whole number, its digits counted before Python parses them (a 5,000-digit number is
    refused, not handed to int(), which raises past 4,300 digits)."""
    if not re.fullmatch(r"[+-]?\d{1,18}", text):
        shown = text if len(text) <= 20 else f"{text[:20]}… ({len(text)} characters)"
        raise ShareLinkError(parameter, f"expected {expected} of at most 18 digits, got {shown!r}")
    return int(text)


# --- comparison links --------------------------------------------------------------------------

COMPARE_KEYS = ("baseline", "reform", "people", "seed", "as_of", "lang")
SCENARIO_PREFIX = "scenario:"


@dataclass(frozen=True)
class CompareState:
    """What a comparison link restores: two rulebook choices (a preset id or `scenario:<hash>`)
    on one population and as-of date."""

    baseline: str
    reform: str
    people: int
    seed: int
    as_of: dt.date
    lang: str


def compare_query(state: CompareState) -> dict[str, str]:
    """Query parameters of a comparison link, checked as on the way in."""
    if not isinstance(state.as_of, dt.date):
        raise ShareLinkError("as_of", f"expected a date, got {state.as_of!r}")
    query = {
        "baseline": state.baseline, "reform": state.reform, "people": str(state.people), "seed": str(state.seed),
        "as_of": state.as_of.isoformat(), "lang": state.lang,
    }  # fmt: skip
    parse_compare_query(query)
    return query


def has_compare_query(params: Mapping[str, str | list[str]]) -> bool:
    """True when the URL names a baseline or a reform, i.e. is meant as a comparison link."""
    return "baseline" in params or "reform" in params


def parse_compare_query(params: Mapping[str, str | list[str]]) -> CompareState:
    """Validate comparison-link parameters; raises ShareLinkError naming the first bad or missing
    one. Whether a named preset or scenario exists is the caller's check (it knows the store)."""
    values = _present(params, COMPARE_KEYS)
    for key in ("baseline", "reform"):
        choice = values[key]
        hash_ = choice.removeprefix(SCENARIO_PREFIX)
        if not (_HASH.match(hash_) if choice.startswith(SCENARIO_PREFIX) else _PRESET.match(choice)):
            raise ShareLinkError(key, f"expected a preset id or scenario:<hash>, got {choice[:80]!r}")
    return CompareState(values["baseline"], values["reform"], *_view(values))
