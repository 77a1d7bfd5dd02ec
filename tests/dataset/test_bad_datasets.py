"""Every defect in the corpus is refused: by `python -m scoring` with one line, exit 2 and no
output, and by `compile_dataset` for a dataset that never touched a file."""

from __future__ import annotations

import pytest

from scoring.__main__ import main
from scoring.dataset import Dataset, DatasetError, read
from scoring.engine import compile_dataset
from scoring.rulebook import PRESETS_DIR
from tests.dataset.corpus import DEFECTS, Defect, good, write_raw

RULEBOOK = str(PRESETS_DIR / "illustrative.yaml")


def score_folder(folder, out) -> int:
    try:
        return main(["--data", str(folder), "--rulebook", RULEBOOK, "--out", str(out)])
    except SystemExit as exit_:
        return exit_.code


def test_the_good_dataset_scores(tmp_path, capsys):
    frames, manifest = good()
    out = tmp_path / "scores.csv"
    assert score_folder(write_raw(frames, manifest, tmp_path / "data"), out) == 0, capsys.readouterr().err
    assert out.exists()


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.name)
def test_the_cli_refuses_the_defect_in_one_line(defect: Defect, tmp_path, capsys):
    folder = write_raw(*defect.apply(), tmp_path / "data")
    out = tmp_path / "scores.csv"
    assert score_folder(folder, out) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: {defect.refused_with}"), err
    assert not out.exists()


@pytest.mark.parametrize("defect", [d for d in DEFECTS if d.name != "nobody to score"], ids=lambda d: d.name)
def test_the_engine_refuses_the_defect_built_in_memory(defect: Defect):
    frames, manifest = defect.apply()
    dataset = Dataset(manifest=manifest, **frames)
    where = defect.refused_with.split(" ")[0].removesuffix(":")
    with pytest.raises(DatasetError, match=rf"^{where}\b"):
        compile_dataset(dataset)


def test_reading_the_good_dataset_changes_no_value(tmp_path):
    frames, manifest = good()
    dataset = read(write_raw(frames, manifest, tmp_path / "data"))
    for table, frame in frames.items():
        assert getattr(dataset, table).equals(frame), table
