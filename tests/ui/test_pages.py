"""AppTest of every page: renders, keeps the frame after switch_page, reacts to its controls."""

from __future__ import annotations

import pytest

from scoring.calendar import add_months_to_date
from tests.ui.helpers import PAGES, bar_total, figure, histogram_total

LANG_WIDGET = "_widget.lang"


def _frame_present(at) -> bool:
    """The frame's language switch and synthetic marker are on the page."""
    has_switch = any(w.key == LANG_WIDGET for w in at.sidebar.get("button_group"))
    return has_switch and any("模拟数据" in b.proto.body or "Synthetic" in b.proto.body for b in at.markdown)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_the_frame(app, page):
    app.switch_page(page).run()
    assert not app.exception, app.exception
    assert app.title, "every page has a title"
    assert _frame_present(app), "the frame (language switch, synthetic marker) survives switch_page"


def test_language_switch_translates_the_page_and_survives_page_changes(app):
    assert app.title[0].value == "总览"
    app.button_group(key=LANG_WIDGET).set_value("en").run()
    assert app.title[0].value == "Overview"
    assert app.query_params["lang"] == "en"
    app.switch_page("pages/distributions.py").run()
    assert app.title[0].value == "Score distributions"


def test_url_language_is_adopted(app):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(app._script_path, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert at.title[0].value == "Overview"
    assert [m.label for m in at.metric][:2] == ["People", "Scored"]


def test_overview_counts_unscored_as_their_own_group(app):
    values = {m.label: m.value for m in app.metric}
    people, scored, unscored = (int(values[k].replace(",", "")) for k in ("总人数", "已评分", "未评分"))
    assert people == 5000 and scored + unscored == people and unscored > 0
    tiers = figure(app, 0)
    assert bar_total(tiers) == people, "the tier chart counts everyone, unscored included"
    assert tiers["data"][0]["x"][-1] == "未评分"


def test_rulebook_choice_survives_page_changes(app):
    from scoring.rulebook import list_presets

    other = list_presets()[-1]
    app.sidebar.selectbox(key="_widget.preset").select(other).run()
    app.switch_page("pages/about.py").run()
    assert app.sidebar.selectbox(key="_widget.preset").value == other
    assert app.session_state["preset"] == other


def test_as_of_date_is_bounded_by_the_data_and_changes_the_scores(app):
    picker = app.sidebar.selectbox(key="_widget.as_of")
    latest = picker.value
    assert picker.options[0] == "2025年12月31日", "the data's own date first, in the page's language"
    assert "2022年12月31日" in picker.options and len(picker.options) > 12, "month ends back to the earliest"
    red_before = {m.label: m.value for m in app.metric}["红名单"]
    picker.set_value(add_months_to_date(latest, -36)).run()
    assert not app.exception
    assert f"{latest.year - 3}年" in " ".join(c.value for c in app.caption)
    assert {m.label: m.value for m in app.metric}["红名单"] != red_before


def test_distribution_filter_changes_the_histogram_total(app):
    app.switch_page("pages/distributions.py").run()
    before = histogram_total(figure(app))
    assert before == int(app.metric[1].value.replace(",", ""))
    app.multiselect(key="dist.filter.gender").select(0).run()
    after = histogram_total(figure(app))
    assert 0 < after < before
    assert after == int(app.metric[1].value.replace(",", ""))


@pytest.mark.parametrize(("view", "trace"), [("ecdf", "scatter"), ("box", "box"), ("histogram", "scatter")])
def test_distribution_views_and_cutoffs(app, view, trace):
    app.switch_page("pages/distributions.py").run()
    app.button_group(key="dist.view").set_value(view).run()
    fig = figure(app)
    assert fig["data"][0]["type"] == trace
    assert {t["type"] for t in fig["data"]} <= {trace, "scatter"}, "the box view adds its extremes as marks"
    labels = [a["text"] for a in fig["layout"].get("annotations", [])]
    assert any(label.startswith("AAA") for label in labels), "tier cut-offs are drawn and labelled"


def test_key_groups_draw_the_largest_and_the_rest_merged(app):
    app.switch_page("pages/distributions.py").run()
    fig = figure(app)
    names = [trace["name"] for trace in fig["data"]]
    assert len(names) == 7 and names[-1].startswith("其他"), "six key groups and the rest in one series"
    assert any(names[-1] in c.value for c in app.caption), "the merge is said under the chart"


def test_breakdown_by_district_draws_one_series_per_district(app):
    app.switch_page("pages/distributions.py").run()
    app.button_group(key="dist.breakdown").set_value("district").run()
    assert len(figure(app)["data"]) == 7


@pytest.mark.parametrize("flag", ["moved", True])
def test_a_page_renders_whether_or_not_streamlit_still_has_its_private_pages_flag(monkeypatch, flag):
    """An upgrade that moves the private folder-mode flag costs a second run, not an outage."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    from tests.ui.helpers import ROOT

    if flag == "moved":
        monkeypatch.delattr(PagesManager, "uses_pages_directory")
    else:
        monkeypatch.setattr(PagesManager, "uses_pages_directory", True)
    at = AppTest.from_file(str(ROOT / "pages/overview.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert at.title, "the page is drawn"


def test_about_page_describes_the_store_without_a_server_path(app):
    import os

    app.switch_page("pages/about.py").run()
    shown = "\n".join(str(e.value) for kind in ("caption", "markdown", "info", "error") for e in app.get(kind))
    store = os.environ["CCL_STORE_PATH"]
    assert "嵌入式数据库" in shown
    for revealing in (store, os.path.dirname(store), ".duckdb"):
        assert revealing not in shown


def test_population_size_and_seed_sit_in_a_collapsed_advanced_expander_and_still_apply(app):
    from ui.i18n import t

    (advanced,) = [e for e in app.sidebar.expander if e.label == t("frame.advanced", "zh-CN")]
    assert not advanced.proto.expanded, "collapsed by default"
    assert [w.key for w in advanced.selectbox] == ["_widget.people"]
    seed = advanced.number_input(key="_widget.seed")
    seed.set_value(seed.value + 1).run()
    assert not app.exception, app.exception
    assert app.session_state["seed"] == seed.value, "the persistent key still carries the choice"
