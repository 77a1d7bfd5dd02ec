"""Entrypoint: page config and navigation only. Each page draws the shared frame itself
(`ui.frame.frame()`), see DESIGN.md "Known trap"."""

import streamlit as st

from ui.i18n import t
from ui.runtime import freeze_long_lived_objects

st.set_page_config(page_title=t("app.title"), page_icon=":material/balance:", layout="wide")
pages = [
    st.Page("pages/overview.py", title=t("nav.overview"), icon=":material/dashboard:", default=True),
    st.Page("pages/distributions.py", title=t("nav.distributions"), icon=":material/bar_chart:"),
    st.Page("pages/rules.py", title=t("nav.rules"), icon=":material/tune:"),
    st.Page("pages/tiers.py", title=t("nav.tiers"), icon=":material/stacked_line_chart:"),
    st.Page("pages/scenarios.py", title=t("nav.scenarios"), icon=":material/bookmarks:"),
    st.Page("pages/about.py", title=t("nav.about"), icon=":material/info:"),
]
st.navigation(pages).run()
freeze_long_lived_objects()
