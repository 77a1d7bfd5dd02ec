"""Weights learned from the data beside the hand-set ones: a logistic regression of serious
dishonesty in the following year on each rule's quantity, turned into points per unit.

Scaling (the standard scorecard scaling, Siddiqi, *Credit Risk Scorecards*, Wiley 2006; also
Anderson, *The Credit Scoring Toolkit*, 2007): a score is a linear function of the log odds of
being *good* (no serious record next year),

    score = offset + factor × ln(odds_good),   factor = PDO / ln 2,
    offset = anchor_score − factor × ln(anchor_odds),

so that doubling the odds adds exactly PDO points, and a score of `anchor_score` means odds of
`anchor_odds` to 1. The model is logit P(serious) = b0 + Σ b_r × quantity_r, and
ln(odds_good) = −logit, so rule r is worth −factor × b_r points per unit of its quantity (the
unit the rulebook's points are per) and the learned base (everyone's quantities zero) is
offset − factor × b0. Lower scores are riskier, as in the rulebook.

The quantities are the engine's (window, decay, units, groups applied; caps and vetoes not, so
a learned weight is per unit before any cap). The fit is on the scored people, on the engine's
profiles (people with the same quantities share one) weighted by how many of them do and do
not have a serious record: the same likelihood as person by person, in a fraction of the time.
Features are standardised for the solver (coefficients mapped back), with scikit-learn's
default mild L2 penalty: with hundreds of thousands of people it moves nothing visible, and it
keeps a rule held only by people who all turn out serious from an infinite weight.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from scoring.analyses.arguments import AnalysisInputError
from scoring.validity.outcome import check_outcome

DEFAULT_PDO = 20.0
COLUMNS = ("kind", "rule", "holders", "serious_holders", "hand_points", "learned_points", "same_sign")
# Fewer holders with a serious record than this and a learned sign is noise, not evidence (the
# "ten events per variable" rule of thumb, Peduzzi et al., J Clin Epidemiol 1996).
MIN_EVENTS = 10
MAX_ITERATIONS = 1000


def check_pdo(pdo) -> float:
    if isinstance(pdo, bool) or not isinstance(pdo, int | float) or not math.isfinite(pdo) or pdo <= 0:
        raise AnalysisInputError(f"pdo: expected a positive number of points, got {pdo!r}")
    return float(pdo)


def pdo_factor(pdo: float) -> float:
    """Points per unit of ln(odds): doubling the odds adds `pdo` points."""
    return check_pdo(pdo) / math.log(2)


def scaled_points(coefficient, pdo: float) -> np.ndarray:
    """Points per unit for logit coefficients of the *bad* outcome (higher = riskier): −factor × b."""
    return -pdo_factor(pdo) * np.asarray(coefficient, dtype=np.float64)


def scaled_score(log_odds_good, pdo: float, anchor_score: float, anchor_odds: float) -> np.ndarray:
    """The score of a ln(odds of good), anchored so `anchor_odds` scores `anchor_score`."""
    if not (isinstance(anchor_odds, int | float) and math.isfinite(anchor_odds) and anchor_odds > 0):
        raise AnalysisInputError(f"anchor_odds: expected a positive number, got {anchor_odds!r}")
    if isinstance(anchor_score, bool) or not isinstance(anchor_score, int | float) or not math.isfinite(anchor_score):
        raise AnalysisInputError(f"anchor_score: expected a number, got {anchor_score!r}")
    factor = pdo_factor(pdo)
    offset = anchor_score - factor * math.log(anchor_odds)
    return offset + factor * np.asarray(log_odds_good, dtype=np.float64)


def profile_matrix(result) -> sparse.csr_matrix:
    """Profiles × rules (rulebook order): each profile's quantity of each rule."""
    quantities = result.quantities
    rank_rule = np.asarray(result.plan.rank_rule, dtype=np.intp)
    columns = rank_rule[quantities.profile_rank.astype(np.intp)]
    return sparse.csr_matrix(
        (quantities.profile_quantity, columns, quantities.profile_start),
        shape=(quantities.n_profiles, len(result.rulebook.rules)),
    )


