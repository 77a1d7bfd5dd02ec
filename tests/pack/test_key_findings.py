"""The pack's one-page summary says what its sections hold: the comparison's headline, the checks
that do not pass, the groups the four-fifths rule flags and the AUC beside the null scheme's; a
section left out of the pack leaves its finding out, and the assumptions appendix counts every
assumed value once, element by element."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scoring.pack import Pack, assemble_pack
from scoring.pack_summary import key_findings
from scoring.provenance import assumed_by_element, provenance_table, status_counts
from scoring.rulebook import load_preset
from tests.pack.test_pack import _inputs, world  # noqa: F401  (the module's fixture)


@pytest.fixture(scope="module")
def pack(world):  # noqa: F811
    return assemble_pack(_inputs(world, []))


def test_the_findings_are_the_sections_figures(pack):
    found = key_findings(pack)
    assert found.headline == pack.headline
    assert sum(found.verdicts.values()) == len(pack.checks)
    assert len(found.not_passed) == found.verdicts["warn"] + found.verdicts["fail"]
    real, null = found.auc
    assert real == pack.validity["discrimination"].loc["real", "auc"]
    assert null == pack.validity["discrimination"].loc["null", "auc"]


def test_every_flag_of_the_fairness_tables_is_named_and_only_those(pack):
    found = key_findings(pack)
    for grouping, frame in pack.fairness.items():
        flags = frame[[c for c in frame.columns if c.endswith("_flag")]]
        named = {(f.group, rate) for f in found.flagged[grouping] for rate, _ in f.ratios}
        expected = {(str(g), c.removesuffix("_flag")) for g, row in flags.iterrows() for c in flags.columns if row[c]}
        assert named == expected
        for f in found.flagged[grouping]:  # each ratio is the table's own figure
            assert all(ratio == frame.at[f.group, f"{rate}_ratio"] for rate, ratio in f.ratios)


def _fairness(rows: dict[str, tuple[float, float]]) -> Pack:
    """A pack whose one breakdown has these (black list ratio, share scored ratio) per group, flagged
    as the four-fifths rule flags them."""
    frame = pd.DataFrame(rows, index=["black_list_rate_ratio", "eligibility_ratio"]).T
    frame["black_list_rate_flag"] = frame["black_list_rate_ratio"] > 1.25
    frame["eligibility_flag"] = frame["eligibility_ratio"] < 0.8
    return Pack(sections=("fairness",), method={}, fairness={"key_group": frame})


def test_the_flagged_groups_come_furthest_from_parity_first_so_a_short_list_names_the_worst():
    """The tester read 24 occupations in the table's order and could not tell which mattered."""
    pack = _fairness(
        {
            "lawyer": (1.3, 1.0),  # just past 1.25
            "teacher": (1.0, 1.0),  # not flagged
            "driver": (3.0, 1.0),  # three times the reference's black list
            "guide": (1.0, 0.25),  # a quarter as often scored: as far as four times as often
            "doctor": (1.5, 0.6),  # its furthest rate decides: 0.6 is further than 1.5
            "broker": (1.0, 0.0),  # nobody scored: infinitely far
        }
    )
    flagged = key_findings(pack).flagged["key_group"]
    assert [f.group for f in flagged] == ["broker", "guide", "driver", "doctor", "lawyer"]
    assert dict(flagged[3].ratios) == {"black_list_rate": 1.5, "eligibility": 0.6}


def test_ties_from_parity_keep_the_tables_order():
    pack = _fairness({"b": (2.0, 1.0), "a": (1.0, 0.5), "c": (1.0, np.nan)})
    assert [f.group for f in key_findings(pack).flagged["key_group"]] == ["b", "a"]


def test_a_pack_without_checks_comparison_or_validity_says_nothing_of_them(world):  # noqa: F811
    found = key_findings(assemble_pack(_inputs(world, []), ["method", "distributions"]))
    assert found.headline is None and found.verdicts is None and found.auc is None
    assert found.not_passed == () and found.flagged == {}


@pytest.mark.parametrize("preset", ["illustrative", "rongcheng_style", "fuzhou_style"])
def test_the_assumptions_by_element_count_every_assumed_value_once(preset):
    table = provenance_table(load_preset(preset))
    assumed = assumed_by_element(table)
    assert assumed["values"].sum() == status_counts(load_preset(preset))["assumption"]
    assert assumed["element"].is_unique
    assert all(len(fields) == count for fields, count in zip(assumed["fields"], assumed["values"], strict=True))
