"""The only SQL in quizgen: opening the database, and one module per table or concern.

Every command goes through `open_database`, so WAL mode, foreign keys, the busy
timeout and the version checks hold for all of them. The modules beside this
one (articles, cards, reviews, queue, stats, settings) hold every query the
rest of quizgen runs, each in a function named for what it asks or changes.
"""

from __future__ import annotations

import errno
import itertools
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from quizgen.core.errors import QuizgenError
from quizgen.store.schema import APPLICATION_MARK, MIGRATIONS, SCHEMA_VERSION
from quizgen.store.waiting_writers import WaitingWriters, begin_immediate

if TYPE_CHECKING:
    from sqlite_utils import Database


def _import_sqlite_utils_without_numpy() -> None:
    """Import sqlite-utils with numpy and pandas hidden from it, once, before any use.

    sqlite-utils imports numpy and pandas whenever they are installed, only to map
    their value types on insert. quizgen never inserts them, and numpy (installed
    for the verb lemmatizer) costs ~150 ms of every command's start. Hiding them
    during this one import leaves both importable for everyone else afterwards.
    Done here, where a connection is wrapped: the store's other modules name
    sqlite-utils' Database only for type checking, so importing them (or quizgen
    for anything else: the readers, the grader) does not load the library, and
    a command that answers without opening the database (an unchanged rebuild)
    never pays its ~60 ms.
    """
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


__all__ = [
    "BUSY_TIMEOUT_ENV",
    "BUSY_TIMEOUT_MS",
    "StoreError",
    "busy_timeout_ms",
    "close_database",
    "check_writable",
    "database_file",
    "describe_failure",
    "default_db_path",
    "load_database_library",
    "open_database",
    "read_snapshot",
    "Snapshot",
    "PacedWrites",
    "resolve_db_path",
    "scratch_copy",
    "write_transaction",
]

T = TypeVar("T")

BUSY_TIMEOUT_MS = 10_000
"""How long a command waits for another process's write lock before it says "busy"."""

BUSY_TIMEOUT_ENV = "QUIZ_BUSY_TIMEOUT_MS"
"""Environment variable that replaces BUSY_TIMEOUT_MS (whole milliseconds, 0 or more)."""


class StoreError(QuizgenError):
    """The database cannot be used; the message is one line naming the file and why."""


_opened: list[Path] = []
"""The database files this process opened, newest last: failures name the file."""


_DAMAGE_SIGNS = ("no such column", "no such table", "has no column", "malformed")
"""SQLite's words for a schema or file that is not what quizgen wrote."""


def describe_failure(error: BaseException) -> str | None:
    """One line (`PATH: reason`) for a database or disk failure, or None for anything else.

    SQLite reports a lock held past the busy timeout, a read-only file, a full disk
    or a damaged file as exceptions that can surface from any query; the command
    line turns them into one line through this instead of a traceback.
    """
    where = f"{_opened[-1]}: " if _opened else ""
    if isinstance(error, sqlite3.OperationalError):
        text = str(error).lower()
        if "locked" in text or "busy" in text:
            return f"{where}database busy (another quiz is writing to it), try again"
        if "readonly" in text or "read-only" in text:
            return f"{where}database is read-only (check the file's and folder's permissions)"
        if "disk is full" in text:
            return f"{where}disk full; nothing more was written (free some space, run again)"
        if any(sign in text for sign in _DAMAGE_SIGNS):
            return f"{where}database is damaged ({error}); restore a backup (*.bak beside it)"
        if "disk i/o" in text or "unable to open" in text:
            return f"{where}cannot use the database ({error})"
        return None
    if isinstance(error, sqlite3.DatabaseError):
        return f"{where}database is damaged ({error}); restore a backup (*.bak beside it)"
    if isinstance(error, OSError) and error.strerror:
        name = f"{error.filename}: " if error.filename else ""
        if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return f"{name}disk full ({error.strerror}); free some space and run again"
        return f"{name}{error.strerror}"
    return None


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


def busy_timeout_ms() -> int:
    """The busy timeout for a new connection: `QUIZ_BUSY_TIMEOUT_MS` if set, else the default.

    Read each time a connection opens, not at import, so a process (a test, a script
    driving `quiz` on a shared file) can shorten or lengthen the wait without touching
    the product default of BUSY_TIMEOUT_MS. The tests that hold a lock past the timeout
    set it short instead of waiting ten real seconds. A value that is not a whole
    number of milliseconds (0 or more) is refused with one line naming the variable.
    """
    configured = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    if not configured:
        return BUSY_TIMEOUT_MS
    if not configured.isdigit():
        raise StoreError(f"{BUSY_TIMEOUT_ENV}={configured!r}: not a whole number of milliseconds")
    return int(configured)


