"""Compile the engine's kernels ahead of the first visitor: python -m scoring.engine.warmup

numba compiles each kernel on its first call and keeps the machine code in `__pycache__`
(`cache=True`). On a fresh clone that first call cost the first visitor about 4 s; `make demo`
runs this once after installing, on a tiny synthetic population scored with every preset.
"""

from __future__ import annotations

import time

from scoring.engine import compile_dataset, score
from scoring.rulebook import list_presets, load_preset


def main() -> None:
    from synthetic.generate import generate
    from synthetic.settings import GeneratorSettings

    started = time.perf_counter()
    view = compile_dataset(generate(GeneratorSettings(people=500, seed=1)))
    for preset in list_presets():
        score(view, load_preset(preset))
    print(f"engine kernels compiled and cached in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
