"""Searching every card: words over question, answer and source, by deck and stage, sorted.

The browser screen and `quiz cards` ask the same thing the same way; the store does
the filtering and returns one page, so a search of 100,000 cards stays instant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizgen.browse.stages import STAGES, stage_of
from quizgen.core.errors import QuizgenError
from quizgen.store import browse as browse_store

if TYPE_CHECKING:
    from sqlite_utils import Database

ORDERS = ("deck", "due", "lapses", "accuracy")
"""deck: by deck, in build order; due: soonest first (new cards last); lapses: most
first; accuracy: lowest first (cards never reviewed last)."""


class SearchError(QuizgenError):
    """A search asked for a stage or an order there is none of."""


@dataclass(frozen=True)
class CardListing:
    """One card as a search lists it: the text the learner sees, its stage and figures."""

    card_id: str
    deck: str
    question: str
    answer: str
    stage: str
    due: str | None
    lapses: int
    reviews: int
    passed: int
    edited: bool
    flag: str | None
    source_answer: str | None
    """What the article says now, when it changed under the learner's edit."""

    @property
    def accuracy(self) -> float | None:
        """Share of answers that passed, None before the first review."""
        return self.passed / self.reviews if self.reviews else None


@dataclass(frozen=True)
class SearchResult:
    """One page of cards and how many matched in all."""

    cards: tuple[CardListing, ...]
    total: int


def search_cards(
    db: Database,
    text: str = "",
    *,
    deck: str | None = None,
    stage: str | None = None,
    order: str = "deck",
    limit: int | None = 500,
) -> SearchResult:
    """Cards whose question, answer, source sentence or article title hold every word of
    `text` (case aside), of `deck` and `stage` (default: every card not retired)."""
    if stage is not None and stage not in STAGES:
        raise SearchError(f"no stage {stage!r} (one of: {', '.join(STAGES)})")
    if order not in ORDERS:
        raise SearchError(f"no order {order!r} (one of: {', '.join(ORDERS)})")
    query = browse_store.SearchFilter(
        words=tuple(text.split()), deck=deck, stage=stage, order=order, limit=limit
    )
    rows, total = browse_store.search_rows(db, query)
    cards = tuple(
        CardListing(
            card_id=row["id"],
            deck=row["deck"],
            question=row["question"],
            answer=row["answer"],
            stage=stage_of(row),
            due=row["due"],
            lapses=int(row["lapses"] or 0),
            reviews=int(row["reviews"] or 0),
            passed=int(row["passed"] or 0),
            edited=bool(row["edited"]),
            flag=row["flag"],
            source_answer=row["source_answer"],
        )
        for row in rows
    )
    return SearchResult(cards, total)
