"""Synthetic review histories for the history and optimize tests.

Cards and reviews are inserted straight into a fresh database (no card builder,
no study app), so each test states exactly which reviews exist and can work out
the expected figures by hand. `simulate_learner` plays a learner whose memory
follows FSRS under known "true" parameters, for the optimizer tests.
"""

from __future__ import annotations

import heapq
import json
import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from quizgen.core.clock import stamp
from quizgen.store import open_database

T0 = datetime(2024, 1, 1, tzinfo=UTC)

DECK_TOPICS = {
    "people": ["When was {} born?", "Where did {} die?", "What was {}'s profession?"],
    "battles": ["When was the {} fought?", "Who won the {}?", "Where was the {} fought?"],
    "cities": ["What is the population of {}?", "Which river flows through {}?"],
    "films": ["Who directed {}?", "In which year was {} released?"],
}
SUBJECTS = [
    "Ada Lovelace",
    "Battle of Hastings",
    "Lyon",
    "Metropolis",
    "Marie Curie",
    "Battle of Lepanto",
    "Kyoto",
    "Rashomon",
]


def new_database(path: Path) -> Database:
    return open_database(path)


def add_cards(db: Database, deck: str, count: int, *, start: int = 0) -> list[str]:
    """`count` active, never-studied cards in `deck`; returns their ids."""
    db["decks"].insert({"name": deck, "created_at": stamp(T0)}, pk="name", ignore=True)
    article = f"art-{deck}"
    db["articles"].insert(
        {"id": article, "title": deck.title(), "path": f"seeds/{deck}.txt", "format": "B"},
        pk="id",
        ignore=True,
    )
    templates = DECK_TOPICS.get(deck, ["What is {}?"])
    rows = []
    for n in range(start, start + count):
        subject = SUBJECTS[n % len(SUBJECTS)]
        rows.append(
            {
                "id": f"{deck}-{n:06d}",
                "deck": deck,
                "article_id": article,
                "kind": "infobox",
                "fact_key": f"k{n}",
                "question": templates[n % len(templates)].format(f"{subject} {n}"),
                "answer": f"answer {n}",
                "status": "active",
                "suspended": 0,
                "reps": 0,
                "lapses": 0,
            }
        )
    db["cards"].insert_all(rows, batch_size=1000)
    return [row["id"] for row in rows]


def set_card_state(
    db: Database,
    card_id: str,
    *,
    fsrs_state: int | None,
    stability: float | None = None,
    due: datetime | None = None,
    lapses: int = 0,
    suspended: int = 0,
) -> None:
    db.execute(
        "UPDATE cards SET fsrs_state = ?, stability = ?, difficulty = ?, due = ?, lapses = ?,"
        " suspended = ? WHERE id = ?",
        [
            fsrs_state,
            stability,
            5.0 if fsrs_state is not None else None,
            stamp(due) if due else None,
            lapses,
            suspended,
            card_id,
        ],
    )


def state_json(fsrs_state: int | None, stability: float | None = None) -> str:
    return json.dumps(
        {
            "difficulty": None if fsrs_state is None else 5.0,
            "due": None,
            "fsrs_state": fsrs_state,
            "fsrs_step": None,
            "last_review": None,
            "lapses": 0,
            "reps": 0,
            "stability": stability,
        },
        sort_keys=True,
    )


def add_session(db: Database, deck: str | None, started: datetime, mode: str = "type") -> int:
    cursor = db.execute(
        "INSERT INTO sessions (deck, mode, started_at, ended_at) VALUES (?, ?, ?, ?)",
        [deck, mode, stamp(started), stamp(started + timedelta(minutes=10))],
    )
    return int(cursor.lastrowid)


def add_review(
    db: Database,
    card_id: str,
    at: datetime,
    rating: int,
    *,
    state_before: int | None = 2,
    session_id: int | None = None,
    duration_ms: int = 4000,
    confused_with: str | None = None,
) -> None:
    db.execute(
        "INSERT INTO reviews (card_id, session_id, reviewed_at, rating, mode, answer_given,"
        " verdict, duration_ms, state_before, state_after, confused_with)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            card_id,
            session_id,
            stamp(at),
            rating,
            "type",
            "x",
            "correct" if rating >= 3 else "wrong",
            duration_ms,
            state_json(state_before, 3.0 if state_before is not None else None),
            state_json(2, 5.0),
            confused_with,
        ],
    )


