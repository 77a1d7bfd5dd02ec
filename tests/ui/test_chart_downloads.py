"""Every chart leaves as PNG (the mode bar's camera) and as a self-contained HTML file, named as
the tables beside it are: page, chart, rulebook and as-of date."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go

from tests.ui.helpers import figure
from tests.ui.test_downloads import downloads  # noqa: F401 (the fixture)
from ui.i18n import catalogue
from ui.plots import ChartFile, config, html_bytes

COMPARE = "pages/compare.py"
FILE = ChartFile("compare_transitions_illustrative_2025-12-31", "迁移 <b>& 对比", ("合成数据", "人数: 5,000"))


def test_the_html_file_opens_offline_and_says_what_it_is():
    page = html_bytes(go.Figure([{"type": "bar", "y": [1, 2]}]), FILE, "zh-CN").decode("utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=", page), "nothing is fetched from another host"
    assert "plotly.js v" in page, "plotly.js is embedded"
    assert '<html lang="zh-CN">' in page and "<title>迁移 &lt;b&gt;&amp; 对比</title>" in page
    assert "<p>合成数据</p>" in page and "<p>人数: 5,000</p>" in page
    assert json.dumps(catalogue("zh-CN")["plotly.download_png"]) in page, "its mode bar speaks the reader's language"
    assert '"filename": "compare_transitions_illustrative_2025-12-31"' in page


def test_the_png_takes_the_charts_file_name():
    assert config("en", FILE.stem)["toImageButtonOptions"]["filename"] == FILE.stem
    assert "toImageButtonOptions" not in config("en")


def test_each_compare_chart_offers_html_named_like_its_tables_built_only_when_clicked(app, downloads):  # noqa: F811
    app.button_group(key="_widget.lang").set_value("en").run()
    app.switch_page(COMPARE).run()
    assert not app.exception, app.exception
    html = sorted(name for name in downloads if name.startswith("compare_") and name.endswith(".html"))
    rulebooks = f"{app.session_state['cmp.baseline']}-vs-{app.session_state['cmp.reform']}"
    as_of = app.session_state["as_of"].isoformat()
    assert html == sorted(
        f"compare_{chart}_{rulebooks}_{as_of}.html" for chart in ("transitions", "moves_key_group", "rank_changes")
    )
    assert all(callable(downloads[name]) for name in html), "built on click, not on every rerun"
    page = downloads[f"compare_transitions_{rulebooks}_{as_of}.html"]().decode("utf-8")
    assert catalogue("en")["cmp.matrix_heading"] in page and catalogue("en")["frame.synthetic_marker"] in page
    assert figure(app, 0)["data"][0]["type"] == "heatmap"
