"""The Evaluation pack page as a reviewer uses it: choose a baseline and the sections, build
behind a progress bar, then download the PDF, the HTML and the JSON of the same figures; in
Chinese throughout and in English throughout, and quick at the test population."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from types import SimpleNamespace

import pandas as pd
import pytest
from pypdf import PdfReader

from scoring.analyses.small_cells import DEFAULT_MINIMUM, hide_small_cells
from scoring.catalogues import load_catalogues
from scoring.checks.finding import Finding
from scoring.pack import SECTIONS, Pack
from scoring.report.document import Bullets, Facts, Paragraph, Table
from scoring.rulebook import load_preset
from scoring.tuning.scenarios import save_scenario, short_hash
from tests.ui.helpers import TEST_PEOPLE, edit_rules, record_downloads, rule_row
from tests.ui.visible import leaks, visible_texts
from ui import data, fmt, rulebooks
from ui.i18n import LANGUAGES, catalogue, plural
from ui.pack_export import headline_text, pack_document
from ui.report import report_table
from ui.rulebooks import Working

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

    reader = PdfReader(io.BytesIO(_built(drawn, ".pdf")()))
    pages = [page.extract_text() for page in reader.pages]
    assert not _beyond_the_edge(reader), "every column printed: the tester lost the fairness tables' last columns"
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


def _beyond_the_edge(reader: PdfReader) -> list[tuple[int, str]]:
    """(page, text) of every piece of text drawn to the right of its page's edge, cut off in print."""
    found = []
    for number, page in enumerate(reader.pages, start=1):
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font, size, number=number, width=width):
            if text.strip() and cm[0] * tm[4] + cm[2] * tm[5] + cm[4] > width:
                found.append((number, text))

        page.extract_text(visitor_text=visit)
    return found


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


@pytest.fixture
def reading(monkeypatch):
    """Word the pack outside a session, in the language given."""

    def read_in(lang: str) -> None:
        for module in ("ui.i18n", "ui.fmt", "ui.pack_export"):
            monkeypatch.setattr(f"{module}.current_language", lambda: lang)

    return read_in


@pytest.mark.parametrize(
    ("lang", "figure", "value", "written"),
    [
        ("zh-CN", "scored", 0.0, "无变化"),  # the tester read "+0"
        ("zh-CN", "scored", -12345.0, "减少1.23万"),
        ("zh-CN", "incentive_cost", 47233.0, "增加约4.72万元"),  # the tester read "+47233" beside "(元)"
        ("zh-CN", "incentive_cost", -50000.0, "减少5万元"),  # nothing hidden by the 万: no 约
        ("zh-CN", "incentive_cost", 4723.0, "增加4723元"),
        ("zh-CN", "best_tier_share", 0.027, "增加2.7个百分点"),
        ("zh-CN", "moved_up", 0.157, "15.7%"),  # a share of people, not a change: no sign
        ("zh-CN", "mean_score", 0.04, "无变化"),
        ("en", "scored", -12345.0, "−12,345"),
        ("en", "incentive_cost", 47233.0, "+47,233 yuan"),
        ("en", "best_tier_share", -0.027, "−2.7 percentage points"),
        ("en", "moved_down", 0.005, "0.5%"),
    ],
)
def test_a_headline_change_reads_in_words_with_money_and_people_counted_the_readers_way(
    reading, lang, figure, value, written
):
    reading(lang)
    assert headline_text(figure, value) == written


GROUPS = ("lawyer", "cpa", "tax_agent", "auditor", "appraiser", "statistics_practitioner", "accounting_practitioner")


