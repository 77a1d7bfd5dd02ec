"""The Evaluation pack page as a reviewer uses it: choose a baseline and the sections, build
behind a progress bar, then download the PDF, the HTML and the JSON of the same figures; in
Chinese throughout and in English throughout, and quick at the test population."""

from __future__ import annotations

import io
import json
import time

import pytest
from pypdf import PdfReader

from scoring.catalogues import load_catalogues
from scoring.pack import SECTIONS
from tests.ui.helpers import TEST_PEOPLE, edit_rules, record_downloads, rule_row
from tests.ui.visible import leaks, visible_texts
from ui import fmt
from ui.i18n import LANGUAGES, catalogue, plural

PACK = "pages/pack.py"


def _open(app, lang: str):
    if lang != "zh-CN":
        app.button_group(key="_widget.lang").set_value(lang).run()
    app.switch_page(PACK).run()
    assert not app.exception, app.exception
    return app


def _built(drawn: dict, ending: str):
    return next(drawn[name] for name in drawn if name.startswith("pack_evaluation_") and name.endswith(ending))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_building_the_pack_offers_pdf_html_and_json_in_one_language_within_seconds(app, lang, monkeypatch):
    drawn = record_downloads(monkeypatch)
    at = _open(app, lang)
    messages = catalogue(lang)
    assert at.title[0].value == messages["pack.page_title"]
    assert at.multiselect(key="pack.sections").value == list(SECTIONS)  # every section by default
    assert not [name for name in drawn if name.startswith("pack_")], "nothing is offered before it is built"

    started = time.perf_counter()
    at.button(key="pack.build").click().run()
    took = time.perf_counter() - started

    assert not at.exception, at.exception
    assert took < 20, f"the pack took {took:.1f} s at the test population"
    stem = f"pack_evaluation_{lang}_"  # the language and both rulebooks in the name: packs never overwrite
    offered = {name: file for name, file in drawn.items() if name.startswith(stem) and "-vs-illustrative_" in name}
    assert {name.rsplit(".", 1)[1] for name in offered} == {"pdf", "html", "json"}
    assert all(callable(file) for file in offered.values()), "each file built when clicked, not on every rerun"
    found = leaks(visible_texts(at), lang)
    assert not found, "\n".join(found)

    pages = [page.extract_text() for page in PdfReader(io.BytesIO(_built(drawn, ".pdf")())).pages]
    text = "\n".join(pages)
    assert messages["pack.title"] in text
    missing = [s for s in SECTIONS if messages[f"pack.section.{s}"] not in text]
    assert not missing, f"sections without their heading in the PDF: {missing}"
    assert all(messages["pack.watermark"] in page for page in pages), "the watermark on every page"
    flat = "".join(text.split())  # a narrow column wraps its header
    columns = ("checks.col.rules", "checks.col.explanation")
    assert all("".join(messages[c].split()) in flat for c in columns), "the checks as the Checks page shows them"
    assert not leaks([("pdf", line) for line in text.splitlines()], lang), "one language, no raw ids"

    figures = json.loads(_built(drawn, ".json")())
    assert figures["synthetic"] is True and figures["rulebook"]["id"] == "illustrative"
    assert list(figures)[:3] == ["synthetic", "rulebook", "provenance"], "the marker and provenance open the file"
    assert figures["sections"] == list(SECTIONS)
    # The same figures: a few of the JSON's numbers, written the reader's way, on the PDF's lines.
    lines = [" ".join(line.split()) for line in text.splitlines()]
    real, null = figures["validity"]["discrimination"]
    assert real["side"] == "real" and null["side"] == "null"
    assert any(f"{real['auc']:.3f}" in line and f"{real['ks']:.3f}" in line for line in lines)
    assert any(f"{null['auc']:.3f}" in line and f"{null['ks']:.3f}" in line for line in lines)
    best = figures["distributions"]["scores"]["district"][0]  # highest mean score first
    district = load_catalogues().district(best["district"])
    written = f"{best['people']} {best['scored']} {fmt.number(best['mean'], 1, lang)}"
    assert any(line.startswith(district.zh if lang == "zh-CN" else district.en) and written in line for line in lines)
    assert (
        figures["method"]["people"] == TEST_PEOPLE == sum(tier["people"] for tier in figures["distributions"]["tiers"])
    )


def test_a_changed_choice_asks_for_the_pack_again(app):
    at = _open(app, "en")
    at.button(key="pack.build").click().run()
    at.multiselect(key="pack.sections").unselect("fairness").run()
    assert at.info[0].value == catalogue("en")["pack.outdated"]
    assert not at.success


def test_a_pack_of_an_edited_rulebook_says_so_in_its_json_and_under_its_title(app, monkeypatch):
    drawn = record_downloads(monkeypatch)
    app.switch_page("pages/rules.py").run()
    edit_rules(app, {rule_row("fraud"): {"points": -77}})
    at = _open(app, "zh-CN")
    at.button(key="pack.build").click().run()
    assert not at.exception, at.exception
    figures = json.loads(_built(drawn, ".json")())
    assert figures["rulebook"]["id"] == "illustrative" and figures["rulebook"]["changes"] == 1
    first_page = PdfReader(io.BytesIO(_built(drawn, ".pdf")())).pages[0].extract_text()
    assert plural("frame.edited", 1, "zh-CN", changes=1) in "".join(first_page.split())
