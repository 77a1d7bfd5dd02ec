"""Every export says how each rulebook value is known, and an edited value travels as an
assumption, never under its old status."""

from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from scoring.__main__ import main
from scoring.dataset import write
from scoring.export import sidecar_path
from scoring.provenance import provenance_table, status_counts
from scoring.rulebook import load_preset, to_yaml
from scoring.tuning.editing import set_tier_cutoffs
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return write(generate(GeneratorSettings(people=800, seed=3)), tmp_path_factory.mktemp("data") / "demo")


@pytest.fixture(scope="module")
def fuzhou_with_an_edited_cutoff():
    """The Fuzhou-style preset reports its cut-offs; an evaluator moves the best one."""
    preset = load_preset("fuzhou_style")
    cutoffs = {level.id: level.min for level in preset.tiers.levels[:-1]}
    best = preset.tiers.levels[0].id
    cutoffs[best] += 10
    return set_tier_cutoffs(preset, "absolute", cutoffs, preset=preset), best


def status_of(table: pd.DataFrame, element_suffix: str, field: str) -> str:
    row = table[table["element"].str.endswith(element_suffix) & (table["field"] == field)]
    assert len(row) == 1, (element_suffix, field)
    return row["status"].iloc[0]


def test_a_moved_cutoff_is_an_assumption_and_its_neighbours_keep_their_status(fuzhou_with_an_edited_cutoff):
    edited, best = fuzhou_with_an_edited_cutoff
    original = provenance_table(load_preset("fuzhou_style"))
    table = provenance_table(edited)
    assert status_of(original, f"[{best}]", "min") == "reported"
    assert status_of(table, f"[{best}]", "min") == "assumption"
    second = load_preset("fuzhou_style").tiers.levels[1].id
    assert status_of(table, f"[{second}]", "min") == status_of(original, f"[{second}]", "min")


def test_status_counts_name_every_status():
    counts = status_counts(load_preset("illustrative"))
    assert set(counts) == {"confirmed", "reported", "assumption"}
    assert sum(counts.values()) == len(provenance_table(load_preset("illustrative")))


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".xlsx"])
def test_each_cli_format_carries_the_per_field_status_of_an_edited_rulebook(
    data_dir, tmp_path, fuzhou_with_an_edited_cutoff, suffix
):
    edited, best = fuzhou_with_an_edited_cutoff
    rulebook_file = tmp_path / "edited.yaml"
    rulebook_file.write_text(to_yaml(edited), encoding="utf-8")
    out = tmp_path / f"scores{suffix}"
    assert main(["--data", str(data_dir), "--rulebook", str(rulebook_file), "--out", str(out)]) == 0
    if suffix == ".parquet":
        about = json.loads(pq.read_schema(out).metadata[b"civic_credit_lab"])
        exported = pd.DataFrame(about["provenance"])
    elif suffix == ".csv":
        exported = pd.read_csv(sidecar_path(out), encoding="utf-8-sig", keep_default_na=False)
    else:
        exported = pd.read_excel(io.BytesIO(out.read_bytes()), sheet_name="provenance", keep_default_na=False)
    assert status_of(exported, f"[{best}]", "min") == "assumption"
    assert len(exported) == len(provenance_table(edited))


def test_a_failed_csv_write_leaves_neither_table_nor_sidecar(data_dir, tmp_path, monkeypatch):
    """The table is written first; the disk fills up while the sidecar is written."""
    import scoring.export as export

    written = []

    def full_after_one_file(frame):
        if written:
            raise OSError(28, "No space left on device")
        written.append(frame)
        return b"table"

    monkeypatch.setattr(export, "csv_bytes", full_after_one_file)
    with pytest.raises(SystemExit) as stopped:
        main(["--data", str(data_dir), "--rulebook", "rulebooks/illustrative.yaml", "--out", str(tmp_path / "s.csv")])
    assert stopped.value.code == 2
    assert list(tmp_path.iterdir()) == []
