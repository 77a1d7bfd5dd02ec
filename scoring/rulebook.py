"""Rulebooks: a points scheme as validated data.

A rulebook says which record types score how many points, within which window, capped how,
for which groups, how scores become tiers and who may be scored at all. It reads red and black
list membership (decided by listing authorities) but never creates it; sanctions can only hang
on those legal lists, never on a score tier.

Every element carries a status and, unless it is our assumption, the source that sets it.

A `Rulebook` that exists is valid: its model checks fields, cross-field rules and references to
the catalogues (`check_references`) however it is made (YAML, the editors, `model_copy`), so the
engine can never receive an unchecked one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, Field, ValidationError, ValidationInfo, model_validator

from scoring.catalogues import Catalogues, Provenance, Strict, load_catalogues
from scoring.checks.ids import CHECK_IDS
from scoring.problems import Name, Problem, Refusal, from_pydantic, name_of, path_text, subject_at
from scoring.strict_yaml import YamlRefused, load_strict

PRESETS_DIR = Path(__file__).parent.parent / "rulebooks"
DEFAULT_PRESET = "illustrative"
Severity = Literal["minor", "general", "serious"]
ListKind = Literal["red", "black"]


MAX_BYTES = 1_000_000  # a rulebook is tens of kilobytes; anything larger is refused unread


class RulebookError(ValueError):
    """A rulebook that cannot be used: `problems` as data (for the dashboard's languages); the
    message names the file, the path inside it and what was expected, one problem per line."""

    def __init__(self, name: str, problems: Sequence[Problem]) -> None:
        self.name = name
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{name}: {p}" if name else str(p) for p in self.problems))


def _file_problem(name: str, code: str, message: str, **params) -> RulebookError:
    """A problem of the file as a whole (its size, encoding, top level)."""
    return RulebookError(name, [Problem(None, message, code, params)])


def _ascii_id(value: str) -> str:
    """Ids are ASCII letters, digits and `_`, starting with a letter: a zero-width space or a
    Cyrillic look-alike would make two ids that read the same but never match."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", value):
        return value
    bad = next((c for c in value if not (c.isascii() and (c.isalnum() or c == "_"))), None)
    found = f"character U+{ord(bad):04X} in {value!r}" if bad else repr(value)
    raise Refusal(
        "invalid_id",
        f"expected an id of ASCII letters, digits and _ starting with a letter, got {found}",
        value=value,
        character=f"U+{ord(bad):04X}" if bad else None,
    )


Id = Annotated[str, AfterValidator(_ascii_id)]


class Text(Strict):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Sourced(Provenance):
    """An element with a bilingual title and a provenance; `provenance` overrides it per field."""

    title: Text
    provenance: dict[str, Provenance] = {}

    @model_validator(mode="after")
    def _provenance_names_fields(self) -> Sourced:
        unknown = sorted(set(self.provenance) - set(type(self).model_fields))
        if unknown:
            raise Refusal("provenance_unknown", f"provenance names unknown field(s) {unknown}", fields=unknown)
        return self

    def provenance_of(self, field: str) -> Provenance:
        """Where one value comes from: its own override, else the element's."""
        return self.provenance.get(field, Provenance(status=self.status, source=self.source))


class ScoreRange(Sourced):
    base: float
    min: float
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> ScoreRange:
        if not self.min <= self.base <= self.max:
            raise Refusal(
                "range_unordered",
                f"expected min <= base <= max, got {self.min} / {self.base} / {self.max}",
                min=self.min,
                base=self.base,
                max=self.max,
            )
        return self


class Dimension(Sourced):
    id: Id
    cap_low: float | None = None  # the dimension's points never go below this
    cap_high: float | None = None  # … nor above this

    @model_validator(mode="after")
    def _caps_ordered(self) -> Dimension:
        _check_caps(self.cap_low, self.cap_high)
        return self


class Veto(Strict):
    max_tier: str  # a person with a matching record in the window is placed no higher than this


