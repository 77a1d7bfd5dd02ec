"""Persistence: the one DuckDB file (scenarios, objections, uploads, change log) and its migrations."""

from scoring.store.database import (
    DEFAULT_PATH,
    MIGRATIONS,
    PATH_ENV,
    Change,
    Reason,
    Store,
    StoredScenario,
    StoreUnavailable,
    default_path,
)

__all__ = [
    "DEFAULT_PATH",
    "MIGRATIONS",
    "PATH_ENV",
    "Change",
    "Reason",
    "Store",
    "StoreUnavailable",
    "StoredScenario",
    "default_path",
]
