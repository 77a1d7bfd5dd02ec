"""Scenarios: save the working rulebook as an immutable, hash-addressed version; list, load,
approve and delete drafts; a share link that reopens the same view for another user.

The buttons act in callbacks (run before the script, so a rerun cannot lose them); their
messages wait in session state until shown. Every store outcome is reported as it happened:
content already stored is named, not "saved" again; a store that cannot be opened is one
message, read-only leaves listing and loading."""

from urllib.parse import urlencode

import streamlit as st

from scoring.store import StoreUnavailable
from scoring.tuning import scenarios
from ui import data, fmt, rulebooks, tables
from ui.frame import frame
from ui.i18n import current_language, t
from ui.plain import plain

MESSAGE = "scen.message"


def _load(scenario_hash: str, message: tuple[str, str] | None = None) -> None:
    """Make the scenario the working rulebook, and the one the list below acts on."""
    st.session_state["preset"] = rulebooks.scenario_choice(scenario_hash)
    st.session_state["scen.pick"] = scenario_hash
    st.session_state.pop("share_error", None)
    rulebooks.reset()
    st.session_state[MESSAGE] = message


def save(choice: str) -> None:
    working, name = rulebooks.current(choice), st.session_state.get("scen.name", "").strip()
    if not name:
        st.session_state[MESSAGE] = ("error", t("scen.name_required"))
        return
    try:
        saved = scenarios.save_scenario(data.store(), working.rulebook, name, st.session_state.get("scen.note") or None)
    except scenarios.AlreadySaved as already:
        text = t("scen.already_saved", name=plain(already.name), hash=scenarios.short_hash(already.scenario_hash))
        st.session_state[MESSAGE] = ("already", text, already.scenario_hash)
    except scenarios.ScenarioError as error:
        st.session_state[MESSAGE] = ("error", t("scen.save_failed", message=plain(str(error))))
    except StoreUnavailable as error:
        st.session_state[MESSAGE] = ("error", t(f"store.{error.reason}"))
    else:
        _load(saved, ("success", t("scen.saved", name=plain(name), hash=scenarios.short_hash(saved))))


def act(action: str) -> None:
    chosen, st.session_state[MESSAGE] = st.session_state.get("scen.pick"), None
    if action == "load":
        _load(chosen)
        return
    try:
        if action == "approve":
            scenarios.approve(data.store(), chosen)
        else:
            scenarios.delete_draft(data.store(), chosen)
            data.forget_scenario(chosen)
            st.session_state[MESSAGE] = ("success", t("scen.deleted", hash=scenarios.short_hash(chosen)))
    except scenarios.UnknownScenario:
        data.forget_scenario(chosen)
        st.session_state[MESSAGE] = ("error", t("scen.gone", hash=scenarios.short_hash(chosen)))
    except scenarios.ScenarioError:
        st.session_state[MESSAGE] = ("error", t("scen.delete_approved"))
    except StoreUnavailable as error:
        st.session_state[MESSAGE] = ("error", t(f"store.{error.reason}"))


def _message() -> None:
    message = st.session_state.get(MESSAGE)
    if not message:
        return
    if message[0] == "success":
        st.success(message[1], icon=":material/check_circle:")
    elif message[0] == "already":
        st.warning(message[1], icon=":material/content_copy:")
        st.button(t("scen.load_existing"), icon=":material/upload:", key="scen.load_existing", on_click=_load,
                  args=(message[2],))  # fmt: skip
    else:
        st.error(message[1], icon=":material/error:")


view = frame()
working = view.working
st.title(t("scen.title"))
try:
    store = data.store()
except StoreUnavailable as unavailable:
    st.error(t(f"store.{unavailable.reason}"), icon=":material/database:")
    st.stop()
if store.read_only:
    st.info(t("store.read_only"), icon=":material/lock:")

st.subheader(t("scen.save_heading"))
with st.form("scen.save_form"):
    st.text_input(t("scen.name"), max_chars=120, key="scen.name")
    st.text_area(t("scen.note"), max_chars=2000, height=80, key="scen.note")
    st.form_submit_button(
        t("scen.save"), type="primary", icon=":material/save:", key="scen.save", on_click=save, args=(working.choice,),
        disabled=store.read_only,
    )  # fmt: skip
_message()

st.subheader(t("scen.share_heading"))
current = rulebooks.choice_scenario(working.choice)
if current and not working.edited:
    query = scenarios.share_query(current, view.people, view.seed, view.as_of, current_language())
    root = (st.context.url or "").split("?")[0].removesuffix("/scenarios").removesuffix("/")  # the overview
    st.code(f"{root}/?{urlencode(query)}", language=None, wrap_lines=True)
    st.caption(t("scen.share_note"))
else:
    st.info(t("scen.share_unsaved"))

st.subheader(t("scen.list_heading"))
listed = scenarios.list_scenarios(store)
if listed.empty:
    st.info(t("scen.none"))
else:
    tables.show(tables.scenario_table(listed))
    labels = {
        h: t("frame.scenario_option", name=n, hash=scenarios.short_hash(h))
        for h, n in zip(listed["hash"], listed["name"], strict=True)
    }
    chosen = st.selectbox(t("scen.pick"), list(labels), format_func=labels.__getitem__, key="scen.pick")
    row = listed.set_index("hash").loc[chosen]
    picked = t("frame.scenario_option", name=plain(row["name"]), hash=scenarios.short_hash(chosen))
    cols = st.columns([1, 1, 1, 3])
    cols[0].button(t("scen.load"), icon=":material/upload:", key="scen.load", on_click=act, args=("load",))
    # Approval cannot be undone and deletion loses the version: each asks once, naming the scenario.
    settled = store.read_only or row.state == "approved"
    with cols[1].popover(t("scen.approve"), icon=":material/verified:", disabled=settled):
        st.warning(t("scen.approve_confirm", scenario=picked))
        st.button(t("scen.approve_yes"), type="primary", key="scen.approve", on_click=act, args=("approve",),
                  disabled=settled)  # fmt: skip
    with cols[2].popover(t("scen.delete"), icon=":material/delete:", disabled=settled):
        st.warning(t("scen.delete_confirm", scenario=picked))
        st.button(t("scen.delete_yes"), type="primary", key="scen.delete", on_click=act, args=("delete",),
                  disabled=settled)  # fmt: skip
    st.caption(t("scen.state_note", state=t(f"scen.state.{row.state}"), created=fmt.date(row.created_at)))
