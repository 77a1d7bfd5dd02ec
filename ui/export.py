"""Downloads of the tables on a page, through the same export rules as the command line
(scoring/export.py: BOM, formulas neutralised, numbers kept numbers). A column the screen shows
as a percentage (`format="percent"` in its column config) leaves as a share, by
scoring/export.py's one convention.

Every file says it is synthetic. A CSV, read row by row by whatever opens it, repeats the marker
as its first column, the one place such a reader keeps it. A workbook does not repeat it on every
row: its table's sheet is named 模拟数据 / Synthetic data, every sheet's printed header says so,
and the about sheet opens with the whole marker.

File names say what the file is when it sits among others in a downloads folder:
`<page>_<table>_<rulebook>_<as-of YYYY-MM-DD>` in safe ASCII, the rulebook being a preset's id or
`scenario-<short hash>`, with `-edited` for the session's working copy; a comparison names both,
`<baseline>-vs-<reform>`.

A table computed under a rulebook carries how each of its values is known: the workbook has a
provenance sheet with every value's status and source, worded as the Rules page words its table
of changes (the library's path last, to find the value in the YAML), and the CSV, which holds one
table only, says in its marker column how many values are confirmed, reported or assumed, and
that the workbook lists them.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from collections.abc import Callable, Collection, Mapping, Sequence

import pandas as pd
import streamlit as st

from scoring import export
from scoring.provenance import provenance_table, provenance_values, status_counts
from scoring.rulebook import Rulebook
from scoring.tuning.scenarios import short_hash
from ui import fmt, rule_names
from ui.i18n import current_language, plural, t
from ui.plots import ChartFile
from ui.rulebooks import Working, choice_scenario
from ui.tables import EMPTY

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_bytes(frame: pd.DataFrame, marker_column: str, marker: str, shares: Collection[str] = ()) -> bytes:
    """The frame as CSV bytes with the marker column first, formulas neutralised, BOM included."""
    return export.csv_bytes(export.with_notice(_flat(frame), marker, column=marker_column), shares)


def workbook(
    frame: pd.DataFrame,
    marker: str,
    rulebooks: Sequence[Rulebook] = (),
    shares: Collection[str] = (),
    context: Mapping[str, str] | None = None,
) -> Callable[[], bytes]:
    """The frame as a workbook (the table, an about sheet opening with the marker and saying what
    the table was computed from, and the rulebooks' provenance), built when it is downloaded: the
    provenance is not computed on every rerun. The download runs on a thread without the
    session, so the language is taken now."""
    notes = {t("export.marker_column"): marker}
    if len(rulebooks) == 1:
        notes[t("export.rulebook")] = fmt.name(rulebooks[0].title)
    notes.update(context or {})
    lang = current_language()
    sheets = (t("export.sheet"), t("export.sheet_about"), t("export.sheet_provenance"))
    header, printed = (t("export.about_item"), t("export.about_value")), t("frame.synthetic_marker")
    table = _flat(frame)
    return lambda: export.xlsx_bytes(
        table, notes, provenance_sheet(rulebooks, lang), sheets, shares, notes_header=header, printed=printed
    )


def provenance_sheet(rulebooks: Sequence[Rulebook], lang: str) -> pd.DataFrame:
    """Every value of the rulebooks with its status and source, in the UI's language (the
    rulebook named first when there are two)."""
    if not rulebooks:
        return pd.DataFrame({t("export.no_rulebook", lang): []})
    sheets = [_provenance(rulebook, lang) for rulebook in rulebooks]
    if len(sheets) > 1:
        for rulebook, sheet in zip(rulebooks, sheets, strict=True):
            sheet.insert(0, t("export.rulebook", lang), fmt.name(rulebook.title, lang))
    return pd.concat(sheets, ignore_index=True)


def _provenance(rulebook: Rulebook, lang: str) -> pd.DataFrame:
    """One rulebook's values as the Rules page's table of changes words them: the element and
    field by name, the value read (ids named, yes/no, catalogue values translated; numbers kept),
    status and source, empty as "—"; the library's path last."""
    names = rule_names.names_of(rulebook, lang=lang)
    sources = provenance_table(rulebook)["source_zh" if lang == "zh-CN" else "source_en"]
    rows = [
        (
            rule_names.element_name(value.element_path, names)[1],
            rule_names.field_label(value.field, lang),
            _filled(rule_names.value_text(value.field, value.value, names)),
            t(f"status.{value.status}", lang),
            _filled(fmt.source_line(source, lang)),
            value.path,
        )
        for value, source in zip(provenance_values(rulebook), sources, strict=True)
    ]
    columns = ("prov.col.element", "prov.col.field", "prov.col.value", "col.status", "col.source", "prov.col.path")
    return pd.DataFrame(rows, columns=[t(c, lang) for c in columns]).astype(object)


