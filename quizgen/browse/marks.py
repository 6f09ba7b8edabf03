"""What a learner does to a card outside study: suspend, unsuspend, reset to new, flag.

A flag says why the card is bad (FLAG_REASONS); a flagged card leaves every queue at
once (the store's queue reads leave flagged cards out), survives rebuilds, and is
listed per article in `quiz build --report` for whoever improves the generator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from quizgen.core.clock import stamp
from quizgen.core.errors import QuizgenError
from quizgen.store import browse as browse_store
from quizgen.store import edits as edit_store
from quizgen.store import queue as queue_store
from quizgen.store import reviews as review_store

if TYPE_CHECKING:
    from sqlite_utils import Database

FLAG_REASONS = {
    "wrong-answer": "wrong answer",
    "ambiguous": "ambiguous",
    "not-worth-learning": "not worth learning",
    "bad-options": "bad options",
    "typo": "typo",
}
"""Why a learner rejects a card: the stored key and the words shown for it."""


class UnknownCardError(QuizgenError):
    """No card has this id."""


class FlagReasonError(QuizgenError):
    """A flag reason that is not one of FLAG_REASONS."""


def flag_reason(text: str) -> str:
    """The reason key a learner typed ("wrong answer", "Wrong_Answer", "typo"...)."""
    key = "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    if key not in FLAG_REASONS:
        raise FlagReasonError(f"no flag reason {text!r} (one of: {', '.join(FLAG_REASONS)})")
    return key


def _known(db: Database, card_id: str) -> None:
    if queue_store.card_row(db, card_id) is None:
        raise UnknownCardError(f"{card_id}: no such card")


def suspend(db: Database, card_id: str, suspended: bool = True) -> None:
    """Suspend (or unsuspend) a card, as `s` does in study."""
    if not review_store.set_suspended(db, card_id, suspended):
        raise UnknownCardError(f"{card_id}: no such card")


def reset(db: Database, card_id: str, now: datetime) -> None:
    """Back to new: learned again from the start; its reviews stay in the history."""
    if not browse_store.reset_to_new(db, card_id, stamp(now)):
        raise UnknownCardError(f"{card_id}: no such card")


def flag(db: Database, card_id: str, reason: str, now: datetime) -> None:
    """Flag a card as bad for `reason` (a FLAG_REASONS key, or its words)."""
    key = flag_reason(reason)
    _known(db, card_id)
    edit_store.flag_card(db, card_id, key, stamp(now))


def unflag(db: Database, card_id: str) -> bool:
    """Take the flag back (the card returns to study); False if it was not flagged."""
    _known(db, card_id)
    return edit_store.unflag_card(db, card_id)


@dataclass(frozen=True)
class FlaggedCard:
    """A card a learner rejected, as `quiz build --report` lists it."""

    article: str
    path: str
    card_id: str
    question: str
    answer: str
    reason: str

    @property
    def reason_words(self) -> str:
        return FLAG_REASONS.get(self.reason, self.reason)


def flagged_cards(db: Database) -> list[FlaggedCard]:
    """Every flagged card (the generated text: what the generator should improve), by
    article then build order."""
    return [FlaggedCard(*row) for row in edit_store.flagged_by_article(db)]
