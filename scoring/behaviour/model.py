"""The behavioural response model: month by month over a horizon, who takes a positive action, who
gets a negative record, and what that does to scores, tiers and the incentives' cost, beside the
no-response path (elasticity 0) drawn from the same random numbers.

How each month is scored (the cheaper of the two ways the issue allows): the data without any
simulated record is rescored by the engine on each month's end (a data copy whose data run to the
horizon: windows close and listings end exactly as the engine says); the simulated records are
kept per person as points with their age and window (positive ones within the room the engine's
points leave under the rule's and the dimension's upper caps, negative ones without caps), added
to the engine's score and clipped to the score range. Rescoring a million people's added records
by compiling each month cost more than the 15 s budget; the approximation is named on the page
(dimension lower caps ignored for simulated deductions). Positive records a person cannot take up
(commendations) and rules for some key groups keep their data rate and do not respond; without
them the no-response path lost every conferred point as the data's records aged out.

    p(person i takes action a in month m) = σ(logit b_a + ε · max(V_i − w · h_a, 0) / 1000)

b_a: the data's own monthly rate of a; V_i: yuan a year the incentives of i's next tier unlock
(unit_cost_yuan × uptake of each incentive the next tier has and i's tier has not); w: value of
time; h_a: hours of a typical action (its mean quantity × hours per unit); ε: elasticity per
1,000 yuan. Negative records: Bernoulli each month with rate r · exp(−β z_i) / mean(exp(−β z)),
r the truth table's yearly negative records per person / 12, z the latent propensity.

Repair (scoring/behaviour/repair.py): every black-list listing open on the data's as-of date is
repaired in a month with the chance `repair_rate` (by default the data's own: restorations per
eligible listing-month over the last 12 months, as the repair funnel counts them) from the first
month its minimum period (by severity, from the listing day) has passed. The hazard does not
depend on the elasticity, so the repair dates are drawn once per seed and written into the data
ahead as `repaired` events: the engine ends those listings exactly, on both paths alike.

Each month and path also keeps the eligible people's score distribution: quantiles (p10 … p90)
and the share in each of `BINS` equal bins over the rulebook's score range.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scoring.behaviour.effort import DEFAULT_EFFORT, VALUE_OF_TIME_YUAN_PER_HOUR, Effort, checked_effort
from scoring.behaviour.repair import black_listings, data_ahead, draw_repairs, measured_rate
from scoring.calendar import add_months_to_date
from scoring.dataset import Dataset
from scoring.engine import compile_dataset, score
from scoring.engine.scorer import assign_tiers, tier_cutoffs
from scoring.problems import Refusal
from scoring.rulebook import Rulebook

PATHS = ("simulated", "no_response")
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
QUANTILE_COLUMNS = ("p10", "p25", "p50", "p75", "p90")
BINS = 400  # equal bins over the rulebook's score range (5 points wide on 0–2000: scores crowd near the base)


@dataclass(frozen=True)
class Parameters:
    """The model's knobs, each an assumption (`STATUS`): no study of responses to points exists."""

    elasticity: float = 0.5  # log-odds per 1,000 yuan a year of net value
    horizon_months: int = 12
    seed: int = 0
    value_of_time: float = VALUE_OF_TIME_YUAN_PER_HOUR
    negative_beta: float = 0.7  # log-rate per SD of propensity: the median beta of synthetic/rates.yaml
    effort: tuple[Effort, ...] = DEFAULT_EFFORT
    repair_rate: float | None = None  # monthly chance an eligible listing is repaired; None: as measured

    def checked(self) -> Parameters:
        if not (math.isfinite(self.elasticity) and self.elasticity >= 0):
            raise Refusal("model_elasticity", f"model: elasticity {self.elasticity}; expected a number of 0 or more")
        if not (1 <= self.horizon_months <= 60):
            raise Refusal("model_horizon", f"model: horizon {self.horizon_months} months; expected 1 to 60")
        if not (0 <= self.seed < 2**63):
            raise Refusal("model_seed", f"model: seed {self.seed}; expected a whole number of 0 or more")
        if not (self.value_of_time > 0 and math.isfinite(self.value_of_time)):
            raise Refusal("model_time", f"model: value of time {self.value_of_time}; expected a positive number")
        if self.repair_rate is not None and not (0 <= self.repair_rate <= 1):
            raise Refusal("model_repair", f"model: repair rate {self.repair_rate}; expected a share of 0 to 1")
        return self


