"""Chinese throughout, English throughout: every page, in each language, read as its reader sees it.

A policy officer reading the Chinese screens meets no English word and no raw id (`fraud`,
`very_good`, `judicial`, `gb-2016-98`), an evaluator reading the English screens no Chinese but
names; on the Rules page too, after switching to each preset (their tiers and dimensions
differ) and after an edit (the changed marker and the table of changes).
"""

from __future__ import annotations

import pytest

from scoring.rulebook import list_presets
from tests.ui.helpers import open_session, rule_row
from tests.ui.visible import leaks, visible_texts

PAGES = (
    "overview", "distributions", "credit_file", "rules", "tiers", "behaviour", "lists", "rewards", "repair",
    "objections", "fairness", "validity", "checks", "pack", "scenarios", "about",
)  # fmt: skip


def _read(at, where: str) -> list[str]:
    assert not at.exception, at.exception
    return [f"{where} · {leak}" for leak in leaks(visible_texts(at), at.session_state["lang"])]


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_every_page_speaks_one_language_and_shows_no_raw_ids(app, lang):
    at = open_session(app, {"lang": lang})
    found = []
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        found += _read(at, page)
    # A saved scenario, named in the reader's language, fills the scenario list.
    at.switch_page("pages/scenarios.py").run()
    at.text_input(key="scen.name").input("基线" if lang == "zh-CN" else "baseline")
    at.button(key="scen.save").click().run()
    found += _read(at, "scenarios with one saved")

    for preset in list_presets():
        at.sidebar.selectbox(key="_widget.preset").select(preset).run()
        at.switch_page("pages/rules.py").run()
        found += _read(at, f"rules · {preset}")
        at.switch_page("pages/tiers.py").run()
        found += _read(at, f"tiers · {preset}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_an_edited_rulebook_names_its_changes_in_the_readers_language(app, lang):
    at = open_session(app, {"lang": lang})
    at.switch_page("pages/rules.py").run()
    at.session_state["rules.editor.0"] = {
        "edited_rows": {rule_row("fraud"): {"points": -77}, rule_row("drunk_driving"): {"window_months": 7}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="rules.apply").click().run()
    assert not at.error, [e.value for e in at.error]
    found = _read(at, "rules · edited")
    assert not found, "\n".join(found)
