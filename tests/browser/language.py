"""What a reader sees on a page, and what in it belongs to the other language or is a raw id.

The page text is read the way a reader meets it: the page's visible text, the text drawn inside
charts (SVG), and the cells of canvas tables (from the grid's accessibility table). Streamlit's
hidden tooltips and Plotly's mode-bar titles are not on screen, so they are not read.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from scoring.catalogues import load_catalogues

ROOT = Path(__file__).resolve().parents[2]
# Latin words a Chinese reader is expected to meet: file formats, and grades used as tier names.
LATIN_IN_ZH = {"CSV", "XLSX", "JSON", "YAML", "PNG", "HTML", "PDF", "Excel", "AAA", "AA", "BB", "CC"}
# Names keep their own script in either language: the language switch names each language in
# itself, and the critics and institutions the About page cites are named as they are.
NAMES = {"语言 / Language", "简体中文", "English", "Jeremy Daum", "China Law Translate", "Dev Lewis", "Nesta", "FICO"}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u3400-\u9fff]")

VISIBLE_TEXT_JS = """() => {
  const app = document.querySelector('[data-testid="stAppViewContainer"]');
  // A formula (.katex) is notation, read alike in either language.
  const skipped = '[data-testid="stIconMaterial"], [role="img"][translate="no"], .modebar, .katex';
  const lines = [];
  // Text Streamlit writes itself is hidden (font-size 0) where ui/chrome.py shows the catalogue's
  // text after it: read what is drawn.
  for (const element of app.querySelectorAll('*')) {
    if (getComputedStyle(element).fontSize !== '0px') continue;
    const after = getComputedStyle(element, '::after').content;
    if (after && after.startsWith('"')) lines.push(JSON.parse(after));
  }
  const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const inTable = parent.closest('[data-testid="stDataFrame"]');
    const style = getComputedStyle(parent);  // an icon is a word drawn in the Material Symbols font
    if (!node.textContent.trim() || parent.closest(skipped) || style.fontSize === '0px') continue;
    if (style.fontFamily.includes('Material Symbols')) continue;
    if (!inTable && !parent.closest('svg') && !parent.checkVisibility({visibilityProperty: true})) continue;
    lines.push(node.textContent.trim());
  }
  return lines.join('\\n');
}"""


# A canvas table fills its accessibility table after it is drawn; one in a closed expander is not drawn.
TABLES_FILLED_JS = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
  .filter(grid => grid.checkVisibility())
  .every(grid => Array.from(grid.querySelectorAll('td')).some(cell => cell.textContent.trim()))"""


# Plotly's mode bar shows each button's tooltip on hover as the button's ::after content.
TOOLTIPS_JS = """() => Array.from(document.querySelectorAll('.modebar [data-title]'))
  .map(b => getComputedStyle(b, '::after').content)
  .map(c => c.startsWith('"') ? JSON.parse(c) : c)"""


def visible_text(page) -> str:
    page.wait_for_function(TABLES_FILLED_JS, timeout=10_000)
    return page.evaluate(VISIBLE_TEXT_JS)


def chart_tooltips(page) -> str:
    """The tooltips of the first chart's mode bar (drawn once the pointer is over the chart)."""
    charts = page.get_by_test_id("stPlotlyChart")
    if not charts.count():
        return ""
    charts.first.hover()
    page.wait_for_selector(".modebar [data-title]", state="attached", timeout=5_000)
    return "\n".join(page.evaluate(TOOLTIPS_JS))


@cache
def raw_ids() -> frozenset[str]:
    """Every id a reader must never see: rule, dimension, tier, incentive and sanction ids of
    every preset, and the catalogues' record-type, key-group and district ids. Only ids with an
    underscore are searched for in English text, where a tier id like `good` is also a word."""
    ids: set[str] = set()
    for path in (ROOT / "rulebooks").glob("*.yaml"):
        book = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in ("rules", "dimensions", "incentives", "sanctions"):
            ids |= {item["id"] for item in book.get(section, ())}
        ids |= {level["id"] for level in book["tiers"]["levels"]}
    catalogues = load_catalogues()
    ids |= {*catalogues.record_type_ids, *catalogues.key_group_ids, *catalogues.district_ids}
    return frozenset(ids - _tier_titles())


def _tier_titles() -> set[str]:
    """Tier titles that are their own id (the grades AAA … D): a name, not a leaked id."""
    titles: set[str] = set()
    for path in (ROOT / "rulebooks").glob("*.yaml"):
        for level in yaml.safe_load(path.read_text(encoding="utf-8"))["tiers"]["levels"]:
            titles |= {re.sub(r"\s*[（(].*$", "", level["title"][lang]) for lang in ("zh", "en")}
    return titles


@cache
def person_name() -> re.Pattern:
    """A synthetic person's name as synthetic/identity.py draws it (a surname and a given name
    from Faker's zh_CN lists): a name keeps its own script in the English page too (the credit
    file's list and heading)."""
    from faker.providers.person.zh_CN import Provider

    def alternatives(words) -> str:
        return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))

    given = (*Provider.first_names_female, *Provider.first_names_male)
    return re.compile(f"(?:{alternatives(Provider.last_names)})(?:{alternatives(given)})(?![\u3400-\u9fff])")


def leaks(text: str, lang: str) -> list[str]:
    """Words of the other language and raw ids in `text`, apart from `NAMES` (and people's names
    in English)."""
    for name in sorted(NAMES, key=len, reverse=True):
        text = text.replace(name, " ")
    if lang != "zh-CN":
        text = person_name().sub(" ", text)
    found: list[str] = []
    if lang == "zh-CN":
        found += sorted({w for w in LATIN_WORD.findall(text) if w not in LATIN_IN_ZH})
    else:
        found += sorted({line.strip() for line in text.splitlines() if CJK.search(line)})
    words = set(re.findall(r"[A-Za-z0-9_]+", text))
    found += sorted(i for i in raw_ids() if i in words and ("_" in i or lang == "zh-CN"))
    return found
