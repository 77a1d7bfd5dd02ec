"""Who crosses a one-vote veto (一票否决): held down by one under one rulebook and not the other.

A veto caps a person's tier whatever their score; a reform that adds, drops or loosens a veto
changes who is held, which a mean score hides. Counted per group among the selected people.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.analyses.comparison import check_comparable, check_groups, check_mask, count_by_group
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
    before, after = baseline.vetoed & selected, reform.vetoed & selected
    return count_by_group(
        codes,
        labels,
        {"vetoed_before": before, "vetoed_after": after, "newly_vetoed": after & ~before, "released": before & ~after},
    )
