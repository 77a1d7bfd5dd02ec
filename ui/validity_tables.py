"""The Predictive validity page's tables (pages/validity.py), translated; values stay numbers.

Each figure of the scheme sits beside the same figure on the null generator's population (the
same people, records independent of propensity), so a reader sees what the generator alone
produces."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from scoring.rulebook import Rulebook
from ui import fmt
from ui.i18n import t
from ui.tables import percent_column

TERM_WIDTH = 120  # pixels: "Contribution" / 指数贡献 and 0.1614 read whole
FIGURES = ("auc", "ks", "ks_score", "scored", "serious")


def _side(side: str) -> str:
    return t(f"validity.side.{side}")


COUNTED = ("scored", "serious")


def discrimination_table(real: pd.Series, null: pd.Series) -> pd.DataFrame:
    """A row per generator (this scheme, the null one); columns AUC, KS, KS cut-off, scored,
    serious next year, so each column has one format (people counted whole, not "4,097.000")."""
    out = {t("validity.col.source"): [_side("real"), _side("null")]}
    for f in FIGURES:
        values = [real[f], null[f]]
        out[t(f"validity.figure.{f}")] = np.array(values, dtype=np.int64 if f in COUNTED else float)
    return pd.DataFrame(out)


def discrimination_decimals() -> dict[str, int]:
    return {t("validity.figure.auc"): 3, t("validity.figure.ks"): 3, t("validity.figure.ks_score"): 1}


def calibration_table(real: pd.DataFrame, null: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    """Per tier (by name, best first): scored people, those serious next year and the rate,
    under the scheme's generator and the null one."""
    names = fmt.tier_names(rulebook)
    out = {t("col.tier"): [names[i] for i in real["tier"]]}
    for side, table in (("real", real), ("null", null)):
        out[t("validity.col.people", side=_side(side))] = table["people"].to_numpy()
        out[t("validity.col.serious", side=_side(side))] = table["serious"].to_numpy()
        out[t("validity.col.rate", side=_side(side))] = table["rate"].to_numpy()
    return pd.DataFrame(out)


def calibration_columns() -> dict:
    return {t("validity.col.rate", side=_side(side)): percent_column() for side in ("real", "null")}


