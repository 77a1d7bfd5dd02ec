"""The scoring engine: compile a dataset once per as-of date, then score any rulebook fast.

compiled = compile_dataset(dataset, as_of)      # a few s once per dataset, then ms per as-of
result = score(compiled, rulebook)              # milliseconds; never reads records again
explain(result, person_id)                      # why one person scores as they do

The parallel kernels run in Streamlit's session threads, several at once on a shared server.
numba's fallback `workqueue` layer aborts the process when two threads launch parallel kernels
together, so the engine pins a thread-safe layer (OpenMP through Debian's libgomp1, installed by
scripts/install-system-deps.sh; TBB where present) and fails loudly if neither can be loaded.
"""

import numba

from scoring.engine.compiled import (
    MAX_AGE_MONTHS,
    Compiled,
    CompileError,
    RecordMatrix,
    compile_dataset,
    listing_intervals,
)
from scoring.engine.explain import explain
from scoring.engine.history import earliest_complete_as_of, require_complete_history
from scoring.engine.scorer import ScoreResult, score

numba.config.THREADING_LAYER = "threadsafe"  # read at the first parallel launch, not at compile time

__all__ = [
    "MAX_AGE_MONTHS",
    "CompileError",
    "Compiled",
    "RecordMatrix",
    "ScoreResult",
    "compile_dataset",
    "earliest_complete_as_of",
    "explain",
    "listing_intervals",
    "require_complete_history",
    "score",
]
