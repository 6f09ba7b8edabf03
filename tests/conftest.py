"""Fixtures shared by every test folder.

Being here, this file also puts tests/ on sys.path (pytest's rootdir conftest
rule), which is what makes the `support` helpers importable from tests/core,
tests/study and the rest. Databases are built fresh in each test's tmp_path;
the injected clock starts at a fixed moment, never at the real time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.history import new_database
from support.study import make_database

from quizgen.store import Database


@pytest.fixture
def study_db(tmp_path: Path) -> Database:
    """A database holding support.study.FACTS as new cards, in four decks."""
    return make_database(tmp_path / "study.db")


@pytest.fixture
def history_db(tmp_path: Path) -> Database:
    """An empty migrated database, for tests that write their own review history."""
    return new_database(tmp_path / "history.db")
