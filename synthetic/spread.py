"""How sure a reform's headline changes are on synthetic data: the same comparison on several
generated populations (one per seed), and how far each figure moves between them.

The spread says how much of a change is the particular synthetic draw; it is not a confidence
interval for any real population. Populations are generated one at a time and dropped after
scoring, so memory holds one extra population, not one per seed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import pandas as pd

from scoring.analyses.headline_changes import FIGURES, headline_changes
from scoring.dataset import MAX_SEED
from scoring.engine import compile_dataset, score
from scoring.rulebook import Rulebook
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings

MAX_SEEDS = 20


def headline_spread(
    people: int,
    seeds: Sequence[int],
    baseline: Rulebook,
    reform: Rulebook,
    as_of: dt.date,
    progress: Callable[[float, int], None] | None = None,
) -> pd.DataFrame:
    """Rows `FIGURES`; one column per seed (in the order given), then `min`, `median`, `max`.
    `progress(fraction done, seed being generated)` is called before each seed and at the end."""
    seeds = list(seeds)
    if not 1 <= len(seeds) <= MAX_SEEDS:
        raise ValueError(f"seeds: expected 1 to {MAX_SEEDS} seeds, got {len(seeds)}")
    bad = [s for s in seeds if isinstance(s, bool) or not isinstance(s, int) or not 0 <= s <= MAX_SEED]
    if bad:
        raise ValueError(f"seeds: expected whole numbers from 0 to {MAX_SEED}, got {bad[0]!r}")
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"seeds: {next(s for s in seeds if seeds.count(s) > 1)} is given twice")
    report = progress or (lambda fraction, seed: None)
    columns = {}
    for i, seed in enumerate(seeds):
        report(i / len(seeds), seed)
        view = compile_dataset(generate(GeneratorSettings(people=people, seed=seed)), as_of)
        columns[seed] = headline_changes(score(view, baseline), score(view, reform))
    report(1.0, seeds[-1])
    table = pd.DataFrame(columns, index=list(FIGURES))
    return table.assign(min=table.min(axis=1), median=table.median(axis=1), max=table.max(axis=1))
