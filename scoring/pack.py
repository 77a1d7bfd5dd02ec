"""The evaluation pack's figures (issue 17): everything a review meeting is handed about one
rulebook on one population and as-of date, gathered in one pass from the analyses the pages
use: the method, the rulebook's values with status and source, distributions, the comparison
with a baseline, fairness, predictive validity, the legality checks and the assumptions.

The figures are plain numbers and id-indexed tables, in no language: the printable report
(ui/pack_export.py) words them and `pack_json` writes them, so both carry the same figures.
The expensive inputs (other scores, the null population) are asked for only by the sections
that need them, each stage reported to `progress` so a 1 M pack shows where it is."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scoring.analyses.headline_changes import headline_changes
from scoring.analyses.small_cells import DEFAULT_MINIMUM, hide_small_cells
from scoring.analyses.summaries import Breakdown, mean_score, tier_counts
from scoring.analyses.transitions import tier_transitions
from scoring.checks.finding import Finding
from scoring.checks.run import run_checks
from scoring.dataset import Dataset
from scoring.engine import ScoreResult, compile_dataset, score
from scoring.fairness.disparity import disparity, largest_group
from scoring.fairness.groups import attribute
from scoring.fairness.judge import four_fifths, hide_small
from scoring.fairness.metrics import group_metrics
from scoring.provenance import provenance_table, status_counts
from scoring.rulebook import Rulebook
from scoring.validity.calibration import calibration_by_tier
from scoring.validity.discrimination import discrimination
from scoring.validity.outcome import serious_next_year

# the figures first, then the appendices a reviewer looks things up in (the rulebook's values, its assumptions)
SECTIONS = ("method", "distributions", "comparison", "fairness", "validity", "checks", "rulebook", "assumptions")
GROUPINGS = ("district", "key_group")  # the breakdowns a meeting reads the pack by
Progress = Callable[[float, str], None]  # fraction of the stage done, what is being done


@dataclass(frozen=True)
class PackInputs:
    """What the pack is built from; the expensive parts as functions, called only when needed."""

    rulebook: Rulebook
    rulebook_id: str
    baseline: Rulebook
    baseline_id: str
    dataset: Dataset
    population: Mapping[str, Breakdown]
    as_of: dt.date
    people: int
    seed: int
    result: Callable[[], ScoreResult]
    baseline_result: Callable[[], ScoreResult]
    truth_result: Callable[[], ScoreResult]  # scored on the data's as-of date, the truth's start
    null_dataset: Callable[[Progress], Dataset]
    rulebook_changes: int = 0  # the session's edits to the preset or scenario `rulebook_id` names


@dataclass
class Pack:
    sections: tuple[str, ...]
    method: dict[str, object]
    rulebook: pd.DataFrame | None = None  # provenance_table
    tiers: pd.DataFrame | None = None  # per tier id (and `unscored`): people, share
    scores: dict[str, pd.DataFrame] = field(default_factory=dict)  # grouping -> people, scored, mean
    headline: dict[str, float] | None = None
    transitions: pd.DataFrame | None = None  # baseline tier x reform tier counts, small cells as NaN
    fairness: dict[str, pd.DataFrame] = field(default_factory=dict)  # grouping -> metrics, ratios, flags
    references: dict[str, str] = field(default_factory=dict)  # grouping -> the reference group
    validity: dict[str, pd.DataFrame] | None = None  # discrimination, calibration (real and null)
    checks: list[Finding] | None = None
    assumptions: pd.DataFrame | None = None
    names: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # kind -> id -> {zh, en}


def stages(sections: Sequence[str]) -> tuple[str, ...]:
    """The stages a pack of these sections goes through, in order (the null population first
    of validity's, since generating it is the longest)."""
    out = [s for s in SECTIONS if s in sections]
    if "validity" in out:
        out.insert(out.index("validity"), "null")
    return tuple(out)


def assemble_pack(
    inputs: PackInputs, sections: Sequence[str] = SECTIONS, progress: Callable[[str, float, str], None] | None = None
) -> Pack:
    """The figures of the chosen sections; `progress(stage, fraction, detail)` is told when
    each stage starts and, for the null population, how far its generation is."""
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        raise ValueError(f"sections: {unknown[0]!r} is not one of {list(SECTIONS)}")
    report = progress or (lambda stage, fraction, detail: None)
    pack = Pack(tuple(s for s in SECTIONS if s in sections), _method(inputs), names=_names(inputs))
    for stage in stages(sections):
        report(stage, 0.0, "")
        if stage == "null":
            null = inputs.null_dataset(lambda fraction, detail: report("null", fraction, detail))
        elif stage == "validity":
            pack.validity = _validity(inputs, null)
        else:
            _FILL[stage](pack, inputs)
    return pack


def _method(inputs: PackInputs) -> dict[str, object]:
    dataset = inputs.dataset
    return {
        "synthetic": bool(dataset.is_synthetic),
        "as_of": inputs.as_of.isoformat(),
        "data_as_of": str(dataset.data_as_of),
        "people": int(inputs.people),
        "seed": int(inputs.seed),
        "rulebook": {
            "id": inputs.rulebook_id,
            "zh": inputs.rulebook.title.zh,
            "en": inputs.rulebook.title.en,
            "changes": inputs.rulebook_changes,
        },  # fmt: skip
        "baseline": {"id": inputs.baseline_id, "zh": inputs.baseline.title.zh, "en": inputs.baseline.title.en},
        "status_counts": status_counts(inputs.rulebook),
        "smallest_cell": smallest_cell(dataset),
    }


def smallest_cell(dataset: Dataset) -> int:
    """The fewest people a count the pack prints may hold (smaller ones are hidden): a real
    population's small cells can point at people; a synthetic one has no one to protect."""
    return 1 if dataset.is_synthetic else DEFAULT_MINIMUM


def _names(inputs: PackInputs) -> dict[str, dict[str, dict[str, str]]]:
    """The names of the ids the figures use, for a reader of the JSON."""
    catalogues = inputs.dataset.catalogues

    def named(items) -> dict[str, dict[str, str]]:
        titles = ((item.id, getattr(item, "title", item)) for item in items)  # catalogue entries are their own title
        return {item_id: {"zh": title.zh, "en": title.en} for item_id, title in titles}

    return {
        "district": named(catalogues.districts),
        "key_group": named(catalogues.key_groups),
        "tier": named(inputs.rulebook.tiers.levels),
        "baseline_tier": named(inputs.baseline.tiers.levels),
        "rule": named(inputs.rulebook.rules),  # the checks' findings name rules by id
    }


def _rulebook(pack: Pack, inputs: PackInputs) -> None:
    pack.rulebook = provenance_table(inputs.rulebook)


def _assumptions(pack: Pack, inputs: PackInputs) -> None:
    table = provenance_table(inputs.rulebook)
    pack.assumptions = table[table["status"] == "assumption"].reset_index(drop=True)


def _distributions(pack: Pack, inputs: PackInputs) -> None:
    result = inputs.result()
    counts = tier_counts(result.tier, result.tier_ids).loc["all"]
    pack.tiers = pd.DataFrame({"people": counts.astype(np.int64), "share": counts / max(int(counts.sum()), 1)})
    for grouping in GROUPINGS:
        breakdown = inputs.population[grouping]
        pack.scores[grouping] = mean_score(result.score, result.eligible, breakdown.codes, breakdown.ids)


def _comparison(pack: Pack, inputs: PackInputs) -> None:
    reform, baseline = inputs.result(), inputs.baseline_result()
    pack.headline = headline_changes(baseline, reform)
    # a reader knows each tier's size under either rulebook: complements hidden in rows and columns
    least = smallest_cell(inputs.dataset)
    pack.transitions = hide_small_cells(tier_transitions(baseline, reform), minimum=least, margins=("rows", "columns"))


def _fairness(pack: Pack, inputs: PackInputs) -> None:
    result = inputs.result()
    least = smallest_cell(inputs.dataset)
    for grouping in GROUPINGS:
        shown = hide_small(group_metrics(result, attribute(inputs.population, (grouping,))), least)
        reference = largest_group(shown)
        ratios = disparity(shown, reference)
        flags = four_fifths(ratios).add_suffix("_flag")
        pack.fairness[grouping] = shown.join(ratios).join(flags)
        pack.references[grouping] = str(reference)


def _validity(inputs: PackInputs, null: Dataset) -> dict[str, pd.DataFrame] | None:
    outcome = serious_next_year(inputs.dataset)
    if outcome is None:
        return None
    real = inputs.truth_result()
    null_result = score(compile_dataset(null), inputs.rulebook)
    null_outcome = serious_next_year(null)
    return {
        "discrimination": pd.DataFrame(
            {"real": discrimination(real.score, outcome), "null": discrimination(null_result.score, null_outcome)}
        ).T,
        "calibration": calibration_by_tier(real.tier, outcome, real.tier_ids).set_index("tier"),
        "null_calibration": calibration_by_tier(null_result.tier, null_outcome, null_result.tier_ids).set_index("tier"),
    }


def _checks(pack: Pack, inputs: PackInputs) -> None:
    result = inputs.result()
    pack.checks = run_checks(
        inputs.rulebook, inputs.dataset.catalogues, dataset=inputs.dataset, as_of=inputs.as_of, scored=result.eligible
    )


def _method_stage(pack: Pack, inputs: PackInputs) -> None:
    """The method is known before any stage; its stage is the scoring every other one reads."""
    inputs.result()


_FILL = {
    "method": _method_stage,
    "rulebook": _rulebook,
    "distributions": _distributions,
    "comparison": _comparison,
    "fairness": _fairness,
    "checks": _checks,
    "assumptions": _assumptions,
}


def pack_json(pack: Pack) -> dict[str, object]:
    """The pack as JSON-ready data: the synthetic marker and the rulebook's provenance first,
    numbers as numbers (NaN as null), ids beside names."""
    out: dict[str, object] = {
        "synthetic": pack.method["synthetic"],
        "rulebook": pack.method["rulebook"],
        "provenance": pack.method["status_counts"],
        "method": pack.method,
        "sections": list(pack.sections),
        "names": pack.names,
    }
    if pack.rulebook is not None:
        out["rulebook_values"] = _records(pack.rulebook)
    if pack.tiers is not None:
        out["distributions"] = {
            "tiers": _records(pack.tiers, "tier", pack.names["tier"]),
            "scores": {g: _records(frame, g, pack.names[g]) for g, frame in pack.scores.items()},
        }
    if pack.headline is not None:
        out["comparison"] = {
            "baseline": pack.method["baseline"],
            "headline": {k: _number(v) for k, v in pack.headline.items()},
            "transitions": _records(pack.transitions.rename_axis("baseline_tier"), "baseline_tier"),
        }
    if pack.fairness:
        out["fairness"] = {
            g: {"reference": pack.references[g], "groups": _records(frame, g, pack.names[g])}
            for g, frame in pack.fairness.items()
        }
    if "validity" in pack.sections:
        out["validity"] = None if pack.validity is None else {
            "ground_truth": "synthetic",
            "discrimination": _records(pack.validity["discrimination"], "side"),
            **{k: _records(pack.validity[k], "tier", pack.names["tier"]) for k in ("calibration", "null_calibration")},
        }  # fmt: skip
    if pack.checks is not None:
        out["checks"] = [_finding(f) for f in pack.checks]
    if pack.assumptions is not None:
        out["assumptions"] = _records(pack.assumptions)
    return out


def _records(
    frame: pd.DataFrame, index: str | None = None, names: Mapping[str, dict[str, str]] | None = None
) -> list[dict[str, object]]:
    """Rows as plain dicts, the index first as `index`, followed by its `name` where `names` has it."""
    table = frame.rename_axis(index).reset_index() if index else frame
    rows = [{str(k): _number(v) for k, v in row.items()} for row in table.to_dict("records")]
    if names is not None:
        rows = [{index: row[index], "name": names.get(row[index]), **row} for row in rows]
    return rows


def _number(value: object) -> object:
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        return None if math.isnan(value) else float(value)
    return value


def _finding(found: Finding) -> dict[str, object]:
    return {
        "check": found.check,
        "verdict": found.verdict,
        "code": found.code,
        "rules": list(found.rules),
        "elements": [list(e) for e in found.elements],
        "baseline": found.baseline,
        "baseline_date": found.baseline_date.isoformat(),
        "params": {k: list(v) if isinstance(v, tuple) else _number(v) for k, v in found.params.items()},
    }
