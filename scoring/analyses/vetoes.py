"""Who crosses a one-vote veto (一票否决): held down by one under one rulebook and not the other.

A veto caps a person's tier whatever their score; a reform that adds, drops or loosens a veto
changes who is held, which a mean score hides. Counted per group among the selected people.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.comparison import check_comparable, check_groups, check_mask, count_classes, pair_class
from scoring.engine import ScoreResult


def veto_crossings(
    baseline: ScoreResult,
    reform: ScoreResult,
    codes: np.ndarray | None = None,
    labels: Sequence[str] | None = None,
    mask: np.ndarray | None = None,
) -> pd.DataFrame:
    """Per group: `vetoed_before`, `vetoed_after`, `newly_vetoed` (held only under the reform)
    and `released` (held only under the baseline). A person unscored on one side is not held
    there."""
    check_comparable(baseline, reform)
    codes, labels = check_groups(baseline, codes, labels)
    selected = check_mask(baseline, mask)
    # neither 0, newly_vetoed 1, released 2, both 3; people not selected are not counted
    classes = np.where(selected, pair_class(baseline.vetoed, reform.vetoed), np.int8(4))
    held = count_classes(codes, labels, classes, ("neither", "newly_vetoed", "released", "both"))
    return pd.DataFrame(
        {
            "vetoed_before": held["released"] + held["both"],
            "vetoed_after": held["newly_vetoed"] + held["both"],
            "newly_vetoed": held["newly_vetoed"],
            "released": held["released"],
        }
    )
