"""The Legality checks page as a reviewer reads it: a verdict per check in an icon and a word,
the rules by name, the legal baseline with its date, the preset's explanation beside a check it
does not pass; and the verdicts follow the working rulebook as it is edited on the Rules page."""

from __future__ import annotations

import pandas as pd
import pytest

from scoring.checks.eligibility import DENSITY_WARN, group_density
from scoring.checks.ids import CHECK_IDS
from scoring.rulebook import load_preset
from tests.ui.helpers import edit_rules, open_page_in, rule_row
from ui import fmt
from ui.i18n import LANGUAGES, catalogue

CHECKS = "pages/checks.py"


def _open(app, lang: str):
    return open_page_in(app, CHECKS, lang)


def _rows(at, lang: str) -> pd.DataFrame:
    """The checks table, indexed by check name."""
    messages = catalogue(lang)
    table = next(df.value for df in at.dataframe if messages["checks.col.verdict"] in df.value.columns)
    return table.set_index(messages["checks.col.check"])


def _row(at, lang: str, check: str) -> pd.Series:
    return _rows(at, lang).loc[catalogue(lang)[f"checks.name.{check}"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_check_has_a_verdict_in_words_and_the_metrics_count_them(app, lang):
    at = _open(app, lang)
    messages = catalogue(lang)
    assert at.title[0].value == messages["checks.title"]
    rows = _rows(at, lang)
    assert list(rows.index) == [messages[f"checks.name.{c}"] for c in CHECK_IDS]
    words = {messages[f"checks.verdict.{v}"]: v for v in ("pass", "warn", "fail")}
    verdicts = rows[messages["checks.col.verdict"]].map(words)
    assert verdicts.notna().all()  # an icon and a word each, never colour alone
    shown = {m.label: m.value for m in at.metric}
    for verdict in ("pass", "warn", "fail"):
        assert shown[messages[f"checks.metric.{verdict}"]] == fmt.count(int((verdicts == verdict).sum()), lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_civility_rule_fails_the_catalogue_check_by_name_with_its_baseline_and_the_presets_reason(app, lang):
    at = _open(app, lang)
    messages = catalogue(lang)
    row = _row(at, lang, "catalogue")
    civility = load_preset("illustrative").rules[[r.id for r in load_preset("illustrative").rules].index("civility")]
    assert row[messages["checks.col.verdict"]] == messages["checks.verdict.fail"]
    assert fmt.name(civility.title, lang) in row[messages["checks.col.rules"]]
    assert "civility" not in row[messages["checks.col.rules"]].split("、" if lang == "zh-CN" else ", ")
    assert row[messages["checks.col.baseline_date"]] == fmt.date("2021-12-31", lang)
    explanation = load_preset("illustrative").explanations["catalogue"].text
    assert fmt.name(explanation, lang) in row[messages["checks.col.explanation"]]
    passing = _row(at, lang, "consent")
    assert passing[messages["checks.col.explanation"]] == "—"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_minor_rule_made_dearer_than_a_general_one_on_the_rules_page_fails_proportionality(app, lang):
    at = _open(app, lang)
    messages = catalogue(lang)
    assert _row(at, lang, "proportionality")[messages["checks.col.verdict"]] == messages["checks.verdict.pass"]
    at.switch_page("pages/rules.py").run()
    edit_rules(at, {rule_row("traffic_violation"): {"points": -50.0, "cap_low": None}})
    at.switch_page(CHECKS).run()
    assert not at.exception, at.exception
    row = _row(at, lang, "proportionality")
    traffic = next(r for r in load_preset("illustrative").rules if r.id == "traffic_violation")
    assert row[messages["checks.col.verdict"]] == messages["checks.verdict.fail"]
    assert fmt.name(traffic.title, lang) in row[messages["checks.col.rules"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_baseline_note_explains_each_status_as_the_table_writes_it(app, lang):
    """The tester could not parse "confirmed means the text was read, reported a secondary account…",
    and the Chinese note called the statuses by other names than the table's."""
    at = _open(app, lang)
    messages = catalogue(lang)
    note = next(c.value for c in at.caption if c.value == messages["checks.baseline_note"])
    for status in ("confirmed", "reported", "assumption"):
        assert f"“{messages[f'status.{status}']}”" in note


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_ratio_in_a_finding_says_what_it_compares_and_where_the_verdict_changes(app, lang):
    """The tester read "比值1.06，1.50起" and could not tell what was divided by what."""
    at = _open(app, lang)
    finding = _row(at, lang, "group_density")[catalogue(lang)["checks.col.finding"]]
    (found,) = group_density(load_preset("illustrative"))
    ratio, warn_at = fmt.number(found.params["ratio"], 2, lang), fmt.number(DENSITY_WARN, 1, lang)
    times = "{}倍" if lang == "zh-CN" else "{} times"
    assert times.format(ratio) in finding and times.format(warn_at) in finding
    assert ("最多是最少的" if lang == "zh-CN" else "the most") in finding


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_presets_explanation_labels_its_status_and_its_source_instead_of_nesting_brackets(app, lang):
    """The tester read "（假设；无（假设））" after the preset's reason."""
    at = _open(app, lang)
    messages = catalogue(lang)
    explained = _row(at, lang, "catalogue")[messages["checks.col.explanation"]]
    reason = fmt.name(load_preset("illustrative").explanations["catalogue"].text, lang)
    tail = messages["checks.explanation"].format(
        text="", status=messages["status.assumption"], source=messages["checks.no_source"]
    )
    assert explained == reason + tail
    assert messages["lists.no_source"] not in explained


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_data_check_says_on_which_date_it_counts(app, lang):
    """The tester read "评价日期446人因同一案件被重复扣分", a word missing."""
    at = _open(app, lang)
    finding = _row(at, lang, "double_count_cases")[catalogue(lang)["checks.col.finding"]]
    assert finding.startswith("截至评价日期，" if lang == "zh-CN" else "On the as-of date, ")
