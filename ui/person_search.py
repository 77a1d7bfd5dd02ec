"""Choosing the credit file's person: a link's `?person=`, a filtered list shown a page at a time,
or a search box (person number, full or masked ID number, name). The choice is kept in the
session (`person.id`) and the address follows it, so a reload reopens the same file.

Only widget state lives here: the list's people come from scoring/person/people_list.py, a
query's meaning from scoring/person/search.py, identities from synthetic/identity.py (drawn for
the rows shown, or the first INDEX_LIMIT people of the list for a name or masked number).
"""

from __future__ import annotations

from functools import partial

import numpy as np
import streamlit as st

from scoring.person.people_list import UNSCORED, PeopleFilter, filtered_people, page_rows
from scoring.person.search import Query, matches, parse_query
from scoring.problems import Refusal
from synthetic.identity import identities, people_with_id_number
from ui import credit_file_tables, fmt, links, tables
from ui.export import download_table
from ui.frame import View
from ui.i18n import current_language, t
from ui.plain import plain

PAGE_SIZE = 20
INDEX_LIMIT = 2000  # people of a filtered list whose identities a name or masked-number search draws
KEY = "person.id"


def reopen_from_link(view: View) -> None:
    """On the session's first run, the link's person (a person number) is opened once; from then
    on the address follows the page."""
    if KEY in st.session_state:
        return
    st.session_state[KEY] = None
    if (raw := st.query_params.get("person")) is None:
        return
    try:
        query = parse_query(raw, view.compiled.n_people)
        if query.kind != "person_id":
            raise Refusal("link_not_id", "the link's person is a person id")
        _open(int(query.value))
    except Refusal as refusal:
        st.error(t("person.link_problem", problem=_refusal_text(refusal), value=plain(raw[:40])))


def filtered_list(view: View) -> np.ndarray:
    """The filters, the count, one page of the people matching them (ID numbers masked) with its
    download, and a picker that opens one; returns everyone matching, for the search box."""
    st.subheader(t("person.list_heading"))
    selected = filtered_people(view.result, _filters(view))
    pages = max(1, -(-len(selected) // PAGE_SIZE))
    page = st.columns(4)[0].number_input(
        t("person.page", pages=pages), min_value=1, max_value=pages, step=1, key="person.page"
    )
    shown = selected[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    st.caption(t("person.list_count", people=fmt.count(len(selected))))
    if len(shown):
        rows = page_rows(view.result, shown)
        listing = credit_file_tables.people_table(
            rows, identities(view.dataset.people, shown, view.seed), fmt.tier_names(view.rulebook)
        )
        names = {t(c): tables.text_column() for c in ("dim.district", "dim.key_group")}  # read whole, not clipped
        tables.show(listing, names, decimals={t("person.col.score"): 1}, key="person.list_table")
        download_table(listing, "credit_file", f"people_page_{page}", view.working, view.as_of)
        _picker(shown.tolist(), "person.pick")
    return selected


def search_box(view: View, selected: np.ndarray) -> None:
    """The search box: Enter searches once per new text; one match opens it, several are offered."""
    st.subheader(t("person.search_heading"))
    st.caption(t("person.search_note", limit=fmt.count(INDEX_LIMIT)))
    text = st.text_input(t("person.search"), key="person.query", max_chars=40, help=t("person.search_help"))
    if text and text != st.session_state.get("person.searched"):
        st.session_state["person.searched"] = text
        st.session_state.pop("person.found", None)
        try:
            _answer(view, parse_query(text, view.compiled.n_people), selected)
        except Refusal as refusal:
            st.error(_refusal_text(refusal))
    if found := st.session_state.get("person.found"):
        _picker(found, "person.found_pick")


def chosen() -> int | None:
    """The person whose file is open, written into the address (or taken out of it)."""
    person = st.session_state[KEY]
    if person is None:
        links.drop("person")
    else:
        links.keep({"person": str(person)})
    return person


def _filters(view: View) -> PeopleFilter:
    lang = current_language()  # bound into format_func: AppTest calls it outside the session
    catalogues, tier_names = view.dataset.catalogues, fmt.tier_names(view.rulebook)
    district, group, listed, tier = st.columns(4)

    def shown(named, key: str | None) -> str:
        return t("person.all", lang) if key is None else named(key)

    return PeopleFilter(
        district=district.selectbox(
            t("dim.district"), (None, *catalogues.district_ids), key="person.filter.district",
            format_func=partial(shown, lambda k: fmt.category("district", k, lang)),
        ),
        key_group=group.selectbox(
            t("dim.key_group"), (None, *catalogues.key_group_ids), key="person.filter.key_group",
            format_func=partial(shown, lambda k: fmt.category("key_group", k, lang)),
        ),
        listed=listed.selectbox(
            t("person.col.lists"), (None, "red", "black", "none"), key="person.filter.list",
            format_func=partial(shown, lambda k: t(f"person.list.{k}", lang)),
        ),
        tier=tier.selectbox(
            t("person.col.tier"), (None, *view.result.tier_ids, UNSCORED), key="person.filter.tier",
            format_func=partial(shown, lambda k: tier_names.get(k, t("person.unscored", lang))),
        ),
    )  # fmt: skip


def _answer(view: View, query: Query, selected: np.ndarray) -> None:
    if query.kind == "person_id":
        found = [int(query.value)]
    elif query.kind == "id_number":
        found = people_with_id_number(view.dataset.people, str(query.value), view.seed)
    else:
        found = matches(identities(view.dataset.people, selected[:INDEX_LIMIT], view.seed), query)
    if not found:
        st.warning(t(f"person.not_found.{query.kind}"))
    elif len(found) == 1:
        _open(found[0])
    else:
        st.info(t("person.several", count=len(found)))
        st.session_state["person.found"] = found[:PAGE_SIZE]


def _picker(people: list[int], key: str) -> None:
    """A select box of person numbers; choosing one opens their file."""
    lang = current_language()
    pick = st.selectbox(
        t("person.open"), (None, *people), key=key,
        format_func=lambda p: "—" if p is None else t("person.option", lang, person=p),
    )  # fmt: skip
    if pick is not None and pick != st.session_state[KEY]:
        _open(int(pick))


def _open(person_id: int) -> None:
    st.session_state[KEY] = person_id


def _refusal_text(refusal: Refusal) -> str:
    return t(f"person.problem.{refusal.code}", **refusal.params)
