"""Printable reports (issue 14's credit file, issue 17's evaluation pack): a plain document of
already-translated text and numbers (document.py) written as one self-contained HTML page
(html.py: a Jinja2 template, the Chinese font subset and embedded, charts as inline SVG) and
printed to PDF from that same page by WeasyPrint (pdf.py).

The UI layer builds the document in the reader's language; nothing here translates, and nothing
here imports streamlit."""
