"""The database schema and its migrations.

Migrations only ever append: migration N turns a version N-1 database into
version N. `PRAGMA user_version` holds the version and the `meta` table marks the
file as a quizgen database, so a foreign SQLite file or one written by a newer
quizgen is refused instead of being altered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite-utils is imported when a database is opened
    from sqlite_utils import Database


APPLICATION_MARK = "quizgen"


V1_STATEMENTS = (
    """CREATE TABLE "meta" (
   "key" TEXT PRIMARY KEY,
   "value" TEXT
)""",
    """CREATE TABLE "settings" (
   "key" TEXT PRIMARY KEY,
   "value" TEXT
)""",
    """CREATE TABLE "articles" (
   "id" TEXT PRIMARY KEY,
   "title" TEXT,
   "path" TEXT,
   "content_hash" TEXT,
   "format" TEXT,
   "short_description" TEXT,
   "built_at" TEXT
)""",
    """CREATE TABLE "decks" (
   "name" TEXT PRIMARY KEY,
   "created_at" TEXT
)""",
    """CREATE TABLE "deck_articles" (
   "deck" TEXT REFERENCES "decks"("name"),
   "article_id" TEXT REFERENCES "articles"("id"),
   PRIMARY KEY ("deck", "article_id")
)""",
    # accepted, distractors: JSON lists; extra: a JSON object; status: active | retired;
    # the FSRS scheduling state from fsrs_state on (fsrs_state NULL: never studied)
    """CREATE TABLE "cards" (
   "id" TEXT PRIMARY KEY,
   "deck" TEXT NOT NULL REFERENCES "decks"("name"),
   "article_id" TEXT NOT NULL REFERENCES "articles"("id"),
   "kind" TEXT NOT NULL,
   "fact_key" TEXT,
   "question" TEXT NOT NULL,
   "answer" TEXT NOT NULL,
   "accepted" TEXT,
   "distractors" TEXT,
   "answer_type" TEXT,
   "any_of" INTEGER DEFAULT 0,
   "distractor_pool" TEXT,
   "date_start" TEXT,
   "date_end" TEXT,
   "date_precision" TEXT,
   "date_qualifier" TEXT,
   "source_path" TEXT,
   "source_title" TEXT,
   "source_section" TEXT,
   "source_text" TEXT,
   "extra" TEXT,
   "status" TEXT NOT NULL DEFAULT 'active',
   "suspended" INTEGER DEFAULT 0,
   "created_at" TEXT,
   "updated_at" TEXT,
   "fsrs_state" INTEGER,
   "fsrs_step" INTEGER,
   "stability" REAL,
   "difficulty" REAL,
   "due" TEXT,
   "last_review" TEXT,
   "reps" INTEGER DEFAULT 0,
   "lapses" INTEGER DEFAULT 0
)""",
    """CREATE INDEX "cards_queue"
    ON "cards" ("deck", "status", "suspended", "due")""",
    """CREATE INDEX "cards_article"
    ON "cards" ("article_id")""",
    """CREATE TABLE "sessions" (
   "id" INTEGER PRIMARY KEY,
   "deck" TEXT,
   "mode" TEXT,
   "started_at" TEXT,
   "ended_at" TEXT
)""",
    # state_before, state_after: JSON, the card's scheduling columns before and after
    """CREATE TABLE "reviews" (
   "id" INTEGER PRIMARY KEY,
   "card_id" TEXT REFERENCES "cards"("id"),
   "session_id" INTEGER REFERENCES "sessions"("id"),
   "reviewed_at" TEXT,
   "rating" INTEGER,
   "mode" TEXT,
   "answer_given" TEXT,
   "verdict" TEXT,
   "duration_ms" INTEGER,
   "state_before" TEXT,
   "state_after" TEXT
)""",
    """CREATE INDEX "reviews_card"
    ON "reviews" ("card_id", "reviewed_at")""",
    """CREATE INDEX "reviews_time"
    ON "reviews" ("reviewed_at")""",
    # change: answer_changed | retired | restored
    """CREATE TABLE "card_changes" (
   "id" INTEGER PRIMARY KEY,
   "card_id" TEXT REFERENCES "cards"("id"),
   "changed_at" TEXT,
   "change" TEXT,
   "old_answer" TEXT,
   "new_answer" TEXT
)""",
    """CREATE INDEX "card_changes_card"
    ON "card_changes" ("card_id")""",
)
"""Version 1's tables, in the very words sqlite-utils' `create` wrote them in (its
quoting and layout): every database has them alike, however old, and creating them
needs no sqlite-utils (~0.1 s to import, in a build's start)."""


def _create_v1(db: Database) -> None:
    for statement in V1_STATEMENTS:
        db.execute(statement)


def _table_exists(db: Database, name: str) -> bool:
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name])
    return found.fetchone() is not None


