"""What would move a person up one tier: the fewest actions actually open to them, and when.

Open actions are (1) a positive record the person can bring about themselves (volunteering,
donating blood or money, paying on time: record types of OPEN_CATEGORIES that a rule with
positive points reads and the person's key group may have; commendations and confirmations are
conferred, not chosen) and (2) credit repair of a black listing once its minimum period has
passed. Negative records are never wished away: they leave their rule's window on their own
day, and a listing's publicity ends at its maximum period; the plan waits for them.

For each day on which something changes (today, a window closing, a repair becoming possible,
a publicity period ending) within the horizon, the person is rescored by the engine on that day
and actions are added greedily by the engine's own re-score arithmetic (kernel
`profile_points`) until the tier is reached. The person's data are cut out once (`alone`) with
data running to the horizon and compiled once; each day is a view of that matrix (milliseconds),
not a compile of its own (which cost 0.1 s per day, seconds per person at 1 M people). The plan
with the fewest actions, then the earliest day, is then checked by rescoring the modified records
with the engine; should the arithmetic and the engine disagree, the next plan found is checked.
Tier cut-offs are today's (in quantile mode they would move with everyone else's scores).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from scoring.analyses.repair import repair_eligibility
from scoring.calendar import add_months_to_date
from scoring.dataset import Dataset
from scoring.engine import ScoreResult, compile_dataset, score
from scoring.engine.kernel import one_thread, profile_points
from scoring.person.alone import alone
from scoring.person.file import check_person
from scoring.person.records import active_listings, person_records
from scoring.rulebook import Rulebook

OPEN_CATEGORIES = ("public_service", "administrative_levy", "contract_performance")
HORIZON_MONTHS = 36
MAX_ACTIONS = 8  # more is not a plan a person can follow
ActionKind = Literal["add", "repair", "wait_record", "wait_listing"]
Outcome = Literal["planned", "top", "unscored", "no_route"]


@dataclass(frozen=True)
class Action:
    """`add`: a record of `record_type` (`quantity` in its unit) counted by `rule`; `repair`: the
    black listing of `record_id` repaired; `wait_record`: a negative record leaves `rule`'s
    window; `wait_listing`: a listing's publicity ends. `on` is the first day it is possible."""

    kind: ActionKind
    on: dt.date
    record_type: str
    rule: str | None = None
    quantity: float | None = None
    record_id: int | None = None


@dataclass(frozen=True)
class NextTier:
    outcome: Outcome
    tier: str | None  # today's
    target: str | None
    reached_on: dt.date | None = None
    score_after: float | None = None
    actions: tuple[Action, ...] = ()  # what the person does (add, repair)
    waits: tuple[Action, ...] = ()  # what happens by itself before `reached_on`
    horizon: dt.date | None = None
    cutoff: float | None = None  # the score the target tier needs
    extra: dict = field(default_factory=dict, compare=False)


def next_tier(result: ScoreResult, dataset: Dataset, person_id: int, horizon_months: int = HORIZON_MONTHS) -> NextTier:
    """The plan for one person (see the module's docstring)."""
    check_person(result, person_id)
    if not result.eligible[person_id]:
        return NextTier("unscored", None, None)
    tier_ids, tier = result.tier_ids, int(result.tier[person_id])
    if tier == 0:
        return NextTier("top", tier_ids[0], None)
    with one_thread():  # every engine call below reads one person's rows
        return _plan(result, dataset, person_id, tier - 1, horizon_months)