def learned_weights(result, outcome, pdo: float = DEFAULT_PDO) -> pd.DataFrame:
    """One row per rule (`kind` rule, rulebook order) and a last row `kind` base: `holders`
    (scored people with a non-zero quantity) and `serious_holders` (those of them with a serious
    record next year), the rulebook's points per unit (`hand_points`; its base score on the base
    row), the learned points per unit (NaN for a rule nobody holds) and whether both have the same
    sign (NA when either is zero or fewer than `MIN_EVENTS` holders were serious: too few to say).
    The learned base is anchored at the rulebook's base score for the scored population's odds
    (see the module docstring)."""
    check_pdo(pdo)
    label = check_outcome(outcome, len(result.eligible))
    eligible = np.asarray(result.eligible, dtype=bool)
    n_profiles = result.quantities.n_profiles
    key = result.quantities.profile_of[eligible].astype(np.int64) * 2 + label[eligible]
    counts = np.bincount(key, minlength=2 * n_profiles).reshape(n_profiles, 2)
    serious = int(counts[:, 1].sum())
    if serious == 0 or serious == counts.sum():
        raise AnalysisInputError(
            f"outcome: {serious} of {int(counts.sum())} scored people have a serious record next year; "
            "expected some with and some without"
        )
    matrix = profile_matrix(result)
    rows = np.flatnonzero(counts.sum(axis=1))
    held = matrix[rows].astype(bool).T
    holders = np.asarray(held @ counts[rows].sum(axis=1)).ravel().astype(np.int64)
    serious_holders = np.asarray(held @ counts[rows, 1]).ravel().astype(np.int64)
    coefficient, intercept = _fit(matrix, counts, holders > 0)
    rules = result.rulebook.rules
    learned = scaled_points(coefficient, pdo)
    learned[holders == 0] = np.nan
    base_odds = (counts.sum() - serious) / serious
    base = float(scaled_score(-intercept, pdo, result.rulebook.score.base, base_odds))
    hand = np.array([rule.points for rule in rules], dtype=np.float64)
    same = pd.array(np.sign(hand) == np.sign(learned), dtype="boolean")
    same[(hand == 0) | ~np.isfinite(learned) | (learned == 0) | (serious_holders < MIN_EVENTS)] = pd.NA
    return pd.DataFrame(
        {
            "kind": ["rule"] * len(rules) + ["base"],
            "rule": [rule.id for rule in rules] + [""],
            "holders": np.append(holders, int(counts.sum())),
            "serious_holders": np.append(serious_holders, serious),
            "hand_points": np.append(hand, result.rulebook.score.base),
            "learned_points": np.append(learned, base),
            "same_sign": pd.array([*same, pd.NA], dtype="boolean"),
        }
    )


def _fit(matrix: sparse.csr_matrix, counts: np.ndarray, used: np.ndarray) -> tuple[np.ndarray, float]:
    """Coefficients per rule (0 for unused ones) and the intercept of logit P(serious), fitted
    on the profiles held by scored people, each once per outcome with its count as weight."""
    held = np.flatnonzero(counts.sum(axis=1))
    columns = np.flatnonzero(used)
    x = matrix[held][:, columns]
    weights = counts[held].astype(np.float64)
    total = weights.sum()
    mean = np.asarray(x.T @ weights.sum(axis=1)).ravel() / total
    square = np.asarray(x.multiply(x).T @ weights.sum(axis=1)).ravel() / total
    scale = np.sqrt(np.maximum(square - mean**2, 0.0))
    scale[scale == 0] = 1.0
    scaled = x @ sparse.diags(1.0 / scale)
    stacked = sparse.vstack([scaled, scaled]).tocsr()
    y = np.concatenate([np.zeros(len(held)), np.ones(len(held))])
    w = np.concatenate([weights[:, 0], weights[:, 1]])
    keep = w > 0
    model = LogisticRegression(max_iter=MAX_ITERATIONS)
    model.fit(stacked[keep], y[keep], sample_weight=w[keep])
    coefficient = np.zeros(matrix.shape[1])
    coefficient[columns] = model.coef_[0] / scale
    return coefficient, float(model.intercept_[0])
