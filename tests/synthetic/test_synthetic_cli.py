"""python -m synthetic: files on success; one line, exit 2 and nothing written on bad arguments."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from synthetic.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "synthetic", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_writes_the_dataset(tmp_path):
    result = run("--people", "500", "--seed", "4", "--as-of", "2024-12-31", "--out", "data", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in (tmp_path / "data").iterdir())
    assert files == ["manifest.json", "people.parquet", "record_events.parquet", "records.parquet", "truth.parquet"]
    manifest = json.loads((tmp_path / "data" / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["people"], manifest["seed"], manifest["data_as_of"]) == (500, 4, "2024-12-31")


def test_same_seed_same_bytes(tmp_path):
    for out in ("a", "b"):
        assert run("--people", "300", "--seed", "9", "--out", out, cwd=tmp_path).returncode == 0
    for name in ("people.parquet", "records.parquet", "record_events.parquet", "truth.parquet", "manifest.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--people", "0", "--seed", "1"], "--people"),
        (["--people", "-5", "--seed", "1"], "--people"),
        (["--people", "ten", "--seed", "1"], "--people"),
        (["--people", "1.5", "--seed", "1"], "--people"),
        (["--people", "10", "--seed", "-1"], "--seed"),
        (["--people", "10", "--seed", "1", "--as-of", "2025-02-30"], "--as-of"),
        (["--people", "10", "--seed", "1", "--as-of", "31/12/2025"], "--as-of"),
        (["--people", "10", "--seed", "1", "--as-of", "1999-12-31"], "--as-of"),
        (["--seed", "1"], "--people"),
        (["--people", "10", "--seed", "1", "--colour", "red"], "--colour"),
    ],
)
def test_bad_arguments(tmp_path, monkeypatch, capsys, args, named):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--out", "data"])
    assert exit_.value.code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and named in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_bad_arguments_in_a_real_process(tmp_path):
    result = run("--people", "0", "--seed", "1", "--out", "data", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "error: argument --people: must be at least 1, got 0\n"
    assert list(tmp_path.iterdir()) == []


def test_out_must_not_be_a_file_or_a_foreign_directory(tmp_path):
    (tmp_path / "afile").write_text("keep me")
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_text("keep me")
    for out in ("afile", "photos"):
        result = run("--people", "10", "--seed", "1", "--out", out, cwd=tmp_path)
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1 and out in result.stderr
    assert (tmp_path / "afile").read_text() == "keep me" and (tmp_path / "photos" / "cat.jpg").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "photos"]
