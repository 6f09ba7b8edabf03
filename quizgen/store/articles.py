"""Articles and decks in the database: what the last build stored, and saving an article.

A rebuild recognizes unchanged files by the build hash stored with each article,
and follows an article to its new file name; the deck an article belongs to is
recorded in `deck_articles`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from quizgen.store.rows import insert_row, update_row

if TYPE_CHECKING:  # sqlite-utils is imported when a database is opened
    import sqlite3

    from sqlite_utils import Database


def stored_articles(db: Database | sqlite3.Connection) -> Iterator[tuple[str, str, str, str]]:
    """(id, title, path, build hash) of every stored article: the rebuild's skip list."""
    yield from db.execute("SELECT id, title, path, content_hash FROM articles")


def article_paths(db: Database | sqlite3.Connection) -> list[tuple[str, str]]:
    """(id, path) of every stored article, read in full before the retire pass writes."""
    return db.execute("SELECT id, path FROM articles").fetchall()


def article_deck(db: Database, article_id: str) -> str | None:
    """The deck an article was last built into, or None."""
    row = db.execute("SELECT deck FROM deck_articles WHERE article_id = ?", [article_id]).fetchone()
    return row[0] if row else None


def follow_rename(db: Database, article_id: str, path: str) -> None:
    """Point an unchanged article's rows at the file name it is found under now."""
    moved = db.execute(
        "UPDATE articles SET path = ? WHERE id = ? AND path IS NOT ?", [path, article_id, path]
    ).rowcount
    if moved:
        db.execute("UPDATE cards SET source_path = ? WHERE article_id = ?", [path, article_id])


def save_article(db: Database, row: dict[str, Any], deck: str, stamp: str) -> None:
    """Insert or update an article row (keyed by `row["id"]`) and file it under `deck`.

    The deck row is created on first use; an article belongs to exactly one deck,
    so its previous deck link is replaced.
    """
    article_id = row["id"]
    db.execute(
        "INSERT INTO decks (name, created_at) VALUES (?, ?)"
        " ON CONFLICT (name) DO UPDATE SET created_at = excluded.created_at",
        [deck, stamp],
    )
    existing = db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
    if existing:
        update_row(db, "articles", ("id", article_id), row)
    else:
        insert_row(db, "articles", row)
    db.execute("DELETE FROM deck_articles WHERE article_id = ?", [article_id])
    insert_row(db, "deck_articles", {"deck": deck, "article_id": article_id})


def deck_names(db: Database) -> list[str]:
    """Every deck's name, sorted."""
    return [row[0] for row in db.execute("SELECT name FROM decks ORDER BY name")]


def deck_exists(db: Database | sqlite3.Connection, deck: str) -> bool:
    """Whether a deck of that name was ever built (an unknown `--deck` is a usage error)."""
    return db.execute("SELECT 1 FROM decks WHERE name = ?", [deck]).fetchone() is not None


def confirm_build_hashes(db: Database, article_ids: list[str], pending_prefix: str) -> None:
    """Drop the pending mark from these articles' build hashes: their cards are complete."""
    placeholders = ",".join("?" * len(article_ids))
    db.execute(
        f"UPDATE articles SET content_hash = substr(content_hash, ?) WHERE id IN ({placeholders})"
        " AND substr(content_hash, 1, ?) = ?",
        [len(pending_prefix) + 1, *article_ids, len(pending_prefix), pending_prefix],
    )


def shadowed_files(db: Database | sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """path -> (file hash, article id) of every file a build skipped as its title's
    second file."""
    return _file_records(db, "shadowed_files", "article_id")


def record_shadowed_files(
    db: Database, shadowed: list[tuple[str, str, str]], no_longer: list[str]
) -> None:
    """Remember each (path, file hash, article id) skipped as a title's second file, and
    forget the paths of `no_longer`, which this build read for an article of their own
    or could not read."""
    _record_files(db, "shadowed_files", "article_id", shadowed, no_longer)


def unreadable_files(db: Database | sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """path -> (file hash, reason) of every file a build found unreadable for its bytes."""
    return _file_records(db, "unreadable_files", "reason")


def record_unreadable_files(
    db: Database, unreadable: list[tuple[str, str, str]], no_longer: list[str]
) -> None:
    """Remember each (path, file hash, reason) found unreadable, and forget the paths of
    `no_longer`, which this build read (or could not read for another reason)."""
    _record_files(db, "unreadable_files", "reason", unreadable, no_longer)


def _file_records(
    db: Database | sqlite3.Connection, table: str, found: str
) -> dict[str, tuple[str, str]]:
    """path -> (file hash, what reading found) of a table of files with no article."""
    rows = db.execute(f"SELECT path, file_hash, {found} FROM {table}")
    return {path: (file_hash, value) for path, file_hash, value in rows}


def _record_files(
    db: Database,
    table: str,
    found: str,
    rows: list[tuple[str, str, str]],
    no_longer: list[str],
) -> None:
    db.conn.executemany(
        f"INSERT OR REPLACE INTO {table} (path, file_hash, {found}) VALUES (?, ?, ?)", rows
    )
    db.conn.executemany(f"DELETE FROM {table} WHERE path = ?", [(path,) for path in no_longer])


COMPLETED_BUILD_KEY = "completed_build"
"""The `meta` row holding the mark of the last build that ran to its end."""


def completed_build_mark(db: Database | sqlite3.Connection) -> str | None:
    """The mark the last build recorded when it ended (see fingerprints), or None when
    the last build did not end (it was killed, or it is still running)."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", [COMPLETED_BUILD_KEY]).fetchone()
    return row[0] if row else None


def forget_completed_build(db: Database) -> None:
    """A build is starting to write: until it ends, no build counts as completed."""
    db.execute("DELETE FROM meta WHERE key = ?", [COMPLETED_BUILD_KEY])


def record_completed_build(db: Database, mark: str) -> None:
    db.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [COMPLETED_BUILD_KEY, mark]
    )
