"""One person's score with and without their objections: python -m benchmarks.objection_scores --people 1000000

The objection panel shows a person's score with their open objections suspending the records and
as if they counted. Two ways to get it: write the objections into the whole dataset and recompile
it (seconds at 1 M people, for every objection), or cut the person out as a dataset of one and
score that (scoring/objection_scores.py). Prints the medians of both; the one-person scores are
checked against the whole recompiled dataset's, so the fast path is also the right one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

import numpy as np

from scoring.engine import compile_dataset, score
from scoring.objection_overlay import with_objections
from scoring.objection_scores import objection_effect
from scoring.rulebook import load_preset
from scoring.store import Objection
from synthetic import GeneratorSettings, generate


def _objections(dataset, count: int, seed: int) -> list[Objection]:
    """Open objections, a month before the data's date, to valid records of different people."""
    opened = dataset.data_as_of.item() - dt.timedelta(days=30)
    records = dataset.records
    candidates = records[(records["status"] == "valid") & (records["occurred_on"] <= np.datetime64(opened))]
    picked = candidates.drop_duplicates("person_id").sample(count, random_state=seed)
    return [
        Objection(i + 1, "k", int(r.person_id), int(r.record_id), "why", opened, "anonymous", "open")
        for i, r in enumerate(picked.itertuples())
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20190416)
    parser.add_argument("--objections", type=int, default=20)
    args = parser.parse_args()
    dataset = generate(GeneratorSettings(people=args.people, seed=args.seed))
    rulebook, as_of = load_preset("illustrative"), dataset.data_as_of.item()
    whole = score(compile_dataset(dataset, as_of), rulebook)
    objections = _objections(dataset, args.objections, args.seed)

    start = time.perf_counter()
    overlaid = score(compile_dataset(with_objections(dataset, objections), as_of), rulebook)
    t_whole = time.perf_counter() - start

    times = []
    for objection in objections:
        start = time.perf_counter()
        effect = objection_effect(dataset, objection.person_id, objections, rulebook, as_of, whole.cutoffs)
        times.append(time.perf_counter() - start)
        expected = overlaid.score[objection.person_id]
        assert np.array_equal(effect.under_review.score, expected, equal_nan=True), (objection, effect, expected)
        assert np.array_equal(effect.counted.score, whole.score[objection.person_id], equal_nan=True)
    t_one = statistics.median(times)
    print(f"people={args.people:,} records={len(dataset.records):,} objections={len(objections)}")
    print(f"whole_dataset_overlay_compile_score_s={t_whole:.2f} (once, all objections written in)")
    print(f"one_person_with_and_without_s_median={t_one:.4f} (two one-person scores; identical to the whole's)")
    print(f"speedup={t_whole / t_one:.0f}")


if __name__ == "__main__":
    main()
