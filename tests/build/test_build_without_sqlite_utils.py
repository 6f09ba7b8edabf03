"""A build writes with plain statements only, so `quiz build` never imports sqlite-utils
(~0.1 s of every build's start): not for a new database, not for a rebuild that changes,
adds and retires cards. Real corpus articles, in a fresh interpreter each time."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.paths import CORPUS
from support.processes import python_lines

PROBE = (
    "import sys\n"
    "from quizgen.cli import main\n"
    "status = main(['build', {folder!r}, '--db', {db!r}, '--jobs', '{jobs}'])\n"
    "print(status, 'sqlite_utils' in sys.modules)\n"
)


def _build(folder: Path, db_path: Path, jobs: int = 1) -> str:
    return python_lines(PROBE.format(folder=str(folder), db=str(db_path), jobs=jobs))[-1]


def test_first_builds_and_rebuilds_never_load_sqlite_utils(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in ("aardvark.txt", "albania.txt", "apollo-8.txt"):
        shutil.copy(CORPUS / "b" / name, folder / name)
    shutil.copy(CORPUS / "a" / "bodmin.md", folder / "bodmin.md")
    db_path = tmp_path / "quiz.db"
    assert _build(folder, db_path) == "0 False"

    apollo = folder / "apollo-8.txt"
    text = apollo.read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    apollo.write_text("\n\n".join(paragraphs[: len(paragraphs) // 2]) + "\n", encoding="utf-8")
    (folder / "albania.txt").unlink()
    shutil.copy(CORPUS / "b" / "alaska.txt", folder / "alaska.txt")
    assert _build(folder, db_path, jobs=2) == "0 False"

    from quizgen.store import open_database

    db = open_database(db_path)
    statuses = dict(db.execute("SELECT status, count(*) FROM cards GROUP BY status").fetchall())
    changes = db.execute("SELECT count(*) FROM card_changes").fetchone()[0]
    titles = {row[0] for row in db.execute("SELECT title FROM articles")}
    db.close()
    assert statuses["active"] > 0 and statuses["retired"] > 0 and changes > 0
    assert {"Aardvark", "Alaska", "Apollo 8", "Bodmin"} <= titles
