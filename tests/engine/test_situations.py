"""The engine in situations a policy officer would describe."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scoring.dataset import Dataset, DatasetError, conform
from scoring.engine import CompileError, compile_dataset, explain, score
from scoring.rulebook import load_preset
from tests.engine.strategies import CAT

AS_OF = "2025-12-31"


def resident(**overrides) -> dict:
    person = {
        "gender": "F",
        "birth_date": "1980-05-01",
        "district": "wujin",
        "key_group": "teacher",
        "hukou": "local",
        "consent": True,
        "resident_since": "1980-05-01",
        "insured_since": "2005-01-01",
    }
    return {**person, **overrides}


def world(people: list[dict], records: list[tuple], events: list[tuple] = ()) -> Dataset:
    """records: (person, type, date, quantity[, status]); events: (record index, event, date, list)."""
    people_frame = pd.DataFrame([{**p, "person_id": i} for i, p in enumerate(people)])
    record_rows = [
        {
            "record_id": i + 1,
            "person_id": r[0],
            "record_type": r[1],
            "occurred_on": r[2],
            "quantity": r[3],
            "department": CAT.record_type(r[1]).department,
            "case_id": i + 1,
            "status": r[4] if len(r) > 4 else "valid",
        }
        for i, r in enumerate(records)
    ]
    event_rows = [
        {
            "record_id": e[0] + 1,
            "person_id": records[e[0]][0],
            "event": e[1],
            "date": e[2],
            "department": "court",
            "list": e[3],
        }
        for e in events
    ]
    columns = {
        "records": [
            "record_id",
            "person_id",
            "record_type",
            "occurred_on",
            "quantity",
            "department",
            "case_id",
            "status",
        ],
        "events": ["record_id", "person_id", "event", "date", "department", "list"],
    }
    return Dataset(
        people=conform("people", people_frame, CAT),
        records=conform("records", pd.DataFrame(record_rows, columns=columns["records"]), CAT),
        events=conform("events", pd.DataFrame(event_rows, columns=columns["events"]), CAT),
        manifest={"data_as_of": AS_OF, "synthetic": True},
        catalogues=CAT,
    )


@pytest.fixture(scope="module")
def illustrative():
    return load_preset("illustrative")


def test_a_person_with_no_records_keeps_the_base_score(illustrative):
    result = score(compile_dataset(world([resident()], [])), illustrative)
    assert result.score[0] == illustrative.score.base


def test_a_general_penalty_counts_until_its_window_closes(illustrative):
    # window 12 months: decided 2024-12-31 still counts on 2025-12-30, no longer on 2025-12-31
    data = world([resident()], [(0, "admin_penalty_general", "2024-12-31", 1)])
    rule = next(r for r in illustrative.rules if "admin_penalty_general" in r.matches)
    inside = score(compile_dataset(data, "2025-12-30"), illustrative).score[0]
    outside = score(compile_dataset(data, "2025-12-31"), illustrative).score[0]
    assert inside == illustrative.score.base + rule.points
    assert outside == illustrative.score.base


def test_a_judgment_defaulter_is_held_at_the_veto_tier_whatever_the_points(illustrative):
    veto_rule = next(r for r in illustrative.rules if r.veto)
    many_good_deeds = [(0, "commendation_national", "2025-06-01", 1)] * 3 + [(0, "volunteer_hours", "2025-05-01", 500)]
    data = world([resident()], [(0, veto_rule.matches[0], "2025-01-10", 1), *many_good_deeds])
    result = score(compile_dataset(data), illustrative)
    assert result.vetoed[0]
    assert result.tier[0] >= illustrative.tiers.ids.index(veto_rule.veto.max_tier)


def test_volunteer_points_stop_at_the_cap(illustrative):
    data = world([resident()], [(0, "volunteer_hours", "2025-03-01", 10_000)])
    result = score(compile_dataset(data), illustrative)
    assert result.capped[0]
    table = explain(result, 0)
    rule = next(r for r in illustrative.rules if "volunteer_hours" in r.matches)
    assert table.loc[table["source"] == "volunteer_hours", "rule_points"].iloc[0] == rule.cap_high


def test_a_group_specific_rule_ignores_other_groups(illustrative):
    rule = next(r for r in illustrative.rules if r.groups != "all")
    other = next(g for g in CAT.key_group_ids if g not in rule.groups)
    data = world(
        [resident(key_group=rule.groups[0]), resident(key_group=other)],
        [(0, rule.matches[0], "2025-10-01", 1), (1, rule.matches[0], "2025-10-01", 1)],
    )
    result = score(compile_dataset(data), illustrative)
    assert result.score[0] < result.score[1] == illustrative.score.base


def test_a_person_under_the_minimum_age_is_unscored_not_dropped(illustrative):
    data = world([resident(birth_date="2010-01-01"), resident()], [])
    result = score(compile_dataset(data), illustrative)
    assert list(result.eligible) == [False, True]
    assert result.tier[0] == -1 and np.isnan(result.score[0])
    assert len(result.to_frame()) == 2


def test_a_listing_counts_until_the_delisting(illustrative):
    data = world(
        [resident()],
        [(0, "judgment_defaulter", "2023-01-10", 1)],
        [(0, "listed", "2023-01-20", "black"), (0, "delisted", "2025-01-20", "black")],
    )
    assert compile_dataset(data, "2025-01-19").black_list[0]
    assert not compile_dataset(data, "2025-01-20").black_list[0]


def test_a_listing_renewed_on_the_day_the_previous_one_ends_stays_listed():
    data = world(
        [resident()],
        [(0, "judgment_defaulter", "2023-01-10", 1)],
        [
            (0, "listed", "2023-01-20", "black"),
            (0, "delisted", "2024-01-20", "black"),
            (0, "listed", "2024-01-20", "black"),
        ],
    )
    assert [compile_dataset(data, day).black_list[0] for day in ("2024-01-19", "2024-01-20", "2025-12-31")] == [
        True,
        True,
        True,
    ]


def test_a_listing_ended_on_its_own_start_day_never_takes_effect():
    data = world(
        [resident()],
        [(0, "judgment_defaulter", "2023-01-10", 1)],
        [(0, "listed", "2023-01-20", "black"), (0, "delisted", "2023-01-20", "black")],
    )
    assert not compile_dataset(data, "2023-01-20").black_list[0]
    assert not compile_dataset(data).black_list[0]


def test_a_delisting_from_one_list_leaves_the_other_list_of_the_same_record():
    data = world(
        [resident()],
        [(0, "judgment_defaulter", "2023-01-10", 1)],
        [
            (0, "listed", "2023-01-20", "black"),
            (0, "listed", "2023-02-01", "red"),
            (0, "delisted", "2023-03-01", "red"),
        ],
    )
    compiled = compile_dataset(data, "2023-03-01")
    assert compiled.black_list[0] and not compiled.red_list[0]


def test_a_revoked_record_counts_until_the_day_it_was_revoked(illustrative):
    rule = next(r for r in illustrative.rules if "admin_penalty_general" in r.matches)
    data = world(
        [resident()],
        [(0, "admin_penalty_general", "2025-10-01", 1, "revoked")],
        [(0, "revoked", "2025-11-15", None)],
    )
    before = score(compile_dataset(data, "2025-11-14"), illustrative)
    assert before.score[0] == illustrative.score.base + rule.points
    assert list(explain(before, 0)["source"]) == ["admin_penalty_general"]
    assert score(compile_dataset(data, "2025-11-15"), illustrative).score[0] == illustrative.score.base


def test_a_listing_of_a_revoked_record_ends_on_the_revocation_day():
    data = world(
        [resident()],
        [(0, "judgment_defaulter", "2023-01-10", 1, "revoked")],
        [(0, "listed", "2023-01-20", "black"), (0, "revoked", "2024-03-01", None)],
    )
    assert compile_dataset(data, "2024-02-29").black_list[0]
    assert not compile_dataset(data, "2024-03-01").black_list[0]


def test_a_revoked_record_without_its_revocation_day_is_refused():
    data = world([resident()], [(0, "admin_penalty_general", "2025-10-01", 1, "revoked")])
    with pytest.raises(DatasetError, match="records.status row 0: revoked, with 0 revoked events"):
        compile_dataset(data)


def test_the_as_of_date_may_not_pass_the_data():
    with pytest.raises(CompileError, match="after the data's as-of date"):
        compile_dataset(world([resident()], []), "2026-01-01")


def test_a_fuzhou_style_scheme_scores_non_local_residents_after_a_year_of_insurance():
    fuzhou = load_preset("fuzhou_style")
    data = world(
        [
            resident(hukou="non_local", insured_since="2025-01-01"),
            resident(hukou="non_local", insured_since="2024-12-31"),
        ],
        [],
    )
    assert list(score(compile_dataset(data), fuzhou).eligible) == [False, True]
