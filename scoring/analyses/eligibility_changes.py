"""Who a reform brings into scoring and who it leaves out, per group.

Eligibility (age, consent, hukou, insured months) decides who has a score at all; a reform that
changes it moves people between "scored" and "unscored", which the tier moves cannot show.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.comparison import check_comparable, check_groups, check_mask, count_by_group
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
    before, after = baseline.eligible, reform.eligible
    return count_by_group(
        codes,
        labels,
        {
            "people": selected,
            "entering": selected & ~before & after,
            "leaving": selected & before & ~after,
            "scored_both": selected & before & after,
            "unscored_both": selected & ~before & ~after,
        },
    )
