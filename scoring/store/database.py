"""The one embedded DuckDB file that holds everything the product persists.

Scenarios, objections, uploaded datasets and the change log live in one file so that a back-up,
an audit or a hand-over is one copy. DuckDB allows one writing process: the Streamlit server
keeps one `Store` per process. Later issues add tables by appending to `MIGRATIONS`, never by
editing an applied step and never by opening another file.

Every change is one domain method that checks, writes and appends its change-log row in one
transaction under the store's lock, so the log always matches the tables. A file that cannot be
used (held by another process, damaged, unreadable, written by newer code) raises
`StoreUnavailable` with a reason code at opening, and is never written to.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb

from scoring.dataset.schema import MAX_QUANTITY
from scoring.store.objections import (
    ANONYMOUS,
    OUTCOMES,
    Objection,
    ObjectionRefused,
    checked_day,
    checked_reason,
)

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
    # Objections as issue 14 answers them: upheld / corrected / removed, the answer's reason, who
    # acted, a corrected quantity, the dataset by its key (scoring/dataset/identity.py). Nothing
    # wrote the first table, so it is replaced; a file whose table holds rows is refused, not emptied.
    """
    SELECT CASE WHEN count(*) > 0 THEN error('objections holds rows written before schema 2') END FROM objections;
    DROP TABLE objections;
    CREATE TABLE objections (
        id                 BIGINT PRIMARY KEY DEFAULT nextval('objection_id'),
        dataset            VARCHAR NOT NULL,
        person_id          INTEGER NOT NULL,
        record_id          BIGINT NOT NULL,
        reason             VARCHAR NOT NULL,
        opened_on          DATE NOT NULL,
        opened_by          VARCHAR NOT NULL,
        state              VARCHAR NOT NULL DEFAULT 'open'
                           CHECK (state IN ('open', 'upheld', 'corrected', 'removed')),
        resolved_on        DATE,
        resolution         VARCHAR,
        corrected_quantity DOUBLE,
        resolved_by        VARCHAR,
        CHECK ((state = 'open') = (resolved_on IS NULL)),
        CHECK (resolved_on IS NULL OR resolved_on >= opened_on),
        CHECK (corrected_quantity IS NULL OR state = 'corrected')
    );
    """,
)


Reason = Literal["locked", "corrupt", "unreadable", "incompatible", "read_only"]


class StoreUnavailable(RuntimeError):
    """The store cannot serve this request; `reason` is a code the dashboard translates.

    locked: another process holds the file; corrupt: not a valid or an intact DuckDB file;
    unreadable: the path cannot be opened (a folder, no permission); incompatible: written by a
    newer version of this code; read_only: a change asked of a store opened read-only. The text
    names the file and DuckDB's words, for the server log only.
    """

    def __init__(self, reason: Reason, path: Path, detail: str = "") -> None:
        self.reason = reason
        self.path = path
        super().__init__(f"store {path}: {reason}" + (f" ({detail})" if detail else ""))


@dataclass(frozen=True)
class Change:
    """One change-log row: who did what, when, with the details as a dict."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    detail: dict


@dataclass(frozen=True)
class StoredScenario:
    """The outcome of saving: the row holding the content, and whether this call added it."""

    hash: str
    name: str
    added: bool


def default_path() -> Path:
    """The store path: `CCL_STORE_PATH` if set (tests point it at a temporary file)."""
    return Path(os.environ.get(PATH_ENV) or DEFAULT_PATH)


def _reason(error: BaseException) -> Reason | None:
    """What an error says about the file, or None when it says nothing about it (a bug)."""
    text = str(error)
    if isinstance(error, OSError):
        return "unreadable"
    if "Could not set lock" in text or "Conflicting lock" in text:
        return "locked"
    if any(s in text for s in ("not a valid DuckDB database", "Corrupt database", "checksum", "read enough bytes")):
        return "corrupt"
    if "version number" in text:
        return "incompatible"
    if isinstance(error, duckdb.IOException):
        return "unreadable"
    return None


