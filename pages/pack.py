"""The evaluation pack (issue 17): one export for a review meeting of everything the evaluation
pages show about the working rulebook: method, rulebook with statuses and sources,
distributions, the comparison with a chosen baseline, fairness, validity, the checks and the
assumptions. Built on request behind a progress bar, section by section (at 1 M people the null
population for validity is the longest stage), then offered as PDF, HTML and JSON of the same
figures (scoring/pack.py gathers them, ui/pack_export.py words them)."""

import json

import streamlit as st

from scoring.pack import SECTIONS, PackInputs, assemble_pack, pack_json, stages
from ui import data, fmt, rulebooks, validity_data
from ui.export import file_stem
from ui.frame import frame, scores_of
from ui.i18n import current_language, t
from ui.pack_export import heading, pack_document
from ui.report import download_report

BUILT = "pack.built"  # (question, pack) of the last build in this session
REQUESTED = "pack.requested"

view = frame()
working = view.working
lang = current_language()  # bound into format_func: AppTest calls it outside the session
st.title(t("pack.page_title"))
st.caption(t("pack.intro"))

left, right = st.columns([1, 2])
baseline = rulebooks.baseline_picker(t("pack.baseline"), "pack.baseline", working, left)
choice = baseline.choice
chosen = right.multiselect(t("pack.sections"), SECTIONS, default=list(SECTIONS),
                           format_func=lambda s: t(f"pack.section.{s}", lang), key="pack.sections")  # fmt: skip
question = (view.people, view.seed, view.as_of, working.hash, choice, tuple(chosen))
if baseline.hash == working.hash and "comparison" in chosen:
    st.warning(t("pack.same_baseline"))

# A callback, not the button's value: it runs before the script, so no rerun can lose it (ui/spread.py).
st.button(t("pack.build"), type="primary", icon=":material/summarize:", key="pack.build", disabled=not chosen,
          on_click=st.session_state.__setitem__, args=(REQUESTED, True))  # fmt: skip
if st.session_state.pop(REQUESTED, False) and chosen:
    steps = stages(chosen)
    bar = st.progress(0.0, text=t("pack.progress", stage=""))

    def _report(stage: str, fraction: float, detail: str) -> None:
        name = t("pack.stage.null") if stage == "null" else heading(stage)
        done = (steps.index(stage) + min(max(fraction, 0.0), 1.0)) / len(steps)
        text = t("pack.progress_detail", stage=name, detail=detail) if detail else t("pack.progress", stage=name)
        bar.progress(done, text=text)

    truth_date = fmt.to_date(view.dataset.data_as_of)
    inputs = PackInputs(
        rulebook=view.rulebook, rulebook_id=working.choice, baseline=baseline.rulebook, baseline_id=choice,
        dataset=view.dataset, population=view.population, as_of=view.as_of, people=view.people, seed=view.seed,
        result=lambda: view.result, baseline_result=lambda: scores_of(view, baseline),
        truth_result=lambda: data.scored(view.people, view.seed, truth_date, working.hash, view.rulebook),
        null_dataset=lambda progress: validity_data.null_dataset(view.people, view.seed, progress),
        rulebook_changes=working.changes,
    )  # fmt: skip
    st.session_state[BUILT] = (question, assemble_pack(inputs, chosen, _report))
    bar.empty()

built = st.session_state.get(BUILT)
if built is not None and built[0] != question:
    st.info(t("pack.outdated"))
elif built is not None:
    pack = built[1]
    st.success(t("pack.built", people=fmt.count(view.people), date=fmt.date(view.as_of), sections=len(pack.sections)))
    document = pack_document(pack, working, baseline)
    stem = file_stem("pack", f"evaluation_{lang}", working, view.as_of, baseline=baseline)
    download_report(document, stem, key="pack.report")
    st.container(horizontal=True).download_button(
        t("pack.download_json"),
        data=lambda: json.dumps(pack_json(pack), ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8"),
        file_name=f"{stem}.json",
        mime="application/json",
        icon=":material/data_object:",
        on_click="ignore",
        key="pack.json",
    )
    st.caption(t("pack.json_note"))
