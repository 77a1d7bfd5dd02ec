"""A rulebook's ids as its readers name them, and back.

The library speaks ids (a rule `fraud`, a dimension `judicial`, record types, key groups, lists
`red`/`black`, tiers, sources, fields such as `window_months`); a reader meets names in their
language. `Names` turns each kind of id into its name and a typed or picked name back into the
id, so the rule editor shows names and still hands the library ids. A name it does not know is
passed on as typed: the library then refuses it, naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from scoring.catalogues import load_catalogues
from scoring.rulebook import Rulebook
from ui import fmt
from ui.i18n import LANGUAGES, current_language, t

LIST_KINDS = ("red", "black")
ALL_GROUPS = "all"
SECTIONS = ("rulebook", "score", "tiers", "eligibility", "repair", "objections")
_ELEMENT = re.compile(r"^(?:tiers\.levels|(\w+))\[([^\]]+)\]$")
_ELEMENT_KINDS = {"rules": "rule", "dimensions": "dimension", "incentives": "incentive", "sanctions": "sanction"}
_SEPARATORS = re.compile(r"\s*[,，、;；]\s*")
_LEADING_SEPARATOR = re.compile(r"^\s*[,，、;；]\s*")


@dataclass(frozen=True)
class Names:
    """Names of one or more rulebooks' ids in `lang`, by kind (`rule`, `dimension`, `tier`,
    `record_type`, `group`, `list`, `source`), and the reverse lookup (names in every language)."""

    lang: str
    names: Mapping[str, Mapping[str, str]]
    ids: Mapping[str, Mapping[str, str]]

    def name(self, kind: str, item_id: Any) -> Any:
        """The name of an id; None stays None (an empty cell), an unknown id stays itself."""
        return self.names[kind].get(item_id, item_id) if isinstance(item_id, str) else item_id

    def joined(self, kind: str, ids: Iterable[str]) -> str:
        """Several ids as one cell: 诈骗、商业欺诈 / Fraud, Commercial fraud."""
        return join([self.name(kind, i) for i in ids], self.lang)

    def id(self, kind: str, text: Any) -> Any:
        """The id a reader meant by a name (in either language, or the id itself)."""
        if not isinstance(text, str):
            return text
        return self.ids[kind].get(text.strip(), text.strip())

    def split(self, kind: str, text: Any) -> Any:
        """A cell of several names back to the library's comma-joined ids. Known names are matched
        whole first, as some hold a comma themselves (Uncivil conduct (eating on trains, loud audio …))."""
        if not isinstance(text, str):
            return text
        known = sorted(self.ids[kind], key=len, reverse=True)
        rest, found = text.strip(), []
        while rest:
            name = next((n for n in known if rest.startswith(n) and _ends_item(rest, len(n))), None)
            if name is None:
                name = _SEPARATORS.split(rest, maxsplit=1)[0].strip()
            if name:
                found.append(self.ids[kind].get(name, name))
            rest = _LEADING_SEPARATOR.sub("", rest[len(name) :]).strip()
        return ", ".join(found)


def _ends_item(text: str, end: int) -> bool:
    return end == len(text) or _SEPARATORS.match(text, end) is not None


def join(items: Iterable[str], lang: str) -> str:
    """Items of one cell, as each language lists them."""
    return ("、" if lang == "zh-CN" else ", ").join(items)


def names_of(*rulebooks: Rulebook, lang: str | None = None) -> Names:
    """The names of these rulebooks' ids and the catalogues' (the first rulebook's name wins)."""
    lang = lang or current_language()
    by_lang = {code: _named(rulebooks, code) for code in LANGUAGES}
    ids: dict[str, dict[str, str]] = {}
    for kind in by_lang[lang]:
        lookup = ids.setdefault(kind, {})
        for code in (*(c for c in LANGUAGES if c != lang), lang):  # the reader's language wins a clash
            lookup.update({name: item_id for item_id, name in by_lang[code][kind].items()})
    return Names(lang, by_lang[lang], ids)


def _named(rulebooks: Iterable[Rulebook], lang: str) -> dict[str, dict[str, str]]:
    cats = load_catalogues()
    named: dict[str, dict[str, str]] = {
        "rule": {},
        "dimension": {},
        "tier": {},
        "incentive": {},
        "sanction": {},
        "record_type": {r.id: fmt.name(r, lang) for r in cats.record_types},
        "group": {ALL_GROUPS: t("rules.groups_all", lang), **{g.id: fmt.name(g, lang) for g in cats.key_groups}},
        "list": {kind: t(f"list.{kind}", lang) for kind in LIST_KINDS},
        "source": {s: fmt.name(source, lang) for s, source in cats.sources.items()},
    }
    for rulebook in reversed(list(rulebooks)):
        named["source"].update({s: fmt.source_line(line, lang) for s, line in rulebook.sources.items()})
        named["rule"].update({r.id: fmt.name(r.title, lang) for r in rulebook.rules})
        named["dimension"].update({d.id: fmt.name(d.title, lang) for d in rulebook.dimensions})
        named["tier"].update(fmt.tier_names(rulebook, lang))
        named["incentive"].update({i.id: fmt.name(i.title, lang) for i in rulebook.incentives})
        named["sanction"].update({s.id: fmt.name(s.title, lang) for s in rulebook.sanctions})
    return named


def element_name(path: str, names: Names) -> tuple[str | None, str]:
    """(kind of id, name) of an element by its path: `rules[fraud]` is the rule 诈骗, a section
    such as `eligibility` 评价对象."""
    found = _ELEMENT.match(path)
    if found is None:
        return None, t(f"section.{path}", names.lang) if path in SECTIONS else path
    kind = _ELEMENT_KINDS.get(found.group(1) or "", "tier")
    return kind, names.name(kind, found.group(2))


def field_label(field: str, lang: str | None = None) -> str:
    """A rulebook field as read: `window_months` is 时间窗口（月）, `title.zh` 名称·中文,
    `min_months.serious` 最短修复期（月）·严重, `sources.gb-2016-98` the source's name."""
    first, *rest = field.split(".")
    if first == "sources" and rest:
        source = load_catalogues().sources.get(rest[0])
        return t("diff.source", lang, source=fmt.name(source, lang) if source else rest[0])
    return "·".join([t(f"field.{first}", lang), *(_part_label(part, lang) for part in rest)])


def _part_label(part: str, lang: str | None) -> str:
    """A key inside a field: a severity (一般, 严重) or a field of its own (占比, 最高等级)."""
    return t(f"severity.{part}" if f"severity.{part}" in _keys(lang) else f"field.{part}", lang)


def _keys(lang: str | None) -> set[str]:
    from ui.i18n import catalogue

    return set(catalogue(lang or current_language()))


# Which kind of id a field's values are, for naming them.
VALUE_KINDS = {
    "dimension": "dimension",
    "matches": "record_type",
    "lists": "list",
    "groups": "group",
    "veto": "tier",
    "veto_max_tier": "tier",
    "max_tier": "tier",
    "tiers": "tier",
    "source": "source",
}


def value_text(field: str, value: Any, names: Names) -> Any:
    """A value as read: ids named, statuses and modes translated, booleans as yes/no, a list as
    one cell, a mapping or model (a veto, periods by severity) as its named parts; numbers and
    free text as they are."""
    last = field.split(".")[-1]
    if isinstance(value, bool):
        return t("yes" if value else "no", names.lang)
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    if isinstance(value, Mapping):
        parts = {_part_label(key, names.lang): value_text(f"{field}.{key}", item, names) for key, item in value.items()}
        return join([t("value.part", names.lang, name=k, value=v) for k, v in parts.items()], names.lang)
    if isinstance(value, list | tuple):
        value = ", ".join(map(str, value))
    if not isinstance(value, str) or not value:
        return value
    if last in VALUE_KINDS:
        kind = VALUE_KINDS[last]
        return names.joined(kind, _SEPARATORS.split(value))
    if last == "status":
        return t(f"status.{value}", names.lang)
    if last == "effective":
        return fmt.date(value, names.lang)
    if last == "mode":
        return t(f"tiers.mode.{value}", names.lang)
    if last == "hukou":
        return t(f"rules.hukou.{value}", names.lang)
    if last in ("training_for", "report_for"):
        return join([t(f"severity.{s}", names.lang) for s in _SEPARATORS.split(value)], names.lang)
    return value
