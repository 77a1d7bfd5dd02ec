"""Editing a rulebook as data: the rule table, settings and tier cut-offs.

The tuning pages show the rules as one table (`rules_table`) and hand back the edited cells as
`{rule_id: {column: value}}` (ui/editors.py maps a `st.data_editor` state to that shape). Every
function here returns a NEW, fully validated rulebook or raises `EditError` naming the rule and
field, so a bad cell never half-applies and the scores stay as they were. A changed value loses
its confirmed/reported status: its `provenance[field]` becomes an assumption, visibly.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from pydantic import ValidationError

from scoring.catalogues import Catalogues, Status
from scoring.problems import Loc, Refusal, Subject, from_pydantic, name_of, subject_at
from scoring.rulebook import Problem, Rulebook, RulebookProblems
from scoring.tuning.cells import coerce
from scoring.tuning.edited_titles import without_marks

ASSUMED = {"status": Status.assumption, "source": None}
_STATUS_RANK = {Status.assumption: 0, Status.reported: 1, Status.confirmed: 2}

# table column -> (rule field whose provenance it changes, kind of value)
RULE_COLUMNS: dict[str, tuple[str, str]] = {
    "title_zh": ("title", "text"),
    "title_en": ("title", "text"),
    "matches": ("matches", "ids"),
    "lists": ("lists", "ids"),
    "points": ("points", "number"),
    "per_units": ("per_units", "number"),
    "cap_low": ("cap_low", "optional_number"),
    "cap_high": ("cap_high", "optional_number"),
    "window_months": ("window_months", "optional_int"),
    "decay_half_life_months": ("decay_half_life_months", "optional_number"),
    "dimension": ("dimension", "id"),
    "groups": ("groups", "groups"),
    "veto_max_tier": ("veto", "optional_id"),
}
READ_ONLY_COLUMNS = ("id", "status", "source", "overrides")
TABLE_COLUMNS = ("id", *RULE_COLUMNS, "status", "source", "overrides")
ELIGIBILITY_FIELDS = ("min_age", "consent_required", "hukou", "non_local_min_insured_months")


@dataclass(frozen=True)
class EditProblem:
    """One problem with an edit: which element (rule id, `tiers`, `score`, …) and field, in
    English (`str()`) and as data for the dashboard's languages: `code` and `params` say what,
    `subject` the rule, dimension or tier by id and name, `loc` a rulebook path when the problem
    is a check of the whole rulebook (scoring/problems.py)."""

    element: str
    field: str | None
    message: str
    code: str = "other"
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    subject: Subject | None = None
    loc: Loc | None = None

    def __str__(self) -> str:
        return (
            f"{self.element}, field {self.field}: {self.message}" if self.field else f"{self.element}: {self.message}"
        )


def _about(rulebook: Rulebook, kind: str, element_id: str, field: str | None, message: str, code: str = "other",
           params: Mapping[str, Any] | None = None) -> EditProblem:  # fmt: skip
    """A problem of one rule, dimension or tier, named by the rulebook's title for it."""
    elements = {"rule": rulebook.rules, "dimension": rulebook.dimensions, "tier": rulebook.tiers.levels}[kind]
    found = next((e for e in elements if e.id == element_id), None)
    subject = Subject(kind, element_id, name_of(found.title) if found else None)
    element = f"tiers, tier {element_id}" if kind == "tier" else f"{kind} {element_id}"
    return EditProblem(element, field, message, code, params or {}, subject)


def _refused(exc: ValueError) -> tuple[str, dict[str, Any]]:
    """The code and values of a refused value (`coerce`)."""
    return (exc.code, dict(exc.params)) if isinstance(exc, Refusal) else ("other", {})


