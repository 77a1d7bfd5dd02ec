"""The objection panel's tables: a person's records, their objections and their audit trail, with
names for every id (record types, departments, states, actions) in the reader's language."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from scoring.catalogues import load_catalogues
from scoring.dataset import Dataset
from scoring.store import Change, Objection
from ui import fmt
from ui.i18n import catalogue, current_language, t


def person_records(dataset: Dataset, person_id: int) -> pd.DataFrame:
    """The person's records in the data, newest first (the record id kept as the index)."""
    records = dataset.records
    mine = records.loc[records["person_id"].to_numpy() == person_id]
    return mine.sort_values(["occurred_on", "record_id"], ascending=False).set_index("record_id")


def record_label(records: pd.DataFrame, record_id: int, lang: str | None = None) -> str:
    """A record as the reader names it: its type, date and deciding department."""
    record = records.loc[record_id]
    return t(
        "objection_panel.record_label",
        lang,
        type=_type_name(record["record_type"], lang),
        date=fmt.date(record["occurred_on"], lang),
        department=fmt.category("department", record["department"], lang),
    )


def records_table(records: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("objection_panel.col.record"): [_type_name(v) for v in records["record_type"]],
            t("objection_panel.col.date"): [fmt.date(v) for v in records["occurred_on"]],
            t("objection_panel.col.quantity"): records["quantity"].to_numpy(),
            t("objection_panel.col.department"): [fmt.category("department", v) for v in records["department"]],
            t("objection_panel.col.status"): [t(f"objection_panel.status.{v}") for v in records["status"]],
        }
    )


def objections_table(objections: Sequence[Objection], records: pd.DataFrame) -> pd.DataFrame:
    def day(value) -> str | None:
        return None if value is None else fmt.date(value)

    return pd.DataFrame(
        {
            t("objection_panel.col.record"): [record_label(records, o.record_id) for o in objections],
            t("objection_panel.col.opened_on"): [fmt.date(o.opened_on) for o in objections],
            t("objection_panel.col.reason"): [o.reason for o in objections],
            t("objection_panel.col.state"): [t(f"objection_panel.state.{o.state}") for o in objections],
            t("objection_panel.col.resolved_on"): [day(o.resolved_on) for o in objections],
            t("objection_panel.col.resolution"): [o.resolution for o in objections],
            t("objection_panel.col.corrected_quantity"): [o.corrected_quantity for o in objections],
        }
    )


def trail_table(changes: Sequence[Change], records: pd.DataFrame) -> pd.DataFrame:
    """The audit trail: when (server time, to the second), what, on which record, why and by whom."""
    return pd.DataFrame(
        {
            t("objection_panel.col.when"): [f"{fmt.date(c.at)} {c.at:%H:%M:%S}" for c in changes],
            t("objection_panel.col.action"): [_action(c) for c in changes],
            t("objection_panel.col.record"): [record_label(records, c.detail["record_id"]) for c in changes],
            t("objection_panel.col.reason"): [c.detail.get("reason") for c in changes],
            t("objection_panel.col.actor"): [_actor(c.actor) for c in changes],
        }
    )


def _action(change: Change) -> str:
    if change.action == "objection.resolved":
        return t("objection_panel.action.resolved", outcome=t(f"objection_panel.state.{change.detail['outcome']}"))
    return t("objection_panel.action.opened", date=fmt.date(change.detail["on"]))


def _actor(actor: str) -> str:
    """The actor's name; `anonymous` (no logins yet) said in the reader's language."""
    key = f"objection_panel.actor.{actor}"
    return t(key) if key in catalogue(current_language()) else actor


def _type_name(record_type: str, lang: str | None = None) -> str:
    return fmt.name(load_catalogues().record_type(record_type), lang)
