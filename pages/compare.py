"""Reform against baseline: two rulebooks on the same people and as-of date, who moves between
tiers, winners and losers per group, score changes, eligibility, vetoes, incentives, and every
parameter that differs.

The filters and what they select sit in one fragment (as on the Distributions page): a filter
change reruns that part only. Every figure comes from a pure function in scoring/analyses/.
"""

import streamlit as st

from scoring.analyses import summaries
from scoring.analyses.eligibility_changes import eligibility_changes
from scoring.analyses.incentives import incentive_changes
from scoring.analyses.movers import MOVES, LaddersDiffer, by_net_gain, move_shares, tier_moves
from scoring.analyses.rank_changes import rank_changes
from scoring.analyses.score_changes import ScalesDiffer, score_changes
from scoring.analyses.small_cells import DEFAULT_MINIMUM, Hidden, hidden_cells, hide_small_cells
from scoring.analyses.transitions import row_shares, tier_transitions
from scoring.analyses.vetoes import veto_crossings
from ui import charts, compare, editors, fmt, plots, spread, tables
from ui.controls import breakdown_filters, breakdown_picker, choice_picker
from ui.export import chart_file, download_table
from ui.frame import View, frame, scores_of
from ui.i18n import t
from ui.plain import bold

PAGE = "compare"
MATRIX_VIEWS = ("shares", "counts")
BOTH = ("rows", "columns")  # a table whose row and column totals a reader knows


def _chart(view: View, sides: compare.Sides, chart: str, heading: str) -> plots.ChartFile:
    """A chart's downloads, named as the page's tables are (baseline and reform) and titled as shown."""
    title = f"{t(heading)}: {sides.reform_label} / {sides.baseline_label}"
    return chart_file(PAGE, chart, title, sides.reform, view.as_of, baseline=sides.baseline)


def _hidden_note(why: Hidden, minimum: int) -> dict[str, str]:
    """Under a table with hidden cells, why they are hidden; the same said in its downloads, where
    a hidden cell is left empty. Nothing when nothing is hidden. Both kinds read "—" and are not
    counted apart: knowing which hidden cell is small (1 to minimum - 1) and which is not would
    narrow both down from the line's total."""
    if not why.small.to_numpy().any():  # no small cell, no complement either
        return {}
    st.caption(t("cmp.hidden_note", minimum=minimum))
    return {t("cmp.hidden_label"): t("cmp.hidden_download", minimum=minimum)}


