"""One person's plan to the next tier at scale: python -m benchmarks.next_tier --people 1000000

The credit file computes the plan when a person is opened. Prints the median, 90th percentile
and maximum seconds per person for people drawn at random, black-listed people (repairs and
publicity ends add candidate days) and vetoed people (the plan waits for the veto to lapse).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from scoring.engine import compile_dataset, score
from scoring.person.next_tier import next_tier
from scoring.rulebook import load_preset
from synthetic import GeneratorSettings, generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20190416)
    parser.add_argument("--per-group", type=int, default=20)
    parser.add_argument("--preset", default="illustrative")
    args = parser.parse_args()
    dataset = generate(GeneratorSettings(people=args.people, seed=args.seed))
    result = score(compile_dataset(dataset), load_preset(args.preset))
    below_top = result.eligible & (result.tier > 0)
    groups = {"random": below_top, "black_listed": below_top & result.black_list, "vetoed": below_top & result.vetoed}
    next_tier(result, dataset, int(np.flatnonzero(below_top)[0]))  # numba's kernels load once
    rng = np.random.default_rng(args.seed)
    print(f"people={args.people:,} preset={args.preset}")
    for name, members in groups.items():
        pool = np.flatnonzero(members)
        times, outcomes = [], set()
        for person in rng.choice(pool, min(args.per_group, len(pool)), replace=False):
            start = time.perf_counter()
            outcomes.add(next_tier(result, dataset, int(person)).outcome)
            times.append(time.perf_counter() - start)
        print(
            f"{name}: median_s={np.median(times):.3f} p90_s={np.quantile(times, 0.9):.3f} max_s={max(times):.3f} "
            f"({len(times)} people; {', '.join(sorted(outcomes))})"
        )


if __name__ == "__main__":
    main()
