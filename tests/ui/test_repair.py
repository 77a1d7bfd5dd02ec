"""The Credit repair page as a policy officer reads it: the funnel from eligible to restored,
participation per district against the rulebook's target with a legend for met and behind, the
time to restoration, every rulebook value with its status and source, and the downloads."""

from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pytest

from scoring.catalogues import load_catalogues
from tests.ui.helpers import figure, open_page_in, record_downloads, table_with, values
from ui.i18n import LANGUAGES, catalogue

REPAIR = "pages/repair.py"


def _open(app, lang: str):
    return open_page_in(app, REPAIR, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_funnel_narrows_from_black_listed_to_restored_and_its_chart_is_the_tables_total(app, lang):
    at = _open(app, lang)
    messages = catalogue(lang)
    assert at.title[0].value == messages["repair.title"]
    stages = [messages[f"repair.stage.{s}"] for s in ("listed", "eligible", "committed", "trained", "restored")]
    table = table_with(at, messages["repair.stage.eligible"])
    counts = table[stages].to_numpy()
    assert (counts[:, 1:] <= counts[:, :-1]).all()
    assert (counts[:-1].sum(axis=0) == counts[-1]).all() and counts[-1, 0] > 0
    funnel = figure(at, 0)["data"][0]
    assert funnel["type"] == "funnel" and funnel["y"] == stages
    assert values(funnel["x"]) == counts[-1].tolist()
    positions = table_with(at, messages["repair.position.restored"])
    assert positions.iloc[-1, 1:].sum() == counts[-1, 0]  # every entry stands somewhere


@pytest.mark.parametrize("lang", LANGUAGES)
def test_participation_is_measured_against_the_rulebooks_target_with_a_legend_and_its_status_and_source(app, lang):
    at = _open(app, lang)
    messages = catalogue(lang)
    bars = figure(at, 1)
    assert [a["text"] for a in bars["layout"]["annotations"]] == [
        messages["repair.target_line"].format(share="50%"),
        messages["repair.stretch_line"].format(share="90%"),
    ]
    assert [trace["name"] for trace in bars["data"][:2]] == [
        messages["repair.legend.met"],
        messages["repair.legend.behind"],
    ]
    participation = table_with(at, messages["repair.col.short_of_target"])
    behind = participation[messages["repair.col.short_of_target"]].iloc[:-1] > 0
    groups = participation.iloc[:-1, 0]
    assert sorted(bars["data"][1]["y"]) == sorted(groups[behind])
    assert (participation[messages["repair.col.took_part"]] <= participation[messages["repair.col.blacklisted"]]).all()
    assert len(at.warning) + len(at.success) == 1
    values = table_with(at, messages["lists.col.value_name"]).set_index(messages["lists.col.value_name"])
    target = values.loc[messages["lists.value.target"]]
    source = load_catalogues().sources["cz-2019-10"]
    assert target[messages["lists.col.value"]] == "50.0%"
    assert target[messages["col.status"]] == messages["status.reported"]
    assert target[messages["col.source"]] == (source.zh if lang == "zh-CN" else source.en)
    # target, stretch, training and report requirements, and each severity's minimum and maximum period
    assert len(values) == 2 + 2 + 2 * 2
    training = values.loc[messages["repair.value.training_for"]]
    assert training[messages["lists.col.value"]] == messages["severity.serious"]
    assert training[messages["col.status"]] == messages["status.confirmed"]


def test_the_time_to_restoration_is_measured_from_listing_and_from_eligibility(app):
    at = _open(app, "en")
    messages = catalogue("en")
    times = table_with(at, messages["repair.col.median_months_from_eligible"]).set_index(messages["col.severity"])
    serious = times.loc["serious"]
    assert serious[messages["repair.col.median_months_from_eligible"]] < serious[messages["repair.col.median_months"]]
    parts = [messages[f"repair.col.{c}"] for c in ("before_min", "within", "after_max")]
    assert serious[parts].sum() == serious[messages["repair.col.repaired_records"]]


def test_the_funnel_by_severity_has_a_row_per_severity_of_the_rulebook_and_links_name_the_related_pages(app):
    at = _open(app, "en")
    messages = catalogue("en")
    at.segmented_control(key="repair.by").set_value("severity").run()
    assert not at.exception, at.exception
    table = table_with(at, messages["repair.stage.eligible"])
    assert table.iloc[:, 0].tolist() == ["general", "serious", messages["lists.total"]]
    # participation counts people, who can have records of both severities: by district, said so
    assert messages["repair.participation_by_district"] in [c.value for c in at.caption]
    assert messages["dim.district"] in table_with(at, messages["repair.col.short_of_target"]).columns
    assert [w.key for w in at.segmented_control if w.key.startswith("repair.")] == ["repair.by", "repair.period"]
    assert [link.proto.label for link in at.get("page_link")] == [messages["nav.lists"], messages["nav.objections"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_table_downloads_as_csv_with_a_bom_and_as_xlsx_with_shares_as_percentages(app, monkeypatch, lang):
    downloads = record_downloads(monkeypatch)
    at = _open(app, lang)
    messages = catalogue(lang)
    stem = f"_illustrative_{at.session_state['as_of'].isoformat()}"
    tables = ("funnel_district", "positions_district", "participation_district", "times", "rulebook_values")
    files = sorted(name for name in downloads if name.startswith("repair_") and not name.endswith(".html"))
    assert files == sorted(f"repair_{table}{stem}.{kind}" for table in tables for kind in ("csv", "xlsx"))
    data = downloads[f"repair_participation_district{stem}.csv"]()
    assert data.startswith(b"\xef\xbb\xbf")
    shown = table_with(at, messages["repair.col.short_of_target"])
    csv = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert csv[messages["repair.col.blacklisted"]].tolist() == shown[messages["repair.col.blacklisted"]].tolist()
    sheet = openpyxl.load_workbook(io.BytesIO(downloads[f"repair_participation_district{stem}.xlsx"]())).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index(messages["repair.col.share"]) + 1
    cells = [row[0] for row in sheet.iter_rows(min_row=2, min_col=column, max_col=column)]
    assert cells and all(cell.number_format == "0.0%" for cell in cells if cell.value is not None)


def _figures(at, messages) -> tuple[int, int, int, int]:
    """The page's restored figures: the funnel's, the positions table's (records), participation's
    (people), and the funnel's eligible entries."""
    funnel = table_with(at, messages["repair.stage.eligible"]).iloc[-1]
    positions = table_with(at, messages["repair.position.restored"]).iloc[-1]
    people = table_with(at, messages["repair.col.short_of_target"]).iloc[-1]
    return (
        int(funnel[messages["repair.stage.restored"]]), int(positions[messages["repair.position.restored"]]),
        int(people[messages["repair.col.repaired"]]), int(funnel[messages["repair.stage.eligible"]]),
    )  # fmt: skip


@pytest.mark.parametrize("months", [12, 36])
def test_the_three_restored_figures_are_reconciled_on_the_page_with_their_numbers(app, months):
    at = _open(app, "en")
    at.segmented_control(key="repair.period").set_value(months).run()
    messages = catalogue("en")
    in_funnel, records, people, eligible = _figures(at, messages)
    positions = table_with(at, messages["repair.position.restored"]).iloc[-1]
    outside = int(positions.iloc[1:].sum() - positions[messages["repair.position.publicised_min_period"]])
    line = next(i.value for i in at.info if i.value.startswith("How the figures meet"))
    times = table_with(at, messages["repair.col.median_months_from_eligible"])
    early = int(times[messages["repair.col.before_min"]].sum())  # the times table's count, same cohort
    unstepped = records - in_funnel - early
    extra = messages["repair.reconcile_unstepped"].format(count=unstepped) if unstepped else ""
    early_now = outside - eligible
    assert line == messages["repair.reconcile"].format(
        in_funnel=in_funnel, early=early, unstepped=extra, records=records, people=people, eligible=eligible,
        early_now=early_now, outside=outside,
    )  # fmt: skip
    assert 0 <= early_now <= early and people <= records


def test_the_repair_times_follow_the_period_as_the_funnel_does(app):
    at = _open(app, "en")
    messages = catalogue("en")
    listed = {}
    for months in (12, 36):
        at.segmented_control(key="repair.period").set_value(months).run()
        times = table_with(at, messages["repair.col.median_months_from_eligible"])
        listed[months] = int(times[messages["repair.col.listed"]].sum())
        funnel = table_with(at, messages["repair.stage.eligible"]).iloc[-1]
        assert listed[months] == funnel[messages["repair.stage.listed"]]
        period = next(c.value for c in at.caption if c.value.startswith(messages["lists.period_note"][:12]))
        note = next(c.value for c in at.caption if c.value.startswith(messages["repair.times_note"][:20]))
        assert note.endswith(period)  # the table says which period it covers
    assert listed[12] < listed[36]


def test_the_shortfall_total_is_the_sum_of_the_groups(app):
    at = _open(app, "en")
    messages = catalogue("en")
    table = table_with(at, messages["repair.col.short_of_target"])
    for column in ("repair.col.short_of_target", "repair.col.short_of_stretch"):
        assert table[messages[column]].iloc[:-1].sum() == table[messages[column]].iloc[-1]


def test_small_key_groups_hide_their_shares_and_the_hover_says_each_groups_size(app):
    at = _open(app, "en")
    messages = catalogue("en")
    at.segmented_control(key="repair.by").set_value("key_group").run()
    at.number_input(key="repair.minimum").set_value(3).run()
    assert not at.exception, at.exception
    table = table_with(at, messages["repair.col.short_of_target"])
    sizes = table[messages["repair.col.blacklisted"]]
    small = sizes.isna().iloc[:-1]
    assert small.any() and table[messages["repair.col.share"]].iloc[:-1][small].isna().all()
    assert ((sizes.dropna().iloc[:-1] >= 3) | (sizes.dropna().iloc[:-1] == 0)).all()
    bars = figure(at, 1)
    labels = bars["data"][2]
    assert labels["mode"] == "text" and labels["text"].count("—") == int(
        table[messages["repair.col.share"]].iloc[:-1].isna().sum()
    )
    assert all(x == 1 for x in values(labels["x"]))  # right of the plot, where no line crosses them
    hover = [h for trace in bars["data"][:2] for h in trace["hovertext"]]
    assert hover and all("black-listed people" in h for h in hover)
    assert messages["repair.hidden_note"].format(minimum=3) in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_breakdown_and_the_stages_use_one_word_each(app, lang):
    at = _open(app, lang)
    messages = catalogue(lang)
    picker = at.segmented_control(key="repair.by")
    assert picker.options == [messages["dim.district"], messages["dim.key_group"], messages["col.severity"]]
    positions = table_with(at, messages["repair.position.restored"]).columns
    eligible = messages["repair.stage.eligible"]
    assert [c for c in positions if c.startswith(eligible)] == [
        messages["repair.position.repairable"], messages["repair.position.missing_requirements"]
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("page", "first_columns"),
    [
        ("pages/repair.py", ("dim.district", "lists.col.value_name")),
        ("pages/rewards.py", ("rewards.col.incentive", "dim.district", "lists.col.value_name")),
        ("pages/lists.py", ("dim.district",)),
        ("pages/objections.py", ("col.department",)),
    ],
)
def test_names_and_sources_get_columns_wide_enough_to_read_whole(app, page, first_columns):
    app.button_group(key="_widget.lang").set_value("en").run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    messages = catalogue("en")
    configs = [json.loads(frame.proto.columns) for frame in app.dataframe]
    widths = {name: c["width"] for config in configs for name, c in config.items() if "width" in c}
    for key in first_columns:
        assert widths.get(messages[key], 0) >= 200, key
    if page != "pages/lists.py" and page != "pages/objections.py":
        assert widths[messages["col.source"]] >= 300
