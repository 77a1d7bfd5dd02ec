"""The rule editor's adapter: a `st.data_editor` state becomes edits by rule id."""

from __future__ import annotations

import pytest

from scoring.rulebook import load_preset
from scoring.tuning.editing import EditError, rules_table
from ui.editors import editor_edits


def test_editor_state_maps_row_positions_to_rule_ids():
    table = rules_table(load_preset("illustrative"))
    edits = editor_edits(table, {"edited_rows": {2: {"points": -1}}, "added_rows": [], "deleted_rows": []})
    assert edits == {table["id"].iloc[2]: {"points": -1}}
    with pytest.raises(EditError, match="cannot be added or deleted"):
        editor_edits(table, {"edited_rows": {}, "added_rows": [{"id": "x"}], "deleted_rows": []})
    with pytest.raises(EditError, match="not in the table"):
        editor_edits(table, {"edited_rows": {999: {"points": 1}}})
