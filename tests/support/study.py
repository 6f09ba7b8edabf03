"""Decks, articles and cards inserted straight into a fresh database, for study tests.

The content is varied and realistic (people, battles, cities, films) so tests
see what a built corpus looks like; nothing here depends on the card builder.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from quizgen.core.clock import stamp
from quizgen.core.identity import article_id, card_id
from quizgen.store import open_database

T0 = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)

FACTS = [
    # (article title, deck, fact key, question, answer, answer_type, distractors, section, source)
    (
        "Ada Lovelace",
        "people",
        "birth_date",
        "When was Ada Lovelace born?",
        "10 December 1815",
        "date",
        ["27 November 1852", "4 March 1809", "12 June 1820"],
        "Infobox",
        "Born: 10 December 1815, London",
    ),
    (
        "Ada Lovelace",
        "people",
        "death_place",
        "Where did Ada Lovelace die?",
        "Marylebone",
        "name",
        ["Kensington", "Bath", "Richmond"],
        "Infobox",
        "Died: 27 November 1852, Marylebone, London",
    ),
    (
        "Battle of Hastings",
        "history",
        "date",
        "When was the Battle of Hastings fought?",
        "14 October 1066",
        "date",
        ["25 September 1066", "28 September 1066", "1 January 1067"],
        "Infobox",
        "Date: 14 October 1066",
    ),
    (
        "Battle of Hastings",
        "history",
        "event:coronation",
        "When was William crowned king of England?",
        "25 December 1066",
        "date",
        ["14 October 1066", "6 January 1066", "1 March 1067"],
        "Aftermath",
        "William was crowned on Christmas Day 1066 in Westminster Abbey.",
    ),
    (
        "Lyon",
        "places",
        "population",
        "What is the population of Lyon?",
        "522,250",
        "number",
        ["472,317", "861,635", "309,346"],
        "Infobox",
        "Population: 522,250 (2019)",
    ),
    (
        "Lyon",
        "places",
        "mayor",
        "Who is the mayor of Lyon?",
        "Grégory Doucet",
        "name",
        [],
        "Infobox",
        "Mayor: Grégory Doucet",
    ),
    (
        "Metropolis (1927 film)",
        "films",
        "director",
        "Who directed Metropolis (1927)?",
        "Fritz Lang",
        "name",
        ["F. W. Murnau", "G. W. Pabst", "Robert Wiene"],
        "Infobox",
        "Directed by: Fritz Lang",
    ),
    (
        "Metropolis (1927 film)",
        "films",
        "runtime",
        "How long is Metropolis (1927) in minutes?",
        "153",
        "number",
        ["118", "95", "210"],
        "Infobox",
        "Running time: 153 minutes",
    ),
]


def make_database(path: Path, facts: list[tuple] | None = None, *, copies: int = 1) -> Database:
    """A migrated database holding the given facts (FACTS by default) as cards.

    `copies` repeats every fact under a numbered article, for tests that need
    more cards than the list holds.
    """
    db = open_database(path)
    insert_facts(db, facts if facts is not None else FACTS, copies=copies)
    return db


def insert_facts(db: Database, facts: list[tuple], *, copies: int = 1) -> list[str]:
    """Insert decks, articles and cards for `facts`; returns the card ids in insertion order."""
    created = stamp(T0)
    ids = []
    for copy in range(copies):
        for title, deck, key, question, answer, answer_type, distractors, section, text in facts:
            full_title = title if copy == 0 else f"{title} {copy}"
            art_id = article_id(full_title)
            db["decks"].insert({"name": deck, "created_at": created}, pk="name", ignore=True)
            db["articles"].insert(
                {
                    "id": art_id,
                    "title": full_title,
                    "path": f"seeds/{art_id}.txt",
                    "content_hash": art_id,
                    "format": "B",
                    "short_description": "",
                    "built_at": created,
                },
                pk="id",
                ignore=True,
            )
            db["deck_articles"].insert(
                {"deck": deck, "article_id": art_id}, pk=("deck", "article_id"), ignore=True
            )
            new_id = card_id(full_title, key)
            db["cards"].insert(
                {
                    "id": new_id,
                    "deck": deck,
                    "article_id": art_id,
                    "kind": "infobox" if section == "Infobox" else "dated",
                    "fact_key": key,
                    "question": question,
                    "answer": answer,
                    "accepted": json.dumps([]),
                    "distractors": json.dumps(distractors),
                    "answer_type": answer_type,
                    "any_of": 0,
                    "source_path": f"seeds/{art_id}.txt",
                    "source_title": full_title,
                    "source_section": section,
                    "source_text": text,
                    "extra": "{}",
                    "status": "active",
                    "suspended": 0,
                    "created_at": created,
                    "updated_at": created,
                }
            )
            ids.append(new_id)
    return ids


def card_row(db: Database, card_id_: str) -> dict:
    return db["cards"].get(card_id_)


def review_rows(db: Database) -> list[dict]:
    return list(db["reviews"].rows_where(order_by="id"))
