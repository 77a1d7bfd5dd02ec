"""Credit file (issue 14): find a person (by person id, full or masked ID number, name, or from a
filtered list), then their file: who they are (ID number masked), whether and why they are
scored, score, tier, lists, incentives and sanctions, the waterfall from the base score, every
record with its status and window, the caps and vetoes that bound the result in words, and what
would move them up a tier. The person is part of the address (`?person=`)."""

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from scoring.identity_numbers import mask_id_number
from scoring.person.file import credit_file
from scoring.person.next_tier import next_tier
from scoring.person.search import Query, matches, parse_query
from scoring.problems import Refusal
from synthetic.identity import identities, people_with_id_number
from ui import credit_file_charts, credit_file_export, credit_file_tables, fmt, plots, tables
from ui.export import chart_file, download_table
from ui.frame import frame
from ui.i18n import current_language, t
from ui.objection_panel import objection_panel
from ui.plain import bold, plain

PAGE_SIZE = 20
INDEX_LIMIT = 2000  # people of a filtered list whose identities a name or masked-number search draws

view = frame()
working, rulebook, result = view.working, view.rulebook, view.result
people, n_people = view.dataset.people, view.compiled.n_people
tier_names = fmt.tier_names(rulebook)
lang = current_language()  # bound into format_func: AppTest calls it outside the session
st.title(t("person.title"))
st.caption(t("person.intro"))


def refusal_text(refusal: Refusal) -> str:
    return t(f"person.problem.{refusal.code}", **refusal.params)


def open_person(person_id: int) -> None:
    st.session_state["person.id"] = person_id


if "person.id" not in st.session_state:  # a link reopens its person once; the URL then follows the page
    st.session_state["person.id"] = None
    if (raw := st.query_params.get("person")) is not None:
        try:
            query = parse_query(raw, n_people)
            if query.kind != "person_id":
                raise Refusal("link_not_id", "the link's person is a person id")
            open_person(int(query.value))
        except Refusal as refusal:
            st.error(t("person.link_problem", problem=refusal_text(refusal), value=plain(raw[:40])))

# --- the filtered list ---------------------------------------------------------------------------
st.subheader(t("person.list_heading"))
columns = st.columns(4)
groups = {
    "district": view.dataset.catalogues.district_ids,
    "key_group": view.dataset.catalogues.key_group_ids,
}
chosen = {}


def group_option(field: str, group: str | None) -> str:
    return t("person.all", lang) if group is None else fmt.category(field, group, lang)


for column, (field, ids) in zip(columns[:2], groups.items(), strict=True):
    chosen[field] = column.selectbox(
        t(f"dim.{field}"), (None, *ids), format_func=partial(group_option, field), key=f"person.filter.{field}"
    )
listed = columns[2].selectbox(
    t("person.col.lists"), (None, "red", "black", "none"), key="person.filter.list",
    format_func=lambda k: t("person.all", lang) if k is None else t(f"person.list.{k}", lang),
)  # fmt: skip
tier = columns[3].selectbox(
    t("person.col.tier"), (None, *result.tier_ids, "unscored"), key="person.filter.tier",
    format_func=lambda k: t("person.all", lang) if k is None else tier_names.get(k, t("person.unscored", lang)),
)  # fmt: skip
mask = np.ones(n_people, dtype=bool)
for field, value in chosen.items():
    if value is not None:
        mask &= people[field].to_numpy() == value
if listed == "none":
    mask &= ~(result.red_list | result.black_list)
elif listed is not None:
    mask &= result.red_list if listed == "red" else result.black_list
if tier == "unscored":
    mask &= result.tier < 0
elif tier is not None:
    mask &= result.tier == result.tier_ids.index(tier)
