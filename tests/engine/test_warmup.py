"""`make demo` compiles the kernels before the first visitor: the warm-up scores every preset."""

from __future__ import annotations

from scoring.engine import warmup


def test_the_warmup_scores_every_preset_and_says_how_long(capsys, monkeypatch):
    scored = []
    real_score = warmup.score
    monkeypatch.setattr(warmup, "score", lambda view, rulebook: scored.append(rulebook.id) or real_score(view, rulebook))
    warmup.main()
    assert sorted(scored) == sorted(warmup.load_preset(p).id for p in warmup.list_presets())
    assert "engine kernels compiled and cached in" in capsys.readouterr().out