def make_large_history(
    path: Path,
    *,
    reviews: int = 100_000,
    cards_per_deck: int = 1500,
    days: int = 400,
    now: datetime = T0 + timedelta(days=400),
    seed: int = 7,
    decks: Sequence[str] = tuple(DECK_TOPICS),
    sitting_seconds: int = 3000,
) -> Database:
    """A database with `decks` (the four topics) and `reviews` reviews spread over `days`
    days before `now`, in one sitting a day (of `sitting_seconds`: 86,400 spreads each
    day's reviews over the whole day) that mixes every deck's cards.

    Written with executemany for speed; card states are varied so every stage,
    the forecast and the hardest-card list have something to show.
    """
    rng = random.Random(seed)
    db = new_database(path)
    db.execute("BEGIN")
    card_ids: list[str] = []
    for deck in decks:
        card_ids += add_cards(db, deck, cards_per_deck)
    card_rows = []
    for card in card_ids:
        roll = rng.random()
        if roll < 0.2:
            card_rows.append((None, None, None, 0, card))
        else:
            state = 1 if roll < 0.3 else 2
            stability = rng.uniform(0.5, 90)
            due = now + timedelta(days=rng.uniform(-3, 45))
            card_rows.append((state, stability, stamp(due), rng.randint(0, 6), card))
    db.conn.executemany(
        "UPDATE cards SET fsrs_state = ?, stability = ?, due = ?, lapses = ? WHERE id = ?",
        card_rows,
    )
    session_starts = {}
    session_rows = []
    for day in range(days):
        started = now - timedelta(days=days - day) + timedelta(hours=rng.randint(6, 20))
        session_starts[day] = started
        session_rows.append((rng.choice(list(decks)), "type", stamp(started), None))
    db.conn.executemany(
        "INSERT INTO sessions (deck, mode, started_at, ended_at) VALUES (?, ?, ?, ?)",
        session_rows,
    )
    review_before = state_json(2, 10.0)
    learning_before = state_json(None)
    review_rows = []
    for _ in range(reviews):
        day = rng.randrange(days)
        at = session_starts[day] + timedelta(seconds=rng.randint(0, sitting_seconds))
        rating = rng.choices([1, 2, 3, 4], weights=[15, 10, 65, 10])[0]
        review_rows.append(
            (
                rng.choice(card_ids),
                day + 1,
                stamp(at),
                rating,
                "type",
                rng.randint(1500, 20000),
                review_before if rng.random() < 0.7 else learning_before,
                review_before,
            )
        )
    review_rows.sort(key=lambda row: row[2])  # the log is written in time order
    db.conn.executemany(
        "INSERT INTO reviews (card_id, session_id, reviewed_at, rating, mode, duration_ms,"
        " state_before, state_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        review_rows,
    )
    db.execute("COMMIT")
    return db


TRUE_PARAMETERS = (
    # a learner who remembers much longer than the average: large first stabilities,
    # a slow-rising stability after success and a flatter forgetting curve
    1.2,
    3.5,
    7.0,
    25.0,
    6.0,
    0.6,
    2.0,
    0.01,
    2.3,
    0.1,
    1.0,
    1.2,
    0.05,
    0.3,
    1.5,
    0.5,
    2.0,
    0.6,
    0.1,
    0.05,
    0.35,
)


def simulate_learner(
    db: Database,
    card_ids: list[str],
    *,
    true_parameters: tuple[float, ...] = TRUE_PARAMETERS,
    start: datetime = T0,
    days: int = 120,
    new_per_day: int = 10,
    max_reviews: int | None = None,
    seed: int = 3,
) -> int:
    """Study `card_ids` day by day, scheduled by fsrs's defaults, recalled by the "truth".

    Every day at 09:00 UTC the learner meets `new_per_day` new cards and every
    card that is due, learning steps included. Whether a card is recalled is
    drawn with the probability R that FSRS gives under `true_parameters`, so a
    fit should find parameters close to those and predict better than the
    defaults. Returns the number of reviews written.
    """
    from fsrs import Card, Rating, Scheduler

    rng = random.Random(seed)
    app = Scheduler(enable_fuzzing=False)
    truth = Scheduler(parameters=true_parameters, enable_fuzzing=False)
    app_cards: dict[str, Card] = {}
    true_cards: dict[str, Card] = {}
    waiting = list(card_ids)
    rows = []
    queue: list[tuple[datetime, int, str]] = []  # (due, tie-break, card): a heap
    for day in range(days):
        moment = start + timedelta(days=day, hours=9)
        end_of_day = start + timedelta(days=day, hours=23)
        for card in waiting[:new_per_day]:
            app_cards[card] = Card(card_id=len(app_cards) + 1, due=moment)
            true_cards[card] = Card(card_id=len(true_cards) + 1, due=moment)
            heapq.heappush(queue, (moment, len(app_cards), card))
        waiting = waiting[new_per_day:]
        while queue and queue[0][0] <= end_of_day:
            due_at, _, card = heapq.heappop(queue)
            moment = max(moment, due_at) + timedelta(seconds=20)
            if moment > end_of_day:
                heapq.heappush(queue, (due_at, 0, card))
                break
            first = app_cards[card].last_review is None
            if first:
                rating = rng.choices(
                    [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy], weights=[25, 10, 55, 10]
                )[0]
            else:
                recall = truth.get_card_retrievability(true_cards[card], moment)
                if rng.random() < recall:
                    rating = rng.choices(
                        [Rating.Hard, Rating.Good, Rating.Easy], weights=[10, 80, 10]
                    )[0]
                else:
                    rating = Rating.Again
            before = None if first else int(app_cards[card].state)
            app_cards[card], _ = app.review_card(app_cards[card], rating, moment)
            true_cards[card], _ = truth.review_card(true_cards[card], rating, moment)
            rows.append(
                (
                    card,
                    stamp(moment),
                    int(rating),
                    "flip",
                    6000,
                    state_json(before),
                    state_json(int(app_cards[card].state), app_cards[card].stability),
                )
            )
            heapq.heappush(queue, (app_cards[card].due, len(rows), card))
            if max_reviews is not None and len(rows) >= max_reviews:
                break
        if max_reviews is not None and len(rows) >= max_reviews:
            break
    db.execute("BEGIN")
    db.conn.executemany(
        "INSERT INTO reviews (card_id, reviewed_at, rating, mode, duration_ms, state_before,"
        " state_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    db.execute("COMMIT")
    return len(rows)
