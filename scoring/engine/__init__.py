"""The scoring engine: compile a dataset once per as-of date, then score any rulebook fast.

compiled = compile_dataset(dataset, as_of)      # a few s once per dataset, then ms per as-of
result = score(compiled, rulebook)              # milliseconds; never reads records again
explain(result, person_id)                      # why one person scores as they do
"""

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
