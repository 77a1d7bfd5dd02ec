"""The Fairness page's tables (pages/fairness.py), translated; values stay numbers.

Rows are groups of one attribute or a pair (`scoring.fairness.groups`), named in the reader's
language; a pair's name is both categories joined."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.fairness.judge import FAVOURABLE, UNFAVOURABLE
from scoring.rulebook import Rulebook
from ui import fmt
from ui.i18n import t
from ui.tables import percent_column

SEPARATOR = " · "
RATES = (*FAVOURABLE, *UNFAVOURABLE)
SHARES = ("eligibility", "top_tiers_rate", "bottom_tier_rate", "red_list_rate", "black_list_rate")


def attribute_label(parts: Sequence[str]) -> str:
    return " × ".join(t(f"dim.{p}") for p in parts)


def group_label(parts: Sequence[str], group) -> str:
    ids = group if isinstance(group, tuple) else (group,)
    return SEPARATOR.join(fmt.category(part, i) for part, i in zip(parts, ids, strict=True))


def group_labels(parts: Sequence[str], index: pd.Index) -> list[str]:
    return [group_label(parts, g) for g in index]


def rate_name(rate: str) -> str:
    return t(f"fairness.rate.{rate}")


def ratio_name(rate: str) -> str:
    return t("fairness.ratio_of", rate=t(f"fairness.rate.{rate}"))


def metrics_table(metrics: pd.DataFrame, ratios: pd.DataFrame, parts: Sequence[str]) -> pd.DataFrame:
    """Per group: people, scored, mean score and its gap to the reference, then each rate beside
    its ratio to the reference's (small cells already hidden in `metrics`)."""
    out = {
        attribute_label(parts): group_labels(parts, metrics.index),
        t("col.people"): metrics["people"].to_numpy(),
        t("fairness.col.scored"): metrics["scored"].to_numpy(),
        t("fairness.col.mean_score"): metrics["mean_score"].to_numpy(),
        t("fairness.col.score_gap"): ratios["score_gap"].to_numpy(),
    }
    for rate in RATES:
        out[rate_name(rate)] = metrics[rate].to_numpy()
        out[ratio_name(rate)] = ratios[f"{rate}_ratio"].to_numpy()
    return pd.DataFrame(out)


def metrics_columns() -> dict:
    return {rate_name(rate): percent_column() for rate in SHARES}


def metrics_decimals() -> dict[str, int]:
    scores = {t("fairness.col.mean_score"): 1, t("fairness.col.score_gap"): 1, rate_name("incentive_value"): 2}
    return {**scores, **{ratio_name(rate): 2 for rate in RATES}}


def metrics_flags(table: pd.DataFrame, flags: pd.DataFrame) -> pd.DataFrame:
    """True on the ratio cells the four-fifths rule flags, same shape as `metrics_table`."""
    marked = pd.DataFrame(False, index=table.index, columns=table.columns)
    for rate in RATES:
        marked[ratio_name(rate)] = flags[rate].to_numpy()
    return marked


def flagged_ratios(flags: pd.DataFrame, parts: Sequence[str]) -> pd.DataFrame:
    """Long form for the chart: group, rate name, whether flagged."""
    return flags.set_axis(group_labels(parts, flags.index)).rename(columns=rate_name)


def ratio_frame(ratios: pd.DataFrame, parts: Sequence[str]) -> pd.DataFrame:
    """Ratios by group (rows, named) and rate (columns, named), for the chart."""
    frame = ratios[[f"{rate}_ratio" for rate in RATES]].set_axis([rate_name(r) for r in RATES], axis=1)
    return frame.set_axis(group_labels(parts, ratios.index))


def decomposition_table(rows: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    """The gap rule by rule (rules by name, then the bounds), rows that move nobody left out,
    largest contributions first (gaps hidden as small cells last), and the total last."""
    titles = {r.id: fmt.name(r.title) for r in rulebook.rules}
    names = [
        titles[i] if kind == "rule" else t(f"fairness.bounds.{i}")
        for kind, i in zip(rows["kind"], rows["item"], strict=True)
    ]
    frame = pd.DataFrame(
        {
            t("fairness.col.source"): names,
            t("fairness.col.group_mean"): rows["group"].to_numpy(),
            t("fairness.col.reference_mean"): rows["reference"].to_numpy(),
            t("fairness.col.gap"): rows["gap"].to_numpy(),
        }
    )
    moving = (rows[["group_people", "reference_people"]].to_numpy() > 0).any(axis=1)
    size = np.nan_to_num(np.abs(rows["gap"].to_numpy(dtype=float)[moving]), nan=-1.0)
    frame = frame[moving].iloc[np.argsort(-size, kind="stable")]
    total = {
        t("fairness.col.source"): t("fairness.total"),
        t("fairness.col.group_mean"): np.nan,
        t("fairness.col.reference_mean"): np.nan,
        t("fairness.col.gap"): float(rows["gap"].sum()),
    }
    return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)


def decomposition_decimals() -> dict[str, int]:
    return {t(f"fairness.col.{c}"): 2 for c in ("group_mean", "reference_mean", "gap")}


def density_table(density: pd.DataFrame, parts: Sequence[str]) -> pd.DataFrame:
    """`record_density` per group with translated headers (people and scored people named as in
    `metrics_table`); the propensity column only when there is one."""
    columns = [c for c in density.columns if c != "mean_propensity" or density[c].notna().any()]
    names = {c: t(f"fairness.density.{c}") for c in columns} | {
        "people": t("col.people"),
        "scored": t("fairness.col.scored"),
    }
    out = density[columns].rename(columns=names)
    out.insert(0, attribute_label(parts), group_labels(parts, density.index))
    return out.reset_index(drop=True)


def density_decimals(table: pd.DataFrame) -> dict[str, int]:
    return {c: 2 for c in table.columns if pd.api.types.is_float_dtype(table[c].dtype)}
