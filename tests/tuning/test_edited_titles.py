"""A rule whose values an edit changed no longer reads as the preset's title, which states the old
values (志愿服务（每5小时+1，最多+30）); undoing the edit, or a title the user wrote, leaves no mark;
and the mark is never counted as a change of its own."""

from __future__ import annotations

from scoring.rulebook import Text, load_preset
from scoring.tuning.diff import diff_rulebooks
from scoring.tuning.edited_titles import MARK, mark_edited_titles, unmarked

PRESET = load_preset("illustrative")


def _with(rule_id: str, **update):
    rules = tuple(r.model_copy(update=update) if r.id == rule_id else r for r in PRESET.rules)
    return PRESET.model_copy(update={"rules": rules})


def _rule(rulebook, rule_id):
    return next(r for r in rulebook.rules if r.id == rule_id)


def test_doubling_volunteer_points_marks_its_title_in_both_languages():
    edited = mark_edited_titles(PRESET, _with("volunteer_hours", points=2.0))
    title, before = _rule(edited, "volunteer_hours").title, _rule(PRESET, "volunteer_hours").title
    assert title.zh == before.zh + MARK.zh and title.en == before.en + MARK.en
    assert _rule(edited, "blood_donation").title == _rule(PRESET, "blood_donation").title, "other rules as they were"


def test_an_edit_undone_takes_the_mark_away():
    marked = mark_edited_titles(PRESET, _with("volunteer_hours", points=2.0))
    undone = marked.model_copy(
        update={"rules": tuple(r.model_copy(update={"points": 1.0}) if r.id == "volunteer_hours" else r
                               for r in marked.rules)}
    )  # fmt: skip
    assert _rule(mark_edited_titles(PRESET, undone), "volunteer_hours").title == _rule(PRESET, "volunteer_hours").title


def test_a_title_the_user_wrote_is_left_as_written():
    own = Text(zh="志愿服务（每5小时+2）", en="Volunteer service (+2 per 5 hours)")
    edited = mark_edited_titles(PRESET, _with("volunteer_hours", points=2.0, title=own))
    assert _rule(edited, "volunteer_hours").title == own


def test_the_mark_is_not_a_change_of_its_own():
    edited = mark_edited_titles(PRESET, _with("volunteer_hours", points=2.0))
    changes = diff_rulebooks(PRESET, edited)
    assert list(changes["field"]) == ["points"]
    assert unmarked(_rule(edited, "volunteer_hours").title) == _rule(PRESET, "volunteer_hours").title


def test_the_rules_table_marks_only_the_points_as_edited():
    from scoring.tuning.editing import changed_columns

    edited = mark_edited_titles(PRESET, _with("volunteer_hours", points=2.0))
    assert changed_columns(PRESET, edited)["volunteer_hours"] == ("points",)
