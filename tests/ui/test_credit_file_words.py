"""Caps and vetoes said in words from the message catalogue, in both languages."""

from __future__ import annotations

import pytest

from scoring.person.bounds import Bound
from scoring.rulebook import load_preset
from ui import fmt
from ui.credit_file_tables import bound_text


@pytest.mark.parametrize(
    ("lang", "cap", "veto"),
    [
        (
            "zh-CN",
            "一般交通违法（每条-2，最多-10）扣分已达上限 -10",
            "等级最高为C级：因「失信被执行人（一票否决：最高C级）」一票否决",
        ),
        (
            "en",
            "Traffic violation (−2 each, at most −10): deductions reached their cap of -10",
            "Tier C at most: held there by the record of “Judgment defaulter (one-vote veto: tier C at best)”",
        ),
    ],
)
def test_a_rule_cap_and_a_veto_are_said_in_the_readers_words(monkeypatch, lang, cap, veto):
    for module in ("ui.i18n", "ui.fmt"):
        monkeypatch.setattr(f"{module}.current_language", lambda: lang)
    rulebook = load_preset("illustrative")
    names = fmt.tier_names(rulebook, lang)
    assert bound_text(Bound("rule_cap", "low", -10.0, rule="traffic_violation"), rulebook, names) == cap
    assert bound_text(Bound("veto", None, "C", rule="judgment_defaulter"), rulebook, names) == veto
