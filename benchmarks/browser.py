"""Browser benchmark: first view and input → chart updated, measured in Debian's Chromium.

    python -m benchmarks.browser --people 1000000 --repeats 15 --sessions 7
    python -m benchmarks.browser --fresh-demo 3     # a first `make demo` on a fresh clone

First view: on a warm server (the population generated and compiled by an earlier visit), new
browser sessions open the overview and the time to their first drawn chart is read on the
page's clock: each first-time visitor in a new browser context (empty HTTP cache), each
returning visitor in a new tab of one context whose cache an earlier visit filled; medians of
`--sessions` each, and the ratio of the two.

Fresh demo: `git clone` of this repository, its `.venv` made of links to the running
interpreter's environment (the packages are not reinstalled; numba's kernel cache lives in the
clone's `__pycache__` and starts empty, so `make demo` compiles it before launching), then
`make demo` launched `--fresh-demo` times, each time a new server with a browser waiting for it:
launch → first chart of the overview at the default size.

Starts `streamlit run app.py` with the population size in `CCL_DEFAULT_PEOPLE`, waits for the
first generation and compile, then toggles a distribution filter N times and reports the median
time from the click until the script is idle again and the Plotly figure has changed; then does
the same for N as-of changes to dates not visited yet (each needs a new as-of view and a
re-score) and N changes between two visited dates (held in st.cache_resource); then a cut-off
step on the Tiers page and a weight change applied on the Rules page; then, on the Compare page,
the reform switched between two presets (heat map redrawn) and one of the reform's weights
edited (Apply on the Rules page, then the Compare page drawn with the edited reform); then the
Rewards and punishments page following a threshold and a weight: a cut-off step on the Tiers page
or a weight applied on the Rules page, then the Rewards page opened from the page list, timed
from that click to its charts drawn (beneficiaries and yearly cost of the edited rulebook).

The server, the browser and the timed inputs come from the browser tests' harness
(tests/browser/harness.py), so the benchmark measures exactly what the tests drive.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scoring.rulebook import load_preset
from scoring.tuning.editing import rules_table
from tests.browser.harness import (
    HEATMAP_SIGNATURE_JS,
    POINTS_COLUMN,
    ROOT,
    TRAFFIC_VIOLATION_ROW,
    Change,
    FirstView,
    app_server,
    choose,
    first_view,
    free_port,
    keyed,
    launch_args,
    measure,
    measure_as_of,
    measure_choice,
    measure_cutoff,
    measure_weight_apply,
    open_page,
    rows_above,
    table_above_signature_js,
    timed_change,
    wait_for_run,
    wait_healthy,
)
from ui import fmt
from ui.i18n import t
from ui.rule_names import names_of

VIEWPORT = {"width": 1400, "height": 1000}


def _report(what: str, changes: list[Change]) -> None:
    """Median, min and max on the page's clock, and the median of the Playwright wall clock."""
    times, wall = [c.page * 1000 for c in changes], statistics.median(c.wall for c in changes) * 1000
    print(f"{what}: median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms "
          f"over {len(times)} changes (Playwright wall clock: median {wall:.0f} ms)")  # fmt: skip


def _report_views(what: str, views: list[FirstView]) -> float:
    """Medians of first views; returns the median time to the first chart (s)."""

    def median(values) -> float:
        return statistics.median(values)

    chart = median(v.chart for v in views)
    bundle = [v.chart_bundle for v in views if v.chart_bundle is not None]
    print(f"{what}: first chart median {chart * 1000:.0f} ms (min {min(v.chart for v in views) * 1000:.0f}, "
          f"max {max(v.chart for v in views) * 1000:.0f}) over {len(views)} sessions; main thread CPU "
          f"{median(v.main_thread for v in views) * 1000:.0f} ms; Plotly bundle asked for at "
          f"{median(bundle) * 1000:.0f} ms; {median(v.transferred for v in views) / 1e6:.2f} MB over the network "
          f"({median(v.decoded for v in views) / 1e6:.2f} MB decoded); websocket "
          f"{median(v.messages for v in views) / 1e3:.0f} kB")  # fmt: skip
    return chart


