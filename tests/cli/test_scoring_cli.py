"""`python -m scoring` as a batch user runs it: one row per person, errors in one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from scoring.dataset import write
from scoring.engine import compile_dataset, score
from scoring.rulebook import PRESETS_DIR, list_presets, load_preset
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings

ROOT = Path(__file__).resolve().parents[2]
ILLUSTRATIVE = PRESETS_DIR / "illustrative.yaml"


@pytest.fixture(scope="module")
def dataset():
    return generate(GeneratorSettings(people=3000, seed=7))


@pytest.fixture(scope="module")
def data_dir(dataset, tmp_path_factory):
    return write(dataset, tmp_path_factory.mktemp("data") / "demo")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize("preset", list_presets())
def test_every_preset_scores_the_synthetic_data_with_at_least_three_tiers(dataset, preset):
    result = score(compile_dataset(dataset), load_preset(preset))
    used = np.unique(result.tier[result.eligible])
    assert len(used) >= 3, f"{preset} uses only tiers {used}"
    assert 0 < result.eligible.sum() < len(result.eligible)


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".xlsx"])
def test_writes_one_row_per_person_in_each_format(data_dir, dataset, tmp_path, suffix):
    out = tmp_path / f"scores{suffix}"
    done = run("--data", str(data_dir), "--rulebook", str(ILLUSTRATIVE), "--out", str(out))
    assert done.returncode == 0, done.stderr
    if suffix == ".parquet":
        frame = pd.read_parquet(out)
        assert b"civic_credit_lab" in pq.read_schema(out).metadata
    elif suffix == ".csv":
        assert out.read_bytes().startswith("\ufeff".encode())
        frame = pd.read_csv(out, encoding="utf-8-sig")
    else:
        frame = pd.read_excel(out, sheet_name="scores")
        assert "about" in pd.ExcelFile(out).sheet_names
    assert len(frame) == len(dataset.people)
    assert {"person_id", "eligible", "score", "tier", "red_list", "black_list", "points_judicial"} <= set(frame.columns)
    assert frame["data_notice"].str.contains("模拟数据").all()


def test_the_as_of_date_changes_the_scores(data_dir, tmp_path):
    early, late = tmp_path / "early.parquet", tmp_path / "late.parquet"
    assert (
        run(
            "--data", str(data_dir), "--rulebook", str(ILLUSTRATIVE), "--as-of", "2023-06-30", "--out", str(early)
        ).returncode
        == 0
    )
    assert run("--data", str(data_dir), "--rulebook", str(ILLUSTRATIVE), "--out", str(late)).returncode == 0
    assert not pd.read_parquet(early)["score"].equals(pd.read_parquet(late)["score"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rulebook", "RB", "--out", "OUT.csv"], "the following arguments are required: --data"),
        (["--data", "DATA", "--rulebook", "RB", "--out", "OUT.txt"], "unknown format .txt"),
        (
            ["--data", "DATA", "--rulebook", "RB", "--as-of", "2019-13-01", "--out", "OUT.csv"],
            "not a date in YYYY-MM-DD form",
        ),
        (
            ["--data", "DATA", "--rulebook", "RB", "--as-of", "2030-01-01", "--out", "OUT.csv"],
            "after the data's as-of date",
        ),
        (
            ["--data", "DATA", "--rulebook", "RB", "--as-of", "2022-12-30", "--out", "OUT.csv"],
            "before 2022-12-31, the earliest date whose rule windows lie inside the data's history",
        ),
        (["--data", "MISSING", "--rulebook", "RB", "--out", "OUT.csv"], "no manifest.json"),
        (["--data", "DATA", "--rulebook", "BROKEN", "--out", "OUT.csv"], "unknown record type"),
        (["--data", "DATA", "--rulebook", "RB", "--out", "NOFOLDER/OUT.csv"], "does not exist"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(data_dir, tmp_path, args, message):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        ILLUSTRATIVE.read_text(encoding="utf-8").replace("[judgment_defaulter]", "[no_such_type]"), encoding="utf-8"
    )
    mapping = {
        "DATA": str(data_dir),
        "RB": str(ILLUSTRATIVE),
        "BROKEN": str(broken),
        "MISSING": str(tmp_path / "missing"),
        "OUT.csv": str(tmp_path / "out.csv"),
        "OUT.txt": str(tmp_path / "out.txt"),
        "NOFOLDER/OUT.csv": str(tmp_path / "nofolder" / "out.csv"),
    }
    done = run(*[mapping.get(a, a) for a in args])
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml"]


def test_exported_text_cannot_run_as_a_formula():
    from scoring.export import neutralise

    frame = pd.DataFrame({"note": ["=HYPERLINK(1)", "+1", "-2", "@x", "plain"], "n": [1, 2, 3, 4, 5]})
    assert neutralise(frame)["note"].tolist() == ["'=HYPERLINK(1)", "'+1", "'-2", "'@x", "plain"]
