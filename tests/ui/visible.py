"""What a reader sees of an AppTest run, as text, and the checks that it is all in one language.

Walks the element tree (main area and sidebar, inside expanders, popovers and forms): titles,
headers, captions, Markdown (as rendered text), alerts, metric labels, values and deltas, widget
labels, help and options, and every table's shown headers and cells (a Styler's display text when
there is one; an empty cell as the table's placeholder, Streamlit's default being "None"). Charts
and code blocks (share links, YAML) are not scanned: a chart is drawn by Plotly, a link is an
address, not words.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

from tests.ui.helpers import ROOT, shown_text

LATIN_WORD = re.compile(r"[A-Za-z]+")
HASH = re.compile(r"(?<![0-9a-f])[0-9a-f]{12,64}(?![0-9a-f])")  # a scenario's content address, not a word
MASKED_ID = re.compile(r"\d{6}\*{8}\d{3}[\dX]")  # a masked ID number's check character X is no word
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,4}")
# Streamlit's Markdown directives are drawn, not read: `:orange-badge[text]`, `:material/edit:`.
DIRECTIVE = re.compile(r":material/[a-z_]+:|:[a-z]+(?:-badge|-background)?\[")
# Names a Chinese text keeps in Latin: file formats, and the authors and bodies the About page cites.
LATIN_NAMES = frozenset(
    {
        "CSV",
        "XLSX",
        "HTML",
        "JSON",
        "PDF",
        "Excel",
        "YAML",
        "Jeremy",
        "Daum",
        "China",
        "Law",
        "Translate",
        "Nesta",
        "Dev",
        "Lewis",
        "FICO",
    }
)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_BLOCK_LABELS = ("expandable", "popover", "tab")
_SKIPPED = {"plotly_chart", "code", "latex", "download_button_icon"}  # a formula is notation


STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)


def visible_texts(at) -> list[tuple[str, str]]:
    """(where, text) for everything a reader sees on the page, sidebar included."""
    return [item for node in at._tree.children.values() for item in _walk(node)]


def _walk(node) -> Iterator[tuple[str, str]]:
    kind = getattr(node, "type", "")
    if kind in _SKIPPED:
        return
    if hasattr(node, "children") and isinstance(node.children, dict):
        for name in _BLOCK_LABELS:
            block = getattr(node.proto, name, None) if node.proto is not None else None
            if block is not None and node.proto.WhichOneof("type") == name and block.label:
                yield name, block.label
        for child in node.children.values():
            yield from _walk(child)
        return
    if kind in ("arrow_data_frame", "dataframe"):
        yield from _table(node)
        return
    proto = node.proto
    for field in ("label", "body", "help", "placeholder", "delta"):
        value = getattr(proto, field, None)
        if kind == "html" and isinstance(value, str):
            value = STYLE.sub("", value).strip()  # a style sheet is applied, not shown
        if isinstance(value, str) and value:
            yield f"{kind}.{field}", _markdown(value) if field in ("body", "help") else value
    for option in getattr(proto, "options", ()):
        text = option if isinstance(option, str) else getattr(option, "content", "")
        if text:
            yield f"{kind}.option", text


def _markdown(body: str) -> str:
    """A Markdown message as read: directives drawn as badges and icons left out."""
    return shown_text(DIRECTIVE.sub("", body)).replace("]", "")


def _table(node) -> Iterator[tuple[str, str]]:
    """Headers and cells as shown: column order and hidden columns respected."""
    from streamlit import dataframe_util

    proto = node.proto
    config = json.loads(proto.columns or "{}")
    frame = node.value
    styled = proto.arrow_data.styler.display_values
    shown = dataframe_util.convert_arrow_bytes_to_pandas_df(styled) if styled else None
    placeholder = proto.placeholder if proto.HasField("placeholder") else "None"
    columns = list(proto.column_order) or [str(c) for c in frame.columns]
    for column in columns:
        if column not in frame.columns or config.get(column, {}).get("hidden"):
            continue
        yield "table.header", config.get(column, {}).get("label") or column
        values = (shown if shown is not None else frame)[column]
        raw = frame[column]
        for value, original in zip(values, raw, strict=True):
            if _missing(original) and (shown is None or _missing(value)):
                yield "table.cell", placeholder
            elif isinstance(value, str):
                yield "table.cell", value
    if not config.get("_index", {}).get("hidden"):
        for value in frame.index:
            if isinstance(value, str):
                yield "table.index", value


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in ("<NA>", "NaT")


@functools.cache
def names_with_latin() -> frozenset[str]:
    """Latin words inside Chinese names of the catalogues and presets (AAA, A, …): names, not English."""
    return frozenset(word for text in _names("zh") for word in LATIN_WORD.findall(text))


@functools.cache
def language_switch() -> frozenset[str]:
    """The language switch speaks both languages on purpose: a reader who cannot read the current
    one still finds the other."""
    from ui.i18n import LANGUAGE_NAMES, t

    return frozenset({t("frame.language", "zh-CN"), t("frame.language", "en"), *LANGUAGE_NAMES.values()})


def _names(lang: str) -> list[str]:
    from scoring.catalogues import load_catalogues
    from scoring.rulebook import list_presets, load_preset

    cats = load_catalogues()
    items = [*cats.record_types, *cats.key_groups, *cats.districts, *cats.sources.values()]
    for preset in list_presets():
        rulebook = load_preset(preset)
        items += [rulebook.title, *(r.title for r in rulebook.rules), *(d.title for d in rulebook.dimensions)]
        items += [level.title for level in rulebook.tiers.levels]
    from ui.fmt import _TRAILING_RANGE

    texts = [getattr(item, "zh" if lang == "zh" else "en") for item in items]
    return [*texts, *(_TRAILING_RANGE.sub("", text) for text in texts)]


@functools.cache
def raw_ids() -> frozenset[str]:
    """Every id a reader must not meet: rules, record types, dimensions and tiers of every preset
    (rulebooks/*.yaml), with sources, key groups and districts of the catalogues."""
    from scoring.catalogues import load_catalogues
    from scoring.rulebook import parse_rulebook_bytes

    cats = load_catalogues()
    ids = {r.id for r in cats.record_types} | set(cats.sources)
    ids |= {g.id for g in cats.key_groups} | {d.id for d in cats.districts}
    for path in sorted(Path(ROOT, "rulebooks").glob("*.yaml")):
        rulebook = parse_rulebook_bytes(path.read_bytes(), path.name)
        ids |= {r.id for r in rulebook.rules} | {d.id for d in rulebook.dimensions} | set(rulebook.tiers.ids)
    return frozenset(ids)


def leaks(texts: list[tuple[str, str]], lang: str) -> list[str]:
    """Each shown text that breaks the language rule or shows a raw id, with where it was."""
    found = []
    names = _names("zh" if lang == "zh-CN" else "en")
    for where, text in texts:
        if text in language_switch():
            continue
        text = _without_person_names(MASKED_ID.sub("", HASH.sub("", text)))
        if text == "None":
            found.append(f"{where}: empty cell shown as None")
        if lang == "zh-CN":
            words = [w for w in LATIN_WORD.findall(text) if w not in names_with_latin() | LATIN_NAMES]
            if words:
                found.append(f"{where}: Latin {words} in {text!r}")
        elif CJK.search(text):
            found.append(f"{where}: CJK in {text!r}")
        found += [f"{where}: raw id {i!r} in {text!r}" for i in sorted(set(_ids_in(text, names)))]
    return found


SNAKE = re.compile(r"(?<![\w-])[a-z]+(?:_[a-z0-9]+)+(?![\w-])|\w\[[\w-]+\]")  # window_months, rules[fraud]


def _ids_in(text: str, names: list[str]) -> list[str]:
    """Raw ids in a text: any snake_case word or library path (`window_months`, `rules[fraud]`), an
    id with `_` or `-` anywhere as a token; a one-word id (fraud, good, A) only as the whole text
    and when it is not also a name in this language (AAA is a tier's name)."""
    found = SNAKE.findall(text)
    for raw in raw_ids():
        if re.search(r"[_-]", raw):
            if re.search(rf"(?<![\w-]){re.escape(raw)}(?![\w-])", text):
                found.append(raw)
        elif text.strip() == raw and raw not in names:
            found.append(raw)
    return found


def _without_person_names(text: str) -> str:
    """A synthetic person's name (a Chinese name in either language, as names are) left out."""
    from faker.providers.person.zh_CN import Provider

    given = set(Provider.first_names_female) | set(Provider.first_names_male)

    def is_name(run: str) -> bool:
        return any(run.startswith(s) and run[len(s) :] in given for s in Provider.last_names)

    return CJK_RUN.sub(lambda m: "" if is_name(m.group()) else m.group(), text)
