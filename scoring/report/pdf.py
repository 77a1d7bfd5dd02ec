"""A report's HTML page printed to PDF by WeasyPrint (HTML and CSS to PDF; it embeds the fonts
it uses as subsets, so the PDF's text extracts as the characters it shows). Nothing is fetched:
the page carries its fonts and charts, and any other address is refused."""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher


def to_pdf(html: str) -> bytes:
    """The page as PDF bytes (A4, its @page rules); the title becomes the PDF's title."""
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf()
