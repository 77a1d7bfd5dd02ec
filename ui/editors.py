"""Widgets and tables of the tuning pages: the rule editor, the settings inputs, the diff table,
the YAML download, the cut-off inputs. Column headers come from the catalogue; the data keep the
library's column names so that `scoring.tuning.editing` reads the edits back unchanged."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from scoring.analyses.comparison import headline_effects
from scoring.rulebook import Rulebook, to_yaml
from scoring.tuning import thresholds
from scoring.tuning.editing import (
    ELIGIBILITY_FIELDS,
    TABLE_COLUMNS,
    EditError,
    EditProblem,
    Oversized,
    changed_columns,
    dimensions_table,
    rules_table,
)
from ui import fmt
from ui.i18n import t
from ui.plain import plain

HUKOU_OPTIONS = ("any", "local")


def editor_edits(table: pd.DataFrame, editor_state: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Map a `st.data_editor` state (`edited_rows` by row position) to `{rule_id: {column: value}}`.

    Adding or deleting rows is not an edit of the rules' values; the page shows the table with
    `num_rows="fixed"`, and a state that still has them is refused.
    """
    if editor_state.get("added_rows") or editor_state.get("deleted_rows"):
        raise EditError([EditProblem("rules", None, "rules cannot be added or deleted in the table")])
    edits: dict[str, dict[str, Any]] = {}
    for position, changes in (editor_state.get("edited_rows") or {}).items():
        position = int(position)
        if not 0 <= position < len(table):
            raise EditError(
                [EditProblem("rules", None, f"edited row {position} is not in the table ({len(table)} rows)")]
            )
        edits[str(table["id"].iloc[position])] = dict(changes)
    return edits


def rules_frame(rulebook: Rulebook) -> pd.DataFrame:
    """The rule table as the library gives it, status translated for reading."""
    table = rules_table(rulebook)
    table["status"] = [t(f"status.{s}") for s in table["status"]]
    table["source"] = table["source"].map(lambda s: s or "—")
    return table


def mark_changes(table: pd.DataFrame, rulebook: Rulebook, baseline: Rulebook) -> pd.DataFrame:
    """The rule table with a read-only `changed` column naming, per rule, the values that differ
    from the chosen preset or scenario (each now an assumption). `st.data_editor` draws no cell
    styles in 1.67, so the marker is a column rather than a tint."""
    changed = changed_columns(baseline, rulebook)
    labels = [", ".join(t(f"rulecol.{c}") for c in changed.get(rule_id, ())) for rule_id in table["id"]]
    marked = table.copy()
    marked.insert(1, "changed", ["✎ " + label if label else "" for label in labels])
    return marked


def rule_column_order(lang: str) -> list[str]:
    """The values one tunes first (points, caps, window) next to the rule's name in the reader's
    language; record types, lists, status and source after them, the other title last."""
    title, other = ("title_zh", "title_en") if lang == "zh-CN" else ("title_en", "title_zh")
    first = ["id", title, "points", "per_units", "cap_low", "cap_high", "window_months", "decay_half_life_months"]
    return ["changed", *first, *(c for c in TABLE_COLUMNS if c not in first and c != other), other]


def rule_columns() -> dict[str, Any]:
    """Translated headers for every rule column."""
    config: dict[str, Any] = {c: st.column_config.Column(t(f"rulecol.{c}")) for c in ("changed", *TABLE_COLUMNS)}
    config["points"] = st.column_config.NumberColumn(t("rulecol.points"), format="%g")
    return config


