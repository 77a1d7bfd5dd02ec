"""One act counted twice (国办发〔2020〕49号: punishment proportionate to the conduct).

In the rulebook: a rule deducting for a record type that leads to the black list, and a rule
deducting while on the black list, so the record and the listing it caused both cost points.
In the data: records of one case (`case_id`) of one scored person that each deduct on the as-of
date (a lost debt case and the defaulter listing it caused, a drunk-driving conviction and its
administrative penalty).
"""

from __future__ import annotations

import numpy as np

from scoring.analyses.arguments import day
from scoring.analyses.suspensions import suspended_records
from scoring.calendar import months_elapsed
from scoring.catalogues import Catalogues
from scoring.checks.baselines import LEGALITY
from scoring.checks.finding import CheckInputError, Finding, checked, finding, negative_rules
from scoring.dataset import Dataset
from scoring.dataset.schema import EVENTS
from scoring.rulebook import Rulebook


def list_stacking(rulebook: Rulebook, catalogues: Catalogues | None = None) -> list[Finding]:
    """Fail when both a black-list rule and a rule on a type that leads to the black list deduct."""
    catalogues = checked(rulebook, catalogues)
    list_rules = [r.id for r in rulebook.rules if r.points < 0 and "black" in r.lists]
    causes = {
        rule.id: [t for t in rule.matches if "black" in catalogues.record_type(t).lists]
        for rule in negative_rules(rulebook)
    }
    causes = {rule: types for rule, types in causes.items() if types}
    if not (list_rules and causes):
        return [finding("double_count_lists", "pass", "double_count_lists.pass", LEGALITY, catalogues)]
    in_order = [r.id for r in rulebook.rules if r.id in causes or r.id in list_rules]
    types = [t for ts in causes.values() for t in ts]
    return [
        finding(
            "double_count_lists", "fail", "double_count_lists.stacked", LEGALITY, catalogues,
            rules=in_order, elements=[("record_type", t) for t in types], types=len(types),
        )
    ]  # fmt: skip


def shared_cases(rulebook: Rulebook, dataset: Dataset, as_of, scored: np.ndarray) -> list[Finding]:
    """Fail when a scored person has two or more records of one case that each deduct on `as_of`:
    read by a deducting rule of their group, inside its window, not revoked by then and not
    suspended by an open objection. Names the rules and counts the people, records and cases."""
    catalogues = checked(rulebook, None)
    if not isinstance(dataset, Dataset):
        raise CheckInputError(f"dataset: expected a Dataset, got {type(dataset).__name__}")
    today = day(as_of, "as_of")
    scored = np.asarray(scored)
    if scored.dtype != bool or scored.shape != (len(dataset.people),):
        raise CheckInputError(
            f"scored: expected {len(dataset.people)} booleans (one per person), got {scored.dtype} {scored.shape}"
        )
    records = dataset.records
    person = records["person_id"].to_numpy(np.int64)
    type_code = records["record_type"].cat.codes.to_numpy()
    occurred = records["occurred_on"].to_numpy().astype("datetime64[D]")
    group = dataset.people["key_group"].cat.codes.to_numpy()[person]  # codes: strings of 10 M records are slow
    deducts = np.zeros(len(records), dtype=bool)
    rules = negative_rules(rulebook)
    rule_of = np.full(len(records), -1, dtype=np.int16)
    age = months_elapsed(occurred, today)
    for index, rule in enumerate(rules):
        reads = np.isin(type_code, [catalogues.record_type_ids.index(t) for t in rule.matches])
        if rule.window_months is not None:
            reads &= age < rule.window_months
        if rule.groups != "all":
            reads &= np.isin(group, [catalogues.key_group_ids.index(g) for g in rule.groups])
        deducts |= reads
        rule_of[reads] = index
    events = dataset.events
    revoked = events["record_id"].to_numpy()[
        (events["event"].cat.codes.to_numpy() == EVENTS.index("revoked"))
        & (events["date"].to_numpy().astype("datetime64[D]") <= today)
    ]
    record_id = records["record_id"].to_numpy()
    gone = np.isin(record_id, revoked) | np.isin(record_id, suspended_records(dataset, today)["record_id"].to_numpy())
    deducts &= (occurred <= today) & ~gone & scored[person]
    keys = records.loc[deducts, ["person_id", "case_id"]]
    twice = keys.duplicated(keep=False).to_numpy()
    if not twice.any():
        return [finding("double_count_cases", "pass", "double_count_cases.pass", LEGALITY, catalogues)]
    affected = keys[twice]
    named = {rules[i].id for i in np.unique(rule_of[deducts][twice])}
    return [
        finding(
            "double_count_cases", "fail", "double_count_cases.shared", LEGALITY, catalogues,
            rules=[r.id for r in rulebook.rules if r.id in named],
            people=int(affected["person_id"].nunique()), records=len(affected),
            cases=len(affected.drop_duplicates()),
        )
    ]  # fmt: skip
