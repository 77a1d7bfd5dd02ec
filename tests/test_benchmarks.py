"""The benchmarks run (on a small population) so that they cannot rot unnoticed, and their pandas
baseline is an implementation of its own."""

from __future__ import annotations

import ast
import datetime as dt
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from benchmarks.baseline import pandas_baseline
from benchmarks.engine import _with_rule, assert_same
from scoring.engine import compile_dataset
from scoring.rulebook import load_preset
from tests.engine.factories import AS_OF, make_dataset

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
    assert "on the preset and on an edited rulebook; tiers identical" in done.stdout
    assert lines[-1].startswith("speedup=") and float(lines[-1].split("=")[1]) > 0


def test_the_pandas_baseline_imports_nothing_from_the_engine():
    tree = ast.parse((ROOT / "benchmarks" / "baseline.py").read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if m and m.startswith("scoring.engine")]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("days_back", [0, 400])
def test_the_baseline_equals_the_engine_with_revocations_relistings_objections_and_edited_rules(seed, days_back):
    preset = load_preset("illustrative")
    edited = _with_rule(
        _with_rule(preset, "traffic_violation", points=-7.0, window_months=6), "judgment_defaulter", window_months=24
    )
    dataset = make_dataset(60, 400, seed, n_listings=40, n_objections=60)
    compiled = compile_dataset(dataset, (AS_OF - np.timedelta64(days_back, "D")).astype(dt.date))
    for rulebook in (preset, edited):
        assert assert_same(dataset, compiled, rulebook) <= 1e-9
    assert pandas_baseline(dataset, edited, compiled.as_of)[1].tolist() != [""] * 60


def test_the_objection_scores_benchmark_checks_the_one_person_path_against_the_whole():
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.objection_scores", "--people", "3000", "--objections", "5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("speedup=")


def test_the_next_tier_benchmark_times_each_group_of_people():
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.next_tier", "--people", "3000", "--per-group", "3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    timed = [line.split(":")[0] for line in done.stdout.strip().splitlines()[1:]]
    assert timed == ["random", "black_listed", "vetoed"]
