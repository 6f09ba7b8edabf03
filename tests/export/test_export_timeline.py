"""Timeline cards going out: their own JSONL keys and CSV columns, an Anki package that
holds them, and a deck's timeline across its articles kept by a rebuild."""

from __future__ import annotations

import csv
import json
from datetime import timedelta

import pytest
from support.export import SEEDS, T0, read_apkg
from support.paths import CORPUS

from quizgen.build.pipeline import build_corpus
from quizgen.export.common import export_apkg, export_jsonl
from quizgen.export.csv import CSV_COLUMNS, export_csv
from quizgen.store import open_database

BASE_KEYS = {"id", "deck", "kind", "question", "answer", "accepted", "distractors", "source"}
DECK = "Caucasus 1918–1920"


def _build(db, decks_dir, *paths, now=T0):
    return build_corpus(db, list(paths), now=now, decks_dir=decks_dir)


@pytest.fixture(scope="module")
def decks_dir(tmp_path_factory):
    """The bundled seeds as one deck, as decks/caucasus.yaml.example defines it."""
    folder = tmp_path_factory.mktemp("decks")
    (folder / "caucasus.yaml").write_text(
        f"name: {DECK}\narticles:\n  - {SEEDS}/000_*.txt\n  - Zangezur Expedition\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, decks_dir):
    db = open_database(tmp_path_factory.mktemp("db") / "quiz.db", create=True)
    _build(db, decks_dir, SEEDS)
    return db


def _records(db, tmp_path) -> list[dict]:
    out = tmp_path / "cards.jsonl"
    export_jsonl(db, out=out)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_timeline_lines_carry_items_and_order_and_other_lines_keep_their_keys(seeds_db, tmp_path):
    records = _records(seeds_db, tmp_path)
    timelines = [record for record in records if record["kind"] == "timeline"]
    assert timelines
    for record in records:
        if record["kind"] == "timeline":
            assert set(record) == BASE_KEYS | {"items", "order"}
        elif record["kind"] == "dated":
            assert set(record) == BASE_KEYS | {"date"}
        else:
            assert set(record) == BASE_KEYS
    for record in timelines:
        labels = [item["label"] for item in record["items"]]
        assert labels == list("ABCDE"[: len(labels)])
        assert sorted(record["order"]) == labels
        starts = {item["label"]: item["date"]["start"] for item in record["items"]}
        assert [starts[label] for label in record["order"]] == sorted(starts.values())
        for item in record["items"]:
            assert set(item) == {"label", "text", "date"}
            assert set(item["date"]) == {"start", "end", "precision"}
            assert f"{item['label']}. {item['text']}" in record["question"]
            assert item["date"]["start"][:4] not in record["question"]
        assert record["accepted"] == [] and record["distractors"] == []
        if len(labels) > 2:
            assert record["answer"] == "".join(record["order"])


def _event_articles(db) -> dict[str, str]:
    """Each dated card's event clause -> the title of its article."""
    return {
        row["event"]: row["source_title"]
        for row in db.query(
            "SELECT source_title, json_extract(extra, '$.event') AS event FROM cards"
            " WHERE status = 'active' AND kind = 'dated' AND event IS NOT NULL"
        )
    }


def _deck_wide(records: list[dict]) -> dict:
    (deck_wide,) = [r for r in records if r["question"].startswith("Order these events of")]
    return deck_wide


def test_a_deck_of_several_articles_gets_a_timeline_across_them(seeds_db, tmp_path):
    deck_wide = _deck_wide(_records(seeds_db, tmp_path))
    assert deck_wide["deck"] == DECK and deck_wide["source"]["title"] == DECK
    assert deck_wide["question"].startswith(f"Order these events of the {DECK} deck, earliest")
    assert 3 <= len(deck_wide["items"]) <= 5
    articles = _event_articles(seeds_db)
    assert len({articles[item["text"]] for item in deck_wide["items"]}) == 2


def test_a_rebuild_keeps_every_timeline_card_and_its_id(tmp_path, decks_dir):
    db = open_database(tmp_path / "quiz.db", create=True)
    _build(db, decks_dir, SEEDS)
    first = {r["id"]: r for r in _records(db, tmp_path) if r["kind"] == "timeline"}
    report = build_corpus(db, [SEEDS], now=T0 + timedelta(days=1), decks_dir=decks_dir)
    again = {r["id"]: r for r in _records(db, tmp_path) if r["kind"] == "timeline"}
    assert again == first
    changes = report.changes[DECK]
    assert (changes.added, changes.retired, changes.answer_changed, changes.restored) == (
        0,
        0,
        0,
        0,
    )
    assert report.cards_by_kind["timeline"] == len(first)


def test_without_the_deck_definition_the_deck_timeline_is_retired_not_kept(tmp_path, decks_dir):
    db = open_database(tmp_path / "quiz.db", create=True)
    _build(db, decks_dir, SEEDS)
    deck_ids = {
        r["id"] for r in _records(db, tmp_path) if r["question"].startswith("Order these events")
    }
    empty = tmp_path / "no-decks"
    empty.mkdir()
    build_corpus(db, [SEEDS], now=T0 + timedelta(days=1), decks_dir=empty)
    ids = {r["id"] for r in _records(db, tmp_path)}
    assert deck_ids and not deck_ids & ids
    assert all(r["deck"] != DECK for r in _records(db, tmp_path))


def test_csv_rows_of_timelines_fill_items_dates_and_order(seeds_db, tmp_path):
    out = tmp_path / "cards.csv"
    export_csv(seeds_db, out=out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]  # Anki's header lines
    rows = list(csv.DictReader(lines, fieldnames=CSV_COLUMNS))
    assert CSV_COLUMNS[-4:-1] == ("items", "item_dates", "order")
    records = {r["id"]: r for r in _records(seeds_db, tmp_path)}
    for row in rows:
        record = records[row["id"]]
        if row["kind"] != "timeline":
            assert row["items"] == row["item_dates"] == row["order"] == ""
            continue
        assert row["order"] == "".join(record["order"])
        assert row["items"].split(" | ") == [f"{i['label']}. {i['text']}" for i in record["items"]]
        dates = row["item_dates"].split(" | ")
        assert [d[:4] for d in dates] == [i["date"]["start"][:4] for i in record["items"]]


def test_an_anki_package_of_a_deck_with_timelines_holds_them(seeds_db, tmp_path):
    out = tmp_path / "seeds.apkg"
    count = export_apkg(seeds_db, out=out)
    package = read_apkg(out, tmp_path)
    assert count == len(package.notes)
    timelines = [r for r in _records(seeds_db, tmp_path) if r["kind"] == "timeline"]
    questions = {note.fields[0] for note in package.notes}
    for record in timelines:
        assert any(record["items"][0]["text"] in question for question in questions)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
@pytest.mark.parametrize("fmt", ["a", "b"])
def test_a_corpus_deck_of_four_articles_orders_events_of_at_least_two(tmp_path, fmt):
    folder = tmp_path / "decks"
    folder.mkdir()
    titles = ["Afghanistan", "Albania", "Economy of Angola", "Alaska"]
    (folder / "nations.yaml").write_text(
        "name: Nations\narticles:\n" + "".join(f"  - {t}\n" for t in titles), encoding="utf-8"
    )
    db = open_database(tmp_path / "quiz.db", create=True)
    build_corpus(db, [CORPUS / fmt], now=T0, decks_dir=folder)
    deck_wide = _deck_wide([r for r in _records(db, tmp_path) if r["deck"] == "Nations"])
    assert 3 <= len(deck_wide["items"]) <= 5
    assert deck_wide["source"]["title"] == "Nations"
    articles = _event_articles(db)
    sources = [articles[item["text"]] for item in deck_wide["items"]]
    assert len(set(sources)) >= 2 and set(sources) <= set(titles)
    assert max(sources.count(title) for title in sources) <= 2
