"""The commands that only read (`quiz export`, `quiz history --json`, `quiz cards`, `quiz
suspended`, `quiz card ID`, `quiz config`) run plain statements, so they start without
sqlite-utils (~0.1 s of each run), and print exactly what they print with it loaded.

Real corpus articles built by `quiz build`, a learner's months of reviews written by the
scheduler, each command run in a fresh interpreter with the clock fixed: once as shipped,
once with the library loaded up front by the store, the outputs compared byte for byte.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.history import simulate_learner
from support.paths import CORPUS
from support.processes import python_lines, quiz

from quizgen.store import open_database
from quizgen.store.reviews import set_suspended

NOW = datetime(2025, 9, 1, 12, 0, tzinfo=UTC)

PROBE = """
import contextlib, io, json, sys
from datetime import datetime
import quizgen.core.clock, quizgen.store
quizgen.core.clock.utc_now = lambda: datetime.fromisoformat({now!r})
if {with_library!r}:
    opened = quizgen.store.open_database
    quizgen.store.open_database = lambda *a, **k: opened(*a, **{{**k, "defer_library": False}})
from quizgen.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    status = main({argv!r})
print(json.dumps([status, out.getvalue(), "sqlite_utils" in sys.modules]))
"""


@pytest.fixture(scope="module")
def studied_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seeds")
    for name in ("aardvark.txt", "apollo-8.txt", "irina-saratovtseva.txt"):
        shutil.copy(CORPUS / "b" / name, folder / name)
    shutil.copy(CORPUS / "a" / "bodmin.md", folder / "bodmin.md")
    db_path = folder / "quiz.db"
    built = quiz("build", str(folder), "--db", str(db_path), "--jobs", "1")
    assert built.returncode == 0, built.stderr
    db = open_database(db_path)
    cards = [row[0] for row in db.execute("SELECT id FROM cards ORDER BY id")]
    reviews = simulate_learner(db, cards, start=datetime(2025, 6, 1, tzinfo=UTC), days=90)
    for card in cards[::7]:
        set_suspended(db, card, True)
    db.close()
    assert reviews > 100
    return db_path


def _run(argv: list[str], *, with_library: bool) -> tuple[int, str, bool]:
    line = python_lines(PROBE.format(now=NOW.isoformat(), with_library=with_library, argv=argv))
    status, output, loaded = json.loads(line[-1])
    return status, output, loaded


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--format", "jsonl"],
        ["export", "--format", "csv"],
        ["export", "--format", "jsonl", "--deck", "Apollo 8"],
        ["history", "--json"],
        ["history", "--json", "--days", "60", "--deck", "Aardvark"],
        ["cards", "--json"],
        ["cards", "--search", "year", "--sort", "accuracy"],
        ["suspended"],
        ["card", "{card}"],
        ["config"],
        ["config", "answer_mode"],
    ],
)
def test_a_read_command_prints_the_same_without_the_library(studied_db: Path, command) -> None:
    with closing(sqlite3.connect(studied_db)) as connection:
        first_card = connection.execute("SELECT min(id) FROM cards").fetchone()[0]
    argv = [*(word.format(card=first_card) for word in command), "--db", str(studied_db)]
    status, output, loaded = _run(argv, with_library=False)
    assert status == 0 and not loaded
    assert (status, output) == _run(argv, with_library=True)[:2]
    if command[0] == "history":
        report = json.loads(output)
        assert report["totals"]["reviews"] > 0 and report["daily"]
    else:
        assert output.count("\n") > (0 if command[1:] == ["answer_mode"] else 2)
