"""The evaluation pack (issue 17) as a document to print: 评估报告包（模拟数据） / Evaluation pack
(synthetic data), in the reader's language, watermarked on every page. It words the figures of
`scoring.pack.Pack` with the tables the pages use, so the PDF, the HTML and the JSON written from
the same pack carry the same numbers."""

from __future__ import annotations

from functools import reduce

import pandas as pd

from scoring.fairness.judge import FOUR_FIFTHS
from scoring.pack import GROUPINGS, Pack
from scoring.pack_summary import Flagged, key_findings
from scoring.provenance import assumed_by_element, provenance_table
from scoring.report.document import Block, Bullets, Document, Facts, Paragraph, Section
from scoring.rulebook import Rulebook
from ui import checks_tables, fairness_tables, fmt, rule_names, rulebooks, tables, validity_tables
from ui.export import described, provenance_sheet
from ui.i18n import current_language, plural, t
from ui.report import report_table
from ui.rulebooks import Working


def pack_document(pack: Pack, working: Working, baseline: Working) -> Document:
    """The pack's chosen sections as a document in the session's language; the marker names the
    rulebook with how sure its values are and the session's edits, if any. Both rulebooks are
    named as the pickers name them: a saved scenario by its name and short hash, not by the
    title of the preset it was made from."""
    rulebook = working.rulebook
    names = rulebooks.choices()[1]
    build = {
        "method": lambda: _method(pack, working, baseline, names),
        "rulebook": lambda: _rulebook(rulebook),
        "distributions": lambda: _distributions(pack, rulebook),
        "comparison": lambda: _comparison(pack, working, baseline, names),
        "fairness": lambda: _fairness(pack),
        "validity": lambda: _validity(pack, rulebook),
        "checks": lambda: _checks(pack, rulebook),
        "assumptions": lambda: _assumptions(rulebook),
    }
    summary = Section(t("pack.summary.heading"), _summary(pack, choice_name(baseline, names)))
    sections = (summary, *(Section(heading(s), build[s]()) for s in pack.sections))
    return Document(
        lang=current_language(),
        title=t("pack.title"),
        watermark=t("pack.watermark"),
        marker=f"{t('frame.synthetic_marker')} · {t('pack.marker', rulebook=described(working))}",
        sections=sections,
        footer=t("pack.footer"),
    )


def heading(section: str) -> str:
    return t(f"pack.section.{section}")


# The summary names this many groups per breakdown, the furthest from parity; the rest are counted.
NAMED_GROUPS = 5


def _summary(pack: Pack, baseline: str) -> tuple[Block, ...]:
    """The key findings of the sections the pack has, one bullet each, before any table, each
    saying in words what its figure means."""
    found = key_findings(pack)
    separator = t("lists.separator")
    lines = []
    if found.headline is not None:
        changes = t("pack.summary.change_separator").join(
            t("pack.summary.change", figure=t(f"pack.headline.{k}"), value=headline_text(k, v))
            for k, v in found.headline.items()
        )
        lines.append(t("pack.summary.comparison", baseline=baseline, changes=changes))
    if found.verdicts is not None:
        sentences = [t("pack.checks_summary", passed=found.verdicts["pass"], warned=found.verdicts["warn"],
                       failed=found.verdicts["fail"])]  # fmt: skip
        sentences += [
            t(f"pack.summary.checks_{verdict}", checks=separator.join(t(f"checks.name.{c}") for c in checks))
            for verdict in ("fail", "warn")
            if (checks := [c for c, v in found.not_passed if v == verdict])
        ]
        findings = reduce(lambda first, second: t("pack.summary.sentences", first=first, second=second), sentences)
        lines.append(t("pack.summary.checks", findings=findings))
    for grouping, flagged in found.flagged.items():
        lines.append(_fairness_finding(grouping, flagged, fmt.category(grouping, pack.references[grouping])))
    if found.auc is not None:
        lines.append(t("pack.summary.validity", auc=fmt.number(found.auc[0], 3), null=fmt.number(found.auc[1], 3)))
    return Paragraph(t("pack.summary.note")), Bullets(tuple(lines))


