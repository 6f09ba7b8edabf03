"""Sibling cards: cards that would give each other away, buried for the day (as in Anki).

Two cards are siblings when they come from the same article and either from the
same source line (one infobox line, one sentence: "Who wrote Animal Farm?" and
"Which 1945 book did George Orwell write?") or from the same side of a conflict
infobox (`combatant1`, `commander1`, `strength1`... all ask about side 1). Once
one of them has been shown or answered today, the others wait for another day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from quizgen.core.clock import stamp
from quizgen.store import queue as queue_store

if TYPE_CHECKING:
    from datetime import datetime

    from sqlite_utils import Database

SIDE_FIELD = re.compile(
    r"^infobox:(?:reverse:)?(?:combatant|commander|strength|casualties|units|leader)s?(\d+)[a-z]?$"
)
"""A conflict field naming one side by its number; the fields of one side are siblings."""

SiblingRow = tuple[str, str, str, str, str]
"""(card id, article id, section, source text, fact key), as quizgen.store.queue reads it."""


def sibling_keys(row: SiblingRow) -> set[tuple[str, ...]]:
    """The groups a card belongs to: its source line and, for a conflict field, its side."""
    _card_id, article, section, text, fact_key = row
    keys: set[tuple[str, ...]] = set()
    if text.strip():
        keys.add(("line", article, section, text.strip()))
    side = SIDE_FIELD.match(fact_key or "")
    if side:
        keys.add(("side", article, side.group(1)))
    return keys


def siblings_among(rows: Iterable[SiblingRow], card_ids: Iterable[str]) -> set[str]:
    """The cards among `rows` that are siblings of any of `card_ids` (those left out)."""
    rows = list(rows)
    wanted = set(card_ids)
    taken: set[tuple[str, ...]] = set()
    for row in rows:
        if row[0] in wanted:
            taken |= sibling_keys(row)
    return {row[0] for row in rows if row[0] not in wanted and sibling_keys(row) & taken}


def siblings_of(db: Database, card_id: str) -> set[str]:
    """The active siblings of one card."""
    article = queue_store.article_of(db, card_id)
    if article is None:
        return set()
    return siblings_among(queue_store.sibling_rows(db, [article]), [card_id])


def buried_today(db: Database, start: datetime, end: datetime) -> set[str]:
    """Cards buried for the study day [start, end): siblings of a card reviewed in it.

    A card reviewed itself today is not buried (its learning steps go on).
    """
    reviewed = queue_store.articles_reviewed_between(db, stamp(start), stamp(end))
    if not reviewed:
        return set()
    reviewed_ids = {card_id for card_id, _ in reviewed}
    rows = queue_store.sibling_rows(db, {article for _, article in reviewed})
    return siblings_among(rows, reviewed_ids) - reviewed_ids
