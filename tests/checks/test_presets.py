"""Every shipped preset passes every check or explains, in both languages, each one it does not."""

import pytest

from scoring.catalogues import load_catalogues
from scoring.checks.run import explanation, run_checks
from scoring.rulebook import list_presets, load_preset, parse_rulebook, to_yaml


@pytest.mark.parametrize("preset", list_presets())
def test_each_preset_passes_or_explains_every_finding(preset):
    rulebook = load_preset(preset)
    unexplained = [f.check for f in run_checks(rulebook) if f.verdict != "pass" and explanation(rulebook, f) is None]
    assert unexplained == []


@pytest.mark.parametrize("preset", list_presets())
def test_a_preset_explains_only_checks_it_does_not_pass(preset):
    """An explanation of a check that passes would be shown nowhere and go stale unseen."""
    rulebook = load_preset(preset)
    not_passed = {f.check for f in run_checks(rulebook) if f.verdict != "pass"}
    assert set(rulebook.explanations) <= not_passed


def test_an_explanation_of_an_unknown_check_or_source_is_refused():
    text = to_yaml(load_preset("illustrative"))
    with pytest.raises(ValueError, match="explanations"):
        parse_rulebook(text.replace("\n  catalogue:\n", "\n  catalog:\n"))
    with pytest.raises(ValueError, match="unknown source 'nowhere'"):
        parse_rulebook(
            text.replace("explanations:\n  catalogue:\n", "explanations:\n  catalogue:\n    source: nowhere\n")
        )


def test_an_explanation_survives_the_yaml_round_trip():
    rulebook = load_preset("fuzhou_style")
    assert parse_rulebook(to_yaml(rulebook)).explanations == rulebook.explanations


def test_the_sources_the_checks_cite_are_in_the_catalogue():
    from scoring.checks import baselines

    cited = {baselines.LEGALITY, baselines.CATALOGUE, baselines.REPAIR, baselines.CONSENT, baselines.KEY_GROUPS}
    cited |= {
        limit.source
        for limit in (*baselines.PUBLICITY_MAX.values(), *baselines.REPAIR_MIN.values(), baselines.OBJECTION_DAYS)
    }
    assert cited <= set(load_catalogues().sources)
