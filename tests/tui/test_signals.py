"""SIGTERM and SIGHUP end the study app the way `q` does: the terminal is restored.

The app runs as a real `quiz` process on a pseudo-terminal; after the signal, what it
wrote last must switch the alternate screen and mouse tracking off again.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import time

import pytest
from support.paths import SEEDS
from support.processes import ENV, QUIZ, quiz

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")

ALTERNATE_SCREEN_OFF = b"\x1b[?1049l"
MOUSE_TRACKING_OFF = b"\x1b[?1000l"


def read_until(fd: int, marker: bytes, timeout: float) -> bytes:
    """Everything the app writes until `marker` appears (or the pty closes)."""
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        seen += chunk
    return seen


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("signals") / "quiz.db"
    assert quiz("build", "--jobs", "1", "--db", str(db_path), str(SEEDS)).returncode == 0
    return db_path


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_terminating_signal_restores_the_terminal(seeds_db, sig):
    leader, follower = os.openpty()
    env = {**ENV, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    process = subprocess.Popen(
        [*QUIZ, "study", "--db", str(seeds_db)],
        stdin=follower, stdout=follower, stderr=follower, env=env, start_new_session=True,
    )  # fmt: skip
    os.close(follower)
    try:
        started = read_until(leader, b"All decks", timeout=60)
        assert b"All decks" in started, started[-500:]
        process.send_signal(sig)
        ending = read_until(leader, MOUSE_TRACKING_OFF + b"never", timeout=20)
        assert process.wait(timeout=20) == 128 + sig
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
    assert ALTERNATE_SCREEN_OFF in ending
    assert MOUSE_TRACKING_OFF in ending
