"""Message catalogues and the current language.

Streamlit has no i18n API, so every UI string comes from `ui/locales/<lang>.json` (flat dot
keys, `str.format` placeholders). The language lives in the plain session-state key `lang`
(widget state would reset on page changes) and is mirrored in the URL as `?lang=`.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import streamlit as st

LANGUAGES = ("zh-CN", "en")
DEFAULT_LANGUAGE = "zh-CN"
FALLBACK_LANGUAGE = "en"
LANGUAGE_NAMES = {"zh-CN": "简体中文", "en": "English"}
LOCALES_DIR = Path(__file__).parent / "locales"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """One language's messages, read once per process."""
    return json.loads((LOCALES_DIR / f"{lang}.json").read_text(encoding="utf-8"))


# The language of the script run under way, read from session state once per run (app.py and the
# frame bind it): t() is called thousands of times a run, and each session-state read costs
# several microseconds. A script run has its own thread, so the binding never crosses sessions.
_RUN_LANGUAGE: ContextVar[str | None] = ContextVar("run_language", default=None)


def bind_language() -> str:
    """Read the session's language for the rest of this script run (call first in a run)."""
    lang = current_language()
    _RUN_LANGUAGE.set(lang)
    return lang


def current_language() -> str:
    """The session's language. The first call in a session adopts `?lang=` from the URL, so a
    shared link opens in its language; after that the language switch decides."""
    if "lang" not in st.session_state:
        requested = st.query_params.get("lang")
        st.session_state["lang"] = requested if requested in LANGUAGES else DEFAULT_LANGUAGE
    return st.session_state["lang"]


def t(key: str, lang: str | None = None, **kw) -> str:
    """The message for `key` in `lang` (default: the session's), falling back to English, then
    to the key itself so that a missing message is visible rather than an exception."""
    lang = lang or _RUN_LANGUAGE.get() or current_language()
    text = catalogue(lang).get(key) or catalogue(FALLBACK_LANGUAGE).get(key) or key
    return text.format(**kw) if kw else text


def plural(key: str, count: int, lang: str | None = None, **kw) -> str:
    """`t(key)` with a count: `<key>.one` when the count is 1 (Edited (1 change)), else `key`
    (Edited (3 changes)); Chinese has one form and keeps both keys alike."""
    lang = lang or _RUN_LANGUAGE.get() or current_language()
    return t(f"{key}.one" if count == 1 else key, lang, **kw)
