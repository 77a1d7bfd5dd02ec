"""Generator settings: every knob the synthetic population depends on, with how we know it.

The manifest lists each setting with its status, so a result computed on synthetic data can say
which of its inputs are reported facts and which are our assumptions.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator

from scoring.catalogues import Status, load_catalogues
from scoring.dataset import MAX_SEED

# Relative sizes of the 29 key groups (assumption): larger for common occupations, 1 for the
# small regulated professions so that, at key_group_share 0.45, each still has ~0.2 % of people.
DEFAULT_GROUP_WEIGHTS: dict[str, float] = {
    "civil_servant": 5, "legal_representative": 8, "lawyer": 1, "accounting_practitioner": 5, "cpa": 1,
    "statistics_practitioner": 1, "tax_agent": 1, "auditor": 1, "appraiser": 1, "certification_inspection": 1,
    "securities_futures": 1, "listed_company_executive": 1, "insurance_broker": 2, "medical_staff": 6,
    "teacher": 8, "researcher": 2, "patent_agent": 1, "project_manager": 3, "journalist": 1, "tour_guide": 1,
    "veterinarian": 1, "ecommerce_practitioner": 6, "real_estate_agent": 3, "domestic_service": 5,
    "pharmacist": 1, "constructor_supervisor": 3, "notary_forensic": 1, "finance_staff": 4,
    "transport_driver": 8,
}  # fmt: skip

MIN_AS_OF = dt.date(2000, 1, 1)
MAX_AS_OF = dt.date(2100, 12, 31)


def _status(status: Status, note: str) -> dict:
    return {"status": status.value, "note": note}


class GeneratorSettings(BaseModel):
    """What to generate. Frozen and hashable-by-value, so it can key a cache."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    people: int = Field(ge=1, json_schema_extra=_status(Status.assumption, "population size to simulate"))
    seed: int = Field(ge=0, le=MAX_SEED, json_schema_extra=_status(Status.assumption, "random seed"))
    data_as_of: dt.date = Field(
        default=dt.date(2025, 12, 31),
        json_schema_extra=_status(Status.assumption, "fixed extraction date, never today"),
    )
    history_years: int = Field(default=6, ge=1, le=20, json_schema_extra=_status(Status.assumption, "record window"))
    male_share: float = Field(
        default=0.5138, gt=0, lt=1, json_schema_extra=_status(Status.reported, "Changzhou 2020 census (cz-census-2020)")
    )
    non_local_share: float = Field(
        default=0.25,
        ge=0,
        le=1,
        json_schema_extra=_status(Status.reported, "3.87 M hukou vs 5.28 M residents, 2020 (glossary)"),
    )
    minor_share: float = Field(
        default=0.03, ge=0, le=1, json_schema_extra=_status(Status.assumption, "share aged 16-17 (min-age rules)")
    )
    consent_rate: float = Field(default=0.85, ge=0, le=1, json_schema_extra=_status(Status.assumption, "opt-in rate"))
    key_group_share: float = Field(
        default=0.45,
        ge=0,
        le=1,
        json_schema_extra=_status(Status.assumption, "share in one of the 29 groups, oversampled for visibility"),
    )
    group_weights: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_GROUP_WEIGHTS),
        json_schema_extra=_status(Status.assumption, "relative sizes of the 29 groups"),
    )
    regulated_record_multiplier: float = Field(
        default=1.5,
        gt=0,
        json_schema_extra=_status(Status.assumption, "regulated professions have more records kept on them"),
    )
    insured_share: float = Field(
        default=0.8, ge=0, le=1, json_schema_extra=_status(Status.assumption, "adults 18-64 with social insurance")
    )
    propensity_shift_non_local: float = Field(
        default=0.0,
        json_schema_extra=_status(Status.assumption, "dependence of propensity on hukou; 0 = independent"),
    )
    propensity_shift_by_group: dict[str, float] = Field(
        default_factory=dict,
        json_schema_extra=_status(Status.assumption, "dependence of propensity on key group; empty = independent"),
    )

    records_independent: bool = Field(
        default=False,
        json_schema_extra=_status(
            Status.assumption,
            "null generator: records drawn from another person's propensity (a shuffle), so they say nothing "
            "about one's own; the truth still follows one's own. False = the normal generator",
        ),
    )

    @field_validator("data_as_of")
    @classmethod
    def _as_of_in_range(cls, value: dt.date) -> dt.date:
        if not MIN_AS_OF <= value <= MAX_AS_OF:
            raise ValueError(f"data_as_of {value} is outside {MIN_AS_OF} … {MAX_AS_OF}")
        return value

    @field_validator("group_weights", "propensity_shift_by_group")
    @classmethod
    def _known_groups(cls, value: dict[str, float]) -> dict[str, float]:
        known = set(load_catalogues().key_group_ids) - {"general_resident"}
        unknown = sorted(set(value) - known)
        if unknown:
            raise ValueError(f"unknown key group(s) {', '.join(unknown)}")
        return value

    @field_validator("group_weights")
    @classmethod
    def _weights_positive(cls, value: dict[str, float]) -> dict[str, float]:
        if any(w < 0 for w in value.values()) or sum(value.values()) <= 0:
            raise ValueError("group weights must be >= 0 with a positive total")
        return value

    def described(self) -> dict[str, dict]:
        """Every setting with its value, status and note, for the manifest."""
        out = {}
        for name, field in type(self).model_fields.items():
            extra = field.json_schema_extra or {}
            value = getattr(self, name)
            out[name] = {
                "value": value.isoformat() if isinstance(value, dt.date) else value,
                "status": extra.get("status"),
                "note": extra.get("note"),
            }
        return out
