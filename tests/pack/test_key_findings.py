"""The pack's one-page summary says what its sections hold: the comparison's headline, the checks
that do not pass, the groups the four-fifths rule flags and the AUC beside the null scheme's; a
section left out of the pack leaves its finding out, and the assumptions appendix counts every
assumed value once, element by element."""

from __future__ import annotations

import pytest

from scoring.pack import assemble_pack
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
        named = {(group, rate) for group, rates in found.flagged[grouping] for rate in rates}
        expected = {(str(g), c.removesuffix("_flag")) for g, row in flags.iterrows() for c in flags.columns if row[c]}
        assert named == expected


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
