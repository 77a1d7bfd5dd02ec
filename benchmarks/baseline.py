"""The fixed pandas baseline of DESIGN.md: scores and tiers computed the straightforward way, as of
one date, from the dataset's tables.

It shares no code with the engine (scoring.engine is not imported): eligibility, list
membership, revocations, open objections and ages are computed here too, so that the benchmark's "identical
results" compares two implementations, not one with itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.rulebook import Rulebook

OLDEST_AGE = 240  # months; the longest window a rule may have, so older ages weigh alike
ENDINGS = ("delisted", "repaired", "expired")


def months_between(start: pd.Series, end: pd.Timestamp) -> pd.Series:
    """Whole calendar months from each start to `end`; a month has passed on the same day of the
    month, or on the month's last day when it is shorter."""
    months = (end.year - start.dt.year) * 12 + (end.month - start.dt.month)
    return months - (np.minimum(start.dt.day, end.days_in_month) > end.day).astype(int)


def revocation_days(dataset) -> pd.Series:
    events = dataset.events
    revoked = events[events["event"] == "revoked"]
    return pd.Series(revoked["date"].to_numpy(), index=revoked["record_id"].to_numpy())


def standing(record_ids: pd.Series, as_of: pd.Timestamp, revoked_on: pd.Series) -> np.ndarray:
    """Records not revoked by the as-of date (a revocation counts from its day on)."""
    return ~(record_ids.map(revoked_on) <= as_of).to_numpy()


def under_objection(dataset, as_of: pd.Timestamp) -> pd.Index:
    """Records with an objection open on the as-of date: more disputes than resolutions dated on
    or before it (each resolution answers one dispute). Such a record is suspended from scoring;
    its listings are not."""
    events = dataset.events[dataset.events["date"] <= as_of]
    raised = events.loc[events["event"] == "disputed", "record_id"].value_counts()
    answered = events.loc[events["event"] == "resolved", "record_id"].value_counts()
    still_open = raised.sub(answered, fill_value=0)
    return still_open.index[still_open > 0]


