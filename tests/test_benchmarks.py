"""The benchmarks run (on a small population) so that they cannot rot unnoticed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_engine_benchmark_asserts_identical_results_and_ends_with_the_speedup():
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.engine", "--people", "3000", "--repeat", "3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert "tiers identical" in done.stdout
    assert lines[-1].startswith("speedup=") and float(lines[-1].split("=")[1]) > 0
