"""Server-side cost of switching the Compare page's reform at 1 M people: score the new reform
and run every comparison of the page (transition matrix, tier moves by key group and district,
eligibility, vetoes, score changes, incentives), with no filter and with one filter.

    python -m benchmarks.compare [--people 1000000] [--repeats 7]

Prints medians in milliseconds. Not the browser: Streamlit and Plotly come on top (issue 12
asks for under 1 s in the browser, measured by benchmarks/browser.py).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections.abc import Callable

import numpy as np

from scoring.analyses import summaries
from scoring.analyses.eligibility_changes import eligibility_changes
from scoring.analyses.incentives import incentive_changes
from scoring.analyses.movers import move_shares, tier_moves
from scoring.analyses.score_changes import ScalesDiffer, score_changes
from scoring.analyses.transitions import row_shares, tier_transitions
from scoring.analyses.vetoes import veto_crossings
from scoring.engine import compile_dataset, score
from scoring.rulebook import load_preset
from scoring.tuning.editing import apply_rule_edits
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings


def comparisons(baseline, reform, population, mask) -> None:
    """What the page computes after a switch (headline effects are three means: left out)."""
    tier_transitions(baseline, reform, mask).pipe(row_shares)
    for name in ("key_group", "district"):
        split = population[name]
        move_shares(tier_moves(baseline, reform, split.codes, split.ids, mask))
        eligibility_changes(baseline, reform, split.codes, split.ids, mask)
        veto_crossings(baseline, reform, split.codes, split.ids, mask)
    with contextlib.suppress(ScalesDiffer):  # as the page: refused between different score ranges
        score_changes(baseline, reform, mask)
    incentive_changes(baseline, reform, mask)


def median_ms(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def switch(view, baseline, rulebooks, population, masks, repeats: int) -> tuple[float, ...]:
    """Median ms to score the next of `rulebooks`, then of the comparisons under each mask."""
    counter = iter(range(10**6))
    scored = median_ms(lambda: score(view, rulebooks[next(counter) % len(rulebooks)]), repeats)
    reform = score(view, rulebooks[0])
    return scored, *(median_ms(lambda m=m: comparisons(baseline, reform, population, m), repeats) for m in masks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    dataset = generate(GeneratorSettings(people=args.people, seed=20190416))
    view = compile_dataset(dataset)
    population = summaries.breakdowns(view.people, view.age_years)
    masks = (np.ones(view.n_people, dtype=bool), population["district"].codes == 0)
    original = load_preset("illustrative")
    baseline = score(view, original)
    first_rule = original.rules[0]
    edited = [apply_rule_edits(original, {first_rule.id: {"points": first_rule.points - 1 - i}}) for i in range(3)]
    start = time.perf_counter()
    score(view, load_preset("rongcheng_style"))  # its plan and quantities built once, then kept by the dataset
    first = 1000 * (time.perf_counter() - start)
    print(f"{args.people:,} people, median of {args.repeats}; first switch to rongcheng_style: {first:.0f} ms")
    for label, rulebooks in (
        ("edited weight (one rule's points)", edited),
        ("another preset (rongcheng_style, plan kept)", [load_preset("rongcheng_style")]),
    ):
        scored, whole, one = switch(view, baseline, rulebooks, population, masks, args.repeats)
        print(f"{label}: score {scored:.0f} ms, comparisons {whole:.0f} ms (everyone) / {one:.0f} ms (one district)")


if __name__ == "__main__":
    main()