selected = np.flatnonzero(mask)
pages = max(1, -(-len(selected) // PAGE_SIZE))
page = st.number_input(t("person.page", pages=pages), min_value=1, max_value=pages, step=1, key="person.page") - 1
shown = selected[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
st.caption(t("person.list_count", people=fmt.count(len(selected))))
if len(shown):
    rows = pd.DataFrame(
        {
            "person_id": shown,
            "district": people["district"].to_numpy()[shown].astype(str),
            "key_group": people["key_group"].to_numpy()[shown].astype(str),
            "score": result.score[shown],
            "tier": [result.tier_ids[x] if x >= 0 else "" for x in result.tier[shown]],
            "red": result.red_list[shown],
            "black": result.black_list[shown],
        }
    )
    listing = credit_file_tables.people_table(rows, identities(people, shown, view.seed), tier_names)
    tables.show(listing, key="person.list_table")
    download_table(listing, "credit_file", f"people_page_{page + 1}", working, view.as_of)
    pick = st.selectbox(t("person.open"), (None, *shown.tolist()), key="person.pick",
                        format_func=lambda p: "—" if p is None else t("person.option", lang, person=p))  # fmt: skip
    if pick is not None and pick != st.session_state["person.id"]:
        open_person(int(pick))

# --- search ----------------------------------------------------------------------------------------
st.subheader(t("person.search_heading"))
st.caption(t("person.search_note", limit=fmt.count(INDEX_LIMIT)))
text = st.text_input(t("person.search"), key="person.query", max_chars=40, help=t("person.search_help"))
if text and text != st.session_state.get("person.searched"):  # Enter searches once per new text
    st.session_state["person.searched"] = text
    st.session_state.pop("person.found", None)
    try:
        query: Query = parse_query(text, n_people)
        if query.kind == "person_id":
            found = [int(query.value)]
        elif query.kind == "id_number":
            found = people_with_id_number(people, str(query.value), view.seed)
        else:
            found = matches(identities(people, selected[:INDEX_LIMIT], view.seed), query)
        if not found:
            st.warning(t(f"person.not_found.{query.kind}"))
        elif len(found) == 1:
            open_person(found[0])
        else:
            st.info(t("person.several", count=len(found)))
            st.session_state["person.found"] = found[:PAGE_SIZE]
    except Refusal as refusal:
        st.error(refusal_text(refusal))
if found_many := st.session_state.get("person.found"):
    choice = st.selectbox(t("person.open"), (None, *found_many), key="person.found_pick",
                          format_func=lambda p: "—" if p is None else t("person.option", lang, person=p))  # fmt: skip
    if choice is not None and choice != st.session_state["person.id"]:
        open_person(int(choice))

# --- the file ------------------------------------------------------------------------------------
person_id = st.session_state["person.id"]
if person_id is None:
    st.query_params.pop("person", None)
    st.info(t("person.none_chosen"))
    st.stop()
st.query_params["person"] = str(person_id)
file = credit_file(result, view.dataset, person_id)
identity = identities(people, [person_id], view.seed).iloc[0]
masked = mask_id_number(identity["id_number"])
st.header(t("person.file_heading", name=plain(identity["name"]), id_number=masked, person=person_id))
st.caption(
    t(
        "person.who", district=fmt.category("district", file.district), group=fmt.category("key_group", file.key_group),
        gender=t(f"gender.{file.gender}"), age=file.age, hukou=t(f"hukou.{file.hukou}"),
    )
)  # fmt: skip
st.markdown(bold(t("person.eligible_yes" if file.eligible else "person.eligible_no")))
st.markdown(
    "\n".join(
        f"- {t('person.met' if r.met else 'person.not_met')} {credit_file_tables.reason_text(r)}" for r in file.reasons
    )
)

one, two, three = st.columns(3)
one.metric(t("person.col.score"), "—" if file.score is None else fmt.number(file.score, 1))
two.metric(t("person.col.tier"), t("person.unscored") if file.tier is None else tier_names[file.tier])
three.metric(t("person.col.lists"), t("lists.separator").join(t(f"person.list.{k}") for k in file.lists) or "—")
incentives = [fmt.name(i.title) for i in rulebook.incentives if i.id in file.incentives]
sanctions = [fmt.name(s.title) for s in rulebook.sanctions if s.id in file.sanctions]
st.markdown(t("person.incentives", names=t("lists.separator").join(incentives) or t("person.none")))
st.markdown(t("person.sanctions", names=t("lists.separator").join(sanctions) or t("person.none")))

if file.steps:
    st.subheader(t("person.waterfall_heading"))
    steps = list(file.steps)
    labels = credit_file_tables.step_labels(steps, rulebook)
    measures = ["absolute" if s.kind in ("base", "score") else "relative" for s in steps]
    figure = credit_file_charts.waterfall(labels, [s.value for s in steps], measures, t("person.col.points"))
    plots.draw(
        figure,
        key="person.waterfall",
        file=chart_file("credit_file", "waterfall", t("person.waterfall_heading"), working, view.as_of),
    )
    step_table = credit_file_tables.steps_table(steps, rulebook)
    decimals = {t("person.col.points"): 1, t("person.col.running"): 1}
    tables.show(step_table, decimals=decimals, key="person.steps")
    download_table(step_table, "credit_file", f"waterfall_{person_id}", working, view.as_of)

    st.subheader(t("person.bounds_heading"))
    if file.bounds:
        st.markdown("\n".join(f"- {credit_file_tables.bound_text(b, rulebook, tier_names)}" for b in file.bounds))
    else:
        st.caption(t("person.no_bounds"))

st.subheader(t("person.records_heading", count=len(file.records)))
st.caption(t("person.records_note"))
record_table = credit_file_tables.records_table(file.records, rulebook)
tables.show(record_table, decimals={t("person.col.quantity"): 0}, key="person.records")
download_table(record_table, "credit_file", f"records_{person_id}", working, view.as_of)
for row in file.listings.itertuples():
    st.caption(
        t(
            "person.listing",
            list=t(f"person.list.{row.list}"),
            type=credit_file_tables.type_name(row.record_type),
            since=fmt.date(row.listed_on),
        )
    )

st.subheader(t("person.next_heading"))
plan = next_tier(result, view.dataset, person_id)
if plan.outcome == "planned":
    st.markdown(
        t("person.next_planned", target=tier_names[plan.target], cutoff=fmt.number(plan.cutoff, 0),
          day=fmt.date(plan.reached_on), actions=len(plan.actions), score=fmt.number(plan.score_after, 1))
    )  # fmt: skip
    plan_rows = credit_file_tables.plan_table(plan, rulebook)
    tables.show(plan_rows, key="person.plan")
    download_table(plan_rows, "credit_file", f"next_tier_{person_id}", working, view.as_of)
elif plan.outcome == "no_route":
    st.warning(t("person.next_no_route", target=tier_names[plan.target], horizon=fmt.date(plan.horizon)))
else:
    st.caption(t(f"person.next_{plan.outcome}"))

credit_file_export.export_buttons(view, file, identity, plan)
objection_panel(view, person_id)
