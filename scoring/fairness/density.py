"""Record-density bias: how much of a group's position comes from what *can* be recorded about
it, not from how it behaves.

Key groups have record types of their own (a lawyer's professional discipline, a civil
servant's government dishonesty: `groups` in the record-type catalogue) and rules that read only
them. A group with more such types has more ways to lose points. Three figures per group make
that visible:

- record types that can be recorded about a member (catalogue) and distinct types recorded about
  each member as of the date, beside the population's mean;
- the mean score under the rulebook and under its *common* copy, in which every group-specific
  rule scores nothing (`common_rulebook`): the difference is what group-specific rules move;
- the mean latent propensity (higher = more trustworthy) of the synthetic ground truth, the
  behaviour the records were drawn from; real data has none, and then the column is missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.analyses.arguments import AnalysisInputError
from scoring.catalogues import Catalogues
from scoring.fairness.groups import Attribute
from scoring.fairness.metrics import check_attribute
from scoring.rulebook import Rulebook

COLUMNS = (
    "people", "scored", "applicable_types", "recorded_types", "recorded_vs_population", "mean_score",
    "mean_score_common", "group_specific_points", "mean_propensity",
)  # fmt: skip
# every figure that is not a count -> the counts it is computed from (`judge.hide_small`)
SOURCES = {
    **dict.fromkeys(("applicable_types", "recorded_types", "recorded_vs_population", "mean_propensity"), ("people",)),
    **dict.fromkeys(("mean_score", "mean_score_common", "group_specific_points"), ("scored",)),
}


def group_specific_types(catalogues: Catalogues) -> frozenset[str]:
    """Record types the catalogue limits to some key groups."""
    return frozenset(rt.id for rt in catalogues.record_types if rt.groups != "all")


def group_specific_rules(rulebook: Rulebook, catalogues: Catalogues) -> tuple[str, ...]:
    """Rules limited to some groups, or reading a group-specific record type."""
    specific = group_specific_types(catalogues)
    return tuple(r.id for r in rulebook.rules if r.groups != "all" or specific.intersection(r.matches))


def common_rulebook(rulebook: Rulebook, catalogues: Catalogues) -> Rulebook:
    """The rulebook with every group-specific rule scoring nothing and vetoing nothing: scored
    on the record types common to all groups. Points are zeroed rather than rules removed, so
    the engine keeps its plan and quantities and the re-score takes milliseconds."""
    dropped = set(group_specific_rules(rulebook, catalogues))
    rules = tuple(r.model_copy(update={"points": 0.0, "veto": None}) if r.id in dropped else r for r in rulebook.rules)
    return rulebook.model_copy(update={"rules": rules})


def applicable_types(catalogues: Catalogues, key_group_codes: np.ndarray) -> np.ndarray:
    """Per person, how many record types can be recorded about them (those for everyone plus
    those of their key group)."""
    per_group = np.array(
        [sum(rt.groups == "all" or g in rt.groups for rt in catalogues.record_types) for g in catalogues.key_group_ids]
    )
    return per_group[np.asarray(key_group_codes)]


def recorded_types(compiled) -> np.ndarray:
    """Per person, the distinct record types standing as of the compiled date: records on or
    before it, revoked or disputed ones only while they count (listings are not record types)."""
    matrix = compiled.matrix
    columns, rows = matrix.columns, matrix.rows
    seen = np.zeros((matrix.n_people, matrix.n_types), dtype=bool)
    plain = np.flatnonzero(columns < matrix.listing_base)
    plain = plain[compiled.day_ages[columns[plain] % matrix.n_days] >= 0]
    seen[rows[plain], columns[plain] // matrix.n_days] = True
    dated = np.flatnonzero(columns >= matrix.dated_base)
    record = columns[dated] - matrix.dated_base
    kept = compiled.dated_standing[record] & (compiled.day_ages[matrix.dated_day[record]] >= 0)
    seen[rows[dated[kept]], matrix.dated_type[record[kept]]] = True
    return seen.sum(axis=1)


def record_density(
    result,
    common,
    groups: Attribute,
    applicable: np.ndarray,
    recorded: np.ndarray,
    propensity: np.ndarray | None = None,
) -> pd.DataFrame:
    """One row per group: people, scored, mean record types that can be recorded
    (`applicable`) and that are recorded (`recorded`) per person, the latter as a ratio to the
    population's mean, mean score under `result` and under `common` (the same people scored with
    `common_rulebook`), their difference, and the mean propensity (NaN without one)."""
    codes = check_attribute(result, groups)
    n = len(codes)
    for name, values in (("applicable", applicable), ("recorded", recorded), ("propensity", propensity)):
        if values is not None and len(values) != n:
            raise AnalysisInputError(f"{name}: {len(values)} values for {n} people; expected one per person")
    if len(common.eligible) != n or not np.array_equal(common.eligible, result.eligible):
        raise AnalysisInputError("common: expected the same people scored as in result (the common rulebook's copy)")
    k = groups.n_groups
    eligible = np.asarray(result.eligible, dtype=bool)
    people = np.bincount(codes, minlength=k)
    scored = np.bincount(codes, weights=eligible, minlength=k)

    def mean(values, base) -> np.ndarray:
        total = np.bincount(codes, weights=values, minlength=k)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(base > 0, total / np.maximum(base, 1), np.nan)

    table = pd.DataFrame(index=groups.index())
    table["people"] = people.astype(np.int64)
    table["scored"] = scored.astype(np.int64)
    table["applicable_types"] = mean(np.asarray(applicable, dtype=float), people)
    table["recorded_types"] = mean(np.asarray(recorded, dtype=float), people)
    population = float(np.mean(recorded)) if n else np.nan
    table["recorded_vs_population"] = table["recorded_types"] / population if population > 0 else np.nan
    table["mean_score"] = mean(np.where(eligible, np.nan_to_num(result.score), 0.0), scored)
    table["mean_score_common"] = mean(np.where(eligible, np.nan_to_num(common.score), 0.0), scored)
    table["group_specific_points"] = table["mean_score"] - table["mean_score_common"]
    table["mean_propensity"] = np.nan if propensity is None else mean(np.asarray(propensity, dtype=float), people)
    return table[list(COLUMNS)]


def propensity_of(dataset) -> np.ndarray | None:
    """Each person's latent propensity from the synthetic ground truth, in person order; None
    when the dataset has no truth table (real data)."""
    truth = dataset.truth
    if truth is None:
        return None
    out = np.full(len(dataset.people), np.nan)
    out[truth["person_id"].to_numpy()] = truth["propensity"].to_numpy()
    return out
