"""The objection panel as an officer uses it, in both languages: a fine disputed leaves the score
(the metric pair says by how much), answering it is recorded, refusals are said in the reader's
language, and the audit trail lists every action."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from scoring.catalogues import load_catalogues
from tests.ui.helpers import ROOT, record_downloads
from tests.ui.visible import leaks, visible_texts
from ui.i18n import LANGUAGES, catalogue

PAGE = ROOT / "tests/ui/pages/objection_panel_page.py"
FINE = "admin_penalty_general"  # the page's person has one that counts: -20 points


def _open(lang: str) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _choose_the_fine(at, lang: str) -> None:
    """Pick the person's newest general fine (the records are listed newest first)."""
    box = at.selectbox(key="objection_panel.open.record")
    fine = load_catalogues().record_type(FINE)
    name = fine.zh if lang == "zh-CN" else fine.en
    box.select_index(next(i for i, label in enumerate(box.options) if label.startswith(name)))


def _check_language(at, lang: str) -> None:
    found = leaks(visible_texts(at), lang)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_disputed_fine_leaves_the_score_until_it_is_answered_and_the_trail_says_so(lang, monkeypatch):
    downloads = record_downloads(monkeypatch)
    messages = catalogue(lang)
    at = _open(lang)
    under, counted = messages["objection_panel.score.under_review"], messages["objection_panel.score.counted"]
    assert _metric(at, under) == _metric(at, counted)
    _check_language(at, lang)

    _choose_the_fine(at, lang)
    at.text_area(key="objection_panel.open.reason").input("罚款已缴纳" if lang == "zh-CN" else "the fine was paid")
    at.button(key="FormSubmitter:objection_panel.open-" + messages["objection_panel.open.submit"]).click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert len(at.success) == 1
    assert float(_metric(at, under).replace(",", "")) == float(_metric(at, counted).replace(",", "")) + 20
    _check_language(at, lang)

    # the same record again: refused, in the reader's language
    _choose_the_fine(at, lang)
    at.text_area(key="objection_panel.open.reason").input("again")
    at.button(key="FormSubmitter:objection_panel.open-" + messages["objection_panel.open.submit"]).click().run()
    assert [e.value for e in at.error][0].startswith(messages["problem.objection_already_open"].split("{")[0])

    at.radio(key="objection_panel.answer.outcome").set_value("removed")
    at.text_area(key="objection_panel.answer.reason").input("撤销" if lang == "zh-CN" else "struck out")
    at.button(key="FormSubmitter:objection_panel.answer-" + messages["objection_panel.answer.submit"]).click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == [
        messages["objection_panel.answered"].format(outcome=messages["objection_panel.state.removed"])
    ]
    assert _metric(at, under) == _metric(at, counted), "a removed fine counts in neither"
    trail = next(df.value for df in at.dataframe if messages["objection_panel.col.actor"] in df.value.columns)
    assert len(trail) == 2
    assert set(trail[messages["objection_panel.col.actor"]]) == {messages["objection_panel.actor.anonymous"]}
    assert {name.rsplit(".", 1)[1] for name in downloads if "objection_trail" in name} == {"csv", "xlsx"}
    _check_language(at, lang)


def test_an_answer_dated_before_the_objection_is_refused_and_nothing_changes():
    messages, lang = catalogue("en"), "en"
    at = _open(lang)
    _choose_the_fine(at, lang)
    at.text_area(key="objection_panel.open.reason").input("paid")
    at.button(key="FormSubmitter:objection_panel.open-" + messages["objection_panel.open.submit"]).click().run()
    opened_on = at.date_input(key="objection_panel.open.date").value
    at.date_input(key="objection_panel.answer.date").set_value(opened_on - dt.timedelta(days=1))
    at.text_area(key="objection_panel.answer.reason").input("confirmed")
    at.button(key="FormSubmitter:objection_panel.answer-" + messages["objection_panel.answer.submit"]).click().run()
    assert not at.exception, at.exception
    assert "would come before the objection was opened" in at.error[0].value
    table = next(df.value for df in at.dataframe if messages["objection_panel.col.state"] in df.value.columns)
    assert list(table[messages["objection_panel.col.state"]]) == [messages["objection_panel.state.open"]]
