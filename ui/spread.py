"""The Compare page's "how sure" section: the headline changes on populations of other seeds.

Computing it generates one population per seed (seconds each at 1 M people), so it runs when
asked, with a progress bar, and the table is kept in the session for that exact question
(size, seeds, both rulebooks, as-of date) rather than recomputed on every rerun.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from scoring.dataset import MAX_SEED
from synthetic.spread import MAX_SEEDS, headline_spread
from ui import fmt, tables
from ui.export import download_table
from ui.frame import View
from ui.i18n import t
from ui.plain import plain

KEPT = "cmp.spread"
REQUESTED = "cmp.spread_requested"


def parse_seeds(text: str) -> list[int]:
    """Seeds written as whole numbers separated by commas or spaces; ValueError (in the page's
    language) names the first that is not one."""
    parts = [p for p in re.split(r"[\s,，、]+", text.strip()) if p]
    if not 1 <= len(parts) <= MAX_SEEDS:
        raise ValueError(t("cmp.spread_count", max=MAX_SEEDS, given=len(parts)))
    seeds = []
    for part in parts:
        if not re.fullmatch(r"\d{1,10}", part) or int(part) > MAX_SEED:
            raise ValueError(t("cmp.spread_bad_seed", value=plain(part[:20]), max=MAX_SEED))
        if int(part) in seeds:
            raise ValueError(t("cmp.spread_twice", value=part))
        seeds.append(int(part))
    return seeds


def section(view: View, baseline, reform) -> None:
    """Seeds input, a button, then the spread table once computed for exactly this question."""
    st.caption(t("cmp.spread_intro"))
    text = st.text_input(t("cmp.spread_seeds"), value=f"{view.seed}, 1, 2, 3, 4", key="cmp.spread_seeds")
    try:
        seeds = parse_seeds(text)
    except ValueError as error:
        st.error(str(error))
        return
    question = (view.people, tuple(seeds), baseline.hash, reform.hash, view.as_of)
    kept = st.session_state.get(KEPT)
    # A callback, not the button's value: it runs before the script, so no rerun can lose it.
    st.button(t("cmp.spread_run"), icon=":material/casino:", key="cmp.spread_run", on_click=_request)
    if st.session_state.pop(REQUESTED, False):
        bar = st.progress(0.0)

        def report(fraction: float, seed: int) -> None:
            bar.progress(fraction, text=t("cmp.spread_progress", seed=seed, people=fmt.count(view.people)))

        table = headline_spread(view.people, seeds, baseline.rulebook, reform.rulebook, view.as_of, report)
        bar.empty()
        kept = st.session_state[KEPT] = (question, table)
    if kept is None or kept[0] != question:
        return
    shown = spread_table(kept[1])
    tables.show(shown, key="cmp.spread_table")
    download_table(shown, "compare", "seed_spread", reform, view.as_of, baseline=baseline)


def _request() -> None:
    st.session_state[REQUESTED] = True


def spread_table(spread: pd.DataFrame) -> pd.DataFrame:
    """Figures by name, one column per seed, then min, median and max."""
    seeds = [c for c in spread.columns if c not in ("min", "median", "max")]
    out = spread.rename(columns={s: t("cmp.spread_seed", seed=s) for s in seeds})
    out = out.rename(columns={c: t(f"cmp.spread_{c}") for c in ("min", "median", "max")})
    out.insert(0, t("cmp.spread_figure"), [t(f"cmp.figure.{f}") for f in spread.index])
    return out.reset_index(drop=True)
