"""python -m synthetic: files on success; one line, exit 2 and nothing written on bad arguments."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import scoring.dataset.files
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
        (["--people", str(10**12), "--seed", "1"], "--people: must be at most 5,000,000"),
        (["--people", "9" * 5000, "--seed", "1"], "--people: must be at most 5,000,000"),
        (["--people", "-" + "9" * 5000, "--seed", "1"], "--people: must be at least 1"),
        (["--people", "10", "--seed", "9" * 5000], "--seed: must be at most"),
    ],
)
def test_bad_arguments(tmp_path, monkeypatch, capsys, args, named):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--out", "data"])
    assert exit_.value.code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and named in lines[0]
    assert len(lines[0]) < 200  # a 5,000-digit argument is not echoed back
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


def test_a_huge_population_in_a_real_process_is_one_line(tmp_path):
    result = run("--people", "9" * 5000, "--seed", "1", "--out", "data", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "error: argument --people: must be at most 5,000,000\n"


def test_a_project_folder_with_a_manifest_is_refused_and_kept_whole(tmp_path):
    """A web project holding a manifest.json was once deleted whole, with exit status 0."""
    project = tmp_path / "site"
    (project / "src").mkdir(parents=True)
    (project / "manifest.json").write_text('{"name": "my app"}')
    (project / "src" / "app.js").write_text("keep me")
    (project / "index.html").write_text("keep me")
    result = run("--people", "10", "--seed", "1", "--out", "site", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "refusing to replace it" in result.stderr, result.stderr
    assert (project / "src" / "app.js").read_text() == "keep me" and (project / "index.html").exists()
    assert (project / "manifest.json").read_text() == '{"name": "my app"}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_dataset_folder_with_anything_else_in_it_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["--people", "50", "--seed", "1", "--out", "data"]) == 0
    (tmp_path / "data" / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit) as exit_:
        main(["--people", "50", "--seed", "2", "--out", "data"])
    assert exit_.value.code == 2
    assert "notes.txt" in capsys.readouterr().err
    assert (tmp_path / "data" / "notes.txt").read_text() == "mine"


def test_an_earlier_dataset_is_replaced_with_no_folder_left_behind(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["--people", "50", "--seed", "1", "--out", "data"]) == 0
    assert main(["--people", "60", "--seed", "2", "--out", "data"]) == 0
    manifest = json.loads((tmp_path / "data" / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["people"], manifest["seed"]) == (60, 2)
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_write_failing_half_way_leaves_the_earlier_dataset_whole(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["--people", "50", "--seed", "1", "--out", "data"]) == 0
    before = _snapshot(tmp_path / "data")
    written = []

    def disk_full_on_the_second_table(table, where, *args, **kwargs):
        if written:
            raise OSError(28, "No space left on device")
        written.append(where)
        return real_write_table(table, where, *args, **kwargs)

    real_write_table = scoring.dataset.files.pq.write_table
    monkeypatch.setattr(scoring.dataset.files.pq, "write_table", disk_full_on_the_second_table)
    assert main(["--people", "60", "--seed", "2", "--out", "data"]) == 2
    assert capsys.readouterr().err.endswith("No space left on device\n")
    assert _snapshot(tmp_path / "data") == before
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def test_a_swap_failing_half_way_leaves_the_earlier_dataset_whole(tmp_path, monkeypatch):
    """The new dataset is complete but cannot be renamed into place: the old one must still be there."""
    monkeypatch.chdir(tmp_path)
    assert main(["--people", "50", "--seed", "1", "--out", "data"]) == 0
    before = _snapshot(tmp_path / "data")
    real_rename = Path.rename
    failed = []

    def rename(self, target):
        if not failed and self.name.startswith(".data.") and Path(target).name == "data":
            failed.append(self)
            raise OSError(5, "Input/output error")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    assert main(["--people", "60", "--seed", "2", "--out", "data"]) == 2
    assert failed and _snapshot(tmp_path / "data") == before
    assert [p.name for p in tmp_path.iterdir()] == ["data"]