def _plan(result: ScoreResult, dataset: Dataset, person_id: int, target: int, horizon_months: int) -> NextTier:
    """The plan for a scored person below the top tier: the days on which something changes, the
    greedy actions on each, and the fewest (then earliest) that the engine confirms."""
    tier_ids, tier = result.tier_ids, target + 1
    as_of = result.compiled.as_of.astype(dt.date)
    horizon = add_months_to_date(as_of, horizon_months)
    black = _black(result, dataset, person_id, as_of)
    every_wait = _waits(result, dataset, person_id, as_of, black)
    waits = [w for w in every_wait if w.on <= horizon]
    repairs = _repairs(black, as_of, horizon)
    held = _held_until(result, every_wait, target)
    days = sorted(d for d in {as_of, *(w.on for w in waits), *(r.on for r in repairs)} if d >= held)
    known = _Known.of(result, dataset, person_id)
    ahead = known.ahead(horizon, waits)  # compiled once; each day below is a view of it
    found: list[tuple[int, dt.date, list[Action]]] = []  # by the re-score arithmetic, not yet checked
    for day in days:
        limit = MAX_ACTIONS if not found else min(len(f[2]) for f in found) - 1  # a later day must need fewer
        if limit < 0:
            break
        state = _Person(score(compile_dataset(ahead, day), result.rulebook), result.cutoffs)
        if (actions := _greedy(state, day, target, waits, [r for r in repairs if r.on <= day], limit)) is not None:
            found.append((len(actions), day, actions))
    cutoff = float(result.cutoffs[target])
    for _, day, actions in sorted(found, key=lambda f: f[:2]):  # the fewest actions, then the earliest day
        after, reached = known.rescore(day, actions, [w for w in waits if w.kind == "wait_listing" and w.on <= day])
        if reached <= target:
            return NextTier(
                "planned", tier_ids[tier], tier_ids[target], reached_on=day, score_after=after,
                actions=tuple(actions), waits=tuple(w for w in waits if w.on <= day), horizon=horizon, cutoff=cutoff,
            )  # fmt: skip
    return NextTier("no_route", tier_ids[tier], tier_ids[target], horizon=horizon, cutoff=cutoff)


def _held_until(result: ScoreResult, waits: list[Action], target: int) -> dt.date:
    """The day the last record whose veto keeps the person below the target leaves its window
    (no action lifts a record's veto, so earlier days need not be tried)."""
    tiers = result.tier_ids
    vetoing = {r.id for r in result.rulebook.rules if r.veto and r.matches and tiers.index(r.veto.max_tier) > target}
    return max((w.on for w in waits if w.kind == "wait_record" and w.rule in vetoing), default=dt.date.min)


def _waits(result: ScoreResult, dataset: Dataset, person_id: int, as_of: dt.date, black: pd.DataFrame) -> list[Action]:
    """Negative records in their window, by the day they leave it, and black listings, by the
    day their publicity ends (their maximum period from the listing day)."""
    points = {r.id: r.points for r in result.rulebook.rules}
    records = person_records(dataset, result.rulebook, person_id, as_of)
    leaving = records[
        records["in_window"]
        & records["rule"].notna()
        & (records["status"] == "valid")
        & records["leaves_window"].notna()
    ]
    waits = [
        Action("wait_record", row.leaves_window.date(), row.record_type, rule=row.rule, record_id=int(row.record_id))
        for row in leaving.itertuples()
        if points[row.rule] < 0
    ]
    for row in black.itertuples():
        waits.append(Action("wait_listing", row.auto_end_date.date(), row.record_type, record_id=row.record_id))
    return sorted(waits, key=lambda w: w.on)


def _repairs(black: pd.DataFrame, as_of: dt.date, horizon: dt.date) -> list[Action]:
    """Black listings repairable (their minimum period passed) before their publicity ends and by the horizon."""
    return [
        Action("repair", max(row.earliest_repair_date.date(), as_of), row.record_type, record_id=row.record_id)
        for row in black.itertuples()
        if row.earliest_repair_date.date() <= horizon and row.earliest_repair_date < row.auto_end_date
    ]


def _black(result: ScoreResult, dataset: Dataset, person_id: int, as_of: dt.date) -> pd.DataFrame:
    """Active black listings of a record with a repair period, with their repair dates."""
    listings = active_listings(result.compiled, dataset, person_id)
    catalogue = dataset.catalogues
    severity = [catalogue.record_type(t).severity if t else None for t in listings["record_type"]]
    listings = listings.assign(severity=severity)
    black = listings[(listings["list"] == "black") & listings["severity"].isin(list(result.rulebook.repair.min_months))]
    if black.empty:
        return black.assign(earliest_repair_date=[], auto_end_date=[])
    dates = repair_eligibility(
        result.rulebook.repair, black["severity"], black["listed_on"], as_of,
        obligations_met=True, committed=True, trained=True, has_report=True,
    )  # fmt: skip
    return black.join(dates[["earliest_repair_date", "auto_end_date"]])


