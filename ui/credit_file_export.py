"""The credit file as a document to download (issue 14): 模拟积分说明（非官方） / Simulated score
explanation (unofficial), in the reader's language, watermarked on every page, the ID number
masked. Everything the page says about the person, as one printable explanation: the rulebook
and as-of date, identity, eligibility and why, score, tier, lists, incentives and sanctions, the
waterfall (chart and table), the caps and vetoes in words, every record, the next-tier plan.

The full ID number never enters the document: only `mask_id_number`'s output does. File names
carry the person's number, never their name."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from scoring.identity_numbers import mask_id_number
from scoring.person.file import CreditFile
from scoring.person.next_tier import NextTier
from scoring.report.document import Block, Bullets, Document, Facts, Paragraph, Section, Waterfall
from ui import credit_file_tables, fmt, palette
from ui.export import computed_from, described, file_stem
from ui.frame import View
from ui.i18n import current_language, t
from ui.report import download_report, report_table


def export_buttons(view: View, file: CreditFile, identity: pd.Series, plan: NextTier) -> None:
    """The explanation's PDF and HTML downloads, named credit_file_<person>_<rulebook>_<as-of>."""
    document = credit_file_document(view, file, identity, plan)
    stem = file_stem("credit_file", str(file.person_id), view.working, view.as_of)
    st.caption(t("person.export.note"))
    download_report(document, stem, key="person.export")


def credit_file_document(view: View, file: CreditFile, identity: pd.Series, plan: NextTier) -> Document:
    """The explanation as a document in the session's language; `identity` is the person's
    drawn identity (name, id_number), of which only the name and the masked number are used."""
    rulebook, tier_names = view.rulebook, fmt.tier_names(view.rulebook)
    about = {t("export.rulebook"): described(view.working), **computed_from(view.working, view.as_of)}
    sections = (
        Section(t("person.export.about"), (Facts(tuple(about.items())),)),
        Section(t("person.export.identity"), _identity(file, identity)),
        Section(t("person.export.eligibility"), _eligibility(file)),
        Section(t("person.export.result"), _result(file, rulebook, tier_names)),
        *_waterfall(file, rulebook, tier_names),
        _records(file, rulebook),
        Section(t("person.next_heading"), _plan(plan, rulebook, tier_names)),
    )
    return Document(
        lang=current_language(),
        title=t("person.export.title"),
        watermark=t("person.export.watermark"),
        marker=f"{t('frame.synthetic_marker')} · {t('frame.synthetic_note')}",
        sections=sections,
        footer=t("person.export.footer"),
    )


def _identity(file: CreditFile, identity: pd.Series) -> tuple[Block, ...]:
    pairs = (
        (t("person.col.person_id"), str(file.person_id)),
        (t("person.col.name"), str(identity["name"])),
        (t("person.col.id_number"), mask_id_number(str(identity["id_number"]))),
        (t("dim.district"), fmt.category("district", file.district)),
        (t("dim.key_group"), fmt.category("key_group", file.key_group)),
        (t("dim.gender"), t(f"gender.{file.gender}")),
        (t("person.export.age"), str(file.age)),
        (t("dim.hukou"), t(f"hukou.{file.hukou}")),
    )
    return (Facts(pairs),)


def _eligibility(file: CreditFile) -> tuple[Block, ...]:
    reasons = tuple(
        f"{t('person.met' if r.met else 'person.not_met')} {credit_file_tables.reason_text(r)}" for r in file.reasons
    )
    return Paragraph(t("person.eligible_yes" if file.eligible else "person.eligible_no"), strong=True), Bullets(reasons)


def _result(file: CreditFile, rulebook, tier_names: dict[str, str]) -> tuple[Block, ...]:
    separator = t("lists.separator")
    incentives = [fmt.name(i.title) for i in rulebook.incentives if i.id in file.incentives]
    sanctions = [fmt.name(s.title) for s in rulebook.sanctions if s.id in file.sanctions]
    pairs = (
        (t("person.col.score"), "—" if file.score is None else fmt.number(file.score, 1)),
        (t("person.col.tier"), t("person.unscored") if file.tier is None else tier_names[file.tier]),
        (t("person.col.lists"), separator.join(t(f"person.list.{k}") for k in file.lists) or "—"),
    )
    return (
        Facts(pairs),
        Paragraph(t("person.incentives", names=separator.join(incentives) or t("person.none"))),
        Paragraph(t("person.sanctions", names=separator.join(sanctions) or t("person.none"))),
    )


def _waterfall(file: CreditFile, rulebook, tier_names: dict[str, str]) -> tuple[Section, ...]:
    """The waterfall (bars and table) and the caps and vetoes in words; nothing for a person
    who is not scored."""
    if not file.steps:
        return ()
    steps = list(file.steps)
    measures = tuple("absolute" if s.kind in ("base", "score") else "relative" for s in steps)
    values = tuple(float(s.value) for s in steps)
    texts = tuple(
        fmt.number(v, 1) if m == "absolute" else f"{'+' if v >= 0 else '−'}{fmt.number(abs(v), 1)}"
        for v, m in zip(values, measures, strict=True)
    )
    chart = Waterfall(
        labels=tuple(credit_file_tables.step_labels(steps, rulebook)),
        values=values,
        measures=measures,
        texts=texts,
        colors=(palette.QUALITATIVE[3], palette.QUALITATIVE[6], palette.INK),
    )
    table = credit_file_tables.steps_table(steps, rulebook)
    decimals = {t("person.col.points"): 1, t("person.col.running"): 1}
    bounds = [credit_file_tables.bound_text(b, rulebook, tier_names) for b in file.bounds]
    return (
        Section(t("person.waterfall_heading"), (chart, report_table(table, decimals))),
        Section(
            t("person.bounds_heading"), (Bullets(tuple(bounds)),) if bounds else (Paragraph(t("person.no_bounds")),)
        ),
    )


def _records(file: CreditFile, rulebook) -> Section:
    table = report_table(credit_file_tables.records_table(file.records, rulebook), {t("person.col.quantity"): 0})
    listings = tuple(
        t(
            "person.listing",
            list=t(f"person.list.{row.list}"),
            type=credit_file_tables.type_name(row.record_type),
            since=fmt.date(row.listed_on),
        )
        for row in file.listings.itertuples()
    )
    blocks: tuple[Block, ...] = (
        Paragraph(t("person.records_note")),
        table,
        *((Bullets(listings),) if listings else ()),
    )
    return Section(t("person.records_heading", count=len(file.records)), blocks)


def _plan(plan: NextTier, rulebook, tier_names: dict[str, str]) -> tuple[Block, ...]:
    if plan.outcome == "planned":
        text = t(
            "person.next_planned", target=tier_names[plan.target], cutoff=fmt.number(plan.cutoff, 0),
            day=fmt.date(plan.reached_on), actions=len(plan.actions), score=fmt.number(plan.score_after, 1),
        )  # fmt: skip
        return Paragraph(text), report_table(credit_file_tables.plan_table(plan, rulebook))
    if plan.outcome == "no_route":
        return (Paragraph(t("person.next_no_route", target=tier_names[plan.target], horizon=fmt.date(plan.horizon))),)
    return (Paragraph(t(f"person.next_{plan.outcome}")),)
