"""How sure a figure computed on synthetic data is: the same figure on several generated
populations (one per seed), and how far it moves between them.

The spread says how much of a figure is the particular synthetic draw; it is not a confidence
interval for any real population, and never a bootstrap of one population (resampling people
keeps the draw's own records and so its quirks). Populations are generated one at a time and
dropped after use, so memory holds one extra population, not one per seed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from scoring.analyses.headline_changes import FIGURES, headline_changes
from scoring.dataset import MAX_SEED, Dataset
from scoring.engine import compile_dataset, score
from scoring.rulebook import Rulebook
from scoring.validity.discrimination import discrimination
from scoring.validity.outcome import serious_next_year
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings

MAX_SEEDS = 20
VALIDITY_FIGURES = ("auc", "ks")

Progress = Callable[[float, int], None]


def check_seeds(seeds: Sequence[int]) -> list[int]:
    """1 to `MAX_SEEDS` distinct whole numbers from 0 to `MAX_SEED`."""
    seeds = list(seeds)
    if not 1 <= len(seeds) <= MAX_SEEDS:
        raise ValueError(f"seeds: expected 1 to {MAX_SEEDS} seeds, got {len(seeds)}")
    bad = [s for s in seeds if isinstance(s, bool) or not isinstance(s, int) or not 0 <= s <= MAX_SEED]
    if bad:
        raise ValueError(f"seeds: expected whole numbers from 0 to {MAX_SEED}, got {bad[0]!r}")
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"seeds: {next(s for s in seeds if seeds.count(s) > 1)} is given twice")
    return seeds


def seed_spread(
    people: int,
    seeds: Sequence[int],
    figures: Callable[[Dataset], pd.Series],
    progress: Progress | None = None,
    kept: Mapping[int, Dataset] | None = None,
) -> pd.DataFrame:
    """`figures(dataset)` on the population of each seed: rows its index, one column per seed
    (in the order given), then `min`, `median`, `max`. `progress(fraction done, seed being
    generated)` is called before each seed and at the end. `kept`: populations of this size
    already generated with the default settings, by seed (a page's own), used rather than
    generated again: at 1 M people each generation is the most of ten seconds."""
    seeds = check_seeds(seeds)
    if isinstance(people, bool) or not isinstance(people, int) or people < 1:
        raise ValueError(f"people: expected a whole number of at least 1, got {people!r}")
    report = progress or (lambda fraction, seed: None)
    columns = {}
    for i, seed in enumerate(seeds):
        report(i / len(seeds), seed)
        dataset = (kept or {}).get(seed)
        if dataset is None:
            dataset = generate(GeneratorSettings(people=people, seed=seed))
        elif len(dataset.people) != people:
            raise ValueError(f"kept: the population of seed {seed} has {len(dataset.people)} people, not {people}")
        columns[seed] = figures(dataset)
    report(1.0, seeds[-1])
    table = pd.DataFrame(columns)
    return table.assign(min=table.min(axis=1), median=table.median(axis=1), max=table.max(axis=1))


def headline_spread(
    people: int,
    seeds: Sequence[int],
    baseline: Rulebook,
    reform: Rulebook,
    as_of: dt.date,
    progress: Progress | None = None,
    kept: Mapping[int, Dataset] | None = None,
) -> pd.DataFrame:
    """A reform's headline changes (rows `FIGURES`) as of `as_of`, per seed (`seed_spread`)."""

    def figures(dataset: Dataset) -> pd.Series:
        view = compile_dataset(dataset, as_of)
        return pd.Series(headline_changes(score(view, baseline), score(view, reform)))[list(FIGURES)]

    return seed_spread(people, seeds, figures, progress, kept)


def validity_spread(
    people: int,
    seeds: Sequence[int],
    rulebook: Rulebook,
    progress: Progress | None = None,
    kept: Mapping[int, Dataset] | None = None,
) -> pd.DataFrame:
    """ROC AUC and KS of the rulebook's score for serious dishonesty next year (rows
    `VALIDITY_FIGURES`), scored at each population's own as-of date, per seed (`seed_spread`)."""

    def figures(dataset: Dataset) -> pd.Series:
        result = score(compile_dataset(dataset), rulebook)
        return discrimination(result.score, serious_next_year(dataset))[list(VALIDITY_FIGURES)]

    return seed_spread(people, seeds, figures, progress, kept)
