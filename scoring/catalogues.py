"""The versioned catalogues every other part reads: record types, key groups, districts,
departments and sources.

The data lives in YAML under ``scoring/data`` so that policy staff can review it as a document;
this module only validates it and offers lookups. Catalogue order is significant: the engine
and the synthetic generator use a record type's or group's position as its integer code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, Literal, Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from scoring.problems import Refusal

DATA_DIR = Path(__file__).parent / "data"


class Status(StrEnum):
    """How sure we are of a value: a document sets it, a secondary source reports it, or we
    assume it."""

    confirmed = "confirmed"
    reported = "reported"
    assumption = "assumption"


class Strict(BaseModel):
    """Immutable, and unknown fields are errors (a typo must not pass silently). NaN and infinity
    are refused: a NaN point value would give NaN scores that land in an arbitrary tier.

    Every instance is validated, however it is made: `model_copy(update=...)` validates the
    result again (pydantic's own skips validation) and `model_construct` is closed."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        if not update:
            return super().model_copy(deep=deep)
        return self.model_validate({**self.model_dump(), **update})

    @classmethod
    def model_construct(cls, *args: Any, **kwargs: Any) -> Self:
        raise TypeError(f"{cls.__name__} is only made validated: use model_validate or model_copy(update=...)")


class Provenance(Strict):
    """How we know a value: a status and, unless it is our assumption, the source that sets it."""

    status: Status
    source: str | None = None

    @model_validator(mode="after")
    def _source_unless_assumption(self) -> Provenance:
        if self.status is not Status.assumption and not self.source:
            raise Refusal("needs_source", f"status {self.status.value} needs a source", status=self.status.value)
        return self


class Sourced(Provenance):
    """A catalogue entry that must say how we know it."""

    note: str | None = None


class Source(Strict):
    """A document. `status`, where given, says how sure we are of what it is cited for (a text
    known but not retrieved is an assumption); `url` is None where the research found none."""

    zh: str
    en: str
    date: dt.date
    url: str | None = None
    status: Status | None = None


class Department(Strict):
    id: str
    zh: str
    en: str


class District(Sourced):
    id: str
    zh: str
    en: str
    area_code: str = Field(pattern=r"^\d{6}$")
    population_share: float = Field(gt=0, lt=1)


class KeyGroup(Sourced):
    id: str
    zh: str
    en: str
    basis: Literal["national", "provisional", "none"]
    regulated: bool


Category = Literal[
    "judicial",
    "administrative_penalty",
    "administrative_levy",
    "administrative_reward",
    "administrative_confirmation",
    "contract_performance",
    "public_service",
    "civility",
]
Severity = Literal["none", "minor", "general", "serious"]
ListKind = Literal["red", "black"]


class RecordType(Sourced):
    id: str
    zh: str
    en: str
    category: Category
    unit: Literal["occurrence", "hour", "ml", "yuan", "month"]
    polarity: Literal["positive", "negative"]
    severity: Severity
    department: str
    lists: tuple[ListKind, ...] = ()
    groups: tuple[str, ...] | Literal["all"] = "all"
    in_public_catalogue: bool
    catalogue_status: Status
    catalogue_source: str | None = None

    @model_validator(mode="after")
    def _severity_matches_polarity(self) -> RecordType:
        if (self.polarity == "positive") != (self.severity == "none"):
            raise ValueError("positive types have severity none, negative ones a severity")
        return self


class Catalogues(Strict):
    """All catalogues, cross-checked: every id they refer to exists."""

    version: str
    sources: dict[str, Source]
    departments: tuple[Department, ...]
    districts: tuple[District, ...]
    key_groups: tuple[KeyGroup, ...]
    record_types: tuple[RecordType, ...]

    @model_validator(mode="after")
    def _references_resolve(self) -> Catalogues:
        department_ids = {d.id for d in self.departments}
        group_ids = {g.id for g in self.key_groups}
        for table in ("departments", "districts", "key_groups", "record_types"):
            ids = [item.id for item in getattr(self, table)]
            if len(ids) != len(set(ids)):
                raise ValueError(f"{table}: duplicate ids")
        for item in (*self.districts, *self.key_groups, *self.record_types):
            for ref in (item.source, getattr(item, "catalogue_source", None)):
                if ref is not None and ref not in self.sources:
                    raise ValueError(f"{item.id}: unknown source {ref!r}")
        for rt in self.record_types:
            if rt.department not in department_ids:
                raise ValueError(f"{rt.id}: unknown department {rt.department!r}")
            if rt.groups != "all" and not set(rt.groups) <= group_ids:
                raise ValueError(f"{rt.id}: unknown groups {set(rt.groups) - group_ids}")
        if abs(sum(d.population_share for d in self.districts) - 1) > 1e-6:
            raise ValueError("district population shares must add up to 1")
        return self

    # --- lookups ---------------------------------------------------------------------------
    @property
    def record_type_ids(self) -> tuple[str, ...]:
        return tuple(rt.id for rt in self.record_types)

    @property
    def key_group_ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.key_groups)

    @property
    def district_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.districts)

    @property
    def department_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.departments)

    def record_type(self, type_id: str) -> RecordType:
        return _by_id(self.record_types, type_id, "record type")

    def key_group(self, group_id: str) -> KeyGroup:
        return _by_id(self.key_groups, group_id, "key group")

    def district(self, district_id: str) -> District:
        return _by_id(self.districts, district_id, "district")

    def department(self, department_id: str) -> Department:
        return _by_id(self.departments, department_id, "department")


def _by_id(items, item_id: str, what: str):
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"unknown {what} {item_id!r}")


def _read(name: str) -> dict:
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def load_catalogues() -> Catalogues:
    """Read and cross-check the catalogues once per process; the result is immutable."""
    parts = {name: _read(name) for name in ("sources", "departments", "districts", "key_groups", "record_types")}
    version = "+".join(sorted({str(part["version"]) for part in parts.values()}))
    return Catalogues(
        version=version,
        sources=parts["sources"]["sources"],
        departments=parts["departments"]["departments"],
        districts=parts["districts"]["districts"],
        key_groups=parts["key_groups"]["key_groups"],
        record_types=parts["record_types"]["record_types"],
    )
