"""A preset's rule titles state their values (志愿服务（每5小时+1，最多+30）), so once an edit changes a
rule's values its title would contradict the numbers shown beside it on every page and export.
The working rulebook's edited rules carry a mark in both languages saying the title no longer
describes them; an edit undone takes the mark away, and a title the user rewrote is left as
written. The mark is not a change of its own (`diff_rulebooks` compares titles without it)."""

from __future__ import annotations

from scoring.rulebook import Rule, Rulebook, Text

MARK = Text(zh="（已调整）", en=" (edited)")
# what a rule scores by; its title, status, source and note only describe it
VALUES = tuple(f for f in Rule.model_fields if f not in ("id", "title", "status", "source", "note", "provenance"))


def unmarked(title: Text) -> Text:
    """The title without the mark (as the preset wrote it)."""
    return Text(zh=title.zh.removesuffix(MARK.zh) or title.zh, en=title.en.removesuffix(MARK.en) or title.en)


def mark_edited_titles(baseline: Rulebook, edited: Rulebook) -> Rulebook:
    """`edited` with the mark on each rule whose values differ from the baseline's rule of that id
    and whose title is still the baseline's; a rule added by the user keeps its own title."""
    before = {rule.id: rule for rule in baseline.rules}
    rules = []
    for rule in edited.rules:
        old = before.get(rule.id)
        if old is None or unmarked(rule.title) != old.title:
            rules.append(rule)
            continue
        changed = any(getattr(rule, f) != getattr(old, f) for f in VALUES)
        title = Text(zh=old.title.zh + MARK.zh, en=old.title.en + MARK.en) if changed else old.title
        rules.append(rule if title == rule.title else rule.model_copy(update={"title": title}))
    return edited.model_copy(update={"rules": tuple(rules)})


def without_marks(rulebook: Rulebook) -> Rulebook:
    """The rulebook with every rule's title as written before any mark."""
    rules = tuple(rule.model_copy(update={"title": unmarked(rule.title)}) for rule in rulebook.rules)
    return rulebook.model_copy(update={"rules": rules})