STATUS = {
    "elasticity": "assumption",
    "horizon_months": "choice",
    "seed": "choice",
    "value_of_time": "assumption",
    "negative_beta": "assumption (synthetic generator)",
    "effort": "assumption",
    "base_rates": "measured on the data (last 12 months)",
    "repair_rate": "measured on the data (last 12 months) unless set: then an assumption",
}


def action_probability(base: np.ndarray, value: np.ndarray, hours: float, elasticity: float, time_value: float):
    """The monthly chance of one action: the base rate's log-odds raised by the net yearly value
    (never lowered: a scheme without value leaves people as they were)."""
    net = np.maximum(value - time_value * hours, 0.0) / 1000.0
    logit = np.log(base / (1 - base)) + elasticity * net
    return 1.0 / (1.0 + np.exp(-logit))


@dataclass(frozen=True)
class Action:
    """A positive record as the model draws it: its rule, typical quantity and points. An open
    action (in the effort table) responds to the incentives; a conferred one (a commendation, an
    A-level taxpayer rating) keeps its own rate, so the no-response path does not lose what the
    data keeps receiving as old records age out of their windows."""

    record_type: str
    rule_index: int
    dimension: int
    points: float  # of a typical action
    cap: float  # the rule's upper cap (inf: none)
    window: int  # months
    base: float  # monthly probability in the data, among the people the rule applies to
    hours: float  # of a typical action; inf for a conferred record (no response)
    members: np.ndarray | None = field(default=None, compare=False)  # the rule's key groups; None: everyone


@dataclass
class Outcome:
    """Per period (month 1 … horizon) and path: tier shares, mean score by district and key group,
    incentive cost (yuan in the month), positive actions taken (uptake), the score distribution;
    per month the repairs both paths share."""

    tiers: pd.DataFrame  # month, path, tier, share
    districts: pd.DataFrame  # month, path, district, mean_score
    groups: pd.DataFrame  # month, path, key_group, mean_score
    cost: pd.DataFrame  # month, path, cost_yuan
    uptake: pd.DataFrame  # month, path, record_type, actions
    quantiles: pd.DataFrame  # month, path, p10, p25, p50, p75, p90 (eligible people's scores)
    histogram: pd.DataFrame  # month, path, low, high, share (of eligible people, per bin)
    repairs: pd.DataFrame  # month, repairs (black-list listings ended by repair; both paths)
    repair_rate: float  # the monthly hazard used
    repair_measured: bool  # whether it was measured on the data (else set by the user)
    seconds: dict = field(default_factory=dict)


def progress_month(fraction: float, horizon_months: int) -> int:
    """The month `simulate` has reached when it reports `fraction` of its progress: the first half
    rescores the data at each month's end in turn, the second draws both paths, so a reader can be
    told "month 3 of 12" rather than a bare bar."""
    return min(horizon_months, max(1, math.ceil(round(2 * horizon_months * fraction, 9))))


