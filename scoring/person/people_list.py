"""The people of a filtered list (say, black-listed teachers in 武进区), to pick one from: by
district, key group, list and tier on the result's as-of date, in person order, and one page of
them as rows (the identities are drawn by the page, for the page's rows only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from scoring.engine import ScoreResult

ListChoice = Literal["red", "black", "none"]
UNSCORED = "unscored"  # a tier choice: the people the rulebook does not score
ROW_COLUMNS = ("person_id", "district", "key_group", "score", "tier", "red", "black")


@dataclass(frozen=True)
class PeopleFilter:
    """None: anyone. `tier`: a tier id of the rulebook or UNSCORED."""

    district: str | None = None
    key_group: str | None = None
    listed: ListChoice | None = None
    tier: str | None = None


def filtered_people(result: ScoreResult, chosen: PeopleFilter) -> np.ndarray:
    """Person ids matching every choice, ascending."""
    people = result.compiled.people
    mask = np.ones(result.compiled.n_people, dtype=bool)
    for field in ("district", "key_group"):
        if (value := getattr(chosen, field)) is not None:
            mask &= people[field].to_numpy() == value
    if chosen.listed == "none":
        mask &= ~(result.red_list | result.black_list)
    elif chosen.listed is not None:
        mask &= result.red_list if chosen.listed == "red" else result.black_list
    if chosen.tier == UNSCORED:
        mask &= result.tier < 0
    elif chosen.tier is not None:
        mask &= result.tier == result.tier_ids.index(chosen.tier)
    return np.flatnonzero(mask)


def page_rows(result: ScoreResult, shown: np.ndarray) -> pd.DataFrame:
    """ROW_COLUMNS for the people `shown`: score NaN and tier "" when not scored."""
    people = result.compiled.people
    return pd.DataFrame(
        {
            "person_id": shown,
            "district": people["district"].to_numpy()[shown].astype(str),
            "key_group": people["key_group"].to_numpy()[shown].astype(str),
            "score": result.score[shown],
            "tier": [result.tier_ids[x] if x >= 0 else "" for x in result.tier[shown]],
            "red": result.red_list[shown],
            "black": result.black_list[shown],
        },
        columns=list(ROW_COLUMNS),
    )
