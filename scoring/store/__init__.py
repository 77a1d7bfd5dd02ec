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
from scoring.store.objections import ANONYMOUS, OUTCOMES, STATES, Objection, ObjectionRefused

__all__ = [
    "ANONYMOUS",
    "DEFAULT_PATH",
    "MIGRATIONS",
    "OUTCOMES",
    "PATH_ENV",
    "STATES",
    "Change",
    "Objection",
    "ObjectionRefused",
    "Reason",
    "Store",
    "StoreUnavailable",
    "StoredScenario",
    "default_path",
]