def _add_review_confusions(db: Database) -> None:
    """reviews.confused_with: what a wrong answer landed on (the option picked, or the
    distractor a typed answer names), so a card can say "you chose X twice before" and the
    history can list the answers a learner mixes up. Added only if missing."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(reviews)")}
    if "confused_with" not in columns:
        db.execute("ALTER TABLE reviews ADD COLUMN confused_with TEXT")
    db.execute(
        "CREATE INDEX IF NOT EXISTS reviews_confused ON reviews (card_id, confused_with)"
        " WHERE confused_with IS NOT NULL"
    )


def _add_card_edits_and_flags(db: Database) -> None:
    """A learner's own text for a card, the cards a learner flagged as bad, and the card
    browser's text index (`card_search`) and lapses index.

    Both live beside the generated card, never in its columns: a rebuild rewrites
    what the article says and leaves what the learner wrote alone. An edit's columns
    are NULL where the learner kept the generated text; `base_answer` is the article's
    answer the edit was made against, and `source_answer` the article's answer now
    when a rebuild found it different (the card is then marked for review).
    """
    if not _table_exists(db, "card_edits"):
        # accepted and distractors: JSON lists, as in cards
        db.execute(
            """CREATE TABLE "card_edits" (
   "card_id" TEXT PRIMARY KEY REFERENCES "cards"("id"),
   "question" TEXT,
   "answer" TEXT,
   "accepted" TEXT,
   "distractors" TEXT,
   "date_start" TEXT,
   "date_end" TEXT,
   "date_precision" TEXT,
   "base_answer" TEXT,
   "source_answer" TEXT,
   "edited_at" TEXT
)"""
        )
    # the browser's "most lapses first" walks this index, stopping at a page
    db.execute("CREATE INDEX IF NOT EXISTS cards_lapses ON cards (lapses DESC)")
    _add_card_search_index(db)
    if not _table_exists(db, "card_flags"):
        db.execute(
            """CREATE TABLE "card_flags" (
   "card_id" TEXT PRIMARY KEY REFERENCES "cards"("id"),
   "reason" TEXT NOT NULL,
   "flagged_at" TEXT
)"""
        )


CARD_SEARCH_TABLE = "card_search"
"""Full-text index (trigram: any substring of 3+ characters, case aside) of every card's
generated question, answer, source sentence and article title, rowid = the card's rowid.
Kept in step with `cards` by triggers, so no writer has to know about it."""


def _card_search_text(row: str) -> str:
    return (
        f"{row}.question || ' ' || {row}.answer || ' ' || COALESCE({row}.source_text, '')"
        f" || ' ' || COALESCE({row}.source_title, '')"
    )


def _add_card_search_index(db: Database) -> None:
    """The card browser's text index and the triggers that keep it (part of the edits and
    flags migration); filled from the cards already there."""
    if _table_exists(db, CARD_SEARCH_TABLE):
        return
    new, old = _card_search_text("new"), _card_search_text("old")
    db.execute(
        f"CREATE VIRTUAL TABLE {CARD_SEARCH_TABLE} USING fts5(text, content='', tokenize='trigram')"
    )
    db.execute(
        f"INSERT INTO {CARD_SEARCH_TABLE} (rowid, text)"
        f" SELECT rowid, {_card_search_text('cards')} FROM cards"
    )
    remove = (
        f"INSERT INTO {CARD_SEARCH_TABLE} ({CARD_SEARCH_TABLE}, rowid, text)"
        f" VALUES ('delete', old.rowid, {old});"
    )
    add = f"INSERT INTO {CARD_SEARCH_TABLE} (rowid, text) VALUES (new.rowid, {new});"
    db.execute(
        f"CREATE TRIGGER IF NOT EXISTS cards_search_insert AFTER INSERT ON cards BEGIN {add} END"
    )
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS cards_search_update AFTER UPDATE OF"
        f" question, answer, source_text, source_title ON cards BEGIN {remove} {add} END"
    )
    db.execute(
        f"CREATE TRIGGER IF NOT EXISTS cards_search_delete AFTER DELETE ON cards BEGIN {remove} END"
    )


PASSING_RATING_SQL = 2
"""Hard or better passes (quizgen.store.card_state.PASSING_RATING; literal here so the
triggers' SQL stays fixed once written)."""
REVIEW_STATE_SQL = 2
"""fsrs's review state (quizgen.store.card_state.REVIEW)."""


def review_slot_sql(column: str) -> str:
    """SQL for the UTC quarter hour a stored stamp falls in, as `YYYY-MM-DDTHH:MM`.

    Every time zone in use today starts its days on a quarter hour, so a study day
    is a whole number of these slots; a day edge inside a slot (a historical zone)
    is read from the reviews themselves.
    """
    return (
        f"substr({column}, 1, 14) ||"
        f" printf('%02d', CAST(substr({column}, 15, 2) AS INTEGER) / 15 * 15)"
    )


def _review_terms_sql(row: str) -> tuple[str, str, str, str]:
    """SQL for what one review (`row`: NEW, OLD or an alias) adds to the rollups: its
    quarter hour, passed (0/1), in the review state before (0/1), milliseconds."""
    slot = review_slot_sql(f"{row}.reviewed_at")
    passed = f"IFNULL({row}.rating >= {PASSING_RATING_SQL}, 0)"
    was_review = (
        f"IFNULL(CASE WHEN json_valid({row}.state_before) THEN"
        f" json_extract({row}.state_before, '$.fsrs_state') = {REVIEW_STATE_SQL} END, 0)"
    )
    return slot, passed, was_review, f"COALESCE({row}.duration_ms, 0)"


def _create_review_triggers(
    db: Database, prefix: str, rollup_sql: Callable[[str, str], list[str]], update_of: str
) -> None:
    """Triggers `<prefix>_insert`, `_delete` and `_update` (of the `update_of` columns) on
    `reviews`, keeping a rollup by `rollup_sql(row, sign)` in the writer's transaction."""
    for event, row_sql in (
        ("INSERT", rollup_sql("NEW", "+")),
        ("DELETE", rollup_sql("OLD", "-")),
        (f"UPDATE OF {update_of}", rollup_sql("OLD", "-") + rollup_sql("NEW", "+")),
    ):
        name = f"{prefix}_{event.split()[0].lower()}"
        body = "; ".join(row_sql)
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON reviews BEGIN {body}; END"
        )