def _connect(path: Path, *, existing: bool = False) -> sqlite3.Connection:
    """An autocommit connection with the busy timeout; `existing`: fail rather than
    create the file when it is not there."""
    timeout_ms = busy_timeout_ms()
    target = f"{path.resolve().as_uri()}?mode=rw" if existing else str(path)
    connection = sqlite3.connect(
        target, uri=existing, timeout=timeout_ms / 1000, isolation_level=None
    )
    connection.execute(f"PRAGMA busy_timeout = {timeout_ms}")
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


def _wrap(connection: sqlite3.Connection) -> Database:
    """sqlite-utils' Database over `connection`, without its plugin hook.

    quizgen uses no sqlite-utils plugin; looking for them scans every installed
    distribution's entry points (importlib.metadata), ~25 ms of each command's start.
    """
    _import_sqlite_utils_without_numpy()
    from sqlite_utils import Database

    return Database(connection, execute_plugins=False)


class _DeferredDatabase:
    """sqlite-utils' Database over a connection, made the first time more is asked of it
    than its connection (`conn`) and plain statements (`execute`).

    The study app's way to its first card, and a whole build, only run statements,
    queries and explicit transactions, so importing sqlite-utils (~0.1 s: click,
    dateutil, pluggy, its patterns) can wait until a table, an upsert or `atomic` is
    first asked for, or until `load_database_library` (the app's, once the first card
    is painted); a build never asks. Until then
    `execute` is sqlite-utils' own: on an autocommit connection (isolation_level None,
    as `_connect` makes them) a statement never opens a transaction implicitly, which is
    all its `execute` adds to the connection's, and no tracer is set. The connection is
    set up as sqlite-utils' Database would (recursive triggers on), so every statement
    behaves the same before and after the library is loaded.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        if connection.isolation_level is not None:
            raise ValueError("a deferred database needs an autocommit connection")
        connection.execute("PRAGMA recursive_triggers=on;")
        self.conn = connection
        self._database: Database | None = None

    def library(self) -> Database:
        """The sqlite-utils Database (made now, the first time)."""
        if self._database is None:
            self._database = _wrap(self.conn)
        return self._database

    def execute(self, sql: str, parameters=None) -> sqlite3.Cursor:
        if self._database is not None:
            return self._database.execute(sql, parameters)
        if parameters is not None:
            return self.conn.execute(sql, parameters)
        return self.conn.execute(sql)

    def query(self, sql: str, parameters=None) -> Iterator[dict]:
        """sqlite-utils' `query` for a statement that returns rows: run now, each row a
        dict by column name, fetched as iterated (the store asks nothing more of it)."""
        if self._database is not None:
            return self._database.query(sql, parameters)
        cursor = self.execute(sql, parameters)
        if cursor.description is None:
            raise ValueError("query() can only be used with SQL that returns rows")
        keys = [column[0] for column in cursor.description]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def close(self) -> None:
        self.conn.close()

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("conn", "_database"):
            raise AttributeError(name)
        return getattr(self.library(), name)

    def __getitem__(self, name: str):
        return self.library()[name]

    def __enter__(self):
        return self.library().__enter__()

    def __exit__(self, *exc_info) -> None:
        self.library().__exit__(*exc_info)

    def __repr__(self) -> str:
        return f"<Database {self.conn}>"


def load_database_library(db: Database) -> None:
    """Load sqlite-utils for a database opened with `defer_library` now, so its first
    write or table use does not wait for the import (nothing for any other database)."""
    if isinstance(db, _DeferredDatabase):
        db.library()


def open_database(
    path: str | Path | None = None, *, create: bool = True, defer_library: bool = False
) -> Database:
    """Open (creating or migrating as needed) the quizgen database at `path`.

    A database written by an older quizgen is copied to `<name>.v<N>.bak` beside
    it and migrated in place; one from a newer quizgen, a foreign SQLite file, a
    corrupt or an empty (0-byte) file raises StoreError and is left byte-identical.

    `defer_library`: sqlite-utils is imported only once something beyond `execute`
    and `conn` is asked of the database (see `_DeferredDatabase`), or at
    `load_database_library`; for the study app, whose first card needs neither.
    """
    db_path = resolve_db_path(path)
    in_memory = str(db_path) == ":memory:"
    exists = in_memory or db_path.exists()
    if not exists and not create:
        raise StoreError(f"{db_path}: no such database (run `quiz build` first)")
    if exists and not in_memory:
        _refuse_non_database(db_path)
    connection: sqlite3.Connection | None = None
    try:
        if not in_memory:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        connection = _connect(db_path)
        version = _stored_version(connection, db_path)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{db_path}: written by a newer quizgen (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); upgrade quizgen"
            )
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
    except StoreError:
        if connection is not None:
            connection.close()
        raise
    except sqlite3.DatabaseError as error:
        if connection is not None:
            connection.close()
        if _unwritable_place(error):
            if not create:
                return _open_read_only(db_path)
            raise StoreError(
                f"{db_path}: database is read-only (a read-only file or filesystem)"
            ) from None
        raise StoreError(f"{db_path}: not a usable SQLite database ({error})") from None
    except OSError as error:
        if connection is not None:
            connection.close()
        raise StoreError(f"{db_path}: cannot open ({error.strerror or error})") from None
    db = cast("Database", _DeferredDatabase(connection)) if defer_library else _wrap(connection)
    if not in_memory:
        _opened.append(db_path)
    if version < SCHEMA_VERSION:
        _migrate(db, db_path, version)
    return db


Snapshot = sqlite3.Connection
"""A plain connection reading one snapshot of the database (see `read_snapshot`)."""


def read_snapshot(path: Path, read: Callable[[Snapshot], T]) -> T | None:
    """`read(connection)` over one snapshot of an existing quizgen database of this schema
    version, without loading sqlite-utils: for a command that may find it has nothing to
    do (an unchanged rebuild) and then exits. None when the file is missing, foreign,
    damaged, of another version or unreadable, or a query fails: `open_database` then
    reports it or migrates. Nothing is created or written; another process may write
    meanwhile (WAL), unseen by this snapshot."""
    if not path.is_file():
        return None
    try:
        connection = _connect(path, existing=True)
    except (sqlite3.Error, StoreError, ValueError):
        return None
    try:
        if _stored_version(connection, path) != SCHEMA_VERSION:
            return None
        connection.execute("BEGIN")
        return read(connection)
    except (sqlite3.Error, StoreError):
        return None
    finally:
        connection.close()


def _unwritable_place(error: sqlite3.DatabaseError) -> bool:
    """SQLite's words when a WAL database sits where nothing may be written."""
    text = str(error).lower()
    return "unable to open" in text or "readonly" in text or "read-only" in text


