"""The pack's key findings, read off the figures its sections already hold, so a review meeting
starts from one page (the comparison's headline, the checks that fail or warn, the groups the
four-fifths rule flags, how the scores rank people against a null scheme) and the tables follow.
Nothing here is computed anew: a finding the summary states is a figure of a section."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.checks.finding import VERDICTS
from scoring.pack import Pack


@dataclass(frozen=True)
class KeyFindings:
    headline: dict[str, float] | None  # the comparison's headline changes
    verdicts: dict[str, int] | None  # checks per verdict (pass, warn, fail)
    not_passed: tuple[tuple[str, str], ...]  # (check, verdict) of every check that warns or fails
    flagged: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]  # grouping -> (group, flagged rates)
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


def _flagged(frame) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each group with a rate the four-fifths rule flags, and those rates, in the table's order."""
    flags = frame[[c for c in frame.columns if c.endswith("_flag")]]
    return tuple(
        (str(group), tuple(c.removesuffix("_flag") for c in flags.columns if row[c]))
        for group, row in flags.iterrows()
        if row.any()
    )
