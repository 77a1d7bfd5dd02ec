"""The style sheet that puts the catalogue's words in place of Streamlit's own."""

from __future__ import annotations

from ui.chrome import REPLACED, TABLE, css_string, style_sheet
from ui.i18n import LANGUAGES, t


def test_every_replaced_text_is_in_the_style_sheet_in_each_language():
    for lang in LANGUAGES:
        sheet = style_sheet(lang)
        for selector, key in (*REPLACED, *TABLE):
            assert f"{selector}::after{{content:{css_string(t(key, lang))};" in sheet


def test_a_css_string_cannot_end_early_or_break_the_sheet():
    assert css_string('a "quoted" \\ word') == '"a \\"quoted\\" \\\\ word"'
    assert css_string("two\nlines") == '"two lines"'
