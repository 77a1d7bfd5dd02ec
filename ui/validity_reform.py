"""The Validity page's PSI between a baseline rulebook and the working one (the reform), on the
same people and as-of date (pages/validity.py): the baseline is picked and scored as for the
evaluation pack, the index comes from scoring/validity/reform_stability.py and is shown as the
PSI between two dates is (metric, verdict band, paired bars, per-bin table)."""

from __future__ import annotations

import streamlit as st

from scoring.analyses.movers import LaddersDiffer
from scoring.validity.reform_stability import reform_basis, reform_psi
from scoring.validity.stability import psi_total, verdict
from ui import plots, rulebooks, validity_charts, validity_tables
from ui.export import chart_file, download_table
from ui.frame import View, scores_of
from ui.i18n import current_language, t
from ui.plain import bold
from ui.tables import show


def _scale(result) -> str:
    score = result.rulebook.score
    return f"{score.min:g}–{score.max:g}"


def section(view: View, page: str) -> None:
    """Pick a baseline, then the index, its verdict, the two distributions and the table; a
    message instead when the two rulebooks share neither a score range nor a ladder length."""
    lang = current_language()  # bound into format_func: AppTest calls it outside the session
    left, right = st.columns(2)
    baseline = rulebooks.baseline_picker(t("validity.psi_reform.baseline"), "validity.baseline", view.working, left)
    if baseline.hash == view.working.hash:
        st.info(t("validity.psi_reform.same"))
    before, after = scores_of(view, baseline), view.result
    scales = {"baseline": _scale(before), "reform": _scale(after)}
    try:
        basis = reform_basis(before, after)
    except LaddersDiffer:
        st.info(t("validity.psi_reform.refused", **scales, baseline_tiers=len(before.tier_ids),
                  reform_tiers=len(after.tier_ids)))  # fmt: skip
        return
    if basis == "scores":
        bins = right.segmented_control(
            t("validity.stability_bins"), ("tiers", "deciles"), default="tiers", required=True,
            format_func=lambda b: t(f"validity.bins.{b}", lang), key="validity.reform_bins",
        )  # fmt: skip
    else:
        bins = "tiers"
        st.caption(t("validity.psi_reform.on_tiers", **scales))
    psi = reform_psi(before, after, bins)
    value = psi_total(psi)
    st.metric(t("validity.psi_reform.psi"), f"{value:.3f}")
    st.markdown(bold(t(f"validity.verdict.{verdict(value)}")))
    shifts = validity_tables.reform_stability_table(psi, before.rulebook, after.rulebook)
    bin_column = shifts.columns[0]
    sides = [t(f"validity.psi_reform.side.{s}") for s in ("reform", "baseline")]
    chart = validity_charts.paired_bars(
        validity_tables.chart_bins(psi, shifts), psi["other_share"].to_numpy(), psi["baseline_share"].to_numpy(),
        tuple(sides),
        t("validity.psi_reform.share_axis"), bin_column,
    )  # fmt: skip
    name = f"psi_reform_{'scores_' + bins if basis == 'scores' else 'tiers'}"
    file = chart_file(page, name, t("validity.psi_reform.heading"), view.working, view.as_of, baseline=baseline)
    plots.draw(chart, key="validity.reform_chart", file=file)
    st.caption(t(f"validity.psi_reform.note.{basis}"))
    columns = validity_tables.reform_stability_columns()
    show(shifts, columns, decimals=validity_tables.stability_decimals(), key="validity.reform_table")
    download_table(shifts, page, name, view.working, view.as_of, columns, baseline=baseline)