def weights_table(weights: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    """Rules by name (the learned base last), holders, serious holders, hand-set and learned
    points per unit and whether their signs agree (yes, no, or a dash when it cannot be said);
    rules nobody holds left out."""
    titles = {r.id: fmt.name(r.title) for r in rulebook.rules}
    held = (weights["holders"] > 0).to_numpy()
    rows = weights[held]
    agree = [
        "" if pd.isna(v) else t("validity.sign.same" if v else "validity.sign.opposite") for v in rows["same_sign"]
    ]
    pairs = zip(rows["kind"], rows["rule"], strict=True)
    names = [titles[i] if kind == "rule" else t("validity.base") for kind, i in pairs]
    return pd.DataFrame(
        {
            t("validity.col.rule"): names,
            t("validity.col.holders"): rows["holders"].to_numpy(),
            t("validity.col.serious_holders"): rows["serious_holders"].to_numpy(),
            t("validity.col.hand_points"): rows["hand_points"].to_numpy(),
            t("validity.col.learned_points"): rows["learned_points"].to_numpy(),
            t("validity.col.same_sign"): [a or None for a in agree],
        }
    )


def weights_decimals() -> dict[str, int]:
    return {t("validity.col.hand_points"): 1, t("validity.col.learned_points"): 1}


def _bin_label(lower: float, upper: float, short: bool) -> str:
    key = "validity.bin_short" if short else "validity.bin"
    if np.isneginf(lower):
        return t(f"{key}.below", upper=_edge(upper))
    if np.isposinf(upper):
        return t(f"{key}.from", lower=_edge(lower))
    return t(f"{key}.between", lower=_edge(lower), upper=_edge(upper))


def _edge(value: float) -> str:
    """A bin edge at the fewest decimals (at most two) that write it: 600, 1,010.5, 1,010.51."""
    return fmt.number(value, next((d for d in (0, 1) if abs(value - round(value, d)) < 1e-9), 2))


def _score_bins(psi: pd.DataFrame, short: bool = False) -> list[str]:
    """A label per score bin ("600 to below 850"; `short`, "600–850", for a chart's ticks)."""
    return [_bin_label(lo, hi, short) for lo, hi in zip(psi["lower"], psi["upper"], strict=True)]


def chart_bins(psi: pd.DataFrame, shifts: pd.DataFrame) -> list[str]:
    """The table's bins (its first column) as a chart's ticks: score ranges written short so that
    seven of them fit side by side; tier names and the unscored as in the table."""
    if "lower" not in psi.columns:
        return list(shifts.iloc[:, 0])
    scored = psi[~psi["unscored"]]
    return [*_score_bins(scored, short=True), *shifts.iloc[len(scored) :, 0]]


def _shifts(
    psi: pd.DataFrame, bins: tuple[str, list[str]], people: tuple[str, str], shares: tuple[str, str]
) -> pd.DataFrame:
    """The columns every PSI table has: the bin, then people and share of each side, then the term."""
    return pd.DataFrame(
        {
            bins[0]: bins[1],
            people[0]: psi["baseline"].to_numpy(),
            shares[0]: psi["baseline_share"].to_numpy(),
            people[1]: psi["other"].to_numpy(),
            shares[1]: psi["other_share"].to_numpy(),
            t("validity.col.psi_term"): psi["psi"].to_numpy(),
        }
    )


def stability_table(psi: pd.DataFrame, baseline_label: str, current_label: str) -> pd.DataFrame:
    """Per score bin: people and share at the earlier date and at the current one, and the bin's
    PSI term (the terms add up to the index)."""
    people = (t("validity.col.bin_people", date=baseline_label), t("validity.col.bin_people", date=current_label))
    shares = (t("validity.col.bin_share", date=baseline_label), t("validity.col.bin_share", date=current_label))
    return _shifts(psi, (t("validity.col.bin"), _score_bins(psi)), people, shares)


def reform_stability_table(psi: pd.DataFrame, baseline: Rulebook, reform: Rulebook) -> pd.DataFrame:
    """Per score bin, or per tier (both rulebooks' names when they differ) when the PSI is on
    tier shares, then the unscored: people and share of everyone under the baseline and under the
    reform, and the bin's term."""
    scored = psi[~psi["unscored"]]
    if "tier" in psi.columns:
        old_names, new_names = fmt.tier_names(baseline), fmt.tier_names(reform)
        pairs = zip([old_names[i] for i in baseline.tiers.ids], [new_names[i] for i in reform.tiers.ids], strict=True)
        bins = (t("col.tier"), [old if old == new else f"{old} / {new}" for old, new in pairs])
    else:
        bins = (t("validity.col.bin"), _score_bins(scored))
    bins = (bins[0], [*bins[1], *[t("tier.unscored")] * int(psi["unscored"].sum())])
    return _shifts(psi, bins, _reform_columns("people"), _reform_columns("share"))


def _reform_columns(column: str) -> tuple[str, str]:
    """The baseline's and the reform's column of `validity.psi_reform.col.<column>`, each side
    named short ("Reform", the legend saying it is the working rulebook) so six columns fit."""
    key = f"validity.psi_reform.col.{column}"
    baseline, reform = (t(f"validity.psi_reform.column_side.{side}") for side in ("baseline", "reform"))
    return t(key, side=baseline), t(key, side=reform)


def _term_column() -> dict:
    """The PSI term under a short header (the full one a hover away) in a column wide enough for
    the header and a four-decimal term, so the last column of a table this wide is not clipped."""
    short = st.column_config.Column(t("validity.col.psi_term_short"), help=t("validity.col.psi_term"), width=TERM_WIDTH)
    return {t("validity.col.psi_term"): short}


def stability_columns(baseline_label: str, current_label: str) -> dict:
    shares = {t("validity.col.bin_share", date=d): percent_column() for d in (baseline_label, current_label)}
    return {**shares, **_term_column()}


def reform_stability_columns() -> dict:
    return {**{c: percent_column() for c in _reform_columns("share")}, **_term_column()}


def stability_decimals() -> dict[str, int]:
    return {t("validity.col.psi_term"): 4}
