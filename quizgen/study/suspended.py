"""Suspended cards: which they are, and bringing them back (the app and `quiz suspended`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizgen.store import queue as queue_store
from quizgen.store import reviews as review_store

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class SuspendedCard:
    """One suspended card, as listed."""

    card_id: str
    deck: str
    question: str
    answer: str


def suspended_cards(db: Database, deck: str | None = None) -> list[SuspendedCard]:
    """The active suspended cards (of `deck`), by deck then build order."""
    return [
        SuspendedCard(row["id"], row["deck"], row["question"], row["answer"])
        for row in queue_store.suspended_cards(db, deck)
    ]


def unsuspend(db: Database, card_ids: Iterable[str]) -> int:
    """Bring cards back into study; returns how many were changed."""
    return sum(review_store.set_suspended(db, card_id, False) for card_id in card_ids)
