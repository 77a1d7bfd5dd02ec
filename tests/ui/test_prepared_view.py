"""The default view computed at server start (serve.py) is the one a first visitor's overview reads."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.ui.helpers import ROOT, TEST_PEOPLE


def test_a_first_visitor_finds_the_overview_computed_before_they_came():
    from ui import data

    data.prepare_default_view()
    kept = data.workspace(TEST_PEOPLE, data.DEFAULT_SEED)
    assert (len(kept.results), len(kept.breakdowns)) == (1, 1)

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()

    assert not at.exception, at.exception
    assert at.get("plotly_chart"), "the overview drew no chart"
    # Same keys as the frame asks for: nothing was scored or broken down again.
    assert (len(kept.results), len(kept.breakdowns)) == (1, 1)
