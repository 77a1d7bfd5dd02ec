"""The Legality checks page's tables (issue 17): one row per check with its verdict in an icon
and a word (never colour alone), the finding worded from its message code, the rules and other
elements it names by name (never ids), the legal baseline with its date and status, and the
rulebook's written explanation where it gives one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd

from scoring.catalogues import load_catalogues
from scoring.checks.finding import VERDICTS, Finding
from scoring.checks.run import explanation
from scoring.rulebook import Rulebook
from ui import fmt
from ui.i18n import current_language, t
from ui.rule_names import Names, field_label, names_of
from ui.tables import EMPTY


def verdict_counts(findings: Sequence[Finding]) -> dict[str, int]:
    """Checks per verdict, every verdict present (pass, warn, fail)."""
    counts = Counter(f.verdict for f in findings)
    return {v: counts.get(v, 0) for v in VERDICTS}


def _value(value: object, names: Names) -> str:
    """A message's value as read: counts and numbers the reader's way, rule ids as names."""
    if isinstance(value, tuple):
        return names.joined("rule", value)
    if isinstance(value, int):
        return fmt.count(value)
    if isinstance(value, float):  # a ratio or a threshold: 1.06, 1.5, 2
        return fmt.number(value, 2).rstrip("0").rstrip(".")
    return str(value)


def message(found: Finding, names: Names) -> str:
    return t(f"checks.msg.{found.code}", **{k: _value(v, names) for k, v in found.params.items()})


def _element(kind: str, item_id: str, names: Names) -> str:
    if kind == "severity":
        return t(f"severity.{item_id}")
    if kind == "field":
        section, _, field = item_id.partition(".")
        return f"{t(f'section.{section}')}·{field_label(field)}"
    return names.name(kind, item_id)


def _explanation(rulebook: Rulebook, found: Finding, names: Names) -> str:
    given = explanation(rulebook, found)
    if given is None:
        return EMPTY
    source = names.name("source", given.source) if given.source else t("checks.no_source")
    return t("checks.explanation", text=fmt.name(given.text), status=t(f"status.{given.status.value}"), source=source)


def findings_table(findings: Sequence[Finding], rulebook: Rulebook) -> pd.DataFrame:
    """One row per check, in the order given."""
    names = names_of(rulebook, lang=current_language())
    sources = load_catalogues().sources
    rows = [
        {
            t("checks.col.check"): t(f"checks.name.{f.check}"),
            t("checks.col.verdict"): t(f"checks.verdict.{f.verdict}"),
            t("checks.col.finding"): message(f, names),
            t("checks.col.rules"): names.joined("rule", f.rules) or EMPTY,
            t("checks.col.elements"): _joined([_element(k, i, names) for k, i in f.elements]) or EMPTY,
            t("checks.col.baseline"): fmt.name(sources[f.baseline]),
            t("checks.col.baseline_date"): fmt.date(f.baseline_date),
            t("checks.col.baseline_status"): _status(sources[f.baseline].status),
            t("checks.col.explanation"): _explanation(rulebook, f, names),
        }
        for f in findings
    ]
    return pd.DataFrame(rows)


def _status(status) -> str:
    return t(f"status.{status.value}") if status else EMPTY


def _joined(items: list[str]) -> str:
    """Named elements of several kinds in one cell (a field's name may itself hold a comma)."""
    return ("、" if current_language() == "zh-CN" else "; ").join(items)
