"""A page's own parameters in the address (a breakdown, a period, a comparison's sides, the
person whose file is open), beside the frame's view link (ui/frame.py).

Each is owned by the page that wrote it, so that it leaves the address on every other page: a
link copied from the overview never carries the credit file's person or the Lists page's
breakdown. A link opened in a new session owns nothing yet, so its parameters stay until their
page reads them."""

from __future__ import annotations

import streamlit as st

PAGE = "_page"  # session key: the url path of the page being run (app.py writes it)
OWNED = "_page_params"  # session key: page url path -> the parameters it wrote


def keep(params: dict[str, str]) -> None:
    """Write this page's own parameters into the address."""
    owned = st.session_state.setdefault(OWNED, {}).setdefault(st.session_state.get(PAGE, ""), set())
    owned.update(params)
    if {key: st.query_params.get(key) for key in params} != params:
        st.query_params.update(params)


def drop(*keys: str) -> None:
    """Take this page's parameters out of the address (what they said no longer holds)."""
    for key in keys:
        st.query_params.pop(key, None)


def of_other_pages() -> set[str]:
    """The parameters that pages other than the one being run wrote in this session."""
    here = st.session_state.get(PAGE, "")
    return {key for page, keys in st.session_state.get(OWNED, {}).items() if page != here for key in keys} - {
        key for key in st.session_state.get(OWNED, {}).get(here, set())
    }
