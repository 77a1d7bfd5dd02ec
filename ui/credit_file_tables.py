"""The Credit file page's tables and sentences, translated once so that the table on screen and
its download are the same: the people of a filtered list (ID numbers masked), the waterfall's
steps, the records, the plan to the next tier; and the caps, vetoes and eligibility in words."""

from __future__ import annotations

import pandas as pd

from scoring.catalogues import load_catalogues
from scoring.identity_numbers import mask_id_numbers
from scoring.person.bounds import Bound
from scoring.person.eligibility import Reason
from scoring.person.next_tier import NextTier
from scoring.person.waterfall import Step
from scoring.rulebook import Rulebook
from ui import fmt
from ui.i18n import t


def rule_name(rulebook: Rulebook, rule_id: str | None) -> str:
    rule = next((r for r in rulebook.rules if r.id == rule_id), None)
    return fmt.name(rule.title) if rule else "—"


def dimension_name(rulebook: Rulebook, dimension_id: str) -> str:
    return fmt.name(next(d for d in rulebook.dimensions if d.id == dimension_id).title)


def type_name(type_id: str | None) -> str:
    return fmt.name(load_catalogues().record_type(type_id)) if type_id else "—"


def people_table(rows: pd.DataFrame, identities: pd.DataFrame, tier_names: dict[str, str]) -> pd.DataFrame:
    """One page of a filtered list: person id, masked ID number, name, district, key group,
    score, tier, lists. `rows` has person_id, district, key_group, score, tier, red, black."""
    masked = mask_id_numbers(identities.set_index("person_id")["id_number"])
    names = identities.set_index("person_id")["name"]
    return pd.DataFrame(
        {
            t("person.col.person_id"): rows["person_id"].to_numpy(),
            t("person.col.id_number"): masked.reindex(rows["person_id"]).to_numpy(),
            t("person.col.name"): names.reindex(rows["person_id"]).to_numpy(),
            t("dim.district"): [fmt.category("district", d) for d in rows["district"]],
            t("dim.key_group"): [fmt.category("key_group", g) for g in rows["key_group"]],
            t("person.col.score"): rows["score"].to_numpy(),
            t("person.col.tier"): [tier_names.get(x, t("person.unscored")) for x in rows["tier"]],
            t("person.col.lists"): [_lists(r, b) for r, b in zip(rows["red"], rows["black"], strict=True)],
        }
    )


def _lists(red: bool, black: bool) -> str:
    return t("lists.separator").join([t(f"person.list.{k}") for k, on in (("red", red), ("black", black)) if on]) or "—"


def steps_table(steps: list[Step], rulebook: Rulebook) -> pd.DataFrame:
    """The waterfall as a table: each step, its points and the running total."""
    labels = step_labels(steps, rulebook)
    running, totals = 0.0, []
    for step in steps:
        running = step.value if step.kind in ("base", "score") else running + step.value
        totals.append(running)
    return pd.DataFrame(
        {
            t("person.col.step"): labels,
            t("person.col.dimension"): [dimension_name(rulebook, s.dimension) if s.dimension else "—" for s in steps],
            t("person.col.points"): [s.value for s in steps],
            t("person.col.running"): totals,
        }
    )


def step_labels(steps: list[Step], rulebook: Rulebook) -> list[str]:
    def label(step: Step) -> str:
        if step.kind == "rule":
            return rule_name(rulebook, step.rule)
        if step.kind == "dimension_cap":
            return t("person.step.dimension_cap", dimension=dimension_name(rulebook, step.dimension))
        return t(f"person.step.{step.kind}")

    return [label(s) for s in steps]


def records_table(records: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    """Every record: date, type, deciding department, status, case, quantity, rule, and when it
    leaves its window (or that it has left it by the as-of date)."""
    ends = zip(records["leaves_window"], records["in_window"], strict=True)
    return pd.DataFrame(
        {
            t("person.col.date"): [fmt.date(d) for d in records["occurred_on"]],
            t("person.col.record_type"): [type_name(x) for x in records["record_type"]],
            t("person.col.department"): [fmt.category("department", d) for d in records["department"]],
            t("person.col.status"): [t(f"person.status.{s}") for s in records["status"]],
            t("person.col.case"): records["case_id"].astype(str).to_numpy(),  # an identifier, not a quantity
            t("person.col.quantity"): records["quantity"].to_numpy(),
            t("person.col.rule"): [rule_name(rulebook, r) for r in records["rule"]],
            t("person.col.leaves_window"): [_window_end(day, inside) for day, inside in ends],
        }
    )


def _window_end(day, inside: bool) -> str:
    if pd.isna(day):
        return t("person.no_window")
    return fmt.date(day) if inside else t("person.left_window", date=fmt.date(day))


def plan_table(plan: NextTier, rulebook: Rulebook) -> pd.DataFrame:
    """The next-tier plan: what the person does, then what happens by itself, each with its day."""
    rows = []
    for action in (*plan.actions, *plan.waits):
        what = type_name(action.record_type)
        if action.kind == "add":
            detail = t(
                "person.plan.add",
                type=what,
                quantity=fmt.number(action.quantity, 0),
                rule=rule_name(rulebook, action.rule),
            )
        else:
            detail = t(f"person.plan.{action.kind}", type=what, rule=rule_name(rulebook, action.rule))
        rows.append((fmt.date(action.on), t(f"person.plan.kind.{action.kind}"), detail))
    return pd.DataFrame(rows, columns=[t("person.col.from"), t("person.col.action"), t("person.col.detail")])


def bound_text(bound: Bound, rulebook: Rulebook, tier_names: dict[str, str]) -> str:
    """A cap or veto in words: 交通违法扣分已达上限 −10 / Traffic violation reached its cap of −10."""
    if bound.kind == "rule_cap":
        return t(f"person.bound.rule_{bound.side}", rule=rule_name(rulebook, bound.rule), cap=f"{bound.limit:+g}")
    if bound.kind == "dimension_cap":
        name = dimension_name(rulebook, bound.dimension)
        return t(f"person.bound.dimension_{bound.side}", dimension=name, cap=f"{bound.limit:+g}")
    if bound.kind == "range":
        return t(f"person.bound.range_{bound.side}", limit=f"{bound.limit:g}")
    key = "person.bound.veto_lowered" if bound.lowered else "person.bound.veto"
    return t(key, rule=rule_name(rulebook, bound.rule), tier=tier_names[bound.limit])


def reason_text(reason: Reason) -> str:
    return t(f"person.reason.{reason.code}", **reason.params)
