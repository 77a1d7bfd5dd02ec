"""The spread of a reform's headline changes across synthetic populations."""

from __future__ import annotations

import datetime as dt

import pytest

from scoring.analyses.headline_changes import FIGURES
from scoring.rulebook import load_preset
from scoring.tuning.editing import apply_settings
from synthetic.spread import headline_spread

AS_OF = dt.date(2025, 12, 31)


def test_raising_the_base_by_ten_changes_the_mean_by_about_ten_on_every_seed_and_reports_progress():
    baseline = load_preset("illustrative")
    reform = apply_settings(baseline, base=baseline.score.base + 10)
    seen = []
    spread = headline_spread(300, [1, 2, 3], baseline, reform, AS_OF, lambda f, seed: seen.append((f, seed)))
    assert list(spread.index) == list(FIGURES)
    assert list(spread.columns) == [1, 2, 3, "min", "median", "max"]
    assert (spread.loc["scored", [1, 2, 3]] == 0).all()
    assert spread.loc["mean_score", "min"] > 5 and spread.loc["mean_score", "max"] <= 10 + 1e-9  # caps may bind
    assert spread.loc["moved_down", "max"] == 0
    assert seen == [(0.0, 1), (1 / 3, 2), (2 / 3, 3), (1.0, 3)]


@pytest.mark.parametrize(
    ("seeds", "message"), [([], "1 to 20 seeds"), ([1, -1], "got -1"), ([4, 4], "4 is given twice")]
)
def test_seeds_that_cannot_be_generated_are_refused_before_anything_is(seeds, message):
    rulebook = load_preset("illustrative")
    with pytest.raises(ValueError, match=message):
        headline_spread(300, seeds, rulebook, rulebook, AS_OF)
