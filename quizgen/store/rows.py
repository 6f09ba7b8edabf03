"""One row inserted or updated with a plain statement, its columns named by a dict's keys.

sqlite-utils' `insert` and `update` inspect the table and every value on each call
(~0.5 ms a row, most of what a large build's writes cost) and `update` reads the row
first; the build's rows are text and numbers that need none of that, and writing
them plainly keeps the library out of a build altogether (~0.1 s of its start).
The keys are the code's own column names, never a reader's text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # sqlite-utils is imported when a database is opened
    from sqlite_utils import Database


def insert_row(db: Database, table: str, row: dict[str, Any]) -> None:
    columns = ", ".join(f'"{column}"' for column in row)
    marks = ", ".join("?" * len(row))
    db.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values()))


def update_row(db: Database, table: str, key: tuple[str, Any], changes: dict[str, Any]) -> None:
    """Set these columns of the row whose `key` column (name, value) matches."""
    column, value = key
    assignments = ", ".join(f'"{name}" = ?' for name in changes)
    db.execute(
        f'UPDATE "{table}" SET {assignments} WHERE "{column}" = ?', [*changes.values(), value]
    )
