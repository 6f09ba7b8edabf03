"""The card browser without a screen: search, edits checked by the answer checker, flags
that leave every queue, suspend and reset; on real built articles and the study facts."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta

import pytest
from support.paths import SEEDS
from support.study import FACTS, T0, make_database

from quizgen.browse import marks
from quizgen.browse.editing import EditRefused, ProposedEdit, save_edit
from quizgen.browse.info import card_info
from quizgen.browse.search import SearchError, search_cards
from quizgen.build.pipeline import build_corpus
from quizgen.export.jsonl import export_jsonl
from quizgen.store import open_database
from quizgen.store import queue as queue_store
from quizgen.store.schema import MIGRATIONS, SCHEMA_VERSION
from quizgen.study.session import deck_summaries
from quizgen.study.settings import Settings

NOW = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)
WAR = "Armenian–Azerbaijani war (1918–1920)"
EXPEDITION = "Zangezur Expedition"


@pytest.fixture
def built(tmp_path):
    """The two bundled seed articles built into a fresh database (copied, so a test may
    edit them)."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    db = open_database(tmp_path / "built.db")
    build_corpus(db, [folder], now=NOW, definitions=[])
    return db


def _card(db, question_start: str):
    result = search_cards(db, limit=None)
    for listing in result.cards:
        if listing.question.startswith(question_start):
            return card_info(db, listing.card_id)
    raise AssertionError(f"no card asks {question_start!r}")


def test_search_reads_question_answer_and_source_sentence(built):
    by_question = search_cards(built, "WARDROP telegraph")
    found = {c.question.split("\n")[0]: c for c in by_question.cards}
    # the dated card, and the timeline card that lists "Oliver Wardrop telegraphed London"
    assert sorted(found) == [
        "In which month of 1919 did Oliver Wardrop telegraph London?",
        "Put these in order, earliest first:",
    ]
    assert found["In which month of 1919 did Oliver Wardrop telegraph London?"].answer == (
        "November 1919"
    )
    by_answer = search_cards(built, "status quo ante")
    assert "What was the result of the Zangezur Expedition?" in [
        c.question for c in by_answer.cards
    ]
    by_source = search_cards(built, "seeking peace")  # only in the sentence
    assert [c.question for c in by_source.cards] == [
        "In which month of 1919 did Oliver Wardrop telegraph London?"
    ]
    assert search_cards(built, "wardrop zzzznothing").cards == ()
    assert search_cards(built, "100%").cards == ()  # a wildcard is a character


def test_search_filters_by_deck_and_stage_and_counts_all_matches(built):
    everything = search_cards(built, limit=None)
    decks = {c.deck for c in everything.cards}
    assert decks == {WAR, EXPEDITION}
    expedition = search_cards(built, deck=EXPEDITION, limit=None)
    assert expedition.cards and {c.deck for c in expedition.cards} == {EXPEDITION}
    assert len(expedition.cards) < len(everything.cards)
    page = search_cards(built, limit=3)
    assert len(page.cards) == 3 and page.total == everything.total == len(everything.cards)
    assert {c.stage for c in everything.cards} == {"new"}
    first = everything.cards[0].card_id
    marks.suspend(built, first)
    assert [c.card_id for c in search_cards(built, stage="suspended").cards] == [first]
    assert first not in [c.card_id for c in search_cards(built, stage="new", limit=None).cards]
    with pytest.raises(SearchError, match="no stage 'lost'"):
        search_cards(built, stage="lost")


def test_search_sorts_by_due_lapses_and_accuracy(tmp_path):
    db = make_database(tmp_path / "s.db", FACTS)
    ids = [row[0] for row in db.execute("SELECT id FROM cards ORDER BY rowid")]
    for index, (card_id, lapses) in enumerate(zip(ids[:3], (1, 4, 2), strict=True)):
        due = (T0 + timedelta(days=3 - index)).isoformat()
        db.execute(
            "UPDATE cards SET fsrs_state = 2, due = ?, lapses = ?, reps = 3 WHERE id = ?",
            [due, lapses, card_id],
        )
    for card_id, ratings in zip(ids[:3], ((3, 3, 1), (1, 1, 1), (3, 3, 3)), strict=True):
        for n, rating in enumerate(ratings):
            db.execute(
                "INSERT INTO reviews (card_id, reviewed_at, rating, mode) VALUES (?, ?, ?, 'flip')",
                [card_id, (T0 + timedelta(minutes=n)).isoformat(), rating],
            )
    by_due = [c.card_id for c in search_cards(db, order="due").cards]
    assert by_due[:3] == [ids[2], ids[1], ids[0]]  # soonest first, new cards after
    by_lapses = [c.card_id for c in search_cards(db, order="lapses").cards]
    assert by_lapses[:3] == [ids[1], ids[2], ids[0]]
    by_accuracy = search_cards(db, order="accuracy").cards
    assert [c.card_id for c in by_accuracy[:3]] == [ids[1], ids[0], ids[2]]
    assert by_accuracy[0].accuracy == 0.0 and by_accuracy[1].accuracy == pytest.approx(2 / 3)
    assert by_accuracy[3].accuracy is None  # never reviewed: last
    listed = {c.card_id: c for c in search_cards(db).cards}
    assert listed[ids[0]].reviews == 3 and listed[ids[0]].passed == 2