def _open_read_only(db_path: Path) -> Database:
    """A database on a read-only filesystem (a mounted backup, a CD): read, never written.

    WAL mode needs its `-shm` file beside the database, which cannot be created
    there; `immutable=1` tells SQLite nothing can change the file (true: nothing can
    write to that filesystem), so it reads without one. Only commands that only read
    (export, history) come here; a write raises the one-line read-only failure.
    """
    uri = f"{db_path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True, isolation_level=None)
        version = _stored_version(connection, db_path)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{db_path}: not a usable SQLite database ({error})") from None
    if version != SCHEMA_VERSION:
        connection.close()
        raise StoreError(
            f"{db_path}: on a read-only place and written by another quizgen version "
            f"(schema {version}, this one knows {SCHEMA_VERSION}); copy it somewhere writable"
        )
    _opened.append(db_path)
    return _wrap(connection)


def check_writable(db: Database) -> None:
    """Raise SQLite's own read-only (or busy) error now if `db` cannot record anything.

    The study app records every answer; finding out on the first answer would lose
    it, so `quiz study` asks before the app opens. The probe writes one row back
    as it was and rolls back, leaving the file unchanged.
    """
    connection = db.conn
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute("UPDATE meta SET value = value WHERE key = (SELECT min(key) FROM meta)")
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")


def database_file(db: Database) -> Path | None:
    """The file `db` was opened on, or None for an in-memory database."""
    row = db.conn.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else None


def scratch_copy(db: Database) -> Database:
    """An in-memory copy of `db` (SQLite's backup API: committed WAL content included).

    A dry run builds into it, so it reports exactly what a build would change
    while the real file is neither written nor locked.
    """
    connection = sqlite3.connect(":memory:", isolation_level=None)
    db.conn.backup(connection)
    connection.execute("PRAGMA foreign_keys = ON")
    return _wrap(connection)


def close_database(db: Database) -> None:
    """Close the connection: a thread's own connection, or one handed over to the app."""
    db.conn.close()


def _refuse_non_database(db_path: Path) -> None:
    """An existing file that is empty or a directory would be turned into a new database."""
    if db_path.is_dir():
        raise StoreError(f"{db_path}: is a directory, not a database file")
    try:
        size = db_path.stat().st_size
    except OSError as error:
        raise StoreError(f"{db_path}: cannot open ({error.strerror or error})") from None
    if size == 0:
        raise StoreError(
            f"{db_path}: empty file, not a quizgen database (delete it to start a new one)"
        )


_savepoint_numbers = itertools.count(1)