def _optional(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else value


def settings_inputs(rulebook: Rulebook, key: str) -> None:
    """Base score and range, dimension caps and eligibility (read back by `settings_values`)."""
    score, elig = rulebook.score, rulebook.eligibility
    cols = st.columns(3)
    cols[0].number_input(t("rules.base"), value=float(score.base), step=10.0, format="%g", key=f"{key}.base")
    cols[1].number_input(t("rules.score_min"), value=float(score.min), step=10.0, format="%g", key=f"{key}.min")
    cols[2].number_input(t("rules.score_max"), value=float(score.max), step=10.0, format="%g", key=f"{key}.max")
    st.caption(t("rules.caps_heading"))
    dims = dimensions_table(rulebook)
    dims["status"] = [t(f"status.{s}") for s in dims["status"]]
    dims["source"] = dims["source"].map(lambda s: s or "—")
    st.data_editor(
        dims,
        num_rows="fixed",
        hide_index=True,
        disabled=["id", "title_zh", "title_en", "status", "source"],
        column_config={c: st.column_config.Column(t(f"rulecol.{c}")) for c in dims.columns},
        key=f"{key}.caps",
    )
    st.caption(t("rules.eligibility_heading"))
    cols = st.columns(4)
    cols[0].number_input(t("rules.min_age"), value=int(elig.min_age), step=1, key=f"{key}.min_age")
    cols[1].checkbox(t("rules.consent_required"), value=bool(elig.consent_required), key=f"{key}.consent_required")
    cols[2].selectbox(
        t("rules.hukou"), HUKOU_OPTIONS, index=HUKOU_OPTIONS.index(elig.hukou),
        format_func={h: t(f"rules.hukou.{h}") for h in HUKOU_OPTIONS}.__getitem__, key=f"{key}.hukou",
    )  # fmt: skip
    cols[3].number_input(
        t("rules.insured_months"), value=elig.non_local_min_insured_months, min_value=0, step=1,
        placeholder=t("rules.none"), key=f"{key}.non_local_min_insured_months",
    )  # fmt: skip


def settings_values(rulebook: Rulebook, key: str) -> dict[str, Any]:
    """The settings inputs' submitted values as keyword arguments of `apply_settings` (inputs
    not drawn yet count as unchanged)."""
    state = st.session_state
    dims = dimensions_table(rulebook).set_index("id")
    for position, changes in (state.get(f"{key}.caps") or {}).get("edited_rows", {}).items():
        for column, value in changes.items():
            dims.iloc[int(position), dims.columns.get_loc(column)] = value
    return {
        "base": state.get(f"{key}.base"),
        "score_min": state.get(f"{key}.min"),
        "score_max": state.get(f"{key}.max"),
        "dimension_caps": {
            dim: {"cap_low": _optional(row.cap_low), "cap_high": _optional(row.cap_high)}
            for dim, row in dims.iterrows()
        },
        "eligibility": {field: state[f"{key}.{field}"] for field in ELIGIBILITY_FIELDS if f"{key}.{field}" in state},
    }


def oversized_message(found: Sequence[Oversized], rulebook: Rulebook, held: bool = False) -> str:
    """Names the values larger than the whole score range, each with its column's label; `held`
    adds that they were not applied yet (the page then offers Apply anyway)."""
    width = rulebook.score.max - rulebook.score.min
    titles = {(k, e.id): e.title for k, elements in (("rule", rulebook.rules), ("dimension", rulebook.dimensions))
              for e in elements}  # fmt: skip
    items = t("problem.list_sep").join(
        t("rules.oversized_item", name=plain(fmt.name(titles[o.kind, o.id])), field=t(f"rulecol.{o.field}"),
          value=f"{o.value:g}")
        for o in found
    )  # fmt: skip
    message = t("rules.oversized", items=items, width=f"{width:g}")
    return t("rules.oversized_held", message=message, confirm=t("rules.oversized_confirm")) if held else message


def diff_table(diff: pd.DataFrame) -> pd.DataFrame:
    """`diff_rulebooks` with translated headers, changes and statuses; values as they are (numbers
    or text), for export."""
    shown = diff[["path", "change", "old_value", "new_value", "old_status", "new_status"]].copy()
    shown["change"] = [t(f"change.{c}") for c in shown["change"]]
    for column in ("old_status", "new_status"):
        shown[column] = [t(f"status.{s}") if isinstance(s, str) and s else "—" for s in shown[column]]
    return shown.rename(columns={c: t(f"diffcol.{c}") for c in shown.columns})


def diff_display(table: pd.DataFrame) -> pd.DataFrame:
    """`diff_table` for the screen: the value columns, which mix numbers and text, as text (one
    type per column, as Arrow needs; 1e+06 and 0.5 as a reader writes them)."""
    values = [t("diffcol.old_value"), t("diffcol.new_value")]
    return table.assign(**{c: [f"{v:g}" if isinstance(v, float) else str(v) for v in table[c]] for c in values})


def yaml_download(rulebook: Rulebook) -> bytes:
    """The rulebook as YAML with the synthetic/assumption notice as a comment at the top."""
    notice = "".join(f"# {line}\n" for line in t("rules.yaml_notice").splitlines())
    return (notice + to_yaml(rulebook)).encode("utf-8")


def _cutoff_key(mode: str, tier: str) -> str:
    return f"tiers.cut.{mode}.{tier}"


def sync_cutoffs(working, result) -> None:
    """Seed the mode and cut-off inputs from the working rulebook when it changed elsewhere
    (another page, a reset, a loaded scenario); the inputs' own edits leave them alone."""
    state = st.session_state
    changed = state.get("tiers.synced") != working.hash
    state["tiers.synced"] = working.hash
    if changed or not state.get("tiers.mode"):
        state["tiers.mode"] = working.rulebook.tiers.mode
    # Inputs not drawn (the other mode, or while another page was shown) lost their values.
    for mode, values in thresholds.cutoffs_both_ways(working.rulebook, result).items():
        for tier, value in values.items():
            if changed or _cutoff_key(mode, tier) not in state:
                state[_cutoff_key(mode, tier)] = value


def cutoff_inputs(rulebook: Rulebook, mode: str) -> dict[str, float]:
    """One number input per tier, best first: its lower bound, or its share of the scored."""
    ids, names = list(rulebook.tiers.ids), fmt.tier_names(rulebook)
    shown = ids[:-1] if mode == "absolute" else ids
    values = {}
    for col, tier in zip(st.columns(len(ids)), shown, strict=False):
        values[tier] = col.number_input(
            t(f"tiers.cut.{mode}", tier=names[tier]),
            step=5.0 if mode == "absolute" else 0.01,
            format="%g" if mode == "absolute" else "%.4f",
            key=_cutoff_key(mode, tier),
        )
    return values


def effect_metrics(result, baseline) -> None:
    """What the applied rules do: scored people, mean score and the best tier's share, each
    against the chosen preset or scenario."""
    effects = headline_effects(baseline, result)
    cols = st.columns(3)
    scored = effects.scored
    cols[0].metric(
        t("col.scored"), fmt.count(scored.reform),
        fmt.count(scored.change) if scored.change else None, delta_color="off",
    )  # fmt: skip
    mean = effects.mean_score
    cols[1].metric(t("col.mean"), f"{mean.reform:.2f}", f"{mean.change:+.2f}", delta_color="off")
    best = effects.best_tier_share
    cols[2].metric(
        t("rules.best_share", tier=fmt.tier_names(result.rulebook)[effects.best_tier]), fmt.percent(best.reform),
        t("unit.pp", value=f"{100 * best.change:+.2f}"), delta_color="off",
    )  # fmt: skip
