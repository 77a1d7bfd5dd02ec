"""Incentive effects (issue 15): the behavioural response model written out with every
assumption and its status, its parameters in a form run on demand (the result kept with the
inputs it was run with), the data's own tier history with the simulated future beside it, tier
shares and the incentives' cost month by month beside the no-response path, the score
distribution month by month and the credit repairs the model draws, who gains most at the
horizon, the gaming surface and the cheapest route from each tier to the next.

The form shows the stored run's parameters when the reader comes back from another page, the
results say which rulebook and parameters produced them, and each section from an earlier run
is marked as such when the inputs have changed."""

import streamlit as st

from scoring.behaviour.effort import DEFAULT_EFFORT
from scoring.catalogues import load_catalogues
from ui import behaviour_tables
from ui.behaviour_form import inputs_of, kept_parameters, parameter_form, repair_rate_set, run_if_requested, stored_run
from ui.behaviour_model import show_model
from ui.behaviour_sections import show_gaming, show_history, show_results
from ui.frame import frame
from ui.i18n import t

view = frame()
catalogues = load_catalogues()
st.title(t("behaviour.title"))
st.caption(t("behaviour.intro"))

kept = kept_parameters()
show_model(repair_rate_set(kept))
parameters = parameter_form(kept, catalogues)
run_if_requested(view, parameters)

stored = stored_run()
current = stored is not None and stored["inputs"] == inputs_of(view, parameters)
facts = None if stored is None else behaviour_tables.run_facts(stored, DEFAULT_EFFORT)
show_history(view, stored, current, facts)
if stored is None:
    st.info(t("behaviour.not_run"))
else:
    show_results(view, stored, current, facts)
show_gaming(view, parameters, catalogues)