def _greedy(
    state: _Person, day: dt.date, target: int, waits: list[Action], repairs: list[Action], limit: int
) -> list[Action] | None:
    """At most `limit` actions (greedy: the largest gain first) reaching `target` on `day` by the
    re-score arithmetic; None when the open actions cannot reach it then."""
    if not state.eligible:
        return None
    ended = {w.record_id for w in waits if w.kind == "wait_listing" and w.on <= day}
    candidates = [*(r for r in repairs if r.record_id not in ended), *_additions(state, day)]
    chosen: list[Action] = []
    quantity, hit = state.quantity.copy(), state.hit.copy()
    now = state.evaluate(quantity, hit)
    while now[1] > target and len(chosen) < limit:
        options = []
        for candidate in candidates:
            if candidate.kind == "repair" and candidate in chosen:
                continue
            sized = state.sized(candidate, quantity, state.cutoffs[target] - now[0])
            q, h = state.apply(sized, quantity, hit)
            options.append((state.evaluate(q, h), sized, q, h))
        if not options:
            return None
        (after, sized, quantity, hit) = min(options, key=lambda o: (o[0][1], -o[0][0]))
        if not (after[1] < now[1] or after[0] > now[0]):
            return None  # nothing open moves the score or the tier
        chosen.append(sized)
        now = after
    return chosen if now[1] <= target else None


def _additions(state: _Person, day: dt.date) -> list[Action]:
    """One record type per rule with positive points the person can bring about themselves."""
    found = []
    for rule in state.rulebook.rules:
        if rule.points <= 0 or (rule.groups != "all" and state.group not in rule.groups):
            continue
        for type_id in rule.matches:
            record_type = state.catalogues.record_type(type_id)
            if record_type.category in OPEN_CATEGORIES and (
                record_type.groups == "all" or state.group in record_type.groups
            ):
                found.append(Action("add", day, type_id, rule=rule.id, quantity=1.0))
                break
    return found


@dataclass(frozen=True)
class _Known:
    """The person as known on the as-of date, where the engine builds what the plan assumes:
    the days ahead (compiled once), and each plan found, rescored from records (the check)."""

    dataset: Dataset
    person_id: int
    as_of: dt.date
    rulebook: Rulebook
    cutoffs: np.ndarray
    departments: dict[int, str]  # the department of each of the person's records, for their events

    @classmethod
    def of(cls, result: ScoreResult, dataset: Dataset, person_id: int) -> _Known:
        records = dataset.records[dataset.records["person_id"].to_numpy() == person_id]
        departments = dict(zip(records["record_id"].tolist(), records["department"].astype(str), strict=True))
        as_of = result.compiled.as_of.astype(dt.date)
        return cls(dataset, person_id, as_of, result.rulebook, result.cutoffs, departments)

    def ahead(self, horizon: dt.date, waits: list[Action]) -> Dataset:
        """The person alone, data running to `horizon`, each black listing expired on the day its
        publicity ends: its view on a day is that day with nothing done (an expiry dated later is
        not in force yet)."""
        ended = [w for w in waits if w.kind == "wait_listing"]
        return alone(self.dataset, self.person_id, self.as_of, horizon, added_events=self._events([], ended, horizon))

    def rescore(self, day: dt.date, actions: list[Action], ended: list[Action]) -> tuple[float, int]:
        """The engine's (score, tier) for the person with `actions` taken on `day` and the
        listings of `ended` expired, rescored from a dataset of their records."""
        on = np.datetime64(day, "s")
        added = [a for a in actions if a.kind == "add"]
        catalogues = self.dataset.catalogues
        records = pd.DataFrame(
            {
                "record_type": [a.record_type for a in added],
                "occurred_on": np.full(len(added), on),
                "quantity": [a.quantity for a in added],
                "department": [catalogues.record_type(a.record_type).department for a in added],
            }
        )
        one = alone(self.dataset, self.person_id, self.as_of, day, records, self._events(actions, ended, day))
        scored = score(compile_dataset(one, day), self.rulebook)
        if not scored.eligible[0]:
            return math.nan, len(self.rulebook.tiers.ids)
        value = float(scored.score[0])
        return value, max(int((value < self.cutoffs).sum()), int(scored.veto_floor[0]))

    def _events(self, actions: list[Action], ended: list[Action], day: dt.date) -> pd.DataFrame:
        """Repairs on `day` and expiries on their own days, as the listing department records them."""
        on = np.datetime64(day, "s")
        events = [(a.record_id, "repaired", on, None) for a in actions if a.kind == "repair"]
        events += [(w.record_id, "expired", np.datetime64(w.on, "s"), None) for w in ended]
        frame = pd.DataFrame(events, columns=["record_id", "event", "date", "list"])
        frame["department"] = [self.departments[int(r)] for r in frame["record_id"]]
        return frame


