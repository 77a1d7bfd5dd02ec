"""The objections part of a person's credit file: open an objection to one of their records,
answer it (upheld, corrected, removed), their score with the disputed records suspended and as if
they counted, their objections and the audit trail of every action.

Objections are kept in the server's store under the dataset's key (scoring/dataset/identity.py),
so they survive restarts and are the same for every visitor of the same population. The store
checks an objection's own history, scoring/objection_overlay.py the dataset's side; a refusal is
said through ui/problems.py, what a user typed through `plain` (tables show it as cell text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd
import streamlit as st

from scoring.dataset import MAX_QUANTITY
from scoring.dataset.identity import dataset_key
from scoring.objection_overlay import check_answer, check_opening
from scoring.objection_scores import ObjectionEffect, PersonScore, objection_effect
from scoring.problems import Problem
from scoring.store import OUTCOMES, Objection, ObjectionRefused, Store, StoreUnavailable
from ui import data, fmt, problems, tables
from ui.export import download_table
from ui.frame import View
from ui.i18n import current_language, t
from ui.objection_panel_tables import objections_table, person_records, record_label, records_table, trail_table
from ui.plain import bold

KEY = "objection_panel"


def stored_objections(view: View, person_id: int) -> list[Objection] | None:
    """The person's objections in the store (None: the store cannot be read; the panel says why)."""
    try:
        return data.store().objections(dataset_key(view.dataset), person_id)
    except StoreUnavailable:
        return None


def objection_panel(view: View, person_id: int) -> list[Objection] | None:
    """Draw the panel for one person of the view's population; their stored objections once this
    run's action is taken (None: the store cannot be read). An action reruns the page, so the
    file drawn above it follows at once."""
    st.subheader(t("objection_panel.title"))
    st.caption(t("objection_panel.intro"))
    if said := st.session_state.pop(f"{KEY}.said", None):
        st.success(said)
    try:
        store = data.store()
    except StoreUnavailable as error:
        st.warning(t(f"objection_panel.store.{error.reason}"))
        return None
    if store.read_only:
        st.info(t("objection_panel.store.read_only"))
    key, records = dataset_key(view.dataset), person_records(view.dataset, person_id)
    if records.empty:
        st.info(t("objection_panel.no_records"))
        return []
    _open_form(view, store, key, person_id, records)
    _answer_form(view, store, store.objections(key, person_id), records)
    objections = store.objections(key, person_id)
    _scores(view, person_id, objections)
    st.markdown(bold(t("objection_panel.records")))
    tables.show(records_table(records), decimals={t("objection_panel.col.quantity"): 1}, key=f"{KEY}.records")
    st.markdown(bold(t("objection_panel.objections")))
    if objections:
        tables.show(objections_table(objections, records), key=f"{KEY}.objections")
    else:
        st.caption(t("objection_panel.no_objections"))
    st.markdown(bold(t("objection_panel.trail")))
    trail = store.objection_changes(key, person_id)
    if trail:
        frame = trail_table(trail, records)
        tables.show(frame, key=f"{KEY}.trail")
        download_table(frame, "credit_file", "objection_trail", view.working, view.as_of)
    else:
        st.caption(t("objection_panel.no_trail"))
    return objections


def _open_form(view: View, store: Store, key: str, person_id: int, records: pd.DataFrame) -> None:
    with st.form(f"{KEY}.open"):
        st.markdown(bold(t("objection_panel.open.heading")))
        standing = records.index[records["status"] == "valid"].tolist()
        lang = current_language()  # bound into format_func: AppTest calls it outside the session
        record_id = st.selectbox(
            t("objection_panel.open.record"), standing, format_func=lambda r: record_label(records, r, lang),
            key=f"{KEY}.open.record",
        )  # fmt: skip
        reason = st.text_area(t("objection_panel.open.reason"), key=f"{KEY}.open.reason", max_chars=2000)
        day = _day_input("objection_panel.open.date", view, f"{KEY}.open.date")
        if not st.form_submit_button(t("objection_panel.open.submit"), disabled=not standing or store.read_only):
            return
    _act(lambda: _opened(view, store, key, person_id, record_id, reason, day))


def _opened(view: View, store: Store, key: str, person_id: int, record_id, reason: str, day: dt.date) -> str:
    check_opening(view.dataset, person_id, int(record_id), day)
    store.open_objection(key, person_id, int(record_id), reason, day)
    return t("objection_panel.opened", date=fmt.date(day))


