"""Why one person scores as they do: every rule that read one of their records or lists, the
points of each record, the rule's total after its group restriction and cap, and the
dimension's total after its cap."""

from __future__ import annotations

import pandas as pd

from scoring.dataset import LIST_KINDS
from scoring.engine.quantities import unit_weights_by_age
from scoring.engine.scorer import ScoreResult

COLUMNS = [
    "rule",
    "dimension",
    "source",
    "date",
    "age_months",
    "quantity",
    "points",
    "in_window",
    "rule_points",
    "dimension_points",
]


def explain(result: ScoreResult, person_id: int) -> pd.DataFrame:
    """One row per (rule, record type or listing, day) cell the person has.

    `date` is the day the record was decided (or the listing began); records after the as-of
    date, revoked records on or after their revocation day, and records suspended by an open
    objection on the as-of date are left out.

    `points` is the cell's contribution before caps; `rule_points` and `dimension_points` are
    the totals that entered the score.
    """
    compiled, plan, rulebook = result.compiled, result.plan, result.rulebook
    if not 0 <= person_id < compiled.n_people:
        raise ValueError(f"person_id {person_id} is not in the dataset (0 … {compiled.n_people - 1})")
    type_ids = compiled.catalogues.record_type_ids
    matrix = compiled.matrix
    rows = []
    for run in range(plan.person_start[person_id], plan.person_start[person_id + 1]):
        for segment in range(plan.run_start[run], plan.run_start[run + 1]):
            rule = rulebook.rules[plan.rank_rule[plan.seg_rank[segment]]]
            weights = rule.points * unit_weights_by_age(rule)
            for cell in range(plan.seg_start[segment], plan.seg_start[segment + 1]):
                column, quantity = int(plan.cell_col[cell]), float(plan.cell_qty[cell])
                if matrix.listing_base <= column < matrix.dated_base:
                    listing = column - matrix.listing_base
                    if not compiled.listing_active[listing]:
                        continue
                    source, day, age = (
                        f"list:{LIST_KINDS[matrix.listing_kind[listing]]}",
                        matrix.listing_start[listing],
                        0,
                    )
                    weight, in_window = rule.points, True
                else:
                    if column >= matrix.dated_base:
                        dated = column - matrix.dated_base
                        if not compiled.dated_standing[dated]:
                            continue
                        type_code, day_index = matrix.dated_type[dated], matrix.dated_day[dated]
                    else:
                        type_code, day_index = column // matrix.n_days, column % matrix.n_days
                    age = int(compiled.day_ages[day_index])
                    if age < 0:
                        continue
                    source, day = type_ids[type_code], matrix.first_day + day_index
                    weight = weights[age]
                    in_window = rule.window_months is None or age < rule.window_months
                rows.append(
                    {
                        "rule": rule.id,
                        "dimension": rule.dimension,
                        "source": source,
                        "date": day,
                        "age_months": age,
                        "quantity": quantity,
                        "points": quantity * weight,
                        "in_window": in_window,
                        "rule_points": float(result.segment_points[segment]),
                        "dimension_points": float(result.run_points[run]),
                    }
                )
    return pd.DataFrame(rows, columns=COLUMNS)
