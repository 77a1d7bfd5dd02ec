"""A page's own choices (a breakdown, a period, a view) travel in the address beside the
rulebook, size, seed, date and language, so a reload or a shared link reopens the page as seen."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.ui.helpers import ROOT
from ui.i18n import catalogue
from ui.plain import plain


def _lists_page(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page("pages/lists.py").run()
    assert not at.exception, at.exception
    return at


def test_a_choice_made_on_the_page_is_written_to_the_address_beside_the_view():
    at = _lists_page({"lang": "en"})
    at.segmented_control(key="lists.by").set_value("department").run()
    at.segmented_control(key="lists.period").set_value(24).run()
    link = {key: at.query_params[key] for key in at.query_params}
    assert link["lists.by"] == "department" and link["lists.period"] == "24"
    assert {"preset", "people", "seed", "as_of", "lang"} <= set(link), "the view's own link is kept beside them"


def test_a_link_with_a_choice_reopens_the_page_with_it():
    at = _lists_page({"lang": "en", "lists.by": "department", "lists.period": "36"})
    assert at.segmented_control(key="lists.by").value == "department"
    assert at.segmented_control(key="lists.period").value == 36
    assert not at.warning


def test_a_link_with_a_choice_the_page_does_not_offer_says_so_and_shows_the_default():
    at = _lists_page({"lang": "en", "lists.by": "<b>gender</b>"})
    assert at.segmented_control(key="lists.by").value == "district"
    message = catalogue("en")["link.bad_choice"].format(label=catalogue("en")["lists.by"], value="<b>gender</b>")
    assert [w.value for w in at.warning] == [message.replace("<b>gender</b>", plain("<b>gender</b>"))]
    assert plain("<b>gender</b>") != "<b>gender</b>", "the link's text is shown as text"


def test_a_page_choice_leaves_the_address_on_other_pages_and_comes_back_with_its_page():
    at = _lists_page({"lang": "en"})
    at.segmented_control(key="lists.by").set_value("department").run()
    at.switch_page("pages/overview.py").run()
    assert "lists.by" not in at.query_params, "a link copied from the overview carries no Lists choice"
    assert {"preset", "people", "seed", "as_of", "lang"} <= set(at.query_params)
    at.switch_page("pages/lists.py").run()
    assert at.query_params["lists.by"] == "department"
