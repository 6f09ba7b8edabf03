"""Writers say when they wait for the write lock, so a long build makes room only then.

A build writes for seconds in short transactions (`store.PacedWrites`). SQLite's
busy handler retries a waiting writer every few to 100 ms, and a build that
commits and begins again at once leaves it a gap of microseconds: without help,
the study app's answer could wait for the whole build. Pausing after every
quarter second of writing made room, but cost a build a third of its writing
time even when nobody was waiting, which is nearly always.

So a writer that finds the lock taken announces itself while it waits: it holds
a shared `flock` on a small file beside the database (`quizgen.db-waiting`,
made then, so a database nobody ever waited on has none) around its
`BEGIN IMMEDIATE`. The build tries an exclusive lock on the same file between
its steps (a system call, microseconds): refused means someone waits, so it
commits and lets them through; granted means nobody does, so it goes on. The
kernel drops the lock when a process ends, so a killed study app never leaves a
build waiting. A writer that cannot announce itself (another tool, a folder
where the file cannot be made, a system without `flock`) is still let in by the
clock, a pause after every second the build has held the lock.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: every writer is unannounced
    fcntl = None  # type: ignore[assignment]

SUFFIX = "-waiting"
"""Beside `quizgen.db`, like SQLite's own `-wal` and `-shm`: `quizgen.db-waiting`."""


def signal_path(db_path: Path) -> Path:
    """The file writers lock while they wait for `db_path`'s write lock."""
    return db_path.with_name(db_path.name + SUFFIX)


def _open_signal(db_path: Path | None, *, create: bool) -> int | None:
    """A descriptor on the signal file, or None where there is (or can be) none."""
    if db_path is None or fcntl is None:
        return None
    flags = os.O_RDWR | os.O_CLOEXEC | (os.O_CREAT if create else 0)
    try:
        return os.open(signal_path(db_path), flags, 0o644)
    except OSError:
        return None


def begin_immediate(connection: sqlite3.Connection, db_path: Path | None) -> None:
    """BEGIN IMMEDIATE, announced to a running build only if the lock is taken.

    The first try does not wait (busy timeout 0): nearly always the lock is free
    and nothing else happens. Otherwise the wait, with the connection's own busy
    timeout, is announced.
    """
    timeout = connection.execute("PRAGMA busy_timeout").fetchone()[0]
    connection.execute("PRAGMA busy_timeout = 0")
    try:
        connection.execute("BEGIN IMMEDIATE")
        return
    except sqlite3.OperationalError as error:
        if not _is_busy(error):
            raise
    finally:
        connection.execute(f"PRAGMA busy_timeout = {int(timeout)}")
    with announced(db_path):
        connection.execute("BEGIN IMMEDIATE")


def _is_busy(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


@contextmanager
def announced(db_path: Path | None) -> Iterator[None]:
    """Tell a running build that this process waits for the write lock, while inside
    (`begin_immediate` does, when it has to wait).

    Wrap only the wait (`BEGIN IMMEDIATE`): a build checks for announcements while
    it holds the lock, so a writer still announced once it holds the lock itself
    would make another build wait on it for nothing.
    """
    descriptor = _open_signal(db_path, create=True)
    if descriptor is None:
        yield
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH)
        except OSError:
            pass  # unannounced, then: the build's timed pauses still let it through
        yield
    finally:
        os.close(descriptor)  # releases the lock


class WaitingWriters:
    """A build's view of the writers announced beside its database.

    The signal file is opened for each look (microseconds, a few hundred times a
    build) rather than held, so there is nothing to close however a build ends.
    """

    def __init__(self, db_path: Path | None) -> None:
        self._db_path = db_path

    def any(self) -> bool:
        """Whether some process is waiting for the write lock right now."""
        descriptor = _open_signal(self._db_path, create=False)
        if descriptor is None:  # nobody ever waited here
            return False
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False
        finally:
            os.close(descriptor)  # releases the lock if it was granted
        return False

    def wait_until_served(self, limit_s: float, *, poll_s: float = 0.002) -> None:
        """Return once no writer waits any more (each took the lock), or after `limit_s`.

        Called with the write lock released. The limit keeps a writer that stays
        announced for long (stopped in a debugger) from stopping the build: it then
        waits for the lock as any unannounced writer does.
        """
        deadline = time.monotonic() + limit_s
        while self.any() and time.monotonic() < deadline:
            time.sleep(poll_s)
