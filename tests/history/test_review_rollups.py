"""The history report reads per-quarter-hour and per-card rollups instead of every review.

The rollups are kept by triggers on `reviews`, so every writer (the study app's
answers, re-ratings and undos, raw inserts) keeps them right, and the migration
fills them from an existing log. Each test compares against the review log read
row by row in Python, the way the report used to read it.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from support.history import T0, add_cards, add_review, add_session, make_large_history

from quizgen.core.clock import StudyClock, read_stamp
from quizgen.history.report import build_report, daily_activity, report_to_json
from quizgen.store import open_database
from quizgen.store.card_state import SchedulingState
from quizgen.store.reviews import ReviewWrite, record_review, rerate_review, undo_review
from quizgen.store.schema import (
    APPLICATION_MARK,
    MIGRATIONS,
    _add_all_decks_review_slots,
    _add_review_rollups,
)


def _log_by_row(db, clock: StudyClock, deck: str | None) -> dict:
    """Per study day (reviews, passed, review-state reviews, of those passed, ms), from
    every review row: the report's figures worked out without the rollups."""
    days: dict = {}
    rows = db.execute(
        "SELECT r.reviewed_at, r.rating, r.state_before, r.duration_ms, c.deck"
        " FROM reviews r JOIN cards c ON c.id = r.card_id"
    ).fetchall()
    for reviewed_at, rating, state_before, duration, card_deck in rows:
        if deck is not None and card_deck != deck:
            continue
        passed = rating is not None and rating >= 2
        was_review = json.loads(state_before).get("fsrs_state") == 2
        bucket = days.setdefault(clock.day_of(read_stamp(reviewed_at)), [0, 0, 0, 0, 0])
        for index, value in enumerate((1, passed, was_review, was_review and passed, duration)):
            bucket[index] += int(value or 0)
    return {day: tuple(values) for day, values in days.items()}


