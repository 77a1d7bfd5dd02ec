"""Reports as the reader gets them: the text extracts in its language from every page with the
watermark on each, values are escaped rather than obeyed, nothing is fetched, and the waterfall's
bars stand where the arithmetic says."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from scoring.report.charts import waterfall_bars
from scoring.report.document import Bullets, Document, Facts, Paragraph, Section, Table, Waterfall
from scoring.report.html import to_html
from scoring.report.pdf import to_pdf

WATERMARK = "模拟 · 非官方"


def _document(rows: int = 10, text: str = "武进区") -> Document:
    table = Table(("项目", "分值"), tuple((f"{text}{i}", str(i)) for i in range(rows)), frozenset({1}))
    chart = Waterfall(("基础分", "交通违法", "分数"), (1000, -20, 980), ("absolute", "relative", "absolute"),
                      ("1000", "−20", "980"))  # fmt: skip
    return Document(
        lang="zh-CN",
        title="模拟积分说明（非官方）",
        watermark=WATERMARK,
        marker="模拟数据（合成）",
        sections=(Section("身份", (Facts((("辖市（区）", text),)), Paragraph(text), Bullets((text,)))),
                  Section("分数构成", (chart, table))),
    )  # fmt: skip


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_long_report_carries_the_watermark_on_every_page_and_its_text_extracts_as_chinese():
    pages = _pages(to_pdf(to_html(_document(rows=150))))
    assert len(pages) >= 3
    assert all(WATERMARK in page for page in pages)
    assert "模拟积分说明（非官方）" in pages[0] and "武进区149" in pages[-1]


def test_the_pdf_embeds_its_fonts_and_is_titled_by_the_document():
    reader = PdfReader(io.BytesIO(to_pdf(to_html(_document()))))
    assert reader.metadata.title == "模拟积分说明（非官方）"
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert any(key.startswith("/FontFile") for key in descriptor), "every font is embedded"


def test_text_that_looks_like_markup_is_shown_not_obeyed_and_nothing_is_fetched(monkeypatch):
    hostile = '<img src="http://example.invalid/x.png"><script>alert(1)</script>'
    page = to_html(_document(text=hostile))
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page

    from weasyprint.urls import URLFetcher

    fetched, fetch = [], URLFetcher.fetch

    def recorded(self, url, *args, **kwargs):
        fetched.append(url)
        return fetch(self, url, *args, **kwargs)

    monkeypatch.setattr(URLFetcher, "fetch", recorded)
    assert "alert(1)" in "".join(_pages(to_pdf(page)))
    assert fetched and all(url.startswith("data:") for url in fetched), "only what the page carries"


def test_an_english_report_extracts_in_english():
    document = Document(
        lang="en",
        title="Simulated score explanation (unofficial)",
        watermark="Simulated · unofficial",
        marker="Synthetic data",
        sections=(Section("Identity", (Paragraph("Wujin District"),)),),
    )
    (page,) = _pages(to_pdf(to_html(document)))
    assert "Simulated score explanation (unofficial)" in page and "Wujin District" in page
    assert "Simulated · unofficial" in page


def test_a_table_row_of_the_wrong_width_is_refused():
    with pytest.raises(ValueError, match="row 1 has 1 cells, the table 2 columns"):
        Table(("a", "b"), (("1", "2"), ("3",)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-500, 500, allow_nan=False), min_size=1, max_size=12), st.floats(0, 2000))
def test_waterfall_bars_start_where_the_previous_ended_and_stay_on_the_track(changes, base):
    values = (base, *changes, base + sum(changes))
    measures = ("absolute", *["relative"] * len(changes), "absolute")
    bars = waterfall_bars(Waterfall(tuple("x" * len(values)), values, measures, tuple("x" * len(values))))
    assert all(bar.left >= 0 and bar.left + bar.width <= 100 + 1e-6 for bar in bars)
    running = [base + sum(changes[:i]) for i in range(len(changes) + 1)]
    extent = max(0, *running) - min(0, *running)
    for change, bar in zip(changes, bars[1:-1], strict=True):
        assert bar.kind == ("rise" if change >= 0 else "fall")
        if extent and abs(change) / extent * 100 > 1:
            assert bar.width == pytest.approx(abs(change) / extent * 100, abs=0.01)


def test_a_table_of_many_columns_gets_a_landscape_page_and_every_column_is_printed():
    from io import BytesIO

    from pypdf import PdfReader

    from scoring.report.document import Document, Paragraph, Section, Table
    from scoring.report.html import WIDE_COLUMNS, to_html
    from scoring.report.pdf import to_pdf

    columns = tuple(f"Column {i} with a long header" for i in range(WIDE_COLUMNS + 8))
    rows = tuple(tuple(f"{r}.{c}" for c in range(len(columns))) for r in range(5))
    narrow = Section("Narrow", (Paragraph("A paragraph on a portrait page."),))
    wide = Section("Wide", (Table(columns, rows, frozenset(range(len(columns)))),))
    document = Document(lang="en", title="Pack", watermark="Simulated", marker="Synthetic", sections=(narrow, wide))
    reader = PdfReader(BytesIO(to_pdf(to_html(document))))
    shapes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    assert shapes[0][0] < shapes[0][1], "the first page stays portrait"
    assert any(width > height for width, height in shapes), "the wide table is printed on a landscape page"
    text = "".join(p.extract_text() for p in reader.pages)
    assert f"4.{len(columns) - 1}" in text, "the last column of the last row is on the page"
