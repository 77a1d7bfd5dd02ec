"""Generation benchmark: python -m benchmarks.generation --people 1000000 --repeat 3

Target (issue 2): 1 M people with about 10 M records in at most 30 s on 2 cores, peak memory
under 2 GB. Each run is a fresh subprocess so its peak RSS (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

TARGET_SECONDS = 30.0
TARGET_RSS_MB = 2048.0


def _child(people: int, seed: int) -> None:
    """One timed run; prints a JSON line with seconds, records and peak RSS."""
    import resource
    import time

    from synthetic import GeneratorSettings, generate

    settings = GeneratorSettings(people=people, seed=seed)
    start = time.perf_counter()
    dataset = generate(settings)
    seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(
        json.dumps(
            {"seconds": seconds, "records": len(dataset.records), "events": len(dataset.events), "rss_mb": rss_mb}
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generation")
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.people, args.seed)
        return 0
    runs = []
    for i in range(args.repeat):
        command = [
            sys.executable,
            "-m",
            "benchmarks.generation",
            "--child",
            "--people",
            str(args.people),
            "--seed",
            str(args.seed + i),
        ]
        runs.append(json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout))
    seconds = statistics.median(r["seconds"] for r in runs)
    rss = max(r["rss_mb"] for r in runs)
    records = statistics.median(r["records"] for r in runs)
    print(f"people            {args.people:,}")
    timings = ", ".join(f"{r['seconds']:.2f}" for r in runs)
    print(f"runs              {timings} s")
    print(f"median seconds    {seconds:.2f}  (target ≤ {TARGET_SECONDS:.0f}: ×{seconds / TARGET_SECONDS:.2f})")
    print(f"records (median)  {records:,.0f}  ({records / args.people:.2f} per person)")
    print(f"events (median)   {statistics.median(r['events'] for r in runs):,.0f}")
    print(f"peak RSS MB (max) {rss:.0f}  (target < {TARGET_RSS_MB:.0f}: ×{rss / TARGET_RSS_MB:.2f})")
    return 0 if seconds <= TARGET_SECONDS and rss < TARGET_RSS_MB else 1


if __name__ == "__main__":
    sys.exit(main())
