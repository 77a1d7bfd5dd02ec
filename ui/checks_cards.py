"""The checks as cards a reader can scan: one per check, its verdict and name as the title
(failed and flagged checks open), the finding, the rules and elements behind it, the legal
baseline with its date and status, and the rulebook's explanation. The cards read the same
translated table the download offers, so the two never say different things."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.i18n import t
from ui.plain import bold, plain
from ui.tables import EMPTY

_DETAILS = ("rules", "elements", "explanation")


def finding_cards(table: pd.DataFrame, verdicts: list[str]) -> None:
    """`table` from checks_tables.findings_table, `verdicts` its rows' verdict codes."""
    column = {name: t(f"checks.col.{name}") for name in ("check", "verdict", "finding", *_DETAILS, "baseline")}
    for (_, row), verdict in zip(table.iterrows(), verdicts, strict=True):
        title = f"{row[column['verdict']]} · {row[column['check']]}"
        with st.expander(plain(title), expanded=verdict != "pass"):
            st.markdown(plain(row[column["finding"]]))
            for name in _DETAILS:
                if row[column[name]] != EMPTY:
                    st.markdown(t("checks.detail", label=bold(column[name]), value=plain(row[column[name]])))
            st.caption(
                t(
                    "checks.baseline_line", baseline=plain(row[column["baseline"]]),
                    date=row[t("checks.col.baseline_date")], status=row[t("checks.col.baseline_status")],
                )
            )  # fmt: skip
