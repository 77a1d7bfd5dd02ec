"""What a check finds: a verdict, the rules and other elements that cause it (by id), the legal
baseline it is judged against (a source of the catalogue, with its date) and a message code with
its values, which the dashboard words in the reader's language (`checks.msg.<code>`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from scoring.catalogues import Catalogues, load_catalogues
from scoring.rulebook import Rulebook

Verdict = Literal["pass", "warn", "fail"]
VERDICTS: tuple[Verdict, ...] = ("pass", "warn", "fail")  # from best to worst
# Kinds of the elements a finding names besides rules: what ui.rule_names names them as.
ElementKind = Literal["record_type", "sanction", "incentive", "group", "field", "severity"]


class CheckInputError(ValueError):
    """A check was called with something that is not what it judges (one line, naming it)."""


@dataclass(frozen=True)
class Finding:
    check: str
    verdict: Verdict
    code: str  # the message: checks.msg.<code> in the catalogues of text
    baseline: str  # a source id of the catalogue
    baseline_date: dt.date
    rules: tuple[str, ...] = ()  # the offending rules by id, in rulebook order
    elements: tuple[tuple[ElementKind, str], ...] = ()  # other offending ids with their kind
    params: Mapping[str, object] = field(default_factory=dict)  # numbers for the message


def finding(
    check: str,
    verdict: Verdict,
    code: str,
    baseline: str,
    catalogues: Catalogues,
    *,
    rules: Iterable[str] = (),
    elements: Iterable[tuple[ElementKind, str]] = (),
    **params: object,
) -> Finding:
    """A finding dated by its baseline's date in the catalogue (an unknown baseline is a bug here,
    so it raises)."""
    return Finding(
        check, verdict, code, baseline, catalogues.sources[baseline].date,
        tuple(dict.fromkeys(rules)), tuple(dict.fromkeys(elements)), dict(params),
    )  # fmt: skip


def worst(verdicts: Iterable[Verdict]) -> Verdict:
    """The worst of some verdicts (pass when there are none)."""
    return max(verdicts, key=VERDICTS.index, default="pass")


def checked(rulebook: object, catalogues: object | None) -> Catalogues:
    """The arguments every check takes, checked up front; the catalogues (bundled by default)."""
    if not isinstance(rulebook, Rulebook):
        raise CheckInputError(f"rulebook: expected a Rulebook, got {type(rulebook).__name__}")
    if catalogues is None:
        return load_catalogues()
    if not isinstance(catalogues, Catalogues):
        raise CheckInputError(f"catalogues: expected Catalogues, got {type(catalogues).__name__}")
    return catalogues


def negative_rules(rulebook: Rulebook):
    """Rules that deduct for record types (list rules read no record type)."""
    return [rule for rule in rulebook.rules if rule.points < 0 and rule.matches]
