"""The Lists page's tables (issue 13), translated once so that the table on screen and its
download are the same: one month of the red and black lists as a report to the city, per
listing authority, district or key group, and the month-end sizes the charts draw."""

from __future__ import annotations

import pandas as pd

from ui import fmt
from ui.i18n import t
from ui.tables import group_label, with_total

_COLUMNS = {
    ("red", "start_size"): "red_start", ("red", "entries"): "red_entries", ("red", "exits"): "red_exits",
    ("red", "end_size"): "red_end", ("black", "start_size"): "black_start", ("black", "entries"): "black_entries",
    ("black", "exits"): "black_exits", ("black", "repaired_exits"): "black_repaired",
    ("black", "end_size"): "black_end",
}  # fmt: skip


def report_table(flows: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    """One month of `list_flows` as a report to the city: a row per group and a total, the red
    and the black list's start, entries, exits (black: of which by repair) and end. By listing
    authority the last row is the departments' sum, which counts a person listed by two
    departments twice, and says so."""
    wide = flows.pivot_table(index="group", columns="list", values=list({v for _, v in _COLUMNS}), sort=False)
    wide = wide.swaplevel(axis=1)[list(_COLUMNS)].astype("int64")
    wide.columns = [t(f"lists.col.{_COLUMNS[c]}") for c in wide.columns]
    wide = with_total(wide.reindex(flows["group"].unique()))
    labels = [group_label(breakdown, g) for g in wide.index]
    if breakdown == "department":
        wide = wide[(wide != 0).any(axis=1)]  # the departments that list nobody are left out
        labels = [t("lists.department_sum") if g == "total" else fmt.category(breakdown, g) for g in wide.index]
    wide.insert(0, t(f"dim.{breakdown}"), labels)
    return wide.reset_index(drop=True)


def sizes_by_group(flows: pd.DataFrame, breakdown: str, kind: str) -> pd.DataFrame:
    """Month-end sizes of one list (`kind`: red or black) per group with anyone on it in the
    period: one row per month, a column per group name, groups in catalogue order."""
    one = flows[flows["list"] == kind]
    sizes = one.pivot_table(index="month", columns="group", values="end_size", sort=False)
    sizes = sizes.loc[:, (sizes != 0).any(axis=0)].astype("int64")
    return sizes.set_axis([fmt.category(breakdown, g) for g in sizes.columns], axis=1)


def series_table(flows: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    """Every month of the period in the report's form (`report_table`), one after the other, each
    row headed by its month: the monthly series behind the chart, for a download."""
    months = sorted(flows["month"].unique())
    return pd.concat(
        [with_month(report_table(flows[flows["month"] == m], breakdown), m) for m in months], ignore_index=True
    )


def with_month(report: pd.DataFrame, month) -> pd.DataFrame:
    """`report` with its month as the first column: a downloaded report says which month it is
    even away from the page's heading."""
    return report.assign(**{t("lists.month"): fmt.month(month)})[[t("lists.month"), *report.columns]]
