"""The bad-scheme fixture breaks every rulebook check exactly once, and each check fails on it
naming the element that breaks it; the lawful scheme passes every check."""

from pathlib import Path

import pytest

from scoring.checks.ids import CHECK_IDS
from scoring.checks.run import RULEBOOK_CHECKS, run_checks
from scoring.rulebook import load_rulebook
from tests.checks.schemes import scheme

BAD = load_rulebook(Path(__file__).parents[1] / "rulebooks" / "bad_scheme.yaml")
# check -> (the rules it names, the other elements it names)
OFFENDING = {
    "catalogue": (("civility",), (("record_type", "uncivil_conduct"),)),
    "double_count_lists": (("defaulter", "black_list"), (("record_type", "judgment_defaulter"),)),
    "publicity": (("drink_driving",), (("severity", "general"),)),
    "repair": ((), (("field", "repair.min_months.serious"),)),
    "tier_restrictions": ((), (("sanction", "red_list_ban"),)),
    "proportionality": (("traffic",), ()),
    "consent": ((), (("field", "eligibility.consent_required"),)),
    "residence": ((), (("field", "eligibility.hukou"),)),
    "group_density": (("teachers_arrears",), (("group", "teacher"),)),
    "objection_limit": ((), (("field", "objections.sla_days"),)),
}
FINDINGS = {f.check: f for f in run_checks(BAD)}


def test_every_rulebook_check_is_broken_by_the_bad_scheme():
    assert (
        set(OFFENDING)
        == {f.check for f in run_checks(BAD)}
        == set(CHECK_IDS) - {"double_count_cases", "objection_times"}
    )
    assert len(RULEBOOK_CHECKS) == len(OFFENDING)


@pytest.mark.parametrize("check", OFFENDING)
def test_the_bad_scheme_fails_each_check_naming_what_breaks_it(check):
    found = FINDINGS[check]
    assert found.verdict == "fail"
    assert (found.rules, found.elements) == OFFENDING[check]


def test_each_offending_rule_breaks_one_check_only():
    named = [rule for f in FINDINGS.values() for rule in f.rules if rule != "black_list"]
    assert len(named) == len(
        set(named)
    )  # drink_driving is named once as the culprit (proportionality names it as `than`)


def test_a_lawful_scheme_passes_every_rulebook_check():
    assert {f.check: f.verdict for f in run_checks(scheme())} == dict.fromkeys(OFFENDING, "pass")


def test_a_finding_cites_its_baseline_with_the_catalogues_date():
    found = FINDINGS["objection_limit"]
    assert (found.baseline, str(found.baseline_date)) == ("credit-reporting-2013", "2013-03-15")
    assert (FINDINGS["publicity"].baseline, str(FINDINGS["publicity"].baseline_date)) == ("ndrc-2019-527", "2019-07-09")
