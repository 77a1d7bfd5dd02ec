"""Independent random streams per generation stage.

Each stage (and each record type within a stage) draws from its own child of the seed, so adding
a record type or changing one stage never shifts the numbers another stage draws.
"""

from __future__ import annotations

import numpy as np

PEOPLE, PROPENSITY, RECORDS, FOLLOWS, QUANTITIES, EVENTS, TRUTH, IDENTITY, NULL = range(9)


def stream(seed: int, *key: int) -> np.random.Generator:
    """The generator for one stage key, e.g. ``stream(seed, RECORDS, type_code)``."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key))
