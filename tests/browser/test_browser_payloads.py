"""Text from users and links, in Chromium: Markdown, HTML and script payloads put into every field
a user or a link fills (a scenario's name and note, each share-link parameter, an uploaded file's
name and content, a rule-editor cell) are shown as their own text. No element is made from them
(no link, image, script, frame, emphasis, colour or formula), and no request leaves for their URLs.

Every URL points at 127.0.0.1 port 9 (discard), where nothing listens: a test that fails makes
no request to anyone else.
"""

from __future__ import annotations

import pytest

from scoring.rulebook import DEFAULT_PRESET, PRESETS_DIR, load_preset
from scoring.tuning.editing import rules_table
from tests.browser.conftest import TEST_PEOPLE
from tests.browser.harness import edit_rule_cell, open_page, wait_for_run
from ui.editors import rule_column_order
from ui.frame import SHOWN_CHARACTERS
from ui.i18n import t
from ui.plain import WORD_JOINER

pytestmark = pytest.mark.browser

TARGET = "127.0.0.1:9/"  # with the slash, never a prefix of the app's own 127.0.0.1:9xxxx
SINGLES = {
    "link": "[plnlink](http://127.0.0.1:9/t)",
    "image": "![plnimg](http://127.0.0.1:9/p.png)",
    "html": "<img src=http://127.0.0.1:9/h.png onerror=alert(1)>",
    "script": "<script src=http://127.0.0.1:9/s.js>alert(2)</script>",
    "frame": "<iframe src=http://127.0.0.1:9/f></iframe>",
    "autolink": "http://127.0.0.1:9/a",
    "directives": ":red[plnred] :material/warning: :smile: :streamlit:",
    "email": "plnmail@127.0.0.1.example www.plnweb.example",
    "math": "$plnmath$",
    "emphasis": "**plnstrong** _plnem_ ~~plndel~~ `plncode`",
}
COMBINED = " ".join(SINGLES.values())
# The name field takes 120 characters: the constructs that render inside one line of a message.
NAME = "[plnlink](http://127.0.0.1:9/t) ![](//127.0.0.1:9/p) **plnstrong** :red[plnred] $plnmath$ _plnem_"
LINK = {"scenario": "0" * 64, "people": str(TEST_PEOPLE), "seed": "1", "as_of": "2019-01-01", "lang": "en"}

# Elements the payload could make: anything that loads or links a payload URL, any inline-handler
# attribute, formatting around the payload's words (every word of them starts with "pln"), and any
# link, image or formula in a message or caption (the app's own have none).
MADE_BY_PAYLOAD_JS = """target => {
  const show = el => el.outerHTML.slice(0, 160);
  const found = Array.from(
    document.querySelectorAll(
      ':is([data-testid="stAlert"] [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]) '
      + ':is(a, img, svg, script, iframe, .katex)'
    )
  ).map(show);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      const value = el.getAttribute(attr) || '';
      const loads = /(^|:)(href|src|srcset|data|action|poster)$/.test(attr) && value.includes(target);
      if (loads || attr.startsWith('on')) found.push(show(el));
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue.includes('pln')) continue;
    const el = node.parentElement;
    const styled = el.closest('a, em, strong, b, i, del, s, mark, code, script, iframe, .katex, [style*="color"]');
    if (styled && styled.closest('[data-testid="stMarkdownContainer"]')) found.push(show(styled));
  }
  return found;
}"""
TEXTS_JS = """testId => Array.from(document.querySelectorAll(`[data-testid="${testId}"]`)).map(e => e.innerText)"""


@pytest.fixture
def requests_out(page) -> list[str]:
    """Every URL the page's context asked for that points at a payload's host."""
    seen: list[str] = []
    page.context.on("request", lambda request: seen.append(request.url) if TARGET in request.url else None)
    return seen


def _assert_inert(page, requests_out: list[str], shown: str | None = None, test_id: str = "stAlert") -> None:
    """Nothing was made from a payload and nothing was fetched; `shown` is read as written in an
    element with `test_id` (messages: stAlert, the frame's line: stCaptionContainer), the
    invisible word joiners of `ui.plain` aside."""
    page.wait_for_timeout(300)  # an image or script made from a payload would have asked by now
    assert page.get_by_test_id("stException").count() == 0
    assert page.evaluate(MADE_BY_PAYLOAD_JS, TARGET) == []
    assert requests_out == []
    if shown is not None:
        texts = [" ".join(text.replace(WORD_JOINER, "").split()) for text in page.evaluate(TEXTS_JS, test_id)]
        assert any(shown in text for text in texts), (shown, texts)


def _quoted(value: str) -> str:
    """A share-link value as the message quotes it (shortened past SHOWN_CHARACTERS)."""
    return value if len(value) <= SHOWN_CHARACTERS else f"{value[:SHOWN_CHARACTERS]}…"


