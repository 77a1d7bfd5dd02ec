"""Problems in the reader's language: a broken upload, a bad cell or cut-off is said entirely in
Chinese in the Chinese UI (the offending value and the rulebook's own names aside), with the
place named by the rule's or tier's name rather than a path like `rules[3].points`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scoring.problems import Name
from scoring.rulebook import RulebookError, load_preset, load_rulebook
from scoring.tuning.editing import EditError, apply_rule_edits, apply_settings, set_tier_cutoffs
from tests.ui.helpers import shown_text
from ui import problems

BROKEN = Path(__file__).resolve().parents[1] / "rulebooks" / "broken"
LATIN = re.compile(r"[A-Za-z]")
FORMATS = ("YAML", "UTF-8")  # the names of the file's format and encoding, as the upload button says


def describe(problem, lang: str) -> str:
    """The message as the reader sees it (Markdown rendered)."""
    return shown_text(problems.describe(problem, lang))


def first_of(found, lang: str) -> str:
    return shown_text(problems.first_of(found, lang))


def _refused(name: str) -> RulebookError:
    with pytest.raises(RulebookError) as caught:
        load_rulebook(BROKEN / name)
    return caught.value


def _quoted(problem) -> list[str]:
    """What a message may quote as it was written: the offending values and the rulebook's names."""
    found = [problem.subject.id or "", *_names(problem.subject.name)] if problem.subject else []
    for value in problem.params.values():
        for item in value if isinstance(value, list | tuple) else [value]:
            found += _names(item) if isinstance(item, Name) else [str(item)]
    return sorted((f for f in found if f), key=len, reverse=True)


def _names(name: Name | None) -> list[str]:
    return [name.zh, name.en] if name else []


def _unquoted(message: str, problem) -> str:
    for text in [*_quoted(problem), *FORMATS]:
        message = message.replace(text, "")
    return message


@pytest.mark.parametrize("name", sorted(p.name for p in BROKEN.glob("*.yaml")))
def test_every_broken_rulebook_is_said_in_chinese_but_for_what_it_quotes(name):
    problem = _refused(name).problems[0]
    message = describe(problem, "zh-CN")
    assert not LATIN.search(_unquoted(message, problem)), message
    english = describe(problem, "en")
    assert not re.search(r"[\u4e00-\u9fff]", _unquoted(english, problem).replace("国办发〔2020〕49号", "")), english


@pytest.mark.parametrize(
    ("name", "zh", "en"),
    [
        ("points_not_a_number.yaml", "规则「学术不端」的分值：应为数字，实为“minus forty”",
         "points of rule 'Academic misconduct': expected a number, got 'minus forty'"),
        ("window_zero.yaml", "规则「失信被执行人」的时间窗口（月）：应不小于1，实为0",
         "window (months) of rule 'Judgment defaulter': expected at least 1, got 0"),
        ("unknown_field.yaml", "规则「志愿服务」：“weight”不是可用的字段",
         "rule 'Volunteer service': 'weight' is not a field"),
        ("veto_unknown_tier.yaml", "规则「失信被执行人」的一票否决的最高等级：没有等级“E”；可选：A级、B级、C级",
         "highest tier of veto of rule 'Judgment defaulter': there is no tier 'E'; expected one of A, B, C"),
        ("cutoff_above_range.yaml", "等级「A级」的下限：阈值 2500 超出分数范围 0–2000",
         "lower bound of tier 'A': the cut-off 2500 is outside the score range 0–2000"),
        ("duplicate_key.yaml", "第11行第152列：键“points”重复（第一次出现在第11行第138列）",
         "line 11, column 152: the key 'points' appears twice (first at line 11, column 138)"),
        ("score_max_infinite.yaml", "分数范围的最高分：应为有限的数字",
         "maximum score of score range: expected a finite"),
        ("repair_min_above_max.yaml", "信用修复：“一般”一档的最短修复期 18 个月长于最长修复期 12 个月",
         "credit repair: 'general': the shortest repair period of 18 months"),
    ],
)  # fmt: skip
def test_a_broken_rulebook_names_the_place_by_name(name, zh, en):
    problem = _refused(name).problems[0]
    assert zh in describe(problem, "zh-CN")
    assert en in describe(problem, "en")


