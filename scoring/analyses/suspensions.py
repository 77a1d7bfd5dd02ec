"""Records suspended from scoring on a date because an objection to them is open, and what the
suspensions do to the scores (pages/objections.py).

The engine keeps a disputed record out of the score from the day of the dispute until the
resolution that answers it (`scoring.engine.compiled.counting_intervals`); a revoked record does
not count either way, so it is not suspended. Scores without the suspensions are the same people
scored as if nobody had objected: only the people with a suspended record are rescored, from a
dataset of just them without dispute and resolution events (`without_objections`). Everyone
else's score is the same either way, because an objection closed by the as-of date has already
ended its suspension. At 1 M people this costs a compile and score of the few thousand people
touched, plus, for quantile tiers, one sort of all scores for the cut-offs they move.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError, day
from scoring.dataset import EVENTS, Dataset
from scoring.engine import ScoreResult, compile_dataset, score
from scoring.engine.scorer import assign_tiers, tier_cutoffs

EFFECT_COLUMNS = ("with_suspensions", "without_suspensions", "change")
_OBJECTION_EVENTS = ("disputed", "resolved")
_MANIFEST_SIZES = ("sizes", "people", "records", "events")  # the sizes a smaller dataset no longer has


def suspended_records(dataset: Dataset, as_of) -> pd.DataFrame:
    """The records (record_id, person_id; by record id) with an objection open at the end of
    `as_of` (more disputes than resolutions dated up to it, a day's netted as the engine nets
    them) and not revoked by then."""
    today = day(as_of, "as_of")
    events = dataset.events
    code = events["event"].cat.codes.to_numpy()
    known = events["date"].to_numpy().astype("datetime64[D]") <= today
    step = np.where(code == EVENTS.index("disputed"), 1, 0) - np.where(code == EVENTS.index("resolved"), 1, 0)
    record = events["record_id"].to_numpy()
    mine = known & (step != 0)
    open_now = pd.Series(step[mine]).groupby(record[mine]).sum()
    person = pd.Series(events["person_id"].to_numpy()[mine]).groupby(record[mine]).first()
    revoked = np.unique(record[known & (code == EVENTS.index("revoked"))])
    suspended = open_now.index[(open_now > 0).to_numpy() & ~np.isin(open_now.index, revoked)]
    return pd.DataFrame({"record_id": suspended.to_numpy(np.int64), "person_id": person[suspended].to_numpy(np.int64)})


def without_objections(dataset: Dataset, people: np.ndarray | None = None) -> Dataset:
    """The dataset without its dispute and resolution events, so that every record counts as if
    nobody had objected; with `people` (ids), only they, renumbered 0 … k-1 in id order."""
    events = dataset.events
    kept = ~np.isin(events["event"].cat.codes.to_numpy(), [EVENTS.index(e) for e in _OBJECTION_EVENTS])
    if people is None:
        return replace(dataset, events=events[kept].reset_index(drop=True))
    ids = np.unique(np.asarray(people, dtype=np.int64))
    if len(ids) and (ids[0] < 0 or ids[-1] >= len(dataset.people)):
        raise AnalysisInputError(f"people: expected person ids 0 … {len(dataset.people) - 1}, got {ids[0]} … {ids[-1]}")

    def only(frame: pd.DataFrame, keep: np.ndarray | None = None) -> pd.DataFrame:
        person = frame["person_id"].to_numpy()
        chosen = np.isin(person, ids) if keep is None else keep & np.isin(person, ids)
        out = frame[chosen].reset_index(drop=True)
        return out.assign(person_id=np.searchsorted(ids, out["person_id"].to_numpy()).astype(frame["person_id"].dtype))

    manifest = {k: v for k, v in dataset.manifest.items() if k not in _MANIFEST_SIZES}
    return Dataset(
        people=only(dataset.people),
        records=only(dataset.records),
        events=only(events, kept),
        manifest=manifest,
        truth=None if dataset.truth is None else only(dataset.truth),
        catalogues=dataset.catalogues,
    )


def scores_without_suspensions(
    result: ScoreResult, dataset: Dataset, people: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Score and tier per person (as `result.score`, `result.tier`) had nobody objected:
    `people` (the ids with a suspended record on the result's date) rescored without their
    objections, the rest as they are; quantile cut-offs recomputed over everyone."""
    people = np.unique(np.asarray(people, dtype=np.int64))
    final, tier = result.score.copy(), result.tier.copy()
    if not len(people):
        return final, tier
    alone = score(compile_dataset(without_objections(dataset, people), result.compiled.as_of), result.rulebook)
    final[people] = alone.score
    if result.rulebook.tiers.mode == "absolute":
        tier[people] = alone.tier  # the cut-offs do not depend on anyone else
        return final, tier
    floor = np.asarray(result.veto_floor).copy()
    floor[people] = alone.veto_floor
    eligible = result.eligible
    cutoffs = tier_cutoffs(final[eligible], result.rulebook.tiers)
    tier = np.maximum(assign_tiers(final, np.ones(len(final), dtype=bool), cutoffs), floor).astype(np.int8)
    tier[~eligible] = -1
    return final, tier


def suspension_effect(result: ScoreResult, score_without: np.ndarray, tier_without: np.ndarray) -> pd.DataFrame:
    """The mean score of the scored people and each tier's share of them (rows `mean_score`, then
    the tier ids), with the suspensions (the engine's scores), without them and the change."""
    eligible = result.eligible
    if len(score_without) != len(eligible) or len(tier_without) != len(eligible):
        raise AnalysisInputError(
            f"score_without, tier_without: {len(score_without)} and {len(tier_without)} values for "
            f"{len(eligible)} people; expected one per person of the result"
        )
    n = int(eligible.sum())

    def figures(scores: np.ndarray, tiers: np.ndarray) -> np.ndarray:
        if not n:
            return np.full(1 + len(result.tier_ids), np.nan)
        shares = np.bincount(tiers[eligible], minlength=len(result.tier_ids)) / n
        return np.concatenate([[scores[eligible].mean()], shares])

    before, after = figures(result.score, result.tier), figures(score_without, np.asarray(tier_without))
    return pd.DataFrame(
        {"with_suspensions": before, "without_suspensions": after, "change": after - before},
        index=pd.Index(["mean_score", *result.tier_ids], name="figure"),
    )
