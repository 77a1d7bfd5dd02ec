"""The credit-repair funnel (信用修复): of the black-list entries, how many are eligible for
repair, made a public credit commitment, took training or an interview, and were restored.

Eligibility is the rulebook's (`scoring.analyses.repair.repair_eligibility`): an entry may be
repaired once its minimum publicity period has passed. Each stage is a subset of the one
before, so the funnel never grows: an entry counts at a stage once it has reached every earlier
stage by the as-of date (a commitment signed before the minimum period ended counts from the day
the entry becomes eligible). A restoration before the minimum period ended is not a stage of the
funnel: it broke the rule, and is counted apart as restored early, judged on the day of the repair
(not on the as-of date), as the repair times count it. Training or an interview is a stage only for the severities the
rulebook requires it for; an entry of another severity passes it with its commitment.

Each entry also has a position on the as-of date (who is eligible when): restored, still in its
minimum period, repairable, missing a step, or publicity ended by itself at the maximum period.
The data records neither the fulfilment of obligations nor credit reports; both are taken as met,
so "missing a step" means a missing commitment or training.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError, day, days, group_codes, same_length
from scoring.analyses.repair import STATUSES, RepairInputError, repair_eligibility
from scoring.rulebook import Repair

STAGES = ("listed", "eligible", "committed", "trained", "restored")
POSITIONS = ("restored", *STATUSES)


def repair_positions(
    repair: Repair,
    as_of,
    *,
    severity: Sequence[str] | np.ndarray,
    listed_on: np.ndarray,
    committed_on: np.ndarray,
    trained_on: np.ndarray,
    repaired_on: np.ndarray,
) -> pd.DataFrame:
    """One row per black-list entry: `earliest_repair_date`, `position` (categorical over
    POSITIONS), `stage` (index into STAGES of the last stage reached) and `repaired_early` (restored
    on a day before its minimum period ended, as `repair_times` counts "before_min": such a
    repair is a finding, not a stage of the funnel, whether or not the period has ended since). The `*_on` steps are
    each entry's first such step on or after its listing, NaT for none; steps after `as_of` are
    not known yet. An entry listed after `as_of` is refused (it does not exist yet)."""
    as_of_day = day(as_of, "as_of")
    sev = np.asarray(severity, dtype=object)
    listed = days(listed_on, "listed_on")
    same_length("listed_on", listed, "severity", len(sev))
    done = {}
    for name, values in (("committed_on", committed_on), ("trained_on", trained_on), ("repaired_on", repaired_on)):
        steps = np.asarray(values).astype("datetime64[D]")
        same_length(name, steps, "severity", len(sev))
        early = ~np.isnat(steps) & (steps < listed)
        if early.any():
            first = int(np.flatnonzero(early)[0])
            raise AnalysisInputError(f"{name} {steps[first]} at position {first} is before its listing {listed[first]}")
        done[name] = ~np.isnat(steps) & (steps <= as_of_day)
    committed, trained, repaired = done["committed_on"], done["trained_on"], done["repaired_on"]
    try:
        check = repair_eligibility(
            repair, sev, listed, as_of_day,
            obligations_met=True, committed=committed, trained=trained, has_report=True,
        )  # fmt: skip
    except RepairInputError as exc:
        raise AnalysisInputError(str(exc)) from None
    earliest = check["earliest_repair_date"].to_numpy().astype("datetime64[D]")
    eligible = earliest <= as_of_day
    early = repaired & (np.asarray(repaired_on).astype("datetime64[D]") < earliest)
    trained_if_needed = trained | ~np.isin(sev, list(repair.training_for))
    reached = np.stack([eligible, committed, trained_if_needed, repaired & ~early])
    stage = np.logical_and.accumulate(reached, axis=0).sum(axis=0)
    position = np.where(repaired, 0, check["status"].cat.codes.to_numpy() + 1)
    return pd.DataFrame(
        {
            "earliest_repair_date": check["earliest_repair_date"].to_numpy(),
            "position": pd.Categorical.from_codes(position, categories=POSITIONS),
            "stage": stage.astype(np.int8),
            "repaired_early": early,
        }
    )


def repair_funnel(
    stage: np.ndarray, codes: np.ndarray | None = None, labels: Sequence[str] | None = None
) -> pd.DataFrame:
    """Entries at each stage per group (label order, then `total`): a column per STAGES entry,
    each the entries whose `stage` reached it, and `restored_share` = restored / eligible (NaN
    with nobody eligible)."""
    stage = np.asarray(stage)
    bad = (stage < 0) | (stage >= len(STAGES))
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise AnalysisInputError(f"stage: {stage[first].item()!r} at position {first}; expected 0 … {len(STAGES) - 1}")
    codes, labels = group_codes(codes, labels, len(stage))
    counts = _cross(codes, stage.astype(np.intp), len(labels), len(STAGES))
    at_least = counts[:, ::-1].cumsum(axis=1)[:, ::-1]  # reached stage k = at stage k or later
    rows = pd.DataFrame(np.vstack([at_least, at_least.sum(axis=0)]), columns=list(STAGES))
    rows.insert(0, "group", [*labels, "total"])
    eligible = rows["eligible"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        rows["restored_share"] = np.where(eligible > 0, rows["restored"] / np.maximum(eligible, 1), np.nan)
    return rows


def position_counts(position: pd.Categorical, codes: np.ndarray, labels: Sequence[str]) -> pd.DataFrame:
    """Entries per group (label order, then `total`) in each position (a column per POSITIONS entry)."""
    codes, labels = group_codes(codes, labels, len(position))
    counts = _cross(codes, np.asarray(position.codes, dtype=np.intp), len(labels), len(POSITIONS))
    rows = pd.DataFrame(np.vstack([counts, counts.sum(axis=0)]), columns=list(POSITIONS))
    rows.insert(0, "group", [*labels, "total"])
    return rows


def _cross(rows: np.ndarray, columns: np.ndarray, n_rows: int, n_columns: int) -> np.ndarray:
    return np.bincount(rows * n_columns + columns, minlength=n_rows * n_columns).reshape(n_rows, n_columns)


def restored_accounts(
    stage: np.ndarray, position: pd.Categorical, repaired_early: np.ndarray, person: np.ndarray
) -> dict[str, int]:
    """How the page's three "restored" figures meet: records restored on the as-of date (the
    positions table) = restored in the funnel + restored before their minimum period ended (on
    the day of the repair, the repair times' "before the minimum") + restored without a recorded
    commitment or required training; the people they belong to are participation's "repair
    completed". Likewise the entries outside the minimum period on the as-of date (positions) =
    eligible (funnel) + those restored early that are still inside it."""
    stage = np.asarray(stage)
    restored = np.asarray(position == "restored")
    in_funnel = int((stage == len(STAGES) - 1).sum())
    early = int((restored & np.asarray(repaired_early)).sum())
    return {
        "in_funnel": in_funnel,
        "before_minimum": early,
        "without_step": int(restored.sum()) - in_funnel - early,
        "records": int(restored.sum()),
        "people": len(np.unique(np.asarray(person)[restored])),
        "eligible": int((stage >= 1).sum()),
        "early_in_minimum": int((restored & (stage == 0)).sum()),
        "outside_minimum": int((np.asarray(position != "publicised_min_period")).sum()),
    }
