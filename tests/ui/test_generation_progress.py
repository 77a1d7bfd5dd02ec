"""A visitor who asks for a population someone else is generating sees that generation's progress."""

from __future__ import annotations

import threading
import time

from ui import data


def test_a_second_visitor_follows_the_progress_of_the_generation_under_way(monkeypatch):
    real_generate, calls, stages = data.generate, [], ("people", "records", "events")

    def slow_generate(settings, progress):
        calls.append(settings)
        for fraction, stage in zip((0.0, 0.4, 0.8), stages, strict=True):
            progress(fraction, stage)
            time.sleep(4 * data.PROGRESS_POLL_SECONDS)
        return real_generate(settings)

    monkeypatch.setattr(data, "generate", slow_generate)
    first: list[data.Workspace] = []
    started = threading.Thread(target=lambda: first.append(data.workspace(500, 7)))
    started.start()
    while not data._generations_under_way():
        time.sleep(0.01)

    seen: list[tuple[float, str]] = []
    second = data.workspace(500, 7, progress=lambda fraction, stage: seen.append((fraction, stage)))
    started.join()

    assert second is first[0] and len(calls) == 1  # one generation, shared
    assert {stage for _, stage in seen} >= {"records", "events"}  # the bar moved with it
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)
    assert not data._generations_under_way()
