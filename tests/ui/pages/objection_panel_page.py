"""A page of one panel, for AppTest: the frame, then the objection panel for a fixed person (the
first eligible person with a general administrative fine that counts on the data's date), as the
credit file page will place it."""

import numpy as np

from ui.frame import frame
from ui.objection_panel import objection_panel

FINE = "admin_penalty_general"  # -20 points for 12 months in the default rulebook


def person_with_a_counting_fine(view) -> int:
    records = view.dataset.records
    recent = records["occurred_on"].to_numpy() > view.dataset.data_as_of - np.timedelta64(300, "D")
    fines = records[(records["record_type"] == FINE) & (records["status"] == "valid") & recent]
    return int(next(p for p in fines["person_id"] if view.result.eligible[p]))


view = frame()
objection_panel(view, person_with_a_counting_fine(view))