class Rule(Sourced):
    id: Id
    matches: tuple[str, ...] = ()  # record-type ids from the catalogue
    lists: tuple[ListKind, ...] = ()  # points while the person is on this legal list
    dimension: str
    points: float  # per `per_units` units of the record type's unit (1 per occurrence by default)
    per_units: float = Field(default=1, gt=0)
    cap_low: float | None = None
    cap_high: float | None = None
    window_months: int | None = Field(default=None, ge=1, le=240)  # publicity window; None = no limit
    decay_half_life_months: float | None = Field(default=None, gt=0)
    groups: Literal["all"] | tuple[str, ...] = "all"
    veto: Veto | None = None

    @model_validator(mode="after")
    def _reads_something(self) -> Rule:
        if not self.matches and not self.lists:
            raise Refusal("reads_nothing", "a rule needs `matches` (record types) or `lists` (red/black)")
        _check_caps(self.cap_low, self.cap_high)
        return self


class TierLevel(Sourced):
    id: Id
    min: float | None = None  # absolute mode: inclusive lower bound; the last level has none
    share: float | None = Field(default=None, gt=0, le=1)  # quantile mode: share of eligible people


class Tiers(Sourced):
    mode: Literal["absolute", "quantile"]
    levels: tuple[TierLevel, ...] = Field(min_length=2)  # best first

    @model_validator(mode="after")
    def _levels_consistent(self) -> Tiers:
        ids = [level.id for level in self.levels]
        if len(ids) != len(set(ids)):
            raise Refusal("duplicate_tier_ids", f"duplicate tier ids in {ids}", ids=ids)
        if self.mode == "absolute":
            cuts = [level.min for level in self.levels[:-1]]
            if any(c is None for c in cuts):
                missing = [lv.id for lv in self.levels[:-1] if lv.min is None]
                raise Refusal(
                    "tiers_missing_min",
                    f"absolute tiers need `min` on every level but the last; missing on {missing}",
                    tiers=[_tier_name(lv) for lv in self.levels[:-1] if lv.min is None],
                )
            if self.levels[-1].min is not None:
                raise Refusal(
                    "last_tier_min",
                    f"the last tier ({self.levels[-1].id}) takes everyone below; it has no `min`",
                    tier=_tier_name(self.levels[-1]),
                )
            for upper, lower in zip(self.levels, self.levels[1:-1], strict=False):
                if not upper.min > lower.min:
                    raise Refusal(
                        "tiers_unordered",
                        f"tier cut-offs must fall from best to worst: {upper.id} min {upper.min} "
                        f"is not above {lower.id} min {lower.min}",
                        upper=_tier_name(upper),
                        upper_min=upper.min,
                        lower=_tier_name(lower),
                        lower_min=lower.min,
                    )
        else:
            shares = [level.share for level in self.levels]
            if any(s is None for s in shares):
                raise Refusal("tiers_missing_share", "quantile tiers need `share` on every level")
            if abs(sum(shares) - 1) > 1e-9:
                raise Refusal(
                    "shares_sum", f"quantile tier shares must add up to 1, got {sum(shares):.6g}", total=sum(shares)
                )
        return self

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)


class Eligibility(Sourced):
    """Who may be scored. `hukou: any` scores everyone regardless of hukou; `hukou: local` scores
    local hukou only, and with `non_local_min_insured_months` also non-local residents insured for
    at least that many months. The months with `hukou: any` would be a contradiction (everyone is
    already in), so that combination is refused rather than one of the two silently ignored."""

    min_age: int = Field(default=18, ge=0, le=120)
    consent_required: bool = True
    hukou: Literal["any", "local"] = "any"
    non_local_min_insured_months: int | None = Field(default=None, ge=0)  # non-local eligible after this

    @model_validator(mode="after")
    def _hukou_consistent(self) -> Eligibility:
        if self.hukou == "any" and self.non_local_min_insured_months is not None:
            raise Refusal(
                "hukou_any_with_months",
                "non_local_min_insured_months only widens `hukou: local`; with `hukou: any` everyone is "
                "already eligible (use `hukou: local` with the months, or remove the months)",
            )
        return self


class Incentive(Sourced):
    """A reward (守信激励) and whom it reaches: scored people who meet its score conditions (every
    one it sets: a tier among `tiers`, a score of at least `min_score`) or who are on one of its
    `lists` on the as-of date, whatever their score, as red-list perks work
    (`scoring.analyses.incentives.recipients`)."""

    id: Id
    tiers: tuple[str, ...] = ()
    min_score: float | None = None
    lists: tuple[ListKind, ...] = ()  # legal lists whose members receive it regardless of score: red only
    unit_cost_yuan: float = Field(ge=0)
    uptake: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _targets_someone(self) -> Incentive:
        if "black" in self.lists:
            raise Refusal(
                "incentive_on_black_list",
                "an incentive may be unlocked by the red list, never by the black list (a list of "
                "untrustworthy people cannot unlock a reward)",
            )
        if not self.tiers and self.min_score is None and not self.lists:
            raise Refusal("incentive_targets_nobody", "an incentive needs `tiers`, `min_score` or `lists` (red)")
        return self