class _Person:
    """The person on one day as the engine scored them (`scored`: a view of the days ahead,
    person 0), and the engine's re-score arithmetic on their rule quantities (one profile) for
    the greedy search, against today's `cutoffs`."""

    def __init__(self, scored: ScoreResult, cutoffs: np.ndarray) -> None:
        self.cutoffs = cutoffs
        self.eligible = bool(scored.eligible[0])
        self.rulebook, self.plan, self.tables = scored.rulebook, scored.plan, scored.tables
        self.catalogues = scored.compiled.catalogues
        self.group = str(scored.compiled.people["key_group"].iat[0])
        ranks = len(self.plan.rank_rule)
        self.rank_of = {self.rulebook.rules[r].id: k for k, r in enumerate(self.plan.rank_rule)}
        self.quantity, self.hit = np.zeros(ranks), np.zeros(ranks, dtype=bool)
        self.quantity[self.plan.seg_rank] = scored.quantities.segment_quantity
        self.hit[self.plan.seg_rank] = scored.quantities.segment_hit
        self.black_rule = next((r.id for r in self.rulebook.rules if "black" in r.lists), None)

    def evaluate(self, quantity: np.ndarray, hit: np.ndarray) -> tuple[float, int]:
        """(score, tier) as the re-score computes them, with today's cut-offs."""
        t = self.tables
        total, capped = np.empty(1), np.empty(1, dtype=np.bool_)
        floor, vetoed = np.empty(1, dtype=np.int8), np.empty(1, dtype=np.bool_)
        start = np.array([0, len(quantity)], dtype=np.int64)
        profile_points(
            start, np.arange(len(quantity), dtype=np.int16), quantity, hit, t.rank_dim, t.points, t.rule_low,
            t.rule_high, t.dim_low, t.dim_high, t.veto_tier, total, capped, floor, vetoed,
        )  # fmt: skip
        rules = self.rulebook.score
        value = float(np.clip(rules.base + total[0], rules.min, rules.max))
        return value, max(int((value < self.cutoffs).sum()), int(floor[0]))

    def sized(self, action: Action, quantity: np.ndarray, gap: float) -> Action:
        """An added record's quantity: one occurrence, or the units that close the gap (at most
        what the rule's upper cap still takes), in whole `per_units`."""
        if action.kind != "add":
            return action
        rule = next(r for r in self.rulebook.rules if r.id == action.rule)
        if self.catalogues.record_type(action.record_type).unit == "occurrence":
            return action
        wanted = max(gap, 0.0)
        if rule.cap_high is not None:
            room = rule.cap_high - rule.points * quantity[self.rank_of[rule.id]]
            wanted = min(wanted, room) if room > 0 else wanted
        units = max(1, math.ceil(wanted / rule.points - 1e-9)) * rule.per_units
        return Action("add", action.on, action.record_type, rule=rule.id, quantity=float(units))

    def apply(self, action: Action, quantity: np.ndarray, hit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        q, h = quantity.copy(), hit.copy()
        if action.kind == "add":
            rule = next(r for r in self.rulebook.rules if r.id == action.rule)
            k = self.rank_of[rule.id]
            q[k] += action.quantity / rule.per_units  # a record of the day: age 0, full weight
            h[k] = True
        elif self.black_rule is not None:  # a repair ends one black listing
            k = self.rank_of[self.black_rule]
            q[k] = max(q[k] - 1, 0)
            h[k] = q[k] > 0
        return q, h