def eligible_people(dataset, rulebook: Rulebook, as_of: pd.Timestamp) -> np.ndarray:
    people, rules = dataset.people, rulebook.eligibility
    ok = (months_between(people["birth_date"], as_of) // 12 >= rules.min_age).to_numpy()
    if rules.consent_required:
        ok = ok & people["consent"].to_numpy()
    if rules.non_local_min_insured_months is not None:
        insured = people["insured_since"]
        months = months_between(insured.fillna(as_of), as_of).where(insured.notna() & (insured <= as_of), -1)
        non_local_ok = (months >= rules.non_local_min_insured_months).to_numpy()
    else:
        non_local_ok = np.full(len(people), rules.hukou == "any")
    return ok & ((people["hukou"] == "local").to_numpy() | non_local_ok)


def list_members(dataset, as_of: pd.Timestamp) -> dict[str, np.ndarray]:
    """Who is on each list: per record and list, the last day up to the as-of date with a
    listing or an ending alone decides (a day with both keeps the state before it); a
    `delisted` names its list, other endings end both; revoked records are off."""
    events = dataset.events[dataset.events["date"] <= as_of]
    events = events.assign(event=events["event"].astype(str), list=events["list"].astype(object))
    events = events[events["event"].isin(("listed", *ENDINGS))]
    unnamed = events[events["list"].isna()]
    events = pd.concat([events[events["list"].notna()], unnamed.assign(list="red"), unnamed.assign(list="black")])
    days = events.assign(listed=events["event"] == "listed", ended=events["event"] != "listed")
    days = days.groupby(["record_id", "person_id", "list", "date"])
    days = days.agg(listed=("listed", "any"), ended=("ended", "any"))
    days["decides"] = np.where(days["listed"] & days["ended"], np.nan, days["listed"].astype(float))
    last = days.reset_index().sort_values("date").groupby(["record_id", "person_id", "list"])["decides"].last()
    on = last[last == 1.0].reset_index()
    on = on[standing(on["record_id"], as_of, revocation_days(dataset))]
    n = len(dataset.people)
    return {kind: np.isin(np.arange(n), on.loc[on["list"] == kind, "person_id"]) for kind in ("red", "black")}


def pandas_baseline(dataset, rulebook: Rulebook, as_of: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
    """Scores (NaN = unscored) and tier labels ("" = unscored): merge records with rule weights,
    filter windows, add listings, group by (person, rule), clip, group by dimension, clip, sum,
    pd.cut into tiers, then vetoes."""
    if rulebook.tiers.mode != "absolute":
        raise ValueError("the baseline scores absolute tiers (DESIGN.md); quantile tiers are checked by the tests")
    as_of = pd.Timestamp(as_of)
    rules = pd.DataFrame(
        [
            {
                "record_type": t,
                "rule": r.id,
                "weight": r.points / r.per_units,
                "window": r.window_months or OLDEST_AGE + 1,
                "half_life": r.decay_half_life_months or np.inf,
            }
            for r in rulebook.rules
            for t in r.matches
        ]
    )
    records = dataset.records
    records = records[
        (records["occurred_on"] <= as_of)
        & standing(records["record_id"], as_of, revocation_days(dataset))
        & ~records["record_id"].isin(under_objection(dataset, as_of))
    ]
    frame = records[["person_id", "quantity"]].assign(
        record_type=records["record_type"].astype(str),
        age=np.minimum(months_between(records["occurred_on"], as_of), OLDEST_AGE),
    )
    frame = frame.merge(rules, on="record_type")
    frame = frame[frame["age"] < frame["window"]]
    frame["points"] = frame["quantity"] * frame["weight"] * np.power(0.5, frame["age"] / frame["half_life"])
    lists = list_members(dataset, as_of)
    listed = [
        pd.DataFrame({"person_id": np.flatnonzero(lists[kind]), "rule": r.id, "points": float(r.points)})
        for r in rulebook.rules
        for kind in r.lists
    ]
    hits = pd.concat([frame[["person_id", "rule", "points"]], *listed], ignore_index=True)
    allowed = pd.DataFrame(
        [(r.id, g, True) for r in rulebook.rules if r.groups != "all" for g in r.groups],
        columns=["rule", "group", "allowed"],
    )
    groups = dataset.people["key_group"].astype(str).to_numpy()
    hits = hits.assign(group=groups[hits["person_id"].to_numpy()]).merge(allowed, on=["rule", "group"], how="left")
    hits = hits[hits["allowed"].notna() | ~hits["rule"].isin(allowed["rule"])]
    rule_info = pd.DataFrame(
        [
            {
                "rule": r.id,
                "dimension": r.dimension,
                "cap_low": r.cap_low if r.cap_low is not None else -np.inf,
                "cap_high": r.cap_high if r.cap_high is not None else np.inf,
            }
            for r in rulebook.rules
        ]
    )
    per_rule = hits.groupby(["person_id", "rule"], as_index=False)["points"].sum().merge(rule_info, on="rule")
    per_rule["points"] = per_rule["points"].clip(per_rule["cap_low"], per_rule["cap_high"])
    dims = pd.DataFrame(
        [
            {
                "dimension": d.id,
                "low": d.cap_low if d.cap_low is not None else -np.inf,
                "high": d.cap_high if d.cap_high is not None else np.inf,
            }
            for d in rulebook.dimensions
        ]
    )
    per_dim = per_rule.groupby(["person_id", "dimension"], as_index=False)["points"].sum().merge(dims, on="dimension")
    per_dim["points"] = per_dim["points"].clip(per_dim["low"], per_dim["high"])
    total = per_dim.groupby("person_id")["points"].sum().reindex(range(len(dataset.people)), fill_value=0.0)
    eligible = eligible_people(dataset, rulebook, as_of)
    scores = (rulebook.score.base + total).clip(rulebook.score.min, rulebook.score.max).where(eligible)
    cuts = [-np.inf] + sorted(level.min for level in rulebook.tiers.levels[:-1]) + [np.inf]
    worst_first = list(reversed(rulebook.tiers.ids))
    tier = pd.cut(scores, cuts, right=False, labels=worst_first).cat.codes.to_numpy().copy()
    for rule in (r for r in rulebook.rules if r.veto):
        vetoed = hits.loc[hits["rule"] == rule.id, "person_id"].unique()
        vetoed = vetoed[eligible[vetoed]]
        tier[vetoed] = np.minimum(tier[vetoed], worst_first.index(rule.veto.max_tier))
    labels = np.array([*worst_first, ""], dtype=object)
    return scores.to_numpy(), labels[np.where(eligible, tier, -1)]
