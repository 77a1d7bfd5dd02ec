"""The credit file's explanation to download: PDF and HTML offered on the page, built only when
clicked, in the reader's language, watermarked on every page, the ID number masked everywhere."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.ui.helpers import open_session, record_downloads

PERSON = 561  # black-listed, with a waterfall, a veto and thirteen records (5,000 people, the default seed)
WATERMARK = {"zh-CN": "模拟 · 非官方", "en": "Simulated · unofficial"}
TITLE = {"zh-CN": "模拟积分说明（非官方）", "en": "Simulated score explanation (unofficial)"}


def _identity_and_district(person: int):
    from synthetic.identity import identities
    from ui import data

    workspace = data.workspace(5000, data.DEFAULT_SEED)
    who = identities(workspace.dataset.people, [person], data.DEFAULT_SEED).iloc[0]
    return who, str(workspace.dataset.people["district"].iloc[person])


def _opened(app, lang: str, monkeypatch):
    drawn = record_downloads(monkeypatch)
    at = open_session(app, {"lang": lang, "person": str(PERSON)})
    at.switch_page("pages/credit_file.py").run()
    assert not at.exception, at.exception
    return at, drawn


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_the_file_offers_its_explanation_as_pdf_and_html_built_only_when_clicked(app, lang, monkeypatch):
    from scoring.catalogues import load_catalogues

    at, drawn = _opened(app, lang, monkeypatch)
    stem = f"credit_file_{PERSON}_illustrative_"
    pdf = next(name for name in drawn if name.startswith(stem) and name.endswith(".pdf"))
    html = pdf.removesuffix(".pdf") + ".html"
    assert html in drawn and callable(drawn[pdf]) and callable(drawn[html]), "built when clicked, not every rerun"
    assert re.fullmatch(rf"{stem}\d{{4}}-\d\d-\d\d\.pdf", pdf), "the person's number, never their name"

    who, district = _identity_and_district(PERSON)
    district_name = getattr(load_catalogues().district(district), "zh" if lang == "zh-CN" else "en")
    reader = PdfReader(io.BytesIO(drawn[pdf]()))
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    assert TITLE[lang] in text and district_name in text, "the PDF's text extracts in the reader's language"
    assert all(WATERMARK[lang] in page for page in pages), "the watermark on every page"
    assert reader.metadata.title == TITLE[lang]
    from tests.ui.visible import leaks

    assert not leaks([("pdf", line) for line in text.splitlines()], lang), "one language, no raw ids"

    page = drawn[html]().decode("utf-8")
    assert TITLE[lang] in page and district_name in page and WATERMARK[lang] in page
    from scoring.identity_numbers import mask_id_number

    masked = mask_id_number(who["id_number"])
    assert masked in text and masked in page, "the ID number is shown, masked"
    for body in (text, page, str(reader.metadata), drawn[pdf]().decode("latin-1")):
        assert who["id_number"] not in body, "never the full ID number"
        assert who["id_number"][6:14] not in body, "nor its hidden middle (the birth date and sequence)"


def test_the_explanation_fetches_nothing_from_outside(app, monkeypatch):
    at, drawn = _opened(app, "zh-CN", monkeypatch)
    page = next(data for name, data in drawn.items() if name.endswith(".html") and f"credit_file_{PERSON}_" in name)()
    page = page.decode("utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I), "no external resource"
    assert not re.search(r"url\(\s*[\"']?\s*(?:https?:)?//", page, re.I), "no external font or image"
    assert "@font-face" in page and "data:font/otf;base64," in page, "the Chinese font travels inside the page"