def _review_rollup_sql(row: str, sign: str) -> list[str]:
    """Statements adding (`+`) or taking back (`-`) review `row` (NEW / OLD) in the rollups."""
    deck = f"IFNULL((SELECT deck FROM cards WHERE id = {row}.card_id), '')"
    slot, passed, was_review, duration = _review_terms_sql(row)
    if sign == "+":
        return [
            "INSERT INTO review_slots (deck, slot, reviews, passed, review_state_reviews,"
            " review_state_passed, duration_ms)"
            f" VALUES ({deck}, {slot}, 1, {passed}, {was_review}, {was_review} AND {passed},"
            f" {duration})"
            " ON CONFLICT (deck, slot) DO UPDATE SET reviews = reviews + 1,"
            " passed = passed + excluded.passed,"
            " review_state_reviews = review_state_reviews + excluded.review_state_reviews,"
            " review_state_passed = review_state_passed + excluded.review_state_passed,"
            " duration_ms = duration_ms + excluded.duration_ms",
            f"INSERT INTO card_review_counts (card_id, reviews, passed)"
            f" VALUES (IFNULL({row}.card_id, ''), 1, {passed})"
            " ON CONFLICT (card_id) DO UPDATE SET reviews = reviews + 1,"
            " passed = passed + excluded.passed",
        ]
    return [
        f"UPDATE review_slots SET reviews = reviews - 1, passed = passed - {passed},"
        f" review_state_reviews = review_state_reviews - {was_review},"
        f" review_state_passed = review_state_passed - ({was_review} AND {passed}),"
        f" duration_ms = duration_ms - {duration} WHERE deck = {deck} AND slot = {slot}",
        f"DELETE FROM review_slots WHERE deck = {deck} AND slot = {slot} AND reviews <= 0",
        f"UPDATE card_review_counts SET reviews = reviews - 1, passed = passed - {passed}"
        f" WHERE card_id = IFNULL({row}.card_id, '')",
        f"DELETE FROM card_review_counts WHERE card_id = IFNULL({row}.card_id, '')"
        " AND reviews <= 0",
    ]