def _rollups_by_row(db) -> tuple[Counter, Counter]:
    """What `review_slots` (deck None: `review_slots_all`, every deck's) and
    `card_review_counts` must hold, summed from the log in Python."""
    slots: Counter = Counter()
    cards: Counter = Counter()
    rows = db.execute(
        "SELECT r.card_id, c.deck, r.reviewed_at, r.rating, r.state_before, r.duration_ms"
        " FROM reviews r JOIN cards c ON c.id = r.card_id"
    ).fetchall()
    for card_id, deck, reviewed_at, rating, state_before, duration in rows:
        moment = read_stamp(reviewed_at)
        slot = moment.replace(minute=moment.minute // 15 * 15).strftime("%Y-%m-%dT%H:%M")
        passed = int(rating is not None and rating >= 2)
        was_review = int(json.loads(state_before).get("fsrs_state") == 2)
        for key, value in (
            ("reviews", 1),
            ("passed", passed),
            ("review_state_reviews", was_review),
            ("review_state_passed", was_review * passed),
            ("duration_ms", duration or 0),
        ):
            slots[(deck, slot, key)] += value
            slots[(None, slot, key)] += value
        cards[(card_id, "reviews")] += 1
        cards[(card_id, "passed")] += passed
    return +slots, +cards


def _stored_rollups(db) -> tuple[Counter, Counter]:
    slots: Counter = Counter()
    keys = ("reviews", "passed", "review_state_reviews", "review_state_passed", "duration_ms")
    for deck, slot, *values in db.execute("SELECT * FROM review_slots"):
        for key, value in zip(keys, values, strict=True):
            slots[(deck, slot, key)] += value
    for slot, *values in db.execute("SELECT * FROM review_slots_all"):
        for key, value in zip(keys, values, strict=True):
            slots[(None, slot, key)] += value
    cards: Counter = Counter()
    for card_id, reviews, passed in db.execute("SELECT * FROM card_review_counts"):
        cards[(card_id, "reviews")] += reviews
        cards[(card_id, "passed")] += passed
    return +slots, +cards


def _answer(db, card_id: str, at: datetime, rating: int, session_id: int | None) -> int:
    """One answer as the study app records it."""
    before = SchedulingState.from_row(db["cards"].get(card_id))
    after = SchedulingState(2, None, 5.0, 5.0, None, None, 1, 0)
    return record_review(
        db,
        ReviewWrite(card_id, session_id, at, rating, "type", "x", "ok", 3000, before, after),
    )


def test_every_kind_of_write_keeps_the_rollups_equal_to_the_log(tmp_path):
    now = T0 + timedelta(days=30)
    db = make_large_history(tmp_path / "h.db", reviews=3000, cards_per_deck=40, days=30, now=now)
    assert _stored_rollups(db) == _rollups_by_row(db)
    rng = random.Random(5)
    cards = [row[0] for row in db.execute("SELECT id FROM cards ORDER BY id")]
    session = add_session(db, "people", T0 + timedelta(days=31))
    written = [
        _answer(
            db, rng.choice(cards), T0 + timedelta(days=31, minutes=n), rng.randint(1, 4), session
        )
        for n in range(40)
    ]
    assert _stored_rollups(db) == _rollups_by_row(db)
    last_of_card: dict[str, int] = {}
    for review_id in written:
        card = db.execute("SELECT card_id FROM reviews WHERE id = ?", [review_id]).fetchone()[0]
        last_of_card[card] = review_id
    finals = sorted(last_of_card.values())
    after = SchedulingState(2, None, 9.0, 4.0, None, None, 2, 1)
    assert all(rerate_review(db, review_id, 1, after) for review_id in finals[:10])
    assert all(undo_review(db, review_id) for review_id in finals[10:20])
    db.execute("DELETE FROM reviews WHERE id IN (SELECT id FROM reviews ORDER BY id LIMIT 100)")
    db.execute(
        "UPDATE reviews SET reviewed_at = ? WHERE id = ?", ["2024-01-05T23:59:00+00:00", 200]
    )
    assert _stored_rollups(db) == _rollups_by_row(db)


def _version_before_rollups(path) -> None:
    """A database as quizgen wrote it before the rollups existed."""
    from sqlite_utils import Database

    version = MIGRATIONS.index(_add_review_rollups)
    connection = sqlite3.connect(path, isolation_level=None)
    db = Database(connection)
    for migration in MIGRATIONS[:version]:
        migration(db)
    db["meta"].upsert({"key": "application", "value": APPLICATION_MARK}, pk="key")
    connection.execute(f"PRAGMA user_version = {version}")
    connection.close()


def test_the_migration_fills_the_rollups_from_an_existing_log(tmp_path):
    path = tmp_path / "old.db"
    _version_before_rollups(path)
    old = sqlite3.connect(path, isolation_level=None)
    assert not old.execute("SELECT name FROM sqlite_master WHERE name = 'review_slots'").fetchall()
    old.close()
    db = open_database(path)
    add_cards(db, "people", 30)
    db.execute("DROP TABLE review_slots")  # as if the log had been written before them
    db.execute("DROP TABLE card_review_counts")
    db.execute("DROP TABLE review_slots_all")
    for (trigger,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    ).fetchall():
        db.execute(f"DROP TRIGGER {trigger}")
    rng = random.Random(2)
    for n in range(500):
        at = T0 + timedelta(days=rng.randrange(20), minutes=rng.randrange(1440))
        add_review(
            db, f"people-{n % 30:06d}", at, rng.randint(1, 4), state_before=rng.choice([None, 1, 2])
        )
    _add_review_rollups(db)
    _add_all_decks_review_slots(db)  # the later migration, filled from the first's sums
    assert _stored_rollups(db) == _rollups_by_row(db)
    assert db.execute("SELECT COUNT(*) FROM review_slots").fetchone()[0] > 0
    assert db.execute("SELECT COUNT(*) FROM review_slots_all").fetchone()[0] > 0


@pytest.mark.parametrize(
    "zone, hour",
    [
        ("UTC", 4),
        ("Asia/Kathmandu", 4),  # +5:45: days start on a quarter hour
        ("Asia/Kolkata", 0),
        ("America/New_York", 4),  # daylight-saving days of 23 and 25 hours
        ("Africa/Monrovia", 4),  # -0:44:30 until 1972: day edges inside a quarter hour
    ],
)
def test_study_days_from_the_rollups_match_the_log_read_row_by_row(tmp_path, zone, hour):
    db = open_database(tmp_path / "z.db")
    add_cards(db, "people", 20)
    add_cards(db, "films", 20)
    start = datetime(1971, 3, 1, tzinfo=UTC) if zone == "Africa/Monrovia" else T0
    rng = random.Random(11)
    for n in range(1500):
        at = start + timedelta(days=rng.randrange(40), seconds=rng.randrange(86400))
        card = f"{rng.choice(['people', 'films'])}-{n % 20:06d}"
        add_review(db, card, at, rng.randint(1, 4), state_before=rng.choice([None, 2]))
    clock = StudyClock(hour, ZoneInfo(zone))
    today = clock.day_of(start + timedelta(days=41))
    for deck in (None, "films"):
        expected = _log_by_row(db, clock, deck)
        found = {
            entry.day: (
                entry.reviews,
                entry.passed,
                entry.review_state_reviews,
                entry.review_state_passed,
                entry.duration_ms,
            )
            for entry in daily_activity(db, clock, today, deck=deck)
        }
        assert found == expected


@pytest.mark.parametrize(
    "zone, hour, cut",
    [
        ("UTC", 4, False),
        ("Asia/Kathmandu", 4, False),
        ("America/New_York", 4, False),
        ("Africa/Monrovia", 4, True),
    ],
)
def test_a_day_that_begins_on_a_quarter_hour_is_summed_without_reading_reviews(
    tmp_path, monkeypatch, zone, hour, cut
):
    """Answers at a day's first instant, just after it and just before it: each on its
    own day, and the quarter hour a day begins with read from the rollup alone unless
    the edge falls inside it."""
    from quizgen.store import stats

    db = open_database(tmp_path / "e.db")
    add_cards(db, "people", 3)
    clock = StudyClock(hour, ZoneInfo(zone))
    start = datetime(1971, 3, 1, tzinfo=UTC) if zone == "Africa/Monrovia" else T0
    first = clock.day_of(start)
    edges = clock.boundaries(first, 12)
    for n, edge in enumerate(edges[1:-1]):
        for offset in (timedelta(0), timedelta(seconds=1), timedelta(seconds=-1)):
            add_review(db, f"people-{n % 3:06d}", edge + offset, 3, state_before=2)
    read_one_by_one = []
    reviews_in_slot = stats.reviews_in_slot
    monkeypatch.setattr(
        stats,
        "reviews_in_slot",
        lambda *args: read_one_by_one.append(args[1]) or reviews_in_slot(*args),
    )
    found = {
        entry.day: entry.reviews for entry in daily_activity(db, clock, clock.day_of(edges[-1]))
    }
    assert found == {day: values[0] for day, values in _log_by_row(db, clock, None).items()}
    assert found[first + timedelta(days=5)] == 3  # its first instant, a second on, its last second
    assert bool(read_one_by_one) == cut


def test_history_json_counts_cards_and_hard_cards_from_the_log(tmp_path):
    now = T0 + timedelta(days=60)
    db = make_large_history(tmp_path / "h.db", reviews=4000, cards_per_deck=30, days=60, now=now)
    data = report_to_json(build_report(db, now, deck="battles"), 30)
    rows = db.execute(
        "SELECT r.card_id, r.rating FROM reviews r JOIN cards c ON c.id = r.card_id"
        " WHERE c.deck = 'battles'"
    ).fetchall()
    assert data["totals"]["cards_studied"] == len({card for card, _ in rows})
    assert data["totals"]["reviews"] == len(rows)
    per_card = Counter(card for card, _ in rows)
    for hard in data["hardest"]:
        assert hard["reviews"] == per_card[hard["card_id"]]
    (battles,) = [d for d in data["decks"] if d["deck"] == "battles"]
    assert battles["reviews"] == len(rows)
    assert battles["accuracy"] == round(sum(r >= 2 for _, r in rows) / len(rows), 4)


def test_all_decks_are_summed_per_quarter_hour_once_not_per_deck(tmp_path):
    """A sitting over many decks writes a row per deck and quarter hour in `review_slots`;
    the all-decks history reads `review_slots_all`, one row per quarter hour."""
    db = open_database(tmp_path / "many.db")
    decks = [f"deck-{number}" for number in range(8)]
    for deck in decks:
        add_cards(db, deck, 5)
    rng = random.Random(3)
    for n in range(800):
        at = T0 + timedelta(days=n // 100, hours=9, seconds=rng.randrange(3600))
        add_review(db, f"{rng.choice(decks)}-{n % 5:06d}", at, rng.randint(1, 4))
    per_deck = db.execute("SELECT COUNT(*) FROM review_slots").fetchone()[0]
    all_decks = db.execute("SELECT COUNT(*) FROM review_slots_all").fetchone()[0]
    assert all_decks == 8 * 4  # eight days of four quarter hours
    assert per_deck > 6 * all_decks
    clock = StudyClock(4, UTC)
    today = clock.day_of(T0 + timedelta(days=9))
    db.execute("UPDATE review_slots SET reviews = reviews * 100")  # the per-deck rows only
    found = {entry.day: entry.reviews for entry in daily_activity(db, clock, today)}
    assert found == {day: sums[0] for day, sums in _log_by_row(db, clock, None).items()}
    one_deck = daily_activity(db, clock, today, deck="deck-0")
    assert sum(entry.reviews for entry in one_deck) > 800  # that deck's rows, as altered