def test_the_command_line_keeps_its_english_line():
    assert str(_refused("points_not_a_number.yaml")).endswith(
        "points_not_a_number.yaml: rules[3].points: Input should be a valid number, unable to parse string as a number"
    )


def test_a_cell_that_is_not_a_number_names_the_rule_and_the_column():
    rulebook = load_preset("illustrative")
    with pytest.raises(EditError) as caught:
        apply_rule_edits(rulebook, {"drunk_driving": {"points": "abc"}})
    zh = describe(caught.value.problems[0], "zh-CN")
    assert zh == "规则「醉酒驾驶（危险驾驶罪）」的分值：应为数字，实为“abc”"
    assert (
        describe(caught.value.problems[0], "en")
        == "points of rule 'Drunk driving (criminal)': expected a number, got 'abc'"
    )


@pytest.mark.parametrize(
    ("edit", "zh"),
    [
        (lambda rb: apply_rule_edits(rb, {"drunk_driving": {"dimension": "nowhere"}}),
         "规则「醉酒驾驶（危险驾驶罪）」的维度：没有维度“nowhere”；可选：司法信用、"),
        (lambda rb: apply_rule_edits(rb, {"drunk_driving": {"window_months": 0}}),
         "规则「醉酒驾驶（危险驾驶罪）」的时间窗口（月）：应不小于1，实为0"),
        (lambda rb: apply_rule_edits(rb, {"drunk_driving": {"cap_low": 5}}),
         "规则「醉酒驾驶（危险驾驶罪）」的扣分下限："),
        (lambda rb: apply_settings(rb, base=5000), "分数范围的基础分：应满足 最低分 ≤ 基础分 ≤ 最高分"),
        (lambda rb: apply_settings(rb, dimension_caps={"judicial": {"cap_low": "x"}}),
         "维度「司法信用」的扣分下限：应为数字"),
        (lambda rb: apply_settings(rb, eligibility={"hukou": "any", "non_local_min_insured_months": 6}),
         "评价对象的非本地户籍最少参保月数：户籍“不限”时"),
        (lambda rb: set_tier_cutoffs(rb, "absolute", [1050, 1060, 1000, 950, 900]),
         "等级划分：阈值须从高等级到低等级递减"),
        (lambda rb: set_tier_cutoffs(rb, "absolute", [2500, 1060, 1000, 950, 900]), "等级「"),
    ],
)  # fmt: skip
def test_an_edit_that_is_refused_is_said_in_chinese(edit, zh):
    with pytest.raises(EditError) as caught:
        edit(load_preset("illustrative"))
    message = first_of(caught.value.problems, "zh-CN")
    assert zh in message
    assert not LATIN.search(_unquoted(message, caught.value.problems[0])), message


def test_a_cell_that_is_not_a_number_keeps_the_scores_and_says_why(app):
    from tests.ui.helpers import edit_rules, rule_row

    app.switch_page("pages/rules.py").run()
    edit_rules(app, {rule_row("drunk_driving"): {"points": "eighty"}})
    shown = "\n".join(shown_text(e.value) for e in app.error)
    assert "规则「醉酒驾驶（危险驾驶罪）」的分值：应为数字，实为“eighty”" in shown
    assert "working" not in app.session_state, "the rules in use keep the old value"


def test_a_cutoff_above_the_score_range_is_refused_by_tier_name_before_it_applies(app):
    app.switch_page("pages/tiers.py").run()
    app.number_input(key="tiers.cut.absolute.AAA").set_value(2500.0).run()
    assert not app.exception, app.exception
    shown = "\n".join(shown_text(e.value) for e in app.error)
    assert "等级「AAA级」的下限：阈值 2500 超出分数范围 0–2000" in shown
    assert "working" not in app.session_state, "the cut-offs in force are unchanged"


def test_fields_an_edit_names_together_are_listed_side_by_side_not_chained():
    from scoring.tuning.editing import EditProblem
    from ui.problems import describe

    problem = EditProblem("score", "min, base, max", "min <= base <= max", "range_unordered",
                          {"min": 3000, "base": 5000, "max": 2000})  # fmt: skip
    english = describe(problem, "en")
    assert " of " in english and english.count(" of ") == 1, english
    assert "、" in describe(problem, "zh-CN") and "的" in describe(problem, "zh-CN")
