"""Text from users and links, made inert before it enters a Markdown element.

Streamlit renders messages, captions, labels and alerts as Markdown (links, images, emphasis,
tables, colour and icon directives, KaTeX). Our message templates use that on purpose; the values
put into them (scenario names and notes, share-link parameters, uploaded file names, an
editor's cell quoted in an error) must not: a crafted name would otherwise show every user a
clickable link or load a remote image. Every such value goes through `plain()` on its way into
a template, and only there: values shown by plain-text widgets (options, table cells, code
blocks) need no escaping. Ids a rulebook has validated (tier, rule and dimension ids: ASCII
letters, digits and `_`, starting with a letter) cannot open a construct and go in as they are.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation; escaping all of it leaves nothing
# that could open a construct.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LINE_BREAKS = re.compile(r"[\n\r\x0b\x0c\x85\u2028\u2029]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")  # shown as nothing (or U+FFFD) anyway
# Streamlit also makes elements *after* escapes are resolved, from the text itself: links from
# `http://`, `https://`, `www.` and e-mail addresses (GFM autolink literals, found in text nodes),
# the logo from `:streamlit:`, emoji from `:name:`. A backslash cannot stop those; an invisible
# WORD JOINER after every `:` and `@` and inside `www.` breaks each of their patterns.
_TRANSFORMED = re.compile(r"[:@]|(?<=www)(?=\.)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def plain(value: object) -> str:
    """`value` as text that Markdown shows character for character (with invisible word joiners),
    on one line, controls dropped."""
    text = _CONTROLS.sub("", _LINE_BREAKS.sub(" ", str(value)))
    text = _TRANSFORMED.sub(lambda found: found.group() + WORD_JOINER, text)
    return _PUNCTUATION.sub(r"\\\1", text)


def bold(text: object) -> str:
    """`text` as a bold Markdown line (a small heading above a chart or table), shown as written."""
    return f"**{plain(text)}**"


def bullets(items) -> str:
    """A Markdown bullet list whose items are shown as text."""
    return "\n".join(f"- {plain(item)}" for item in items)
