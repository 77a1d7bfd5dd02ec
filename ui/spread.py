"""The spread across seeds, as pages show it: seeds typed in, a button, a progress bar while one
population per seed is generated (seconds each at 1 M people), and the table kept in the session
for that exact question rather than recomputed on every rerun. The Compare page's "how sure"
section (headline changes) and the Predictive validity page's (AUC and KS) both use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable

import pandas as pd
import streamlit as st

from scoring.dataset import MAX_SEED
from synthetic.spread import MAX_SEEDS, headline_spread
from ui import fmt, tables
from ui.export import download_table
from ui.frame import View
from ui.i18n import t
from ui.plain import plain

Compute = Callable[[Callable[[float, int], None]], pd.DataFrame]


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


def seeds_input(prefix: str, seed: int) -> list[int] | None:
    """The seeds field (key `<prefix>_seeds`, the view's seed first); None, with the problem
    said, when what is typed is not a list of seeds."""
    text = st.text_input(t("cmp.spread_seeds"), value=f"{seed}, 1, 2, 3, 4", key=f"{prefix}_seeds")
    try:
        return parse_seeds(text)
    except ValueError as error:
        st.error(str(error))
        return None


def when_asked(prefix: str, question: Hashable, people: int, compute: Compute) -> pd.DataFrame | None:
    """The button `<prefix>_run`; when it is pressed, `compute(progress)` behind a progress bar;
    the table computed for exactly this `question`, or None before it is asked."""
    kept_key, requested = prefix, f"{prefix}_requested"
    kept = st.session_state.get(kept_key)
    # A callback, not the button's value: it runs before the script, so no rerun can lose it.
    st.button(t("cmp.spread_run"), icon=":material/casino:", key=f"{prefix}_run", on_click=_request, args=(requested,))
    if st.session_state.pop(requested, False):
        bar = st.progress(0.0)

        def report(fraction: float, seed: int) -> None:
            bar.progress(fraction, text=t("cmp.spread_progress", seed=seed, people=fmt.count(people)))

        table = compute(report)
        bar.empty()
        kept = st.session_state[kept_key] = (question, table)
    if kept is None or kept[0] != question:
        return None
    return kept[1]


def _request(key: str) -> None:
    st.session_state[key] = True


def section(view: View, baseline, reform) -> None:
    """The Compare page's: seeds, the button, then the headline changes on each seed's population."""
    st.caption(t("cmp.spread_intro"))
    seeds = seeds_input("cmp.spread", view.seed)
    if seeds is None:
        return
    question = (view.people, tuple(seeds), baseline.hash, reform.hash, view.as_of)

    def compute(report) -> pd.DataFrame:
        kept = {view.seed: view.dataset}
        return headline_spread(view.people, seeds, baseline.rulebook, reform.rulebook, view.as_of, report, kept)

    table = when_asked("cmp.spread", question, view.people, compute)
    if table is None:
        return
    shown = spread_table(table)
    tables.show(shown, key="cmp.spread_table")
    download_table(shown, "compare", "seed_spread", reform, view.as_of, baseline=baseline)


def spread_table(spread: pd.DataFrame, figure: str = "cmp.spread_figure", names: str = "cmp.figure") -> pd.DataFrame:
    """Figures by name (`<names>.<figure>` text keys, under the `figure` heading), one column per
    seed, then min, median and max."""
    seeds = [c for c in spread.columns if c not in ("min", "median", "max")]
    out = spread.rename(columns={s: t("cmp.spread_seed", seed=s) for s in seeds})
    out = out.rename(columns={c: t(f"cmp.spread_{c}") for c in ("min", "median", "max")})
    out.insert(0, t(figure), [t(f"{names}.{f}") for f in spread.index])
    return out.reset_index(drop=True)
