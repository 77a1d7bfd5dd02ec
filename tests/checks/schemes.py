"""A small lawful scheme for the checks' situations, changed one element at a time."""

from __future__ import annotations

import copy

from scoring.rulebook import Rulebook, validate_rulebook

A = "assumption"


def rule(rule_id: str, types: list[str], points: float, window: int | None = 12, **more) -> dict:
    found = {"id": rule_id, "title": {"zh": rule_id, "en": rule_id}, "status": A, "matches": types}
    return {**found, "dimension": "all", "points": points, **({"window_months": window} if window else {}), **more}


LAWFUL = {
    "id": "lawful",
    "title": {"zh": "守法方案", "en": "Lawful scheme"},
    "effective": "2024-01-01",
    "eligibility": {"title": {"zh": "评价对象", "en": "Who"}, "status": A},
    "score": {"title": {"zh": "分值", "en": "Score"}, "status": A, "base": 1000, "min": 0, "max": 2000},
    "dimensions": [{"id": "all", "title": {"zh": "全部", "en": "All"}, "status": A}],
    "rules": [
        rule("defaulter", ["judgment_defaulter"], -100, 36),
        rule("penalty", ["admin_penalty_general"], -20, 12),
        rule("traffic", ["traffic_violation"], -2, 3),
        rule("commendation", ["commendation_city"], 20, 36),
    ],
    "tiers": {
        "title": {"zh": "等级", "en": "Tiers"},
        "status": A,
        "mode": "absolute",
        "levels": [
            {"id": "top", "title": {"zh": "优", "en": "Top"}, "status": A, "min": 1050},
            {"id": "mid", "title": {"zh": "中", "en": "Mid"}, "status": A, "min": 900},
            {"id": "low", "title": {"zh": "差", "en": "Low"}, "status": A},
        ],
    },
    "incentives": [
        {
            "id": "discount",
            "title": {"zh": "优惠", "en": "Discount"},
            "status": A,
            "tiers": ["top"],
            "unit_cost_yuan": 10,
            "uptake": 0.5,
        }
    ],
    "sanctions": [{"id": "ban", "title": {"zh": "限高", "en": "Ban"}, "status": A, "lists": ["black"]}],
    "repair": {
        "title": {"zh": "修复", "en": "Repair"},
        "status": A,
        "min_months": {"general": 3, "serious": 6},
        "max_months": {"general": 12, "serious": 36},
        "targets": {"share": 0.5, "stretch": 0.9},
    },
    "objections": {"title": {"zh": "异议", "en": "Objections"}, "status": A, "sla_days": 20},
}


def scheme(change=None) -> Rulebook:
    """The lawful scheme, after `change(data)` edits a deep copy of it in place."""
    data = copy.deepcopy(LAWFUL)
    if change:
        change(data)
    return validate_rulebook(data)
