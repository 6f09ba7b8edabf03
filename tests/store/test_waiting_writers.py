"""A long series of writes (a build) makes room for another writer when, and only when,
one waits: at once for a writer that announces itself (the study app, every quizgen
write), by the clock for one that cannot, and never for nobody."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import quizgen.store as store
from quizgen.store import PacedWrites, open_database, write_transaction
from quizgen.store.waiting_writers import WaitingWriters, announced, signal_path

pytestmark = pytest.mark.skipif(os.name != "posix", reason="flock is POSIX")

ANNOUNCED_PROBE = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from quizgen.store import open_database, write_transaction

    db = open_database(Path(sys.argv[1]))
    stop = Path(sys.argv[2])
    longest, writes = 0.0, 0
    print("probing", flush=True)
    while not stop.exists():
        started = time.monotonic()
        with write_transaction(db):  # what the study app does to record an answer
            longest = max(longest, time.monotonic() - started)
            db.conn.execute("INSERT INTO meta VALUES ('probe-' || ?, 'x')", [writes])
        writes += 1
        time.sleep(0.02)
    print(longest, writes, flush=True)
    """
)

UNANNOUNCED_PROBE = textwrap.dedent(
    """
    import sqlite3, sys, time
    from pathlib import Path

    connection = sqlite3.connect(sys.argv[1], timeout=600, isolation_level=None)
    stop = Path(sys.argv[2])
    longest, writes = 0.0, 0
    print("probing", flush=True)
    while not stop.exists():
        started = time.monotonic()
        connection.execute("BEGIN IMMEDIATE")  # another tool: no announcement
        longest = max(longest, time.monotonic() - started)
        connection.execute("COMMIT")
        writes += 1
        time.sleep(0.02)
    print(longest, writes, flush=True)
    """
)


def _write_for(writes: PacedWrites, seconds: float) -> int:
    """Steps that each hold the lock a little (an article's save), for `seconds`."""
    steps = 0
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        with writes.step() as db:
            db.conn.execute("INSERT OR REPLACE INTO meta VALUES ('step-' || ?, 'x')", [steps])
            time.sleep(0.003)
        steps += 1
    writes.finish()
    return steps


def _probe_during_writes(
    script: str, db_path: Path, tmp_path: Path, writes: PacedWrites
) -> tuple[float, int]:
    """The probe's longest wait for the lock and its number of writes, while `writes` run 2 s."""
    stop = tmp_path / "stop"
    probe = subprocess.Popen(
        [sys.executable, "-c", script, str(db_path), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert probe.stdout is not None
    assert probe.stdout.readline().strip() == "probing", probe.stderr.read() if probe.stderr else ""
    _write_for(writes, 2.0)
    stop.touch()
    out, err = probe.communicate(timeout=60)
    assert probe.returncode == 0, err
    longest, count = out.split()
    return float(longest), int(count)


def test_an_announced_writer_waits_a_step_not_the_whole_series(tmp_path: Path) -> None:
    """The build's clock would hold the lock for all 2 s; the study app's write gets
    in within a step each time it asks."""
    db_path = tmp_path / "quiz.db"
    db = open_database(db_path)
    writes = PacedWrites(db, hold_s=60, unannounced_hold_s=60)
    longest, count = _probe_during_writes(ANNOUNCED_PROBE, db_path, tmp_path, writes)
    assert longest < 0.5
    assert count >= 10


def test_an_unannounced_writer_is_let_in_by_the_clock(tmp_path: Path) -> None:
    db_path = tmp_path / "quiz.db"
    db = open_database(db_path)
    writes = PacedWrites(db, hold_s=0.05, unannounced_hold_s=0.3, pause_s=0.11)
    longest, count = _probe_during_writes(UNANNOUNCED_PROBE, db_path, tmp_path, writes)
    assert longest < 1.0
    assert count >= 2


def test_nobody_waiting_means_no_pause_until_the_clock_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nobody else writes: the series never sleeps until it has held the lock for
    `unannounced_hold_s` in all, then pauses `pause_s` for a writer that cannot say it waits."""
    slept: list[float] = []
    monkeypatch.setattr(store.time, "sleep", slept.append)
    db = open_database(tmp_path / "quiz.db")
    steps = _write_for(PacedWrites(db, hold_s=0.01, unannounced_hold_s=60), 0.3)
    assert steps > 10
    assert slept == [0.003] * steps  # only the steps' own work

    slept.clear()
    steps = _write_for(PacedWrites(db, hold_s=0.01, unannounced_hold_s=0.05, pause_s=0.11), 0.3)
    assert slept.count(0.11) >= 2
    assert len(slept) == steps + slept.count(0.11)


def test_an_in_memory_database_never_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(store.time, "sleep", slept.append)
    db = open_database(Path(":memory:"))
    steps = _write_for(PacedWrites(db, hold_s=0.01, unannounced_hold_s=0.02), 0.2)
    assert slept == [0.003] * steps


def test_an_announcement_is_seen_while_it_lasts(tmp_path: Path) -> None:
    db_path = tmp_path / "quiz.db"
    waiting = WaitingWriters(db_path)
    assert not waiting.any()
    with announced(db_path):
        assert waiting.any()
        with announced(db_path):  # two writers waiting at once
            assert waiting.any()
    assert not waiting.any()


def test_a_writer_announces_itself_only_while_it_waits(tmp_path: Path) -> None:
    """Announced while it holds the lock, a writer would make a second build wait on it;
    a writer that never had to wait leaves no signal file beside the database."""
    db_path = tmp_path / "quiz.db"
    db = open_database(db_path)
    with write_transaction(db):
        assert not WaitingWriters(db_path).any()
    assert not signal_path(db_path).exists()

    other = open_database(db_path)
    db.conn.execute("PRAGMA busy_timeout = 100")
    with write_transaction(other):
        with pytest.raises(sqlite3.OperationalError, match="locked"), write_transaction(db):
            pass
    assert signal_path(db_path).exists()
    assert not WaitingWriters(db_path).any()
