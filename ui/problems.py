"""Problems said in the reader's language: an uploaded rulebook's, a cell edit's, a cut-off's.

The library's problems are data (scoring/problems.py): a code with its values, a path in the
rulebook and the element it names. Here the code becomes the catalogue's `problem.<code>`, the
path a phrase (规则「失信被执行人」的分值 / points of rule 'Judgment defaulter') and the values
plain text; the English line the command line prints is never shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from scoring.problems import ELEMENT_KINDS, Name, Problem, Subject
from scoring.tuning.editing import EditProblem
from ui import fmt
from ui.i18n import catalogue, current_language, t
from ui.plain import plain

PARTS = ("score", "eligibility", "tiers", "rules")  # EditProblem elements that are whole parts
# params whose value is a catalogue id, with the key family that names it
_NAMED = {"kind": "expected", "list": "list", "severity": "severity", "status": "status"}


def describe(problem: Problem | EditProblem, lang: str | None = None) -> str:
    """One problem as one line: where it is, then what is wrong."""
    lang = lang or current_language()
    where = _where(problem, lang)
    what = _what(problem.code, problem.params, lang)
    return t("problem.at", lang, where=where, what=what) if where else what


def first_of(problems: Sequence[Problem | EditProblem], lang: str | None = None) -> str:
    """The first problem and how many more: a page message stays one line however many there are."""
    if not problems:
        return ""
    more = t("problems.more", lang, count=len(problems) - 1) if len(problems) > 1 else ""
    return describe(problems[0], lang) + more


def listed(problems: Sequence[Problem | EditProblem], lang: str | None = None, limit: int = 10) -> str:
    """Every problem as a Markdown list, so that one round of corrections can fix them all; past
    `limit` the rest are counted, not listed."""
    lines = [f"- {describe(problem, lang)}" for problem in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"- {t('problems.and_more', lang, count=len(problems) - limit)}")
    return "\n".join(lines)


_PERCENT = {("share_range", "value"), ("shares_sum", "total")}  # shares said as the page shows them


def _what(code: str, params: Mapping[str, Any], lang: str) -> str:
    shown = {
        name: f"{100 * value:.6g}%" if (code, name) in _PERCENT else _value(name, value, lang)
        for name, value in params.items()
    }
    if f"problem.{code}" in catalogue(lang):
        return t(f"problem.{code}", lang, **shown)
    if "value" in shown:
        return t("problem.other_value", lang, value=shown["value"])
    return t("problem.other", lang)


def _value(name: str, value: Any, lang: str) -> str:
    """A value for a message: names in the reader's language, numbers as written, ids of our
    catalogues translated, anything else (what was typed or uploaded) as inert text."""
    if isinstance(value, Name):
        return plain(fmt.name(value, lang))
    if isinstance(value, list | tuple):
        return t("problem.list_sep", lang).join(_value(name, v, lang) for v in value)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return plain(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)
    if name in _NAMED and f"{_NAMED[name]}.{value}" in catalogue(lang):
        return t(f"{_NAMED[name]}.{value}", lang)
    return plain(value)


def _where(problem: Problem | EditProblem, lang: str) -> str:
    if isinstance(problem, Problem):
        if problem.line is not None:
            return t("problem.where.line", lang, line=problem.line, column=problem.column)
        if problem.loc is None:
            return ""
        # an unknown field is named by the message; the place is what holds it
        return _path(problem.loc[:-1] if problem.code == "unknown_field" else problem.loc, problem.subject, lang)
    fields = [f for f in (problem.field or "").split(", ") if f]
    if problem.subject is not None and problem.loc is None:
        return _siblings(_subject(problem.subject, lang), problem.subject.kind, fields, lang)
    if problem.loc is not None:
        return _path(problem.loc, problem.subject, lang)
    if problem.element in PARTS:
        return _siblings(t(f"problem.part.{problem.element}", lang), problem.element, fields, lang)
    return ""


def _path(loc: tuple, subject: Subject | None, lang: str) -> str:
    """A rulebook path as a phrase: the element by name, then its fields by label."""
    if subject is not None:
        skip = 3 if loc[:2] == ("tiers", "levels") else 2
        return _chain(_subject(subject, lang), subject.kind, list(loc[skip:]), lang)
    if not loc:
        return t("problem.part.rulebook", lang)
    if loc[0] in ELEMENT_KINDS and len(loc) > 1 and isinstance(loc[1], int):
        start = t(f"problem.subject.{ELEMENT_KINDS[loc[0]]}", lang, name=t("problem.item", lang, n=loc[1] + 1))
        return _chain(start, ELEMENT_KINDS[loc[0]], list(loc[2:]), lang)
    return _chain("", "", list(loc), lang)


def _chain(owner: str, context: str, parts: Sequence[str | int], lang: str) -> str:
    """`owner` followed by each field (`规则「X」的一票否决的最高等级` / `max tier of veto of rule 'X'`)."""
    for part in parts:
        label = t("problem.item", lang, n=part + 1) if isinstance(part, int) else _label(str(part), context, lang)
        owner = t("problem.path", lang, owner=owner, field=label) if owner else label
        context = str(part) if isinstance(part, str) else context
    return owner


def _siblings(owner: str, context: str, fields: Sequence[str], lang: str) -> str:
    """`owner` and the fields of it an edit names together (最低分、基础分、最高分 of the score
    range), not as a chain of one inside the other."""
    if len(fields) <= 1:
        return _chain(owner, context, fields, lang)
    labels = t("problem.list_sep", lang).join(_label(field, context, lang) for field in fields)
    return t("problem.path", lang, owner=owner, field=labels)


def _label(field: str, context: str, lang: str) -> str:
    """A field's label: the one it has in its context (a tier's `min` is its lower bound, the
    score's the minimum score), else the general one; a key we do not know is quoted as written."""
    names = catalogue(lang)
    for key in (f"field.{context}.{field}", f"field.{field}", f"severity.{field}"):
        if key in names:
            return names[key]
    return t("problem.unknown_part", lang, name=plain(field))


def _subject(subject: Subject, lang: str) -> str:
    name = fmt.name(subject.name, lang) if subject.name else subject.id or "?"
    return t(f"problem.subject.{subject.kind}", lang, name=plain(name))
