"""A database that is busy, read-only, damaged or on a full disk: one line, never a traceback.

Each case is a real `quiz` process on a real file: a lock held by another process,
permissions enforced (root's override dropped), a column really dropped, a really
full tmpfs.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support.articles import synthetic_corpus, write_corpus
from support.processes import ENV, quiz, without_permission_override

from quizgen.store import BUSY_TIMEOUT_ENV

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and mounts")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("failures") / "seeds"
    write_corpus(folder, synthetic_corpus(6, seed=4))
    return folder


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory) -> Path:
    db_path = tmp_path_factory.mktemp("failures-db") / "quiz.db"
    result = quiz("build", "--jobs", "1", "--db", str(db_path), str(corpus))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db_path


def own_copy(built: Path, tmp_path: Path) -> Path:
    db_path = tmp_path / "quiz.db"
    shutil.copy(built, db_path)
    return db_path


def one_line(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.strip()


HOLD_LOCK = textwrap.dedent(
    """
    import sqlite3, sys, time
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    time.sleep(60)
    """
)


SHORT_BUSY_TIMEOUT = {**ENV, BUSY_TIMEOUT_ENV: "200"}
"""A lock held past a 0.2 s busy timeout fails as one held past the 10 s default does."""


@pytest.mark.parametrize("command", ["config", "build"])
def test_a_lock_held_past_the_busy_timeout_is_one_line(built, corpus, tmp_path, command):
    """The command gives up after the busy timeout (shortened to 0.2 s through
    QUIZ_BUSY_TIMEOUT_MS: the lock is held for a minute, so any timeout is passed, and
    the suite does not wait ten real seconds per command)."""
    db_path = own_copy(built, tmp_path)
    (corpus.parent / "more").mkdir(exist_ok=True)
    write_corpus(corpus.parent / "more", synthetic_corpus(8, seed=44)[6:])
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        if command == "config":
            args = ["config", "--db", str(db_path), "new_per_day", "30"]
        else:
            args = ["build", "--jobs", "1", "--db", str(db_path), str(corpus.parent / "more")]
        result = quiz(*args, env=SHORT_BUSY_TIMEOUT)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    busy = f"quiz: {db_path}: database busy (another quiz is writing to it), try again"
    assert one_line(result) == busy


@pytest.mark.parametrize("command", ["config", "build"])
def test_a_read_only_database_is_one_line(built, corpus, tmp_path, command):
    db_path = own_copy(built, tmp_path)
    write_corpus(tmp_path / "more", synthetic_corpus(8, seed=45)[6:])
    os.chmod(db_path, 0o444)
    args = (
        ["config", "--db", str(db_path), "new_per_day", "30"]
        if command == "config"
        else ["build", "--jobs", "1", "--db", str(db_path), str(tmp_path / "more")]
    )
    result = quiz(*args, preexec_fn=without_permission_override)
    assert result.returncode == 1
    assert "database is read-only" in one_line(result)


def test_a_damaged_database_is_said_as_such(built, corpus, tmp_path):
    db_path = own_copy(built, tmp_path)
    with sqlite3.connect(db_path) as connection:
        # a column the build writes (question and answer feed the search index's triggers,
        # which SQLite would not let go)
        connection.execute("ALTER TABLE cards DROP COLUMN answer_type")
    write_corpus(tmp_path / "more", synthetic_corpus(8, seed=46)[6:])
    result = quiz("build", "--jobs", "1", "--db", str(db_path), str(tmp_path / "more"))
    assert result.returncode == 1
    line = one_line(result)
    assert "database is damaged" in line and "backup" in line


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 1 MiB tmpfs: a real full disk (needs the right to mount; skipped without it)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)


def test_a_disk_that_fills_during_a_build_is_one_line(small_disk, tmp_path):
    write_corpus(tmp_path / "seeds", synthetic_corpus(300, seed=47))
    result = quiz(
        "build", "--jobs", "1", "--db", str(small_disk / "quiz.db"), str(tmp_path / "seeds"),
        env={**ENV, "TMPDIR": str(small_disk)},
    )  # fmt: skip
    assert result.returncode == 1
    assert "disk full" in one_line(result)
    check = sqlite3.connect(small_disk / "quiz.db")
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()


@pytest.mark.parametrize("steps", ["0.0000001s", "0.5s", "0.001m"])
def test_a_learning_step_below_a_second_is_refused(built, tmp_path, steps):
    db_path = own_copy(built, tmp_path)
    before = quiz("config", "--db", str(db_path), "learning_steps").stdout
    result = quiz("config", "--db", str(db_path), "learning_steps", steps)
    assert result.returncode == 2
    assert "at least 1s" in one_line(result)
    assert quiz("config", "--db", str(db_path), "learning_steps").stdout == before


@pytest.mark.parametrize("zone", ["Europe", "zone.tab", "Mars/Base", "../../etc/passwd", "x" * 300])
def test_a_stored_timezone_that_is_no_iana_zone_is_ignored_by_history(built, tmp_path, zone):
    db_path = own_copy(built, tmp_path)
    with sqlite3.connect(db_path) as connection:
        connection.execute("INSERT INTO settings (key, value) VALUES ('timezone', ?)", [zone])
    for args in (["history"], ["history", "--json"]):
        result = quiz(*args, "--db", str(db_path))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr


@pytest.fixture
def read_only_filesystem(built, tmp_path):
    """The built database on a tmpfs remounted read-only (skipped without the right to mount)."""
    mount_point = tmp_path / "ro"
    mount_point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)],
                      capture_output=True).returncode != 0:  # fmt: skip
        pytest.skip("cannot mount a tmpfs here")
    shutil.copy(built, mount_point / "quiz.db")
    subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)
    yield mount_point / "quiz.db"
    subprocess.run(["umount", str(mount_point)], check=True)


def test_a_database_on_a_read_only_filesystem_can_still_be_read(read_only_filesystem):
    db_path = str(read_only_filesystem)
    exported = quiz("export", "--db", db_path)
    assert exported.returncode == 0, exported.stderr
    assert len(exported.stdout.splitlines()) > 10
    history = quiz("history", "--db", db_path)
    assert history.returncode == 0, history.stderr
    changed = quiz("config", "--db", db_path, "new_per_day", "3")
    assert changed.returncode == 1
    assert "database is read-only" in one_line(changed)


def _damage_reviews(db_path: Path, how: str) -> None:
    with sqlite3.connect(db_path) as connection:
        cards = [row[0] for row in connection.execute("SELECT id FROM cards LIMIT 3")]
        for card in cards:
            connection.execute(
                "INSERT INTO reviews (card_id, reviewed_at, rating, mode, state_before,"
                " state_after) VALUES (?, ?, 3, 'flip', '{}', '{}')",
                [card, "garbage" if how == "timestamp" else "2024-05-01T09:00:00+00:00"],
            )
        if how == "column":  # by hand: SQLite drops no column a trigger or an index reads
            for kind, name in connection.execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'index')"
                " AND tbl_name = 'reviews' AND sql LIKE '%rating%'"
            ).fetchall():
                connection.execute(f"DROP {kind.upper()} {name}")
            connection.execute("ALTER TABLE reviews DROP COLUMN rating")


@pytest.mark.parametrize("how", ["timestamp", "column"])
@pytest.mark.parametrize("command", ["optimize", "history"])
def test_damaged_reviews_are_said_as_such(built, tmp_path, how, command):
    db_path = own_copy(built, tmp_path)
    _damage_reviews(db_path, how)
    result = quiz(command, "--db", str(db_path))
    assert result.returncode == 1
    line = one_line(result)
    assert "database is damaged" in line and "backup" in line


def test_studying_a_read_only_database_is_refused_before_the_first_answer(built, tmp_path):
    db_path = own_copy(built, tmp_path)
    os.chmod(db_path, 0o444)
    before = db_path.read_bytes()
    result = quiz("study", "--db", str(db_path), stdin=subprocess.DEVNULL, timeout=60,
                  preexec_fn=without_permission_override)  # fmt: skip
    assert result.returncode == 1
    assert "database is read-only" in one_line(result)
    assert db_path.read_bytes() == before