@st.fragment
def filtered_section(view: View, sides: compare.Sides) -> None:
    """Filters, then the transition matrix, winners and losers, score changes, eligibility,
    vetoes and incentives of the selected people."""
    st.caption(t("cmp.filters"))
    chosen = breakdown_filters(view.population, key="cmp.filter")
    baseline, reform = scores_of(view, sides.baseline), scores_of(view, sides.reform)
    codes = {name: b.codes for name, b in view.population.items()}
    mask = summaries.select(codes, chosen, view.compiled.n_people)
    left, right = st.columns(2)
    left.metric(t("cmp.selected"), fmt.count(int(mask.sum())))
    # A real population's small cells can point at people; a synthetic one has no one to protect.
    least = right.number_input(
        t("cmp.minimum_cell"), min_value=1, max_value=1000, step=1, key="cmp.minimum",
        value=1 if view.dataset.is_synthetic else DEFAULT_MINIMUM, help=t("cmp.minimum_help"),
    )  # fmt: skip
    base_names, reform_names = fmt.tier_names(baseline.rulebook), fmt.tier_names(reform.rulebook)

    st.subheader(t("cmp.matrix_heading"))
    exact = tier_transitions(baseline, reform, mask)
    # both margins are known: the tiers' sizes under either rulebook
    counts = hide_small_cells(exact, minimum=int(least), margins=BOTH)
    shares = hide_small_cells(row_shares(exact), exact, int(least), BOTH)
    rows = [tables.tier_label(r, base_names) for r in counts.index]
    columns = [tables.tier_label(c, reform_names) for c in counts.columns]
    figure = charts.transition_heatmap(shares, counts, rows, columns)
    plots.draw(figure, key="cmp.matrix_chart", file=_chart(view, sides, "transitions", "cmp.matrix_heading"))
    st.caption(t("cmp.matrix_note"))
    notes = _hidden_note(hidden_cells(exact, int(least), BOTH), int(least))
    shown = choice_picker(t("cmp.matrix_view"), MATRIX_VIEWS, key="cmp.matrix_view", prefix="cmp.matrix")
    table = tables.transition_table(shares if shown == "shares" else counts, base_names, reform_names)
    config = tables.transition_columns(table) if shown == "shares" else None
    tables.show(table, config, key="cmp.matrix_table")
    download_table(
        table, PAGE, f"transitions_{shown}", sides.reform, view.as_of, config, baseline=sides.baseline, notes=notes
    )

    st.subheader(t("cmp.groups_heading"))
    breakdown = breakdown_picker(t("cmp.breakdown"), key="cmp.breakdown")
    split = view.population[breakdown]
    try:
        moved = tier_moves(baseline, reform, split.codes, split.ids, mask)
        moves = move_shares(moved)
        moves[list(MOVES)] = hide_small_cells(moves[list(MOVES)], moved[list(MOVES)], int(least), BOTH)
        moves = by_net_gain(moves)  # the chart's order and the table's
    except LaddersDiffer:
        st.info(t("cmp.ladders_differ", baseline=len(base_names), reform=len(reform_names)))
    else:
        table = tables.moves_table(moves, breakdown)
        config = {table.columns[0]: tables.text_column(pinned=True), **tables.moves_columns(moves)}
        file = _chart(view, sides, f"moves_{breakdown}", "cmp.groups_heading")
        plots.draw(charts.move_bars(table), key="cmp.moves_chart", file=file)
        why = hidden_cells(moved[list(MOVES)], int(least), BOTH)
        st.caption(t("cmp.moves_note"))
        if why.small.to_numpy().any():  # the bars draw a hidden share as none, and rank by it
            st.caption(t("cmp.moves_hidden_bars"))
        tables.show(table, config, key="cmp.moves")
        notes = _hidden_note(why, int(least))
        download_table(
            table, PAGE, f"moves_{breakdown}", sides.reform, view.as_of, config, baseline=sides.baseline, notes=notes
        )

    st.markdown(bold(t("cmp.eligibility_heading")))
    table = tables.counts_table(
        eligibility_changes(baseline, reform, split.codes, split.ids, mask), breakdown, "cmp.elig"
    )
    tables.show(table, {table.columns[0]: tables.text_column(pinned=True)}, key="cmp.eligibility")
    download_table(table, PAGE, f"eligibility_{breakdown}", sides.reform, view.as_of, baseline=sides.baseline)

    st.markdown(bold(t("cmp.veto_heading")))
    table = tables.counts_table(veto_crossings(baseline, reform, split.codes, split.ids, mask), breakdown, "cmp.veto")
    tables.show(table, {table.columns[0]: tables.text_column(pinned=True)}, key="cmp.vetoes")
    download_table(table, PAGE, f"vetoes_{breakdown}", sides.reform, view.as_of, baseline=sides.baseline)

    st.subheader(t("cmp.change_heading"))
    try:
        bins, chart, axis = score_changes(baseline, reform, mask), "score_changes", "cmp.axis.change"
    except ScalesDiffer:
        bins, chart, axis = rank_changes(baseline, reform, mask), "rank_changes", "cmp.axis.rank_change"
        old, new = baseline.rulebook.score, reform.rulebook.score
        st.caption(t("cmp.ranks_instead", baseline=f"{old.min:g}–{old.max:g}", reform=f"{new.min:g}–{new.max:g}"))
    if bins.empty:
        st.info(t("cmp.nobody_both"))
    else:
        file = _chart(view, sides, chart, "cmp.change_heading")
        plots.draw(charts.score_change_bars(bins, t(axis)), key="cmp.change_chart", file=file)
        table = tables.score_change_table(bins)
        edges = {t("cmp.col.change_from"): 1, t("cmp.col.change_to"): 1}  # half a round width: x.5 at most
        tables.show(table, decimals=edges, key="cmp.changes")
        download_table(table, PAGE, chart, sides.reform, view.as_of, baseline=sides.baseline)

    st.subheader(t("cmp.incentive_heading"))
    changes = incentive_changes(baseline, reform, mask)
    if changes.empty:
        st.info(t("cmp.no_incentives"))
    else:
        table = tables.incentive_table(changes, baseline.rulebook, reform.rulebook)
        costs = {t(f"cmp.inc.{c}"): 0 for c in ("cost_before", "cost_after", "cost_change")}  # whole yuan
        tables.show(table, decimals=costs, key="cmp.incentives")
        st.caption(t("cmp.incentive_note"))
        download_table(table, PAGE, "incentives", sides.reform, view.as_of, baseline=sides.baseline)


compare.open_link()
view = frame()
st.title(t("cmp.title"))
st.caption(t("cmp.intro"))
sides = compare.pickers(view)
compare.keep_link(view, sides)
if sides.baseline.hash == sides.reform.hash:
    st.info(t("cmp.same_rulebook"))

st.subheader(t("cmp.headline_heading"))
editors.effect_metrics(scores_of(view, sides.reform), scores_of(view, sides.baseline))
filtered_section(view, sides)

st.subheader(t("cmp.spread_heading"))
spread.section(view, sides.baseline, sides.reform)

st.subheader(t("cmp.diff_heading"))
changes = compare.rule_differences(sides)
if changes.empty:
    st.info(t("rules.no_changes"))
else:
    st.dataframe(
        editors.diff_display(changes), hide_index=True, placeholder=tables.EMPTY,
        column_order=[*editors.diff_order(), t("diffcol.old_source"), t("diffcol.new_source")], key="cmp.diff",
    )  # fmt: skip
    download_table(changes, PAGE, "changes", sides.reform, view.as_of, baseline=sides.baseline)