@contextmanager
def savepoint(connection: sqlite3.Connection) -> Iterator[None]:
    """All or nothing inside the open transaction: what sqlite-utils' `atomic` does there,
    without loading the library for it (a build never needs it otherwise).

    A failure can end the whole transaction (a trigger's RAISE(ROLLBACK)), savepoint
    included: then there is nothing left to roll back to, and the failure is raised as is.
    """
    name = f"quizgen_{next(_savepoint_numbers)}"
    connection.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        if connection.in_transaction:
            connection.execute(f"ROLLBACK TO SAVEPOINT {name}")
            connection.execute(f"RELEASE SAVEPOINT {name}")
        raise
    connection.execute(f"RELEASE SAVEPOINT {name}")


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One all-or-nothing write: BEGIN IMMEDIATE takes the write lock up front.

    A deferred transaction that reads first and writes later can fail at once
    with "database is locked" when another process committed in between; taking
    the lock at BEGIN makes it wait (busy timeout) instead, announced to a running
    build (see waiting_writers), which then makes room at once. Nested calls become
    savepoints, so a helper can be called inside a larger transaction.
    """
    connection = db.conn
    if connection.in_transaction:
        with savepoint(connection):
            yield db
        return
    begin_immediate(connection, database_file(db))
    try:
        yield db
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


class PacedWrites:
    """A long series of small writes (a build's articles) that leaves room for other writers.

    Each `step()` is all or nothing (a savepoint); steps share one transaction
    until it has held the write lock for `hold_s`, then it commits. Before each
    step it looks whether another process has announced that it waits for the
    lock (the study app recording an answer, see waiting_writers): if so it
    commits and starts again only once they have had their turn, a few
    milliseconds. Nobody waiting, it pauses for nobody.

    A writer that cannot announce itself (another tool, a folder where the signal
    file cannot be made) is let through by the clock: after `unannounced_hold_s`
    of holding the lock in all, a pause of `pause_s`, longer than SQLite's busy
    handler's 100 ms between retries, so it waits about that long at most, never
    the whole build. An in-memory database (a dry run) has no other writer at all.
    `finish()` commits what is left; an error rolls back only the open
    transaction, whose steps are then as before, like every step not reached.
    """

    def __init__(
        self,
        db: Database,
        *,
        hold_s: float = 0.25,
        pause_s: float = 0.11,
        unannounced_hold_s: float = 1.0,
        served_within_s: float = 1.0,
    ) -> None:
        self._db = db
        self._hold_s = hold_s
        self._pause_s = pause_s
        self._unannounced_hold_s = unannounced_hold_s
        self._served_within_s = served_within_s
        self._path = database_file(db)
        self._waiting = WaitingWriters(self._path)
        self._began = 0.0
        self._held_since_pause = 0.0

    @property
    def db(self) -> Database:
        """The database written to (for reads between the steps)."""
        return self._db

    @contextmanager
    def step(self) -> Iterator[Database]:
        connection = self._db.conn
        if connection.in_transaction and self._waiting.any():
            self.finish()
        if not connection.in_transaction:
            self._make_room()
            begin_immediate(connection, self._path)  # another build may hold it
            self._began = time.monotonic()
        try:
            with savepoint(connection):
                yield self._db
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        if time.monotonic() - self._began >= self._hold_s:
            self.finish()

    def _make_room(self) -> None:
        """Before taking the lock again: let announced writers, then unannounced ones, in."""
        if self._path is None:
            return
        self._waiting.wait_until_served(self._served_within_s)
        if self._held_since_pause >= self._unannounced_hold_s:
            time.sleep(self._pause_s)
            self._held_since_pause = 0.0

    def finish(self) -> None:
        if self._db.conn.in_transaction:
            self._db.conn.execute("COMMIT")
            self._held_since_pause += time.monotonic() - self._began


def _migrate(db: Database, db_path: Path, found_version: int) -> None:
    """Apply the missing migrations in one transaction: all or nothing.

    A file that held data gets a consistent copy beside it first (SQLite's backup
    API, which sees committed WAL content a plain file copy could miss; it must
    run before this connection takes the write lock). The version is read again
    once the lock is held: another process (the study app, a second build) may
    have created or migrated the file meanwhile.
    """
    if found_version > 0 and str(db_path) != ":memory:":
        backup_path = db_path.with_name(f"{db_path.name}.v{found_version}.bak")
        backup = sqlite3.connect(str(backup_path))
        try:
            db.conn.backup(backup)
        finally:
            backup.close()
    with write_transaction(db):
        version = _stored_version(db.conn, db_path)
        if version >= SCHEMA_VERSION:
            return
        for migration in MIGRATIONS[version:]:
            migration(db)
        for key, value in (("application", APPLICATION_MARK), ("schema_version", SCHEMA_VERSION)):
            db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, str(value)],
            )
        db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
