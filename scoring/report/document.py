"""A report as data: sections of paragraphs, bullet lists, label–value pairs, tables and
waterfall charts, every string already in the reader's language and every number already
written the reader's way. The renderer only lays it out, so a report says exactly what its
builder said, in one language, and the same document prints as HTML and as PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Measure = Literal["absolute", "relative"]
GENERATED = "0123456789 /•"  # what the layout writes itself: page numbers, list bullets


@dataclass(frozen=True)
class Paragraph:
    text: str
    strong: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    """Label–value pairs (rulebook, as-of date, score …), laid out as a two-column list."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """Cells as text; `numeric` holds the positions of right-aligned (number) columns. A `title`
    is printed with the table, never alone at the foot of a page nor apart from a landscape table."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    title: str = ""

    def __post_init__(self) -> None:
        for number, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(f"table row {number} has {len(row)} cells, the table {len(self.columns)} columns")


@dataclass(frozen=True)
class Waterfall:
    """Bars from a level (`absolute`: the base, the score) through changes (`relative`), each
    with its label and its value written for the reader (`texts`); colours for a rise, a fall
    and a level, from the UI's palette."""

    labels: tuple[str, ...]
    values: tuple[float, ...]
    measures: tuple[Measure, ...]
    texts: tuple[str, ...]
    colors: tuple[str, str, str] = ("#117733", "#AA4499", "#4d4d4d")
    caption: str = ""

    def __post_init__(self) -> None:
        sizes = {len(self.labels), len(self.values), len(self.measures), len(self.texts)}
        if len(sizes) != 1:
            raise ValueError("a waterfall needs as many labels, values, measures and texts as bars")


Block = Paragraph | Bullets | Facts | Table | Waterfall


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Document:
    """`lang` is a BCP 47 tag (zh-CN, en); `watermark` is printed across every page; `marker`
    (synthetic data, which rulebook) opens the document under the title."""

    lang: str
    title: str
    watermark: str
    marker: str
    sections: tuple[Section, ...] = field(default_factory=tuple)
    footer: str = ""

    def text(self) -> str:
        """Every character the document shows, for the embedded font's subset."""
        parts = [self.title, self.watermark, self.marker, self.footer, GENERATED]
        for section in self.sections:
            parts.append(section.heading)
            for block in section.blocks:
                parts.extend(_texts(block))
        return "".join(parts)


def _texts(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Bullets):
        return list(block.items)
    if isinstance(block, Facts):
        return [text for pair in block.pairs for text in pair]
    if isinstance(block, Table):
        return [block.title, *block.columns, *(cell for row in block.rows for cell in row)]
    return [*block.labels, *block.texts, block.caption]
