"""Numbers, dates and catalogue names the way each language's readers expect them.

Explicit format strings, not the `locale` module: CI machines lack system locales. In zh-CN,
counts from 10,000 up are written in 万 (12.3万), dates as 2019年4月16日.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial

import numpy as np

from scoring.catalogues import load_catalogues
from ui.i18n import current_language, t

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def count(n: float, lang: str | None = None) -> str:
    """A head count: 12.35万 / 1.2亿 in zh-CN from 10,000 up (two decimals at most), 123,456 in English."""
    lang = lang or current_language()
    n = int(round(float(n)))
    if lang == "zh-CN":
        for unit, size in (("亿", 100_000_000), ("万", 10_000)):
            if abs(n) >= size:
                return f"{n / size:.2f}".rstrip("0").rstrip(".") + unit
        return str(n)
    return f"{n:,}"


def money(amount: float, lang: str | None = None) -> str:
    """Yuan written as the dashboard counts: 4.72万元 in Chinese, said to be rounded (约4.72万元)
    when the 万 hide some yuan; 47,233 yuan in English."""
    exact = int(round(amount))
    written = count(exact, lang)
    size = {"万": 10_000, "亿": 100_000_000}.get(written[-1:])
    about = size is not None and round(float(written[:-1]) * size) != exact
    return t("money.about" if about else "money.exact", lang, amount=written)


def count_column(values, lang: str | None = None):
    """How one table column of head counts is written, the same way in every row so the eye can
    compare them. In zh-CN a column of large counts (from 10万 up, none below 1万 but zero) is
    all in 万 or 亿 at two decimals (14.23万 beside 9.87万); any other column in whole numbers, so a
    small count is never written 0.05万 and never sits as 8154 beside 1.35万. English: 123,456."""
    lang = lang or current_language()
    if lang != "zh-CN":
        return partial(count, lang=lang)
    counts = [abs(float(v)) for v in values if v == v and v]
    largest, smallest = max(counts, default=0.0), min(counts, default=0.0)
    if largest >= 100_000_000 and smallest >= 10_000_000:
        return lambda n: f"{float(n) / 100_000_000:.2f}亿"
    if largest >= 100_000 and smallest >= 10_000:
        return lambda n: f"{float(n) / 10_000:.2f}万"
    return lambda n: str(int(round(float(n))))


def number(value: float, digits: int = 1, lang: str | None = None) -> str:
    """A measured value (a mean score, a cut-off) at a fixed number of decimals, with thousands
    separators in English (10,012.3) and none in Chinese, where large numbers are rare and 万 is for counts.
    A value that rounds to zero reads 0.0, never -0.0 (a gap of nothing has no sign)."""
    lang = lang or current_language()
    value = round(value, digits) + 0.0  # -0.0 + 0.0 is 0.0
    return f"{value:.{digits}f}" if lang == "zh-CN" else f"{value:,.{digits}f}"


def percent(share: float, digits: int = 1) -> str:
    """A share in [0, 1] as a percentage; NaN (an empty group) as a dash. A value that rounds to
    zero reads 0.0%, never -0.0% (a change of nothing has no sign)."""
    return "—" if share is None or np.isnan(share) else f"{round(100 * share, digits) + 0.0:.{digits}f}%"


def date(value: dt.date | np.datetime64 | str, lang: str | None = None) -> str:
    """2019年4月16日 in zh-CN, 16 Apr 2019 in English."""
    lang = lang or current_language()
    day = to_date(value)
    if lang == "zh-CN":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def to_date(value: dt.date | np.datetime64 | str) -> dt.date:
    """Any of the date types the data and widgets use, as a datetime.date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(np.datetime64(value, "D")))


def name(item, lang: str | None = None) -> str:
    """The zh or en name of a catalogue item (group, district, record type) or a bilingual title."""
    lang = lang or current_language()
    return item.zh if lang == "zh-CN" else item.en


def category(breakdown: str, item_id: str, lang: str | None = None) -> str:
    """The display label of one category of a breakdown (a group, a district, a department, `F`, `18–29`, …)."""
    catalogues = load_catalogues()
    if breakdown == "key_group":
        return name(catalogues.key_group(item_id), lang)
    if breakdown == "district":
        return name(catalogues.district(item_id), lang)
    if breakdown == "department":
        return name(catalogues.department(item_id), lang)
    if breakdown == "age_band":
        return t("age.band", lang, band=item_id)
    return t(f"{breakdown}.{item_id}", lang)


_TRAILING_RANGE = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")


def tier_names(rulebook, lang: str | None = None) -> dict[str, str]:
    """Each tier's name in the reader's language, by tier id: its title without a trailing range
    ("极好（850–1000）" is 极好): the range is the source scheme's, and the cut-offs in force, which
    an evaluator may have moved, are shown beside the name wherever they matter."""
    return {level.id: _TRAILING_RANGE.sub("", name(level.title, lang)) or level.id for level in rulebook.tiers.levels}


_CJK = re.compile(r"[\u3400-\u9fff]")


def source_line(text: str, lang: str | None = None) -> str:
    """A rulebook's own source, one line of text, in the reader's language where it has both:
    the presets write them "中文 / English, address", so the Chinese side is shown in Chinese and
    the English side (with the address) in English. A line in one language is shown as written."""
    lang = lang or current_language()
    first, separator, rest = text.partition(" / ")
    if not separator or not _CJK.search(first) or _CJK.search(rest):
        return text
    return first if lang == "zh-CN" else rest


def month(value: dt.date | np.datetime64 | str, lang: str | None = None) -> str:
    """2019年4月 in zh-CN, Apr 2019 in English (a month of a monthly report)."""
    lang = lang or current_language()
    day = to_date(value)
    return f"{day.year}年{day.month}月" if lang == "zh-CN" else f"{_MONTHS_EN[day.month - 1]} {day.year}"
