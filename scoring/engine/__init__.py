"""The scoring engine: compile a dataset once per as-of date, then score any rulebook fast.

    compiled = compile_dataset(dataset, as_of)      # ~1 s at 1 M people, cache it
    result = score(compiled, rulebook)              # milliseconds; never reads records again
    explain(result, person_id)                      # why one person scores as they do
"""

from scoring.engine.compiled import AGE_BUCKETS, CompileError, Compiled, compile_dataset, list_flags
from scoring.engine.explain import explain
from scoring.engine.scorer import ScoreResult, score

__all__ = [
    "AGE_BUCKETS",
    "CompileError",
    "Compiled",
    "ScoreResult",
    "compile_dataset",
    "explain",
    "list_flags",
    "score",
]
