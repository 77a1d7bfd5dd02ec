"""Numbers in tables and metrics as each reader writes them, while the table keeps the numbers."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest
from streamlit import dataframe_util

from tests.ui.helpers import open_session
from ui import tables


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("zh-CN", ["123456", "900", "1012.3", "—"]), ("en", ["123,456", "900", "1,012.3", "—"])],
)
def test_counts_and_scores_are_written_in_the_readers_language_and_stay_numbers(monkeypatch, lang, shown):
    monkeypatch.setattr("ui.fmt.current_language", lambda: lang)
    frame = pd.DataFrame({"people": [123_456, 900], "mean": [1012.345, math.nan]})
    styled = tables.styled(frame, decimals={"mean": 1})
    text = styled.to_string(delimiter="|")
    for expected in shown:
        assert f"|{expected}" in text, text
    assert styled.data["people"].tolist() == [123_456, 900], "the table behind the text keeps the numbers"


def test_a_chinese_count_column_is_written_in_one_unit_throughout(monkeypatch):
    monkeypatch.setattr("ui.fmt.current_language", lambda: "zh-CN")
    districts = pd.DataFrame({"people": [8154, 11_046, 13_500]})
    assert "|8154" in tables.styled(districts).to_string(delimiter="|"), "under 10万: whole numbers, nothing rounded"
    assert "|1.10万" not in tables.styled(districts).to_string(delimiter="|")
    city = pd.DataFrame({"people": [98_700, 142_300]})
    assert "|9.87万" in tables.styled(city).to_string(delimiter="|"), "large counts: every row in 万, same decimals"
    mixed = pd.DataFrame({"people": [100_000, 537]})
    assert "|537" in tables.styled(mixed).to_string(delimiter="|"), "never 0.05万: small beside large, whole numbers"


@pytest.mark.parametrize(("lang", "cost", "change"), [("zh-CN", "624912", "-0.03"), ("en", "624,912", "-0.03")])
def test_a_number_column_without_set_decimals_is_never_written_as_a_floats_repr(monkeypatch, lang, cost, change):
    monkeypatch.setattr("ui.fmt.current_language", lambda: lang)
    frame = pd.DataFrame({"yearly cost": [624912.0, 0.0], "change": [-0.028610, math.nan]})
    text = tables.styled(frame).to_string(delimiter="|")
    assert f"|{cost}|{change}" in text and "000000" not in text, text


def _config(at, index: int = 0) -> dict:
    return json.loads(at.dataframe[index].proto.columns)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_every_share_is_shown_at_one_decimal_rounded_like_the_metrics(app, lang):
    at = open_session(app, {"lang": lang})
    at.switch_page("pages/tiers.py").run()
    table = at.dataframe[0]
    shown = dataframe_util.convert_arrow_bytes_to_pandas_df(table.proto.arrow_data.styler.display_values)
    everyone = shown.iloc[0]
    metrics = [m.value for m in at.metric]
    assert all(re.fullmatch(r"\d+\.\d%", v) for v in metrics), metrics  # 67.5% and 0.0%, never 0% or 2.62%
    assert everyone.iloc[1 : 1 + len(metrics)].tolist() == metrics, "the table's everyone row reads as the metrics"
    assert table.value.iloc[0, 1:-1].sum() == pytest.approx(1.0), "behind the text, shares stay fractions of 1"
    assert table.proto.placeholder == tables.EMPTY
    at.switch_page("pages/overview.py").run()
    bars = [
        c for i in range(len(at.dataframe)) for c in _config(at, i).values() if c.get("type_config", {}).get("step")
    ]
    assert bars and all(c["type_config"]["step"] == tables.SHARE_STEP for c in bars), "coverage bars at one decimal"


def test_an_unchanged_rulebook_shows_no_zero_deltas(app):
    app.switch_page("pages/rules.py").run()
    assert [m.proto.delta for m in app.metric] == ["", "", ""], "no ↑ +0.00 before anything changed"