def _pack(sections: tuple[str, ...] = ()) -> Pack:
    """A pack whose key groups are flagged on the black list, each a little further from parity
    than the one before, against civil servants; and its validity figures."""
    ratios = [1.3 + 0.1 * i for i in range(len(GROUPS))]
    frame = pd.DataFrame({"black_list_rate_ratio": ratios}, index=list(GROUPS))
    frame["black_list_rate_flag"] = frame["black_list_rate_ratio"] > 1.25
    discrimination = pd.DataFrame({"auc": [0.644, 0.493]}, index=["real", "null"])
    day = dt.date(2025, 12, 31)
    method = {"synthetic": True, "as_of": day, "data_as_of": day, "people": 20000, "seed": 1}
    return Pack(
        sections=sections, method=method, fairness={"key_group": frame}, references={"key_group": "civil_servant"},
        validity={"discrimination": discrimination}, checks=[
            Finding("double_count_cases", "fail", "double_count_cases.shared", "credit_catalogue_2021", day),
            Finding("tier_restrictions", "warn", "tier_restrictions.default_benefit", "credit_catalogue_2021", day),
        ],
    )  # fmt: skip


def _working(changes: int) -> Working:
    preset = load_preset("illustrative")
    return Working("illustrative", preset, preset, "", changes)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_key_findings_say_what_a_flag_means_and_name_only_the_five_groups_furthest_from_parity(reading, lang):
    """The tester read 24 occupations "(黑名单)" and could not tell what was wrong with them."""
    reading(lang)
    summary = pack_document(_pack(), _working(0), _working(0)).sections[0]
    checks, fairness, validity = next(b for b in summary.blocks if isinstance(b, Bullets)).items
    name = {g: fmt.category("key_group", g, lang) for g in GROUPS}
    furthest = [fmt.name(load_catalogues().key_group(g), lang) for g in reversed(GROUPS)][:5]
    assert [fairness.index(n) for n in furthest] == sorted(fairness.index(n) for n in furthest), "furthest first"
    assert not [g for g in GROUPS[:2] if name[g] in fairness], "the two nearest parity only counted"
    assert ("另有2个群体" if lang == "zh-CN" else "and 2 more") in fairness
    assert "1.25" in fairness and fmt.category("key_group", "civil_servant", lang) in fairness, "what a flag means"
    assert fmt.number(1.9, 2, lang) in fairness, "the ratio of the furthest group"
    assert "0.644" in validity and "0.493" in validity
    messages = catalogue(lang)
    failed, warned = (messages[f"checks.name.{c}"] for c in ("double_count_cases", "tier_restrictions"))
    assert messages["pack.summary.checks_fail"].format(checks=failed) in checks
    assert messages["pack.summary.checks_warn"].format(checks=warned) in checks
    assert ("随机" if lang == "zh-CN" else "chance") in validity, "what an AUC of 0.5 means"
    if lang == "zh-CN":
        assert not [line for line in (checks, fairness, validity) if "(" in line or ")" in line], "full-width brackets"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_edited_preset_never_reads_like_the_preset_it_is_compared_with(reading, lang):
    """Under Method the tester read the illustrative scheme twice: the working rulebook and the baseline."""
    reading(lang)
    document = pack_document(_pack(("method",)), _working(2), _working(0))
    facts = dict(next(b for b in document.sections[1].blocks if isinstance(b, Facts)).pairs)
    messages = catalogue(lang)
    working, baseline = facts[messages["export.rulebook"]], facts[messages["pack.method.baseline"]]
    assert working != baseline
    assert plural("frame.edited", 2, lang, changes=2) in working