def _fairness_finding(grouping: str, flagged: tuple[Flagged, ...], reference: str) -> str:
    """The groups the four-fifths rule flags in one breakdown, what a flag means, and the few
    furthest from parity by name with their ratios; the others counted."""
    by = t(f"dim.{grouping}")
    if not flagged:
        return t("pack.summary.fairness_none", by=by, reference=reference)
    named = t("lists.separator").join(
        bracketed(
            fmt.category(grouping, f.group),
            t("pack.summary.ratio_separator").join(
                t(f"pack.summary.ratio.{rate}", ratio=ratio_text(ratio)) for rate, ratio in f.ratios
            ),
        )
        for f in flagged[:NAMED_GROUPS]
    )
    more = len(flagged) - NAMED_GROUPS
    if more > 0:
        named += t("pack.summary.more", more=fmt.count(more), section=heading("fairness"))
    groups = fmt.count(len(flagged))
    return plural("pack.summary.fairness", len(flagged), by=by, groups=groups, reference=reference, flagged=named)


def ratio_text(ratio: float) -> str:
    """A flagged ratio at two decimals, or three where two would write the rule's own threshold
    (0.7996 is flagged, and 0.80 would read as not below 0.8)."""
    written = fmt.number(ratio, 2)
    at_threshold = written in (fmt.number(FOUR_FIFTHS, 2), fmt.number(1 / FOUR_FIFTHS, 2))
    return fmt.number(ratio, 3) if at_threshold else written


def bracketed(name: str, detail: str) -> str:
    """A name with a detail in brackets, full-width in Chinese: 律师（黑名单）, Lawyer (black list)."""
    return t("pack.name_detail", name=name, detail=detail)


def choice_name(working: Working, names: dict[str, str]) -> str:
    """A preset or saved scenario as the rulebook pickers name it (`names`: `rulebooks.choices`)."""
    return rulebooks.choice_label(working.choice, names, current_language())


def edited_name(working: Working, names: dict[str, str]) -> str:
    """The working rulebook's name, and its edits if the session made any, so an edited preset never
    reads like the preset it was edited from."""
    name = choice_name(working, names)
    if not working.edited:
        return name
    return t("pack.edited_name", rulebook=name, edited=plural("frame.edited", working.changes, changes=working.changes))


def _method(pack: Pack, working: Working, baseline: Working, names: dict[str, str]) -> tuple[Block, ...]:
    method = pack.method
    data = t("pack.method.synthetic") if method["synthetic"] else t("pack.method.real")
    pairs = (
        (t("export.rulebook"), edited_name(working, names)),
        (t("pack.method.baseline"), choice_name(baseline, names)),
        (t("frame.as_of"), fmt.date(method["as_of"])),
        (t("pack.method.data_as_of"), fmt.date(method["data_as_of"])),
        (t("pack.method.data"), data),
        (t("frame.size"), fmt.count(method["people"])),
        (t("frame.seed"), str(method["seed"])),
    )
    return Paragraph(t("pack.method.text")), Facts(pairs)


def values_sheet(rulebook: Rulebook) -> pd.DataFrame:
    """The Rules page's table of values with status and source, without the library's paths
    (ids a reader does not read; the JSON keeps them)."""
    sheet = provenance_sheet([rulebook], current_language())
    return sheet.drop(columns=t("prov.col.path"))


def _rulebook(rulebook: Rulebook) -> tuple[Block, ...]:
    return Paragraph(t("pack.rulebook_note")), report_table(values_sheet(rulebook))


