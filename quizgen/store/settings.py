"""Settings rows: each setting stored as text under its key.

Parsing and checking values is quizgen.study.settings's job; this module only
reads and writes the texts, and treats a database without the table (one opened
read-only before any migration) as having no settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizgen.core.clock import StudyClock, clock_from_settings
from quizgen.store import write_transaction
from quizgen.store.busy import waiting_at_most

if TYPE_CHECKING:  # sqlite-utils is imported when a database is opened
    from sqlite_utils import Database


def _has_settings(db: Database) -> bool:
    """Whether the settings table exists (plain queries: the study app reads its settings
    before sqlite-utils is loaded)."""
    found = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'"
    ).fetchone()
    return found is not None


def stored_texts(db: Database) -> dict[str, str]:
    """Every stored setting as key -> text."""
    if not _has_settings(db):
        return {}
    return {key: value for key, value in db.execute("SELECT key, value FROM settings")}


def stored_text(db: Database, key: str) -> str | None:
    """One setting's stored text, or None when it was never set."""
    if not _has_settings(db):
        return None
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def store_text(db: Database, key: str, value: str, *, wait_ms: int | None = None) -> None:
    """Store (insert or replace) one setting's text; DatabaseBusy (nothing stored) when
    another process holds the write lock longer than `wait_ms` (None: the busy timeout)."""
    with waiting_at_most(db, wait_ms), write_transaction(db):
        db["settings"].upsert({"key": key, "value": value}, pk="key")


def load_clock(db: Database) -> StudyClock:
    """The learner's clock from the `day_start_hour` and `timezone` settings.

    The study queue and the history both read it here, so they agree on the day.
    """
    return clock_from_settings(stored_text(db, "day_start_hour"), stored_text(db, "timezone"))