def _compared(sections: tuple[str, ...]) -> Pack:
    """A pack with its comparison: a few people moved between two tiers of the illustrative scheme."""
    pack = _pack(sections)
    tiers = [*load_preset("illustrative").tiers.ids, "unscored"]
    counts = pd.DataFrame(0, index=pd.Index(tiers, name="baseline"), columns=pd.Index(tiers, name="reform"))
    counts.iloc[0, 0], counts.iloc[0, 1], counts.iloc[1, 1] = 40, 2, 60
    pack.transitions = counts.astype(float)
    pack.headline = {"scored": 0.0, "moved_up": 0.02}
    pack.method |= {"smallest_cell": 1}
    return pack


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_saved_scenario_as_baseline_is_named_as_the_picker_names_it_not_by_its_preset(reading, lang):
    """The tester compared with a saved scenario and read "Baseline: Illustrative scheme (assumptions)"."""
    reading(lang)
    saved = save_scenario(data.store(), load_preset("illustrative"), "Harsher crime, AAA 1045", None)
    rulebook = load_preset("illustrative")
    baseline = Working(rulebooks.scenario_choice(saved), rulebook, rulebook, saved, 0)
    document = pack_document(_compared(("method", "comparison")), _working(0), baseline)
    messages = catalogue(lang)
    named = messages["frame.scenario_option"].format(name="Harsher crime, AAA 1045", hash=short_hash(saved))
    summary, method, comparison = document.sections
    assert dict(next(b for b in method.blocks if isinstance(b, Facts)).pairs)[messages["pack.method.baseline"]] == named
    assert named in next(b for b in comparison.blocks if isinstance(b, Paragraph)).text, "the comparison note"
    assert named in next(b for b in summary.blocks if isinstance(b, Bullets)).items[0], "the key findings"
    note = next(b for b in comparison.blocks if isinstance(b, Paragraph)).text
    assert messages["pack.small_cells.none"] in note, "the small-cell rule the transitions are printed under"


def test_a_real_population_hides_the_few_people_who_moved_tier_and_says_so(reading):
    """The tester read transition cells of 1, 2 and 6 people with no suppression and no note."""
    reading("en")
    pack = _compared(("comparison",))
    pack.method["smallest_cell"] = DEFAULT_MINIMUM
    exact = pack.transitions.astype("int64")
    pack.transitions = hide_small_cells(exact, minimum=DEFAULT_MINIMUM, margins=("rows", "columns"))
    comparison = pack_document(pack, _working(0), _working(0)).sections[1]
    note = next(b for b in comparison.blocks if isinstance(b, Paragraph)).text
    assert catalogue("en")["pack.small_cells.hidden"].format(minimum=DEFAULT_MINIMUM) in note
    table = next(b for b in comparison.blocks if isinstance(b, Table))
    cells = [cell for row in table.rows for cell in row[1:]]
    assert "2" not in cells and cells.count("—") >= 2, "the 2 people and a complement hidden"


def test_the_pack_hides_small_transition_cells_of_a_real_population_only(monkeypatch):
    """The transitions follow the fairness section's rule: nothing hidden in synthetic data."""
    from scoring import pack as figures

    exact = pd.DataFrame([[40, 2, 0], [0, 60, 0], [0, 0, 30]], dtype="int64")
    monkeypatch.setattr(figures, "tier_transitions", lambda baseline, reform: exact)
    monkeypatch.setattr(figures, "headline_changes", lambda baseline, reform: {})
    hidden = {}
    for synthetic in (True, False):
        inputs = SimpleNamespace(
            dataset=SimpleNamespace(is_synthetic=synthetic), result=lambda: None, baseline_result=lambda: None
        )
        pack = Pack(("comparison",), {})
        figures._comparison(pack, inputs)
        hidden[synthetic] = pack.transitions.isna().to_numpy()
    assert not hidden[True].any(), "synthetic data: nothing hidden"
    assert hidden[False][0, 1] and hidden[False].sum() >= 2, "the 2 people hidden, with a complement"
    assert not hidden[False][2, 2], "30 people are shown"


@pytest.mark.parametrize(("value", "written"), [(-0.04, "0.0"), (-0.0, "0.0"), (0.04, "0.0"), (-0.06, "-0.1")])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_number_that_rounds_to_zero_is_written_without_a_sign(lang, value, written):
    """The tester read "-0.0" as a group's score gap in the pack's fairness table."""
    table = report_table(pd.DataFrame({"gap": [value]}), {"gap": 1})
    assert table.rows == ((written,),)
    assert fmt.number(value, 1, lang) == written
