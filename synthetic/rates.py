"""Load and cross-check ``rates.yaml``: how often each record type occurs (all assumptions).

Kept as data, not code, so reviewers can read the calibration as a document and the manifest can
name its version.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from scoring.catalogues import Catalogues, Status, load_catalogues

RATES_FILE = Path(__file__).with_name("rates.yaml")

LagDays = tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)]]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class One(_Strict):
    dist: Literal["one"] = "one"


class LogNormal(_Strict):
    dist: Literal["lognormal"]
    median: float = Field(gt=0)
    sigma: float = Field(gt=0)
    step: float = Field(gt=0)
    min: float = Field(gt=0)


class Choice(_Strict):
    dist: Literal["choice"]
    values: tuple[float, ...]
    weights: tuple[float, ...]

    @model_validator(mode="after")
    def _same_length(self) -> Choice:
        if len(self.values) != len(self.weights) or abs(sum(self.weights) - 1) > 1e-9 or min(self.values) <= 0:
            raise ValueError("choice needs positive values and weights of the same length adding up to 1")
        return self


class Geometric(_Strict):
    dist: Literal["geometric"]
    p: float = Field(gt=0, le=1)


Quantity = Annotated[One | LogNormal | Choice | Geometric, Field(discriminator="dist")]


class Follows(_Strict):
    type: str
    probability: float = Field(ge=0, le=1)
    lag_days: LagDays


class Listing(_Strict):
    probability: float = Field(ge=0, le=1)
    months: LagDays


class TypeRate(_Strict):
    rate: float = Field(ge=0)
    beta: float = Field(ge=0)
    annual: bool = False
    quantity: Quantity = One()
    follows: Follows | None = None
    list: Listing | None = None
    dispute: float = Field(default=0.0, ge=0, le=1)


class Rates(_Strict):
    version: str
    status: Status
    dispute_success_rate: float = Field(ge=0, le=1)
    dispute_lag_days: LagDays
    resolve_lag_days: LagDays
    list_lag_days: LagDays
    repair_participation: float = Field(ge=0, le=1)
    repair_lag_days: LagDays
    publicity_max_months: dict[Literal["serious", "general"], int]
    types: dict[str, TypeRate]

    def check(self, catalogues: Catalogues) -> Rates:
        """Every catalogue type has a rate and every rate fits its catalogue entry."""
        ids = catalogues.record_type_ids
        missing, unknown = set(ids) - set(self.types), set(self.types) - set(ids)
        if missing or unknown:
            raise ValueError(f"rates.yaml: missing {sorted(missing)}, unknown {sorted(unknown)}")
        for type_id, rate in self.types.items():
            record_type = catalogues.record_type(type_id)
            if (rate.list is not None) != bool(record_type.lists):
                raise ValueError(f"rates.yaml: {type_id}: a list entry needs catalogue `lists` and vice versa")
            if record_type.unit == "occurrence" and not isinstance(rate.quantity, One):
                raise ValueError(f"rates.yaml: {type_id}: occurrence types have quantity 1")
            if rate.follows is not None:
                parent = self.types.get(rate.follows.type)
                if parent is None or parent.follows is not None or parent.annual:
                    raise ValueError(f"rates.yaml: {type_id}: follows must name an independent non-annual type")
                if catalogues.record_type(rate.follows.type).groups != record_type.groups:
                    raise ValueError(f"rates.yaml: {type_id}: follows a type with other groups")
            if rate.dispute and record_type.polarity == "positive":
                raise ValueError(f"rates.yaml: {type_id}: only negative records are disputed")
        return self


@cache
def load_rates() -> Rates:
    """Read rates.yaml once per process, checked against the catalogues."""
    with open(RATES_FILE, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return Rates.model_validate(raw).check(load_catalogues())
