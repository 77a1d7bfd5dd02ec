"""Rules & weights: the rule table, base score, dimension caps and eligibility, edited in one
form. Apply re-scores at once; a bad cell is named and nothing is applied; the diff against the
chosen preset or scenario shows every change, which is now an assumption.

Apply, Reset and the upload act in callbacks (they run before the script, so a rerun cannot
lose them); their messages wait in session state. A point value or cap larger than the whole
score range is held back with a warning until Apply anyway confirms it."""

import streamlit as st

from scoring.rulebook import RulebookError, parse_rulebook_bytes
from scoring.tuning.diff import diff_rulebooks
from scoring.tuning.editing import (
    EditError,
    apply_rule_edits,
    apply_settings,
)
from scoring.tuning.oversized import oversized_values
from ui import editors, problems, rulebooks
from ui.export import download_table, yaml_file_name
from ui.frame import frame, scores_of
from ui.i18n import current_language, plural, t
from ui.plain import plain
from ui.tables import EMPTY

PROBLEMS = "rules.problems"
UPLOADED = "rules.uploaded"  # which file the working copy came from, said once after the upload
OVERSIZED = "rules.oversized"  # values held back by the last Apply, shown once


def _done(choice: str, rulebook=None) -> None:
    """Keep the new working copy (None: back to the chosen rulebook) and start fresh inputs."""
    if rulebook is None:
        rulebooks.reset()
    else:
        rulebooks.set_working(choice, rulebook)
    st.session_state["rules.version"] += 1
    st.session_state.pop(PROBLEMS, None)
    st.session_state.pop(UPLOADED, None)


def apply_edits(choice: str, version: int, confirmed: bool = False) -> None:
    working = rulebooks.current(choice)
    try:
        table = editors.rules_frame(working.rulebook)
        edits = editors.editor_edits(table, st.session_state[f"rules.editor.{version}"])
        edited = apply_rule_edits(
            working.rulebook,
            editors.library_edits(working.rulebook, edits, current_language()),
            preset=working.baseline,
        )
        settings = editors.settings_values(working.rulebook, key=f"rules.settings.{version}")
        edited = apply_settings(edited, **settings, preset=working.baseline)
    except EditError as error:
        st.session_state[PROBLEMS] = t("rules.invalid", problems=problems.listed(error.problems))
        return
    before = oversized_values(working.rulebook)
    new = [found for found in oversized_values(edited) if found not in before]
    if new and not confirmed:
        st.session_state.pop(PROBLEMS, None)
        st.session_state[OVERSIZED] = editors.oversized_message(new, edited, held=True)
        return
    _done(choice, edited)


def upload(choice: str, key: str) -> None:
    file = st.session_state.get(key)
    if file is None:
        return
    try:
        _done(choice, parse_rulebook_bytes(file.getvalue(), file.name))
        changes = rulebooks.current(choice).changes
        st.session_state[UPLOADED] = plural("rules.uploaded", changes, name=plain(file.name), changes=changes)
    except RulebookError as error:
        found = t("problem.in_file", file=plain(file.name), problem=problems.first_of(error.problems))
        st.session_state[PROBLEMS] = t("rules.upload_invalid", problems=found)


view = frame()
working = view.working
st.title(t("rules.title"))
st.caption(t("rules.intro"))

version = st.session_state.setdefault("rules.version", 0)
with st.form(f"rules.form.{version}", border=False):
    st.subheader(t("rules.table_heading"))
    st.data_editor(
        editors.mark_changes(editors.rules_frame(working.rulebook), working.rulebook, working.baseline),
        num_rows="fixed",
        disabled=list(editors.READ_ONLY),
        hide_index=True,
        column_config=editors.rule_columns(working.rulebook),
        column_order=editors.rule_column_order(),
        placeholder=EMPTY,
        key=f"rules.editor.{version}",
    )
    st.caption(t("rules.status_note"))
    st.subheader(t("rules.settings_heading"))
    editors.settings_inputs(working.rulebook, key=f"rules.settings.{version}")
    held = st.session_state.pop(OVERSIZED, None)
    if held:
        st.warning(held, icon=":material/warning:")
    elif kept := oversized_values(working.rulebook):
        st.warning(editors.oversized_message(kept, working.rulebook), icon=":material/warning:")
    left, middle, right = st.columns([1, 1, 3])
    left.form_submit_button(
        t("rules.apply"), type="primary", icon=":material/check:", key="rules.apply",
        on_click=apply_edits, args=(working.choice, version),
    )  # fmt: skip
    if held:
        middle.form_submit_button(
            t("rules.apply_anyway"), icon=":material/warning:", key="rules.apply_anyway",
            on_click=apply_edits, args=(working.choice, version, True),
        )  # fmt: skip
    # Always offered: typed cells (refused, held back or not yet applied) differ from the rules in
    # force even when those are the chosen rulebook's, and only this button takes them back.
    right.form_submit_button(
        t("rules.reset" if working.edited else "rules.discard"), icon=":material/undo:", key="rules.reset",
        on_click=_done, args=(working.choice,),
    )  # fmt: skip
if refused := st.session_state.get(PROBLEMS):
    st.error(refused, icon=":material/error:")
if uploaded := st.session_state.pop(UPLOADED, None):
    st.success(uploaded, icon=":material/upload_file:")
editors.effect_metrics(view.result, scores_of(view, rulebooks.current_baseline(working)))

st.subheader(t("rules.diff_heading", changes=working.changes))
diff = diff_rulebooks(working.baseline, working.rulebook)
if diff.empty:
    st.info(t("rules.no_changes"))
else:
    changes = editors.diff_table(diff, working.baseline, working.rulebook)
    st.dataframe(
        editors.diff_display(changes), hide_index=True, placeholder=EMPTY, column_order=editors.diff_order(),
        key="rules.diff",
    )  # fmt: skip
    download_table(changes, "rules", "changes", working, view.as_of)

st.subheader(t("rules.yaml_heading"))
down, up = st.columns(2)
down.download_button(
    t("rules.download_yaml"),
    data=editors.yaml_download(working.rulebook),
    file_name=yaml_file_name(working),
    mime="application/x-yaml",
    icon=":material/download:",
    on_click="ignore",
    key="rules.download_yaml",
)
upload_key = f"rules.upload.{version}"
up.file_uploader(
    t("rules.upload_yaml"), type=["yaml", "yml"], key=upload_key, on_change=upload, args=(working.choice, upload_key)
)
