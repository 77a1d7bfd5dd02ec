"""Browser benchmark: input → chart updated, measured in Debian's Chromium on a running app.

    python -m benchmarks.browser --people 1000000 --repeats 15

Starts `streamlit run app.py` with the population size in `CCL_DEFAULT_PEOPLE`, waits for the
first generation and compile, then toggles a distribution filter N times and reports the median
time from the click until the script is idle again and the Plotly figure has changed; then does
the same for N as-of changes to dates not visited yet (each needs a new as-of view and a
re-score) and N changes between two visited dates (held in st.cache_resource); then a cut-off
step on the Tiers page and a weight change applied on the Rules page.

The server, the browser and the timed inputs come from the browser tests' harness
(tests/browser/harness.py), so the benchmark measures exactly what the tests drive.
"""

from __future__ import annotations

import argparse
import statistics
import time

from tests.browser.harness import (
    POINTS_COLUMN,
    TRAFFIC_VIOLATION_ROW,
    Change,
    app_server,
    launch_args,
    measure,
    measure_as_of,
    measure_cutoff,
    measure_weight_apply,
    open_page,
)


def _report(what: str, changes: list[Change]) -> None:
    """Median, min and max on the page's clock, and the median of the Playwright wall clock."""
    times, wall = [c.page * 1000 for c in changes], statistics.median(c.wall for c in changes) * 1000
    print(f"{what}: median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms "
          f"over {len(times)} changes (Playwright wall clock: median {wall:.0f} ms)")  # fmt: skip


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=15, help="changes per case (at least 2)")
    parser.add_argument("--filter", type=int, default=2, help="which multiselect to toggle (2 = gender)")
    parser.add_argument("--tuning-only", action="store_true", help="only the cut-off step and the weight apply")
    args = parser.parse_args()
    if args.repeats < 2:
        parser.error("--repeats must be at least 2 (visited dates need two new ones first)")
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
