"""Numbers in tables and metrics as each reader writes them, while the table keeps the numbers."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from tests.ui.helpers import open_session
from ui import tables


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("zh-CN", ["12.35万", "900", "1012.3", "—"]), ("en", ["123,456", "900", "1,012.3", "—"])],
)
def test_counts_and_scores_are_written_in_the_readers_language_and_stay_numbers(monkeypatch, lang, shown):
    monkeypatch.setattr("ui.fmt.current_language", lambda: lang)
    frame = pd.DataFrame({"people": [123_456, 900], "mean": [1012.345, math.nan]})
    styled = tables.styled(frame, decimals={"mean": 1})
    text = styled.to_string(delimiter="|")
    for expected in shown:
        assert f"|{expected}" in text, text
    assert styled.data["people"].tolist() == [123_456, 900], "the table behind the text keeps the numbers"


def _config(at, index: int = 0) -> dict:
    return json.loads(at.dataframe[index].proto.columns)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_every_share_is_shown_at_one_decimal_and_empty_cells_as_a_dash(app, lang):
    at = open_session(app, {"lang": lang})
    at.switch_page("pages/tiers.py").run()
    shares = [c for c in _config(at).values() if c.get("type_config", {}).get("format") == "percent"]
    assert shares and all(c["type_config"]["step"] == tables.SHARE_STEP for c in shares)
    assert at.dataframe[0].proto.placeholder == tables.EMPTY
    assert all(m.value.endswith("%") and len(m.value.split(".")[1]) == 2 for m in at.metric), [
        m.value for m in at.metric
    ]  # 67.5% and 0.0%, never 0% or 2.62%
    at.switch_page("pages/overview.py").run()
    coverage = _config(at)
    assert any(c.get("type_config", {}).get("step") == tables.SHARE_STEP for c in coverage.values())


def test_an_unchanged_rulebook_shows_no_zero_deltas(app):
    app.switch_page("pages/rules.py").run()
    assert [m.proto.delta for m in app.metric] == ["", "", ""], "no ↑ +0.00 before anything changed"
