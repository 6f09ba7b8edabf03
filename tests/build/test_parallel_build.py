"""A build on several worker processes writes exactly what a one-process build writes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.corpus import synthesize

from quizgen.build.pipeline import build_corpus
from quizgen.build.workers import ProcessWorkers
from quizgen.store import open_database

NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
CARD_COLUMNS = "id, deck, kind, question, answer, accepted, distractors, fact_key, status"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    # Short bodies keep the test quick; the mix of kinds, formats and mojibake is the real one.
    synthesize(folder, 40, seed=7, size_range=(1_500, 4_000))
    return folder


def _build(db_path: Path, corpus: Path, jobs: int):
    db = open_database(db_path)
    report = build_corpus(db, [corpus], now=NOW, definitions=[], workers=ProcessWorkers(jobs))
    return db, report


def _cards(db_path: Path) -> list[tuple]:
    with sqlite3.connect(db_path) as connection:
        return connection.execute(f"SELECT {CARD_COLUMNS} FROM cards ORDER BY id").fetchall()


def test_corpus_has_both_formats_and_mojibake(corpus):
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus.iterdir())]
    assert len(texts) == 40
    assert any(text.startswith("---") for text in texts)
    assert any(text.startswith("= ") for text in texts)
    assert any("â€" in text or "Ã" in text for text in texts)


def test_two_jobs_build_the_same_cards_as_one(corpus, tmp_path):
    _, serial = _build(tmp_path / "one.db", corpus, jobs=1)
    _, parallel = _build(tmp_path / "two.db", corpus, jobs=2)
    one, two = _cards(tmp_path / "one.db"), _cards(tmp_path / "two.db")
    assert len(one) > 200  # the corpus really makes cards
    assert sum(1 for card in one if card[6] != "[]") > len(one) // 2  # and distractors
    assert one == two
    assert serial.articles_read == parallel.articles_read == 40
    assert serial.cards_by_kind == parallel.cards_by_kind
    assert serial.rejected == parallel.rejected
    assert [outcome.path for outcome in serial.articles] == [
        outcome.path for outcome in parallel.articles
    ]


def test_parallel_rebuild_skips_every_unchanged_file(corpus, tmp_path):
    db_path = tmp_path / "again.db"
    _, first = _build(db_path, corpus, jobs=2)
    before = _cards(db_path)
    _, second = _build(db_path, corpus, jobs=2)
    assert second.unchanged_files == 40
    assert second.cards_total == first.cards_total
    assert _cards(db_path) == before


def test_parallel_build_reports_unreadable_files_in_order(corpus, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for path in sorted(corpus.iterdir())[:6]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "000002_broken.txt").write_bytes(b"\x00\x01binary")
    (folder / "zz_empty.txt").write_text("", encoding="utf-8")
    _, report = _build(tmp_path / "mixed.db", folder, jobs=2)
    assert [Path(path).name for path, _ in report.skipped] == ["000002_broken.txt", "zz_empty.txt"]
    assert report.articles_read == 6
