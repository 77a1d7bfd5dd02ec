"""The one browser harness: start the app server, launch Debian's Chromium, wait for a run,
drive and time the dashboard's inputs.

The real-browser tests (tests/browser) and the browser benchmark (benchmarks/browser.py) both
use it, so the benchmark measures exactly what the tests drive.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
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
POINTS_COLUMN = 2  # ui.editors.rule_column_order().index("points")
METRICS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]')).map(e => e.innerText)"""
METRICS_AND_FIGURE_JS = f"() => JSON.stringify([({METRICS_JS})(), ({FIGURE_SIGNATURE_JS})()])"
# The page's own clock: the first pointer or key event from now on starts it (capture phase, so
# every element's input counts); the done check below stops it.
ARM_INPUT_CLOCK_JS = """() => {
  window.__cclInput = null;
  window.__cclDone = null;
  for (const type of ['pointerdown', 'keydown']) {
    document.addEventListener(type, e => { window.__cclInput ??= e.timeStamp; }, {capture: true, once: true});
  }
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def app_server(people: int, timeout: float = 300, script: str = "app.py") -> Iterator[str]:
    """`streamlit run app.py` (or `serve.py`, as `make demo` serves it) headless on a free port with
    `people` by default; yields its URL.

    Output goes to a temporary file, not a pipe, so a chatty server never blocks; it is printed
    if the server fails to come up.
    """
    port = free_port()
    env = {**os.environ, "CCL_DEFAULT_PEOPLE": str(people)}
    env.setdefault("CCL_STORE_PATH", str(Path(tempfile.mkdtemp(prefix="ccl-store-")) / "store.duckdb"))
    command = [
        sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
        "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_healthy(f"http://127.0.0.1:{port}", process, timeout, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_healthy(url: str, process: subprocess.Popen, timeout: float, log) -> None:
    """Poll the server's health check until it answers; fail with its log if it exits first."""
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


class FirstView(NamedTuple):
    """One visit of a new browser session, on the page's clock from the navigation's start (s).

    `chart`: the first chart's bars drawn; `chart_bundle`: when the browser asked for Streamlit's
    Plotly bundle (it is loaded on demand, once the first chart element arrives); `main_thread`:
    CPU time of the page's main thread until the chart (thread ticks, so it does not grow when
    other processes take the cores); `transferred` / `decoded`: bytes of the page and its static
    files over the network / after decompression (0 transferred when all came from the cache);
    `messages`: bytes of the websocket's messages to the browser."""

    chart: float
    chart_bundle: float | None
    main_thread: float
    transferred: int
    decoded: int
    messages: int


# Set before any page script runs: the moment the first Plotly chart has drawn a trace.
FIRST_CHART_INIT_JS = """(() => {
  const drawn = () => document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg g.trace');
  const observer = new MutationObserver(() => {
    if (drawn()) { window.__cclFirstChart = performance.now(); observer.disconnect(); }
  });
  observer.observe(document, {childList: true, subtree: true});
})()"""
RESOURCES_JS = r"""() => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  const bundle = entries.find(e => /\/PlotlyChart\.[^/]*\.js$/.test(e.name));
  return [entries.reduce((n, e) => n + e.transferSize, 0), entries.reduce((n, e) => n + e.decodedBodySize, 0),
          bundle ? bundle.startTime : null];
}"""


def first_view(context, url: str, timeout: float = 120_000, mbit_per_s: float | None = None) -> FirstView:
    """Open `url` in a new tab (a new Streamlit session) of `context` and time its first chart.

    A new context has an empty HTTP cache (a first-time visitor); a further tab of the same
    context reuses its cache (a returning visitor). `mbit_per_s` emulates a network link of that
    download speed and 20 ms latency (a visitor not on the server's machine)."""
    page = context.new_page()
    page.add_init_script(FIRST_CHART_INIT_JS)
    cdp = context.new_cdp_session(page)
    if mbit_per_s is not None:
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": 20, "downloadThroughput": mbit_per_s * 1e6 / 8, "uploadThroughput": 10e6 / 8,
        })  # fmt: skip
    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
    before = _main_thread_time(cdp)
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    try:
        page.goto(url, timeout=timeout, wait_until="commit")
        page.wait_for_function("() => window.__cclFirstChart != null", timeout=timeout, polling=20)
        main_thread = _main_thread_time(cdp) - before
        chart = page.evaluate("() => window.__cclFirstChart")
        transferred, decoded, bundle = page.evaluate(RESOURCES_JS)
    finally:
        cdp.detach()
        page.close()
    return FirstView(
        chart=chart / 1000, chart_bundle=None if bundle is None else bundle / 1000,
        main_thread=main_thread, transferred=transferred, decoded=decoded, messages=sum(received),
    )  # fmt: skip


