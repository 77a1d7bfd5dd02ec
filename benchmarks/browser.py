"""Browser benchmark: input → chart updated, measured in Debian's Chromium on a running app.

    python -m benchmarks.browser --people 1000000 --repeats 15

Starts `streamlit run app.py` with the population size in `CCL_DEFAULT_PEOPLE`, waits for the
first generation and compile, then toggles a distribution filter N times and reports the median
time from the click until the script is idle again and the Plotly figure has changed; then does
the same for as-of date changes between dates already compiled (and reports the first compile).

This module is also the one harness the browser tests use (start the server, launch Chromium,
wait for a run), so the benchmark measures exactly what the tests drive.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The figure's content as drawn: trace types, names and y values (typed arrays arrive as base64).
FIGURE_SIGNATURE_JS = """() => {
  const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  if (!plot || !plot.data) return null;
  return JSON.stringify(plot.data.map(d => [d.type, d.name, d.x, d.y, d.median]));
}"""

TRAFFIC_VIOLATION_ROW = 13  # a common record type in the default preset, so a change moves the mean
POINTS_COLUMN = 3  # ui.editors.rule_column_order(...).index("points")
METRICS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]')).map(e => e.innerText)"""
METRICS_AND_FIGURE_JS = f"() => JSON.stringify([({METRICS_JS})(), ({FIGURE_SIGNATURE_JS})()])"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def app_server(people: int, timeout: float = 300) -> Iterator[str]:
    """`streamlit run app.py` headless on a free port with `people` by default; yields its URL.

    Output goes to a temporary file, not a pipe, so a chatty server never blocks; it is printed
    if the server fails to come up.
    """
    port = free_port()
    env = {**os.environ, "CCL_DEFAULT_PEOPLE": str(people)}
    env.setdefault("CCL_STORE_PATH", str(Path(tempfile.mkdtemp(prefix="ccl-store-")) / "store.duckdb"))
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
        "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_healthy(f"http://127.0.0.1:{port}", process, timeout, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float, log) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read().decode(errors='replace')}")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            if response.read().strip() == b"ok":
                return
        time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer {url}/_stcore/health within {timeout} s")


def launch_args() -> dict:
    """Playwright launch options for Debian's Chromium (no browser downloads are possible)."""
    return {"executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS, "headless": True}


def wait_for_run(page, timeout: float = 120_000) -> None:
    """Wait until the script (or fragment) run the last input triggered has finished.

    As Streamlit's own E2E suite does: let the widget debounce pass, then wait for a connected
    app whose script state is `notRunning` and no skeleton left.
    """
    page.wait_for_timeout(250)
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=timeout
    )


def open_page(page, url: str, timeout: float = 300_000) -> None:
    """Go to a page and wait for its first complete run (generation and compile included).

    The first run of a fresh server may rerun itself once (see `ui.frame._use_app_navigation`)
    and the script state is briefly idle in between, so also wait for the page heading.
    """
    page.goto(url, timeout=timeout)
    page.wait_for_selector("[data-testid='stAppViewContainer']", state="attached", timeout=timeout)
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout)
    wait_for_run(page, timeout)


def figure_signature(page) -> str | None:
    return page.evaluate(FIGURE_SIGNATURE_JS)


def filter_toggle(page, filter_index: int):
    """The element whose click toggles the filter-th multiselect: the first chosen tag's remove
    button, or (with the list opened) its last option (the first is Streamlit's "Select all")."""
    box = page.get_by_test_id("stMultiSelect").nth(filter_index)
    remove = box.locator("[data-tag] button")
    if remove.count():
        return remove.first
    box.click()
    return page.get_by_role("option").last


