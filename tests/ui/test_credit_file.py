"""The Credit file page: opened by a link, in both languages, with downloads and no full ID number."""

from __future__ import annotations

import re

import pytest

from tests.ui.helpers import open_session, record_downloads

FULL_ID = re.compile(r"\d{17}[\dX]")


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_a_link_with_a_person_opens_their_file_with_no_full_id_number(app, lang, monkeypatch):
    drawn = record_downloads(monkeypatch)
    at = open_session(app, {"lang": lang, "person": "7"})
    at.switch_page("pages/credit_file.py").run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.query_params["person"] == ["7"] or at.query_params["person"] == "7"
    texts = " ".join(str(e.value) for e in (*at.markdown, *at.caption, *at.header, *at.subheader))
    assert not FULL_ID.search(texts)
    for name, data in drawn.items():
        if "credit_file" in name and name.endswith(".csv"):
            body = (data() if callable(data) else data).decode("utf-8-sig")
            assert not FULL_ID.search(body), name
    assert any("records_7" in name for name in drawn)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_the_file_of_a_black_listed_person_speaks_one_language(app, lang):
    from tests.ui.visible import leaks, visible_texts

    at = open_session(app, {"lang": lang})
    at.switch_page("pages/credit_file.py").run()
    at.selectbox(key="person.filter.list").select("black").run()
    first = int(re.sub(r"\D", "", at.selectbox(key="person.pick").options[1]))
    at.selectbox(key="person.pick").set_value(first).run()
    assert not at.exception, at.exception
    assert at.query_params["person"]
    assert not leaks(visible_texts(at), lang)


def _search(app, typed: str):
    at = open_session(app, {"lang": "en"})
    at.switch_page("pages/credit_file.py").run()
    at.text_input(key="person.query").input(typed).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("99999999", "There is no person 99999999: numbers run from 0 to 4999."),
        ("320402199001011235", "The ID number's check digit does not match: the last character should be"),
        ("32040219900230123X", "The birth date 19900230 in the ID number does not exist."),
        ("320402******123", "A masked ID number is 6 digits, 8 asterisks and the last 4 characters."),
    ],
)
def test_a_search_that_cannot_be_answered_says_why(app, typed, said):
    at = _search(app, typed)
    assert any(said in e.value for e in at.error), [e.value for e in at.error]
    assert "person" not in at.query_params


def test_a_person_is_found_by_number_full_id_masked_id_and_name(app):
    from scoring.identity_numbers import mask_id_number
    from synthetic.identity import identities
    from ui import data

    people = data.workspace(5000, data.DEFAULT_SEED).dataset.people
    who = identities(people, [3], data.DEFAULT_SEED).iloc[0]
    for typed in ("3", who["id_number"], mask_id_number(who["id_number"]), who["name"]):
        at = _search(app, typed)
        assert not at.error, [e.value for e in at.error]
        chosen = at.session_state["person.id"]
        if chosen is None:  # several share the name or masked number: they are offered to choose from
            assert "person 3" in at.selectbox(key="person.found_pick").options
        else:
            assert chosen == 3, typed


def test_the_file_says_whether_objections_are_stored_and_where_their_effect_is_shown(app):
    """The file's score is the data's; the objection panel's two scores may differ from it. One
    line under the score says which objections are stored for the person."""
    from scoring.dataset.identity import dataset_key
    from ui import data
    from ui.i18n import catalogue

    messages = catalogue("en")
    at = open_session(app, {"lang": "en", "person": "7"})
    at.switch_page("pages/credit_file.py").run()
    assert messages["person.objections.none"] in [c.value for c in at.caption]

    dataset = data.workspace(5000, data.DEFAULT_SEED).dataset
    record = int(dataset.records.loc[dataset.records["person_id"] == 7, "record_id"].iloc[0])
    day = dataset.data_as_of.item()
    data.store().open_objection(dataset_key(dataset), 7, record, "the record belongs to someone else", day)
    at.run()
    assert not at.exception, at.exception
    said = messages["person.objections.open"].format(open=1, answered=0)
    assert said in [i.value for i in at.info]
    assert messages["person.objections.none"] not in [c.value for c in at.caption]