class EditError(ValueError):
    """An edit that cannot be applied; nothing was applied. `problems` lists each one so that a
    page can show the message next to the cell."""

    def __init__(self, problems: Sequence[EditProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# --- the rule table ----------------------------------------------------------------------------


def rules_table(rulebook: Rulebook) -> pd.DataFrame:
    """One row per rule, in rulebook order, with list values comma-joined (editable as text).

    `status` is the weakest status among the rule's values (an edited confirmed rule shows
    `assumption`); `overrides` lists the per-field statuses that differ from the rule's own.
    """
    rows = []
    for rule in rulebook.rules:
        statuses = [rule.provenance_of(field).status for field, _ in RULE_COLUMNS.values()]
        rows.append(
            {
                "id": rule.id,
                "title_zh": rule.title.zh,
                "title_en": rule.title.en,
                "matches": ", ".join(rule.matches),
                "lists": ", ".join(rule.lists),
                "points": float(rule.points),
                "per_units": float(rule.per_units),
                "cap_low": rule.cap_low,
                "cap_high": rule.cap_high,
                "window_months": rule.window_months,
                "decay_half_life_months": rule.decay_half_life_months,
                "dimension": rule.dimension,
                "groups": rule.groups if rule.groups == "all" else ", ".join(rule.groups),
                "veto_max_tier": rule.veto.max_tier if rule.veto else None,
                "status": min(statuses, key=_STATUS_RANK.__getitem__).value,
                "source": rule.source,
                "overrides": ", ".join(f"{f}: {p.status.value}" for f, p in rule.provenance.items()),
            }
        )
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    for column in ("cap_low", "cap_high", "decay_half_life_months"):
        table[column] = table[column].astype("float64")
    table["window_months"] = table["window_months"].astype("Int64")
    return table


def changed_columns(baseline: Rulebook, rulebook: Rulebook) -> dict[str, tuple[str, ...]]:
    """Per rule of `rulebook`, the editable columns whose value differs from `baseline` (a rule
    the baseline lacks differs in every column; an edited rule's title mark is no edit of its own)."""
    before = rules_table(baseline).set_index("id")
    after = rules_table(without_marks(rulebook)).set_index("id")
    before = before.reindex(after.index)
    changed: dict[str, tuple[str, ...]] = {}
    for rule_id in after.index:
        old, new = before.loc[rule_id, list(RULE_COLUMNS)], after.loc[rule_id, list(RULE_COLUMNS)]
        differs = [c for c in RULE_COLUMNS if not (_blank(old[c]) and _blank(new[c])) and not _equal(old[c], new[c])]
        changed[rule_id] = tuple(differs)
    return changed


def _blank(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _equal(old: Any, new: Any) -> bool:
    return not _blank(old) and not _blank(new) and old == new


def apply_rule_edits(
    rulebook: Rulebook,
    edits: Mapping[str, Mapping[str, Any]],
    preset: Rulebook | None = None,
    catalogues: Catalogues | None = None,
) -> Rulebook:
    """A new rulebook with `edits` ({rule_id: {column: value}}, columns as in `rules_table`).

    Changed values become assumptions; with `preset`, a value set back to the preset's regains
    the preset's provenance. Raises EditError listing every problem; the input is never changed.
    """
    if not isinstance(edits, Mapping):
        raise EditError(
            [EditProblem("rules", None, f"expected edits as {{rule_id: {{field: value}}}}, got {type(edits).__name__}")]
        )
    known = {rule.id: i for i, rule in enumerate(rulebook.rules)}
    preset_rules = {rule.id: rule for rule in preset.rules} if preset else {}
    problems: list[EditProblem] = []
    rules = [rule.model_dump() for rule in rulebook.rules]
    edited_fields: dict[str, list[str]] = {}
    for rule_id, changes in edits.items():
        if rule_id not in known:
            problems.append(EditProblem(f"rule {rule_id}", None, f"unknown rule; expected one of {sorted(known)}"))
            continue
        if not isinstance(changes, Mapping):
            problems.append(EditProblem(f"rule {rule_id}", None, f"expected {{field: value}}, got {changes!r}"))
            continue
        data = rules[known[rule_id]]
        for column, raw in changes.items():
            if column in READ_ONLY_COLUMNS:
                problems.append(EditProblem(f"rule {rule_id}", column, "cannot be edited here (read-only column)"))
                continue
            if column not in RULE_COLUMNS:
                problems.append(
                    EditProblem(f"rule {rule_id}", column, f"unknown field; expected one of {list(RULE_COLUMNS)}")
                )
                continue
            field, kind = RULE_COLUMNS[column]
            try:
                value = coerce(raw, kind)
            except ValueError as exc:
                problems.append(_about(rulebook, "rule", rule_id, column, str(exc), *_refused(exc)))
                continue
            if column.startswith("title_"):
                value = {**data["title"], column.removeprefix("title_"): value}
            elif column == "veto_max_tier":
                value = {"max_tier": value} if value is not None else None
            if _same(data[field], value):
                continue
            data[field] = value
            edited_fields.setdefault(rule_id, []).append(column)
            _mark(data, field, value, preset_rules.get(rule_id))
    if problems:
        raise EditError(problems)
    return _validated(rulebook, {"rules": rules}, edited_fields, catalogues)


# --- settings ----------------------------------------------------------------------------------


def dimensions_table(rulebook: Rulebook) -> pd.DataFrame:
    """One row per dimension: id, titles, caps, status (weakest of the caps) and source."""
    rows = [
        {
            "id": d.id,
            "title_zh": d.title.zh,
            "title_en": d.title.en,
            "cap_low": d.cap_low,
            "cap_high": d.cap_high,
            "status": min(
                (d.provenance_of(f).status for f in ("cap_low", "cap_high")), key=_STATUS_RANK.__getitem__
            ).value,
            "source": d.source,
        }
        for d in rulebook.dimensions
    ]
    table = pd.DataFrame(rows)
    return table.astype({"cap_low": "float64", "cap_high": "float64"})


def apply_settings(
    rulebook: Rulebook,
    *,
    base: float | None = None,
    score_min: float | None = None,
    score_max: float | None = None,
    dimension_caps: Mapping[str, Mapping[str, float | None]] | None = None,
    eligibility: Mapping[str, Any] | None = None,
    preset: Rulebook | None = None,
    catalogues: Catalogues | None = None,
) -> Rulebook:
    """A new rulebook with the score range, dimension caps (`{dim: {"cap_low": x, "cap_high": y}}`,
    None = no cap) and eligibility fields changed. None for base/min/max means unchanged.
    Changed values become assumptions; raises EditError naming the element and field."""
    problems: list[EditProblem] = []
    edited: dict[str, list[str]] = {}

    def change(element: str, data: dict, field: str, raw: Any, kind: str, preset_element) -> None:
        """Coerce one value and, when it differs, set it and mark it an assumption."""
        try:
            value = coerce(raw, kind)
        except ValueError as exc:
            code, params = _refused(exc)
            if element.startswith("dimension "):
                dim = element.removeprefix("dimension ")
                problems.append(_about(rulebook, "dimension", dim, field, str(exc), code, params))
            else:
                problems.append(EditProblem(element, field, str(exc), code, params))
            return
        if not _same(data[field], value):
            data[field] = value
            _mark(data, field, value, preset_element)
            edited.setdefault(element, []).append(field)

    score = rulebook.score.model_dump()
    for field, raw in (("base", base), ("min", score_min), ("max", score_max)):
        if raw is not None:
            change("score", score, field, raw, "number", preset.score if preset else None)

    dims = [d.model_dump() for d in rulebook.dimensions]
    by_id = {d["id"]: d for d in dims}
    preset_dims = {d.id: d for d in preset.dimensions} if preset else {}
    for dim_id, caps in (dimension_caps or {}).items():
        element = f"dimension {dim_id}"
        if dim_id not in by_id:
            problems.append(EditProblem(element, None, f"unknown dimension; expected one of {sorted(by_id)}"))
            continue
        for field, raw in caps.items():
            if field not in ("cap_low", "cap_high"):
                problems.append(EditProblem(element, field, "unknown field; expected cap_low or cap_high"))
            else:
                change(element, by_id[dim_id], field, raw, "optional_number", preset_dims.get(dim_id))

    elig = rulebook.eligibility.model_dump()
    kinds = {
        "min_age": "int",
        "consent_required": "bool",
        "hukou": "id",
        "non_local_min_insured_months": "optional_int",
    }
    for field, raw in (eligibility or {}).items():
        if field not in kinds:
            problems.append(
                EditProblem("eligibility", field, f"unknown field; expected one of {list(ELIGIBILITY_FIELDS)}")
            )
        else:
            change("eligibility", elig, field, raw, kinds[field], preset.eligibility if preset else None)

    update = {"score": score, "dimensions": dims, "eligibility": elig}
    if problems:
        raise EditError(problems)
    return _validated(rulebook, update, edited, catalogues)


def set_tier_cutoffs(
    rulebook: Rulebook,
    mode: Literal["absolute", "quantile"],
    values: Mapping[str, float] | Sequence[float],
    preset: Rulebook | None = None,
) -> Rulebook:
    """A new rulebook with tier cut-offs set: in absolute mode the lower bound (`min`) of every
    tier but the last, best first; in quantile mode the `share` of eligible people of every tier
    (adding up to 1). `values` by tier id or as a sequence in tier order."""
    ids = rulebook.tiers.ids
    if mode not in ("absolute", "quantile"):
        raise EditError([EditProblem("tiers", "mode", f"expected 'absolute' or 'quantile', got {mode!r}")])
    expected = ids[:-1] if mode == "absolute" else ids
    given = _by_tier(values, expected, ids, mode)
    numbers_: dict[str, float] = {}
    problems = []
    for tier_id in expected:
        try:
            numbers_[tier_id] = coerce(given[tier_id], "number")
        except ValueError as exc:
            field_ = "min" if mode == "absolute" else "share"
            problems.append(_about(rulebook, "tier", tier_id, field_, str(exc), *_refused(exc)))
    if problems:
        raise EditError(problems)
    if mode == "absolute":
        names = {level.id: name_of(level.title) for level in rulebook.tiers.levels}
        for upper, lower in zip(expected, expected[1:], strict=False):
            if not numbers_[lower] < numbers_[upper]:
                message = (
                    f"cut-offs must fall from best to worst: {lower} {numbers_[lower]:g} "
                    f"is not below {upper} {numbers_[upper]:g}"
                )
                params = {"upper": names[upper], "upper_min": numbers_[upper], "lower": names[lower],
                          "lower_min": numbers_[lower]}  # fmt: skip
                problems.append(EditProblem("tiers", None, message, "tiers_unordered", params))
    else:
        for tier_id, share in numbers_.items():
            if not 0 < share <= 1:
                message = f"expected a share in (0, 1], got {share:g}"
                problems.append(_about(rulebook, "tier", tier_id, "share", message, "share_range", {"value": share}))
        total = sum(numbers_.values())
        if abs(total - 1) > 1e-9:
            message = f"quantile shares must add up to 1, got {total:.6g}"
            problems.append(EditProblem("tiers", None, message, "shares_sum", {"total": total}))
    if problems:  # every one of them, so that one correction round fixes them all
        raise EditError(problems)

    tiers = rulebook.tiers.model_dump()
    preset_levels = {lv.id: lv for lv in preset.tiers.levels} if preset else {}
    edited: dict[str, list[str]] = {}
    if tiers["mode"] != mode:
        tiers["mode"] = mode
        _mark(tiers, "mode", mode, preset.tiers if preset else None)
        edited["tiers"] = ["mode"]
    field, other = ("min", "share") if mode == "absolute" else ("share", "min")
    for level in tiers["levels"]:
        value = numbers_.get(level["id"])
        if level[other] is not None:  # the other mode's value goes, and its absence is our choice too
            level[other] = None
            _mark(level, other, None, preset_levels.get(level["id"]))
        if not _same(level[field], value):
            level[field] = value
            _mark(level, field, value, preset_levels.get(level["id"]))
            edited.setdefault(f"tier {level['id']}", []).append(field)
    return _validated(rulebook, {"tiers": tiers}, edited, None)


# --- helpers -----------------------------------------------------------------------------------


def _by_tier(values, expected: Sequence[str], ids: Sequence[str], mode: str) -> dict[str, Any]:
    what = "a lower bound for every tier but the last" if mode == "absolute" else "a share for every tier"
    if isinstance(values, Mapping):
        unknown = [k for k in values if k not in ids]
        if unknown:
            raise EditError([EditProblem("tiers", None, f"unknown tier {unknown[0]!r}; expected one of {list(ids)}")])
        if mode == "absolute" and ids[-1] in values and values[ids[-1]] is not None:
            raise EditError(
                [EditProblem("tiers", None, f"the last tier ({ids[-1]}) takes everyone below; it has no cut-off")]
            )
        missing = [k for k in expected if k not in values]
        if missing:
            raise EditError([EditProblem("tiers", None, f"expected {what}; missing {missing}")])
        return dict(values)
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise EditError([EditProblem("tiers", None, f"expected {what} ({list(expected)}), got {values!r}")])
    values = list(values)
    if len(values) != len(expected):
        raise EditError(
            [
                EditProblem(
                    "tiers", None, f"expected {what}: {len(expected)} values for {list(expected)}, got {len(values)}"
                )
            ]
        )
    return dict(zip(expected, values, strict=True))


def _mark(data: dict, field: str, value: Any, preset_element=None) -> None:
    """Record a changed value's provenance: an assumption, unless it is back at the preset's value."""
    provenance = dict(data.get("provenance") or {})
    if preset_element is not None and _same(_dumped(preset_element, field), value):
        if field in preset_element.provenance:
            provenance[field] = preset_element.provenance[field].model_dump()
        else:
            provenance.pop(field, None)
            if data.get("status") != preset_element.status or data.get("source") != preset_element.source:
                provenance[field] = {"status": preset_element.status, "source": preset_element.source}
    else:
        provenance[field] = dict(ASSUMED)
    data["provenance"] = provenance


def _dumped(element, field: str) -> Any:
    value = getattr(element, field)
    return value.model_dump() if hasattr(value, "model_dump") else value


def _same(old: Any, new: Any) -> bool:
    """Equal as values: tuples and lists alike, and True never equal to 1."""
    if isinstance(old, tuple | list) and isinstance(new, tuple | list):
        return tuple(old) == tuple(new)
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    return old == new


_FIELD_COLUMN = {"veto": "veto_max_tier", "title": "title"}


def _validated(
    rulebook: Rulebook, update: dict[str, Any], edited: Mapping[str, list[str]], catalogues: Catalogues | None
) -> Rulebook:
    """Build the edited rulebook with the same checks as parse_rulebook, problems named by element
    and field (the fields that were edited when a check spans several)."""
    data = rulebook.model_dump()
    data.update(update)
    try:
        return Rulebook.model_validate(data, context={"catalogues": catalogues})
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            found = (err.get("ctx") or {}).get("error")
            if isinstance(found, RulebookProblems):
                problems.extend(_cross_problem(p, rulebook, data) for p in found.problems)
            else:
                problems.append(_problem(err, rulebook, edited))
        raise EditError(problems) from None


def _cross_problem(problem: Problem, rulebook: Rulebook, data: Mapping[str, Any]) -> EditProblem:
    """A cross-element problem (a reference, a cut-off outside the range) as the editor names it."""
    if problem.rule:
        field = problem.field.split(".")[0]
        column = _FIELD_COLUMN.get(field, field)
        return _about(rulebook, "rule", problem.rule, column, problem.message, problem.code, problem.params)
    subject = subject_at(data, problem.loc)
    return EditProblem(problem.path, None, problem.message, problem.code, problem.params, subject, problem.loc)


def _problem(err: dict, rulebook: Rulebook, edited: Mapping[str, list[str]]) -> EditProblem:
    loc = tuple(err["loc"])
    message = err["msg"].removeprefix("Value error, ")
    code, params = from_pydantic(err)
    if loc[:1] == ("rules",) and len(loc) >= 2 and isinstance(loc[1], int):
        rule_id = rulebook.rules[loc[1]].id
        field = loc[2] if len(loc) > 2 else None
        if field in ("title", "veto"):
            field = "veto_max_tier" if field == "veto" else f"title_{loc[3]}" if len(loc) > 3 else "title"
        if field is None:
            field = ", ".join(edited.get(rule_id, [])) or None
        return _about(rulebook, "rule", rule_id, str(field) if field else None, message, code, params)
    if loc[:1] == ("dimensions",) and len(loc) >= 2 and isinstance(loc[1], int):
        dim_id = rulebook.dimensions[loc[1]].id
        field = loc[2] if len(loc) > 2 else ", ".join(edited.get(f"dimension {dim_id}", [])) or None
        return _about(rulebook, "dimension", dim_id, field, message, code, params)
    if loc[:1] in (("score",), ("eligibility",)):
        field = loc[1] if len(loc) > 1 else ", ".join(edited.get(loc[0], [])) or None
        return EditProblem(loc[0], field, message, code, params)
    if loc[:1] == ("tiers",):
        return EditProblem("tiers", ".".join(str(p) for p in loc[1:]) or None, message, code, params, loc=loc)
    return EditProblem(".".join(str(p) for p in loc) or "rulebook", None, message, code, params, loc=loc)