def _first_views(browser, url: str, sessions: int, mbit_per_s: float) -> None:
    """First-time visitors (a new context each) against returning ones (new tabs of one context),
    then first-time visitors over an emulated network link."""
    cold, remote = [], []
    for _ in range(sessions):
        context = browser.new_context(viewport=VIEWPORT)
        cold.append(first_view(context, url))
        context.close()
        context = browser.new_context(viewport=VIEWPORT)
        remote.append(first_view(context, url, mbit_per_s=mbit_per_s))
        context.close()
    context = browser.new_context(viewport=VIEWPORT)
    first_view(context, url)  # fills the context's HTTP cache
    warm = [first_view(context, url) for _ in range(sessions)]
    context.close()
    cold_median = _report_views("new session, empty HTTP cache (first-time visitor)", cold)
    warm_median = _report_views("new session, warm HTTP cache (returning visitor)", warm)
    print(f"first-time / returning visitor: {cold_median / warm_median:.2f}×")
    _report_views(f"new session, empty HTTP cache, over a {mbit_per_s:g} Mbit/s link with 20 ms latency", remote)


def _fresh_clone() -> Path:
    """A clone of this repository whose `.venv` links to the running interpreter's environment,
    with the install stamp set, so `make demo` does not reinstall the packages."""
    clone = Path(tempfile.mkdtemp(prefix="ccl-fresh-")) / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    venv = clone / ".venv"
    venv.mkdir()
    for entry in Path(sys.prefix).iterdir():
        if not entry.name.startswith("."):
            (venv / entry.name).symlink_to(entry)
    (venv / ".runtime").touch()
    return clone


