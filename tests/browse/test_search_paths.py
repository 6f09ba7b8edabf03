"""The browser's search reads stages from the stage index (flags matched by rowid),
review figures from the per-card rollup, plain words without the ESCAPE clause, and
counts the matches in two parts (generated text; edited cards matching only through the
learner's text): every search answers exactly what the first way of asking did (flags
matched by id, every review counted, one count), on the bundled seeds and on a generated
collection with edits, flags, suspended and retired cards."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from support.history import add_review, make_large_history
from support.paths import SEEDS

from quizgen.browse import marks
from quizgen.browse.search import ORDERS, search_cards
from quizgen.browse.stages import STAGES
from quizgen.build.pipeline import build_corpus
from quizgen.store import browse as browse_store
from quizgen.store import open_database
from quizgen.store.card_state import PASSING_RATING
from quizgen.store.schema import MIGRATIONS

NOW = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)

FIRST_LIVE = "c.status = 'active' AND c.id NOT IN (SELECT card_id FROM card_flags)"
"""How a live (active, unflagged) card was first asked for."""
FIRST_STAGE_FILTERS = {
    stage: sql.format(live=FIRST_LIVE)
    for stage, sql in {
        "new": "{live} AND c.suspended = 0 AND c.fsrs_state IS NULL",
        "learning": "{live} AND c.suspended = 0 AND c.fsrs_state IN (1, 3)",
        "review": "{live} AND c.suspended = 0 AND c.fsrs_state = 2",
        "suspended": "{live} AND c.suspended != 0",
        "flagged": "c.status = 'active' AND c.id IN (SELECT card_id FROM card_flags)",
        "retired": "c.status = 'retired'",
    }.items()
}
"""Each stage as first asked for."""
FIRST_WORD = (
    "(c.question LIKE ? ESCAPE '\\' OR c.answer LIKE ? ESCAPE '\\'"
    " OR c.source_text LIKE ? ESCAPE '\\' OR c.source_title LIKE ? ESCAPE '\\'"
    " OR c.id IN (SELECT card_id FROM card_edits WHERE question LIKE ? ESCAPE '\\'"
    " OR answer LIKE ? ESCAPE '\\'))"
)
"""A word as first asked for: always with the ESCAPE clause."""


def first_review_figures(db: Any, rows: list[dict[str, Any]]) -> None:
    """The page's figures as first read: every review of the page's cards counted."""
    figures: dict[str, tuple[int, int]] = {}
    ids = [row["id"] for row in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks_sql = ",".join("?" * len(chunk))
        for card_id, reviews, passed in db.execute(
            f"SELECT card_id, COUNT(*), SUM(rating >= {PASSING_RATING}) FROM reviews"
            f" WHERE card_id IN ({marks_sql}) GROUP BY card_id",
            chunk,
        ):
            figures[card_id] = (int(reviews), int(passed or 0))
    for row in rows:
        row["reviews"], row["passed"] = figures.get(row["id"], (0, 0))


def first_count(db: Any, search: Any, where: str, params: list[Any]) -> int:
    """How many match, as first counted: one scan of the cards with the search's clause."""
    return int(db.execute(f"SELECT COUNT(*) FROM cards c WHERE {where}", params).fetchone()[0])


def every_search(db: Any, texts: tuple[str, ...], decks: tuple[str | None, ...]) -> list:
    return [
        (
            (text, deck, stage, order, limit),
            search_cards(db, text, deck=deck, stage=stage, order=order, limit=limit),
        )
        for text in texts
        for deck in decks
        for stage in (None, *STAGES)
        for order in ORDERS
        for limit in (7, 500, None)
    ]


def assert_same_as_first_way(
    db: Any, monkeypatch, texts: tuple[str, ...], decks: tuple[str | None, ...]
) -> list:
    now = every_search(db, texts, decks)
    with monkeypatch.context() as patch:
        patch.setattr(browse_store, "STAGE_FILTERS", FIRST_STAGE_FILTERS)
        patch.setattr(browse_store, "_WORD", FIRST_WORD)
        patch.setattr(browse_store, "_count", first_count)
        patch.setattr(browse_store, "_add_review_figures", first_review_figures)
        db.execute("DROP INDEX cards_stage")  # nor the index the first way never had
        first = every_search(db, texts, decks)
    for (asked, result), (_, expected) in zip(now, first, strict=True):
        assert result == expected, asked
    return now


