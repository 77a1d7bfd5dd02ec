"""A direct, slow implementation of the scoring rules, written from the rulebook's meaning and
sharing no code with the engine, to check the engine against."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict

import numpy as np

from scoring.dataset import Dataset
from scoring.rulebook import Rulebook

OLDEST_AGE = 240  # the engine's last age bucket: 20 years or older


def months_between(start: dt.date, end: dt.date) -> int:
    """Largest m with start + m months (clamped to month end) <= end."""
    m = (end.year - start.year) * 12 + end.month - start.month
    anniversary_day = min(start.day, calendar.monthrange(end.year, end.month)[1])
    return m - 1 if anniversary_day > end.day else m


def revocation_days(dataset: Dataset) -> dict[int, dt.date]:
    """Record id -> the day its `revoked` event dates; from that day on the record is gone."""
    events = dataset.events
    return {row.record_id: row.date.date() for row in events[events["event"] == "revoked"].itertuples()}


def objection_days(dataset: Dataset) -> dict[int, list[tuple[dt.date, str]]]:
    """Record id -> its `disputed` and `resolved` events as (day, event)."""
    events = dataset.events
    days = defaultdict(list)
    for row in events[events["event"].isin(["disputed", "resolved"])].itertuples():
        days[row.record_id].append((row.date.date(), row.event))
    return days


def standing_on(record_id: int, status: str, as_of: dt.date, revoked_on: dict[int, dt.date]) -> bool:
    """Not revoked yet: a valid record, or a revoked one before its revocation day."""
    return status == "valid" or as_of < revoked_on[record_id]


def counts_on(
    record_id: int,
    status: str,
    as_of: dt.date,
    revoked_on: dict[int, dt.date],
    objections: dict[int, list[tuple[dt.date, str]]],
) -> bool:
    """A record counts while it stands and no objection to it is open: each resolution answers
    one dispute raised on or before its day, so an objection is open on the as-of date when more
    disputes than resolutions are dated on or before it."""
    raised = sum(1 for day, event in objections.get(record_id, ()) if day <= as_of and event == "disputed")
    answered = sum(1 for day, event in objections.get(record_id, ()) if day <= as_of and event == "resolved")
    return standing_on(record_id, status, as_of, revoked_on) and raised == answered


def on_lists(dataset: Dataset, as_of: dt.date) -> dict[str, set[int]]:
    """Walk each record's days up to the as-of date, list by list. On a day with a listing and
    an ending of the same list, the record keeps the state it had before (a renewal stays
    listed, a listing ended on its own day never starts); a `delisted` ends its own list, an
    ending naming no list (repaired, expired) ends both. An objection does not suspend a listing
    (the listing department's decision); a revocation ends it."""
    revoked_on = revocation_days(dataset)
    statuses = dict(zip(dataset.records["record_id"], dataset.records["status"], strict=True))
    days: dict[tuple[int, str], dict[dt.date, set[str]]] = defaultdict(lambda: defaultdict(set))
    owner = {}
    for row in dataset.events.itertuples():
        day = row.date.date()
        if day > as_of or row.event not in ("listed", "delisted", "repaired", "expired"):
            continue
        owner[row.record_id] = row.person_id
        if row.event == "listed":
            days[(row.record_id, row.list)][day].add("listed")
        else:
            for kind in [row.list] if isinstance(row.list, str) else ["red", "black"]:
                days[(row.record_id, kind)][day].add("ended")
    members: dict[str, set[int]] = {"red": set(), "black": set()}
    for (record, kind), history in days.items():
        listed = False
        for day in sorted(history):
            if history[day] == {"listed"}:
                listed = True
            elif history[day] == {"ended"}:
                listed = False
        if listed and standing_on(record, statuses[record], as_of, revoked_on):
            members[kind].add(owner[record])
    return members


def quantile_cutoffs(scores: list[float], shares: list[float]) -> list[float]:
    """The rulebook's written rule: best first, each tier takes people while it holds less than
    its cumulative share of the eligible; its bound is the score of the last person it took
    (people tied with them join it: ties go to the better tier)."""
    ranked = sorted(scores, reverse=True)
    cuts, taken, target = [], 0, 0.0
    for share in shares:
        target += share
        while taken < len(ranked) and taken < target * len(ranked) - 1e-9:
            taken += 1
        cuts.append(ranked[max(taken, 1) - 1] if ranked else np.nan)  # at least the best person
    return cuts


def reference_score(dataset: Dataset, rulebook: Rulebook, as_of: dt.date) -> dict[str, np.ndarray]:
    people = dataset.people
    n = len(people)
    lists = on_lists(dataset, as_of)
    revoked_on = revocation_days(dataset)
    objections = objection_days(dataset)
    rule_of_type = {t: rule for rule in rulebook.rules for t in rule.matches}
    per_rule = defaultdict(float)  # (person, rule id) -> raw points
    in_window_hit = set()  # (person, rule id) with a record inside the window
    for row in dataset.records.itertuples():
        day = row.occurred_on.date()
        rule = rule_of_type.get(row.record_type)
        if rule is None or not counts_on(row.record_id, row.status, as_of, revoked_on, objections) or day > as_of:
            continue
        age = min(months_between(day, as_of), OLDEST_AGE)
        inside = rule.window_months is None or age < rule.window_months
        decay = 0.5 ** (age / rule.decay_half_life_months) if rule.decay_half_life_months else 1.0
        per_rule[(row.person_id, rule.id)] += row.quantity * (rule.points / rule.per_units) * decay * inside
        if inside:
            in_window_hit.add((row.person_id, rule.id))
    for rule in rulebook.rules:
        for kind in rule.lists:
            for person in lists[kind]:
                per_rule[(person, rule.id)] += rule.points
                in_window_hit.add((person, rule.id))

    rules = {rule.id: rule for rule in rulebook.rules}
    groups = people["key_group"].astype(str).to_numpy()
    per_dimension = defaultdict(float)
    for (person, rule_id), points in per_rule.items():
        rule = rules[rule_id]
        if rule.groups != "all" and groups[person] not in rule.groups:
            continue
        per_dimension[(person, rule.dimension)] += _clip(points, rule.cap_low, rule.cap_high)
    dimensions = {d.id: d for d in rulebook.dimensions}
    total = np.zeros(n)
    for (person, dim), points in per_dimension.items():
        total[person] += _clip(points, dimensions[dim].cap_low, dimensions[dim].cap_high)
    score = np.clip(rulebook.score.base + total, rulebook.score.min, rulebook.score.max)

    eligible = np.zeros(n, dtype=bool)
    rules_e = rulebook.eligibility
    for i, person in enumerate(people.itertuples()):
        age = months_between(person.birth_date.date(), as_of) // 12
        insured = (
            -1
            if person.insured_since is None or person.insured_since != person.insured_since
            else months_between(person.insured_since.date(), as_of)
        )
        if rules_e.non_local_min_insured_months is not None:
            non_local_ok = insured >= rules_e.non_local_min_insured_months
        else:
            non_local_ok = rules_e.hukou == "any"
        eligible[i] = (
            age >= rules_e.min_age
            and (person.consent or not rules_e.consent_required)
            and (person.hukou == "local" or non_local_ok)
        )
    score[~eligible] = np.nan

    ids = rulebook.tiers.ids
    if rulebook.tiers.mode == "absolute":
        cuts = [level.min for level in rulebook.tiers.levels[:-1]]
    else:
        cuts = quantile_cutoffs(list(score[eligible]), [level.share for level in rulebook.tiers.levels[:-1]])
    tier = np.full(n, -1, dtype=int)
    vetoed = np.zeros(n, dtype=bool)
    for person in np.flatnonzero(eligible):
        tier[person] = next((k for k, cut in enumerate(cuts) if score[person] >= cut), len(cuts))
        for rule in rulebook.rules:
            applies = rule.groups == "all" or groups[person] in rule.groups
            if rule.veto and applies and (person, rule.id) in in_window_hit:
                tier[person] = max(tier[person], ids.index(rule.veto.max_tier))
                vetoed[person] = True
    return {"score": score, "tier": tier, "eligible": eligible, "vetoed": vetoed}


def _clip(value: float, low: float | None, high: float | None) -> float:
    if low is not None:
        value = max(value, low)
    if high is not None:
        value = min(value, high)
    return value
