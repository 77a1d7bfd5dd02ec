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
    RULE_COLUMNS,
    EditError,
    EditProblem,
    changed_columns,
    dimensions_table,
    rules_table,
)
from scoring.tuning.oversized import Oversized
from ui import fmt, rule_names
from ui.i18n import current_language, t
from ui.plain import plain
from ui.tables import EMPTY

HUKOU_OPTIONS = ("any", "local")


READ_ONLY = ("changed", "status", "source", "overrides")  # the rule editor's columns one reads, not edits
_EDITABLE = ("title", *(c for c in RULE_COLUMNS if not c.startswith("title_")))


def editor_edits(table: pd.DataFrame, editor_state: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Map a `st.data_editor` state (`edited_rows` by row position) to `{rule_id: {column: value}}`,
    the rule id being the table's (hidden) index.

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
        edits[str(table.index[position])] = dict(changes)
    return edits


def library_edits(rulebook: Rulebook, edits: Mapping[str, Mapping[str, Any]], lang: str) -> dict[str, dict[str, Any]]:
    """Edits of `rules_frame` cells as `apply_rule_edits` takes them: the title into the reader's
    language's title, names back to ids (a name not known is passed on as typed, and refused)."""
    names = rule_names.names_of(rulebook, lang=lang)
    out: dict[str, dict[str, Any]] = {}
    for rule_id, changes in edits.items():
        converted = {}
        for column, value in changes.items():
            if column == "title":
                converted["title_zh" if lang == "zh-CN" else "title_en"] = value
            elif column in ("dimension", "veto_max_tier"):
                converted[column] = names.id(_KINDS[column], value) or None
            elif column in ("matches", "lists", "groups"):
                converted[column] = names.split(_KINDS[column], value)
            else:
                converted[column] = value
        out[rule_id] = converted
    return out


_KINDS = {c: rule_names.VALUE_KINDS[c] for c in ("dimension", "veto_max_tier", "matches", "lists", "groups")}


def rules_frame(rulebook: Rulebook, lang: str | None = None) -> pd.DataFrame:
    """The rule table as read: one title in the reader's language, names for every id (dimension,
    record types, lists, key groups, veto tier, source), statuses in words; the rule id is the
    index, which the page hides and `editor_edits` reads back."""
    lang = lang or current_language()
    names = rule_names.names_of(rulebook, lang=lang)
    table = rules_table(rulebook).set_index("id")
    frame = pd.DataFrame(
        {
            "title": table["title_zh" if lang == "zh-CN" else "title_en"],
            **{c: table[c] for c in ("points", "per_units", "cap_low", "cap_high", "window_months")},
            "decay_half_life_months": table["decay_half_life_months"],
            "dimension": [names.name("dimension", d) for d in table["dimension"]],
            "matches": [names.joined("record_type", _ids(v)) for v in table["matches"]],
            "lists": [names.joined("list", _ids(v)) for v in table["lists"]],
            "groups": [names.joined("group", _ids(v)) for v in table["groups"]],
            "veto_max_tier": [names.name("tier", v) for v in table["veto_max_tier"]],
            "status": [t(f"status.{s}", lang) for s in table["status"]],
            "source": [names.name("source", s) for s in table["source"]],
            "overrides": [_overrides(rule, lang) for rule in rulebook.rules],
        },
        index=table.index,
    )
    return frame


def _ids(cell: str) -> list[str]:
    return [part for part in cell.split(", ") if part]


def _overrides(rule, lang: str) -> str:
    """The per-field statuses that differ from the rule's own, as read: 分值：假设."""
    return rule_names.join(
        [
            t("rules.override", lang, field=rule_names.field_label(f, lang), status=t(f"status.{p.status.value}", lang))
            for f, p in rule.provenance.items()
        ],
        lang,
    )


def mark_changes(table: pd.DataFrame, rulebook: Rulebook, baseline: Rulebook) -> pd.DataFrame:
    """The rule table with a read-only `changed` column naming, per rule, the values that differ
    from the chosen preset or scenario (each now an assumption). `st.data_editor` draws no cell
    styles in 1.67, so the marker is a column rather than a tint."""
    changed = changed_columns(baseline, rulebook)
    lang = current_language()
    labels = [rule_names.join([t(f"rulecol.{c}") for c in changed.get(r, ())], lang) for r in table.index]
    marked = table.copy()
    marked.insert(0, "changed", ["✎ " + label if label else "" for label in labels])
    return marked


def rule_column_order() -> list[str]:
    """The values one tunes first (points, caps, window) next to the rule's name; record types,
    lists, status and source after them. The id stays out of sight (it is the hidden index)."""
    first = ["title", "points", "per_units", "cap_low", "cap_high", "window_months", "decay_half_life_months"]
    rest = ["dimension", "matches", "lists", "groups", "veto_max_tier", "status", "source", "overrides"]
    return ["changed", *first, *rest]


def rule_columns(rulebook: Rulebook) -> dict[str, Any]:
    """Headers in the reader's language; the dimension and the veto tier picked by name."""
    names = rule_names.names_of(rulebook)
    config: dict[str, Any] = {c: st.column_config.Column(t(f"rulecol.{c}")) for c in (*READ_ONLY, *_EDITABLE)}
    config["points"] = st.column_config.NumberColumn(t("rulecol.points"), format="%g")
    config["dimension"] = st.column_config.SelectboxColumn(
        t("rulecol.dimension"), options=[names.name("dimension", d.id) for d in rulebook.dimensions]
    )
    config["veto_max_tier"] = st.column_config.SelectboxColumn(
        t("rulecol.veto_max_tier"), options=list(fmt.tier_names(rulebook).values())
    )
    return config


def _optional(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else value


DIMENSION_COLUMNS = ("cap_low", "cap_high", "status", "source")


def dimensions_frame(rulebook: Rulebook, lang: str | None = None) -> pd.DataFrame:
    """The dimension caps as read: the dimension's name, its caps, status and source in words;
    the id is the hidden index (`settings_values` reads edits back by row position)."""
    lang = lang or current_language()
    names = rule_names.names_of(rulebook, lang=lang)
    dims = dimensions_table(rulebook).set_index("id")
    return pd.DataFrame(
        {
            "title": dims["title_zh" if lang == "zh-CN" else "title_en"],
            "cap_low": dims["cap_low"],
            "cap_high": dims["cap_high"],
            "status": [t(f"status.{s}", lang) for s in dims["status"]],
            "source": [names.name("source", s) for s in dims["source"]],
        },
        index=dims.index,
    )


def settings_inputs(rulebook: Rulebook, key: str) -> None:
    """Base score and range, dimension caps and eligibility (read back by `settings_values`)."""
    score, elig = rulebook.score, rulebook.eligibility
    cols = st.columns(3)
    cols[0].number_input(t("rules.base"), value=float(score.base), step=10.0, format="%g", key=f"{key}.base")
    cols[1].number_input(t("rules.score_min"), value=float(score.min), step=10.0, format="%g", key=f"{key}.min")
    cols[2].number_input(t("rules.score_max"), value=float(score.max), step=10.0, format="%g", key=f"{key}.max")
    st.caption(t("rules.caps_heading"))
    st.data_editor(
        dimensions_frame(rulebook),
        num_rows="fixed",
        hide_index=True,
        disabled=["title", "status", "source"],
        column_config={c: st.column_config.Column(t(f"rulecol.{c}")) for c in ("title", *DIMENSION_COLUMNS)},
        placeholder=EMPTY,
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


_STATUSES = ("old_status", "new_status")


def diff_table(diff: pd.DataFrame, baseline: Rulebook, rulebook: Rulebook) -> pd.DataFrame:
    """`diff_rulebooks` as read: what changed by name (「诈骗」的分值 / Points of "Fraud"), the change,
    old and new values with ids named (numbers stay numbers, for export), old and new statuses;
    the library's path last, for finding the value in the YAML."""
    names = rule_names.names_of(rulebook, baseline)
    titles = {baseline.id: fmt.name(baseline.title), rulebook.id: fmt.name(rulebook.title)}
    whats, olds, news = [], [], []
    for row in diff.itertuples():
        kind, element = rule_names.element_name(row.element, names)
        if not row.field:  # an element one side does not have, said once as a whole
            whats.append(t("diff.what_whole", element=element))
        elif kind:
            whats.append(t("diff.what_named", element=element, field=rule_names.field_label(row.field)))
        else:
            whats.append(t("diff.what_section", section=element, field=rule_names.field_label(row.field)))
        for out, value in ((olds, row.old_value), (news, row.new_value)):
            if row.field in ("id", ""):
                value = names.name(kind, value) if kind else titles.get(value, value)
            out.append(rule_names.value_text(row.field, value, names))
    statuses = {
        c: [t(f"status.{s}") if isinstance(s, str) and s else None for s in diff[c]]
        for c in ("old_status", "new_status")
    }
    shown = pd.DataFrame(
        {
            "what": whats,
            "change": [t(f"change.{c}") for c in diff["change"]],
            "old_value": pd.Series(olds, dtype=object),
            "new_value": pd.Series(news, dtype=object),
            **statuses,
            "path": diff["path"].to_numpy(),
        }
    )
    return shown.rename(columns={c: t(f"diffcol.{c}") for c in shown.columns})


def diff_order() -> list[str]:
    """The diff table's columns on screen: the path is for the download (and the YAML) only."""
    return [t(f"diffcol.{c}") for c in ("what", "change", "old_value", "new_value", "old_status", "new_status")]


def diff_display(table: pd.DataFrame) -> pd.DataFrame:
    """`diff_table` for the screen: the value columns, which mix numbers and text, as text (one
    type per column, as Arrow needs; 1e+06 and 0.5 as a reader writes them; nothing as a dash).
    A change to a text in the other language (a title's or description's `.en` in the Chinese
    UI), and to the rulebook's own name, description and date, stays in the download but not on
    screen: the one would be a paragraph of the other script, the other is not a parameter."""
    other = ".en" if current_language() == "zh-CN" else ".zh"
    paths = table[t("diffcol.path")].astype(str)
    # The rulebook's own id, titles, description and date: what it is called, not how it scores.
    about = paths.str.fullmatch(r"(id|title\.\w+|description\.\w+|effective)")
    shown = table[~paths.str.endswith(other) & ~about]
    values = [t("diffcol.old_value"), t("diffcol.new_value")]
    return shown.assign(**{c: [_cell(v) for v in shown[c]] for c in values})


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return EMPTY
    return f"{value:g}" if isinstance(value, float) else str(value)


def yaml_download(rulebook: Rulebook) -> bytes:
    """The rulebook as YAML with the synthetic/assumption notice as a comment at the top."""
    notice = "".join(f"# {line}\n" for line in t("rules.yaml_notice").splitlines())
    return (notice + to_yaml(rulebook)).encode("utf-8")


def _cutoff_key(mode: str, tier: str) -> str:
    return f"tiers.cut.{mode}.{tier}"


MODE = "tiers.mode"
_EDITED = "tiers.edited"  # the mode whose inputs the reader just changed (their on_change sets it)
_REFUSED = "tiers.refused"  # (rulebook hash, mode, problems) of typed values refused, kept on screen


def sync_cutoffs(working, result) -> None:
    """Show the rules in force: the mode of the rulebook when it changed (another page, a reset,
    a loaded scenario) and, in every cut-off input, the value in force in its mode (a share of
    the scored in per cent, or the equivalent score bound). Only the inputs of a refused edit
    keep what was typed, until it is corrected, the mode switches or the rules change; so a
    value left in an input never applies itself later (issue 11)."""
    state = st.session_state
    if state.get("tiers.synced") != working.hash:
        state["tiers.synced"] = working.hash
        state[MODE] = working.rulebook.tiers.mode
    state.setdefault(MODE, working.rulebook.tiers.mode)
    refused = state.get(_REFUSED)
    kept = refused[1] if refused and refused[0] == working.hash else None
    for mode, values in thresholds.cutoffs_both_ways(working.rulebook, result).items():
        if mode != kept:
            for tier, value in values.items():
                state[_cutoff_key(mode, tier)] = round(100 * value, 6) if mode == "quantile" else value


def mode_switched() -> None:
    """A switch of mode shows the rules in force the other way: typed values refused before go."""
    st.session_state.pop(_REFUSED, None)


def edited_cutoffs(rulebook: Rulebook) -> tuple[str, dict[str, float]] | None:
    """The mode and values (shares as fractions) the reader has just typed, once; None when the
    run comes from anything else (a mode switch, another widget, a page change)."""
    state = st.session_state
    mode = state.pop(_EDITED, None)
    if mode is None:
        return None
    ids = list(rulebook.tiers.ids)
    tiers = ids[:-1] if mode == "absolute" else ids
    values = {tier: state.get(_cutoff_key(mode, tier)) for tier in tiers}
    if mode == "quantile":
        values = {tier: None if v is None else round(v / 100, 10) for tier, v in values.items()}
    return mode, values


def refuse_cutoffs(working, mode: str, found: Sequence[EditProblem]) -> None:
    """Keep the refused values on screen with their problems (`cutoff_problems`)."""
    st.session_state[_REFUSED] = (working.hash, mode, list(found))


def accept_cutoffs() -> None:
    """A new edit replaces a refused one: its typed values give way to the rules in force."""
    st.session_state.pop(_REFUSED, None)


def cutoff_problems(working) -> list[EditProblem]:
    """The problems of the typed values still on screen, if any."""
    refused = st.session_state.get(_REFUSED)
    return refused[2] if refused and refused[0] == working.hash else []


def _typed(mode: str) -> None:
    st.session_state[_EDITED] = mode


def cutoff_inputs(rulebook: Rulebook, mode: str) -> None:
    """One number input per tier, best first: its lower score bound, or its share of the scored
    in per cent. A changed value applies when it is committed (Enter, leaving the field, − / +)."""
    ids, names = list(rulebook.tiers.ids), fmt.tier_names(rulebook)
    shown = ids[:-1] if mode == "absolute" else ids
    for col, tier in zip(st.columns(len(ids)), shown, strict=False):
        col.number_input(
            t(f"tiers.cut.{mode}", tier=names[tier]),
            step=5.0 if mode == "absolute" else 0.1,
            format="%g",
            key=_cutoff_key(mode, tier),
            on_change=_typed,
            args=(mode,),
        )


def effect_metrics(result, baseline) -> None:
    """What the applied rules do: scored people, mean score and the best tier's share, each
    against the chosen preset or scenario; no change shows no delta (not "↑ +0.00"), and a mean
    on another score range no difference at all (a point is not the same size on both)."""
    effects = headline_effects(baseline, result)
    cols = st.columns(3)
    scored, mean, best = effects.scored, effects.mean_score, effects.best_tier_share
    more = "+" if scored.change > 0 else ""
    cols[0].metric(t("col.scored"), fmt.count(scored.reform), _delta(scored.change, more + fmt.count(scored.change)),
                   delta_color="off")  # fmt: skip
    old, new = baseline.rulebook.score, result.rulebook.score
    if (old.min, old.max) == (new.min, new.max):
        cols[1].metric(t("col.mean"), fmt.number(mean.reform, 2),
                       _delta(round(mean.change, 2), f"{mean.change:+.2f}"), delta_color="off")  # fmt: skip
    else:  # points on different ranges are not comparable: the mean is shown, no difference
        ranges = t("cmp.ranges", baseline=f"{old.min:g}–{old.max:g}", reform=f"{new.min:g}–{new.max:g}")
        cols[1].metric(t("col.mean"), fmt.number(mean.reform, 2), help=t("rules.mean_not_compared", ranges=ranges))
    cols[2].metric(
        t("rules.best_share", tier=fmt.tier_names(result.rulebook)[effects.best_tier]), fmt.percent(best.reform),
        _delta(round(100 * best.change, 1), t("unit.pp", value=f"{100 * best.change:+.1f}")), delta_color="off",
    )  # fmt: skip


def _delta(change: float, text: str) -> str | None:
    """A metric's delta, or none when the change rounds to zero at the precision shown."""
    return text if change else None
