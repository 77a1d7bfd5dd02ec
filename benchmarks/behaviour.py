"""Incentive effects at scale: python -m benchmarks.behaviour --people 1000000

Issue 15's budgets: a 12-month simulation of 1 M people in under 15 s, and the gaming surface
(with every tier's cheapest route) following a weight change in under 1 s. Prints the median
seconds of each over `--repeats` runs, after a first scoring that compiles numba's kernels.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from scoring.behaviour.gaming import gaming_surface, tier_routes
from scoring.behaviour.model import Parameters, simulate
from scoring.catalogues import load_catalogues
from scoring.engine import compile_dataset, score
from scoring.rulebook import load_preset
from synthetic import GeneratorSettings, generate


def _median_seconds(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--horizon", type=int, default=12)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--preset", default="illustrative")
    args = parser.parse_args()
    dataset = generate(GeneratorSettings(people=args.people, seed=args.seed))
    rulebook = load_preset(args.preset)
    result = score(compile_dataset(dataset), rulebook)  # numba's kernels load once
    catalogues = load_catalogues()
    parameters = Parameters(horizon_months=args.horizon)
    simulation = _median_seconds(lambda: simulate(dataset, rulebook, parameters), args.repeats)
    gaming = _median_seconds(
        lambda: (gaming_surface(rulebook, catalogues), tier_routes(rulebook, catalogues, result.cutoffs)),
        max(args.repeats, 5),
    )
    print(f"people={args.people:,} preset={args.preset} horizon={args.horizon} months")
    print(f"simulate: median_s={simulation:.2f} (budget 15 s)")
    print(f"gaming surface and routes: median_s={gaming:.3f} (budget 1 s)")


if __name__ == "__main__":
    main()
