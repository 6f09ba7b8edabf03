"""Cards in the database: the row shape, and saving an article's cards on build.

Saving is where regeneration happens: a card whose fact still exists keeps its id
and scheduling state; a changed answer resets the card to new and records the
change; a card whose fact is gone is retired (never deleted), and comes back with
its history if the fact returns.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from quizgen.core.clock import stamp as format_stamp
from quizgen.core.errors import QuizgenError
from quizgen.core.models import Card, CardSource, DateValue
from quizgen.store.card_counts import DECK_CARD_PREFIX, ChangeCounts
from quizgen.store.edits import (
    EDIT_JOIN,
    EDIT_SELECT,
    EDITED_COLUMNS,
    NOT_FLAGGED,
    StoredEdit,
    clear_outdated_mark,
    edits_of_cards,
    keep_edit_over_new_answer,
    with_edit,
)
from quizgen.store.rows import insert_row, insert_rows, update_row

if TYPE_CHECKING:  # sqlite-utils is imported when a database is opened
    from sqlite_utils import Database

CONTENT_COLUMNS = (
    "deck",
    "kind",
    "fact_key",
    "question",
    "answer",
    "accepted",
    "distractors",
    "answer_type",
    "any_of",
    "distractor_pool",
    "date_start",
    "date_end",
    "date_precision",
    "date_qualifier",
    "source_path",
    "source_title",
    "source_section",
    "source_text",
    "extra",
)
"""Columns a build may rewrite; scheduling columns belong to the learner."""

SCHEDULING_RESET = {
    "fsrs_state": None,
    "fsrs_step": None,
    "stability": None,
    "difficulty": None,
    "due": None,
    "last_review": None,
    "reps": 0,
    "lapses": 0,
}
"""A card whose answer changed must be learned again: back to new (its reviews stay)."""


def card_to_row(card: Card, article_id: str) -> dict[str, Any]:
    """The content columns of a card (no scheduling state)."""
    return {
        "id": card.id,
        "deck": card.deck,
        "article_id": article_id,
        "kind": card.kind,
        "fact_key": card.fact_key,
        "question": card.question,
        "answer": card.answer,
        "accepted": json.dumps(list(card.accepted), ensure_ascii=False),
        "distractors": json.dumps(list(card.distractors), ensure_ascii=False),
        "answer_type": card.answer_type,
        "any_of": int(card.any_of),
        "distractor_pool": card.extra.get("pool", ""),
        "date_start": card.date.start.isoformat() if card.date else None,
        "date_end": card.date.end.isoformat() if card.date else None,
        "date_precision": card.date.precision if card.date else None,
        "date_qualifier": card.date.qualifier if card.date else None,
        "source_path": card.source.path,
        "source_title": card.source.title,
        "source_section": card.source.section,
        "source_text": card.source.text,
        "extra": json.dumps(card.extra, ensure_ascii=False, sort_keys=True),
    }


class DamagedCardError(QuizgenError):
    """A card row whose stored fields cannot be read back (a corrupt JSON list, a bad date)."""


def card_from_row(row: dict[str, Any]) -> Card:
    """Rebuild the domain Card from a `cards` row (scheduling columns are ignored).

    A row whose stored fields cannot be read raises DamagedCardError, one line naming
    the card, so a caller can skip that card and go on with the others.
    """
    try:
        return _card_from_row(row)
    except (ValueError, TypeError, KeyError) as error:  # json.JSONDecodeError is a ValueError
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise DamagedCardError(f"card {row.get('id')}: damaged stored field ({reason})") from None


def _card_from_row(row: dict[str, Any]) -> Card:
    card_date = None
    if row.get("date_start"):
        card_date = DateValue(
            start=date.fromisoformat(row["date_start"]),
            end=date.fromisoformat(row["date_end"] or row["date_start"]),
            precision=row["date_precision"] or "day",
            qualifier=row.get("date_qualifier"),
        )
    return Card(
        id=row["id"],
        deck=row["deck"],
        kind=row["kind"],
        question=row["question"],
        answer=row["answer"],
        fact_key=row.get("fact_key") or "",
        source=CardSource(
            path=row.get("source_path") or "",
            title=row.get("source_title") or "",
            section=row.get("source_section") or "",
            text=row.get("source_text") or "",
        ),
        accepted=_json_texts(row, "accepted"),
        distractors=_json_texts(row, "distractors"),
        date=card_date,
        answer_type=row.get("answer_type") or "text",
        any_of=bool(row.get("any_of")),
        extra=_json_mapping(row, "extra"),
    )


def _json_texts(row: dict[str, Any], column: str) -> tuple[str, ...]:
    value = json.loads(row.get(column) or "[]")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{column} is not a list of texts")
    return tuple(value)


def _json_mapping(row: dict[str, Any], column: str) -> dict[str, Any]:
    value = json.loads(row.get(column) or "{}")
    if not isinstance(value, dict):
        raise ValueError(f"{column} is not a mapping")
    return value


def _same_answer(old: dict[str, Any], new: dict[str, Any]) -> bool:
    keys = ("answer", "date_start", "date_end", "date_precision")
    return all((old.get(key) or None) == (new.get(key) or None) for key in keys)


def save_article_cards(
    db: Database, article_id: str, cards: list[Card], now: datetime
) -> ChangeCounts:
    """Write one article's freshly built cards, keeping every learner's state.

    Must run inside the build's transaction. Returns what changed.
    """
    existing = {
        row["id"]: row
        for row in db.query(
            "SELECT * FROM cards WHERE article_id = ? AND coalesce(fact_key, '') NOT LIKE ?",
            [article_id, DECK_CARD_PREFIX + "%"],
        )
    }
    return _save_cards(db, existing, article_id, cards, now)


def save_deck_cards(
    db: Database, deck: str, anchor_article_id: str, cards: list[Card], now: datetime
) -> ChangeCounts:
    """Write a deck's own cards (its timeline across articles), keeping every learner's
    state as `save_article_cards` does; the deck's former ones not made again are retired.

    `anchor_article_id` is the article a new card is filed under (the table wants one).
    """
    existing = {
        row["id"]: row
        for row in db.query(
            "SELECT * FROM cards WHERE deck = ? AND fact_key LIKE ?", [deck, DECK_CARD_PREFIX + "%"]
        )
    }
    return _save_cards(db, existing, anchor_article_id, cards, now)


def deck_event_rows(db: Database, deck: str) -> list[dict[str, Any]]:
    """A deck's active dated cards that name their event in a clause (timeline material),
    in build order."""
    return list(
        db.query(
            "SELECT article_id, fact_key, source_title, date_start, date_end, date_precision,"
            " date_qualifier, json_extract(extra, '$.event') AS event,"
            " json_extract(extra, '$.importance') AS importance,"
            " json_extract(extra, '$.quality') AS quality"
            " FROM cards WHERE status = 'active' AND deck = ? AND kind = 'dated'"
            " AND json_extract(extra, '$.event') IS NOT NULL ORDER BY rowid",
            [deck],
        )
    )


def _save_cards(
    db: Database,
    existing: dict[str, dict[str, Any]],
    article_id: str,
    cards: list[Card],
    now: datetime,
) -> ChangeCounts:
    stamp = format_stamp(now)
    counts = ChangeCounts()
    edits = edits_of_cards(db, list(existing))
    seen: set[str] = set()
    new_rows: list[dict[str, Any]] = []  # inserted together below (see rows.insert_rows)
    for card in cards:
        row = card_to_row(card, article_id)
        seen.add(card.id)
        old = existing.get(card.id)
        if old is None:
            row.update(created_at=stamp, updated_at=stamp, status="active", suspended=0)
            new_rows.append(row)
            counts.added += 1
            continue
        changes: dict[str, Any] = {
            column: row[column] for column in CONTENT_COLUMNS if old.get(column) != row[column]
        }
        # Wrong options are chosen again from the whole corpus after every build, so a
        # difference there alone is not a change the learner would notice.
        noticed = set(changes) - {"distractors"}
        was_retired = old["status"] == "retired"
        if was_retired:
            changes["status"] = "active"
            _record_change(db, card.id, stamp, "restored", old["answer"], row["answer"])
            counts.restored += 1
        edit = edits.get(card.id)
        if edit is not None:
            _keep_edit(db, edit, old, row, counts)
        if not _same_answer(old, row):
            if edit is None:  # an edited card is studied as the learner wrote it: no reset
                changes.update(SCHEDULING_RESET)
                counts.answer_changed += 1
            _record_change(db, card.id, stamp, "answer_changed", old["answer"], row["answer"])
        elif noticed and not was_retired:
            counts.updated += 1
        elif not noticed and not was_retired:
            counts.unchanged += 1
        if changes:
            changes["updated_at"] = stamp
            update_row(db, "cards", ("id", card.id), changes)
    insert_rows(db, "cards", new_rows)
    for card_id, old in existing.items():
        if card_id not in seen and old["status"] != "retired":
            update_row(db, "cards", ("id", card_id), {"status": "retired", "updated_at": stamp})
            _record_change(db, card_id, stamp, "retired", old["answer"], None)
            counts.retired += 1
    return counts


PINNED_COLUMNS = tuple(column for column in EDITED_COLUMNS if column != "question")
"""What an edit keeps from the card as the learner knew it when the article's answer changes
(the options too: the build chooses new ones for the new answer, which may be the old one)."""


def _keep_edit(
    db: Database, edit: StoredEdit, old: dict[str, Any], new: dict[str, Any], counts: ChangeCounts
) -> None:
    """A rebuild meets a card the learner edited: the edit always stays. While the article
    still gives the answer the edit was made against, that is all ("kept your edit"); when
    it gives another, the learner's card is pinned as they knew it (the answer they studied
    stays) and marked with what the article says now, for the browser to show."""
    if new["answer"] == edit.base_answer:
        if edit.outdated:
            clear_outdated_mark(db, edit.card_id)
        counts.kept_edit += 1
        return
    if edit.source_answer == new["answer"]:  # marked already, by an earlier build
        counts.kept_edit += 1
        return
    pinned = {column: old.get(column) for column in PINNED_COLUMNS}
    keep_edit_over_new_answer(db, edit.card_id, pinned, new["answer"])
    counts.edit_outdated += 1


def _record_change(
    db: Database,
    card_id: str,
    stamp: str,
    change: str,
    old_answer: str | None,
    new_answer: str | None,
) -> None:
    insert_row(
        db,
        "card_changes",
        {
            "card_id": card_id,
            "changed_at": stamp,
            "change": change,
            "old_answer": old_answer,
            "new_answer": new_answer,
        },
    )


def active_card_rows(db: Database, deck: str | None = None) -> Iterator[dict[str, Any]]:
    """Active cards' rows (of one deck, or all) in a stable order: deck, article, build order.

    What every export writes: the text the learner sees (their edit laid over the
    generated text); retired cards and cards the learner flagged as bad are left out.
    """
    where = f"c.status = 'active' AND c.{NOT_FLAGGED}"
    params: list[Any] = []
    if deck is not None:
        where += " AND c.deck = ?"
        params.append(deck)
    rows = db.query(
        f"SELECT c.*, {EDIT_SELECT} FROM cards c {EDIT_JOIN} WHERE {where}"
        " ORDER BY c.deck, c.article_id, c.rowid",
        params,
    )
    return (_without_edit_mark(with_edit(row)) for row in rows)


def _without_edit_mark(row: dict[str, Any]) -> dict[str, Any]:
    row.pop("edited", None)
    return row


def active_and_retired_card_rows(db: Database, deck: str | None = None) -> Iterator[dict[str, Any]]:
    """Active and retired cards' rows, in `active_card_rows`'s order.

    The Anki package carries retired cards too (tagged and suspended there), so a
    learner who imports again sees that they are gone instead of studying them on.
    """
    order = "ORDER BY deck, article_id, rowid"
    statuses = "status IN ('active', 'retired')"
    if deck is None:
        return db.query(f"SELECT * FROM cards WHERE {statuses} {order}")
    return db.query(f"SELECT * FROM cards WHERE {statuses} AND deck = ? {order}", [deck])


def option_pool_rows(db: Database) -> Iterator[tuple]:
    """Every active card's answer with what the distractor pools file it under:
    (pool, answer, article id, infobox field, kind, date start, article title)."""
    yield from db.execute(
        "SELECT distractor_pool, answer, article_id, json_extract(extra, '$.field'), kind,"
        " date_start, source_title FROM cards WHERE status = 'active'"
    )


def active_rows_of_articles(db: Database, article_ids: list[str]) -> list[dict[str, Any]]:
    """The active card rows of these articles, in the order they were written."""
    placeholders = ",".join("?" * len(article_ids))
    return list(
        db.query(
            f"SELECT * FROM cards WHERE status = 'active' AND article_id IN ({placeholders})"
            " ORDER BY rowid",
            article_ids,
        )
    )


def set_distractors(db: Database, updates: list[tuple[str, str]]) -> None:
    """Store (distractors JSON, card id) pairs; the caller holds the transaction."""
    db.conn.executemany("UPDATE cards SET distractors = ? WHERE id = ?", updates)
