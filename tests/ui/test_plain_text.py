"""User text escaped by `plain()` renders as exactly that text in Markdown: no link, image,
emphasis, HTML or directive, whatever the text (a Markdown renderer with GFM autolinks checks)."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.ui.helpers import markdown_html
from ui.plain import plain

PAYLOADS = (
    "[click me](https://tracker.example/x)",
    "![](https://tracker.example/pixel.png)",
    "<img src=https://tracker.example/p.png onerror=alert(1)>",
    "<script>alert(1)</script>",
    "https://tracker.example/auto www.tracker.example",
    "**bold** _em_ `code` ~~gone~~",
    ":red[alarm] :material/warning: $x^2$",
    "# heading\n> quote\n- item\n| a | b |\n|---|---|",
    "&lt;b&gt;entity&lt;/b&gt; &#x3C;i>",
    "\\[escaped\\](x) trailing backslash \\",
)


def rendered(text: str) -> str:
    """The HTML of a message template with `text` put into it, the way the pages do."""
    return markdown_html(f"Scenario {plain(text)} saved.")


def visible_text(markup: str) -> str:
    return html.unescape(re.sub(r"</?p>", "", markup))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_render_as_their_own_text(payload):
    markup = rendered(payload)
    assert re.fullmatch(r"<p>[^<]*</p>", markup), markup
    assert visible_text(markup) == f"Scenario {' '.join(payload.splitlines())} saved."


@given(st.text(max_size=200))
def test_any_text_renders_as_itself_in_one_paragraph(text):
    markup = rendered(text)
    assert re.fullmatch(r"<p>[^<]*</p>", markup), markup
    one_line = re.sub(
        "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]", "", re.sub("[\n\r\x0b\x0c\x85\u2028\u2029]+", " ", text)
    )
    expected = f"Scenario {one_line} saved."
    assert " ".join(visible_text(markup).split()) == " ".join(expected.split())