class Sanction(Sourced):
    id: Id
    lists: tuple[ListKind, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _not_on_a_tier(cls, data):
        if isinstance(data, dict) and ("tiers" in data or "min_score" in data):
            raise Refusal(
                "sanction_on_tier",
                "a sanction may only follow a legal list (`lists: [black]`), never a score tier "
                "(国办发〔2020〕49号: a score alone does not trigger restrictions)",
            )
        return data


class RepairTargets(Strict):
    share: float = Field(ge=0, le=1)
    stretch: float = Field(ge=0, le=1)


class Repair(Sourced):
    min_months: dict[Severity, int]
    max_months: dict[Severity, int]
    training_for: tuple[Severity, ...] = ("serious",)
    report_for: tuple[Severity, ...] = ("serious",)
    targets: RepairTargets

    @model_validator(mode="after")
    def _min_below_max(self) -> Repair:
        for severity, low in self.min_months.items():
            high = self.max_months.get(severity)
            if high is None:
                raise Refusal("repair_max_missing", f"max_months has no period for {severity}", severity=severity)
            if low > high:
                raise Refusal(
                    "repair_min_above_max",
                    f"{severity}: min_months {low} is above max_months {high}",
                    severity=severity,
                    min=low,
                    max=high,
                )
        return self


class Objections(Sourced):
    sla_days: int = Field(ge=1)


class Explanation(Provenance):
    """Why a scheme keeps what a legality check warns about or fails (shown with the finding):
    a written reason with the status and source of the claim it makes."""

    text: Text


CheckId = Literal[CHECK_IDS]


class Rulebook(Strict):
    id: str = Field(pattern=r"^[a-z0-9_\-]+$")
    title: Text
    description: Text | None = None
    effective: dt.date
    sources: dict[str, str] = {}  # sources of this rulebook beyond the catalogue's
    eligibility: Eligibility
    score: ScoreRange
    dimensions: tuple[Dimension, ...] = Field(min_length=1)
    rules: tuple[Rule, ...] = Field(min_length=1)
    tiers: Tiers
    incentives: tuple[Incentive, ...] = ()
    sanctions: tuple[Sanction, ...] = ()
    repair: Repair
    objections: Objections
    explanations: dict[CheckId, Explanation] = {}  # by check id (scoring/checks/ids.py)

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Rulebook:
        """The checks that span elements or need the catalogues (`context={"catalogues": ...}`,
        the bundled ones by default), all reported at once."""
        catalogues = (info.context or {}).get("catalogues")
        problems = [*_cross_checks(self), *check_references(self, catalogues)]
        if problems:
            raise RulebookProblems(problems)
        return self

    @property
    def dimension_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.dimensions)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)