@contextlib.contextmanager
def _make_demo(clone: Path, port: int):
    """`make demo` in its own process group (make → streamlit), stopped as a whole."""
    env = {**os.environ, "CCL_STORE_PATH": str(clone.parent / "store.duckdb")}
    env.pop("CCL_DEFAULT_PEOPLE", None)  # the default size, as a user gets it
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(["make", "demo", f"PORT={port}"], cwd=clone, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        try:
            yield process, log
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _fresh_demo(browser, launches: int) -> None:
    """Launch → first chart of `make demo` on a fresh clone, once its build steps are done."""
    clone = _fresh_clone()
    try:
        started = time.perf_counter()
        subprocess.run(["make", "demo-ready"], cwd=clone, check=True, capture_output=True)
        print(f"fresh clone: `make demo`'s one-time steps {time.perf_counter() - started:.1f} s")
        up, charts = [], []
        for _ in range(launches):
            port = free_port()
            launched = time.perf_counter()
            with _make_demo(clone, port) as (process, log):
                wait_healthy(f"http://127.0.0.1:{port}", process, 300, log)
                up.append(time.perf_counter() - launched)
                context = browser.new_context(viewport=VIEWPORT)
                first_view(context, f"http://127.0.0.1:{port}/", timeout=300_000)
                charts.append(time.perf_counter() - launched)
                context.close()
        print(f"fresh clone: `make demo` launch → server answering median {statistics.median(up):.1f} s, "
              f"→ first chart of the overview median {statistics.median(charts):.1f} s "
              f"(min {min(charts):.1f}, max {max(charts):.1f}) over {launches} launches")  # fmt: skip
    finally:
        shutil.rmtree(clone.parent, ignore_errors=True)


def _distributions(page, args) -> None:
    """A distribution filter toggled, then the as-of date moved to new dates, then between two
    visited ones."""
    _report("filter change → chart updated", [measure(page, args.filter) for _ in range(args.repeats)])
    # New dates: a month end earlier each time, from the data's as-of date (the picker lists
    # month ends, newest first); each needs its as-of view and a re-score.
    new = [measure_as_of(page, "ArrowDown") for _ in range(args.repeats)]
    _report("as-of change to a new date → chart updated", new)
    # Visited dates: the last two, alternately; their views and scores are held in st.cache_resource.
    days = ("ArrowUp", "ArrowDown")
    _report(
        "as-of change to a visited date → chart updated",
        [measure_as_of(page, days[i % 2]) for i in range(args.repeats)],
    )


def _compare(page, url: str, args) -> None:
    """The reform switched between two presets against the default baseline, then a weight of the
    reform edited: the session's working copy as the reform, a weight applied on the Rules page
    and the Compare page opened from the page list, timed from that click to the heat map drawn."""
    reform_label, baseline = t("cmp.reform", "en"), fmt.name(load_preset("illustrative").title, "en")
    presets = [fmt.name(load_preset(p).title, "en") for p in ("fuzhou_style", "rongcheng_style")]
    open_page(page, f"{url}/compare?lang=en", timeout=900_000)
    choose(page, t("cmp.baseline", "en"), baseline)  # the default already; said for clarity
    wait_for_run(page)
    for preset in presets:  # each scored once (the default reform is the last): a user's steady switching
        choose(page, reform_label, preset)
        wait_for_run(page, timeout=900_000)
    switches = [measure_choice(page, reform_label, presets[i % 2]) for i in range(args.repeats)]
    _report("reform switched → comparison updated (heat map)", switches)

    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_text(t("nav.rules", "en")).click()
    page.wait_for_url("**/rules**")
    wait_for_run(page)
    measure_weight_apply(page, TRAFFIC_VIOLATION_ROW, POINTS_COLUMN, "-3", "Apply")
    nav.get_by_text(t("nav.compare", "en")).click()
    wait_for_run(page)
    edited = t("cmp.working.one", "en", rulebook="", changes=1).split("(")[0].strip(", ")  # "with this session's edit"
    measure_choice(page, reform_label, re.compile(re.escape(edited)))
    applies, opens = [], []
    for i in range(args.repeats):
        nav.get_by_text(t("nav.rules", "en")).click()
        page.wait_for_url("**/rules**")
        wait_for_run(page)
        value = str(-4 - 2 * (i % 2))  # -4, -6, …: each apply changes it (the rule's cap is -10)
        applies.append(measure_weight_apply(page, TRAFFIC_VIOLATION_ROW, POINTS_COLUMN, value, "Apply"))
        compare = nav.get_by_text(t("nav.compare", "en"))
        opens.append(timed_change(page, compare.click, signature_js=HEATMAP_SIGNATURE_JS))
    _report("reform's weight applied on the Rules page (Apply click to metrics)", applies)
    _report("→ Compare page opened with the edited reform (click to heat map)", opens)
    total = [Change(a.page + o.page, a.wall + o.wall) for a, o in zip(applies, opens, strict=True)]
    _report("reform's weight edited → comparison updated (the two above added)", total)


ALL_FIGURES_JS = """() => JSON.stringify(Array.from(document.querySelectorAll('.js-plotly-plot'))
  .map(plot => (plot.data || []).map(d => [d.type, d.name, d.x, d.y])))"""


def _rewards(page, url: str, args) -> None:
    """Incentive beneficiaries and cost following an edit: the AA cut-off stepped on the Tiers
    page (AA and A unlock different incentives), or a weight applied on the Rules page, then the
    Rewards and punishments page opened from the page list."""
    nav = page.get_by_test_id("stSidebarNav")
    rewards = nav.get_by_text(t("nav.rewards", "en"))

    def edit_then_open(go_to: str, edit) -> tuple[Change, Change]:
        nav.get_by_text(t(f"nav.{go_to}", "en")).click()
        page.wait_for_url(f"**/{go_to}**")
        wait_for_run(page)
        edited = edit()
        return edited, timed_change(page, rewards.click, signature_js=ALL_FIGURES_JS)

    open_page(page, f"{url}/rewards?lang=en", timeout=900_000)
    directions = ("StepUp", "StepDown")
    cutoffs = [
        edit_then_open("tiers", lambda i=i: measure_cutoff(page, 1, directions[i % 2])) for i in range(args.repeats)
    ]
    _report("AA cut-off step on the Tiers page", [edited for edited, _ in cutoffs])
    _report("→ Rewards page opened (click to its charts)", [opened for _, opened in cutoffs])
    row = TRAFFIC_VIOLATION_ROW
    weights = [
        edit_then_open(
            "rules", lambda i=i: measure_weight_apply(page, row, POINTS_COLUMN, str(-4 - 2 * (i % 2)), "Apply")
        )
        for i in range(args.repeats)
    ]
    _report("weight applied on the Rules page", [edited for edited, _ in weights])
    _report("→ Rewards page opened (click to its charts)", [opened for _, opened in weights])


SURFACE = "download.behaviour.gaming-surface.csv"  # the gaming surface is the table above this button
# The tier-share chart's figure, once drawn (null before the first run).
TIERS_JS = """() => {
  const plot = document.querySelector('.st-key-behaviour-tiers .js-plotly-plot');
  if (!plot || !plot.data || !plot.querySelector('.main-svg g.trace')) return null;
  return JSON.stringify(plot.data.map(d => [d.name, d.x, d.y]));
}"""


def _behaviour(page, url: str, args) -> None:
    """Issue 15's budgets in the browser: the gaming surface following a weight (volunteer service's
    points applied on the Rules page, then the Incentive effects page opened from the page list,
    timed from that click to the surface table showing the new points per hour), and the model
    run (a new model seed typed in the form, then Run pressed, timed from the click through the
    progress bar to the tier-share chart drawn) with the default 12-month horizon."""
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    nav = page.get_by_test_id("stSidebarNav")
    behaviour = nav.get_by_text(t("nav.behaviour", "en"))
    preset = load_preset("illustrative")  # volunteer service: +1 point per 5 hours
    row = list(rules_table(preset)["id"]).index("volunteer_hours")
    name = names_of(preset, lang="en").name("rule", "volunteer_hours")
    open_page(page, f"{url}/behaviour?lang=en", timeout=900_000)
    applies, opens = [], []
    for i in range(args.repeats):
        nav.get_by_text(t("nav.rules", "en")).click()
        page.wait_for_url("**/rules**")
        wait_for_run(page)
        points = 2 + i % 2  # 2, 3, …: each apply changes it
        applies.append(measure_weight_apply(page, row, POINTS_COLUMN, str(points), "Apply"))
        opens.append(timed_change(page, behaviour.click, signature_js=table_above_signature_js(SURFACE)))
        (line,) = [r for r in rows_above(page, SURFACE) if r[t("behaviour.col.rule", "en")].startswith(name)]
        shown = float(line[t("behaviour.col.points_per_hour", "en")])
        if abs(shown - points / 5) > 1e-9:
            raise RuntimeError(f"the gaming surface shows {shown} points per hour for {name}, not {points / 5}")
    _report("weight applied on the Rules page", applies)
    _report("→ Incentive effects opened, gaming surface shows the new points per hour (budget 1 s)", opens)

    seed = keyed(page, "behaviour.seed").locator("input")
    submit = keyed(page, "behaviour.submit").locator("button")

    def run(model_seed: int) -> Change:
        seed.fill(str(model_seed))
        seed.press("Tab")  # inside the form: nothing runs until Run
        return timed_change(page, submit.click, timeout_ms=900_000, signature_js=TIERS_JS)

    first = run(1)
    _report("Run pressed, first run of the server (kernels loaded) → tier chart drawn", [first, first])
    runs = [run(2 + i) for i in range(args.repeats)]
    _report("Run pressed, 12 months → progress bar → tier chart drawn (budget 15 s)", runs)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _evaluation(page, url: str, args) -> None:
    """The Fairness page's tables and charts after a click, a grouping switched, and the
    Predictive validity page opened, first (null population generated) and again."""
    nav = page.get_by_test_id("stSidebarNav")
    open_page(page, f"{url}/?lang=en", timeout=900_000)
    opens = []
    for _ in range(args.repeats):
        opens.append(timed_change(page, nav.get_by_text(t("nav.fairness", "en")).click, signature_js=ALL_FIGURES_JS))
        nav.get_by_text(t("nav.overview", "en")).click()
        wait_for_run(page)
    _report("Fairness page opened (click to its charts)", opens)
    nav.get_by_text(t("nav.fairness", "en")).click()
    wait_for_run(page)
    label, groupings = (
        t("fairness.attribute", "en"),
        (t("dim.district", "en"), t("dim.key_group", "en")),
    )  # from the default
    switches = [measure_choice(page, label, groupings[i % 2], signature_js=ALL_FIGURES_JS) for i in range(args.repeats)]
    _report("Fairness grouping switched (click to charts)", switches)
    validity = nav.get_by_text(t("nav.validity", "en"))
    first = timed_change(page, validity.click, timeout_ms=900_000, signature_js=ALL_FIGURES_JS)
    _report("Predictive validity, first visit (null population generated)", [first, first])
    again = []
    for _ in range(args.repeats):
        nav.get_by_text(t("nav.fairness", "en")).click()
        wait_for_run(page)
        again.append(timed_change(page, validity.click, signature_js=ALL_FIGURES_JS))
    _report("Predictive validity opened again (click to charts)", again)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=15, help="changes per case (at least 2)")
    parser.add_argument("--filter", type=int, default=2, help="which multiselect to toggle (2 = gender)")
    parser.add_argument("--tuning-only", action="store_true", help="only the cut-off step and the weight apply")
    parser.add_argument("--sessions", type=int, default=7, help="new sessions per first-view case (0: none)")
    parser.add_argument("--script", default="serve.py", help="what to serve: serve.py (as make demo) or app.py")
    parser.add_argument("--mbit", type=float, default=50, help="download speed of the emulated remote visitor's link")
    parser.add_argument("--first-view-only", action="store_true", help="only the first-view cases")
    parser.add_argument("--compare-only", action="store_true", help="only the Compare page's cases")
    parser.add_argument("--rewards-only", action="store_true", help="only the Rewards page after an edit")
    parser.add_argument("--evaluation-only", action="store_true", help="only the Fairness and Validity pages")
    parser.add_argument("--behaviour-only", action="store_true", help="only Incentive effects: surface and Run")
    parser.add_argument("--fresh-demo", type=int, default=0, metavar="N",
                        help="only: N launches of `make demo` on a fresh clone")  # fmt: skip
    args = parser.parse_args()
    if args.repeats < 2:
        parser.error("--repeats must be at least 2 (visited dates need two new ones first)")
    from playwright.sync_api import sync_playwright

    if args.fresh_demo:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(**launch_args())
            _fresh_demo(browser, args.fresh_demo)
            browser.close()
        return
    with app_server(args.people, timeout=600, script=args.script) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_args())
        page = browser.new_page(viewport=VIEWPORT)
        start = time.perf_counter()
        open_page(page, f"{url}/?lang=en", timeout=900_000)
        print(f"first load (generate + compile + score) {time.perf_counter() - start:.1f} s for {args.people:,} people")
        if args.sessions:
            _first_views(browser, f"{url}/?lang=en", args.sessions, args.mbit)
        if args.first_view_only:
            browser.close()
            return
        only = {
            "compare_only": _compare, "rewards_only": _rewards, "evaluation_only": _evaluation,
            "behaviour_only": _behaviour,
        }  # fmt: skip
        chosen = [case for flag, case in only.items() if getattr(args, flag)]
        if chosen:
            for case in chosen:
                case(page, url, args)
            browser.close()
            return
        open_page(page, f"{url}/distributions?lang=en", timeout=900_000)
        if not args.tuning_only:
            _distributions(page, args)
        # Tuning: a cut-off step on the Tiers page (alternately up and down), then a weight
        # change applied on the Rules page (alternating values of a common rule).
        open_page(page, f"{url}/tiers?lang=en", timeout=900_000)
        # One step first: the first edit (and an edit back to the preset) also redraws the
        # frame's "edited" badge with a full rerun; steady tuning stays inside the fragment.
        measure_cutoff(page, 0, "StepUp")
        directions = ("StepUp", "StepDown")
        _report(
            "cut-off step → shares and sweep updated",
            [measure_cutoff(page, 0, directions[i % 2]) for i in range(args.repeats)],
        )
        open_page(page, f"{url}/rules?lang=en", timeout=900_000)
        row = TRAFFIC_VIOLATION_ROW
        _report(
            "weight apply → scores updated (Apply click to metrics)",
            [measure_weight_apply(page, row, POINTS_COLUMN, str(-3 - i % 2), "Apply") for i in range(args.repeats)],
        )
        _compare(page, url, args)
        _rewards(page, url, args)
        _evaluation(page, url, args)
        _behaviour(page, url, args)
        browser.close()


if __name__ == "__main__":
    main()
