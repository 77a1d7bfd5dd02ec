"""Shared helpers of the AppTest suite (importable, unlike conftest)."""

from __future__ import annotations

import base64
import functools
import html
import json
import re
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
TEST_PEOPLE = 5000
PAGES = tuple(
    f"pages/{page}.py"
    for page in (
        "overview", "distributions", "credit_file", "compare", "behaviour", "lists", "rewards", "repair", "objections",
        "fairness", "validity", "checks", "pack",
        "about",
    )
)  # fmt: skip


def figure(at, index: int = 0) -> dict:
    """The Plotly figure dict of the index-th chart on the page."""
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def bar_total(fig: dict) -> float:
    """People counted in a binned bar figure (sum over all traces and bins)."""
    return sum(sum(values(trace["y"])) for trace in fig["data"] if trace["type"] == "bar")


def histogram_total(fig: dict) -> float:
    """People counted in the stacked step histogram (each bin's count is drawn at both edges)."""
    return sum(sum(values(trace["y"])[::2]) for trace in fig["data"] if trace.get("stackgroup"))


def values(y) -> list[float]:
    """Plotly 6+ sends numpy arrays as typed arrays ({"dtype", "bdata"}); decode either form."""
    if isinstance(y, dict):
        return np.frombuffer(base64.b64decode(y["bdata"]), dtype=np.dtype(y["dtype"])).tolist()
    return list(y)


@functools.cache
def _renderer():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table", "strikethrough"])


def markdown_html(markdown: str) -> str:
    """A message as HTML, by a CommonMark renderer with GFM autolinks, tables and strikethrough
    (Streamlit renders its messages as GitHub-flavoured Markdown)."""
    return _renderer().render(markdown).strip()


def shown_text(markdown: str) -> str:
    """What a reader sees of a Markdown message: its text, tags dropped, entities decoded, the
    invisible word joiners of `ui.plain` left out."""
    from ui.plain import WORD_JOINER

    return html.unescape(re.sub(r"<[^>]+>", "", markdown_html(markdown))).replace(WORD_JOINER, "")


def rule_row(rule_id: str) -> int:
    """The row of a rule in the default preset's rule editor."""
    from scoring.rulebook import DEFAULT_PRESET, load_preset
    from scoring.tuning.editing import rules_table

    return list(rules_table(load_preset(DEFAULT_PRESET))["id"]).index(rule_id)


def edit_rules(at, edited_rows: dict) -> None:
    """Edit cells of the rule editor ({row: {column: value}}) on the Rules page and press Apply."""
    at.session_state["rules.editor.0"] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    at.button(key="rules.apply").click().run()
    assert not at.exception, at.exception


def open_session(at, query: dict[str, str]):
    """A new session of the same app (another visitor, a reload), opened with these URL parameters."""
    from streamlit.testing.v1 import AppTest

    other = AppTest.from_file(at._script_path, default_timeout=60)
    for key, value in query.items():
        other.query_params[key] = value
    other.run()
    assert not other.exception, other.exception
    return other


def record_downloads(monkeypatch) -> dict[str, object]:
    """Every download button drawn from now on, by file name: the callable its file is built by
    when it is downloaded (bytes for a file that is small and ready)."""
    from streamlit.elements.widgets.button import ButtonMixin

    drawn: dict[str, object] = {}
    original = ButtonMixin.download_button

    def record(self, label, data, file_name=None, *args, **kwargs):
        drawn[file_name] = data
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    return drawn


def open_page_in(app, page: str, lang: str):
    """The page in this language, as a reader gets there: the language switch, then the page."""
    if lang != "zh-CN":
        app.button_group(key="_widget.lang").set_value(lang).run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def table_with(at, column: str):
    """The first table on the page with this column header."""
    return next(df.value for df in at.dataframe if column in df.value.columns)
