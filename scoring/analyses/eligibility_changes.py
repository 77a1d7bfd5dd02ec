"""Who a reform brings into scoring and who it leaves out, per group.

Eligibility (age, consent, hukou, insured months) decides who has a score at all; a reform that
changes it moves people between "scored" and "unscored", which the tier moves cannot show.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.comparison import check_comparable, check_groups, check_mask, count_classes, pair_class
from scoring.engine import ScoreResult


def eligibility_changes(
    baseline: ScoreResult,
    reform: ScoreResult,
    codes: np.ndarray | None = None,
    labels: Sequence[str] | None = None,
    mask: np.ndarray | None = None,
) -> pd.DataFrame:
    """Per group: `people`, `entering` (scored only under the reform), `leaving` (only under the
    baseline), `scored_both` and `unscored_both`; the last four add up to `people`."""
    check_comparable(baseline, reform)
    codes, labels = check_groups(baseline, codes, labels)
    selected = check_mask(baseline, mask)
    # unscored_both 0, entering 1, leaving 2, scored_both 3; people not selected are not counted
    classes = np.where(selected, pair_class(baseline.eligible, reform.eligible), np.int8(4))
    changes = count_classes(codes, labels, classes, ("unscored_both", "entering", "leaving", "scored_both"))
    changes.insert(0, "people", changes.sum(axis=1))
    return changes[["people", "entering", "leaving", "scored_both", "unscored_both"]]