def _filled(value: object) -> object:
    return EMPTY if value is None or value == "" else value


def marker_text(rulebook: Rulebook | None) -> str:
    """What every exported row says about itself: synthetic, and how sure the rulebook's values are."""
    if rulebook is None:
        return t("frame.synthetic_marker")
    counts = _status_counts(rulebook)
    return t(
        "export.marker_with_rulebook",
        marker=t("frame.synthetic_marker"),
        rulebook=fmt.name(rulebook.title),
        confirmed=counts["confirmed"],
        reported=counts["reported"],
        assumption=counts["assumption"],
    )


def compared_marker(baseline: Working, reform: Working) -> str:
    """The marker of a comparison: synthetic, and both rulebooks with how sure their values are."""
    return t(
        "export.marker_compare",
        marker=t("frame.synthetic_marker"),
        baseline=described(baseline),
        reform=described(reform),
    )


def described(working: Working) -> str:
    """A rulebook with its status counts, and its edits if the session made any."""
    counts = _status_counts(working.rulebook)
    text = t("export.rulebook_values", rulebook=fmt.name(working.rulebook.title), **counts)
    return f"{text} · {plural('frame.edited', working.changes, changes=working.changes)}" if working.edited else text


_COUNTS: dict[int, tuple[weakref.ref, dict[str, int]]] = {}


def _status_counts(rulebook: Rulebook) -> dict[str, int]:
    """`status_counts`, kept while the rulebook lives: every download and chart on a page marks
    itself with them, and counting walks every value of the rulebook (about 15 ms a time). A
    rulebook is immutable but unhashable (it holds dicts), so it is kept by identity."""
    kept = _COUNTS.get(key := id(rulebook))
    if kept is not None and kept[0]() is rulebook:
        return kept[1]
    counts = status_counts(rulebook)
    _COUNTS[key] = (weakref.ref(rulebook, lambda _: _COUNTS.pop(key, None)), counts)
    return counts


def working_marker(working: Working | None) -> str:
    """`marker_text` for the rulebook a figure was computed under, saying so when the session edited it."""
    marker = marker_text(working.rulebook if working is not None else None)
    if working is not None and working.edited:
        marker = plural("export.marker_edited", working.changes, marker=marker, changes=working.changes)
    return marker


def chart_file(
    page: str,
    chart: str,
    title: str,
    working: Working | None = None,
    as_of: dt.date | None = None,
    baseline: Working | None = None,
    notes: Mapping[str, str] | None = None,
) -> ChartFile:
    """A chart's downloads named as its page's tables are, saying what it shows and, like every
    export, that it is synthetic, under which rulebook (both, for a comparison) and from which
    population and date; a page's own `notes` (a model's parameters, say) follow."""
    if baseline is not None and working is not None:
        marker, context = compared_marker(baseline, working), computed_from(None, as_of)
    else:
        marker, context = working_marker(working), computed_from(working, as_of)
    lines = [f"{name}: {value}" for name, value in {**context, **(notes or {})}.items()]
    return ChartFile(file_stem(page, chart, working, as_of, baseline), title, (marker, *lines))


