"""About: what the product is, what is known and what is assumed, what critics say, how to read
the figures. Every statement comes from the message catalogues; the tables from the data
catalogues, with each entry's status and source."""

import streamlit as st

from scoring.store import StoreUnavailable
from ui import data, tables
from ui.export import download_table
from ui.frame import frame
from ui.i18n import t

CRITIQUES = ("scope", "drift", "daum", "nesta", "data_state", "old_wine", "shanghai")

frame()
st.title(t("about.title"))

st.subheader(t("about.what_heading"))
st.markdown(t("about.what_body"))

st.subheader(t("about.known_heading"))
st.markdown(t("about.known_body"))

st.subheader(t("about.groups_heading"))
groups = tables.key_group_catalogue()
tables.show(groups)
st.caption(t("about.groups_caption"))
download_table(groups, "about", "key_groups")

st.subheader(t("about.record_types_heading"))
record_types = tables.record_type_catalogue()
tables.show(record_types)
st.caption(t("about.record_types_caption"))
download_table(record_types, "about", "record_types")

st.subheader(t("about.critiques_heading"))
for critique in CRITIQUES:
    st.markdown(t(f"about.critique.{critique}"))

st.subheader(t("about.reading_heading"))
st.markdown(t("about.reading_body"))
try:
    store = data.store()
except StoreUnavailable as unavailable:
    st.caption(t(f"store.{unavailable.reason}"))
else:
    st.caption(t("about.store", version=store.version))
