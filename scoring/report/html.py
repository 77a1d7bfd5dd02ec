"""A document as one self-contained HTML page: Jinja2 template, every value escaped, the
Chinese font embedded as a subset, charts drawn in the page, nothing fetched from elsewhere.
The same page is what WeasyPrint prints (pdf.py): its @page rules only apply in print."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from scoring.report.charts import waterfall_bars
from scoring.report.document import Bullets, Document, Facts, Paragraph, Table, Waterfall
from scoring.report.fonts import FAMILY, font_faces

_ENVIRONMENT = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
WIDE_COLUMNS = 8  # a table of more columns is printed on a landscape page, in smaller type
_KINDS = {Paragraph: "paragraph", Bullets: "bullets", Facts: "facts", Table: "table", Waterfall: "waterfall"}


def to_html(document: Document) -> str:
    """The document as an HTML page in its language, with its fonts embedded."""
    return _ENVIRONMENT.get_template("report.html.j2").render(
        document=document,
        faces=font_faces(document.text()),
        family=FAMILY,
        kind=lambda block: _KINDS[type(block)],
        bars=waterfall_bars,
        WIDE_COLUMNS=WIDE_COLUMNS,
    )
