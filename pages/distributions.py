"""Score distributions by key group, district, gender, age band and hukou.

The filters and the chart sit in one fragment: a filter change reruns only that part, and the
chart is drawn from server-side bins, so a million people redraw in milliseconds. Histogram and
ECDF draw at most `MAX_SERIES` series (the largest categories and the rest merged); the box
chart and the table keep every category.
"""

import streamlit as st

from scoring.analyses import summaries
from ui import charts, fmt, palette, plots, tables
from ui.controls import breakdown_filters, breakdown_picker, choice_picker
from ui.export import chart_file, download_table
from ui.frame import View, frame
from ui.i18n import t

VIEWS = ("histogram", "ecdf", "box")
# One colour each: the 29 key groups and residents would be 30 overlapping series; districts are 7.
MAX_SERIES = len(palette.QUALITATIVE)


@st.fragment
def distribution_section(view: View) -> None:
    """Breakdown, view and filters, the selection's counts, the chart and its statistics."""
    left, right = st.columns(2)
    with left:
        breakdown = breakdown_picker(t("dist.breakdown"), key="dist.breakdown")
    with right:
        kind = choice_picker(t("dist.view"), VIEWS, key="dist.view", prefix="view")
    st.caption(t("dist.filters"))
    chosen = breakdown_filters(view.population, key="dist.filter")

    result, scale = view.result, view.rulebook.score  # scored once the inputs above are drawn
    mask = summaries.select({name: b.codes for name, b in view.population.items()}, chosen, view.compiled.n_people)
    split = view.population[breakdown]
    labels = [fmt.category(breakdown, i) for i in split.ids]
    binned = summaries.binned_scores(result.score, mask, split.codes, labels, scale.min, scale.max)
    selected, scored = int(mask.sum()), int(binned.totals.sum())
    cols = st.columns(3)
    cols[0].metric(t("col.people"), fmt.count(selected))
    cols[1].metric(t("col.scored"), fmt.count(scored))
    cols[2].metric(t("col.unscored"), fmt.count(selected - scored))

    if scored == 0:
        st.info(t("dist.empty"))
        return
    box = binned.box()
    drawn = binned if kind == "box" else binned.largest(MAX_SERIES, lambda n: t("dist.other", n=n))
    names = list(fmt.tier_names(view.rulebook).values())
    file = chart_file("distributions", f"{breakdown}_{kind}", t("dist.title"), view.working, view.as_of)
    plots.draw(charts.distribution(kind, drawn, box, result.cutoffs, names), key="dist.chart", file=file)
    st.caption(t("dist.cutoff_note"))
    if drawn.other:
        st.caption(t("dist.other_note", shown=len(drawn.labels) - 1, other=drawn.other))

    table = tables.box_table(box, t(f"dim.{breakdown}"))
    st.caption(t("dist.box_table", width=f"{binned.edges[1] - binned.edges[0]:g}"))
    tables.show(table, decimals=tables.box_decimals(table))
    download_table(table, "distributions", f"score_{breakdown}", view.working, view.as_of)


view = frame()
st.title(t("dist.title"))
distribution_section(view)
