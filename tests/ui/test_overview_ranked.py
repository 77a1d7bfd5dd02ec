"""The overview's ranked districts and key groups, and the distribution chart's cut-offs, as a
reader meets them in each language."""

from __future__ import annotations

import pytest

from tests.ui.helpers import figure

LANG_WIDGET = "_widget.lang"


def _table(at, first_column: str):
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column)


def _metric(at, label: str) -> int:
    return int(next(m.value for m in at.metric if m.label == label).replace(",", ""))


def test_black_listed_people_in_wujin_are_on_the_overview_and_add_up_to_the_total(app):
    districts = _table(app, "辖市（区）")
    wujin = districts.set_index("辖市（区）").loc["武进区"]
    assert wujin["黑名单人数"] >= 0 and wujin["红名单人数"] >= 0
    assert districts["黑名单人数"].sum() == _metric(app, "黑名单")
    assert districts["红名单人数"].sum() == _metric(app, "红名单")
    assert districts["人数"].sum() == _metric(app, "总人数")
    assert list(districts["平均分"]) == sorted(districts["平均分"], reverse=True), "ranked by mean"


def test_one_click_ranks_the_key_groups_with_their_tier_mix_and_lists(app):
    app.button_group(key="overview.rank_by").set_value("key_group").run()
    assert not app.exception, app.exception
    groups = _table(app, "重点人群")
    assert len(groups) == 30 and groups["黑名单人数"].sum() == _metric(app, "黑名单")
    shares = groups[["AAA级", "AA级", "A级", "B级", "C级", "D级", "未评分"]].sum(axis=1)
    assert (abs(shares - 1) < 1e-9).all(), "each group's tier mix and unscored share add up to everyone"
    ranked, mix = figure(app, 1), figure(app, 2)
    assert len(ranked["data"][0]["y"]) == 30
    assert [trace["name"] for trace in mix["data"]][-1] == "未评分"
    assert mix["data"][0]["y"][-1] == groups.iloc[0, 0], "the tier mix follows the ranking, the highest mean on top"


def test_the_ranked_view_reads_in_english(app):
    app.button_group(key=LANG_WIDGET).set_value("en").run()
    app.button_group(key="overview.rank_by").set_value("key_group").run()
    from ui.i18n import t

    groups = _table(app, "Key group")
    assert {"Mean score", "On the red list", "On the black list", t("tier.unscored", "en")} <= set(groups.columns)
    assert figure(app, 1)["layout"]["annotations"][0]["text"] == "Base score 1000"


def test_rongcheng_style_means_below_the_base_diverge_to_the_left(app):
    from ui.charts import LOSS

    app.sidebar.selectbox(key="_widget.preset").select("rongcheng_style").run()
    assert not app.exception, app.exception
    bars = figure(app, 1)["data"][0]
    districts = _table(app, "辖市（区）")
    below = districts["平均分"] < 1000
    assert below.any(), "deductions from a base of 1000 leave some districts below it"
    for change, colour, label in zip(_numbers(bars["x"]), bars["marker"]["color"], bars["y"], strict=True):
        mean = districts.set_index("辖市（区）").loc[label, "平均分"]
        assert abs(1000 + change - mean) < 0.01
        assert (change < 0) == (colour == LOSS), "a bar below the base goes left, in the loss colour"


def _numbers(y) -> list[float]:
    from tests.ui.helpers import values

    return values(y)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("view", ["histogram", "ecdf", "box"])
def test_every_cut_off_is_on_the_distribution_chart_in_view_or_at_an_edge(app, lang, view):
    from scoring.rulebook import DEFAULT_PRESET, load_preset
    from ui import palette
    from ui.fmt import tier_names

    app.button_group(key=LANG_WIDGET).set_value(lang).run()
    app.switch_page("pages/distributions.py").run()
    app.button_group(key="dist.view").set_value(view).run()
    fig = figure(app)
    marks = " ".join(a["text"] for a in fig["layout"]["annotations"])
    names = list(tier_names(load_preset(DEFAULT_PRESET), lang).values())
    for name in names[:-1]:  # the last tier has no lower bound
        assert f"{name} ≥ " in marks, f"{name} is neither drawn nor named at an edge"
    series = [trace for trace in fig["data"] if trace["type"] != "scatter" or trace["mode"] == "lines"]
    colours = {trace["line"]["color"] for trace in series}
    assert colours <= {*palette.QUALITATIVE, palette.OTHER_GREY}, "groups in the qualitative palette, the rest grey"
    assert len(colours) == len(series) or view == "box", "one colour per series"
