"""Credit file (issue 14): find a person (by person id, full or masked ID number, name, or from a
filtered list), then their file: who they are (ID number masked), whether and why they are
scored, score, tier, lists, incentives and sanctions, the waterfall from the base score, every
record with its status and window, the caps and vetoes that bound the result in words, their
objections, and what would move them up a tier; the file as PDF and HTML. The person is part of
the address (`?person=`)."""

import streamlit as st

from scoring.person.objections import standing
from ui import credit_file_export, credit_file_view, person_search
from ui.frame import frame
from ui.i18n import t
from ui.objection_panel import objection_panel, stored_objections

view = frame()
st.title(t("person.title"))
st.caption(t("person.intro"))

person_search.reopen_from_link(view)
listed = person_search.filtered_list(view)
person_search.search_box(view, listed)
person_id = person_search.chosen()
if person_id is None:
    st.info(t("person.none_chosen"))
    st.stop()

person = standing(view.result, view.dataset, person_id, stored_objections(view, person_id) or [])
file = person.file()
identity = credit_file_view.identity(view, file)
objections_note = credit_file_view.standing(view, file)  # written once the panel below has acted
credit_file_view.waterfall(view, file)
credit_file_view.records(view, file)
plan = st.container()  # drawn last, so that the rest of the file reaches the reader first
objections = objection_panel(view, person_id)
credit_file_view.objections_note(objections_note, objections)
with plan:
    next_tier = credit_file_view.next_tier(view, person)
credit_file_export.export_buttons(view, file, identity, next_tier)
