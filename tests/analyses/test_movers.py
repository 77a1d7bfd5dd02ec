"""Winners and losers by group read in one order on the chart and in the table: by net gain."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.analyses.movers import by_net_gain


def test_groups_are_ranked_by_net_gain_a_hidden_share_as_none_and_the_empty_last():
    shares = pd.DataFrame(
        {"people": [10, 0, 20, 30], "up_2": [0.0, np.nan, 0.0, 0.0], "up_1": [0.1, np.nan, 0.3, 0.4],
         "same": [0.7, np.nan, 0.5, 0.6], "down_1": [0.2, np.nan, 0.1, np.nan], "down_2": [0.0, np.nan, 0.1, 0.0]},
        index=["losers", "nobody", "even", "winners"],
    )  # fmt: skip
    assert list(by_net_gain(shares).index) == ["winners", "even", "losers", "nobody"]
