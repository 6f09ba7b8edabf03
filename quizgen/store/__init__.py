"""Opening the quizgen database: location, connection settings, schema checks.

Every command goes through `open_database`, so WAL mode, foreign keys, the busy
timeout and the version checks hold for all of them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from quizgen.store.schema import APPLICATION_MARK, MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """The database cannot be used; the message is one line naming the file and why."""


def default_db_path() -> Path:
    """`QUIZ_DB` if set, else `quizgen.db` in the user's data directory."""
    configured = os.environ.get("QUIZ_DB")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("quizgen", appauthor=False)) / "quizgen.db"


def resolve_db_path(path: str | Path | None) -> Path:
    """`--db PATH` wins over `QUIZ_DB`, which wins over the default location."""
    return Path(path).expanduser() if path else default_db_path()


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """Timestamps are stored as ISO 8601 strings in UTC, which sort as text."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


def _stored_version(connection: sqlite3.Connection, path: Path) -> int:
    """The schema version of an existing file; refuses files that are not ours."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if not tables:
        return 0
    mark = None
    if "meta" in tables:
        row = connection.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        mark = row[0] if row else None
    if mark != APPLICATION_MARK:
        raise StoreError(f"{path}: not a quizgen database (refusing to touch it)")
    return connection.execute("PRAGMA user_version").fetchone()[0]


def open_database(path: str | Path | None = None, *, create: bool = True) -> Database:
    """Open (creating or migrating as needed) the quizgen database at `path`.

    A database written by an older quizgen is copied to `<name>.v<N>.bak` beside
    it and migrated in place; one from a newer quizgen, a foreign SQLite file or
    a corrupt file raises StoreError and is left untouched.
    """
    db_path = resolve_db_path(path)
    if not db_path.exists() and not create:
        raise StoreError(f"{db_path}: no such database (run `quiz build` first)")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        connection = _connect(db_path)
        version = _stored_version(connection, db_path)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{db_path}: not a usable SQLite database ({error})") from None
    except OSError as error:
        raise StoreError(f"{db_path}: cannot open ({error.strerror or error})") from None
    if version > SCHEMA_VERSION:
        connection.close()
        raise StoreError(
            f"{db_path}: written by a newer quizgen (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); upgrade quizgen"
        )
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as error:
        connection.close()
        raise StoreError(f"{db_path}: not a usable SQLite database ({error})") from None
    db = Database(connection)
    if version < SCHEMA_VERSION:
        if version > 0:
            backup = db_path.with_name(f"{db_path.name}.v{version}.bak")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copy2(db_path, backup)
        _migrate(db, version)
    return db


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One all-or-nothing write: BEGIN IMMEDIATE takes the write lock up front.

    A deferred transaction that reads first and writes later can fail at once
    with "database is locked" when another process committed in between; taking
    the lock at BEGIN makes it wait (busy timeout) instead. Nested calls become
    savepoints, so a helper can be called inside a larger transaction.
    """
    connection = db.conn
    if connection.in_transaction:
        with db.atomic():
            yield db
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _migrate(db: Database, from_version: int) -> None:
    """Apply the missing migrations in one transaction: all or nothing."""
    with write_transaction(db):
        for migration in MIGRATIONS[from_version:]:
            migration(db)
        db["meta"].upsert({"key": "application", "value": APPLICATION_MARK}, pk="key")
        db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
        db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
