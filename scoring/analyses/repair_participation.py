"""Credit-repair participation against the rulebook's target: of the people blacklisted in a
period, how many took part in credit repair (a public commitment, training or an interview) and
how many completed it, per group (district), beside the target share (常州: 50 %) and the
stretch share (90 %) the rulebook sets.

People, not records, are counted: a person blacklisted for two records is one blacklisted
person, and takes part once any of their blacklisted records has a repair step. A step counts
when it is dated on or before the as-of date and on or after the listing it belongs to. The
funnel never grows: blacklisted >= took part >= completed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError, day, days, group_codes, person_ids, same_length
from scoring.rulebook import RepairTargets

STEPS = ("committed", "trained", "repaired")
COLUMNS = (
    "group", "blacklisted", "took_part", "committed", "trained", "repaired", "share", "completed_share",
    "target", "stretch", "short_of_target", "short_of_stretch", "meets_target", "meets_stretch",
)  # fmt: skip


def repair_participation(
    targets: RepairTargets,
    n_people: int,
    as_of,
    since,
    *,
    listed_record: np.ndarray,
    listed_person: np.ndarray,
    listed_on: np.ndarray,
    step_record: np.ndarray,
    step: np.ndarray,
    step_on: np.ndarray,
    codes: np.ndarray | None = None,
    labels: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per group (label order, then `total`).

    `listed_*`: the black-list `listed` events (record id, person id, day); those from `since` to
    `as_of` make the cohort. `step_*`: the repair events (record id, one of STEPS, day).
    `share` = took part / blacklisted (NaN with nobody blacklisted); `short_of_target` = the
    people a group still needs to reach the target share (0 when met), and on the total row the
    sum of the groups' (whole people each, so the column adds up; the city as one pool could need
    fewer, as groups above target do not make up for those below)."""
    as_of_day, since_day = day(as_of, "as_of"), day(since, "since")
    if since_day > as_of_day:
        raise AnalysisInputError(f"since {since_day} is after as_of {as_of_day}; expected since on or before as_of")
    listed_record = np.asarray(listed_record, dtype=np.int64)
    people = person_ids(listed_person, "listed_person", n_people)
    listed_days = days(listed_on, "listed_on")
    same_length("listed_person", people, "listed_record", len(listed_record))
    same_length("listed_on", listed_days, "listed_record", len(listed_record))
    step_record = np.asarray(step_record, dtype=np.int64)
    steps = np.asarray(step, dtype=object)
    step_days = days(step_on, "step_on")
    same_length("step", steps, "step_record", len(step_record))
    same_length("step_on", step_days, "step_record", len(step_record))
    unknown = ~np.isin(steps, STEPS)
    if unknown.any():
        first = int(np.flatnonzero(unknown)[0])
        raise AnalysisInputError(f"step: {steps[first]!r} at position {first}; expected one of {list(STEPS)}")
    codes, labels = group_codes(codes, labels, n_people)

    cohort = (listed_days >= since_day) & (listed_days <= as_of_day)
    listings = pd.DataFrame({"record": listed_record[cohort], "person": people[cohort], "on": listed_days[cohort]})
    done = pd.DataFrame({"record": step_record, "step": steps, "on": step_days})
    done = done[done["on"] <= as_of_day].merge(listings, on="record", suffixes=("", "_listed"))
    done = done[done["on"] >= done["on_listed"]]
    blacklisted = np.unique(listings["person"].to_numpy())
    took = {s: np.unique(done.loc[done["step"] == s, "person"].to_numpy()) for s in STEPS}
    took_part = np.unique(np.concatenate(list(took.values())))

    def per_group(who: np.ndarray) -> np.ndarray:
        counts = np.bincount(codes[who], minlength=len(labels))
        return np.append(counts, counts.sum())

    rows = pd.DataFrame(
        {
            "group": [*labels, "total"],
            "blacklisted": per_group(blacklisted),
            "took_part": per_group(took_part),
            **{s: per_group(took[s]) for s in STEPS},
        }
    )
    n = rows["blacklisted"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        rows["share"] = np.where(n > 0, rows["took_part"] / np.maximum(n, 1), np.nan)
        rows["completed_share"] = np.where(n > 0, rows["repaired"] / np.maximum(n, 1), np.nan)
    rows["target"], rows["stretch"] = targets.share, targets.stretch
    rows["short_of_target"] = _short_of(n, rows["took_part"].to_numpy(), targets.share)
    rows["short_of_stretch"] = _short_of(n, rows["took_part"].to_numpy(), targets.stretch)
    for column in ("short_of_target", "short_of_stretch"):
        rows.loc[len(labels), column] = rows[column].iloc[:-1].sum()
    rows["meets_target"] = rows["short_of_target"] == 0
    rows["meets_stretch"] = rows["short_of_stretch"] == 0
    return rows[list(COLUMNS)]


def _short_of(blacklisted: np.ndarray, took_part: np.ndarray, share: float) -> np.ndarray:
    """People still needed for took_part / blacklisted >= share (0 when already there). The
    product is rounded to 9 decimals first, so that 0.5 × 10 is 5 people, not 5.000000001."""
    needed = np.ceil(np.round(blacklisted * share, 9)).astype(np.int64)
    return np.maximum(needed - took_part, 0)