def _distributions(pack: Pack, rulebook: Rulebook) -> tuple[Block, ...]:
    tiers = tables.tier_table(pack.tiers["people"], fmt.tier_names(rulebook))
    blocks: list[Block] = [report_table(tiers, shares=[t("col.share")], title=t("pack.tiers_heading"))]
    for grouping in GROUPINGS:
        title = t("pack.scores_heading", by=t(f"dim.{grouping}"))
        blocks.append(report_table(score_table(pack.scores[grouping], grouping), {t("col.mean"): 1}, title=title))
    return tuple(blocks)


def score_table(scores: pd.DataFrame, grouping: str) -> pd.DataFrame:
    """Mean score per group (highest first) with the people and the scored behind it."""
    return pd.DataFrame(
        {
            t(f"dim.{grouping}"): [fmt.category(grouping, g) for g in scores.index],
            t("col.people"): scores["people"].to_numpy(),
            t("col.scored"): scores["scored"].to_numpy(),
            t("col.mean"): scores["mean"].to_numpy(),
        }
    )


def headline_text(figure: str, value: float) -> str:
    """A headline figure as a reader says it: a change in words (增加 / +), none when it rounds to
    nothing; people as the dashboard counts them (4.72万), the yearly cost in yuan, the top tier's
    share in percentage points, and the shares of people who moved tier as plain percentages."""
    if pd.isna(value):  # score ranges or tier ladders that differ (scoring/analyses/headline_changes.py)
        return t("pack.change.not_comparable")
    if figure in ("moved_up", "moved_down"):
        return fmt.percent(value)
    size = abs(value)
    if figure == "best_tier_share":
        written, rounded = t("pack.points", points=fmt.number(100 * size, 1)), round(100 * size, 1)
    elif figure == "incentive_cost":
        written, rounded = fmt.money(size), round(size)
    elif figure == "scored":
        written, rounded = fmt.count(size), round(size)
    else:
        written, rounded = fmt.number(size, 1), round(size, 1)
    if rounded == 0:
        return t("pack.change.none")
    return t("pack.change.more" if value > 0 else "pack.change.less", amount=written)


def _comparison(pack: Pack, working: Working, baseline: Working, names: dict[str, str]) -> tuple[Block, ...]:
    rulebook = working.rulebook
    pairs = tuple((t(f"pack.headline.{k}"), headline_text(k, v)) for k, v in pack.headline.items())
    matrix = tables.transition_table(pack.transitions, fmt.tier_names(baseline.rulebook), fmt.tier_names(rulebook))
    note = t("pack.comparison_note", baseline=choice_name(baseline, names), reform=edited_name(working, names))
    return (
        Paragraph(f"{note} {small_cells_rule(pack.method['smallest_cell'])}"),
        Facts(pairs),
        report_table(matrix, title=t("pack.transitions_heading")),
    )


def small_cells_rule(least: int) -> str:
    """The rule the pack's counts of people are printed under (`scoring.pack.smallest_cell`)."""
    return t("pack.small_cells.none") if least <= 1 else t("pack.small_cells.hidden", minimum=least)


def fairness_table(frame: pd.DataFrame, grouping: str) -> pd.DataFrame:
    """The Fairness page's table of rates and ratios, with the rates the four-fifths rule flags."""
    ratios = frame[[c for c in frame.columns if c == "score_gap" or c.endswith("_ratio")]]
    table = fairness_tables.metrics_table(frame, ratios, (grouping,))
    flags = frame[[c for c in frame.columns if c.endswith("_flag")]]
    separator = t("lists.separator")
    table[t("pack.col.flags")] = [
        separator.join(fairness_tables.rate_name(c.removesuffix("_flag")) for c in flags.columns if row[c])
        or tables.EMPTY
        for _, row in flags.iterrows()
    ]
    return table


