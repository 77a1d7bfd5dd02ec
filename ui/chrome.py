"""Streamlit's own words in the reader's language: the file uploader's button and size note,
the running widget's Stop, a multiselect's "Select all", a select box's "No results", the
keyboard user's "Skip to main content" link and a data table's toolbar (tooltips, column list,
search bar).

Streamlit 1.67 has no option for these texts (they are literals in its frontend), so one small
style sheet, sent with every run, hides each literal and shows the catalogue's text in its place
(CSS `content`). The selectors are the frontend's test ids and react-aria's data attributes,
which its own end-to-end tests rely on; if an upgrade renames one, that text falls back to
Streamlit's English and tests/browser/test_browser_chrome.py says which.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import t

# A data table's toolbar (shown on hover). Its buttons' tooltips are drawn in a portal at the end
# of the page, and nothing in a tooltip names its button; but a tooltip is open only while its
# button's hover target carries `aria-describedby`, and one tooltip is open at a time, so a rule on
# `body:has(<that target>[aria-describedby])` reaches the open tooltip exactly while it is that button's.
TABLE_BUTTON = '[data-testid="stElementToolbarButton"] [data-testid="stTooltipHoverTarget"]'
TOOLTIP = '[role="tooltip"] [data-testid="stTooltipContent"] p'
COLUMN_MENU = '[data-testid="stDataFrameColumnVisibilityMenu"]'  # the toolbar's show/hide columns list
# The grid's search bar: its count ("32 results", "3 of 32") is one English sentence with the
# number inside, which CSS cannot rewrite; it says instead whether any cell matches (Next is
# disabled with none), and the grid marks the matches.
SEARCH_BAR = ".gdg-search-bar"
NEXT_RESULT = 'button[aria-label="Next Result"]'
SEARCH_RESULT = '[data-testid="search-result-area"]'

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
    ('[data-testid="InputInstructions"]', "chrome.press_enter"),  # "Press Enter to submit form" in a field
)
# The same for a data table's toolbar, its tooltips, column list and search bar.
TABLE = (
    *(
        (f'body:has({TABLE_BUTTON}[aria-describedby] > button[aria-label^="{label}"]) {TOOLTIP}', key)
        for label, key in (
            ("Show/hide columns", "chrome.table_columns"),
            ("Search", "chrome.table_search"),
            ("Fullscreen", "chrome.fullscreen"),
            ("Close fullscreen", "chrome.close_fullscreen"),
        )
    ),
    (f'{COLUMN_MENU} label:has(> input[aria-label="Select all"]) > span:last-child', "chrome.select_all"),
    (".gdg-search-status label", "chrome.table_type_to_search"),
    (f"{SEARCH_BAR}:has({NEXT_RESULT}:enabled) {SEARCH_RESULT}", "chrome.table_matches"),
    (f"{SEARCH_BAR}:has({NEXT_RESULT}:disabled) {SEARCH_RESULT}", "chrome.no_results"),
)
# Tooltips drawn from an attribute by CSS (`content: attr(data-title)`): only the ::after is
# replaced. Streamlit adds these buttons to Plotly's mode bar with literal English titles that
# Plotly's locale (ui/plots.py) does not translate.
TOOLTIPS = (
    ('.modebar-btn[data-title="Fullscreen"]', "chrome.fullscreen"),
    ('.modebar-btn[data-title="Close fullscreen"]', "chrome.close_fullscreen"),
)
# Streamlit's own controls taken away. Its toolbar's "Download as CSV" writes the table without
# the synthetic-data marker and provenance that our download buttons below every table carry
# (ui/export.py), so the reader has that one way to download. A table's "(index)" column is
# hidden by ui/tables.show and means nothing to a reader, so it is not offered.
HIDDEN = (
    '[data-testid="stElementToolbarButton"]:has(button[aria-label^="Download as CSV"])',
    f'{COLUMN_MENU} label:has(> input[aria-label="(index)"])',
)
FONT_SIZE = "0.875rem"  # Streamlit's small text: buttons in the header, options, notes


def css_string(text: str) -> str:
    """`text` as a CSS string literal (quotes and backslashes escaped, one line)."""
    return '"' + " ".join(text.splitlines()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def style_sheet(lang: str | None = None) -> str:
    """The rules that put the catalogue's texts in place of Streamlit's."""
    rules = []
    for selector, key in (*REPLACED, *TABLE):
        rules.append(f"{selector}{{font-size:0 !important}}")
        rules.append(f"{selector}::after{{content:{css_string(t(key, lang))};font-size:{FONT_SIZE}}}")
    rules += [f"{selector}::after{{content:{css_string(t(key, lang))} !important}}" for selector, key in TOOLTIPS]
    rules += [f"{selector}{{display:none !important}}" for selector in HIDDEN]
    return "".join(rules)


def use_reader_language() -> None:
    """Send the style sheet with this run (a style-only st.html takes no room on the page)."""
    st.html(f"<style>{style_sheet()}</style>")
