"""The Credit repair page's tables (issue 13), translated once so that the table on screen and
its download are the same: the funnel, positions on the as-of date, participation against the
rulebook's target, time to repair, and the rulebook values they use with status and source."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.analyses.repair_funnel import POSITIONS, STAGES
from scoring.analyses.small_cells import hide_small_cells
from ui import fmt
from ui.i18n import t
from ui.tables import group_label, percent_column, text_column, values_table


def _group(breakdown: str, group: str) -> str:
    """A district, key group or severity, or the total."""
    if breakdown == "severity" and group != "total":
        return t(f"severity.{group}")
    return group_label(breakdown, group)


def _first_column(breakdown: str) -> str:
    return t("col.severity") if breakdown == "severity" else t(f"dim.{breakdown}")


def stage_names() -> list[str]:
    return [t(f"repair.stage.{s}") for s in STAGES]


def funnel_table(funnel: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    """Entries at each stage per group and the restored share of the eligible."""
    table = funnel[[*STAGES, "restored_share"]].set_axis([*stage_names(), t("repair.col.restored_share")], axis=1)
    table.insert(0, _first_column(breakdown), [_group(breakdown, g) for g in funnel["group"]])
    return table


def funnel_columns(breakdown: str) -> dict:
    return {_first_column(breakdown): text_column(), t("repair.col.restored_share"): percent_column()}


def name_columns(breakdown: str) -> dict:
    return {_first_column(breakdown): text_column()}


def positions_table(counts: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    """Entries per group in each position on the as-of date (restored, still in the minimum
    period, repairable, missing a step, publicity ended)."""
    table = counts[list(POSITIONS)].set_axis([t(f"repair.position.{p}") for p in POSITIONS], axis=1)
    table.insert(0, _first_column(breakdown), [_group(breakdown, g) for g in counts["group"]])
    return table


_PARTICIPATION = (
    "blacklisted", "took_part", "committed", "trained", "repaired", "share", "completed_share",
    "short_of_target", "short_of_stretch",
)  # fmt: skip


def hide_small_groups(rows: pd.DataFrame, minimum: int) -> pd.DataFrame:
    """`repair_participation` rows with every figure of a group of fewer black-listed people than
    `minimum` (and more than none) withheld as NaN: a share of a handful of people points at them
    (the Compare page's rule, `small_cells`); `meets_target` of such a group is unknown (False)."""
    figures = list(_PARTICIPATION)
    sizes = rows["blacklisted"].to_numpy(dtype=np.int64)
    counts = pd.DataFrame(np.repeat(sizes[:, None], len(figures), axis=1), index=rows.index, columns=figures)
    hidden = rows.copy()
    hidden[figures] = hide_small_cells(rows[figures], counts, minimum, ("columns",))  # groups add up to the total
    hidden["meets_target"] = rows["meets_target"] & hidden["share"].notna()
    return hidden


def participation_table(rows: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    table = rows[list(_PARTICIPATION)].set_axis([t(f"repair.col.{c}") for c in _PARTICIPATION], axis=1)
    table.insert(0, t(f"dim.{breakdown}"), [group_label(breakdown, g) for g in rows["group"]])
    return table


def participation_columns(breakdown: str) -> dict:
    return {
        t(f"dim.{breakdown}"): text_column(200, pinned=True),
        t("repair.col.share"): percent_column(bar=True),
        t("repair.col.completed_share"): percent_column(),
    }


_TIMES = (
    "listed", "repaired", "before_min", "within", "after_max", "median_months", "median_months_from_eligible",
    "min_months", "max_months",
)  # fmt: skip
MONTHS_COLUMNS = ("median_months", "median_months_from_eligible")  # shown at one decimal


def repair_times_table(times: pd.DataFrame) -> pd.DataFrame:
    names = {c: t(f"repair.col.{'repaired_records' if c == 'repaired' else c}") for c in _TIMES}
    table = times[list(_TIMES)].rename(columns=names)
    table.insert(0, t("col.severity"), [t(f"severity.{s}") for s in times["severity"]])
    return table


def repair_times_decimals() -> dict[str, int]:
    return {t(f"repair.col.{c}"): 1 for c in MONTHS_COLUMNS}


def repair_values_table(rulebook) -> pd.DataFrame:
    """The target, the stretch and each severity's publicity periods, with status and source."""
    repair = rulebook.repair
    rows = [
        (t("lists.value.target"), fmt.percent(repair.targets.share), repair, "targets"),
        (t("lists.value.stretch"), fmt.percent(repair.targets.stretch), repair, "targets"),
    ]
    rows.append((t("repair.value.training_for"), _severities(repair.training_for), repair, "training_for"))
    rows.append((t("repair.value.report_for"), _severities(repair.report_for), repair, "report_for"))
    for severity in repair.min_months:
        name = t(f"severity.{severity}")
        rows.append(
            (t("lists.value.min_months", severity=name), str(repair.min_months[severity]), repair, "min_months")
        )
        rows.append(
            (t("lists.value.max_months", severity=name), str(repair.max_months[severity]), repair, "max_months")
        )
    return values_table(rulebook, rows)


def _severities(severities) -> str:
    return t("lists.separator").join(t(f"severity.{s}") for s in severities) if severities else t("repair.none")


def reconciliation(accounts: dict[str, int]) -> str:
    """One line saying how the funnel's, the positions table's and participation's "restored"
    figures meet (`repair_funnel.restored_accounts`), with the numbers."""
    unstepped = accounts["without_step"]
    extra = t("repair.reconcile_unstepped", count=fmt.count(unstepped)) if unstepped else ""
    return t(
        "repair.reconcile", in_funnel=fmt.count(accounts["in_funnel"]), early=fmt.count(accounts["before_minimum"]),
        unstepped=extra, records=fmt.count(accounts["records"]), people=fmt.count(accounts["people"]),
        eligible=fmt.count(accounts["eligible"]), early_now=fmt.count(accounts["early_in_minimum"]),
        outside=fmt.count(accounts["outside_minimum"]),
    )  # fmt: skip
