"""Hypothesis strategies: random but valid rulebooks over the real catalogue."""

from __future__ import annotations

from hypothesis import strategies as st

from scoring.catalogues import load_catalogues
from scoring.rulebook import Rulebook

CAT = load_catalogues()
TYPES = CAT.record_type_ids
POSITIVE = {rt.id for rt in CAT.record_types if rt.polarity == "positive"}
TITLE = {"zh": "测试", "en": "test"}
SOURCED = {"title": TITLE, "status": "assumption"}


@st.composite
def rulebooks(draw, signs_follow_polarity: bool = False) -> Rulebook:
    n_dims = draw(st.integers(1, 3))
    dims = []
    for d in range(n_dims):
        low = draw(st.none() | st.floats(-500, 0, allow_nan=False))
        high = draw(st.none() | st.floats(0, 500, allow_nan=False))
        dims.append({"id": f"d{d}", **SOURCED, "cap_low": low, "cap_high": high})
    tier_ids = [f"T{k}" for k in range(draw(st.integers(2, 5)))]
    if draw(st.booleans()):
        cuts = sorted(
            draw(
                st.lists(
                    st.floats(0, 2000, allow_nan=False),
                    min_size=len(tier_ids) - 1,
                    max_size=len(tier_ids) - 1,
                    unique=True,
                )
            ),
            reverse=True,
        )
        levels = [{"id": t, **SOURCED, "min": c} for t, c in zip(tier_ids, cuts, strict=False)] + [
            {"id": tier_ids[-1], **SOURCED}
        ]
        tiers = {**SOURCED, "mode": "absolute", "levels": levels}
    else:
        weights = draw(st.lists(st.integers(1, 10), min_size=len(tier_ids), max_size=len(tier_ids)))
        shares = [w / sum(weights) for w in weights]
        shares[-1] = 1 - sum(shares[:-1])
        tiers = {
            **SOURCED,
            "mode": "quantile",
            "levels": [{"id": t, **SOURCED, "share": s} for t, s in zip(tier_ids, shares, strict=True)],
        }

    remaining = list(TYPES)
    rules = []
    lists_left = ["red", "black"]
    for r in range(draw(st.integers(1, 8))):
        matches = draw(st.lists(st.sampled_from(remaining), max_size=4, unique=True)) if remaining else []
        remaining = [t for t in remaining if t not in matches]
        lists = [lists_left.pop()] if lists_left and draw(st.booleans()) and draw(st.booleans()) else []
        if not matches and not lists:
            continue
        points = draw(st.floats(-200, 200, allow_nan=False).filter(lambda p: p != 0))
        if signs_follow_polarity and matches:
            positive = matches[0] in POSITIVE
            matches = [t for t in matches if (t in POSITIVE) == positive]
            points = abs(points) if positive else -abs(points)
            lists = []
        rule = {
            "id": f"r{r}",
            **SOURCED,
            "matches": matches,
            "lists": lists,
            "dimension": f"d{draw(st.integers(0, n_dims - 1))}",
            "points": points,
            "per_units": draw(st.sampled_from([1, 10, 100])),
            "window_months": draw(st.none() | st.integers(1, 96)),
            "decay_half_life_months": draw(st.none() | st.floats(1, 60, allow_nan=False)),
            "groups": draw(
                st.just("all") | st.lists(st.sampled_from(CAT.key_group_ids), min_size=1, max_size=10, unique=True)
            ),
        }
        if draw(st.booleans()):
            low = draw(st.floats(-300, 0, allow_nan=False))
            rule.update(cap_low=low, cap_high=draw(st.none() | st.floats(0, 300, allow_nan=False)))
        if draw(st.integers(0, 3)) == 0:
            rule["veto"] = {"max_tier": draw(st.sampled_from(tier_ids))}
        rules.append(rule)
    if not rules:
        rules.append({"id": "r0", **SOURCED, "matches": [TYPES[0]], "dimension": "d0", "points": -10})
    base = draw(st.floats(0, 1500, allow_nan=False))
    hukou = draw(st.sampled_from(["any", "local"]))
    eligibility = {
        **SOURCED,
        "min_age": draw(st.integers(0, 30)),
        "consent_required": draw(st.booleans()),
        "hukou": hukou,  # insured months only widen `local` (with `any` they are refused as contradictory)
        "non_local_min_insured_months": draw(st.none() | st.integers(0, 24)) if hukou == "local" else None,
    }
    return Rulebook.model_validate(
        {
            "id": "random",
            "title": TITLE,
            "effective": "2019-04-16",
            "eligibility": eligibility,
            "score": {**SOURCED, "base": base, "min": 0, "max": 2000},
            "dimensions": dims,
            "rules": rules,
            "tiers": tiers,
            "repair": {
                **SOURCED,
                "min_months": {"general": 3},
                "max_months": {"general": 12},
                "targets": {"share": 0.5, "stretch": 0.9},
            },
            "objections": {**SOURCED, "sla_days": 20},
        }
    )
