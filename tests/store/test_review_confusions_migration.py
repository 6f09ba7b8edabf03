"""The migration that adds `reviews.confused_with`: a database from before it keeps every
review, gains the column, and running the migration twice changes nothing."""

from __future__ import annotations

from support.study import FACTS, T0, insert_facts

from quizgen import store
from quizgen.store import open_database
from quizgen.store.card_state import SchedulingState
from quizgen.store.reviews import ReviewWrite, confusion_counts, record_review
from quizgen.store.schema import MIGRATIONS, SCHEMA_VERSION, _add_review_confusions

MAYOR = next(fact for fact in FACTS if fact[4] == "Grégory Doucet")


def test_a_database_from_before_confusions_is_migrated_with_its_reviews(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    before_confusions = MIGRATIONS.index(_add_review_confusions)
    with monkeypatch.context() as older:
        older.setattr(store, "MIGRATIONS", MIGRATIONS[:before_confusions])
        older.setattr(store, "SCHEMA_VERSION", before_confusions)
        db = open_database(path)
        assert "confused_with" not in db["reviews"].columns_dict
        (card,) = insert_facts(db, [MAYOR])
        db.execute(
            "INSERT INTO reviews (card_id, reviewed_at, rating, mode, answer_given, verdict,"
            " state_before, state_after) VALUES (?, ?, 1, 'type', 'Bath', 'wrong', '{}', '{}')",
            [card, T0.isoformat()],
        )
        db.conn.close()
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "confused_with" in db["reviews"].columns_dict
    (old,) = db["reviews"].rows
    assert (old["answer_given"], old["confused_with"]) == ("Bath", None)
    assert path.with_name(f"old.db.v{before_confusions}.bak").exists()
    _add_review_confusions(db)  # again: nothing to add, nothing lost
    record_review(
        db,
        ReviewWrite(
            card_id=card, session_id=None, reviewed_at=T0, rating=1, mode="choice",
            answer_given="Bath", verdict="wrong", duration_ms=900,
            before=SchedulingState(), after=SchedulingState(), confused_with="Bath",
        ),
    )  # fmt: skip
    assert [row[:2] for row in confusion_counts(db, card)] == [("Bath", 1)]
    assert db["reviews"].count == 2
