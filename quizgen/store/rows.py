"""One row inserted or updated with a plain statement, its columns named by a dict's keys.

sqlite-utils' `insert` and `update` inspect the table and every value on each call
(~0.5 ms a row, most of what a large build's writes cost) and `update` reads the row
first; the build's rows are text and numbers that need none of that, and writing
them plainly keeps the library out of a build altogether (~0.1 s of its start).
The keys are the code's own column names, never a reader's text.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # sqlite-utils is imported when a database is opened
    from sqlite_utils import Database


def insert_row(db: Database, table: str, row: dict[str, Any]) -> None:
    columns = ", ".join(f'"{column}"' for column in row)
    marks = ", ".join("?" * len(row))
    db.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values()))


def insert_rows(db: Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert these rows, in order, as few statements as SQLite allows.

    One statement for many rows matters for `cards`: its full-text index (FTS5, kept
    by a trigger) writes what it has gathered out to disk at the end of every
    statement that touches it, so a card a statement cost ~0.2 ms and left the index
    in hundreds of small pieces to merge; an article's cards in one statement cost
    a third of that. Rows with other columns go in statements of their own.
    """
    if not rows:
        return
    limit = db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    start = 0
    while start < len(rows):
        columns = tuple(rows[start])
        per_statement = max(1, limit // len(columns))
        end = start + 1
        while end < len(rows) and end - start < per_statement and tuple(rows[end]) == columns:
            end += 1
        names = ", ".join(f'"{column}"' for column in columns)
        marks = "(" + ", ".join("?" * len(columns)) + ")"
        db.execute(
            f'INSERT INTO "{table}" ({names}) VALUES {", ".join([marks] * (end - start))}',
            [value for row in rows[start:end] for value in row.values()],
        )
        start = end


def update_row(db: Database, table: str, key: tuple[str, Any], changes: dict[str, Any]) -> None:
    """Set these columns of the row whose `key` column (name, value) matches."""
    column, value = key
    assignments = ", ".join(f'"{name}" = ?' for name in changes)
    db.execute(
        f'UPDATE "{table}" SET {assignments} WHERE "{column}" = ?', [*changes.values(), value]
    )
