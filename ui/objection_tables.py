"""The Objections page's tables (issue 13): the backlog in the period and the time to answer
per deciding department or per district of the disputed person, translated once so that the
table on screen and its download are the same."""

from __future__ import annotations

import pandas as pd

from scoring.catalogues import load_catalogues
from ui import fmt
from ui.i18n import t
from ui.tables import group_label, percent_column, text_column, with_total

_BACKLOG_SUMS = ("opened", "answered", "in_time", "late")
_BACKLOG_ENDS = ("open_at_end", "overdue_at_end")
_TIMES = ("answered", "in_time", "in_time_share", "median_days", "open_now", "overdue_now", "oldest_open_days")


def _label(breakdown: str, group: str) -> str:
    if breakdown == "department" and group != "total":
        return fmt.name(next(d for d in load_catalogues().departments if d.id == group))
    return group_label(breakdown, group)


def _first_column(breakdown: str) -> str:
    return t("col.department") if breakdown == "department" else t(f"dim.{breakdown}")


def backlog_table(backlog: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    """Objections in the period per group (raised, answered, in time, late) and open and
    overdue on the last day, with a total; groups without any left out."""
    last = backlog[backlog["month"] == backlog["month"].max()].set_index("group")[list(_BACKLOG_ENDS)]
    sums = backlog.groupby("group", sort=False)[list(_BACKLOG_SUMS)].sum()
    table = sums.join(last).astype("int64")
    table = with_total(table[(table != 0).any(axis=1)])
    table = table.set_axis([t(f"objections.col.{c}") for c in table.columns], axis=1)
    table.insert(0, _first_column(breakdown), [_label(breakdown, g) for g in table.index])
    return table.reset_index(drop=True)


def backlog_totals(backlog: pd.DataFrame) -> pd.DataFrame:
    return backlog.groupby("month")[["open_at_end", "overdue_at_end"]].sum()


def resolution_table(times: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    """Per group: answered in the period, in time and its share, median days, and on the as-of
    date open, overdue and the longest wait; groups with no objection at all left out."""
    busy = (times["answered"] > 0) | (times["open_now"] > 0) | (times["group"] == "total")
    times = times[busy]
    table = times[list(_TIMES)].set_axis([t(f"objections.col.{c}") for c in _TIMES], axis=1)
    table.insert(0, _first_column(breakdown), [_label(breakdown, g) for g in times["group"]])
    return table.reset_index(drop=True)


def resolution_columns(breakdown: str) -> dict:
    return {**name_columns(breakdown), t("objections.col.in_time_share"): percent_column(bar=True)}


def name_columns(breakdown: str) -> dict:
    """The department or district names, wide enough to read whole."""
    return {_first_column(breakdown): text_column(200, pinned=True)}


def overdue_groups(times: pd.DataFrame, breakdown: str) -> list[str]:
    """The groups with objections open past the limit on the as-of date, most overdue first."""
    late = times[(times["group"] != "total") & (times["overdue_now"] > 0)].sort_values("overdue_now", ascending=False)
    return [_label(breakdown, g) for g in late["group"]]


_SHARES = ("with_suspensions", "without_suspensions", "change")


def suspension_table(effect: pd.DataFrame, rulebook) -> pd.DataFrame:
    """`suspensions.suspension_effect`'s tier shares: each tier's share of the scored people as
    scored (records under objection left out), had nobody objected, and the change."""
    names = fmt.tier_names(rulebook)
    shares = effect.drop(index="mean_score")
    table = shares[list(_SHARES)].set_axis([t(f"objections.col.share_{c}") for c in _SHARES], axis=1)
    table.insert(0, t("col.tier"), [names[tier] for tier in shares.index])
    return table.reset_index(drop=True)


def suspension_columns() -> dict:
    return {t(f"objections.col.share_{c}"): percent_column() for c in _SHARES}
