"""Aggregates for the dashboard pages, computed on the server from plain numpy arrays.

Only these aggregates travel to the browser, never one row per person: with a million people a
filter change must redraw in well under a second. Everything here is one pass of `np.bincount`
over integer codes (category codes of the people frame, tier indices, score bins), so the cost
is a few milliseconds per million people whatever the number of groups.

Unscored people (ineligible, no consent, …) are never dropped: they are their own column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

UNSCORED = "unscored"
AGE_BAND_EDGES = (18, 30, 40, 50, 60)  # lower bounds; under 18 is its own band (never scored by default)


def _grouped(codes: np.ndarray | None, n: int) -> tuple[np.ndarray, int]:
    """Group codes as intp, or one group (0) for everyone."""
    if codes is None:
        return np.zeros(n, dtype=np.intp), 1
    codes = np.asarray(codes)
    if len(codes) and codes.min() < 0:
        raise ValueError("group codes must be non-negative (missing values need their own code)")
    return codes.astype(np.intp, copy=False), int(codes.max(initial=-1)) + 1


def tier_counts(
    tier: np.ndarray, tier_ids: Sequence[str], by: np.ndarray | None = None, labels: Sequence[str] | None = None
) -> pd.DataFrame:
    """People per tier (columns, best first, then `unscored`) per group (rows; one row `all`
    without `by`). `tier` is the engine's index into `tier_ids`, -1 for unscored."""
    n_tiers = len(tier_ids)
    codes, n_groups = _grouped(by, len(tier))
    n_groups = max(n_groups, len(labels)) if labels is not None else n_groups
    column = np.where(tier < 0, n_tiers, tier).astype(np.intp)
    counts = np.bincount(codes * (n_tiers + 1) + column, minlength=n_groups * (n_tiers + 1))
    index = list(labels) if labels is not None else (["all"] if by is None else list(range(n_groups)))
    return pd.DataFrame(counts.reshape(n_groups, n_tiers + 1), index=index, columns=[*tier_ids, UNSCORED])


def coverage(codes: np.ndarray, eligible: np.ndarray, labels: Sequence[str]) -> pd.DataFrame:
    """People, scored, unscored and the scored share per group, in catalogue order (every group
    appears, even with nobody in it, so an empty group is visible rather than missing)."""
    n = len(labels)
    people = np.bincount(codes, minlength=n)
    scored = np.bincount(codes, weights=eligible, minlength=n).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(people > 0, scored / np.maximum(people, 1), np.nan)
    return pd.DataFrame(
        {"people": people, "scored": scored, "unscored": people - scored, "coverage": share}, index=list(labels)
    )


