"""How long the evaluation pack takes at a population size (issue 17: under 60 s at 1 M people):
the figures (scoring/pack.py, each stage timed, the null population generated as on a first
visit) and the PDF and HTML render (ui/pack_export.py), outside Streamlit.

    python -m benchmarks.pack_timing 1000000
"""

from __future__ import annotations

import sys
import time

from scoring.analyses.summaries import breakdowns
from scoring.engine import compile_dataset, score
from scoring.pack import PackInputs, assemble_pack, pack_json
from scoring.rulebook import DEFAULT_PRESET, load_preset
from synthetic import GeneratorSettings, generate


def main(people: int, lang: str = "zh-CN", baseline: str = "rongcheng_style") -> None:
    import json
    import logging

    import streamlit as st

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # bare mode: no session, a warning per call

    from ui.pack_export import pack_document
    from ui.report import html_bytes, pdf_bytes
    from ui.rulebooks import Working

    st.session_state["lang"] = lang
    dataset = generate(GeneratorSettings(people=people, seed=1))
    from ui.fmt import to_date

    as_of = to_date(dataset.data_as_of)
    rulebook, other = load_preset(DEFAULT_PRESET), load_preset(baseline)
    started = time.perf_counter()
    compiled = compile_dataset(dataset, as_of)
    result = score(compiled, rulebook)
    population = breakdowns(compiled.people, compiled.age_years)
    print(f"compile + score + breakdowns (done by the frame before the page): {time.perf_counter() - started:.1f} s")
    inputs = PackInputs(
        rulebook, DEFAULT_PRESET, other, baseline, dataset, population, as_of, people, 1, lambda: result,
        lambda: score(compiled, other), lambda: result,
        lambda report: generate(GeneratorSettings(people=people, seed=1, records_independent=True), progress=report),
    )  # fmt: skip
    stamps: list[tuple[str, float]] = []
    started = time.perf_counter()
    pack = assemble_pack(inputs, progress=lambda s, f, d: stamps.append((s, time.perf_counter())) if not d else None)
    ended = time.perf_counter()
    ends = [at for _, at in stamps[1:]] + [ended]
    for (stage, at), end in zip(stamps, ends, strict=True):
        print(f"  {stage:<14}{end - at:6.1f} s")
    print(f"figures: {ended - started:.1f} s")
    started = time.perf_counter()
    working, compared = Working(DEFAULT_PRESET, rulebook, rulebook, "", 0), Working(baseline, other, other, "", 0)
    document = pack_document(pack, working, compared)
    pdf = pdf_bytes(document)
    print(f"document + PDF ({len(pdf) // 1024} KB): {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    html_bytes(document), json.dumps(pack_json(pack), allow_nan=False)
    print(f"HTML + JSON: {time.perf_counter() - started:.1f} s")
    if len(sys.argv) > 2:
        with open(sys.argv[2], "wb") as out:
            out.write(pdf)


if __name__ == "__main__":
    main(int(sys.argv[1]), *sys.argv[3:4])
