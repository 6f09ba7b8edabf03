"""A new database's schema, word for word, is the one every earlier quizgen wrote.

The tables were once created through sqlite-utils' `create`; they are now created with
plain statements (a build loads no sqlite-utils). `schema_v9.json` is `sqlite_master`
of a database made the old way (version 8), with version 9's all-decks review rollup
after it: a new database must match it exactly (same quoting, same layout, same order),
so old and new files read alike to every query and to SQLite's own schema checks. A new
migration extends the fixture on purpose.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from support.paths import TESTS

from quizgen.store import SCHEMA_VERSION, open_database


def test_a_new_database_is_created_in_the_words_sqlite_utils_used(tmp_path: Path) -> None:
    expected = json.loads((TESTS / "fixtures" / "schema_v9.json").read_text(encoding="utf-8"))
    path = tmp_path / "quiz.db"
    open_database(path).close()
    connection = sqlite3.connect(path)
    found = [
        list(row)
        for row in connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid"
        )
    ]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    marks = dict(connection.execute("SELECT key, value FROM meta"))
    connection.close()
    assert version == SCHEMA_VERSION == 9
    assert found == expected
    assert marks == {"application": "quizgen", "schema_version": "9"}
