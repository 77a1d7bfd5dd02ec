"""`make demo` compiles the kernels before the first visitor: the warm-up scores every preset."""

from __future__ import annotations

from scoring.engine import warmup


def test_the_warmup_scores_every_preset_and_says_how_long(capsys, monkeypatch):
    scored, real_score = [], warmup.score

    def counted(view, rulebook):
        scored.append(rulebook.id)
        return real_score(view, rulebook)

    monkeypatch.setattr(warmup, "score", counted)
    warmup.main()
    assert sorted(scored) == sorted(warmup.load_preset(p).id for p in warmup.list_presets())
    assert "engine kernels compiled and cached in" in capsys.readouterr().out
