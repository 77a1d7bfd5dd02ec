"""Widget values that survive page changes.

A widget's identity includes its page, so a picker drawn by the frame on every page would reset
on each switch. Each such widget gets a private key seeded from a plain session-state key before
it is drawn, and its on_change copies the value back: the plain key is the truth.
"""

from __future__ import annotations

from typing import Any

import streamlit as st


def _copy_back(key: str) -> None:
    st.session_state[key] = st.session_state[widget_key(key)]


def widget_key(key: str) -> str:
    return f"_widget.{key}"


def persistent(key: str, default: Any) -> dict[str, Any]:
    """Keyword arguments for a widget whose value is `st.session_state[key]` on every page."""
    st.session_state.setdefault(key, default)
    st.session_state[widget_key(key)] = st.session_state[key]
    return {"key": widget_key(key), "on_change": _copy_back, "args": (key,)}
