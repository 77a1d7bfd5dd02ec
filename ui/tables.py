"""Summaries from `scoring.analyses.summaries` turned into the translated tables a page shows and exports.

Column headers and category labels are translated here, once, so the table on screen and the
CSV download are the same table. Values stay numbers (shares as fractions of 1), and `show()`
draws every table one way: counts (integer columns) in the reader's language (12.35万 / 123,456),
`decimals` columns at a fixed number of decimals, shares by `percent_column()` at one decimal,
an empty cell as a dash. The text is a pandas Styler's display text: Streamlit shows it and still
sorts by the number, and a download keeps the numbers (ui/export.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

import numpy as np
import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from scoring.analyses.summaries import UNSCORED
from scoring.catalogues import KeyGroup, load_catalogues
from ui import fmt, palette
from ui.i18n import t

EMPTY = "—"  # an empty cell: Streamlit's default placeholder is the English "None"
SHARE_STEP = 0.001  # a bar's share label at one decimal: 67.5%, 2.6%, 0.0%


def show(
    frame: pd.DataFrame,
    column_config: Mapping[str, object] | None = None,
    decimals: Mapping[str, int] | None = None,
    key: str | None = None,
    highlight: pd.DataFrame | None = None,
) -> None:
    """The one way a page shows a table: numbers written in the reader's language, numbers kept.
    `highlight` (True per cell, same shape as `frame`) marks cells the reader must notice.

    Shares (`percent_column()`) are written here too, by `fmt.percent`: Streamlit's own percent
    format has no fixed precision (2.62% beside 0% and 67.5%), and a `step` to fix it truncates
    the value (0.66% shown as 0.6% beside a metric's 0.7%). The config passed on drops that format;
    the caller's config still marks the shares for the download."""
    config = dict(column_config or {})
    shares = [c for c, v in config.items() if _is_share(v) and v.get("type_config", {}).get("type") == "number"]
    for column in shares:
        config[column] = {**config[column], "type_config": {"type": "number"}}
    shown = styled(frame, decimals, shares)
    if highlight is not None:
        marked = f"background-color: {palette.FLAG}"
        shown = shown.apply(lambda _: np.where(highlight.to_numpy(), marked, ""), axis=None)
    st.dataframe(shown, hide_index=True, placeholder=EMPTY, column_config=config, key=key, height=height(len(frame)))


ROW_HEIGHT = 35  # pixels: Streamlit's data grid row, the header the same
WHOLE_ROWS = 15  # a table this short is shown whole: its last row (often the total) never hides below a scroll


def height(rows: int) -> int | str:
    """The grid's height: every row and the header for a short table, Streamlit's own otherwise."""
    return (rows + 1) * ROW_HEIGHT + 3 if rows <= WHOLE_ROWS else "auto"


def number_columns(frame: pd.DataFrame, width: int = 84) -> dict:
    """Narrow columns for `frame`'s numbers, so that a wide report's last figures (a month-end
    size, a gap to the target) are in view at 1,400 pixels without scrolling sideways."""
    return {c: st.column_config.Column(width=width) for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])}


def styled(frame: pd.DataFrame, decimals: Mapping[str, int] | None = None, shares=()) -> Styler:
    """Display text for the numbers, numbers kept (see `formats`)."""
    return frame.style.format(formats(frame, decimals, shares), na_rep=EMPTY)


def formats(frame: pd.DataFrame, decimals: Mapping[str, int] | None = None, shares=()) -> dict[str, Callable]:
    """How each number column is written: integer columns are counts (one unit per column, see
    `fmt.count_column`), `decimals` columns fixed-point,
    `shares` percentages at one decimal; any other number column at the decimals it needs (none
    when every value is whole, such as a yearly cost in yuan; else two), never a float's repr."""
    written = {c: fmt.count_column(frame[c]) for c in frame.columns if pd.api.types.is_integer_dtype(frame[c].dtype)}
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c].dtype) and c not in written]
    written.update({c: partial(fmt.number, digits=_digits_needed(frame[c])) for c in floats})
    written.update({c: partial(fmt.number, digits=d) for c, d in (decimals or {}).items()})
    written.update({c: fmt.percent for c in shares})
    return written


def _digits_needed(values: pd.Series) -> int:
    finite = values[np.isfinite(values)]
    return 0 if (finite == finite.round()).all() else 2


def _is_share(config: object) -> bool:
    return isinstance(config, Mapping) and config.get("type_config", {}).get("format") == "percent"


