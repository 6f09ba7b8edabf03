"""The one writer of every export format, run as real `quiz export` processes on real files.

An export never destroys what a learner has: not the database it reads (however the
output is named), not a previous export when the disk fills, not a symlink, a FIFO
or a device by turning it into a regular file.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from support.export import SEEDS, built_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, links and rlimits are POSIX")

QUIZ = [sys.executable, "-m", "quizgen.cli"]
FORMATS = ("jsonl", "csv", "apkg")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("export-output") / "quiz.db"
    db = built_database(db_path, SEEDS)
    db.conn.close()
    return db_path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def database_digests(db_path: Path) -> dict[str, str]:
    return {
        suffix: digest(Path(f"{db_path}{suffix}"))
        for suffix in ("", "-wal", "-shm")
        if Path(f"{db_path}{suffix}").exists()
    }


def quiz_export(db_path: Path, fmt: str, out: Path | str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*QUIZ, "export", "--db", str(db_path), "--format", fmt, "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    assert stderr.count("\n") == 1, stderr
    return stderr.strip()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("naming", ["itself", "symlink", "hardlink", "wal", "shm"])
def test_the_database_is_never_an_output(database, tmp_path, fmt, naming):
    db_path = tmp_path / "quiz.db"
    shutil.copy(database, db_path)
    out: Path
    if naming == "itself":
        out = db_path
    elif naming == "symlink":
        out = tmp_path / "cards.out"
        out.symlink_to(db_path)
    elif naming == "hardlink":
        out = tmp_path / "cards.out"
        os.link(db_path, out)
    else:
        out = Path(f"{db_path}-{naming}")
    before = digest(db_path)
    result = quiz_export(db_path, fmt, out)
    assert result.returncode == 2
    assert "is the database itself" in one_line(result.stderr)
    assert digest(db_path) == before
    assert subprocess.run(
        [*QUIZ, "export", "--db", str(db_path)], capture_output=True, timeout=120
    ).returncode == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_symlink_is_followed_and_kept(database, tmp_path, fmt):
    target = tmp_path / "real" / f"cards.{fmt}"
    target.parent.mkdir()
    target.write_text("old export\n")
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(target)
    result = quiz_export(database, fmt, link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes() != b"old export\n" and target.stat().st_size > 1000


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_fifo_is_written_through_and_stays_a_fifo(database, tmp_path, fmt):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = quiz_export(database, fmt, fifo)
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and len(received[0]) > 1000
    if fmt == "apkg":
        assert received[0].startswith(b"PK")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("fmt", FORMATS)
def test_dev_full_is_written_through_and_the_failure_said_in_one_line(database, fmt):
    result = quiz_export(database, fmt, "/dev/full")
    assert result.returncode == 2
    assert "/dev/full: cannot write" in one_line(result.stderr)
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 256 KiB tmpfs: a real full disk (needs the right to mount; skipped without it)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)


def fill(disk: Path, leave: int) -> None:
    """Fill `disk` until fewer than `leave` bytes are free."""
    usage = shutil.disk_usage(disk)
    (disk / "filler").write_bytes(b"\0" * max(0, usage.free - leave))


def _file_size_limit(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_full_disk_leaves_the_previous_export_intact(database, small_disk, fmt):
    out = small_disk / f"cards.{fmt}"
    assert quiz_export(database, fmt, out).returncode == 0
    previous = digest(out)
    fill(small_disk, leave=out.stat().st_size // 2)
    result = quiz_export(database, fmt, out)
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert f"{out}: cannot write" in line and "previous file is unchanged" in line
    assert digest(out) == previous
    assert sorted(path.name for path in small_disk.iterdir()) == ["cards." + fmt, "filler"]


def test_a_file_size_limit_during_the_anki_package_is_one_line(database, tmp_path):
    """`ulimit -f` stops the package's own scratch collection: still one line, file kept."""
    out = tmp_path / "cards.apkg"
    out.write_bytes(b"previous")
    db_path = tmp_path / "quiz.db"
    shutil.copy(database, db_path)
    result = quiz_export(db_path, "apkg", out, preexec_fn=_file_size_limit(64 * 1024))
    assert result.returncode == 2
    assert "previous file is unchanged" in one_line(result.stderr)
    assert out.read_bytes() == b"previous"


def test_a_new_file_gets_the_usual_permissions(database, tmp_path):
    out = tmp_path / "cards.jsonl"
    old_mask = os.umask(0o022)
    try:
        assert quiz_export(database, "jsonl", out).returncode == 0
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_a_directory_is_refused(database, tmp_path):
    result = quiz_export(database, "jsonl", tmp_path)
    assert result.returncode == 2
    assert "is a directory" in one_line(result.stderr)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("column", "value"),
    [("accepted", "[not json"), ("distractors", '"a string"'), ("extra", "[1, 2]"),
     ("date_start", "1919-02-31")],
)  # fmt: skip
def test_a_card_with_a_corrupt_field_is_skipped_with_one_line(database, tmp_path, fmt, column,
                                                              value):  # fmt: skip
    db_path = tmp_path / "quiz.db"
    shutil.copy(database, db_path)
    connection = sqlite3.connect(db_path)
    with connection:
        rows = connection.execute("SELECT id FROM cards WHERE status = 'active'")
        active = [row[0] for row in rows]
        total, damaged = len(active), active[0]
        connection.execute(f"UPDATE cards SET {column} = ? WHERE id = ?", [value, damaged])
    connection.close()
    out = tmp_path / f"cards.{fmt}"
    result = quiz_export(db_path, fmt, out)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert len(lines) == 2 and f"card {damaged}: damaged" in lines[0], result.stderr
    assert f"Exported {total - 1} cards" in lines[1]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_standard_output_on_a_full_disk_is_one_line(database, fmt):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [*QUIZ, "export", "--db", str(database), "--format", fmt],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
        )  # fmt: skip
    assert result.returncode == 1
    assert "disk full" in one_line(result.stderr)
