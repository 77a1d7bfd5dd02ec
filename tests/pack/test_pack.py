"""The evaluation pack's figures as a review meeting gets them: each section from the analyses
the pages use, the expensive inputs asked for only by the sections that need them, the stages
reported in order, and the JSON of plain numbers with the synthetic marker and provenance first."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from scoring.analyses.headline_changes import headline_changes
from scoring.analyses.summaries import breakdowns
from scoring.engine import compile_dataset, score
from scoring.pack import SECTIONS, PackInputs, assemble_pack, pack_json, stages
from scoring.provenance import status_counts
from scoring.rulebook import load_preset
from synthetic import GeneratorSettings, generate

PEOPLE = 3000


@pytest.fixture(scope="module")
def world():
    dataset = generate(GeneratorSettings(people=PEOPLE, seed=5))
    compiled = compile_dataset(dataset)
    return dataset, compiled


def _inputs(world, asked: list[str]) -> PackInputs:
    dataset, compiled = world
    reform, baseline = load_preset("illustrative"), load_preset("rongcheng_style")

    def ask(name, value):
        def get(*_):
            asked.append(name)
            return value() if callable(value) else value

        return get

    result = score(compiled, reform)
    null = generate(GeneratorSettings(people=PEOPLE, seed=5, records_independent=True))
    return PackInputs(
        reform, "illustrative", baseline, "rongcheng_style", dataset,
        breakdowns(compiled.people, compiled.age_years), pd.Timestamp(compiled.as_of).date(), PEOPLE, 5,
        ask("result", result), ask("baseline", lambda: score(compiled, baseline)), ask("truth", result),
        ask("null", null),
    )  # fmt: skip


def test_the_null_population_is_a_stage_of_its_own_before_validity_and_only_for_it():
    validity = SECTIONS.index("validity")
    assert stages(SECTIONS) == (*SECTIONS[:validity], "null", *SECTIONS[validity:])
    assert "null" not in stages(["method", "checks"])


def test_a_pack_without_validity_or_comparison_never_generates_the_null_nor_scores_the_baseline(world):
    asked, reported = [], []
    pack = assemble_pack(_inputs(world, asked), ["checks", "method"], lambda s, f, d: reported.append(s))
    assert pack.sections == ("method", "checks") and reported == ["method", "checks"]
    assert "null" not in asked and "baseline" not in asked
    assert pack.validity is None and pack.headline is None and pack.checks


def test_an_unknown_section_is_refused_by_name(world):
    with pytest.raises(ValueError, match="sections: 'charts' is not one of"):
        assemble_pack(_inputs(world, []), ["method", "charts"])


def test_the_full_pack_holds_every_section_and_its_json_is_plain_numbers(world):
    pack = assemble_pack(_inputs(world, []))
    figures = json.loads(json.dumps(pack_json(pack), allow_nan=False))
    assert list(figures)[:3] == ["synthetic", "rulebook", "provenance"] and figures["synthetic"] is True
    assert figures["provenance"] == status_counts(load_preset("illustrative"))
    assert len(figures["assumptions"]) == figures["provenance"]["assumption"]
    assert {row["status"] for row in figures["assumptions"]} == {"assumption"}
    assert sum(row["people"] for row in figures["distributions"]["tiers"]) == PEOPLE
    # every person is in one cell of the transitions, under the baseline and the reform
    cells = [v for row in figures["comparison"]["transitions"] for k, v in row.items() if k != "baseline_tier"]
    assert sum(cells) == PEOPLE
    assert figures["validity"]["ground_truth"] == "synthetic"
    assert [row["side"] for row in figures["validity"]["discrimination"]] == ["real", "null"]
    # ids beside names: a district's row, a tier's row and the names of every id used
    row = figures["distributions"]["scores"]["district"][0]
    assert row["name"] == figures["names"]["district"][row["district"]] and set(row["name"]) == {"zh", "en"}
    assert figures["distributions"]["tiers"][0]["name"] == {"zh": "AAA级", "en": "AAA"}
    assert figures["names"]["baseline_tier"].keys() == {lv.id for lv in load_preset("rongcheng_style").tiers.levels}
    named_rules = {rule for finding in figures["checks"] for rule in finding["rules"]}
    assert named_rules and named_rules <= figures["names"]["rule"].keys(), "every rule a finding names has its name"


def test_the_four_fifths_flags_follow_the_ratios_to_the_reference_group(world):
    pack = assemble_pack(_inputs(world, []), ["fairness"])
    for grouping, table in pack.fairness.items():
        reference = table.loc[pack.references[grouping]]
        assert reference["eligibility_ratio"] == pytest.approx(1.0)
        assert (table["eligibility_flag"] == (table["eligibility_ratio"] < 0.8)).all()
        assert (table["black_list_rate_flag"] == (table["black_list_rate_ratio"] > 1.25)).all()


def test_the_mean_score_change_is_said_only_on_one_score_range(world):
    """Illustrative scores 0–2000 and Rongcheng-style 0–1500: a point is another thing on each,
    so the pack gives no change of the mean score between them, and one within a range."""
    _, compiled = world
    illustrative, rongcheng = load_preset("illustrative"), load_preset("rongcheng_style")
    across = headline_changes(score(compiled, rongcheng), score(compiled, illustrative))
    assert pd.isna(across["mean_score"]) and not pd.isna(across["scored"])
    doubled = illustrative.model_copy(
        update={"rules": tuple(r.model_copy(update={"points": 2 * r.points}) for r in illustrative.rules)}
    )
    within = headline_changes(score(compiled, illustrative), score(compiled, doubled))
    assert not pd.isna(within["mean_score"])