def test_a_flagged_card_leaves_every_queue_at_once_and_comes_back_unflagged(tmp_path):
    db = make_database(tmp_path / "f.db", FACTS)
    history_ids = queue_store.new_card_ids(db, "history", 10)
    assert len(history_ids) == 2
    marks.flag(db, history_ids[0], "ambiguous", T0)
    assert queue_store.new_card_ids(db, "history", 10) == [history_ids[1]]
    assert queue_store.card_to_show(db, history_ids[0]) is None
    counts = {s.deck: s.new for s in deck_summaries(db, T0, Settings(), UTC)}
    assert counts["history"] == 1
    info = card_info(db, history_ids[0])
    assert info.stage == "flagged" and info.flag[0] == "ambiguous"
    assert [c.card_id for c in search_cards(db, stage="flagged").cards] == [history_ids[0]]
    assert history_ids[0] not in [c.card_id for c in search_cards(db, stage="new").cards]
    assert marks.unflag(db, history_ids[0])
    assert queue_store.new_card_ids(db, "history", 10) == history_ids


def test_flag_reasons_are_the_five_named_ones():
    assert marks.flag_reason("Wrong answer") == "wrong-answer"
    assert marks.flag_reason("not_worth_learning") == "not-worth-learning"
    for reason in ("ambiguous", "bad-options", "typo"):
        assert marks.flag_reason(reason) == reason
    with pytest.raises(marks.FlagReasonError, match="one of: wrong-answer"):
        marks.flag_reason("boring")


def test_an_edit_is_what_is_studied_and_exported(built, tmp_path):
    info = _card(built, "What was the result of the Zangezur Expedition?")
    proposed = ProposedEdit(
        question="How did the Zangezur Expedition of 1919 end?",
        answer=info.card.answer,
        accepted=("Status quo",),
        options=info.card.distractors,
    )
    save_edit(built, info.generated, proposed, NOW)
    shown = queue_store.card_to_show(built, info.card.id)
    assert shown["question"] == proposed.question
    assert json.loads(shown["accepted"]) == ["Status quo"]
    again = card_info(built, info.card.id)
    assert again.edited and again.card.question == proposed.question
    assert again.generated.question == "What was the result of the Zangezur Expedition?"
    assert [c.question for c in search_cards(built, "expedition of 1919 end").cards] == [
        proposed.question
    ]
    out = tmp_path / "cards.jsonl"
    export_jsonl(built, out=out)
    records = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert records[info.card.id]["question"] == proposed.question
    assert records[info.card.id]["accepted"] == ["Status quo"]
    # an edit back to the generated text is no edit
    save_edit(built, again.generated, ProposedEdit.of(again.generated), NOW)
    assert not card_info(built, info.card.id).edited


def test_an_option_the_checker_grades_right_is_refused_with_the_reason(built):
    info = _card(built, "In which month of 1919 did Oliver Wardrop telegraph London?")
    answer = info.card.answer
    assert answer == "November 1919"
    wrong = ("December 1919", "October 1919")
    for option in ("Nov 1919", "1919-11", "November"):  # the question states the year
        proposed = ProposedEdit(info.card.question, answer, (), (option, *wrong))
        with pytest.raises(EditRefused, match="would be graded right"):
            save_edit(built, info.generated, proposed, NOW)
    commander = _card(built, "Name one commander of the Armenian side in the Zangezur")
    assert commander.card.answer == "Garegin Nzhdeh"
    close = ProposedEdit(
        commander.card.question, commander.card.answer, commander.card.accepted,
        ("Nzhdeh", *commander.card.distractors[1:]),
    )  # fmt: skip
    with pytest.raises(EditRefused, match="would be graded close"):
        save_edit(built, commander.generated, close, NOW)
    refused = {
        "": ProposedEdit("", answer),
        "is not a date": ProposedEdit(info.card.question, "in the summer"),
        "listed twice": ProposedEdit(info.card.question, answer, (), ("1 May 1919",) * 2),
    }
    for reason, proposed in refused.items():
        with pytest.raises(EditRefused, match=reason or "question is empty"):
            save_edit(built, info.generated, proposed, NOW)
    assert not card_info(built, info.card.id).edited  # nothing refused was kept
    new_date = ProposedEdit(info.card.question, "December 1919", (), info.card.distractors)
    card = save_edit(built, info.generated, new_date, NOW)
    assert card.date is not None and card.date.start.isoformat() == "1919-12-01"
    assert card.date.precision == "month"
    shown = queue_store.card_to_show(built, card.id)
    assert shown["answer"] == "December 1919" and shown["date_start"] == "1919-12-01"


