"""Text from users and links quoted in a page's messages reads as that text: an uploaded file's
name and content, a rule-editor cell, a share-link parameter never become a link, an image,
emphasis or HTML (`ui.plain`), and a bad share link is explained in the page's language."""

from __future__ import annotations

import re

import pytest

from scoring.rulebook import DEFAULT_PRESET, PRESETS_DIR, load_preset
from scoring.tuning.editing import rules_table
from scoring.tuning.scenarios import SHARE_KEYS
from tests.ui.helpers import TEST_PEOPLE, markdown_html, open_session, shown_text
from ui.frame import SHOWN_CHARACTERS

# Loopback port 9 (discard): nothing listens there, and no test ever names an outside host.
PAYLOAD = (
    "[x](http://127.0.0.1:9/t) ![](http://127.0.0.1:9/p.png) <img src=http://127.0.0.1:9/h.png onerror=alert(1)> "
    "http://127.0.0.1:9/a **strong** _em_ `code`"
)
MADE_ELEMENTS = re.compile(r"<(a|img|script|iframe|em|strong|code|del)\b")
LINK = {"scenario": "0" * 64, "people": str(TEST_PEOPLE), "seed": "1", "as_of": "2019-01-01", "lang": "en"}


def _assert_quoted_as_text(messages: list[str], quoted: str) -> None:
    assert messages, "a message is shown"
    for message in messages:
        markup = markdown_html(message)
        assert not MADE_ELEMENTS.search(markup), markup
    assert any(quoted in shown_text(m) for m in messages), messages


def test_an_uploaded_files_name_and_content_are_quoted_as_text(app):
    text = (PRESETS_DIR / f"{DEFAULT_PRESET}.yaml").read_text(encoding="utf-8") + f"'{PAYLOAD}': 1\n"
    app.switch_page("pages/rules.py").run()
    app.file_uploader(key="rules.upload.0").set_value((f"{PAYLOAD}.yaml", text.encode(), "application/x-yaml")).run()
    assert not app.exception, app.exception
    _assert_quoted_as_text([e.value for e in app.error], f"{PAYLOAD}.yaml：规则文件：“{PAYLOAD}”不是可用的字段")


def test_a_rule_editor_cell_is_quoted_as_text(app):
    row = list(rules_table(load_preset(DEFAULT_PRESET))["id"]).index("drunk_driving")
    app.switch_page("pages/rules.py").run()
    app.session_state["rules.editor.0"] = {
        "edited_rows": {row: {"dimension": PAYLOAD}}, "added_rows": [], "deleted_rows": []
    }  # fmt: skip
    app.button(key="rules.apply").click().run()
    assert not app.exception, app.exception
    _assert_quoted_as_text([e.value for e in app.error], f"没有维度“{PAYLOAD}”")


@pytest.mark.parametrize("parameter", SHARE_KEYS)
def test_a_share_link_parameter_is_quoted_as_text_in_the_pages_language(app, parameter):
    linked = open_session(app, {**LINK, "lang": "zh-CN", parameter: PAYLOAD})
    _assert_quoted_as_text([e.value for e in linked.error], f"“{PAYLOAD[:SHOWN_CHARACTERS]}…”")
    message = shown_text(linked.error[0].value)
    assert f"参数“{parameter}”无效：应为" in message
    assert not re.search(r"expected|got|share link", message), "no English detail in the Chinese page"


def test_an_offered_size_is_what_a_share_link_must_name(app):
    linked = open_session(app, {**LINK, "people": "7"})
    assert 'parameter "people" is invalid: expected one of the offered population sizes' in shown_text(
        linked.error[0].value
    )
    assert f"{TEST_PEOPLE:,}" in linked.error[0].value


def test_a_share_link_without_a_parameter_names_it(app):
    linked = open_session(app, {key: value for key, value in LINK.items() if key != "seed"})
    assert shown_text(linked.error[0].value) == 'The share link lacks its parameter "seed". The default view is shown.'
