"""Page controls that several pages share: breakdown pickers and breakdown filters.

Every `format_func` looks labels up in a list made at creation: AppTest re-runs format functions
outside the session, where the session's language cannot be read."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from scoring.analyses.summaries import BREAKDOWNS, Breakdown
from ui import fmt, links
from ui.i18n import t
from ui.plain import plain


def breakdown_picker(label: str, key: str, options: Sequence[str] = BREAKDOWNS) -> str:
    """One breakdown (key group, district, gender, age band, hukou), kept for the session."""
    return choice_picker(label, options, key, prefix="dim")


def choice_picker(label: str, options: Sequence[str], key: str, prefix: str) -> str:
    """One of a few fixed options labelled from the catalogue under `prefix`, kept for the
    session and in the address."""
    labels = {o: t(f"{prefix}.{o}") for o in options}
    return _linked_choice(label, options, labels, key)


def _linked_choice(label: str, options: Sequence, labels: dict, key: str):
    """A segmented choice whose value is also a parameter of the address (`?lists.by=department`),
    so a reload or a shared link reopens the page as it was seen; a link's value is adopted the
    first time the session meets the control, and one the control does not offer is said."""
    default = options[0]
    if key not in st.session_state and key in st.query_params:
        raw = st.query_params[key]
        chosen = next((o for o in options if str(o) == raw), None)
        if chosen is None:
            st.warning(t("link.bad_choice", label=label, value=plain(raw)))
        else:
            default = chosen
    value = st.segmented_control(
        label, options, format_func=labels.__getitem__, required=True, default=default, key=key,
        persist_state="session",
    )  # fmt: skip
    links.keep({key: str(value)})
    return value


def breakdown_filters(population: dict[str, Breakdown], key: str) -> dict[str, list[int]]:
    """A multiselect per breakdown, side by side; returns the chosen codes (empty = everyone)."""
    chosen = {}
    for column, (name, breakdown) in zip(st.columns(len(population)), population.items(), strict=True):
        labels = [fmt.category(name, i) for i in breakdown.ids]
        chosen[name] = column.multiselect(
            t(f"dim.{name}"),
            range(len(labels)),
            format_func=labels.__getitem__,
            placeholder=t("dist.filter_placeholder"),
            key=f"{key}.{name}",
            persist_state="session",
        )
    return chosen


PERIODS = (12, 24, 36)  # months of a reporting period, ending with the as-of date's month


def period_picker(key: str) -> int:
    """The reporting period in months, kept for the session and in the address."""
    return _linked_choice(t("lists.period"), PERIODS, {m: t("lists.period_months", months=m) for m in PERIODS}, key)


def related_pages(*pages: str, label: str | None = None) -> None:
    """One line naming the pages a reader turns to next, each a link (by its name, never its
    file), right after its label (default: "related pages")."""
    line = st.container(horizontal=True, vertical_alignment="center")
    line.caption(label or t("related.label"), width="content")
    for page in pages:
        line.page_link(f"pages/{page}.py", label=t(f"nav.{page}"))