def test_reset_makes_a_card_new_and_keeps_its_reviews(tmp_path):
    db = make_database(tmp_path / "r.db", FACTS)
    card_id = queue_store.new_card_ids(db, None, 1)[0]
    db.execute(
        "UPDATE cards SET fsrs_state = 2, due = ?, reps = 4, lapses = 1 WHERE id = ?",
        [T0.isoformat(), card_id],
    )
    db.execute(
        "INSERT INTO reviews (card_id, reviewed_at, rating, mode, answer_given, verdict,"
        " duration_ms) VALUES (?, ?, 3, 'type', 'x', 'correct', 4200)",
        [card_id, T0.isoformat()],
    )
    marks.reset(db, card_id, T0)
    info = card_info(db, card_id)
    assert info.stage == "new" and info.scheduling.reps == 0 and info.scheduling.due is None
    assert [(e.rating, e.answer_given, e.verdict, e.duration_ms) for e in info.history] == [
        ("Good", "x", "correct", 4200)
    ]
    assert [change[1] for change in info.changes] == ["reset"]
    with pytest.raises(marks.UnknownCardError):
        marks.reset(db, "0000000000000000", T0)


def test_the_migration_adding_edits_and_flags_can_run_twice(tmp_path):
    db = open_database(tmp_path / "m.db")
    assert {"card_edits", "card_flags"} <= set(db.table_names())
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    migration = next(m for m in MIGRATIONS if m.__name__ == "_add_card_edits_and_flags")
    migration(db)
    assert {"card_edits", "card_flags"} <= set(db.table_names())


def test_the_text_index_follows_every_rebuild_and_edit(built, tmp_path):
    folder = tmp_path / "seeds"
    article = next(folder.glob("004_*.txt"))
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("Status quo ante bellum, Withdrawal", "Stalemate, Withdrawal"),
        encoding="utf-8",
    )
    build_corpus(built, [folder], now=NOW + timedelta(days=1), definitions=[])
    assert search_cards(built, "status quo ante").cards == ()
    found = search_cards(built, "stalemate").cards
    assert [c.question for c in found] == ["What was the result of the Zangezur Expedition?"]
    info = card_info(built, found[0].card_id)
    proposed = ProposedEdit("How did the Zangezur campaign end?", "Stalemate", (), ())
    save_edit(built, info.generated, proposed, NOW)
    assert [c.card_id for c in search_cards(built, "campaign end").cards] == [info.card.id]
    # words under three characters are found too (by reading the cards, not the index)
    assert info.card.id in [c.card_id for c in search_cards(built, "campaign en").cards]


def test_a_search_of_many_cards_matches_what_the_index_would(tmp_path, monkeypatch):
    """A word in many cards is read from the cards themselves; the answer is the same."""
    from quizgen.store import browse as browse_store

    db = make_database(tmp_path / "many.db", FACTS, copies=30)
    queries = ("lovelace born", "lovelace 29", "metropolis", "lyon mayor", "westminster")
    by_index = {q: search_cards(db, q, limit=None) for q in queries}
    assert by_index["lovelace born"].total == 30
    assert sorted(c.question for c in by_index["lovelace 29"].cards) == [
        "When was Ada Lovelace born?",
        "Where did Ada Lovelace die?",
    ]
    monkeypatch.setattr(browse_store, "INDEX_NARROWS", 0)  # never narrow by the index
    for query in queries:
        assert search_cards(db, query, limit=None) == by_index[query], query


def test_the_order_by_accuracy_walks_the_accuracy_index(tmp_path):
    """A page ordered by accuracy is read along `card_review_accuracy`, not by sorting
    every card: the plan says so, on a database the migrations made."""
    db = make_database(tmp_path / "plan.db", FACTS)
    plan = " ".join(
        str(row[-1])
        for row in db.execute(
            "EXPLAIN QUERY PLAN SELECT c.id FROM card_review_counts s CROSS JOIN cards c"
            " ON c.id = s.card_id WHERE c.status = 'active' ORDER BY"
            " CAST(s.passed AS REAL) / s.reviews, s.reviews DESC, c.rowid LIMIT 50"
        )
    )
    assert "USING INDEX card_review_accuracy" in plan
