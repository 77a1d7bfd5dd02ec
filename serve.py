"""The served dashboard: `streamlit run serve.py` (what `make demo` runs); `app.py` is the app.

Streamlit's ASGI `App` around `app.py`, for what a first visit needs before any script runs:
- a server start hook: the default view (population, record matrix, scores, breakdowns, and the
  modules the pages import) is computed in the background as soon as the server starts, so the
  first visitor's browser loads the page's scripts while the server prepares its data;
- the page and Streamlit's static files gzipped (ui/web.py).
Running `streamlit run app.py` serves the same dashboard without these.
"""

import contextlib
import threading

import streamlit as st
from starlette.middleware import Middleware

from ui.web import CompressedStatic


def _prepare() -> None:
    """Import what the pages import and compute the default view (ui.data.prepare_default_view)."""
    import ui.charts  # noqa: F401  (plotly, pandas: imported once per process)
    import ui.export  # noqa: F401
    import ui.frame  # noqa: F401
    import ui.tables  # noqa: F401
    from ui.data import prepare_default_view

    prepare_default_view()


@contextlib.asynccontextmanager
async def _lifespan(_app):
    threading.Thread(target=_prepare, name="ccl-prepare", daemon=True).start()
    yield


app = st.App("app.py", lifespan=_lifespan, middleware=[Middleware(CompressedStatic)])
