"""Headline effects of a reform against its baseline, on the same people and date."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.analyses.comparison import headline_effects
from scoring.engine import compile_dataset, score
from scoring.rulebook import load_preset
from scoring.tuning.editing import apply_settings
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings


@pytest.fixture(scope="module")
def dataset():
    return generate(GeneratorSettings(people=2000, seed=4))


def test_raising_the_base_score_moves_the_mean_by_exactly_that_where_no_cap_binds(dataset):
    view = compile_dataset(dataset)
    baseline = load_preset("illustrative")
    reform = apply_settings(baseline, base=baseline.score.base + 10)
    before, after = score(view, baseline), score(view, reform)
    effects = headline_effects(before, after)
    assert effects.scored.change == 0
    unclipped = ~after.capped[after.eligible] & ~before.capped[before.eligible]
    assert np.allclose(after.score[after.eligible][unclipped] - before.score[before.eligible][unclipped], 10)
    assert effects.mean_score.change > 0
    assert effects.best_tier == reform.tiers.ids[0]
    assert effects.best_tier_share.baseline == pytest.approx(float((before.tier == 0).mean()))


def test_results_on_different_dates_are_not_compared(dataset):
    rulebook = load_preset("illustrative")
    with pytest.raises(ValueError, match="same date"):
        headline_effects(
            score(compile_dataset(dataset), rulebook), score(compile_dataset(dataset, "2024-06-30"), rulebook)
        )
