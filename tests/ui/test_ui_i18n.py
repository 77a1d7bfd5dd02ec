"""The message catalogues agree with each other and with the code; formats follow each language."""

from __future__ import annotations

import datetime as dt
import re
import string

import numpy as np
import pytest

from tests.ui.helpers import ROOT
from ui import fmt
from ui.i18n import LANGUAGES, catalogue, t


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogues_have_the_same_keys_and_placeholders():
    zh, en = catalogue("zh-CN"), catalogue("en")
    assert set(zh) == set(en)
    for key in zh:
        assert _placeholders(zh[key]) == _placeholders(en[key]), key
        assert zh[key].strip() and en[key].strip(), f"{key} is empty"


def test_every_literal_key_in_the_code_exists():
    sources = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
    used = {m for path in sources for m in re.findall(r"""\bt\(\s*["']([a-z_][\w.\-]*)["']""", path.read_text())}
    assert used, "the scan found t() calls"
    for lang in LANGUAGES:
        assert used <= set(catalogue(lang)), f"{lang} lacks {sorted(used - set(catalogue(lang)))}"


def test_every_dynamic_key_family_is_complete():
    """Keys built at run time (statuses, bases, breakdown labels) exist for every value."""
    from scoring.analyses.summaries import BREAKDOWNS
    from scoring.catalogues import Status, load_catalogues
    from scoring.dataset import GENDERS, HUKOU
    from scoring.tuning.scenarios import SHARE_KEYS

    cats = load_catalogues()
    keys = {f"basis.{g.basis}" for g in cats.key_groups} | {f"status.{s.value}" for s in Status}
    for field in ("category", "severity", "polarity"):
        keys |= {f"{field}.{getattr(r, field)}" for r in cats.record_types}
    keys |= {f"dim.{b}" for b in BREAKDOWNS} | {f"gender.{g}" for g in GENDERS} | {f"hukou.{h}" for h in HUKOU}
    keys |= {f"share.expected.{k}" for k in SHARE_KEYS}
    for lang in LANGUAGES:
        assert keys <= set(catalogue(lang)), sorted(keys - set(catalogue(lang)))


def test_t_falls_back_to_english_then_to_the_key():
    assert t("nav.overview", "zh-CN") == "总览"
    assert t("frame.seed", "en") == "Seed"
    assert t("no.such.key", "zh-CN") == "no.such.key"
    assert "5,000" in t("frame.generating", "en", people="5,000", stage="records")


@pytest.mark.parametrize(
    ("n", "zh", "en"),
    [(0, "0", "0"), (9_999, "9999", "9,999"), (10_000, "1万", "10,000"), (123_456, "12.35万", "123,456"),
     (1_000_000, "100万", "1,000,000"), (250_000_000, "2.5亿", "250,000,000")],
)  # fmt: skip
def test_counts_use_wan_in_chinese(n, zh, en):
    assert fmt.count(n, "zh-CN") == zh
    assert fmt.count(n, "en") == en


def test_dates_and_percentages():
    day = dt.date(2019, 4, 16)
    assert fmt.date(day, "zh-CN") == "2019年4月16日"
    assert fmt.date(np.datetime64("2019-04-16"), "en") == "16 Apr 2019"
    assert fmt.percent(0.1234) == "12.3%"
    assert fmt.percent(float("nan")) == "—"


def test_catalogue_names_in_both_languages():
    assert fmt.category("district", "wujin", "zh-CN") == "武进区"
    assert fmt.category("gender", "F", "en") == "Female"
    assert fmt.category("age_band", "18–29", "zh-CN") == "18–29岁"
