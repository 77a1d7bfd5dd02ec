"""Why one person scores as they do: every rule that read one of their records or lists, its
raw points, whether it applies to their group, the cap that bound it and any veto."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.engine.compiled import AGE_BUCKETS, LIST_COLUMNS
from scoring.engine.scorer import ScoreResult, rule_age_weights


def explain(result: ScoreResult, person_id: int) -> pd.DataFrame:
    """One row per (rule, record type or list, age in months) cell the person has.

    Columns: rule, dimension, source (record type id or `list:red|black`), age_months,
    quantity, points (this cell's contribution before caps), rule_points (the rule's total after
    group applicability and its cap), dimension_points (after the dimension cap), in_window.
    """
    compiled, plan = result.compiled, result.plan
    if not 0 <= person_id < compiled.n_people:
        raise ValueError(f"person_id {person_id} is not in the dataset (0 … {compiled.n_people - 1})")
    lo, hi = plan.segment_range(person_id)
    type_ids = compiled.dataset.catalogues.record_type_ids
    list_base = compiled.n_types * AGE_BUCKETS
    dimension_points = dict(zip(
        plan.dimension_codes[plan.dimension_rows == person_id].tolist(),
        result.dimension_run_points[plan.dimension_rows == person_id].tolist(),
        strict=True,
    )) if hi > lo else {}
    rows = []
    for segment in range(lo, hi):
        rule = result.rulebook.rules[plan.rank_rule[plan.segment_ranks[segment]]]
        weights = rule_age_weights(rule)
        end = plan.segment_starts[segment + 1] if segment + 1 < len(plan.segment_starts) else len(plan.columns)
        for cell in range(plan.segment_starts[segment], end):
            column = int(plan.columns[cell])
            quantity = float(plan.quantities[cell])
            if column >= list_base:
                source, age, weight = f"list:{LIST_COLUMNS[column - list_base]}", 0, rule.points
            else:
                source, age = type_ids[column // AGE_BUCKETS], column % AGE_BUCKETS
                weight = weights[age]
            rows.append(
                {
                    "rule": rule.id,
                    "dimension": rule.dimension,
                    "source": source,
                    "age_months": age,
                    "quantity": quantity,
                    "points": quantity * weight,
                    "in_window": column >= list_base or rule.window_months is None or age < rule.window_months,
                    "rule_points": float(result.segment_points[segment]),
                    "dimension_points": dimension_points.get(
                        result.rulebook.dimension_ids.index(rule.dimension), np.nan
                    ),
                }
            )
    columns = ["rule", "dimension", "source", "age_months", "quantity", "points", "in_window", "rule_points", "dimension_points"]
    return pd.DataFrame(rows, columns=columns)