def _main_thread_time(cdp) -> float:
    """CPU seconds the renderer's main thread has spent on tasks so far (a tab may share a
    renderer process with an earlier one, so callers take differences)."""
    return next(m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] == "TaskDuration")


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


class Change(NamedTuple):
    """One measured change, in seconds. `page`: from the input event to the first moment the page
    shows the new figure with the script idle, both read on the page's clock. `wall`: around the
    Playwright call that made the input, so it adds Playwright's own round trips (its
    actionability checks before a click, its polling after)."""

    page: float
    wall: float


def timed_change(page, commit, timeout_ms: float = 120_000, signature_js: str = FIGURE_SIGNATURE_JS) -> Change:
    """Time from `commit()` (the one input that changes something) until the script is idle and
    the drawn figure (or what `signature_js` reads) differs from before."""
    before = page.evaluate(signature_js)
    page.evaluate(ARM_INPUT_CLOCK_JS)
    start = time.perf_counter()
    commit()
    page.wait_for_function(
        f"before => ({signature_js})() !== before && "
        "document.querySelector(\"[data-testid='stApp']\").dataset.testScriptState === 'notRunning' && "
        "(window.__cclDone ??= performance.now()) > 0",
        arg=before,
        timeout=timeout_ms,
        polling=10,
    )
    wall = time.perf_counter() - start
    started, done = page.evaluate("() => [window.__cclInput, window.__cclDone]")
    if started is None:
        raise RuntimeError("the input never reached the page (no pointer or key event seen)")
    return Change(page=(done - started) / 1000, wall=wall)


def measure(page, filter_index: int) -> Change:
    """A filter change: opening the drop-down happens before the clock starts, the click in it
    is the input."""
    target = filter_toggle(page, filter_index)
    target.wait_for()
    elapsed = timed_change(page, target.click)
    page.keyboard.press("Escape")
    return elapsed


AS_OF_LABEL = re.compile("评分基准日|Scoring as-of date")  # frame.as_of in both catalogues


def as_of_picker(page):
    """The sidebar's as-of select box (month ends, newest first)."""
    return page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text=AS_OF_LABEL)


def measure_as_of(page, key: str) -> Change:
    """An as-of change by keyboard: the list opens on the chosen date, one arrow key moves to the
    next entry (ArrowDown: the month end before, ArrowUp: the one after) and Enter applies it.
    The clock starts at Enter."""
    field = as_of_picker(page).locator("input")
    field.click()
    page.get_by_role("option").first.wait_for()
    field.press(key)
    return timed_change(page, lambda: field.press("Enter"))


def metric_values(page) -> list[str]:
    return page.evaluate(METRICS_JS)


def measure_cutoff(page, tier_index: int = 0, direction: str = "Up") -> Change:
    """A threshold move on the Tiers page: one click on a cut-off input's +/- button; done when
    the tier-share metrics and the sweep chart are redrawn."""
    inputs = page.get_by_test_id("stMain").get_by_test_id("stNumberInput")
    button = inputs.nth(tier_index).get_by_test_id(f"stNumberInput{direction}")
    button.wait_for()
    return timed_change(page, button.click, signature_js=METRICS_AND_FIGURE_JS)


def _grid_cell(grid, row: int, column: int):
    """A cell of a canvas grid through its accessibility table (`glide-cell-<column>-<row>`),
    which carries the cell's text and whether it is selected."""
    return grid.get_by_test_id(f"glide-cell-{column}-{row}")


def _select_grid_cell(page, grid, row: int, column: int, attempts: int = 3) -> None:
    """Select one cell by keyboard from the grid's top-left corner, and check it is selected.

    A grid that was just re-created (each Apply draws a new editor) can drop key presses while
    it mounts, and a grid scrolled down puts another row under a fixed click position; so the
    walk starts from the corner (Ctrl+Up, Ctrl+Left) and is retried until the cell is selected.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    target = _grid_cell(grid, row, column)
    for _ in range(attempts):
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 40, box["y"] + 36 + 18)
        page.keyboard.press("ControlOrMeta+ArrowUp")
        page.keyboard.press("ControlOrMeta+ArrowLeft")
        for _ in range(row):
            page.keyboard.press("ArrowDown")
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        with contextlib.suppress(PlaywrightTimeoutError):
            target.and_(grid.locator("[aria-selected='true']")).wait_for(state="attached", timeout=2_000)
            return
    raise RuntimeError(f"could not select cell (row {row}, column {column}) of the rule editor")


def edit_rule_cell(page, row: int, column: int, text: str) -> None:
    """Type into one cell of the rule editor (a canvas grid): select the cell, open the cell
    editor with Enter, type the value, press Enter, and wait until the grid shows the value."""
    from playwright.sync_api import expect

    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    _grid_cell(grid, 0, 1).wait_for(state="attached")  # the grid has its rows
    _select_grid_cell(page, grid, row, column)
    page.keyboard.press("Enter")  # opens the cell editor
    page.wait_for_timeout(150)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text, delay=30)
    page.keyboard.press("Enter")
    expect(_grid_cell(grid, row, column)).to_have_text(text, timeout=5_000)


def measure_weight_apply(page, row: int, column: int, value: str, apply_label: str) -> Change:
    """A weight change on the Rules page: the cell is edited first, the clock starts at the
    Apply click and stops when the run is over and the effect metrics have changed."""
    edit_rule_cell(page, row, column, value)
    apply = page.get_by_role("button").filter(has_text=apply_label).first
    return timed_change(page, apply.click, signature_js=METRICS_AND_FIGURE_JS)


# The first chart's cells as drawn (a heat map's labels stay when a filter changes; its text does not).
HEATMAP_SIGNATURE_JS = """() => {
  const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  if (!plot || !plot.data) return null;
  return JSON.stringify(plot.data.map(d => [d.type, d.x, d.y, d.text]));
}"""


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the main area's select box labelled `label` (typing filters the list)."""
    box = page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text=label)
    box.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()


