"""The one embedded DuckDB file that holds everything the product persists.

Scenarios, objections, uploaded datasets and the change log live in one file so that a back-up,
an audit or a hand-over is one copy. DuckDB allows one writing process: the Streamlit server
keeps one `Store` per process. Later issues add tables by appending to `MIGRATIONS`, never by
editing an applied step and never by opening another file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

DEFAULT_PATH = Path("var/civic_credit_lab.duckdb")
PATH_ENV = "CCL_STORE_PATH"

# Ordered, append-only: the step at index i brings the schema from version i to version i + 1.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE SEQUENCE change_log_id;
    CREATE TABLE change_log (
        id         BIGINT PRIMARY KEY DEFAULT nextval('change_log_id'),
        logged_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
        actor      VARCHAR NOT NULL,
        action     VARCHAR NOT NULL,
        detail     JSON
    );
    CREATE TABLE scenarios (
        hash          VARCHAR PRIMARY KEY,          -- content hash of rulebook_yaml: immutable versions
        name          VARCHAR NOT NULL,
        rulebook_yaml VARCHAR NOT NULL,
        state         VARCHAR NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'approved')),
        note          VARCHAR,
        created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE SEQUENCE objection_id;
    CREATE TABLE objections (
        id          BIGINT PRIMARY KEY DEFAULT nextval('objection_id'),
        person_id   INTEGER NOT NULL,
        record_id   BIGINT,
        dataset     VARCHAR NOT NULL,
        reason      VARCHAR NOT NULL,
        state       VARCHAR NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'upheld', 'rejected')),
        opened_on   DATE NOT NULL,
        resolved_on DATE
    );
    CREATE TABLE uploads (
        hash        VARCHAR PRIMARY KEY,            -- content hash of the uploaded files
        name        VARCHAR NOT NULL,
        manifest    JSON NOT NULL,
        path        VARCHAR NOT NULL,               -- where the conformed Parquet tables were written
        uploaded_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    """,
)


@dataclass(frozen=True)
class Change:
    """One change-log row: who did what, when, with the details as a dict."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    detail: dict


def default_path() -> Path:
    """The store path: `CCL_STORE_PATH` if set (tests point it at a temporary file)."""
    return Path(os.environ.get(PATH_ENV) or DEFAULT_PATH)


class Store:
    """One connection to the store file, created (with its folder) on first use.

    Methods are serialised by a lock: Streamlit serves sessions from several threads, and a
    DuckDB connection object must not be used by two threads at once.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = duckdb.connect(str(self.path))
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def version(self) -> int:
        """The schema version: how many migration steps have been applied."""
        with self._lock:
            return self._version()

    def _version(self) -> int:
        self._connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
        )
        row = self._connection.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> int:
        """Apply the steps not yet applied, each in its own transaction; return the new version.

        Idempotent: running it again on an up-to-date file changes nothing.
        """
        with self._lock:
            current = self._version()
            if current > len(MIGRATIONS):
                raise RuntimeError(f"{self.path}: schema version {current} is newer than this code ({len(MIGRATIONS)})")
            for version, step in enumerate(MIGRATIONS[current:], start=current + 1):
                self._connection.execute("BEGIN TRANSACTION")
                try:
                    self._connection.execute(step)
                    self._connection.execute("INSERT INTO schema_version VALUES (?, now())", [version])
                    self._connection.execute("COMMIT")
                except BaseException:
                    self._connection.execute("ROLLBACK")
                    raise
            return len(MIGRATIONS)

    def log_change(self, actor: str, action: str, detail: dict | None = None) -> int:
        """Append a change-log row and return its id; the log is never edited."""
        with self._lock:
            row = self._connection.execute(
                "INSERT INTO change_log (actor, action, detail) VALUES (?, ?, ?) RETURNING id",
                [actor, action, json.dumps(detail or {}, ensure_ascii=False)],
            ).fetchone()
            return int(row[0])

    def changes(self, limit: int = 50) -> list[Change]:
        """The latest changes, newest first."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT id, logged_at, actor, action, detail FROM change_log ORDER BY id DESC LIMIT ?", [limit]
            ).fetchall()
        return [
            Change(id=r[0], at=r[1], actor=r[2], action=r[3], detail=json.loads(r[4]) if r[4] else {}) for r in rows
        ]

    def tables(self) -> set[str]:
        """Names of the tables in the main schema (for checks and the About page)."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            ).fetchall()
        return {r[0] for r in rows}

    # --- scenarios (issue 5): rows are immutable but for `state`; see scoring/scenarios.py -------

    def insert_scenario(self, hash_: str, name: str, rulebook_yaml: str, note: str | None) -> bool:
        """Insert a draft scenario unless its hash is stored; True when a row was added."""
        with self._lock:
            row = self._connection.execute(
                "INSERT INTO scenarios (hash, name, rulebook_yaml, note) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (hash) DO NOTHING RETURNING hash",
                [hash_, name, rulebook_yaml, note],
            ).fetchone()
            return row is not None

    def scenario(self, hash_: str) -> dict | None:
        """One scenario row as a dict, or None."""
        with self._lock:
            cursor = self._connection.execute(
                "SELECT hash, name, rulebook_yaml, state, note, created_at FROM scenarios WHERE hash = ?", [hash_]
            )
            row = cursor.fetchone()
            return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None

    def scenario_rows(self) -> list[dict]:
        """All scenarios without their YAML, newest first."""
        with self._lock:
            cursor = self._connection.execute(
                "SELECT hash, name, state, note, created_at FROM scenarios ORDER BY created_at DESC, hash"
            )
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def set_scenario_state(self, hash_: str, state: str) -> None:
        with self._lock:
            self._connection.execute("UPDATE scenarios SET state = ? WHERE hash = ?", [state, hash_])

    def delete_draft_scenario(self, hash_: str) -> bool:
        """Delete a scenario only while it is a draft; True when a row was deleted."""
        with self._lock:
            row = self._connection.execute(
                "DELETE FROM scenarios WHERE hash = ? AND state = 'draft' RETURNING hash", [hash_]
            ).fetchone()
            return row is not None
