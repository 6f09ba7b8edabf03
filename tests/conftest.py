"""Fixtures shared by every test folder.

Being here, this file also puts tests/ on sys.path (pytest's rootdir conftest
rule), which is what makes the `support` helpers importable from tests/core,
tests/study and the rest. Small databases are built fresh in each test's tmp_path;
a folder of real articles is built once per session and each test gets its own copy
(copying a file is far cheaper than building it again). The injected clock starts at
a fixed moment, never at the real time.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from support.history import new_database
from support.study import make_database

from quizgen.build.pipeline import BuildReport, build_corpus
from quizgen.store import open_database

if TYPE_CHECKING:
    from sqlite_utils import Database

BUILT_AT = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
"""When the shared corpus databases are built (a fixed moment, not the real time)."""


@pytest.fixture
def study_db(tmp_path: Path) -> Database:
    """A database holding support.study.FACTS as new cards, in four decks."""
    return make_database(tmp_path / "study.db")


@pytest.fixture
def history_db(tmp_path: Path) -> Database:
    """An empty migrated database, for tests that write their own review history."""
    return new_database(tmp_path / "history.db")


@pytest.fixture(scope="session")
def _built_folders(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[Path], tuple[Path, BuildReport]]:
    """Build a folder of articles the first time it is asked for, then reuse the file."""
    built: dict[Path, tuple[Path, BuildReport]] = {}

    def build(folder: Path) -> tuple[Path, BuildReport]:
        key = folder.resolve()  # the corpus reached through a link is the same corpus
        if key not in built:
            db_path = tmp_path_factory.mktemp("built-folder") / "quiz.db"
            db = open_database(db_path)
            report = build_corpus(db, [folder], now=BUILT_AT, decks_dir=None, definitions=[])
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            built[key] = (db_path, report)
        return built[key]

    return build


@pytest.fixture
def built_folder(
    _built_folders: Callable[[Path], tuple[Path, BuildReport]], tmp_path: Path
) -> Callable[[Path], tuple[Database, BuildReport]]:
    """`built_folder(FOLDER)`: this test's own copy of FOLDER built (at BUILT_AT, no deck
    files), opened, with the build's report. The build runs once per session and folder."""

    def copy(folder: Path) -> tuple[Database, BuildReport]:
        source, report = _built_folders(folder)
        target = tmp_path / f"built-{len(list(tmp_path.glob('built-*.db')))}.db"
        shutil.copy(source, target)
        return open_database(target), report

    return copy