class Store:
    """One connection to the store file, created (with its folder) on first use.

    Methods are serialised by a lock: Streamlit serves sessions from several threads, and a
    DuckDB connection object must not be used by two threads at once. Opening reads the schema
    version and the scenario and change-log tables through, so a damaged file is refused before
    anything is written to it.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.read_only = read_only
        self._lock = threading.Lock()
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = duckdb.connect(str(self.path), read_only=read_only)
        except (OSError, duckdb.Error) as error:
            raise StoreUnavailable(_reason(error) or "corrupt", self.path, str(error)) from None
        try:
            self._probe()
        except BaseException:
            self._connection.close()
            raise

    @classmethod
    def open(cls, path: str | Path | None = None) -> Store:
        """Read-write when possible, else read-only (another process only reading the file, a
        read-only disk). Raises the read-write failure when neither works."""
        try:
            return cls(path)
        except StoreUnavailable as error:
            if error.reason not in ("locked", "unreadable"):
                raise
            try:
                return cls(path, read_only=True)
            except StoreUnavailable:
                raise error from None

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _probe(self) -> None:
        """Read what every page reads; a file this code cannot use raises StoreUnavailable."""
        try:
            with self._lock:
                version = self._version(self._connection)
                if version:
                    self._connection.execute("SELECT count(*), sum(length(rulebook_yaml)) FROM scenarios").fetchall()
                    self._connection.execute("SELECT count(*), sum(length(detail)) FROM change_log").fetchall()
        except duckdb.Error as error:
            raise StoreUnavailable(_reason(error) or "corrupt", self.path, str(error)) from None
        if version > len(MIGRATIONS):
            raise StoreUnavailable("incompatible", self.path, f"schema {version}, this code {len(MIGRATIONS)}")
        if self.read_only and version < len(MIGRATIONS):
            raise StoreUnavailable("incompatible", self.path, f"schema {version} needs migrating, opened read-only")

    @contextmanager
    def _reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection under the lock; an error about the file becomes StoreUnavailable."""
        with self._lock:
            try:
                yield self._connection
            except duckdb.Error as error:
                reason = _reason(error)
                if reason is None:
                    raise
                raise StoreUnavailable(reason, self.path, str(error)) from error

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction under the lock: committed when the block ends, rolled back on any error."""
        if self.read_only:
            raise StoreUnavailable("read_only", self.path)
        with self._reading() as connection:
            connection.execute("BEGIN TRANSACTION")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                with suppress(duckdb.Error):  # a failed COMMIT has already ended the transaction
                    connection.execute("ROLLBACK")
                raise

    @property
    def version(self) -> int:
        """The schema version: how many migration steps have been applied."""
        with self._reading() as connection:
            return self._version(connection)

    @staticmethod
    def _version(connection: duckdb.DuckDBPyConnection) -> int:
        exists = connection.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_name = 'schema_version'"
        ).fetchone()
        if not exists[0]:
            return 0
        row = connection.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> int:
        """Apply the steps not yet applied, each in its own transaction; return the new version.

        Idempotent: running it again on an up-to-date file changes nothing (and needs no writing).
        """
        current = self.version
        if current > len(MIGRATIONS):
            raise StoreUnavailable("incompatible", self.path, f"schema {current}, this code {len(MIGRATIONS)}")
        for version in range(current + 1, len(MIGRATIONS) + 1):
            with self._transaction() as connection:
                if self._version(connection) >= version:
                    continue
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version "
                    "(version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
                )
                connection.execute(MIGRATIONS[version - 1])
                connection.execute("INSERT INTO schema_version VALUES (?, now())", [version])
        return len(MIGRATIONS)

    def log_change(self, actor: str, action: str, detail: dict | None = None) -> int:
        """Append a change-log row on its own and return its id; the log is never edited."""
        with self._transaction() as connection:
            return self._log(connection, actor, action, detail)

    @staticmethod
    def _log(connection: duckdb.DuckDBPyConnection, actor: str, action: str, detail: dict | None) -> int:
        """The change-log insert of a domain method, inside that method's transaction."""
        row = connection.execute(
            "INSERT INTO change_log (actor, action, detail) VALUES (?, ?, ?) RETURNING id",
            [actor, action, json.dumps(detail or {}, ensure_ascii=False)],
        ).fetchone()
        return int(row[0])

    def changes(self, limit: int = 50) -> list[Change]:
        """The latest changes, newest first."""
        with self._reading() as connection:
            rows = connection.execute(
                "SELECT id, logged_at, actor, action, detail FROM change_log ORDER BY id DESC LIMIT ?", [limit]
            ).fetchall()
        return [
            Change(id=r[0], at=r[1], actor=r[2], action=r[3], detail=json.loads(r[4]) if r[4] else {}) for r in rows
        ]

    def tables(self) -> set[str]:
        """Names of the tables in the main schema (for checks and the About page)."""
        with self._reading() as connection:
            rows = connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            ).fetchall()
        return {r[0] for r in rows}

    # --- scenarios (issue 5): rows are immutable but for `state`; see scoring/scenarios.py -------

    def save_scenario(
        self, keys: tuple[str, ...], name: str, rulebook_yaml: str, note: str | None, actor: str, detail: dict
    ) -> StoredScenario:
        """Insert a draft under `keys[0]` and log it, unless a row under any of `keys` (the same
        content under an older, shorter key) already holds it: then that row, nothing written."""
        with self._transaction() as connection:
            row = connection.execute(
                "SELECT hash, name FROM scenarios WHERE list_contains(?, hash) ORDER BY length(hash) DESC", [list(keys)]
            ).fetchone()
            if row is not None:
                return StoredScenario(hash=row[0], name=row[1], added=False)
            connection.execute(
                "INSERT INTO scenarios (hash, name, rulebook_yaml, note) VALUES (?, ?, ?, ?)",
                [keys[0], name, rulebook_yaml, note],
            )
            self._log(connection, actor, "scenario.saved", {"hash": keys[0], "name": name, **detail})
        return StoredScenario(hash=keys[0], name=name, added=True)

    def approve_scenario(self, hash_: str, actor: str) -> str | None:
        """Approve a draft and log it; return the state found (None: no such scenario)."""
        with self._transaction() as connection:
            row = connection.execute("SELECT name, state FROM scenarios WHERE hash = ?", [hash_]).fetchone()
            if row is not None and row[1] == "draft":
                connection.execute("UPDATE scenarios SET state = 'approved' WHERE hash = ?", [hash_])
                self._log(connection, actor, "scenario.approved", {"hash": hash_, "name": row[0]})
        return None if row is None else row[1]

    def delete_draft_scenario(self, hash_: str, actor: str) -> str | None:
        """Delete a draft and log it; return the state found (None: no such scenario). An
        approved scenario is left as it is."""
        with self._transaction() as connection:
            row = connection.execute("SELECT name, state FROM scenarios WHERE hash = ?", [hash_]).fetchone()
            if row is not None and row[1] == "draft":
                connection.execute("DELETE FROM scenarios WHERE hash = ?", [hash_])
                self._log(connection, actor, "scenario.deleted", {"hash": hash_, "name": row[0]})
        return None if row is None else row[1]

    def scenario(self, hash_: str) -> dict | None:
        """One scenario row as a dict, or None."""
        with self._reading() as connection:
            cursor = connection.execute(
                "SELECT hash, name, rulebook_yaml, state, note, created_at FROM scenarios WHERE hash = ?", [hash_]
            )
            row = cursor.fetchone()
            return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None

    def scenario_rows(self) -> list[dict]:
        """All scenarios without their YAML, newest first."""
        with self._reading() as connection:
            cursor = connection.execute(
                "SELECT hash, name, state, note, created_at FROM scenarios ORDER BY created_at DESC, hash"
            )
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # --- objections (issue 14): opened once per record at a time, answered once ------------------

    def open_objection(
        self, dataset: str, person_id: int, record_id: int, reason: str, opened_on: dt.date, actor: str = ANONYMOUS
    ) -> Objection:
        """Open an objection to one record and log it. Refused (ObjectionRefused, nothing written):
        no reason; the record already has an open objection, or one that removed or corrected it;
        a date before the record's last objection was answered (the record's history goes forward).
        Whether the record is the person's and counts on that day is the dataset's check
        (scoring/objection_overlay.check_opening), made before this call."""
        reason, opened_on = checked_reason(reason), checked_day(opened_on, "opened_on")
        with self._transaction() as connection:
            earlier = self._objection_rows(connection, "dataset = ? AND record_id = ?", [dataset, int(record_id)])
            for row in earlier:
                if row.is_open:
                    raise ObjectionRefused(
                        "objection_already_open",
                        f"record {record_id} already has an open objection (opened {row.opened_on})",
                        opened_on=row.opened_on,
                    )
                if row.state != "upheld":
                    raise ObjectionRefused(
                        "objection_record_closed",
                        f"record {record_id} was {row.state} on {row.resolved_on}",
                        outcome=row.state,
                        resolved_on=row.resolved_on,
                    )
            answered = max((row.resolved_on for row in earlier), default=None)
            if answered is not None and opened_on < answered:
                raise ObjectionRefused(
                    "objection_before_answer",
                    f"opened on {opened_on}, before the record's last objection was answered on {answered}",
                    opened_on=opened_on,
                    resolved_on=answered,
                )
            new_id = connection.execute(
                "INSERT INTO objections (dataset, person_id, record_id, reason, opened_on, opened_by) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                [dataset, int(person_id), int(record_id), reason, opened_on, actor],
            ).fetchone()[0]
            detail = {"objection": new_id, "dataset": dataset, "person_id": int(person_id), "record_id": int(record_id)}
            self._log(connection, actor, "objection.opened", {**detail, "on": opened_on.isoformat(), "reason": reason})
            return self._objection_rows(connection, "id = ?", [new_id])[0]

    def resolve_objection(
        self,
        objection_id: int,
        outcome: str,
        reason: str,
        resolved_on: dt.date,
        corrected_quantity: float | None = None,
        actor: str = ANONYMOUS,
    ) -> Objection:
        """Answer an open objection (upheld, corrected, removed) and log it. Refused
        (ObjectionRefused, nothing written): an unknown outcome or objection; one already
        answered; a date before its opening; a quantity on anything but a correction, or one
        outside 0 … MAX_QUANTITY."""
        if outcome not in OUTCOMES:
            raise ObjectionRefused("objection_unknown_outcome", f"outcome {outcome!r}: expected one of {OUTCOMES}")
        reason, resolved_on = checked_reason(reason), checked_day(resolved_on, "resolved_on")
        if corrected_quantity is not None:
            if outcome != "corrected":
                raise ObjectionRefused("objection_quantity_without_correction", "only a correction sets a quantity")
            number = isinstance(corrected_quantity, int | float) and not isinstance(corrected_quantity, bool)
            if not (number and 0 <= corrected_quantity <= MAX_QUANTITY):
                raise ObjectionRefused(
                    "objection_bad_quantity",
                    f"corrected quantity {corrected_quantity!r}: expected a number from 0 to {MAX_QUANTITY:,.0f}",
                    value=str(corrected_quantity),
                    limit=MAX_QUANTITY,
                )
            corrected_quantity = float(corrected_quantity)
        with self._transaction() as connection:
            found = self._objection_rows(connection, "id = ?", [int(objection_id)])
            if not found:
                raise ObjectionRefused("objection_unknown", f"no objection {objection_id}", objection=objection_id)
            row = found[0]
            if not row.is_open:
                raise ObjectionRefused(
                    "objection_already_resolved",
                    f"objection {objection_id} was already answered ({row.state}) on {row.resolved_on}",
                    outcome=row.state,
                    resolved_on=row.resolved_on,
                )
            if resolved_on < row.opened_on:
                raise ObjectionRefused(
                    "objection_resolved_before_opened",
                    f"answered on {resolved_on}, before it was opened on {row.opened_on}",
                    resolved_on=resolved_on,
                    opened_on=row.opened_on,
                )
            connection.execute(
                "UPDATE objections SET state = ?, resolved_on = ?, resolution = ?, corrected_quantity = ?, "
                "resolved_by = ? WHERE id = ?",
                [outcome, resolved_on, reason, corrected_quantity, actor, row.id],
            )
            detail = {
                "objection": row.id,
                "dataset": row.dataset,
                "person_id": row.person_id,
                "record_id": row.record_id,
            }
            detail |= {"outcome": outcome, "on": resolved_on.isoformat(), "reason": reason}
            if corrected_quantity is not None:
                detail["corrected_quantity"] = corrected_quantity
            self._log(connection, actor, "objection.resolved", detail)
            return self._objection_rows(connection, "id = ?", [row.id])[0]

    def objections(self, dataset: str, person_id: int | None = None) -> list[Objection]:
        """The objections on a dataset (one person's when given), oldest first."""
        where, values = "dataset = ?", [dataset]
        if person_id is not None:
            where, values = where + " AND person_id = ?", [dataset, int(person_id)]
        with self._reading() as connection:
            return self._objection_rows(connection, where, values)

    def objection_changes(self, dataset: str, person_id: int) -> list[Change]:
        """One person's objection trail from the change log, oldest first: what the audit shows."""
        with self._reading() as connection:
            rows = connection.execute(
                "SELECT id, logged_at, actor, action, detail FROM change_log WHERE action LIKE 'objection.%' "
                "AND json_extract_string(detail, '$.dataset') = ? "
                "AND CAST(json_extract(detail, '$.person_id') AS BIGINT) = ? ORDER BY id",
                [dataset, int(person_id)],
            ).fetchall()
        return [Change(id=r[0], at=r[1], actor=r[2], action=r[3], detail=json.loads(r[4])) for r in rows]

    @staticmethod
    def _objection_rows(connection: duckdb.DuckDBPyConnection, where: str, values: list) -> list[Objection]:
        cursor = connection.execute(
            "SELECT id, dataset, person_id, record_id, reason, opened_on, opened_by, state, resolved_on, resolution, "
            f"corrected_quantity, resolved_by FROM objections WHERE {where} ORDER BY id",
            values,
        )
        return [Objection(*row) for row in cursor.fetchall()]
