"""Shared by the export tests: real decks built from articles, and an .apkg reader.

Decks come from the real pipeline (`build_corpus`) over the bundled seeds or
synthetic format-B articles written to a temporary folder; a second path inserts
hand-made cards straight into the store for text the readers would never produce.
The .apkg is opened as what it is: a zip holding Anki's SQLite collection.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlite_utils import Database

from quizgen.build.pipeline import build_corpus
from quizgen.core.clock import stamp
from quizgen.core.identity import article_id, card_id
from quizgen.core.models import Card, CardSource, DateValue
from quizgen.store import open_database, write_transaction
from quizgen.store.cards import save_article_cards
from support import paths
from support.articles import BACKGROUND

SEEDS = paths.SEEDS
T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)

BATTLE = f"""= Battle of "Quoted, Ridge" =

Infobox
- Conflict: Battle of "Quoted, Ridge"
- Date: 14 March 1802
- Place: Kőszeg, "Upper" Valley
- Result: 3 < 4 & "5 > 2" victory
- Combatant1: Kingdom of Ærø
- Combatant2: Республика Тестов
- Commander1: Jean "Le Loup" Dubois
- Commander2: 李小龍
- Strength1: 4,000
- Strength2: 2,500

The Battle of "Quoted, Ridge" was fought between the Kingdom of Ærø and the Республика Тестов.
{BACKGROUND}

== Background ==
On 2 February 1801, the council of Kőszeg voted to raise an army of 4,000 men.
The fortress of Tor & Sons was completed in 1799 after a long siege.

== Aftermath ==
The treaty of 李 was signed on 9 June 1803 at the "Old Mill", ending the war.
"""

PERSON = f"""= Mirela Vasquez-Ó Briain =

Infobox
- Name: Mirela Vasquez-Ó Briain
- Birth date: 3 April 1931
- Birth place: Cork, Ireland
- Occupation: Chemist, author
- Spouse: Tomás Ó Briain (m. 1958)

Mirela Vasquez-Ó Briain (3 April 1931 – 18 October 2009) was an Irish chemist.
{BACKGROUND}

== Career ==
In September 1962 she joined the laboratory at Ballyvolane.
She published her survey of peat chemistry on 12 May 1971.
"""


def write_article(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def built_database(db_path: Path, *paths: Path, now: datetime = T0) -> Database:
    """A database built by the real pipeline from `paths` (one deck per article)."""
    db = open_database(db_path, create=True)
    build_corpus(db, list(paths), now=now, definitions=[])
    return db


def active_cards(db: Database, deck: str | None = None) -> list[dict]:
    sql = "SELECT * FROM cards WHERE status = 'active'"
    params: list[str] = []
    if deck is not None:
        sql += " AND deck = ?"
        params.append(deck)
    return list(db.query(sql, params))


def insert_cards(db: Database, title: str, deck: str, cards: list[Card]) -> None:
    """Store hand-made cards as a build would, with their article and deck rows."""
    identity = article_id(title)
    with write_transaction(db):
        db["decks"].upsert({"name": deck, "created_at": stamp(T0)}, pk="name")
        db["articles"].upsert(
            {
                "id": identity,
                "title": title,
                "path": f"/synthetic/{identity}.txt",
                "content_hash": "synthetic",
                "format": "synthetic",
                "short_description": "",
                "built_at": stamp(T0),
            },
            pk="id",
        )
        db["deck_articles"].upsert(
            {"deck": deck, "article_id": identity}, pk=("deck", "article_id")
        )
        save_article_cards(db, identity, cards, T0)


def hand_made_card(
    title: str,
    deck: str,
    fact_key: str,
    question: str,
    answer: str,
    *,
    source_text: str = "",
    section: str = "Infobox",
    accepted: tuple[str, ...] = (),
    distractors: tuple[str, ...] = (),
    when: DateValue | None = None,
) -> Card:
    return Card(
        id=card_id(title, fact_key),
        deck=deck,
        kind="dated" if when else "infobox",
        question=question,
        answer=answer,
        fact_key=fact_key,
        source=CardSource(path="/synthetic", title=title, section=section, text=source_text),
        accepted=accepted,
        distractors=distractors,
        date=when,
        answer_type="date" if when else "text",
    )


def unusual_cards(title: str, deck: str) -> list[Card]:
    """Text the readers would clean away but a store may still hold."""
    return [
        hand_made_card(
            title,
            deck,
            "infobox:result",
            'What did the "<b>x</b> & y" clause, signed at Łódź, say?',
            "<b>x</b> & y",
            source_text="Result: <b>x</b> & y\nsecond line, with a comma",
            accepted=("x & y", "<i>x</i>"),
            distractors=("a < b", "Ελλάδα", 'say "hi", then go'),
        ),
        hand_made_card(
            title,
            deck,
            "dated:東京",
            "When was 東京 renamed, according to the 'old' charter?",
            "3 September 1868",
            source_text="東京 was renamed on 3 September 1868,\r\nper the charter.",
            section="History <2>",
            when=DateValue(date(1868, 9, 3), date(1868, 9, 3), "day"),
        ),
    ]


@dataclass(frozen=True)
class AnkiNote:
    guid: str
    model_id: int
    fields: list[str]
    tags: list[str]
    deck_ids: frozenset[int]


@dataclass(frozen=True)
class AnkiPackage:
    """What an .apkg holds, read back with sqlite3 only."""

    notes: list[AnkiNote]
    decks: dict[int, str]
    models: dict[int, dict]

    def by_guid(self) -> dict[str, AnkiNote]:
        return {note.guid: note for note in self.notes}


def read_apkg(path: Path, workdir: Path) -> AnkiPackage:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        collection = next(n for n in ("collection.anki21", "collection.anki2") if n in names)
        archive.extract(collection, workdir)
    connection = sqlite3.connect(workdir / collection)
    try:
        decks_json, models_json = connection.execute("SELECT decks, models FROM col").fetchone()
        decks = {int(key): value["name"] for key, value in json.loads(decks_json).items()}
        models = {int(key): value for key, value in json.loads(models_json).items()}
        card_decks: dict[int, set[int]] = {}
        for note_id, deck_id in connection.execute("SELECT nid, did FROM cards"):
            card_decks.setdefault(note_id, set()).add(deck_id)
        notes = [
            AnkiNote(
                guid=guid,
                model_id=model_id,
                fields=fields.split("\x1f"),
                tags=tags.split(),
                deck_ids=frozenset(card_decks.get(note_id, set())),
            )
            for note_id, guid, model_id, fields, tags in connection.execute(
                "SELECT id, guid, mid, flds, tags FROM notes ORDER BY id"
            )
        ]
    finally:
        connection.close()
    return AnkiPackage(notes=notes, decks=decks, models=models)
