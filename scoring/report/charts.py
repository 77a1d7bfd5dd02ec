"""Chart geometry the template draws: a waterfall as one horizontal bar per step on a shared
scale, in percent of the bar track, so the same numbers lay out in a browser and in print."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scoring.report.document import Waterfall

BarKind = Literal["rise", "fall", "level"]


@dataclass(frozen=True)
class Bar:
    left: float  # percent of the track
    width: float  # percent of the track, at least a hairline so a zero step is still seen
    kind: BarKind


MIN_WIDTH = 0.4


def waterfall_bars(chart: Waterfall) -> list[Bar]:
    """Each step from where the previous one ended; a level (base, score) from zero. The scale
    runs from the lowest to the highest level or running total, zero included, as the page's
    chart does when the values allow."""
    spans, running = [], 0.0
    for value, measure in zip(chart.values, chart.measures, strict=True):
        if measure == "absolute":
            spans.append((0.0, value, "level"))
            running = value
        else:
            spans.append((running, running + value, "rise" if value >= 0 else "fall"))
            running += value
    ends = [end for span in spans for end in span[:2]]
    low, high = min(0.0, *ends), max(0.0, *ends)
    extent = (high - low) or 1.0
    bars = []
    for start, end, kind in spans:
        left = 100 * (min(start, end) - low) / extent
        width = max(100 * abs(end - start) / extent, MIN_WIDTH)
        bars.append(Bar(round(min(left, 100 - width), 3), round(width, 3), kind))
    return bars
