"""Rows written with plain statements: many rows a statement, in order, whatever SQLite's
limit on a statement's values, and the cards' text index kept whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quizgen.store import open_database
from quizgen.store.rows import insert_row, insert_rows, update_row


def test_many_rows_go_in_order_across_statements_and_column_sets() -> None:
    db = open_database(Path(":memory:"))
    db.execute("CREATE TABLE t (a INTEGER, b TEXT, c TEXT)")
    db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 7)  # 3 rows of 2 columns a statement
    rows = [{"a": n, "b": f"b{n}"} for n in range(8)]
    rows[4:4] = [{"a": 100, "c": "only c"}]  # other columns: a statement of its own
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    insert_rows(db, "t", rows)
    db.conn.set_trace_callback(None)
    stored = [tuple(row) for row in db.execute("SELECT a, b, c FROM t ORDER BY rowid")]
    assert stored == [(row["a"], row.get("b"), row.get("c")) for row in rows]
    assert len(statements) == 5  # 3 + 1 + the one of other columns + 3 + 1
    insert_rows(db, "t", [])
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 9


def test_an_inserted_row_is_updated_by_its_key() -> None:
    db = open_database(Path(":memory:"))
    insert_row(db, "meta", {"key": "k", "value": "before"})
    insert_row(db, "meta", {"key": "other", "value": "kept"})
    update_row(db, "meta", ("key", "k"), {"value": "after"})
    assert dict(db.execute("SELECT key, value FROM meta WHERE key IN ('k', 'other')")) == {
        "k": "after",
        "other": "kept",
    }
