"""Writes that wait only briefly for another process's write lock.

SQLite makes a writer wait for the lock up to the connection's busy timeout (ten
seconds); the study app writes on its UI thread and would freeze that long behind a
build. Its writes wait a fraction of a second instead and, when the lock is still
held, raise DatabaseBusy: nothing was written, the same write can be tried later.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from quizgen.store import StoreError, describe_failure

if TYPE_CHECKING:  # sqlite-utils is imported when a database is opened
    from sqlite_utils import Database


class DatabaseBusy(StoreError):
    """Another process (a build) held the write lock longer than this write would wait.

    Nothing was written; the same write can be tried again once the lock is free.
    """


def _is_busy(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


@contextmanager
def waiting_at_most(db: Database, wait_ms: int | None) -> Iterator[None]:
    """Writes inside wait at most `wait_ms` for another process's write lock, then raise
    DatabaseBusy (its message the command line's one line) instead of SQLite's error.
    With `wait_ms` None nothing changes: the connection's busy timeout and SQLite's error.

    The study app writes on its UI thread: it waits briefly, keeps the answer pending
    and tries again later, rather than freezing for the whole busy timeout.
    """
    connection = db.conn
    previous = None
    if wait_ms is not None:
        previous = connection.execute("PRAGMA busy_timeout").fetchone()[0]
        connection.execute(f"PRAGMA busy_timeout = {max(0, int(wait_ms))}")
    try:
        yield
    except sqlite3.OperationalError as error:
        if wait_ms is not None and _is_busy(error):
            raise DatabaseBusy(describe_failure(error) or "database busy") from None
        raise
    finally:
        if previous is not None:
            connection.execute(f"PRAGMA busy_timeout = {int(previous)}")