def _answer_form(view: View, store: Store, objections: list[Objection], records: pd.DataFrame) -> None:
    under_review = {o.id: o for o in objections if o.is_open}
    if not under_review:
        st.caption(t("objection_panel.none_open"))
        return
    lang = current_language()
    with st.form(f"{KEY}.answer"):
        st.markdown(bold(t("objection_panel.answer.heading")))
        chosen = st.selectbox(
            t("objection_panel.answer.objection"), list(under_review), key=f"{KEY}.answer.objection",
            format_func=lambda i: t(
                "objection_panel.objection_label", lang, record=record_label(records, under_review[i].record_id, lang),
                date=fmt.date(under_review[i].opened_on, lang),
            ),
        )  # fmt: skip
        outcome = st.radio(
            t("objection_panel.answer.outcome"), OUTCOMES, horizontal=True, key=f"{KEY}.answer.outcome",
            format_func=lambda o: t(f"objection_panel.state.{o}", lang),
        )  # fmt: skip
        reason = st.text_area(t("objection_panel.answer.reason"), key=f"{KEY}.answer.reason", max_chars=2000)
        day = _day_input("objection_panel.answer.date", view, f"{KEY}.answer.date")
        quantity = st.number_input(
            t("objection_panel.answer.quantity"),
            min_value=0.0,
            max_value=MAX_QUANTITY,
            value=None,
            key=f"{KEY}.answer.quantity",
        )
        if not st.form_submit_button(t("objection_panel.answer.submit"), disabled=store.read_only):
            return
    objection = under_review[chosen]
    corrected = quantity if outcome == "corrected" else None
    _act(lambda: _answered(view, store, objection, outcome, reason, day, corrected))


def _answered(view: View, store: Store, objection: Objection, outcome: str, reason: str, day, quantity) -> str:
    check_answer(view.dataset, objection, outcome, day)
    store.resolve_objection(objection.id, outcome, reason, day, corrected_quantity=quantity)
    return t("objection_panel.answered", outcome=t(f"objection_panel.state.{outcome}"))


def _day_input(label: str, view: View, key: str) -> dt.date:
    """A day within the data, the view's as-of date by default."""
    last = fmt.to_date(view.dataset.data_as_of)
    return st.date_input(t(label), value=view.as_of, max_value=last, key=key, format="YYYY-MM-DD")


def _act(action) -> None:
    """Run one store action; on success rerun the page (the file above reads the store) and say
    the outcome there; a refusal is said here in the reader's language."""
    try:
        st.session_state[f"{KEY}.said"] = action()
    except ObjectionRefused as refusal:
        problem = Problem(None, str(refusal), refusal.code, _said(refusal.params))
        st.error(problems.describe(problem))
        return
    except StoreUnavailable as error:
        st.error(t(f"objection_panel.store.{error.reason}"))
        return
    st.rerun()


def _said(params: Mapping[str, object]) -> dict[str, object]:
    """A refusal's values as the page writes them: dates, outcomes and numbers in the reader's way."""
    said: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, dt.date):
            said[name] = fmt.date(value)
        elif name == "outcome":
            said[name] = t(f"objection_panel.state.{value}")
        elif isinstance(value, float):
            said[name] = fmt.number(value, 0)
        else:
            said[name] = value
    return said


def _scores(view: View, person_id: int, objections: list[Objection]) -> None:
    """The metric pair: the score with the open objections suspending their records, and as if
    the records counted (answered objections count as decided in both)."""
    effect = _effect(view, person_id, objections)
    moved = effect.difference if np.isfinite(effect.difference) and effect.difference else None
    left, right = st.columns(2)
    left.metric(
        t("objection_panel.score.under_review"), _score(effect.under_review),
        delta=None if moved is None else fmt.number(moved, 1),
    )  # fmt: skip
    right.metric(t("objection_panel.score.counted"), _score(effect.counted))
    names = fmt.tier_names(view.rulebook)
    tier_ids = view.rulebook.tiers.ids
    under, counted = (
        names[tier_ids[s.tier]] if s.tier >= 0 else t("tier.unscored") for s in (effect.under_review, effect.counted)
    )
    st.caption(t("objection_panel.score.note", date=fmt.date(view.as_of), under_review=under, counted=counted))


def _effect(view: View, person_id: int, objections: list[Objection]) -> ObjectionEffect:
    """The person's two scores, kept for the session's last person, rulebook, date and objections:
    a few hundred milliseconds at 1 M people, and every widget on the page reruns the script."""
    key = (view.people, view.seed, view.as_of, view.working.hash, person_id, tuple(objections))
    kept = st.session_state.get(f"{KEY}.effect")
    if kept is None or kept[0] != key:
        cutoffs = view.result.cutoffs
        kept = (key, objection_effect(view.dataset, person_id, objections, view.rulebook, view.as_of, cutoffs))
        st.session_state[f"{KEY}.effect"] = kept
    return kept[1]


def _score(result: PersonScore) -> str:
    return fmt.number(result.score, 1) if result.eligible else t("objection_panel.score.unscored")