@pytest.fixture
def seeds_db(tmp_path):
    """The seeds built, then studied, flagged, suspended and edited a little."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    db = open_database(tmp_path / "seeds.db")
    build_corpus(db, [folder], now=NOW, definitions=[])
    ids = [row[0] for row in db.execute("SELECT id FROM cards ORDER BY rowid")]
    for n, card_id in enumerate(ids[:12]):
        for k in range(n % 4 + 1):
            add_review(db, card_id, NOW + timedelta(hours=n, minutes=k), 1 + (n + k) % 4)
    db.execute(
        "UPDATE cards SET fsrs_state = 2, due = ? WHERE id IN (?, ?, ?)",
        ["2024-06-09T09:00:00.000000+00:00", *ids[:3]],
    )
    db.execute("UPDATE cards SET fsrs_state = 1 WHERE id = ?", [ids[4]])
    marks.flag(db, ids[1], "ambiguous", NOW)
    marks.flag(db, ids[5], "typo", NOW)
    marks.suspend(db, ids[2])
    marks.suspend(db, ids[6])
    db.execute("UPDATE cards SET status = 'retired' WHERE id = ?", [ids[7]])
    db.conn.commit()
    return db


def test_seed_searches_answer_as_before(seeds_db, monkeypatch):
    results = assert_same_as_first_way(
        seeds_db, monkeypatch, ("", "expedition", "19", "war of"), (None,)
    )
    totals = {asked[2]: result.total for asked, result in results if asked[0] == ""}
    assert all(totals[stage] > 0 for stage in STAGES)  # every stage has cards to compare
    assert any(card.reviews for _, result in results for card in result.cards)


def test_generated_collection_searches_answer_as_before(tmp_path, monkeypatch):
    db = make_large_history(tmp_path / "large.db", reviews=20_000, cards_per_deck=400)
    ids = [row[0] for row in db.execute("SELECT id FROM cards ORDER BY rowid")]
    db.conn.executemany(
        "INSERT INTO card_flags (card_id, reason, flagged_at) VALUES (?, 'typo', '2024')",
        [(card_id,) for card_id in ids[3::97]],
    )
    db.conn.executemany(
        "UPDATE cards SET suspended = 1 WHERE id = ?", [(card_id,) for card_id in ids[5::61]]
    )
    db.conn.executemany(
        "UPDATE cards SET status = 'retired' WHERE id = ?", [(card_id,) for card_id in ids[9::89]]
    )
    db.conn.executemany(
        "INSERT INTO card_edits (card_id, question, edited_at) VALUES (?, ?, '2024')",
        [
            (card_id, f"My own question {n}: 100% sure_ok \\ 5_0")
            for n, card_id in enumerate(ids[::50])
        ],
    )
    db.conn.commit()
    decks = (None, db.execute("SELECT deck FROM cards LIMIT 1").fetchone()[0])
    results = assert_same_as_first_way(
        db,
        monkeypatch,
        ("", "1", "own question", "answer 1", "100%", "sure_ok", "\\", "%", "_", "5_0"),
        decks,
    )
    totals = {asked[2]: result.total for asked, result in results if asked[:2] == ("", None)}
    assert all(totals[stage] > 0 for stage in STAGES)
    edited = {
        asked[0]: result.total
        for asked, result in results
        if asked[1:] == (None, None, "deck", None) and asked[0] in ("sure_ok", "5_0", "\\")
    }
    assert edited["sure_ok"] == edited["5_0"] == edited["\\"] > 0  # wildcards taken as text


def test_the_stage_index_migration_can_run_twice(tmp_path):
    db = open_database(tmp_path / "m.db")
    migration = next(m for m in MIGRATIONS if m.__name__ == "_add_card_stage_index")
    migration(db)
    assert "cards_stage" in {index.name for index in db["cards"].indexes}
