"""Entrypoint: page config and navigation only. Each page draws the shared frame itself
(`ui.frame.frame()`), see DESIGN.md "Known trap".

The page icon is a file served by this server: a `:material/…:` page icon makes the browser fetch
it from an outside font host on every run, which fails offline. (Icons inside the page come from
the Material Symbols font bundled with Streamlit.)"""

from pathlib import Path

import streamlit as st

from ui import links
from ui.i18n import bind_language, t
from ui.runtime import freeze_long_lived_objects

ICON = Path(__file__).parent / "assets" / "icon.png"  # Material Symbols "balance"

bind_language()
st.set_page_config(page_title=t("app.title"), page_icon=ICON, layout="wide")
pages = {
    t("nav.section.explore"): [
        st.Page("pages/overview.py", title=t("nav.overview"), icon=":material/dashboard:", default=True),
        st.Page("pages/distributions.py", title=t("nav.distributions"), icon=":material/bar_chart:"),
        st.Page("pages/credit_file.py", title=t("nav.credit_file"), icon=":material/person_search:"),
    ],
    t("nav.section.tune"): [
        st.Page("pages/rules.py", title=t("nav.rules"), icon=":material/tune:"),
        st.Page("pages/tiers.py", title=t("nav.tiers"), icon=":material/stacked_line_chart:"),
        st.Page("pages/scenarios.py", title=t("nav.scenarios"), icon=":material/bookmarks:"),
        st.Page("pages/compare.py", title=t("nav.compare"), icon=":material/compare_arrows:"),
        st.Page("pages/behaviour.py", title=t("nav.behaviour"), icon=":material/psychology:"),
    ],
    t("nav.section.lists"): [
        st.Page("pages/lists.py", title=t("nav.lists"), icon=":material/fact_check:"),
        st.Page("pages/rewards.py", title=t("nav.rewards"), icon=":material/workspace_premium:"),
        st.Page("pages/repair.py", title=t("nav.repair"), icon=":material/healing:"),
        st.Page("pages/objections.py", title=t("nav.objections"), icon=":material/gavel:"),
    ],
    t("nav.section.evaluate"): [
        st.Page("pages/fairness.py", title=t("nav.fairness"), icon=":material/balance:"),
        st.Page("pages/validity.py", title=t("nav.validity"), icon=":material/query_stats:"),
        st.Page("pages/checks.py", title=t("nav.checks"), icon=":material/rule:"),
        st.Page("pages/pack.py", title=t("nav.pack"), icon=":material/summarize:"),
        st.Page("pages/about.py", title=t("nav.about"), icon=":material/info:"),
    ],
}
page = st.navigation(pages, expanded=True)
st.session_state[links.PAGE] = page.url_path  # whose parameters the address keeps (ui.links)
page.run()
freeze_long_lived_objects()