def simulate(
    dataset: Dataset,
    rulebook: Rulebook,
    parameters: Parameters = Parameters(),
    progress: Callable[[float], None] | None = None,
) -> Outcome:
    """The simulated and the no-response paths over the horizon (see the module's docstring)."""
    p = parameters.checked()
    if dataset.truth is None:
        raise Refusal("model_truth", "model: the dataset has no truth table; the model needs synthetic data")
    table = checked_effort(p.effort, dataset.catalogues)
    start = dataset.data_as_of.astype("datetime64[D]").astype(object)
    months = [add_months_to_date(start, m) for m in range(1, p.horizon_months + 1)]
    listings = black_listings(dataset, rulebook)
    measured = p.repair_rate is None
    rate = measured_rate(listings, dataset.data_as_of) if measured else float(p.repair_rate)
    ends = [np.datetime64(day, "D") for day in months]
    repairs = draw_repairs(listings, ends, dataset.data_as_of, rate, p.seed)
    ahead = data_ahead(dataset, repairs, months[-1])
    actions = _actions(dataset, rulebook, table)
    negative = _negatives(dataset, rulebook, p.negative_beta)
    engine = []
    for m, day in enumerate(months):
        engine.append(score(compile_dataset(ahead, day), rulebook))
        if progress:
            progress((m + 1) / (2 * len(months)))
    frames = [
        _path(name, el, dataset, rulebook, engine, actions, negative, p)
        for name, el in zip(PATHS, (p.elasticity, 0.0), strict=True)
    ]
    if progress:
        progress(1.0)
    per_month = np.bincount(repairs["month"].to_numpy(np.int64), minlength=len(months) + 1)[1:]
    return Outcome(
        *(pd.concat([f[k] for f in frames], ignore_index=True) for k in range(7)),
        repairs=pd.DataFrame({"month": np.arange(1, len(months) + 1), "repairs": per_month}),
        repair_rate=rate,
        repair_measured=measured,
    )


def _actions(dataset: Dataset, rulebook: Rulebook, table: dict[str, Effort]) -> list[Action]:
    """Every positive record a rule rewards (open or conferred, for everyone or for its key
    groups), with its rate in the last 12 months among the people the rule applies to."""
    records = dataset.records
    since = np.datetime64(add_months_to_date(dataset.data_as_of.astype(object), -12), "s")
    recent = records[records["occurred_on"].to_numpy() > since]
    groups = dataset.people["key_group"]
    dims = rulebook.dimension_ids
    found = []
    for k, rule in enumerate(rulebook.rules):
        if rule.points <= 0:
            continue
        members = None if rule.groups == "all" else groups.isin(rule.groups).to_numpy()
        people = len(groups) if members is None else int(members.sum())
        for type_id in rule.matches:
            of_type = recent.loc[recent["record_type"] == type_id, "quantity"]
            if not people or (type_id not in table and not len(of_type)):
                continue
            base = float(np.clip(len(of_type) / people / 12, 1e-6, 0.5))
            quantity = float(of_type.mean()) if len(of_type) else 1.0
            cap = rule.cap_high if rule.cap_high is not None else math.inf
            window = rule.window_months or 10**6
            points = quantity * rule.points / rule.per_units
            hours = quantity * table[type_id].hours_per_unit if type_id in table else math.inf
            found.append(Action(type_id, k, dims.index(rule.dimension), points, cap, window, base, hours, members))
    return found


@dataclass(frozen=True)
class _Negatives:
    rate: np.ndarray  # monthly probability per person
    points: np.ndarray  # deduction per record kind (positive number)
    window: np.ndarray  # months per record kind
    share: np.ndarray  # probability of each kind


def _negatives(dataset: Dataset, rulebook: Rulebook, beta: float) -> _Negatives:
    """Negative records as the generator draws them: the truth table's yearly count per person
    spread by propensity, of the kinds (and typical quantities) the data had in its last year."""
    truth = dataset.truth.sort_values("person_id")
    z = truth["propensity"].to_numpy(dtype=np.float64)
    mean_yearly = float(truth["negative_next_year"].mean())
    spread = np.exp(-beta * z)
    rate = np.clip(mean_yearly / 12 * spread / spread.mean(), 0, 0.9)
    since = np.datetime64(add_months_to_date(dataset.data_as_of.astype(object), -12), "s")
    recent = dataset.records[dataset.records["occurred_on"].to_numpy() > since]
    kinds = []
    for rule in rulebook.rules:
        if rule.points >= 0 or rule.groups != "all":
            continue
        for type_id in rule.matches:
            quantity = recent.loc[recent["record_type"] == type_id, "quantity"]
            if len(quantity):
                deduction = float(quantity.mean()) * -rule.points / rule.per_units
                kinds.append((len(quantity), deduction, rule.window_months or 10**6))
    if not kinds:
        return _Negatives(np.zeros_like(rate), np.zeros(1), np.ones(1, dtype=np.int64), np.ones(1))
    counts, points, window = map(np.array, zip(*kinds, strict=True))
    return _Negatives(rate, points.astype(np.float64), window.astype(np.int64), counts / counts.sum())


