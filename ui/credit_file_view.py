"""The sections of one person's credit file, as the page draws them: who they are (ID number
masked) and whether and why they are scored; their standing (score, tier, lists, incentives,
sanctions, and a note on the objections stored for them); the waterfall and the caps and vetoes
that bound it; every record; and what would move them up a tier.

The file is computed by scoring/person/file.py and the plan by scoring/person/next_tier.py (kept
by ui/data.py); this module only translates and draws them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from scoring.identity_numbers import mask_id_number
from scoring.person.file import CreditFile
from scoring.person.next_tier import NextTier
from scoring.person.next_tier import next_tier as next_tier_of
from scoring.person.objections import Standing
from scoring.store import Objection
from synthetic.identity import identities
from ui import credit_file_charts, credit_file_tables, data, fmt, plots, tables
from ui.export import chart_file, download_table
from ui.frame import View
from ui.i18n import plural, t
from ui.plain import bold, bullets, plain

# Pixels per column of the records table (date, type, department, status, case, quantity, rule,
# window end): all fit the page's width in either language, none behind a scroll bar.
RECORD_WIDTHS = (100, 135, 145, 65, 80, 70, 150, 170)
PLAN_WIDTHS = (110, 90, 720)  # possible from, kind, what: the last says a rule's whole name


def identity(view: View, file: CreditFile) -> pd.Series:
    """Name, masked ID number and person number; district, key group, gender, age, hukou; whether
    the rulebook scores them, condition by condition. Returns the drawn identity (for the export,
    which shows the name and the masked number only)."""
    who = identities(view.dataset.people, [file.person_id], view.seed).iloc[0]
    masked = mask_id_number(who["id_number"])
    st.header(t("person.file_heading", name=plain(who["name"]), id_number=masked, person=file.person_id))
    st.caption(
        t(
            "person.who", district=fmt.category("district", file.district),
            group=fmt.category("key_group", file.key_group), gender=t(f"gender.{file.gender}"), age=file.age,
            hukou=t(f"hukou.{file.hukou}"),
        )
    )  # fmt: skip
    st.markdown(bold(t("person.eligible_yes" if file.eligible else "person.eligible_no")))
    marks = {True: t("person.met"), False: t("person.not_met")}
    st.markdown(bullets(f"{marks[r.met]} {credit_file_tables.reason_text(r)}" for r in file.reasons))
    return who


def standing(view: View, file: CreditFile) -> DeltaGenerator:
    """Score, tier and lists; the incentives received and the sanctions the lists bring. Returns
    the place of the objections note, written by `objections_note` once the panel has acted."""
    tier_names = fmt.tier_names(view.rulebook)
    score, tier, lists = st.columns(3)
    score.metric(t("person.col.score"), "—" if file.score is None else fmt.number(file.score, 1))
    tier.metric(t("person.col.tier"), t("person.unscored") if file.tier is None else tier_names[file.tier])
    lists.metric(t("person.col.lists"), t("lists.separator").join(t(f"person.list.{k}") for k in file.lists) or "—")
    note = st.empty()
    separator = t("lists.separator")
    incentives = [fmt.name(i.title) for i in view.rulebook.incentives if i.id in file.incentives]
    sanctions = [fmt.name(s.title) for s in view.rulebook.sanctions if s.id in file.sanctions]
    st.markdown(t("person.incentives", names=separator.join(incentives) or t("person.none")))
    st.markdown(t("person.sanctions", names=separator.join(sanctions) or t("person.none")))
    return note


def objections_note(place: DeltaGenerator, objections: list[Objection] | None) -> None:
    """Under the score: whether objections are stored for this person, and that the score above
    is the data's own while the Objections section shows their effect (None: no store)."""
    if objections is None:
        return
    under_review = sum(o.is_open for o in objections)
    answered = len(objections) - under_review
    if not objections:
        place.caption(t("person.objections.none"))
    elif under_review:
        place.info(t("person.objections.open", open=under_review, answered=answered), icon=":material/gavel:")
    else:
        place.caption(t("person.objections.answered", answered=answered))