def computed_from(working: Working | None, as_of: dt.date | None) -> dict[str, str]:
    """What a table was computed from, for its workbook: the population (size and seed, as the
    session chose them), the as-of date, and whether the rulebook was edited."""
    state, context = st.session_state, {}
    if "people" in state and "seed" in state:
        context[t("frame.size")] = fmt.count(state["people"])
        context[t("frame.seed")] = str(state["seed"])
    if as_of is not None:
        context[t("frame.as_of")] = fmt.date(as_of)
    if working is not None:
        context[t("export.edits")] = (
            plural("frame.edited", working.changes, changes=working.changes) if working.edited else t("export.unedited")
        )
    return context


def rulebook_tag(working: Working) -> str:
    """The rulebook in a file name: a preset's id or `scenario-<short hash>`, `-edited` when the
    session changed it."""
    scenario = choice_scenario(working.choice)
    tag = f"scenario-{short_hash(scenario)}" if scenario else working.choice
    return f"{tag}-edited" if working.edited else tag


def file_stem(
    page: str,
    table: str,
    working: Working | None = None,
    as_of: dt.date | None = None,
    baseline: Working | None = None,
) -> str:
    """`<page>_<table>_<rulebook>_<as-of>`, or `<baseline>-vs-<reform>` for the rulebook part of a
    comparison, each part in safe ASCII (letters, digits, - and _)."""
    parts = [page, table]
    if working is not None:
        reform = rulebook_tag(working)
        parts.append(f"{rulebook_tag(baseline)}-vs-{reform}" if baseline is not None else reform)
    if as_of is not None:
        parts.append(as_of.isoformat())
    return "_".join(re.sub(r"[^A-Za-z0-9_-]+", "-", part).strip("-") for part in parts)


def yaml_file_name(working: Working) -> str:
    """`<rulebook id>-<short hash>.yaml`: the hash as the pages show it, naming this very content."""
    return f"{working.rulebook.id}-{short_hash(working.hash)}.yaml"


def percent_columns(column_config: Mapping[str, object] | None) -> list[str]:
    """The columns a column config shows as percentages: the table's shares."""
    return [
        name
        for name, config in (column_config or {}).items()
        if isinstance(config, Mapping) and config.get("type_config", {}).get("format") == "percent"
    ]


def download_table(
    frame: pd.DataFrame,
    page: str,
    table: str,
    working: Working | None = None,
    as_of: dt.date | None = None,
    column_config: Mapping[str, object] | None = None,
    baseline: Working | None = None,
    notes: Mapping[str, str] | None = None,
) -> None:
    """CSV and XLSX download buttons for the table shown just above them, each file built only
    when its button is clicked (a page with many tables would otherwise write them all on every rerun).

    Pass the numbers (`column_config` as on screen: its percentage columns leave as shares) and
    the working rulebook the table was computed under, so its provenance travels with it and the
    file name says which rulebook and as-of date it is; a comparison passes its `baseline` too,
    and both are named and listed.
    """
    rulebooks = [w.rulebook for w in (baseline, working) if w is not None]
    if baseline is not None and working is not None:
        marker = compared_marker(baseline, working)
        context = {t("cmp.baseline"): described(baseline), t("cmp.reform"): described(working)}
        context.update(computed_from(None, as_of))
    else:
        marker = working_marker(working)
        context = computed_from(working, as_of)
    context.update(notes or {})
    column = t("export.marker_column")
    csv_marker = " · ".join([marker, *(f"{name}: {value}" for name, value in (notes or {}).items())])
    shares, stem = percent_columns(column_config), file_stem(page, table, working, as_of, baseline)
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("download.csv"),
        data=lambda: csv_bytes(frame, column, csv_marker, shares),  # built when clicked, as the workbook is
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=f"download.{page}.{table}.csv",
    )
    buttons.download_button(
        t("download.xlsx"),
        data=workbook(frame, marker, rulebooks, shares, context),
        file_name=f"{stem}.xlsx",
        mime=XLSX_MIME,
        icon=":material/table_view:",
        on_click="ignore",
        key=f"download.{page}.{table}.xlsx",
    )


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """A named index becomes a column; a plain row number is dropped."""
    return frame.reset_index(drop=frame.index.name is None and isinstance(frame.index, pd.RangeIndex))