NAME_WIDTH = 240  # pixels: "Changzhou Economic Development Zone", 认证和检验检测从业人员 read whole
SOURCE_WIDTH = 320  # pixels: a source's title is long; the reader should not have to widen it


def text_column(width: int = NAME_WIDTH, pinned: bool = False):
    """A column of names or sources, set wide enough to read them whole; `pinned` keeps it in
    view while a wide table scrolls sideways."""
    return st.column_config.Column(width=width, pinned=pinned or None)


def percent_column(label: str | None = None, bar: bool = False):
    """A share (a fraction of 1) shown as a percentage at one decimal, as a bar when `bar`; the
    download takes the column as a share (ui/export.py reads `format="percent"`)."""
    if bar:
        return st.column_config.ProgressColumn(label, format="percent", min_value=0.0, max_value=1.0, step=SHARE_STEP)
    return st.column_config.NumberColumn(label, format="percent")


def labelled(frame: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    """The same frame indexed by display labels instead of ids."""
    return frame.set_axis([fmt.category(breakdown, i) for i in frame.index], axis=0)


def tier_table(counts: pd.Series, names: dict[str, str]) -> pd.DataFrame:
    """People per tier (best first, by name) and unscored, with shares of everyone."""
    total = max(int(counts.sum()), 1)
    labels = [t("tier.unscored") if tier == UNSCORED else names[tier] for tier in counts.index]
    return pd.DataFrame(
        {
            t("col.tier"): labels,
            t("col.people"): counts.to_numpy(),
            t("col.share"): counts.to_numpy() / total,
        }
    )


def tier_columns() -> dict:
    """Column display for `tier_table`: the share as a percentage."""
    return {t("col.share"): percent_column()}


def coverage_table(coverage: pd.DataFrame) -> pd.DataFrame:
    """Coverage per key group with the group's basis (provisional groups badged) and status."""
    groups = [load_catalogues().key_group(g) for g in coverage.index]
    return pd.DataFrame(
        {
            **_group_columns(groups),
            t("col.people"): coverage["people"].to_numpy(),
            t("col.scored"): coverage["scored"].to_numpy(),
            t("col.unscored"): coverage["unscored"].to_numpy(),
            t("col.coverage"): coverage["coverage"].to_numpy(),
        }
    )


def coverage_columns() -> dict:
    """Column display for `coverage_table`: the scored share as a bar."""
    return {t("col.coverage"): percent_column(bar=True)}


def count_hover(frame: pd.DataFrame) -> list[str]:
    """Hover text per row: label, people and scored counts."""
    return [
        f"{label}<br>{t('col.people')}: {fmt.count(row.people)}<br>{t('col.scored')}: {fmt.count(row.scored)}"
        for label, row in zip(frame.index, frame.itertuples(), strict=True)
    ]


def box_table(stats: pd.DataFrame, label: str) -> pd.DataFrame:
    """Box statistics per category with translated headers, scores to one decimal."""
    renamed = stats.rename(columns={c: t(f"col.{c}") for c in stats.columns}).round(1)
    return renamed.rename_axis(label).reset_index()


def box_decimals(table: pd.DataFrame) -> dict[str, int]:
    """`box_table`'s scores shown at the one decimal they are rounded to."""
    return {c: 1 for c in table.columns if pd.api.types.is_float_dtype(table[c].dtype)}


def _source(source_id: str | None) -> str:
    return fmt.name(load_catalogues().sources[source_id]) if source_id else "—"


def _group_columns(groups: list[KeyGroup]) -> dict[str, list[str]]:
    """Name, basis (provisional groups badged) and status of key groups."""
    return {
        t("col.group"): [fmt.name(g) for g in groups],
        t("col.basis"): [t(f"basis.{g.basis}") for g in groups],
        t("col.status"): [t(f"status.{g.status.value}") for g in groups],
    }


def key_group_catalogue() -> pd.DataFrame:
    """The key-group catalogue as read by people: name, basis, status and source."""
    groups = list(load_catalogues().key_groups)
    return pd.DataFrame({**_group_columns(groups), t("col.source"): [_source(g.source) for g in groups]})


def record_type_catalogue() -> pd.DataFrame:
    """The record-type catalogue: what each type is, whether it may be collected, how we know."""
    types = load_catalogues().record_types
    return pd.DataFrame(
        {
            t("col.record_type"): [fmt.name(r) for r in types],
            t("col.category"): [t(f"category.{r.category}") for r in types],
            t("col.polarity"): [t(f"polarity.{r.polarity}") for r in types],
            t("col.severity"): [t(f"severity.{r.severity}") for r in types],
            t("col.in_catalogue"): [t("yes" if r.in_public_catalogue else "no") for r in types],
            t("col.status"): [t(f"status.{r.status.value}") for r in types],
            t("col.source"): [_source(r.source) for r in types],
        }
    )


def share_table(shares: pd.DataFrame, label: str, names: dict[str, str]) -> pd.DataFrame:
    """`thresholds.tier_shares` rows (everyone first) with translated labels and tier names."""
    out = shares.rename(index={"all": t("tiers.everyone")}, columns={UNSCORED: t("tier.unscored"), **names})
    out = out.rename(columns={"people": t("col.people")})
    return out.rename_axis(label).reset_index()


def share_columns(names: dict[str, str]) -> dict:
    """Shares as percentages."""
    return {c: percent_column() for c in [*names.values(), t("tier.unscored")]}


def sweep_table(sweep: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """`thresholds.sweep_cutoff` rows with translated headers: each candidate cut-off, whether it is
    the current one and whether it keeps the tiers in order, and the share of each tier."""
    return pd.DataFrame(
        {
            t("sweep.col.value"): sweep["value"].round(3).to_numpy(),
            t("sweep.col.current"): [t("yes" if c else "no") for c in sweep["current"]],
            t("sweep.col.valid"): [t("yes" if v else "no") for v in sweep["valid"]],
            **{name: sweep[tier].to_numpy() for tier, name in names.items()},
        }
    )


def sweep_columns(names: dict[str, str]) -> dict:
    """Column display for `sweep_table`: shares as percentages."""
    return {name: percent_column() for name in names.values()}


def scenario_table(listed: pd.DataFrame) -> pd.DataFrame:
    """Saved scenarios, newest first, with translated headers and states."""
    return pd.DataFrame(
        {
            t("scen.col.name"): listed["name"].to_numpy(),
            t("scen.col.state"): [t(f"scen.state.{s}") for s in listed["state"]],
            t("scen.col.note"): listed["note"].fillna("").to_numpy(),
            t("scen.col.created"): [fmt.date(c) for c in listed["created_at"]],
            t("scen.col.hash"): listed["hash"].to_numpy(),
        }
    )


def group_profile_table(profile: pd.DataFrame, label: str, names: dict[str, str]) -> pd.DataFrame:
    """`summaries.group_profile` rows as shown and exported: the group (under `label`), people,
    scored, mean score, each tier's share and the unscored share of everyone, red and black list
    counts; values stay numbers, so the table sorts by any column."""
    return pd.DataFrame(
        {
            label: profile.index,
            t("col.people"): profile["people"].to_numpy(),
            t("col.scored"): profile["scored"].to_numpy(),
            t("col.mean"): profile["mean"].round(2).to_numpy(),
            **{name: profile[tier].to_numpy() for tier, name in names.items()},
            t("tier.unscored"): profile[UNSCORED].to_numpy(),
            t("col.red_list"): profile["red_list"].to_numpy(),
            t("col.black_list"): profile["black_list"].to_numpy(),
        }
    )


def group_profile_columns(names: dict[str, str]) -> dict:
    """Column display for `group_profile_table`: tier and unscored shares as percentages."""
    return {c: percent_column() for c in [*names.values(), t("tier.unscored")]}


# --- reform against baseline (pages/compare.py) -------------------------------------------------


def tier_label(tier: str, names: dict[str, str]) -> str:
    return t("tier.unscored") if tier == UNSCORED else names[tier]


def transition_table(
    matrix: pd.DataFrame, baseline_names: dict[str, str], reform_names: dict[str, str]
) -> pd.DataFrame:
    """`transitions.tier_transitions` (counts) or `row_shares`, one row per baseline tier by
    name, one column per reform tier by name."""
    out = matrix.set_axis([tier_label(c, reform_names) for c in matrix.columns], axis=1)
    out.insert(0, t("cmp.col.baseline_tier"), [tier_label(r, baseline_names) for r in matrix.index])
    return out.reset_index(drop=True)


def transition_columns(table: pd.DataFrame) -> dict:
    """Row shares as percentages."""
    return {c: percent_column() for c in table.columns[1:]}


def moves_table(shares: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    """`movers.move_shares` per category: people scored under both and the share of each move."""
    out = labelled(shares, breakdown).rename(columns={"people": t("cmp.col.scored_both")})
    out = out.rename(columns={m: t(f"cmp.move.{m}") for m in shares.columns if m != "people"})
    return out.rename_axis(t(f"dim.{breakdown}")).reset_index()


def moves_columns(shares: pd.DataFrame) -> dict:
    return {t(f"cmp.move.{m}"): percent_column() for m in shares.columns if m != "people"}


def counts_table(counts: pd.DataFrame, breakdown: str, prefix: str) -> pd.DataFrame:
    """Counts per category (`eligibility_changes`, `veto_crossings`) with headers `<prefix>.<column>`."""
    out = labelled(counts, breakdown).rename(columns={c: t(f"{prefix}.{c}") for c in counts.columns})
    return out.rename_axis(t(f"dim.{breakdown}")).reset_index()


def incentive_table(changes: pd.DataFrame, baseline, reform) -> pd.DataFrame:
    """`incentives.incentive_changes` by incentive name (the reform's title, else the baseline's)."""
    titles = {i.id: fmt.name(i.title) for i in (*baseline.incentives, *reform.incentives)}
    numbers = changes.drop(columns=["in_baseline", "in_reform"])
    out = numbers.rename(columns={c: t(f"cmp.inc.{c}") for c in numbers.columns})
    out.insert(0, t("cmp.inc.incentive"), [titles[i] for i in changes.index])
    return out.reset_index(drop=True)


def score_change_table(bins: pd.DataFrame) -> pd.DataFrame:
    """`score_changes.score_changes` bins: from, to (exclusive) and people."""
    return pd.DataFrame(
        {
            t("cmp.col.change_from"): bins["low"].to_numpy(),
            t("cmp.col.change_to"): bins["high"].to_numpy(),
            t("col.people"): bins["people"].to_numpy(),
        }
    )


def with_sources(changes: pd.DataFrame, diff: pd.DataFrame, baseline, reform) -> pd.DataFrame:
    """`editors.diff_table` with where each old and new value comes from: the source's name
    (the catalogue's, in the reader's language, or the rulebook's own line), "—" for none."""
    catalogue = load_catalogues().sources

    def named(source_id, rulebook) -> str:
        if not isinstance(source_id, str) or not source_id:
            return "—"
        if source_id in catalogue:
            return fmt.name(catalogue[source_id])
        return fmt.source_line(rulebook.sources.get(source_id, source_id))

    return changes.assign(
        **{
            t("diffcol.old_source"): [named(s, baseline) for s in diff["old_source"]],
            t("diffcol.new_source"): [named(s, reform) for s in diff["new_source"]],
        }
    )


# The Lists page (issue 13): monthly list report, rewards, sanctions, and the rulebook values they
# use with their status and source; group labels and totals shared with ui/repair_tables.py and
# ui/objection_tables.py.


def group_label(breakdown: str, group: str) -> str:
    """A group's name, or the total row's."""
    return t("lists.total") if group == "total" else fmt.category(breakdown, group)


def with_total(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([frame, frame.sum(numeric_only=True).to_frame("total").T.astype(frame.dtypes.to_dict())])


def _source_name(rulebook, source_id: str | None) -> str:
    if not source_id:
        return t("lists.no_source")
    if source_id in rulebook.sources:
        return rulebook.sources[source_id]
    return _source(source_id)


def status_and_source(rulebook, element, field: str) -> tuple[str, str]:
    """One rulebook value's status and source as read: (假设, 无（假设）) / (reported, Changzhou notice …)."""
    known = element.provenance_of(field)
    return t(f"status.{known.status.value}"), _source_name(rulebook, known.source)


def values_columns() -> dict:
    """A rulebook values table's (`values_table`) value names and sources, readable whole."""
    return {t("lists.col.value_name"): text_column(), t("col.source"): text_column(SOURCE_WIDTH)}


def values_table(rulebook, rows: list[tuple[str, str, object, str]]) -> pd.DataFrame:
    """Rulebook values as (name, value as written, element, field) rows, with each value's
    status and source."""
    statuses = [status_and_source(rulebook, element, field) for _, _, element, field in rows]
    return pd.DataFrame(
        {
            t("lists.col.value_name"): [name for name, *_ in rows],
            t("lists.col.value"): [value for _, value, *_ in rows],
            t("col.status"): [s for s, _ in statuses],
            t("col.source"): [s for _, s in statuses],
        }
    )
