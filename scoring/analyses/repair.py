"""Credit-repair eligibility (信用修复): where a published dishonesty record stands on a date.

Under 发改办财金〔2019〕527号 a record stays public for at least a minimum period that depends on
its severity; after that its subject may apply for repair once the decision is fulfilled and a
credit commitment is signed (serious cases also need training and a credit report); at the
maximum period publicity ends automatically. The periods and which severities need training or a
report come from a rulebook's `repair` section, so the pages can compare schemes.

Dates are calendar dates and periods calendar months, counted as everywhere in the project
(scoring.calendar): a month added to 2019-01-31 gives 2019-02-28, the last day of the shorter
month, as a month of publicity is counted in practice.

An as-of date before a record's decision date is an error, not a status: a decision taken after
the as-of date does not exist yet, and quietly calling it "publicised" would hide a data error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from scoring.calendar import add_months
from scoring.rulebook import Repair

RepairStatus = Literal["publicised_min_period", "repairable", "missing_requirements", "expired"]
STATUSES: tuple[RepairStatus, ...] = ("publicised_min_period", "repairable", "missing_requirements", "expired")
REQUIREMENTS = ("obligations", "commitment", "training", "report")
_SHOWN = 5  # positions quoted in an error message


class RepairInputError(ValueError):
    """Arguments the repair check cannot use; the message names the argument and the positions."""


@dataclass(frozen=True)
class RepairCheck:
    """One record's repair position (the scalar form of a `repair_eligibility` row)."""

    earliest_repair_date: dt.date
    auto_end_date: dt.date
    status: RepairStatus
    missing: tuple[str, ...]  # from REQUIREMENTS, whatever the status


def repair_eligibility(
    repair: Repair,
    severity: Sequence[str] | np.ndarray | pd.Series,
    decided_on: Sequence | np.ndarray | pd.Series,
    as_of: dt.date | str | np.datetime64 | pd.Timestamp,
    *,
    obligations_met: Sequence[bool] | np.ndarray | pd.Series | bool,
    committed: Sequence[bool] | np.ndarray | pd.Series | bool,
    trained: Sequence[bool] | np.ndarray | pd.Series | bool,
    has_report: Sequence[bool] | np.ndarray | pd.Series | bool,
) -> pd.DataFrame:
    """Repair position of many records at `as_of`, vectorised.

    `decided_on` is when the record was decided (or listed); the flags say what the subject has
    done by `as_of`, each either one value for all records or one per record. Returns one row per
    record (the index of `severity` if it is a Series) with `earliest_repair_date`,
    `auto_end_date` (datetime64[s]), `status` (categorical over STATUSES) and one boolean
    `missing_<requirement>` column per requirement. A record is "expired" from its auto-end date
    on, repairable from its earliest repair date on.
    """
    sev = np.asarray(severity, dtype=object)
    n = len(sev)
    index = severity.index if isinstance(severity, pd.Series) else pd.RangeIndex(n)
    known = sorted(repair.min_months)
    unknown = ~np.isin(sev, known)
    if unknown.any():
        values = sorted({str(v) for v in sev[unknown]})
        raise RepairInputError(
            f"severity: unknown value(s) {values} at positions {_positions(unknown)}; "
            f"this rulebook sets repair periods for {known}"
        )
    decided = _dates(decided_on, n)
    as_of_day = _as_of(as_of)
    early = decided > as_of_day
    if early.any():
        first = decided[early].min()
        raise RepairInputError(
            f"as_of {as_of_day} is before decided_on at positions {_positions(early)} (earliest {first}); "
            "a decision after the as-of date does not exist yet"
        )
    flags = {
        name: _flags(value, name, n)
        for name, value in (
            ("obligations_met", obligations_met),
            ("committed", committed),
            ("trained", trained),
            ("has_report", has_report),
        )
    }

    min_months = np.array([repair.min_months[s] for s in sev], dtype=np.int64)
    max_months = np.array([repair.max_months[s] for s in sev], dtype=np.int64)
    earliest = add_months(decided, min_months)
    auto_end = add_months(decided, max_months)
    missing = {
        "obligations": ~flags["obligations_met"],
        "commitment": ~flags["committed"],
        "training": np.isin(sev, repair.training_for) & ~flags["trained"],
        "report": np.isin(sev, repair.report_for) & ~flags["has_report"],
    }
    any_missing = np.logical_or.reduce(list(missing.values()))
    code = np.select(
        [as_of_day >= auto_end, as_of_day < earliest, any_missing],
        [STATUSES.index("expired"), STATUSES.index("publicised_min_period"), STATUSES.index("missing_requirements")],
        default=STATUSES.index("repairable"),
    )
    return pd.DataFrame(
        {
            "earliest_repair_date": earliest.astype("datetime64[s]"),
            "auto_end_date": auto_end.astype("datetime64[s]"),
            "status": pd.Categorical.from_codes(code, categories=STATUSES),
            **{f"missing_{name}": value for name, value in missing.items()},
        },
        index=index,
    )


def repair_status(
    repair: Repair,
    severity: str,
    decided_on: dt.date,
    as_of: dt.date,
    *,
    obligations_met: bool = False,
    committed: bool = False,
    trained: bool = False,
    has_report: bool = False,
) -> RepairCheck:
    """One record's repair position; the flags default to "not done yet"."""
    row = repair_eligibility(
        repair,
        [severity],
        [decided_on],
        as_of,
        obligations_met=obligations_met,
        committed=committed,
        trained=trained,
        has_report=has_report,
    ).iloc[0]
    return RepairCheck(
        earliest_repair_date=row["earliest_repair_date"].date(),
        auto_end_date=row["auto_end_date"].date(),
        status=row["status"],
        missing=tuple(name for name in REQUIREMENTS if row[f"missing_{name}"]),
    )


def _dates(values, n: int) -> np.ndarray:
    raw = np.asarray(values)
    if raw.ndim != 1:
        raise RepairInputError("decided_on: expected one date per record")
    try:
        days = pd.DatetimeIndex(pd.to_datetime(raw))
    except (ValueError, TypeError) as exc:
        raise RepairInputError(f"decided_on: not dates ({exc})") from None
    if len(days) != n:
        raise RepairInputError(f"decided_on has {len(days)} items, severity has {n}")
    missing = np.asarray(days.isna())
    if missing.any():
        raise RepairInputError(f"decided_on: missing date at positions {_positions(missing)}")
    return days.to_numpy().astype("datetime64[D]")


def _as_of(value) -> np.datetime64:
    try:
        day = pd.Timestamp(value)
    except (ValueError, TypeError) as exc:
        raise RepairInputError(f"as_of: not a date ({exc})") from None
    if pd.isna(day):
        raise RepairInputError("as_of: missing date")
    return np.datetime64(day.date(), "D")


def _flags(value, name: str, n: int) -> np.ndarray:
    flags = np.asarray(value)
    if flags.dtype != bool:
        raise RepairInputError(f"{name}: expected booleans, got {flags.dtype}")
    if flags.ndim == 0:
        return np.full(n, bool(flags))
    if len(flags) != n:
        raise RepairInputError(f"{name} has {len(flags)} items, severity has {n}")
    return flags


def _positions(mask: np.ndarray) -> str:
    where = np.flatnonzero(mask)
    shown = ", ".join(str(i) for i in where[:_SHOWN])
    more = f", … ({len(where)} in all)" if len(where) > _SHOWN else ""
    return f"[{shown}{more}]"