def measure_choice(page, label: str, option: str, signature_js: str = HEATMAP_SIGNATURE_JS) -> Change:
    """A select box change timed until the first chart shows the new figure: opening the list
    happens before the clock starts, the click on the option is the input."""
    box = page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text=label)
    box.locator("input").click()
    target = page.get_by_role("option", name=option, exact=True)
    target.wait_for()
    return timed_change(page, target.click, signature_js=signature_js)


TABLE_ROWS_JS = """grid => Array.from(grid.querySelectorAll('tr'))
  .map(row => Array.from(row.querySelectorAll('th, td')).map(cell => cell.textContent.trim()))
  .filter(cells => cells.some(Boolean))"""


def table_rows(page, index: int) -> list[dict[str, str]]:
    """The rows a canvas table has on screen, read from its accessibility table (header → cell
    value; the values are the numbers behind the text drawn)."""
    grid = page.get_by_test_id("stMain").get_by_test_id("stDataFrame").nth(index)
    grid.scroll_into_view_if_needed()
    page.wait_for_function(f"grid => ({TABLE_ROWS_JS})(grid).length > 1", arg=grid.element_handle())
    header, *rows = grid.evaluate(TABLE_ROWS_JS)
    return [dict(zip(header, row, strict=False)) for row in rows]


def pick(page, select, option: str) -> None:
    """Choose in a select box as a keyboard user does: type to filter, wait for the filtered
    list to offer the option, Enter. Enter pressed before the list has filtered picks nothing, and
    a run finishing as the box opens closes it again: then the user types once more."""
    field = select.locator("input")
    choice = page.get_by_role("option", name=option, exact=True)
    for _attempt in range(3):
        wait_for_run(page)
        field.click()
        field.fill(option)
        try:
            choice.wait_for(state="visible", timeout=5_000)
        except PlaywrightTimeoutError:
            field.press("Escape")
            continue
        field.press("Enter")
        wait_for_run(page)
        break
    expect(field).to_have_value(option)


def keyed(page, key: str):
    """The element Streamlit drew for a widget or chart with this key (its `st-key-<key>` class)."""
    return page.locator(f".st-key-{re.sub(r'[^a-zA-Z0-9_-]', '-', key)}")


# The canvas table just above a download button (`ui.export.download_table` follows its table):
# `st.dataframe` does not carry its key into the page, the download buttons do.
TABLE_ABOVE_JS = """button => {
  for (let node = button; node; node = node.parentElement) {
    for (let before = node.previousElementSibling; before; before = before.previousElementSibling) {
      const grids = before.matches('[data-testid="stDataFrame"]') ? [before]
        : before.querySelectorAll('[data-testid="stDataFrame"]');
      if (grids.length) return grids[grids.length - 1];
    }
  }
  return null;
}"""


def table_above_signature_js(download_key: str) -> str:
    """A signature for `timed_change`: the rows of the table above the download button with this
    key, or null while there is no such table or it has no rows yet."""
    selector = f".st-key-{re.sub(r'[^a-zA-Z0-9_-]', '-', download_key)}"
    return f"""() => {{
  const button = document.querySelector({selector!r});
  const grid = button && ({TABLE_ABOVE_JS})(button);
  const rows = grid ? ({TABLE_ROWS_JS})(grid) : [];
  return rows.length > 1 ? JSON.stringify(rows) : null;
}}"""


def rows_above(page, download_key: str) -> list[dict[str, str]]:
    """The rows of the table above a download button, as its accessibility table holds them
    (header → the number or text behind the cell)."""
    button = keyed(page, download_key)
    button.scroll_into_view_if_needed()
    signature = table_above_signature_js(download_key)
    page.wait_for_function(f"() => ({signature})() !== null")
    header, *body = json.loads(page.evaluate(signature))
    return [dict(zip(header, row, strict=False)) for row in body]
