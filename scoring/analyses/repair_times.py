"""Time from black-listing to completed credit repair, per severity, against the rulebook's
minimum and maximum publicity periods (发改办财金〔2019〕527号: a record may be repaired after the
minimum period; publicity ends by itself at the maximum).

A repair before the minimum period is a finding (the rule says it may not happen); one after the
maximum is late (publicity should already have ended on its own). Months are whole calendar
months as everywhere (scoring.calendar): a repair on the day the minimum period ends is within.
The time from eligibility (the end of the minimum period) to restoration is the wait the repair
process itself adds; repairs before the minimum period have none and are left out of it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError, day, days, same_length
from scoring.calendar import add_months, months_elapsed
from scoring.rulebook import Repair

COLUMNS = (
    "severity", "listed", "repaired", "before_min", "within", "after_max", "median_months",
    "median_months_from_eligible", "min_months", "max_months",
)  # fmt: skip


def repair_times(
    repair: Repair,
    as_of,
    *,
    severity: Sequence[str] | np.ndarray,
    listed_on: np.ndarray,
    repaired_on: np.ndarray,
) -> pd.DataFrame:
    """One row per severity the rulebook sets periods for (its order). `repaired_on` is NaT for
    a listing not repaired; listings after `as_of` and repairs after it do not exist yet."""
    as_of_day = day(as_of, "as_of")
    sev = np.asarray(severity, dtype=object)
    listed = days(listed_on, "listed_on")
    repaired = np.asarray(repaired_on).astype("datetime64[D]")
    same_length("listed_on", listed, "severity", len(sev))
    same_length("repaired_on", repaired, "severity", len(sev))
    known = list(repair.min_months)
    unknown = ~np.isin(sev, known)
    if unknown.any():
        first = int(np.flatnonzero(unknown)[0])
        raise AnalysisInputError(
            f"severity: {sev[first]!r} at position {first}; this rulebook sets periods for {known}"
        )
    early = ~np.isnat(repaired) & (repaired < listed)
    if early.any():
        first = int(np.flatnonzero(early)[0])
        raise AnalysisInputError(
            f"repaired_on {repaired[first]} at position {first} is before its listing {listed[first]}"
        )

    exists = listed <= as_of_day
    done = exists & ~np.isnat(repaired) & (repaired <= as_of_day)
    rows = []
    for name in known:
        mine = exists & (sev == name)
        fixed = done & (sev == name)
        low, high = repair.min_months[name], repair.max_months[name]
        at = repaired[fixed]
        eligible_on = add_months(listed[fixed], low)
        before = at < eligible_on
        after = at >= add_months(listed[fixed], high)
        months = months_elapsed(listed[fixed], at)
        waited = months_elapsed(eligible_on[~before], at[~before])
        rows.append(
            {
                "severity": name,
                "listed": int(mine.sum()),
                "repaired": int(fixed.sum()),
                "before_min": int(before.sum()),
                "within": int((~before & ~after).sum()),
                "after_max": int(after.sum()),
                "median_months": _median(months),
                "median_months_from_eligible": _median(waited),
                "min_months": low,
                "max_months": high,
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _median(months: np.ndarray) -> float:
    return float(np.median(months)) if len(months) else np.nan