def _add_review_rollups(db: Database) -> None:
    """Per-deck quarter-hour and per-card review counts, kept by triggers; session index.

    The history report read every review row (and its JSON state) to count days,
    decks and hard cards: seconds at a million reviews. These two small tables hold
    exactly the sums it needs, written by triggers in the transaction of every
    insert, update or delete on `reviews` (any writer, the same answer's
    transaction), and are filled here once from the existing log. `reviews_session`
    covers the past-sessions counts (read from the index alone).
    """
    db.execute(
        "CREATE TABLE IF NOT EXISTS review_slots (deck TEXT NOT NULL, slot TEXT NOT NULL,"
        " reviews INTEGER NOT NULL, passed INTEGER NOT NULL,"
        " review_state_reviews INTEGER NOT NULL, review_state_passed INTEGER NOT NULL,"
        " duration_ms INTEGER NOT NULL, PRIMARY KEY (deck, slot)) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS card_review_counts (card_id TEXT PRIMARY KEY,"
        " reviews INTEGER NOT NULL, passed INTEGER NOT NULL) WITHOUT ROWID"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS reviews_session"
        " ON reviews (session_id, card_id, rating, duration_ms, reviewed_at)"
    )
    _create_review_triggers(
        db,
        "reviews_rollup",
        _review_rollup_sql,
        "card_id, reviewed_at, rating, state_before, duration_ms",
    )
    db.execute("DELETE FROM review_slots")
    db.execute("DELETE FROM card_review_counts")
    slot, passed, was_review, duration = _review_terms_sql("r")
    db.execute(
        "INSERT INTO review_slots SELECT IFNULL(c.deck, ''),"
        f" {slot} AS slot, COUNT(*), SUM({passed}),"
        f" SUM({was_review}), SUM({was_review} AND {passed}), SUM({duration})"
        " FROM reviews r LEFT JOIN cards c ON c.id = r.card_id GROUP BY 1, 2"
    )
    db.execute(
        "INSERT INTO card_review_counts SELECT IFNULL(r.card_id, ''), COUNT(*),"
        f" SUM({passed}) FROM reviews r GROUP BY 1"
    )


def _add_review_accuracy_index(db: Database) -> None:
    """The card browser's order by accuracy walks this index of the per-card review counts
    instead of sorting every card (a page of 100,000 cards in milliseconds)."""
    db.execute(
        "CREATE INDEX IF NOT EXISTS card_review_accuracy"
        " ON card_review_counts (CAST(passed AS REAL) / reviews, reviews DESC)"
    )


def _add_card_stage_index(db: Database) -> None:
    """The card browser's stage filters (new, learning, review) read this index alone: how
    many cards are in a stage is counted from it, and a page of one stage is walked in
    deck then build order (the rowid closes every index entry) without sorting the stage.

    Partial, over the active unsuspended cards as the browser alone asks for them (`IS`,
    not the `=` of the study queue and of every listing): no other query picks it over
    the indexes it was planned with (the study queue's own, the orders' own)."""
    db.execute(
        "CREATE INDEX IF NOT EXISTS cards_stage ON cards (fsrs_state, deck)"
        " WHERE status IS 'active' AND suspended IS 0"
    )


