"""Tiers & thresholds: a cut-off per tier (absolute score or quantile share), tier shares
overall and per key group or district, and the threshold sweep. Everything below the title is
one fragment: moving a cut-off reruns only it (tiers never need a re-score of the points)."""

import streamlit as st

from scoring.tuning import thresholds
from scoring.tuning.editing import EditError, set_tier_cutoffs
from ui import charts, editors, fmt, plots, problems, rulebooks, tables
from ui.controls import breakdown_picker
from ui.export import chart_file, download_table
from ui.frame import View, frame, scores_of
from ui.i18n import t

MODES = ("absolute", "quantile")


def apply_cutoffs(view: View, working, result, mode: str, values: dict[str, float]):
    """The typed cut-offs in force, or refused and kept on screen with their problems."""
    editors.accept_cutoffs()
    if thresholds.same_cutoffs(working.rulebook, result, mode, values):
        return working, result
    try:
        edited = set_tier_cutoffs(working.rulebook, mode, values, preset=working.baseline)
    except EditError as error:
        editors.refuse_cutoffs(working, mode, error.problems)
        return working, result
    was_edited, working = working.edited, rulebooks.set_working(working.choice, edited)
    if working.edited != was_edited:
        st.rerun(scope="app")  # the frame's "edited" badge appears or goes
    return working, scores_of(view, working)


@st.fragment
def tiers_section(view: View) -> None:
    """Mode and cut-off inputs, the shares they give, and the sweep of one tier's cut-off."""
    working = rulebooks.current(view.working.choice)  # a fragment rerun sees the newest copy
    result = scores_of(view, working)
    if typed := editors.edited_cutoffs(working.rulebook):  # only a value the reader changed applies
        working, result = apply_cutoffs(view, working, result, *typed)
    editors.sync_cutoffs(working, result)
    labels = {m: t(f"tiers.mode.{m}") for m in MODES}
    mode = st.segmented_control(
        t("tiers.mode"), MODES, format_func=labels.__getitem__, required=True, key=editors.MODE,
        on_change=editors.mode_switched,
    )  # fmt: skip
    st.caption(t(f"tiers.mode_help.{mode}"))
    editors.cutoff_inputs(working.rulebook, mode)
    if refused := editors.cutoff_problems(working):
        st.error(t("tiers.invalid", problems=problems.listed(refused)), icon=":material/error:")

    names = fmt.tier_names(working.rulebook)
    st.subheader(t("tiers.shares_heading"))
    shares = thresholds.tier_shares(result)
    baseline = thresholds.tier_shares(scores_of(view, rulebooks.current_baseline(working)))
    cols = st.columns(len(result.tier_ids) + 1)
    for col, tier in zip(cols, [*result.tier_ids, thresholds.UNSCORED], strict=True):
        share, before = shares.at["all", tier], baseline.at["all", tier]
        moved = t("unit.pp", value=f"{100 * (share - before):+.1f}") if abs(share - before) >= 5e-4 else None
        col.metric(
            t("tier.unscored") if tier == thresholds.UNSCORED else names[tier],
            fmt.percent(share),
            moved,
            delta_color="off",
        )
    st.caption(t("tiers.shares_note"))

    breakdown = breakdown_picker(t("tiers.by"), key="tiers.by", options=("key_group", "district"))
    split = view.population[breakdown]
    labels = [fmt.category(breakdown, i) for i in split.ids]
    table = tables.share_table(thresholds.tier_shares(result, split.codes, labels), t(f"dim.{breakdown}"), names)
    shown_as = tables.share_columns(names)
    tables.show(table, shown_as)
    download_table(table, "tiers", f"shares_{breakdown}", working, view.as_of, shown_as)

    st.subheader(t("tiers.sweep_heading"))
    moving = st.selectbox(
        t("tiers.sweep_tier"), result.tier_ids[:-1], format_func=names.__getitem__, key="tiers.sweep_tier"
    )
    values = thresholds.sweep_values(result, moving)
    sweep = thresholds.sweep_cutoff(
        result.score, result.eligible, result.cutoffs, result.tier_ids, moving, values,
        floor=result.veto_floor,
    )  # fmt: skip
    current = float(result.cutoffs[list(result.tier_ids).index(moving)])
    file = chart_file("tiers", f"sweep_{moving}", t("tiers.sweep_heading"), working, view.as_of)
    plots.draw(charts.sweep(sweep, names, moving, current), key="tiers.sweep", file=file)
    st.caption(t("tiers.sweep_note", tier=names[moving]))
    download_table(
        tables.sweep_table(sweep, names), "tiers", f"sweep_{moving}", working, view.as_of, tables.sweep_columns(names)
    )


view = frame()
st.title(t("tiers.title"))
tiers_section(view)
