"""The Lists page's figures on a generated population agree with the engine's own view."""

import numpy as np
import pytest

from scoring.analyses import list_report
from scoring.analyses.list_events import list_events
from scoring.engine import compile_dataset
from scoring.rulebook import load_preset
from synthetic.generate import generate
from synthetic.settings import GeneratorSettings


@pytest.fixture(scope="module")
def dataset():
    return generate(GeneratorSettings(people=3000, seed=7))


@pytest.mark.parametrize("months_back", [0, 7])
def test_the_month_end_list_sizes_are_the_people_the_engine_sees_on_each_list(dataset, months_back):
    as_of = (dataset.data_as_of.astype("datetime64[M]") - months_back).astype("datetime64[D]") + 9
    compiled = compile_dataset(dataset, as_of)
    codes = compiled.people["district"].cat.codes.to_numpy()
    labels = list(dataset.catalogues.district_ids)
    table = list_report.flows(list_events(dataset), compiled.n_people, as_of - 400, as_of, codes, labels)
    last = table[table["month"] == table["month"].max()]
    for kind, flags in (("red", compiled.red_list), ("black", compiled.black_list)):
        sizes = last[last["list"] == kind].set_index("group")["end_size"]
        assert sizes.to_numpy().tolist() == np.bincount(codes[flags], minlength=len(labels)).tolist()


def test_each_objection_is_answered_by_a_resolution_of_its_record_on_or_after_it(dataset):
    raised = list_events(dataset).objections
    answered = ~np.isnat(raised.answered)
    assert answered.any() and (raised.answered[answered] >= raised.raised[answered]).all()
    table = list_report.backlog(
        list_events(dataset), load_preset("illustrative"), dataset.data_as_of - 700, dataset.data_as_of,
        list(dataset.catalogues.department_ids),
    )  # fmt: skip
    assert (table["open_at_end"] == table["open_at_start"] + table["opened"] - table["answered"]).all()


def test_repair_times_cover_every_black_listing_of_a_severity_with_periods(dataset):
    events = list_events(dataset)
    first = dataset.data_as_of - 365
    table = list_report.times(events, load_preset("illustrative"), first, dataset.data_as_of)
    in_period = events.black.day >= first
    assert table["listed"].sum() == (np.isin(events.black.severity, ["general", "serious"]) & in_period).sum()
    assert table["listed"].sum() == len(
        list_report.black_cohort(events, load_preset("illustrative"), first, dataset.data_as_of)
    )
    assert (table["before_min"] + table["within"] + table["after_max"] == table["repaired"]).all()


def test_the_repair_funnel_starts_from_the_same_black_listings_as_participation(dataset):
    events, rulebook = list_events(dataset), load_preset("illustrative")
    as_of = dataset.data_as_of
    cohort = list_report.black_cohort(events, rulebook, as_of - 365, as_of)
    n = len(dataset.people)
    rows = list_report.participation(events, rulebook, n, as_of - 365, as_of, None, None).set_index("group")
    assert len(cohort) and cohort["person"].nunique() == rows.loc["all", "blacklisted"]
    restored = cohort["position"] == "restored"
    assert cohort.loc[restored, "person"].nunique() == rows.loc["all", "repaired"]


def test_objections_by_the_disputed_persons_district_are_the_same_objections_as_by_department(dataset):
    events, rulebook = list_events(dataset), load_preset("illustrative")
    first, as_of = dataset.data_as_of - 700, dataset.data_as_of
    codes = dataset.people["district"].cat.codes.to_numpy()
    by_department = list_report.backlog(events, rulebook, first, as_of, list(dataset.catalogues.department_ids))
    by_district = list_report.backlog(events, rulebook, first, as_of, list(dataset.catalogues.district_ids), codes)
    columns = ["opened", "answered", "open_at_end", "overdue_at_end"]
    assert (by_department.groupby("month")[columns].sum() == by_district.groupby("month")[columns].sum()).all().all()
    times, _ = list_report.resolution(events, rulebook, first, as_of, list(dataset.catalogues.district_ids), codes)
    assert times.iloc[:-1]["answered"].sum() == times.iloc[-1]["answered"] > 0