def fairness_halves(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`fairness_table` as two tables sharing the group column, each narrow enough to print every
    column on a page: the groups' own figures and rates, then the comparisons with the reference
    group (the score gap, each rate's ratio) and the flags. The Fairness page's pairing of each
    rate with its ratio takes 18 columns, more than a landscape page holds."""
    group = table.columns[0]
    ratios = [fairness_tables.ratio_name(rate) for rate in fairness_tables.RATES]
    compared = [t("fairness.col.score_gap"), *ratios, t("pack.col.flags")]
    own = [c for c in table.columns if c not in compared]
    return table[own], table[[group, *compared]]


def _fairness(pack: Pack) -> tuple[Block, ...]:
    blocks: list[Block] = [Paragraph(t("pack.fairness_note"))]
    decimals, shares = fairness_tables.metrics_decimals(), list(fairness_tables.metrics_columns())
    for grouping in GROUPINGS:
        by, reference = t(f"dim.{grouping}"), fmt.category(grouping, pack.references[grouping])
        rates, ratios = fairness_halves(fairness_table(pack.fairness[grouping], grouping))
        blocks += [
            report_table(rates, decimals, shares, title=t("pack.fairness_heading", by=by, reference=reference)),
            report_table(ratios, decimals, title=t("pack.fairness_ratios_heading", by=by, reference=reference)),
        ]
    return tuple(blocks)


def _validity(pack: Pack, rulebook: Rulebook) -> tuple[Block, ...]:
    synthetic = Paragraph(t("validity.synthetic_only"), strong=True)
    if pack.validity is None:
        return synthetic, Paragraph(t("validity.no_truth"))
    figures = pack.validity["discrimination"]
    discrimination = validity_tables.discrimination_table(figures.loc["real"], figures.loc["null"])
    calibration = validity_tables.calibration_table(
        pack.validity["calibration"].reset_index(), pack.validity["null_calibration"].reset_index(), rulebook
    )
    shares = list(validity_tables.calibration_columns())
    # one table per generator: seven columns side by side squeeze the tier names onto two lines
    sides = [[calibration.columns[0], *calibration.columns[i : i + 3]] for i in (1, 4)]
    return (
        synthetic,
        Paragraph(t("pack.validity_note", date=fmt.date(pack.method["data_as_of"]))),
        report_table(discrimination, validity_tables.discrimination_decimals()),
        *(
            report_table(calibration[columns], shares=[c for c in columns if c in shares], title=title)
            for columns, title in zip(sides, (t("validity.calibration_heading"), ""), strict=True)
        ),
    )


# What the Checks page shows, so a review meeting reads the rules concerned and the scheme's reason.
CHECK_COLUMNS = (
    "checks.col.check",
    "checks.col.verdict",
    "checks.col.finding",
    "checks.col.rules",
    "checks.col.baseline",
    "checks.col.baseline_date",
    "checks.col.baseline_status",
    "checks.col.explanation",
)


def _checks(pack: Pack, rulebook: Rulebook) -> tuple[Block, ...]:
    counts = checks_tables.verdict_counts(pack.checks)
    table = checks_tables.findings_table(pack.checks, rulebook)[[t(c) for c in CHECK_COLUMNS]]
    summary = t("pack.checks_summary", passed=counts["pass"], warned=counts["warn"], failed=counts["fail"])
    return Paragraph(summary), report_table(table)


def _assumptions(rulebook: Rulebook) -> tuple[Block, ...]:
    """The assumed values element by element (the appendix before lists each value on its own)."""
    assumed = assumed_by_element(provenance_table(rulebook))
    names = rule_names.names_of(rulebook)
    sources = assumed["sources_zh" if current_language() == "zh-CN" else "sources_en"]
    separator = t("lists.separator")
    sheet = pd.DataFrame(
        {
            t("prov.col.element"): [rule_names.element_name(e, names)[1] for e in assumed["element"]],
            t("pack.col.assumed_fields"): [separator.join(map(rule_names.field_label, f)) for f in assumed["fields"]],
            t("pack.col.assumed_values"): assumed["values"].to_numpy(),
            t("col.source"): [separator.join(map(fmt.source_line, s)) or tables.EMPTY for s in sources],
        }
    )
    count = int(assumed["values"].sum())
    return Paragraph(t("pack.assumptions_note", count=count)), report_table(sheet)
