"""The Chinese font a report carries: Noto Sans CJK SC (Debian's fonts-noto-cjk), cut down to
the characters the document uses and embedded in the page, so the HTML shows the same letters on
a machine without Chinese fonts and the PDF needs no font of the reader's.

HarfBuzz subsets (uharfbuzz): a few milliseconds, where fontTools' pure-Python CFF subsetter took
1.5 s a face. The subset stays OpenType (CFF outlines, every browser reads it); WOFF2 would save
a quarter of its size but fontTools' compressor costs another second a face."""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

import uharfbuzz as hb

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FAMILY = "Noto Sans CJK SC"
FILES = {400: "NotoSansCJK-Regular.ttc", 700: "NotoSansCJK-Bold.ttc"}


class FontMissing(RuntimeError):
    """The CJK font is not installed (scripts/install-system-deps.sh installs fonts-noto-cjk)."""


@cache
def _face(path: Path) -> hb.Face:
    """The Simplified Chinese face of a Noto CJK collection (JP, KR, SC, TC, HK by default)."""
    if not path.is_file():
        raise FontMissing(f"{path} is missing: install Debian's fonts-noto-cjk")
    blob = hb.Blob.from_file_path(str(path))
    for index in range(hb.Face(blob).count):
        face = hb.Face(blob, index)
        if face.get_name(hb.OTNameIdPredefined.FONT_FAMILY) == FAMILY:
            return face
    raise FontMissing(f"{path} has no face named {FAMILY}")


def subset_otf(text: str, weight: int) -> bytes:
    """The `weight` face reduced to the characters of `text`, as OpenType bytes."""
    request = hb.SubsetInput()
    request.unicode_set.update(ord(char) for char in set(text))
    return hb.subset(_face(FONT_DIR / FILES[weight]), request).blob.data


def font_faces(text: str) -> dict[int, str]:
    """Base64 OpenType of the regular and bold faces, by CSS weight, for `text`."""
    return {weight: base64.b64encode(subset_otf(text, weight)).decode("ascii") for weight in FILES}
