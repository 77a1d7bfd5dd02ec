"""Streamlit's own words in the reader's language: the file uploader's button and size note,
the running widget's Stop, a multiselect's "Select all", a select box's "No results" and the
keyboard user's "Skip to main content" link.

Streamlit 1.67 has no option for these texts (they are literals in its frontend), so one small
style sheet, sent with every run, hides each literal and shows the catalogue's text in its place
(CSS `content`). The selectors are the frontend's test ids and react-aria's data attributes,
which its own end-to-end tests rely on; if an upgrade renames one, that text falls back to
Streamlit's English and tests/browser/test_browser_chrome.py says which.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import t

# (selector of the element whose text is replaced, catalogue key); the element's own text is
# hidden with font-size 0 and its ::after shows the catalogue's text at the widget's size.
REPLACED = (
    ('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p', "chrome.upload"),
    ('[data-testid="stFileUploaderDropzoneInstructions"] span', "chrome.upload_note"),
    ('[data-testid="stStatusWidget"] button:enabled', "chrome.stop"),
    ('[data-testid="stStatusWidget"] button:disabled', "chrome.stopping"),
    ('[role="option"][data-key="__select_all__"] [data-item-hl]', "chrome.select_all"),
    ('[role="option"][data-key="__select_matches__"] [data-item-hl]', "chrome.select_matches"),
    ('[role="listbox"][data-empty] [role="option"] > span', "chrome.no_results"),
    ('[data-testid="stSkipToContent"]', "chrome.skip_to_content"),  # shown to keyboard users on Tab
)
# Tooltips drawn from an attribute by CSS (`content: attr(data-title)`): only the ::after is
# replaced. Streamlit adds these buttons to Plotly's mode bar with literal English titles that
# Plotly's locale (ui/plots.py) does not translate.
TOOLTIPS = (
    ('.modebar-btn[data-title="Fullscreen"]', "chrome.fullscreen"),
    ('.modebar-btn[data-title="Close fullscreen"]', "chrome.close_fullscreen"),
)
FONT_SIZE = "0.875rem"  # Streamlit's small text: buttons in the header, options, notes


def css_string(text: str) -> str:
    """`text` as a CSS string literal (quotes and backslashes escaped, one line)."""
    return '"' + " ".join(text.splitlines()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def style_sheet(lang: str | None = None) -> str:
    """The rules that put the catalogue's texts in place of Streamlit's."""
    rules = []
    for selector, key in REPLACED:
        rules.append(f"{selector}{{font-size:0 !important}}")
        rules.append(f"{selector}::after{{content:{css_string(t(key, lang))};font-size:{FONT_SIZE}}}")
    rules += [f"{selector}::after{{content:{css_string(t(key, lang))} !important}}" for selector, key in TOOLTIPS]
    return "".join(rules)


def use_reader_language() -> None:
    """Send the style sheet with this run (a style-only st.html takes no room on the page)."""
    st.html(f"<style>{style_sheet()}</style>")