def waterfall(view: View, file: CreditFile) -> None:
    """The waterfall from the base score, its table, and the caps and vetoes in words."""
    if not file.steps:
        return
    st.subheader(t("person.waterfall_heading"))
    steps, rulebook = list(file.steps), view.rulebook
    labels = credit_file_tables.step_labels(steps, rulebook)
    measures = ["absolute" if s.kind in ("base", "score") else "relative" for s in steps]
    figure = credit_file_charts.waterfall(labels, [s.value for s in steps], measures, t("person.col.points"))
    heading = t("person.waterfall_heading")
    plots.draw(figure, key="person.waterfall", file=chart_file("credit_file", "waterfall", heading, view.working,
                                                                view.as_of))  # fmt: skip
    step_table = credit_file_tables.steps_table(steps, rulebook)
    decimals = {t("person.col.points"): 1, t("person.col.running"): 1}
    tables.show(step_table, decimals=decimals, key="person.steps")
    download_table(step_table, "credit_file", f"waterfall_{file.person_id}", view.working, view.as_of)
    st.subheader(t("person.bounds_heading"))
    if file.bounds:
        tier_names = fmt.tier_names(rulebook)
        st.markdown(bullets(credit_file_tables.bound_text(b, rulebook, tier_names) for b in file.bounds))
    else:
        st.caption(t("person.no_bounds"))


def records(view: View, file: CreditFile) -> None:
    """Every record with its status and window, and the lists the person stands on."""
    st.subheader(t("person.records_heading", count=len(file.records)))
    st.caption(t("person.records_note"))
    record_table = credit_file_tables.records_table(file.records, view.rulebook)
    widths = dict(zip(record_table.columns, RECORD_WIDTHS, strict=True))
    config = {column: st.column_config.Column(width=width) for column, width in widths.items()}
    tables.show(record_table, config, decimals={t("person.col.quantity"): 0}, key="person.records")
    download_table(record_table, "credit_file", f"records_{file.person_id}", view.working, view.as_of)
    for row in file.listings.itertuples():
        listed = t(f"person.list.{row.list}")
        since = fmt.date(row.listed_on)
        st.caption(t("person.listing", list=listed, type=credit_file_tables.type_name(row.record_type), since=since))


def next_tier(view: View, person: Standing) -> NextTier:
    """What would move the person up a tier: kept per person, rulebook and date for the data's
    own standing; computed afresh (a fraction of a second) under their stored objections."""
    st.subheader(t("person.next_heading"))
    with st.spinner(t("person.next_computing")):
        if person.objections:
            plan = next_tier_of(person.result, person.dataset, person.row)
        else:
            plan = data.next_tier_plan(
                view.people, view.seed, view.as_of, view.working.hash, view.rulebook, person.person_id
            )  # fmt: skip
    tier_names = fmt.tier_names(view.rulebook)
    if plan.outcome == "planned":
        said = {
            "target": tier_names[plan.target], "cutoff": fmt.number(plan.cutoff, 0), "day": fmt.date(plan.reached_on),
            "score": fmt.number(plan.score_after, 1),
        }  # fmt: skip
        if plan.actions:
            st.markdown(plural("person.next_planned", len(plan.actions), actions=len(plan.actions), **said))
        else:
            st.markdown(t("person.next_waiting", **said))
        plan_rows = credit_file_tables.plan_table(plan, view.rulebook)
        widths = dict(zip(plan_rows.columns, PLAN_WIDTHS, strict=True))
        config = {column: st.column_config.Column(width=width) for column, width in widths.items()}
        tables.show(plan_rows, config, key="person.plan")
        download_table(plan_rows, "credit_file", f"next_tier_{person.person_id}", view.working, view.as_of)
    elif plan.outcome == "no_route":
        st.warning(t("person.next_no_route", target=tier_names[plan.target], horizon=fmt.date(plan.horizon)))
    else:
        st.caption(t(f"person.next_{plan.outcome}"))
    return plan
