"""The pack's key findings, read off the figures its sections already hold, so a review meeting
starts from one page (the comparison's headline, the checks that fail or warn, the groups the
four-fifths rule flags, how the scores rank people against a null scheme) and the tables follow.
Nothing here is computed anew: a finding the summary states is a figure of a section; only the
order is the summary's own (the groups furthest from parity first, so a short list names them)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.checks.finding import VERDICTS
from scoring.pack import Pack


@dataclass(frozen=True)
class Flagged:
    group: str
    ratios: tuple[tuple[str, float], ...]  # (rate, its ratio to the reference group's) of each flagged rate


@dataclass(frozen=True)
class KeyFindings:
    headline: dict[str, float] | None  # the comparison's headline changes
    verdicts: dict[str, int] | None  # checks per verdict (pass, warn, fail)
    not_passed: tuple[tuple[str, str], ...]  # (check, verdict) of every check that warns or fails
    flagged: dict[str, tuple[Flagged, ...]]  # grouping -> its flagged groups, furthest from parity first
    auc: tuple[float, float] | None  # this scheme's AUC and the null scheme's


def key_findings(pack: Pack) -> KeyFindings:
    """The findings of the sections the pack has; a section left out leaves its finding None or empty."""
    verdicts = not_passed = None
    if pack.checks is not None:
        verdicts = {v: sum(f.verdict == v for f in pack.checks) for v in VERDICTS}
        not_passed = tuple((f.check, f.verdict) for f in pack.checks if f.verdict != "pass")
    flagged = {grouping: _flagged(frame) for grouping, frame in pack.fairness.items()}
    auc = None
    if pack.validity is not None:
        figures = pack.validity["discrimination"]["auc"]
        auc = (float(figures["real"]), float(figures["null"]))
    return KeyFindings(pack.headline, verdicts, not_passed or (), flagged, auc)


def _flagged(frame) -> tuple[Flagged, ...]:
    """Each group with a rate the four-fifths rule flags, with those rates' ratios, the group
    furthest from parity first: by its flagged ratio furthest from 1 on a log scale (half as
    often is as far as twice as often); ties keep the table's order."""
    flags = frame[[c for c in frame.columns if c.endswith("_flag")]]
    found = [
        Flagged(str(group), tuple((r, float(frame.at[group, f"{r}_ratio"])) for r in rates))
        for group, row in flags.iterrows()
        if (rates := [c.removesuffix("_flag") for c in flags.columns if row[c]])
    ]
    return tuple(sorted(found, key=lambda f: -max(_distance(ratio) for _, ratio in f.ratios)))


def _distance(ratio: float) -> float:
    """How far a ratio is from parity: |log ratio|, a ratio of 0 infinitely far."""
    return float("inf") if ratio <= 0 else abs(float(np.log(ratio)))