def mean_score(score: np.ndarray, eligible: np.ndarray, codes: np.ndarray, labels: Sequence[str]) -> pd.DataFrame:
    """Mean score of the scored people per group, with the counts behind it, highest first."""
    n = len(labels)
    scored = np.bincount(codes[eligible], minlength=n)
    total = np.bincount(codes[eligible], weights=score[eligible], minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(scored > 0, total / np.maximum(scored, 1), np.nan)
    frame = pd.DataFrame(
        {"people": np.bincount(codes, minlength=n), "scored": scored, "mean": mean}, index=list(labels)
    )
    return frame.sort_values("mean", ascending=False, na_position="last")


def list_counts(red: np.ndarray, black: np.ndarray, codes: np.ndarray, labels: Sequence[str]) -> pd.DataFrame:
    """People on the red and on the black list per group, in catalogue order (every group appears).

    Lists are counted over everyone, scored or not: a listing authority's decision does not
    depend on a rulebook's eligibility."""
    n = len(labels)
    return pd.DataFrame(
        {
            "red_list": np.bincount(codes, weights=red, minlength=n).astype(np.int64),
            "black_list": np.bincount(codes, weights=black, minlength=n).astype(np.int64),
        },
        index=list(labels),
    )


def tier_shares(counts: pd.DataFrame) -> pd.DataFrame:
    """Each row of `tier_counts` as shares of the row's people (unscored included, so a row sums
    to 1); NaN for a group with nobody in it rather than a mix that is not there."""
    totals = counts.sum(axis=1).to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts.to_numpy(dtype=float) / np.where(totals > 0, totals, np.nan)[:, None]
    return pd.DataFrame(shares, index=counts.index, columns=counts.columns)


def group_profile(
    score: np.ndarray,
    eligible: np.ndarray,
    tier: np.ndarray,
    tier_ids: Sequence[str],
    codes: np.ndarray,
    labels: Sequence[str],
    red: np.ndarray,
    black: np.ndarray,
) -> pd.DataFrame:
    """Per group, ranked by mean score (highest first, groups nobody is scored in last): people,
    scored, mean, the tier mix of everyone (tier ids, then `unscored`) and red and black list
    counts: the ranked view of districts and key groups on the overview, in one table."""
    ranked = mean_score(score, eligible, codes, labels)
    mix = tier_shares(tier_counts(tier, tier_ids, by=codes, labels=labels))
    return ranked.join(mix).join(list_counts(red, black, codes, labels))


@dataclass(frozen=True)
class Breakdown:
    """One way to split people: a code per person and the ids the codes stand for."""

    codes: np.ndarray
    ids: tuple[str, ...]


BREAKDOWNS = ("key_group", "district", "gender", "age_band", "hukou")


def age_band_ids(edges: Sequence[int] = AGE_BAND_EDGES) -> tuple[str, ...]:
    """Band labels `<18`, `18–29`, …, `60+` for lower bounds `edges`."""
    bounds = list(edges)
    middle = [f"{lo}–{hi - 1}" for lo, hi in zip(bounds, bounds[1:], strict=False)]
    return (f"<{bounds[0]}", *middle, f"{bounds[-1]}+")


def breakdowns(
    people: pd.DataFrame, age_years: np.ndarray, edges: Sequence[int] = AGE_BAND_EDGES
) -> dict[str, Breakdown]:
    """Codes for every breakdown the pages offer; categorical columns keep catalogue order."""
    out = {
        name: Breakdown(people[name].cat.codes.to_numpy(), tuple(str(c) for c in people[name].cat.categories))
        for name in BREAKDOWNS
        if name != "age_band"
    }
    ages = np.maximum(age_years, 0)  # born after the as-of date: the youngest band
    band_of_age = np.searchsorted(np.asarray(edges), np.arange(int(ages.max(initial=0)) + 1), side="right")
    out["age_band"] = Breakdown(band_of_age.astype(np.int8)[ages], age_band_ids(edges))  # a lookup, not a search
    return {name: out[name] for name in BREAKDOWNS}


def select(codes: Mapping[str, np.ndarray], chosen: Mapping[str, Sequence[int]], n: int) -> np.ndarray:
    """People whose code is among the chosen ones on every dimension; an empty choice means all."""
    mask = np.ones(n, dtype=bool)
    for name, values in chosen.items():
        if values:
            lookup = np.zeros(int(codes[name].max(initial=0)) + 1, dtype=bool)
            lookup[[v for v in values if v < len(lookup)]] = True
            mask &= lookup[codes[name]]
    return mask


@dataclass(frozen=True)
class BinnedScores:
    """Fine score histograms per group (rows) over equal-width bins (columns).

    Histogram, ECDF and box statistics are all read off these counts, so one pass over the
    people serves every view; quantiles are exact to one fine bin.
    """

    edges: np.ndarray  # len bins + 1
    counts: np.ndarray  # groups × bins
    labels: list[str]
    other: str | None = None  # the label of the last row when it merges the smaller groups

    @property
    def totals(self) -> np.ndarray:
        return self.counts.sum(axis=1)

    def largest(self, n: int, other: Callable[[int], str]) -> BinnedScores:
        """At most `n` series: when more than `n` groups have anybody in them, the `n - 1`
        largest (largest first) and one row summing the rest, labelled `other(how many)`.
        Thirty overlapping series can be neither read nor drawn quickly; a table keeps them all."""
        present = np.flatnonzero(self.totals)
        if len(present) <= n:
            return self
        order = present[np.argsort(-self.totals[present], kind="stable")]
        keep, rest = order[: n - 1], order[n - 1 :]
        counts = np.vstack([self.counts[keep], self.counts[rest].sum(axis=0, keepdims=True)])
        label = other(len(rest))
        return BinnedScores(self.edges, counts, [self.labels[i] for i in keep] + [label], other=label)

    def _occupied(self) -> slice:
        """The fine bins from the first to the last one anybody falls in (all bins if empty)."""
        used = np.flatnonzero(self.counts.sum(axis=0))
        return slice(used[0], used[-1] + 1) if len(used) else slice(0, self.counts.shape[1])

    def central(self, share: float = 0.995) -> tuple[float, float, int, int]:
        """The score range holding the central `share` of everyone (to one bin), and how many
        people lie below and above it: the view a chart zooms to when a few stragglers would
        squeeze everyone else into a sliver, with what it leaves out counted, not hidden."""
        total = self.counts.sum(axis=0)
        n = int(total.sum())
        if n == 0:
            return float(self.edges[0]), float(self.edges[-1]), 0, 0
        cum = np.cumsum(total)
        tail = (1 - share) / 2 * n
        first = int(np.searchsorted(cum, tail, side="right"))
        last = int(np.searchsorted(cum, n - tail, side="left"))
        below = int(cum[first - 1]) if first > 0 else 0
        return float(self.edges[first]), float(self.edges[last + 1]), below, n - int(cum[last])

    def _step(self, span: slice, n: int, within: tuple[float, float] | None) -> int:
        """Fine bins per display step: about `n` steps across `within` (the view), or across the
        occupied bins when no view is given."""
        width = self.edges[1] - self.edges[0]
        fine = (within[1] - within[0]) / width if within else span.stop - span.start
        return max(1, int(np.ceil(fine / n)))

    def histogram(self, n_bins: int = 60, within: tuple[float, float] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """About `n_bins` display bins across `within` (default: the occupied range), merging
        whole fine bins; the bins still cover every occupied score, so nobody leaves the chart
        when it is zoomed out."""
        span = self._occupied()
        fine = self.counts[:, span]
        step = self._step(span, n_bins, within)
        pad = (-fine.shape[1]) % step
        counts = np.pad(fine, ((0, 0), (0, pad))).reshape(len(self.labels), -1, step).sum(axis=2)
        width = self.edges[1] - self.edges[0]
        edges = self.edges[span.start] + width * step * np.arange(counts.shape[1] + 1)
        return edges, counts

    def cumulative(self) -> np.ndarray:
        """Share of each group at or below each right bin edge (NaN rows for empty groups)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.cumsum(self.counts, axis=1) / self.totals[:, None]

    def ecdf(self, n_points: int = 150, within: tuple[float, float] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(edges, shares at each right edge) over the occupied range for step lines, thinned
        to about `n_points` steps across `within` (default: the occupied range; every step is a
        vertex the browser must draw)."""
        span = self._occupied()
        step = self._step(span, n_points, within)
        right = np.arange(span.start + step, span.stop + step, step).clip(max=span.stop)
        edges = np.concatenate([self.edges[span.start : span.start + 1], self.edges[right]])
        return edges, self.cumulative()[:, right - 1]

    def quantiles(self, qs: Sequence[float]) -> np.ndarray:
        """Quantiles per group (groups × len(qs)), read at the right edge of the bin that reaches q."""
        cum = self.cumulative()
        out = np.full((len(self.labels), len(qs)), np.nan)
        for g in np.flatnonzero(self.totals):
            idx = np.searchsorted(cum[g], np.asarray(qs) - 1e-12, side="left")
            out[g] = self.edges[1:][np.minimum(idx, len(cum[g]) - 1)]
        return out

    def box(self) -> pd.DataFrame:
        """Box-plot statistics per group: quartiles, whiskers at 1.5 IQR clipped to the data, and
        the lowest and highest score (to one bin), so what lies beyond the whiskers is shown by
        its extent, not by one point per person."""
        q1, median, q3 = self.quantiles((0.25, 0.5, 0.75)).T
        nonzero = self.counts > 0
        first = np.where(self.totals > 0, self.edges[:-1][np.argmax(nonzero, axis=1)], np.nan)
        last = np.where(
            self.totals > 0, self.edges[1:][nonzero.shape[1] - 1 - np.argmax(nonzero[:, ::-1], axis=1)], np.nan
        )
        iqr = q3 - q1
        return pd.DataFrame(
            {
                "people": self.totals,
                "lower": np.maximum(first, q1 - 1.5 * iqr),
                "q1": q1,
                "median": median,
                "q3": q3,
                "upper": np.minimum(last, q3 + 1.5 * iqr),
                "min": first,
                "max": last,
            },
            index=self.labels,
        )


def binned_scores(
    score: np.ndarray,
    mask: np.ndarray,
    codes: np.ndarray | None,
    labels: Sequence[str],
    low: float,
    high: float,
    max_bins: int = 2000,
) -> BinnedScores:
    """Count the masked, scored people into fine bins over [low, high] per group.

    NaN scores (unscored people) are left out here by design: the pages count them separately.
    """
    span = max(high - low, 1e-9)
    width = max(1.0, span / max_bins)
    n_bins = int(np.ceil(span / width)) or 1
    keep = mask & ~np.isnan(score)
    group, _ = _grouped(None if codes is None else codes[keep], int(keep.sum()))
    n_groups = len(labels)
    idx = np.clip(((score[keep] - low) / width).astype(np.intp), 0, n_bins - 1)
    counts = np.bincount(group * n_bins + idx, minlength=n_groups * n_bins).reshape(n_groups, n_bins)
    edges = low + width * np.arange(n_bins + 1)
    return BinnedScores(edges=edges, counts=counts, labels=list(labels))