class _Ledger:
    """Points that last a window of months: a running total when the window outlasts the horizon,
    else the last `window` months kept apart so the oldest can leave."""

    def __init__(self, n: int, window: int, horizon: int) -> None:
        self.kept = window < horizon
        self.window = window
        self.total = np.zeros(n, dtype=np.float64)
        self.months: list[np.ndarray] = []

    def add(self, points: np.ndarray) -> None:
        self.total += points
        if self.kept:
            self.months.append(points)
            if len(self.months) > self.window - 1:  # a record of age `window` months no longer counts
                self.total -= self.months.pop(0)


def _path(name, elasticity, dataset, rulebook, engine, actions, negative, p: Parameters):
    """One path's periods, drawn from the seed's own generator (both paths share the draws)."""
    rng = np.random.default_rng(p.seed)
    n = len(dataset.people)
    tier_ids = rulebook.tiers.ids
    value_of = _tier_values(rulebook, tier_ids)
    rules = sorted({a.rule_index for a in actions})
    positive = {r: _Ledger(n, next(a.window for a in actions if a.rule_index == r), len(engine)) for r in rules}
    deductions = {w: _Ledger(n, int(w), len(engine)) for w in np.unique(negative.window)}
    tier = engine[0].tier.astype(np.int64)  # month 1 starts from the first month-end's tiers
    out = {k: [] for k in ("tiers", "districts", "groups", "cost", "uptake", "quantiles", "histogram")}
    district = dataset.people["district"]
    group = dataset.people["key_group"]
    for m, result in enumerate(engine, start=1):
        target_value = np.where(tier > 0, value_of[np.maximum(tier - 1, 0)] - value_of[np.clip(tier, 0, None)], 0.0)
        target_value[(tier <= 0) | (result.veto_floor >= tier)] = 0.0
        draws = rng.random((len(actions), n), dtype=np.float32)
        for action, u in zip(actions, draws, strict=True):
            chance = action_probability(
                np.float64(action.base), target_value, action.hours, elasticity, p.value_of_time
            )
            taken = u < chance
            if action.members is not None:
                taken &= action.members
            positive[action.rule_index].add(np.where(taken, action.points, 0.0))
            out["uptake"].append((m, name, action.record_type, int(taken.sum())))
        hit = rng.random(n, dtype=np.float32) < negative.rate
        kinds = rng.choice(len(negative.share), size=int(hit.sum()), p=negative.share)
        for w, ledger in deductions.items():
            monthly = np.zeros(n)
            chosen = negative.window[kinds] == w
            monthly[np.flatnonzero(hit)[chosen]] = negative.points[kinds[chosen]]
            ledger.add(monthly)
        value = _scores(result, rulebook, actions, positive, deductions)
        cutoffs = tier_cutoffs(value[result.eligible], rulebook.tiers)
        tier = np.maximum(
            assign_tiers(value, result.eligible, cutoffs), np.where(result.eligible, result.veto_floor, -1)
        )
        _record(out, m, name, value, tier, result, tier_ids, value_of, rulebook, district, group)
    return (
        pd.DataFrame(out["tiers"], columns=["month", "path", "tier", "share"]),
        pd.DataFrame(out["districts"], columns=["month", "path", "district", "mean_score"]),
        pd.DataFrame(out["groups"], columns=["month", "path", "key_group", "mean_score"]),
        pd.DataFrame(out["cost"], columns=["month", "path", "cost_yuan"]),
        pd.DataFrame(out["uptake"], columns=["month", "path", "record_type", "actions"]),
        pd.DataFrame(out["quantiles"], columns=["month", "path", *QUANTILE_COLUMNS]),
        pd.DataFrame(out["histogram"], columns=["month", "path", "low", "high", "share"]),
    )