def _add_shadowed_files(db: Database) -> None:
    """The files a build skipped as a title's second file (a folder holding each article
    in both formats), with the hash of their bytes and the article they repeat: a rebuild
    then knows an unchanged second file's title without reading it."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS shadowed_files (path TEXT PRIMARY KEY,"
        " file_hash TEXT NOT NULL, article_id TEXT NOT NULL)"
    )


def _add_unreadable_files(db: Database) -> None:
    """The files a build could not read for what their bytes hold (not an article, bad
    encoding), with the hash of those bytes and the reason: a rebuild says the reason
    again without reading them, until the bytes (or quizgen) change."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS unreadable_files (path TEXT PRIMARY KEY,"
        " file_hash TEXT NOT NULL, reason TEXT NOT NULL)"
    )


ALL_DECKS_SLOT_COLUMNS = (
    "reviews",
    "passed",
    "review_state_reviews",
    "review_state_passed",
    "duration_ms",
)
"""The sums `review_slots_all` keeps per quarter hour, as `review_slots` keeps them per deck."""


def _all_decks_rollup_sql(row: str, sign: str) -> list[str]:
    """Statements adding (`+`) or taking back (`-`) review `row` in `review_slots_all`."""
    slot, passed, was_review, duration = _review_terms_sql(row)
    values = (1, passed, was_review, f"{was_review} AND {passed}", duration)
    if sign == "+":
        columns = ", ".join(ALL_DECKS_SLOT_COLUMNS)
        added = ", ".join(f"{name} = {name} + excluded.{name}" for name in ALL_DECKS_SLOT_COLUMNS)
        return [
            f"INSERT INTO review_slots_all (slot, {columns})"
            f" VALUES ({slot}, {', '.join(str(value) for value in values)})"
            f" ON CONFLICT (slot) DO UPDATE SET {added}"
        ]
    taken = ", ".join(
        f"{name} = {name} - ({value})"
        for name, value in zip(ALL_DECKS_SLOT_COLUMNS, values, strict=True)
    )
    return [
        f"UPDATE review_slots_all SET {taken} WHERE slot = {slot}",
        f"DELETE FROM review_slots_all WHERE slot = {slot} AND reviews <= 0",
    ]


def _add_all_decks_review_slots(db: Database) -> None:
    """Every deck's reviews per quarter hour in one row, kept by triggers beside `review_slots`.

    The history of all decks summed `review_slots` over its decks: a learner who studies
    forty decks in one sitting writes forty rows a quarter hour, and a million reviews
    spread over a year filled 700,000 of them, 0.7 s to add up at every look at the
    history. This table holds one row per quarter hour studied, whatever the decks;
    it is filled once from `review_slots`, which already holds the log's sums.
    """
    columns = ", ".join(f"{name} INTEGER NOT NULL" for name in ALL_DECKS_SLOT_COLUMNS)
    db.execute(
        f"CREATE TABLE IF NOT EXISTS review_slots_all (slot TEXT PRIMARY KEY, {columns})"
        " WITHOUT ROWID"
    )
    _create_review_triggers(
        db,
        "reviews_all_decks",
        _all_decks_rollup_sql,
        "reviewed_at, rating, state_before, duration_ms",
    )
    sums = ", ".join(f"SUM({name})" for name in ALL_DECKS_SLOT_COLUMNS)
    db.execute("DELETE FROM review_slots_all")
    db.execute(f"INSERT INTO review_slots_all SELECT slot, {sums} FROM review_slots GROUP BY slot")


MIGRATIONS: list[Callable[[Database], None]] = [
    _create_v1,
    _add_review_confusions,
    _add_card_edits_and_flags,
    _add_review_rollups,
    _add_review_accuracy_index,
    _add_card_stage_index,
    _add_shadowed_files,
    _add_unreadable_files,
    _add_all_decks_review_slots,
]
"""MIGRATIONS[i] brings a database from version i to version i + 1."""

SCHEMA_VERSION = len(MIGRATIONS)
