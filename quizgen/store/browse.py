"""The card browser's reads: searching every card, one card's history, resetting one.

A search reads the text the learner sees (their edit over the generated text) and
the source sentence, with every filter in SQL and one page of rows returned, so it
stays fast on a six-figure collection: only the page's review figures are counted,
except when the order itself is by accuracy.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quizgen.store import write_transaction
from quizgen.store.card_state import LEARNING_SQL, REVIEW
from quizgen.store.cards import SCHEDULING_RESET
from quizgen.store.schema import CARD_SEARCH_TABLE

if TYPE_CHECKING:  # sqlite-utils is imported when a database is opened
    from sqlite_utils import Database

_INDEXED_LIVE = (
    "c.status IS 'active' AND c.suspended IS 0 AND c.rowid NOT IN"
    " (SELECT k.rowid FROM card_flags f CROSS JOIN cards k ON k.id = f.card_id)"
)
"""An active, unsuspended, unflagged card, asked so that the stage index alone answers.

`IS` where `=` would mean the same (the columns are never NULL) names the condition of
the partial stage index (`cards_stage`) word for word, so these filters read it and the
study queue's `=` never does; flags are matched by rowid, read from the few flags, so a
stage's count and page never read the cards' rows."""
_LIVE = "c.status = 'active' AND c.id NOT IN (SELECT card_id FROM card_flags)"

STAGE_FILTERS = {
    "new": f"{_INDEXED_LIVE} AND c.fsrs_state IS NULL",
    "learning": f"{_INDEXED_LIVE} AND c.fsrs_state IN {LEARNING_SQL}",
    "review": f"{_INDEXED_LIVE} AND c.fsrs_state = {REVIEW}",
    "suspended": f"{_LIVE} AND c.suspended != 0",
    "flagged": "c.status = 'active' AND c.id IN (SELECT card_id FROM card_flags)",
    "retired": "c.status = 'retired'",
}
"""SQL per stage a search may ask for; new, learning and review are live cards (active,
unflagged, unsuspended) read through the stage index."""

ORDERS = {
    "deck": "c.deck, c.rowid",
    "due": "c.due IS NULL, c.due, c.rowid",
    "lapses": "c.lapses DESC, c.rowid",
    "accuracy": "CAST(s.passed AS REAL) / s.reviews, s.reviews DESC, c.rowid",
}
"""Orders a search may ask for: by deck (build order), soonest due, most lapses, and
lowest accuracy (over `card_review_counts s`; cards never reviewed follow, see
`_ids_by_accuracy`)."""

_LISTING = (
    "SELECT c.id, c.deck, COALESCE(e.question, c.question) AS question,"
    " COALESCE(e.answer, c.answer) AS answer, c.status, c.suspended, c.fsrs_state, c.due,"
    " c.lapses, c.reps, f.reason AS flag, e.card_id IS NOT NULL AS edited,"
    " e.source_answer AS source_answer FROM cards c"
    " LEFT JOIN card_edits e ON e.card_id = c.id LEFT JOIN card_flags f ON f.card_id = c.id"
)
_GENERATED_WORD = (
    "(c.question LIKE ?{escape} OR c.answer LIKE ?{escape}"
    " OR c.source_text LIKE ?{escape} OR c.source_title LIKE ?{escape})"
)
"""One word in the generated question, answer, source sentence or title."""
_WORD = (
    "(c.question LIKE ?{escape} OR c.answer LIKE ?{escape}"
    " OR c.source_text LIKE ?{escape} OR c.source_title LIKE ?{escape}"
    " OR c.id IN (SELECT card_id FROM card_edits WHERE question LIKE ?{escape}"
    " OR answer LIKE ?{escape}))"
)
"""One word of a search: in the generated text (as `_GENERATED_WORD`), or in the
learner's edited question or answer. `{escape}` is the ESCAPE clause, given only for a
word holding a LIKE wildcard or the escape character: a plain word's pattern is the same
without it, and LIKE reads it faster (a third of a common short word's count)."""
_LIKE_SPECIAL = ("\\", "%", "_")

_INDEXED = (
    f"(c.rowid IN (SELECT rowid FROM {CARD_SEARCH_TABLE} WHERE {CARD_SEARCH_TABLE} MATCH ?)"
    " OR c.id IN (SELECT card_id FROM card_edits))"
)
"""The cards whose generated text holds every word of 3+ characters (the trigram index:
no scan of the cards), or that the learner edited (their few rows are read as they are)."""

MIN_INDEXED = 3
"""The trigram index finds words of at least three characters."""


@dataclass(frozen=True)
class SearchFilter:
    """What a search asks, as the store reads it (`words` must all appear)."""

    words: tuple[str, ...] = ()
    deck: str | None = None
    stage: str | None = None
    order: str = "deck"
    limit: int | None = None
    indexed: str | None = None
    """An FTS5 query for the text index, when it narrows the search to few cards."""


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(search: SearchFilter, *, generated_only: bool = False) -> tuple[str, list[Any]]:
    """The WHERE clause (on `cards c` alone, so a scan touches no other table per row);
    with `generated_only`, the words are looked for in the generated text alone."""
    clauses: list[str] = []
    params: list[Any] = []
    if search.stage is None:
        clauses.append("c.status = 'active'")
    else:
        clauses.append(STAGE_FILTERS[search.stage])
    if search.deck is not None:
        clauses.append("c.deck = ?")
        params.append(search.deck)
    if search.indexed is not None:
        clauses.append(_INDEXED)
        params.append(search.indexed)
    word_sql, word_params = _words(search.words, generated_only=generated_only)
    return " AND ".join([*clauses, *word_sql]), [*params, *word_params]


def _words(words: tuple[str, ...], *, generated_only: bool) -> tuple[list[str], list[Any]]:
    """One clause per word (and its LIKE patterns), over the generated text alone or
    over it and the learner's edit."""
    clauses: list[str] = []
    params: list[Any] = []
    for word in words:
        special = any(character in word for character in _LIKE_SPECIAL)
        sql = _GENERATED_WORD if generated_only else _WORD
        clauses.append(sql.format(escape=" ESCAPE '\\'" if special else ""))
        params.extend([_like(word)] * (4 if generated_only else 6))
    return clauses, params


_EDITED_ROWIDS = "SELECT k.rowid FROM card_edits e CROSS JOIN cards k ON k.id = e.card_id"
"""The edited cards' rowids, read from the few edits: looked up one by one, never by
scanning (nor filtering) every card."""


def _count(db: Database, search: SearchFilter, where: str, params: list[Any]) -> int:
    """How many cards match `where` (the search's own clause), counted in two parts so the
    six-figure scan never probes the edits per card: the cards whose generated text holds
    every word, plus the few edited cards that match only through the learner's text."""
    if not search.words:
        return int(db.execute(f"SELECT COUNT(*) FROM cards c WHERE {where}", params).fetchone()[0])
    generated, generated_params = _where(search, generated_only=True)
    words, word_params = _words(search.words, generated_only=True)
    plain = db.execute(f"SELECT COUNT(*) FROM cards c WHERE {generated}", generated_params)
    through_edit = db.execute(
        f"SELECT COUNT(*) FROM cards c WHERE c.rowid IN ({_EDITED_ROWIDS})"
        f" AND {where} AND IFNULL(({' AND '.join(words)}), 0) = 0",
        [*params, *word_params],
    )
    return int(plain.fetchone()[0]) + int(through_edit.fetchone()[0])


def search_rows(db: Database, search: SearchFilter) -> tuple[list[dict[str, Any]], int]:
    """(one page of matching cards with their review figures, how many match in all).

    Two steps: the page's ids are found and ordered on the cards table alone (narrow
    rows to sort), then only those rows are read with the learner's edits and flags.
    """
    search = dataclasses.replace(search, indexed=_narrowing_query(db, search.words))
    where, params = _where(search)
    if search.order == "accuracy":
        ids = _ids_by_accuracy(db, where, params, search.limit)
    else:
        limit = " LIMIT ?" if search.limit is not None else ""
        ids = [
            row[0]
            for row in db.execute(
                f"SELECT c.id FROM cards c WHERE {where} ORDER BY {ORDERS[search.order]}{limit}",
                [*params, *([search.limit] if search.limit is not None else [])],
            )
        ]
    if search.limit is None or len(ids) < search.limit:
        total = len(ids)
    else:
        total = _count(db, search, where, params)
    rows = _listing_rows(db, ids)
    _add_review_figures(db, rows)
    return rows, int(total)


def _ids_by_accuracy(db: Database, where: str, params: list[Any], limit: int | None) -> list[str]:
    """Lowest accuracy first, then the cards never reviewed: the reviewed ones are walked
    in the order of the accuracy index (`card_review_accuracy`), so a page of a six-figure
    collection is read without sorting every card."""
    bounded = " LIMIT ?" if limit is not None else ""
    reviewed = [
        row[0]
        for row in db.execute(
            "SELECT c.id FROM card_review_counts s CROSS JOIN cards c ON c.id = s.card_id"
            f" WHERE {where} ORDER BY {ORDERS['accuracy']}"
            f"{bounded}",
            [*params, *([limit] if limit is not None else [])],
        )
    ]
    if limit is not None and len(reviewed) >= limit:
        return reviewed
    rest = None if limit is None else limit - len(reviewed)
    never = [
        row[0]
        for row in db.execute(
            f"SELECT c.id FROM cards c WHERE {where}"
            " AND c.id NOT IN (SELECT card_id FROM card_review_counts)"
            f" ORDER BY c.rowid{' LIMIT ?' if rest is not None else ''}",
            [*params, *([rest] if rest is not None else [])],
        )
    ]
    return reviewed + never


INDEX_NARROWS = 5_000
"""The text index drives a search when its words hold in at most this many cards; a word
in more (a common word) is found faster by reading the cards, through the deck's index."""


def _narrowing_query(db: Database, words: tuple[str, ...]) -> str | None:
    """The text-index query for `words`, if it matches few enough cards to be worth it."""
    indexed = [word for word in words if len(word) >= MIN_INDEXED]
    if not indexed:
        return None
    query = " AND ".join('"' + word.replace('"', '""') + '"' for word in indexed)
    hits = db.execute(
        f"SELECT COUNT(*) FROM (SELECT rowid FROM {CARD_SEARCH_TABLE}"
        f" WHERE {CARD_SEARCH_TABLE} MATCH ? LIMIT {INDEX_NARROWS + 1})",
        [query],
    ).fetchone()[0]
    return query if hits <= INDEX_NARROWS else None


def _listing_rows(db: Database, ids: list[str]) -> list[dict[str, Any]]:
    """The listed columns of these cards, in the order of `ids`."""
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        cursor = db.execute(f"{_LISTING} WHERE c.id IN ({','.join('?' * len(chunk))})", chunk)
        names = [d[0] for d in cursor.description]
        for row in cursor:
            record = dict(zip(names, row, strict=True))
            found[record["id"]] = record
    return [found[card_id] for card_id in ids]


def _add_review_figures(db: Database, rows: list[dict[str, Any]]) -> None:
    """Reviews and passed answers of just these rows (one page), from the per-card rollup
    (`card_review_counts`, kept by the reviews' triggers): one row per card instead of
    every review of the page's cards."""
    figures: dict[str, tuple[int, int]] = {}
    ids = [row["id"] for row in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for card_id, reviews, passed in db.execute(
            f"SELECT card_id, reviews, passed FROM card_review_counts WHERE card_id IN ({marks})",
            chunk,
        ):
            figures[card_id] = (int(reviews), int(passed or 0))
    for row in rows:
        row["reviews"], row["passed"] = figures.get(row["id"], (0, 0))


def card_with_article(db: Database, card_id: str) -> dict[str, Any] | None:
    """A card's whole row (any status) with its article's title and path, or None."""
    cursor = db.execute(
        "SELECT c.*, a.title AS article_title, a.path AS article_path FROM cards c"
        " LEFT JOIN articles a ON a.id = c.article_id WHERE c.id = ?",
        [card_id],
    )
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def review_log(db: Database, card_id: str) -> list[dict[str, Any]]:
    """Every review of one card, oldest first."""
    cursor = db.execute(
        "SELECT reviewed_at, rating, mode, answer_given, verdict, duration_ms FROM reviews"
        " WHERE card_id = ? ORDER BY reviewed_at, id",
        [card_id],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def change_log(db: Database, card_id: str) -> list[dict[str, Any]]:
    """What rebuilds and the learner did to one card (answer changed, retired, reset...)."""
    cursor = db.execute(
        "SELECT changed_at, change, old_answer, new_answer FROM card_changes"
        " WHERE card_id = ? ORDER BY changed_at, id",
        [card_id],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def reset_to_new(db: Database, card_id: str, stamp: str) -> bool:
    """Back to new (its reviews are kept, the reset recorded); False if there is no card."""
    columns = ", ".join(f"{column} = ?" for column in SCHEDULING_RESET)
    with write_transaction(db):
        cursor = db.execute(
            f"UPDATE cards SET {columns} WHERE id = ?", [*SCHEDULING_RESET.values(), card_id]
        )
        if cursor.rowcount == 0:
            return False
        db.execute(
            "INSERT INTO card_changes (card_id, changed_at, change, old_answer, new_answer)"
            " VALUES (?, ?, 'reset', NULL, NULL)",
            [card_id, stamp],
        )
        return True
