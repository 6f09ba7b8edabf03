"""Counting cards the way a build reports them, without loading the card model.

What a build did to a deck (`ChangeCounts`) and the counts an unchanged file or deck
adds to the summary. Apart from quizgen.store.cards (which turns rows into cards and
back) so that an unchanged rebuild counts with nothing but sqlite3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite-utils is imported when a database is opened
    import sqlite3

    from sqlite_utils import Database


DECK_CARD_PREFIX = "deck-"
"""Fact keys of cards about a whole deck (`deck-timeline:...`): stored under one of the
deck's articles, but made and retired by the deck, never by that article's rebuild."""


@dataclass
class ChangeCounts:
    """What a build did to the cards of one deck."""

    added: int = 0
    updated: int = 0
    answer_changed: int = 0
    retired: int = 0
    restored: int = 0
    unchanged: int = 0
    kept_edit: int = 0
    """Cards the learner edited whose edit was kept (the article's answer is as it was)."""
    edit_outdated: int = 0
    """Edited cards whose article answer changed: the learner's text is kept, the card marked."""
    examples: dict[str, list[str]] = field(default_factory=dict)

    LABELS = {"kept_edit": "kept your edit", "edit_outdated": "kept your edit, article changed"}
    """How the summary words a count, where its name alone would not say it."""

    def add(self, other: ChangeCounts) -> None:
        for name in self.as_dict():
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, int]:
        return {
            "added": self.added,
            "updated": self.updated,
            "answer_changed": self.answer_changed,
            "retired": self.retired,
            "restored": self.restored,
            "unchanged": self.unchanged,
            "kept_edit": self.kept_edit,
            "edit_outdated": self.edit_outdated,
        }


def active_kind_counts(db: Database | sqlite3.Connection, article_id: str) -> list[tuple[str, int]]:
    """(kind, active cards) of one article: an unchanged file still counts in the summary.
    A deck's own cards are counted by the deck (see `save_deck_cards`)."""
    return db.execute(
        "SELECT kind, count(*) FROM cards WHERE article_id = ? AND status = 'active'"
        " AND coalesce(fact_key, '') NOT LIKE ? GROUP BY kind",
        [article_id, DECK_CARD_PREFIX + "%"],
    ).fetchall()


def decks_with_own_cards(db: Database | sqlite3.Connection) -> list[str]:
    """Decks holding active cards of their own (see `save_deck_cards`), sorted."""
    return [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT deck FROM cards WHERE status = 'active' AND fact_key LIKE ?"
            " ORDER BY deck",
            [DECK_CARD_PREFIX + "%"],
        )
    ]


def active_deck_kind_counts(db: Database | sqlite3.Connection, deck: str) -> list[tuple[str, int]]:
    """(kind, active cards) the deck holds of its own (see `save_deck_cards`): what a
    rebuild that leaves its timeline as it was counts as unchanged."""
    return db.execute(
        "SELECT kind, count(*) FROM cards WHERE deck = ? AND fact_key LIKE ?"
        " AND status = 'active' GROUP BY kind",
        [deck, DECK_CARD_PREFIX + "%"],
    ).fetchall()


def deck_cards_edited(db: Database | sqlite3.Connection, deck: str) -> bool:
    """Whether the learner edited any card the deck holds of its own: a rebuild weighs
    each such edit against the new card (`_keep_edit`)."""
    row = db.execute(
        "SELECT 1 FROM cards c JOIN card_edits e ON e.card_id = c.id"
        " WHERE c.deck = ? AND c.fact_key LIKE ? LIMIT 1",
        [deck, DECK_CARD_PREFIX + "%"],
    ).fetchone()
    return row is not None