def _link(app_url: str, query: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return f"{app_url}/?{urlencode(query)}"


def _assert_only_the_upload_confirmed(page, file_name: str) -> None:
    """The upload is applied: one message, the confirmation naming the file, and no error."""
    alerts = page.get_by_test_id("stAlert")
    assert alerts.count() == 1 and file_name in alerts.inner_text(), "the upload is applied and confirmed"


SHARE_CASES = [(parameter, COMBINED) for parameter in LINK] + [("as_of", single) for single in SINGLES.values()]


@pytest.mark.parametrize(("parameter", "payload"), SHARE_CASES, ids=[f"{p}-{v[:12]}" for p, v in SHARE_CASES])
def test_a_share_link_parameter_is_shown_as_text(page, app_url, requests_out, parameter, payload):
    open_page(page, _link(app_url, {**LINK, parameter: payload}))
    _assert_inert(page, requests_out, shown=_quoted(payload))


def test_a_scenario_name_and_note_are_shown_as_text_when_saved_loaded_and_linked(page, browser, app_url, requests_out):
    lang = "en"
    assert len(NAME) <= 120
    open_page(page, f"{app_url}/rules?lang={lang}")
    _upload(page, "distinct.yaml", _rulebook_text(points=-87))  # content no other test saves
    wait_for_run(page)
    _assert_only_the_upload_confirmed(page, "distinct.yaml")

    page.get_by_test_id("stSidebarNav").get_by_text(t("nav.scenarios", lang)).click()
    page.wait_for_url("**/scenarios**")
    wait_for_run(page)
    page.get_by_label(t("scen.name", lang)).fill(NAME)
    page.get_by_label(t("scen.note", lang)).fill(COMBINED)
    page.get_by_role("button").filter(has_text=t("scen.save", lang)).click()
    wait_for_run(page)
    _assert_inert(page, requests_out, shown=NAME)  # "Saved as …"
    _assert_inert(page, requests_out, shown=NAME, test_id="stCaptionContainer")  # the frame's rulebook line

    page.get_by_label(t("scen.name", lang)).fill("the same rules again")
    page.get_by_role("button").filter(has_text=t("scen.save", lang)).click()
    wait_for_run(page)
    _assert_inert(page, requests_out, shown=NAME)  # "already saved as …"

    page.get_by_role("button").filter(has_text=t("scen.load", lang)).first.click()
    wait_for_run(page)
    _assert_inert(page, requests_out, shown=NAME, test_id="stCaptionContainer")

    link = page.get_by_test_id("stCode").inner_text().strip()
    other = browser.new_context(viewport={"width": 1400, "height": 2600})
    try:
        fresh = other.new_page()
        fresh_requests: list[str] = []
        other.on("request", lambda request: fresh_requests.append(request.url) if TARGET in request.url else None)
        open_page(fresh, link)
        _assert_inert(fresh, fresh_requests, shown=NAME, test_id="stCaptionContainer")
    finally:
        other.close()


def test_an_uploaded_files_name_and_content_are_shown_as_text(page, app_url, requests_out):
    open_page(page, f"{app_url}/rules?lang=en")
    name = f"{NAME}.yaml"
    _upload(page, name, _rulebook_text() + f"'{COMBINED}': 1\n")
    wait_for_run(page)
    _assert_inert(page, requests_out, shown=f"{name}: the rulebook: '{COMBINED}' is not a field here")

    _upload(page, "titled.yaml", _rulebook_text(title=COMBINED))  # applied: the titles are shown in tables
    wait_for_run(page)
    _assert_only_the_upload_confirmed(page, "titled.yaml")
    _assert_inert(page, requests_out)


def test_a_rule_editor_cell_is_shown_as_text_in_the_error(page, app_url, requests_out):
    lang = "en"
    open_page(page, f"{app_url}/rules?lang={lang}")
    row = list(rules_table(load_preset(DEFAULT_PRESET))["id"]).index("drunk_driving")
    edit_rule_cell(page, row, rule_column_order().index("matches"), NAME)
    page.get_by_role("button").filter(has_text=t("rules.apply", lang)).first.click()
    wait_for_run(page)
    first = NAME.split()[0]  # a cell of record types is read as names separated by spaces or commas
    _assert_inert(page, requests_out, shown=f"the record-type catalogue has no '{first}'")


def _rulebook_text(points: float | None = None, title: str | None = None) -> str:
    """The default preset's YAML, with drunk driving's points, or its title and the rulebook's, changed."""
    text = (PRESETS_DIR / f"{DEFAULT_PRESET}.yaml").read_text(encoding="utf-8")
    if points is not None:
        text = text.replace("points: -80", f"points: {points:g}", 1)
    if title is not None:
        for english in ("Illustrative scheme (assumptions)", "Drunk driving (criminal)"):
            text = text.replace(f"en: {english}}}", f"en: '{title}'}}", 1)
    return text


def _upload(page, name: str, text: str) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": name, "mimeType": "application/x-yaml", "buffer": text.encode("utf-8")}]
    )
