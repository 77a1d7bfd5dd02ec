"""Legality and proportionality checks (issue 17): the working rulebook, and the data it scores
on the as-of date, checked against the national limits (scoring/checks): a summary of verdicts,
then one card per check (failed and flagged ones open) and the same as a table, each with its
verdict, the rules and elements that cause it, the legal baseline with its date and status, and
the rulebook's explanation where it gives one."""

import streamlit as st

from ui import checks_tables, data, fmt, tables
from ui.checks_cards import finding_cards
from ui.export import download_table
from ui.frame import frame
from ui.i18n import t

view = frame()
working, rulebook = view.working, view.rulebook
st.title(t("checks.title"))
st.caption(t("checks.intro"))

findings = data.checks(view.people, view.seed, view.as_of, working.hash, rulebook)
counts = checks_tables.verdict_counts(findings)
for column, verdict in zip(st.columns(3), ("pass", "warn", "fail"), strict=True):
    column.metric(t(f"checks.metric.{verdict}"), fmt.count(counts[verdict]))

table = checks_tables.findings_table(findings, rulebook)
finding_cards(table, [found.verdict for found in findings])

st.subheader(t("checks.table_heading"))
tables.show(table, key="checks.table")
download_table(table, "checks", "findings", working, view.as_of)
st.caption(t("checks.baseline_note"))
