"""The label predictive validity is measured against, and the checks every metric shares.

`serious_next_year` (synthetic truth): at least one serious negative record in the year after
the data's as-of date. Only scored people are judged: an unscored person has no score to rank.
"""

from __future__ import annotations

import numpy as np

from scoring.analyses.arguments import AnalysisInputError

LABEL = "serious_next_year"


def serious_next_year(dataset) -> np.ndarray | None:
    """Per person (person order), whether they have a serious record in the following year;
    None when the dataset carries no ground truth (real data never does)."""
    truth = getattr(dataset, "truth", None)
    if truth is None:
        return None
    out = np.zeros(len(dataset.people), dtype=bool)
    out[truth["person_id"].to_numpy()] = truth[LABEL].to_numpy(dtype=bool)
    return out


def check_outcome(outcome, n_people: int, name: str = "outcome") -> np.ndarray:
    """A bool per person, refused when it is missing, of another length or not true/false."""
    if outcome is None:
        raise AnalysisInputError(f"{name}: expected one true/false per person, got None (no ground truth)")
    values = np.asarray(outcome)
    if values.ndim != 1 or len(values) != n_people:
        raise AnalysisInputError(f"{name}: {values.size} values for {n_people} people; expected one per person")
    if values.dtype != bool:
        raise AnalysisInputError(f"{name}: expected true/false values, got {values.dtype}")
    return values


def check_scores(scores, name: str = "scores") -> np.ndarray:
    """Scores as floats, NaN for people not scored; infinity refused."""
    values = np.asarray(scores)
    if values.ndim != 1 or not np.issubdtype(values.dtype, np.number) or values.dtype == bool:
        raise AnalysisInputError(f"{name}: expected one number per person, got {values.dtype} of {values.ndim} dims")
    values = values.astype(np.float64, copy=False)
    if np.isinf(values).any():
        raise AnalysisInputError(f"{name}: infinite score at position {int(np.flatnonzero(np.isinf(values))[0])}")
    return values


def scored_pairs(scores, outcome) -> tuple[np.ndarray, np.ndarray]:
    """The scored people's scores and outcomes; refused unless both classes occur among them
    (a rate of 0 or 1 leaves nothing to discriminate)."""
    values = check_scores(scores)
    label = check_outcome(outcome, len(values))
    scored = ~np.isnan(values)
    values, label = values[scored], label[scored]
    positives = int(label.sum())
    if positives == 0 or positives == len(label):
        raise AnalysisInputError(
            f"outcome: {positives} of {len(label)} scored people have a serious record next year; "
            "expected some with and some without"
        )
    return values, label
