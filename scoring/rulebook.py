"""Rulebooks: a points scheme as validated data.

A rulebook says which record types score how many points, within which window, capped how,
for which groups, how scores become tiers and who may be scored at all. It reads red and black
list membership (decided by listing authorities) but never creates it; sanctions can only hang
on those legal lists, never on a score tier.

Every element carries a status and, unless it is our assumption, the source that sets it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from scoring.catalogues import Catalogues, Provenance, Strict, load_catalogues

PRESETS_DIR = Path(__file__).parent.parent / "rulebooks"
DEFAULT_PRESET = "illustrative"
Severity = Literal["minor", "general", "serious"]
ListKind = Literal["red", "black"]


class RulebookError(ValueError):
    """A rulebook that cannot be used; the message names the file, the path inside it and what
    was expected, one problem per line."""


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
            raise ValueError(f"provenance names unknown field(s) {unknown}")
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
            raise ValueError(f"expected min <= base <= max, got {self.min} / {self.base} / {self.max}")
        return self


class Dimension(Sourced):
    id: str
    cap_low: float | None = None  # the dimension's points never go below this
    cap_high: float | None = None  # … nor above this

    @model_validator(mode="after")
    def _caps_ordered(self) -> Dimension:
        _check_caps(self.cap_low, self.cap_high)
        return self


class Veto(Strict):
    max_tier: str  # a person with a matching record in the window is placed no higher than this


class Rule(Sourced):
    id: str
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
            raise ValueError("a rule needs `matches` (record types) or `lists` (red/black)")
        _check_caps(self.cap_low, self.cap_high)
        return self


class TierLevel(Sourced):
    id: str
    min: float | None = None  # absolute mode: inclusive lower bound; the last level has none
    share: float | None = Field(default=None, gt=0, le=1)  # quantile mode: share of eligible people


class Tiers(Sourced):
    mode: Literal["absolute", "quantile"]
    levels: tuple[TierLevel, ...] = Field(min_length=2)  # best first

    @model_validator(mode="after")
    def _levels_consistent(self) -> Tiers:
        ids = [level.id for level in self.levels]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate tier ids in {ids}")
        if self.mode == "absolute":
            cuts = [level.min for level in self.levels[:-1]]
            if any(c is None for c in cuts):
                missing = [lv.id for lv in self.levels[:-1] if lv.min is None]
                raise ValueError(f"absolute tiers need `min` on every level but the last; missing on {missing}")
            if self.levels[-1].min is not None:
                raise ValueError(f"the last tier ({self.levels[-1].id}) takes everyone below; it has no `min`")
            for upper, lower in zip(self.levels, self.levels[1:-1], strict=False):
                if not upper.min > lower.min:
                    raise ValueError(
                        f"tier cut-offs must fall from best to worst: {upper.id} min {upper.min} "
                        f"is not above {lower.id} min {lower.min}"
                    )
        else:
            shares = [level.share for level in self.levels]
            if any(s is None for s in shares):
                raise ValueError("quantile tiers need `share` on every level")
            if abs(sum(shares) - 1) > 1e-9:
                raise ValueError(f"quantile tier shares must add up to 1, got {sum(shares):.6g}")
        return self

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)


class Eligibility(Sourced):
    min_age: int = Field(default=18, ge=0, le=120)
    consent_required: bool = True
    hukou: Literal["any", "local"] = "any"
    non_local_min_insured_months: int | None = Field(default=None, ge=0)  # non-local eligible after this


class Incentive(Sourced):
    id: str
    tiers: tuple[str, ...] = ()
    min_score: float | None = None
    unit_cost_yuan: float = Field(ge=0)
    uptake: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _targets_someone(self) -> Incentive:
        if not self.tiers and self.min_score is None:
            raise ValueError("an incentive needs `tiers` or `min_score`")
        return self


class Sanction(Sourced):
    id: str
    lists: tuple[ListKind, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _not_on_a_tier(cls, data):
        if isinstance(data, dict) and ("tiers" in data or "min_score" in data):
            raise ValueError(
                "a sanction may only follow a legal list (`lists: [black]`), never a score tier "
                "(国办发〔2020〕49号: a score alone does not trigger restrictions)"
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
                raise ValueError(f"max_months has no period for {severity}")
            if low > high:
                raise ValueError(f"{severity}: min_months {low} is above max_months {high}")
        return self


class Objections(Sourced):
    sla_days: int = Field(ge=1)


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

    @field_validator("rules")
    @classmethod
    def _unique_rule_ids(cls, rules):
        ids = [r.id for r in rules]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate rule ids {dupes}")
        return rules

    @property
    def dimension_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.dimensions)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)


@dataclass(frozen=True)
class Problem:
    """One problem found by `check_references`; `rule` and `field` say where, for editors."""

    path: str
    message: str
    rule: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" + (f" (rule {self.rule})" if self.rule else "")


def _check_caps(low: float | None, high: float | None) -> None:
    """Caps bound the points a rule or dimension gives, so zero (nothing in the window) is always
    inside them: a cap that granted points to people with no records would be a rule, not a cap."""
    if low is not None and high is not None and low > high:
        raise ValueError(f"cap_low {low} is above cap_high {high}")
    if low is not None and low > 0:
        raise ValueError(f"cap_low {low} is above 0: a cap limits points, it cannot grant them")
    if high is not None and high < 0:
        raise ValueError(f"cap_high {high} is below 0: a cap limits points, it cannot take them away")


def check_references(rulebook: Rulebook, catalogues: Catalogues | None = None) -> list[Problem]:
    """Problems that need the catalogues: unknown ids, unknown sources, a type scored twice.

    All are returned, so that callers can show them at once.
    """
    catalogues = catalogues or load_catalogues()
    types, groups = set(catalogues.record_type_ids), set(catalogues.key_group_ids)
    sources = set(catalogues.sources) | set(rulebook.sources)
    dims, tiers = set(rulebook.dimension_ids), set(rulebook.tiers.ids)
    problems: list[Problem] = []
    seen_types: dict[str, str] = {}

    def in_rule(i: int, rule: Rule, field: str, message: str) -> None:
        problems.append(Problem(f"rules[{i}].{field}", message, rule=rule.id, field=field))

    for i, rule in enumerate(rulebook.rules):
        for t in rule.matches:
            if t not in types:
                in_rule(i, rule, "matches", f"unknown record type {t!r}")
            elif t in seen_types:
                in_rule(i, rule, "matches", f"record type {t!r} is already scored by rule {seen_types[t]!r}")
            else:
                seen_types[t] = rule.id
        if rule.dimension not in dims:
            in_rule(i, rule, "dimension", f"unknown dimension {rule.dimension!r}; expected one of {sorted(dims)}")
        if rule.groups != "all":
            for g in rule.groups:
                if g not in groups:
                    in_rule(i, rule, "groups", f"unknown key group {g!r}")
        if rule.veto and rule.veto.max_tier not in tiers:
            in_rule(i, rule, "veto.max_tier", f"unknown tier {rule.veto.max_tier!r}; expected one of {sorted(tiers)}")
    for kind in ("red", "black"):
        readers = [r.id for r in rulebook.rules if kind in r.lists]
        if len(readers) > 1:
            problems.append(Problem("rules", f"the {kind} list is read by more than one rule {readers}"))
    for i, incentive in enumerate(rulebook.incentives):
        for tier in incentive.tiers:
            if tier not in tiers:
                problems.append(Problem(f"incentives[{i}].tiers", f"unknown tier {tier!r} (incentive {incentive.id})"))
    for path, element in sourced_elements(rulebook):
        for field, provenance in [("", element), *element.provenance.items()]:
            if provenance.source and provenance.source not in sources:
                suffix = f".provenance.{field}" if field else ".source"
                problems.append(Problem(f"{path}{suffix}", f"unknown source {provenance.source!r}"))
    return problems


def sourced_elements(rulebook: Rulebook):
    """Every element that must say how we know it, with its path."""
    yield "eligibility", rulebook.eligibility
    yield "score", rulebook.score
    yield "tiers", rulebook.tiers
    yield "repair", rulebook.repair
    yield "objections", rulebook.objections
    for name in ("dimensions", "rules", "incentives", "sanctions"):
        for i, element in enumerate(getattr(rulebook, name)):
            yield f"{name}[{i}]", element
    for i, level in enumerate(rulebook.tiers.levels):
        yield f"tiers.levels[{i}]", level


def parse_rulebook(text: str, name: str = "<rulebook>", catalogues: Catalogues | None = None) -> Rulebook:
    """Parse and fully validate YAML text; raise RulebookError naming `name` and every problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise RulebookError(f"{name}:{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise RulebookError(f"{name}: expected a mapping at the top level, got {type(data).__name__}")
    try:
        rulebook = Rulebook.model_validate(data)
    except ValidationError as exc:
        raise RulebookError(
            "\n".join(f"{name}: {_path(err['loc'])}: {_message(err)}" for err in exc.errors())
        ) from None
    problems = check_references(rulebook, catalogues)
    if problems:
        raise RulebookError("\n".join(f"{name}: {p}" for p in problems))
    return rulebook


def _path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


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
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulebookError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise RulebookError(f"{path}: not UTF-8 text") from None
    return parse_rulebook(text, str(path), catalogues)


def list_presets() -> tuple[str, ...]:
    """Preset ids, the default first."""
    ids = sorted(p.stem for p in PRESETS_DIR.glob("*.yaml"))
    return tuple(sorted(ids, key=lambda i: i != DEFAULT_PRESET))


def load_preset(preset_id: str) -> Rulebook:
    if preset_id not in list_presets():
        raise RulebookError(f"unknown preset {preset_id!r}; expected one of {list(list_presets())}")
    return load_rulebook(PRESETS_DIR / f"{preset_id}.yaml")


def to_yaml(rulebook: Rulebook) -> str:
    """YAML that parse_rulebook reads back to an equal rulebook (for download and for hashing)."""
    data = rulebook.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
