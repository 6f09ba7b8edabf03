"""A database opened with `defer_library`: queries and transactions before sqlite-utils loads.

The study app opens its database this way, so its first card (queries and the session
row only) does not wait for sqlite-utils' import; anything else asked of the database
(a table, an upsert, `atomic`) loads the library first and then behaves as before.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from sqlite_utils import Database
from support.articles import write_small_towns
from support.processes import python_lines
from support.study import make_database

from quizgen.store import (
    check_writable,
    close_database,
    load_database_library,
    open_database,
    write_transaction,
)
from quizgen.store.queue import has_cards
from quizgen.store.reviews import start_session
from quizgen.store.settings import store_text, stored_text, stored_texts
from quizgen.study.settings import load_settings, set_setting

NOW = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)


def test_queries_and_writes_before_the_library_loads(tmp_path):
    """In a fresh interpreter: the study app's first reads and its session row, then the
    first use of a table, which loads sqlite-utils."""
    path = tmp_path / "quiz.db"
    close_database(make_database(path))
    probe = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        "from quizgen.store import check_writable, open_database, write_transaction\n"
        "from quizgen.store.queue import has_cards, new_card_ids\n"
        "from quizgen.store.reviews import start_session\n"
        "from quizgen.study.settings import load_settings\n"
        f"db = open_database({str(path)!r}, defer_library=True)\n"
        "check_writable(db)\n"
        "assert has_cards(db) and new_card_ids(db, None, 3)\n"
        "assert load_settings(db).new_per_day == 20\n"
        "start_session(db, None, 'flip', datetime(2024, 3, 10, tzinfo=UTC), wait_ms=100)\n"
        "with write_transaction(db):\n"
        "    db.execute('UPDATE sessions SET mode = ? WHERE id = 1', ['type'])\n"
        "print('sqlite_utils' in sys.modules)\n"
        "print(db['sessions'].count, db.conn.in_transaction)\n"
        "print('sqlite_utils' in sys.modules, 'numpy' in sys.modules)\n"
    )
    assert python_lines(probe) == ["False", "1 False", "True False"]
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT mode FROM sessions").fetchall() == [("type",)]


def test_a_deferred_database_sets_the_connection_up_as_sqlite_utils_does(tmp_path):
    path = tmp_path / "quiz.db"
    close_database(make_database(path))
    plain, deferred = open_database(path), open_database(path, defer_library=True)
    for db in (plain, deferred):
        assert db.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.conn.isolation_level is None
    assert deferred.execute("SELECT ?", [7]).fetchone() == (7,)
    assert deferred.execute("SELECT 1").fetchone() == (1,)
    close_database(plain)
    close_database(deferred)


def test_everything_else_loads_the_library_and_works_as_before(tmp_path):
    path = tmp_path / "quiz.db"
    close_database(make_database(path))
    db = open_database(path, defer_library=True)
    check_writable(db)
    assert has_cards(db)
    set_setting(db, "new_per_day", "7", wait_ms=100)  # an upsert: loads sqlite-utils
    assert load_settings(db).new_per_day == 7
    assert isinstance(db.library(), Database)  # type: ignore[attr-defined]
    with write_transaction(db):
        session = start_session(db, "people", "flip", NOW)  # nested: a savepoint (atomic)
        db.execute("UPDATE sessions SET mode = 'type' WHERE id = ?", [session])
    assert db["sessions"].get(session)["mode"] == "type"
    assert "cards" in db.table_names()
    with pytest.raises(AttributeError):
        db.no_such_method  # noqa: B018
    close_database(db)
    assert stored_text(open_database(path), "new_per_day") == "7"


def test_a_deferred_query_gives_the_rows_the_library_gives(tmp_path):
    """`query` is the one reading call a build makes besides `execute`: answered without
    the library, it must give what sqlite-utils' `query` gives, row for row."""
    path = tmp_path / "quiz.db"
    close_database(make_database(path))
    deferred = open_database(path, defer_library=True)
    plain = open_database(path)
    for sql, parameters in (
        ("SELECT * FROM cards ORDER BY id", None),
        ("SELECT id, answer AS said, reps + 1 FROM cards WHERE deck = ?", ["people"]),
        ("SELECT * FROM cards WHERE deck = ?", ["no such deck"]),
    ):
        rows = list(deferred.query(sql, parameters))
        assert rows == list(plain.query(sql, parameters))
    assert len(list(deferred.query("SELECT * FROM cards"))) > 0
    with pytest.raises(ValueError):
        deferred.query("UPDATE cards SET reps = reps")
    assert deferred._database is None  # type: ignore[attr-defined]
    close_database(deferred)
    close_database(plain)


def test_load_database_library_readies_a_deferred_database_only(tmp_path):
    path = tmp_path / "quiz.db"
    close_database(make_database(path))
    deferred = open_database(path, defer_library=True)
    assert deferred._database is None  # type: ignore[attr-defined]
    load_database_library(deferred)
    assert isinstance(deferred._database, Database)  # type: ignore[attr-defined]
    plain = open_database(path)
    load_database_library(plain)  # nothing to do
    assert isinstance(plain, Database)
    close_database(deferred)
    close_database(plain)


def test_a_new_file_is_created_and_migrated_when_deferred(tmp_path):
    db = open_database(tmp_path / "new.db", defer_library=True)
    assert "settings" in db.table_names()
    assert stored_texts(db) == {}
    close_database(db)


def test_settings_read_by_plain_queries_match_the_table():
    db = Database(sqlite3.connect(":memory:"))
    assert stored_texts(db) == {} and stored_text(db, "timezone") is None
    db["settings"].create({"key": str, "value": str}, pk="key")
    assert stored_texts(db) == {} and stored_text(db, "timezone") is None
    store_text(db, "timezone", "Europe/Paris")
    store_text(db, "new_per_day", "5")
    store_text(db, "timezone", "UTC")
    assert stored_texts(db) == {row["key"]: row["value"] for row in db["settings"].rows}
    assert stored_texts(db) == {"timezone": "UTC", "new_per_day": "5"}
    assert stored_text(db, "timezone") == "UTC"


def test_quiz_study_builds_the_seeds_into_a_deferred_database(tmp_path, monkeypatch):
    """`quiz study` opens its database deferred; on an empty one the build (sqlite-utils'
    tables, atomic, upserts) runs through it as through any database."""
    import argparse

    import quizgen.build.pipeline as pipeline
    import quizgen.commands.study as study_command
    import tui.app

    corpus = tmp_path / "corpus"
    write_small_towns(corpus, 3)
    monkeypatch.setattr(pipeline, "default_seed_paths", lambda: [corpus])
    opened = []

    class NoApp:
        unsaved_answers = 0
        return_code = 0

        def __init__(self, db_path, **kwargs) -> None:
            opened.append((db_path, kwargs))

        def run(self) -> None:
            pass

    monkeypatch.setattr(tui.app, "QuizApp", NoApp)
    path = tmp_path / "quiz.db"
    args = argparse.Namespace(db=str(path), deck=None, mode=None)
    assert study_command.run(args) == 0
    assert opened == [(str(path), {"deck": None, "mode": None})]
    db = open_database(path)
    assert db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] > 0
    assert sorted(row[0] for row in db.execute("SELECT title FROM articles")) == [
        "Town 0",
        "Town 1",
        "Town 2",
    ]
    close_database(db)