def timed_change(page, commit, timeout_ms: float = 120_000, signature_js: str = FIGURE_SIGNATURE_JS) -> float:
    """Seconds from `commit()` (the one input event that changes something) until the script
    is idle and the drawn figure (or what `signature_js` reads) differs from before."""
    before = page.evaluate(signature_js)
    start = time.perf_counter()
    commit()
    page.wait_for_function(
        f"before => ({signature_js})() !== before && "
        "document.querySelector(\"[data-testid='stApp']\").dataset.testScriptState === 'notRunning'",
        arg=before,
        timeout=timeout_ms,
        polling=10,
    )
    return time.perf_counter() - start


def measure(page, filter_index: int) -> float:
    """A filter change: opening the drop-down happens before the clock starts, the click in it
    is the input."""
    target = filter_toggle(page, filter_index)
    target.wait_for()
    elapsed = timed_change(page, target.click)
    page.keyboard.press("Escape")
    return elapsed


def measure_as_of(page, key: str) -> float:
    """An as-of change: one arrow key on the date field's year segment (ArrowDown: a year
    earlier, ArrowUp: back); the field commits when the user clicks elsewhere (a bare blur
    does not commit). The clock starts at the key press."""
    year = page.get_by_test_id("stDateInput").locator("[data-type='year']")
    year.focus()

    def commit() -> None:
        year.press(key)
        page.locator("[data-testid='stMain'] h1").click()

    return timed_change(page, commit)


def metric_values(page) -> list[str]:
    return page.evaluate(METRICS_JS)


def measure_cutoff(page, tier_index: int = 0, direction: str = "Up") -> float:
    """A threshold move on the Tiers page: one click on a cut-off input's +/- button; done when
    the tier-share metrics and the sweep chart are redrawn."""
    inputs = page.get_by_test_id("stMain").get_by_test_id("stNumberInput")
    button = inputs.nth(tier_index).get_by_test_id(f"stNumberInput{direction}")
    button.wait_for()
    return timed_change(page, button.click, signature_js=METRICS_AND_FIGURE_JS)


def edit_rule_cell(page, row: int, column: int, text: str) -> None:
    """Type into one cell of the rule editor (a canvas grid): select the row's first cell, walk
    right to the column, open the cell editor with Enter, type the value and press Enter."""
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 40, box["y"] + 36 + 18)
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # opens the cell editor
    page.wait_for_timeout(150)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text, delay=30)
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)


def measure_weight_apply(page, row: int, column: int, value: str, apply_label: str) -> float:
    """A weight change on the Rules page: the cell is edited first, the clock starts at the
    Apply click and stops when the run is over and the effect metrics have changed."""
    edit_rule_cell(page, row, column, value)
    apply = page.get_by_role("button").filter(has_text=apply_label).first
    return timed_change(page, apply.click, signature_js=METRICS_AND_FIGURE_JS)


def _report(what: str, times: list[float]) -> None:
    print(f"{what}: median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms over {len(times)} changes")  # fmt: skip


def _distributions(page, args) -> None:
    """A distribution filter toggled, then the as-of date moved between two compiled dates."""
    _report("filter change → chart updated", [measure(page, args.filter) for _ in range(args.repeats)])
    # Two as-of dates alternately: the first visit of each compiles (reported apart), later
    # visits hit the compiled matrix held in st.cache_resource.
    days = ("ArrowDown", "ArrowUp")  # a year before the data's as-of date, and back
    first = [measure_as_of(page, day) for day in days]
    print(f"as-of change, first visit of a date (compile): {first[0] * 1000:.0f} ms")
    _report("as-of change (compiled) → chart updated", [measure_as_of(page, days[i % 2]) for i in range(args.repeats)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--filter", type=int, default=2, help="which multiselect to toggle (2 = gender)")
    parser.add_argument("--tuning-only", action="store_true", help="only the cut-off step and the weight apply")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with app_server(args.people, timeout=600) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_args())
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        open_page(page, f"{url}/distributions?lang=en", timeout=900_000)
        print(f"first load (generate + compile + score) {time.perf_counter() - start:.1f} s for {args.people:,} people")
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
        browser.close()


if __name__ == "__main__":
    main()