class RulebookProblems(ValueError):
    """Raised inside validation with every cross-element problem, so that callers can list them
    one per line with their own paths (pydantic keeps the exception in the error's context)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in problems))


def _tier_name(level: TierLevel) -> Name:
    return name_of(level.title) or Name(level.id, level.id)


def _check_caps(low: float | None, high: float | None) -> None:
    """Caps bound the points a rule or dimension gives, so zero (nothing in the window) is always
    inside them: a cap that granted points to people with no records would be a rule, not a cap."""
    if low is not None and high is not None and low > high:
        raise Refusal("caps_reversed", f"cap_low {low} is above cap_high {high}", low=low, high=high)
    if low is not None and low > 0:
        raise Refusal("cap_grants", f"cap_low {low} is above 0: a cap limits points, it cannot grant them", value=low)
    if high is not None and high < 0:
        raise Refusal(
            "cap_takes", f"cap_high {high} is below 0: a cap limits points, it cannot take them away", value=high
        )


def _cross_checks(rulebook: Rulebook) -> list[Problem]:
    """Duplicate ids within a list, and absolute cut-offs outside the score range."""
    problems = []
    for name in ("dimensions", "rules", "incentives", "sanctions"):
        first: dict[str, int] = {}
        for i, element in enumerate(getattr(rulebook, name)):
            if element.id in first:
                message = f"duplicate id {element.id!r} (also {name}[{first[element.id]}])"
                problems.append(Problem((name, i, "id"), message, "duplicate_id", {"value": element.id}))
            first.setdefault(element.id, i)
    low, high = rulebook.score.min, rulebook.score.max
    for i, level in enumerate(rulebook.tiers.levels):
        if level.min is not None and not low <= level.min <= high:
            message = f"cut-off {level.min:g} is outside the score range [{low:g}, {high:g}]"
            params = {"value": level.min, "low": low, "high": high}
            problems.append(Problem(("tiers", "levels", i, "min"), message, "cutoff_outside_range", params))
    return problems


def check_references(rulebook: Rulebook, catalogues: Catalogues | None = None) -> list[Problem]:
    """Problems that need the catalogues: unknown ids, unknown sources, a type scored twice.

    All are returned, so that callers can show them at once.
    """
    catalogues = catalogues or load_catalogues()
    types, groups = set(catalogues.record_type_ids), set(catalogues.key_group_ids)
    sources = set(catalogues.sources) | set(rulebook.sources)
    dims, tiers = set(rulebook.dimension_ids), set(rulebook.tiers.ids)
    dim_names = [name_of(d.title) for d in rulebook.dimensions]
    tier_names = [name_of(level.title) for level in rulebook.tiers.levels]
    rule_names = {rule.id: name_of(rule.title) for rule in rulebook.rules}
    problems: list[Problem] = []
    seen_types: dict[str, str] = {}

    def in_rule(i: int, rule: Rule, field: str, message: str, code: str, **params) -> None:
        loc = ("rules", i, *field.split("."))
        problems.append(Problem(loc, message, code, params, rule=rule.id, field=field))

    for i, rule in enumerate(rulebook.rules):
        for t in rule.matches:
            if t not in types:
                in_rule(i, rule, "matches", f"unknown record type {t!r}", "unknown_record_type", value=t)
            elif t in seen_types:
                message = f"record type {t!r} is already scored by rule {seen_types[t]!r}"
                in_rule(i, rule, "matches", message, "type_scored_twice", value=t, by=rule_names[seen_types[t]])
            else:
                seen_types[t] = rule.id
        if rule.dimension not in dims:
            message = f"unknown dimension {rule.dimension!r}; expected one of {sorted(dims)}"
            in_rule(i, rule, "dimension", message, "unknown_dimension", value=rule.dimension, expected=dim_names)
        if rule.groups != "all":
            for g in rule.groups:
                if g not in groups:
                    in_rule(i, rule, "groups", f"unknown key group {g!r}", "unknown_group", value=g)
        if rule.veto and rule.veto.max_tier not in tiers:
            message = f"unknown tier {rule.veto.max_tier!r}; expected one of {sorted(tiers)}"
            in_rule(i, rule, "veto.max_tier", message, "unknown_tier", value=rule.veto.max_tier, expected=tier_names)
    for kind in ("red", "black"):
        readers = [r.id for r in rulebook.rules if kind in r.lists]
        if len(readers) > 1:
            message = f"the {kind} list is read by more than one rule {readers}"
            params = {"list": kind, "rules": [rule_names[r] for r in readers]}
            problems.append(Problem(("rules",), message, "list_read_twice", params))
    for i, incentive in enumerate(rulebook.incentives):
        for tier in incentive.tiers:
            if tier not in tiers:
                message = f"unknown tier {tier!r} (incentive {incentive.id})"
                params = {"value": tier, "expected": tier_names}
                problems.append(Problem(("incentives", i, "tiers"), message, "unknown_tier", params))
    for check, explanation in rulebook.explanations.items():
        if explanation.source and explanation.source not in sources:
            where = ("explanations", check, "source")
            problems.append(
                Problem(
                    where, f"unknown source {explanation.source!r}", "unknown_source", {"value": explanation.source}
                )
            )
    for loc, element in _sourced(rulebook):
        for field, provenance in [("", element), *element.provenance.items()]:
            if provenance.source and provenance.source not in sources:
                where = (*loc, "provenance", field) if field else (*loc, "source")
                message = f"unknown source {provenance.source!r}"
                problems.append(Problem(where, message, "unknown_source", {"value": provenance.source}))
    return problems


def sourced_elements(rulebook: Rulebook):
    """Every element that must say how we know it, with its path."""
    for loc, element in _sourced(rulebook):
        yield path_text(loc), element


def _sourced(rulebook: Rulebook):
    for name in ("eligibility", "score", "tiers", "repair", "objections"):
        yield (name,), getattr(rulebook, name)
    for name in ("dimensions", "rules", "incentives", "sanctions"):
        for i, element in enumerate(getattr(rulebook, name)):
            yield (name, i), element
    for i, level in enumerate(rulebook.tiers.levels):
        yield ("tiers", "levels", i), level


def _load_yaml(text: str, name: str) -> Any:
    try:
        return load_strict(text)
    except YamlRefused as refused:
        problem = Problem(None, refused.message, refused.code, refused.params, line=refused.line, column=refused.column)
        raise RulebookError(name, [problem]) from None


def _too_large(size: int, name: str) -> RulebookError:
    message = f"{size:,} bytes; a rulebook may have at most {MAX_BYTES:,} bytes"
    return _file_problem(name, "too_large", message, size=size, max=MAX_BYTES)


def parse_rulebook(text: str, name: str = "<rulebook>", catalogues: Catalogues | None = None) -> Rulebook:
    """Parse and fully validate YAML text; raise RulebookError naming `name` and every problem."""
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_BYTES:
        raise _too_large(size, name)
    data = _load_yaml(text, name)
    if not isinstance(data, dict):
        got = type(data).__name__
        raise _file_problem(name, "not_mapping", f"expected a mapping at the top level, got {got}", got=got)
    return validate_rulebook(data, name, catalogues)


def validate_rulebook(data: Any, name: str = "<rulebook>", catalogues: Catalogues | None = None) -> Rulebook:
    """A Rulebook from plain data, or RulebookError listing every problem, one per line."""
    try:
        return Rulebook.model_validate(data, context={"catalogues": catalogues})
    except ValidationError as exc:
        raise RulebookError(name, validation_problems(exc, data, catalogues)) from None


def validation_problems(exc: ValidationError, data: Any = None, catalogues: Catalogues | None = None) -> list[Problem]:
    """Every problem of a failed validation with its path, the cross-element ones one by one,
    each naming the element it is in from `data` (the validated input)."""
    problems: list[Problem] = []
    for err in exc.errors():
        found = (err.get("ctx") or {}).get("error")
        if isinstance(found, RulebookProblems):
            problems.extend(found.problems)
        else:
            code, params = from_pydantic(err)
            problems.append(Problem(tuple(err["loc"]), _message(err), code, params))
    if data is None:
        return problems
    types = {t.id: Name(t.zh, t.en) for t in (catalogues or load_catalogues()).record_types}
    return [dataclasses.replace(p, subject=subject_at(data, p.loc, types)) for p in problems]


def _message(err: dict) -> str:
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] == "missing":
        return "required field is missing"
    return msg


def load_rulebook(path: str | Path, catalogues: Catalogues | None = None) -> Rulebook:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_large(size, str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise _file_problem(str(path), "cannot_read", f"cannot read ({exc.strerror})") from None
    return parse_rulebook_bytes(data, str(path), catalogues)


def parse_rulebook_bytes(data: bytes, name: str, catalogues: Catalogues | None = None) -> Rulebook:
    """An uploaded or read file: refused unread when too large, and when not UTF-8 (a replaced
    byte would change an id or a title without anyone seeing it)."""
    if len(data) > MAX_BYTES:
        raise _too_large(len(data), name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_problem(name, "not_utf8", f"not UTF-8 text (byte {exc.start})", byte=exc.start) from None
    return parse_rulebook(text, name, catalogues)


def list_presets() -> tuple[str, ...]:
    """Preset ids, the default first."""
    ids = sorted(p.stem for p in PRESETS_DIR.glob("*.yaml"))
    return tuple(sorted(ids, key=lambda i: i != DEFAULT_PRESET))


def load_preset(preset_id: str) -> Rulebook:
    if preset_id not in list_presets():
        message = f"unknown preset {preset_id!r}; expected one of {list(list_presets())}"
        raise RulebookError("", [Problem(None, message, "unknown_preset", {"value": preset_id})])
    return load_rulebook(PRESETS_DIR / f"{preset_id}.yaml")


def to_yaml(rulebook: Rulebook) -> str:
    """YAML that parse_rulebook reads back to an equal rulebook (for download and for hashing)."""
    data = rulebook.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