def _tier_values(rulebook: Rulebook, tier_ids: tuple[str, ...]) -> np.ndarray:
    """Yuan a year the tier-conditioned incentives give a person of each tier (and 0 unscored, last)."""
    values = np.zeros(len(tier_ids) + 1)
    for incentive in rulebook.incentives:
        for tier in incentive.tiers:
            values[tier_ids.index(tier)] += incentive.unit_cost_yuan * incentive.uptake
    return values


def _scores(result, rulebook, actions, positive, deductions) -> np.ndarray:
    """The engine's score with the simulated points: a rule's upper cap and its dimension's on the
    room the engine's points leave (a person at a cap in the data gains nothing more from it),
    clipped to the score range."""
    dims = result.dimension_points()
    added = np.zeros(len(result.score))
    by_dimension: dict[int, np.ndarray] = {}
    for r, ledger in positive.items():
        action = next(a for a in actions if a.rule_index == r)
        room = action.cap - _rule_points(result, r) if math.isfinite(action.cap) else action.cap
        points = np.minimum(ledger.total, np.maximum(room, 0))
        by_dimension[action.dimension] = by_dimension.get(action.dimension, 0) + points
    for d, points in by_dimension.items():
        cap = rulebook.dimensions[d].cap_high
        added += points if cap is None else np.minimum(points, np.maximum(cap - dims[:, d], 0))
    for ledger in deductions.values():
        added -= ledger.total
    s = rulebook.score
    return np.where(result.eligible, np.clip(result.score + added, s.min, s.max), np.nan)


def _rule_points(result, rule_index: int) -> np.ndarray:
    """Each person's points from one rule in the engine's result (after the rule's caps)."""
    plan = result.plan
    ranks = np.flatnonzero(plan.rank_rule == rule_index)  # a rule has one rank, or none if nobody has its records
    if not len(ranks):
        return np.zeros(len(result.score))
    mine = plan.seg_rank == ranks[0]
    return np.bincount(plan.seg_rows[mine], weights=result.segment_points[mine], minlength=len(result.score))


def _record(out, m, name, value, tier, result, tier_ids, value_of, rulebook, district, group) -> None:
    eligible = result.eligible
    counts = np.bincount(tier[eligible], minlength=len(tier_ids))
    for t, tier_id in enumerate(tier_ids):
        out["tiers"].append((m, name, tier_id, counts[t] / max(eligible.sum(), 1)))
    for key, column in (("districts", district), ("groups", group)):
        codes = column.cat.codes.to_numpy()[eligible]
        total = np.bincount(codes, weights=value[eligible], minlength=len(column.cat.categories))
        people = np.bincount(codes, minlength=len(column.cat.categories))
        for c, category in enumerate(column.cat.categories):
            out[key].append((m, name, category, total[c] / people[c] if people[c] else np.nan))
    yearly = value_of[np.where(eligible, tier, len(tier_ids))].sum()
    red = sum(i.unit_cost_yuan * i.uptake for i in rulebook.incentives if "red" in i.lists)
    out["cost"].append((m, name, (yearly + red * result.red_list.sum()) / 12))
    _distribution(out, m, name, value[eligible], rulebook)


def _distribution(out, m, name, scores: np.ndarray, rulebook: Rulebook) -> None:
    """The eligible people's quantiles and their share per bin (one pass each, whatever the
    population; NaN quantiles and no shares with nobody eligible)."""
    s = rulebook.score
    quantiles = np.quantile(scores, QUANTILES) if len(scores) else np.full(len(QUANTILES), np.nan)
    out["quantiles"].append((m, name, *quantiles.tolist()))
    edges = np.linspace(s.min, s.max, BINS + 1)
    index = np.clip(((scores - s.min) / (s.max - s.min) * BINS).astype(np.int64), 0, BINS - 1)
    shares = np.bincount(index, minlength=BINS) / max(len(scores), 1)
    for b in range(BINS):
        out["histogram"].append((m, name, float(edges[b]), float(edges[b + 1]), float(shares[b])))
