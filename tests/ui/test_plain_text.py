"""User text escaped by `plain()` renders as exactly that text in Markdown: no link, image,
emphasis, HTML or directive, whatever the text (a Markdown renderer with GFM autolinks checks),
and none of the patterns Streamlit turns into elements after rendering is left in it."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.ui.helpers import markdown_html
from ui.plain import WORD_JOINER, plain

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
    "mail someone@tracker.example or WWW.tracker.example",
    ":streamlit: :smile: :+1:",
)
# Streamlit 1.67's transforms of rendered text nodes, where escapes are already resolved (its
# bundle, StreamlitMarkdown.js: GFM autolink literals, `:streamlit:`, remark-emoji shortcodes).
TEXT_TRANSFORMS = (
    re.compile(r"(https?://|www(?=\.))[-.\w]+", re.IGNORECASE | re.ASCII),
    re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.ASCII),
    re.compile(r":[\w+-]+:", re.ASCII),
)


def rendered(text: str) -> str:
    """The HTML of a message template with `text` put into it, the way the pages do."""
    return markdown_html(f"Scenario {plain(text)} saved.")


def text_node(markup: str) -> str:
    """The paragraph's text as Streamlit's transforms see it (word joiners included)."""
    return html.unescape(re.sub(r"</?p>", "", markup))


def visible_text(markup: str) -> str:
    return text_node(markup).replace(WORD_JOINER, "")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_render_as_their_own_text(payload):
    markup = rendered(payload)
    assert re.fullmatch(r"<p>[^<]*</p>", markup), markup
    assert visible_text(markup) == f"Scenario {' '.join(payload.splitlines())} saved."
    assert not any(pattern.search(text_node(markup)) for pattern in TEXT_TRANSFORMS), text_node(markup)


@given(st.text(max_size=200))
def test_any_text_renders_as_itself_in_one_paragraph(text):
    markup = rendered(text)
    assert re.fullmatch(r"<p>[^<]*</p>", markup), markup
    one_line = re.sub(
        "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]", "", re.sub("[\n\r\x0b\x0c\x85\u2028\u2029]+", " ", text)
    )
    expected = f"Scenario {one_line} saved.".replace(WORD_JOINER, "")
    assert " ".join(visible_text(markup).split()) == " ".join(expected.split())
    assert not any(pattern.search(text_node(markup)) for pattern in TEXT_TRANSFORMS), text_node(markup)
