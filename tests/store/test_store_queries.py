"""The store's named queries over a small hand-made database (support.study.FACTS)."""

from __future__ import annotations

from support.study import T0

from quizgen.core.clock import stamp
from quizgen.store import articles, queue, settings
from quizgen.store.card_state import LEARNING, REVIEW


def ids_of(db, deck):
    return [row["id"] for row in db["cards"].rows_where("deck = ?", [deck], order_by="rowid")]


def test_new_cards_come_in_build_order_and_leave_out_suspended_and_retired(study_db):
    people = ids_of(study_db, "people")
    study_db["cards"].update(people[0], {"suspended": 1})
    assert queue.new_card_ids(study_db, "people", 10) == people[1:]
    study_db["cards"].update(people[1], {"status": "retired"})
    assert queue.new_card_ids(study_db, "people", 10) == people[2:]
    everything = [row["id"] for row in study_db["cards"].rows_where(order_by="rowid")]
    assert everything[:2] == people  # so the first new card of all decks is the third
    assert queue.new_card_ids(study_db, None, 1) == [everything[2]]


def test_due_reviews_most_overdue_first_and_learning_cards_apart(study_db):
    first, second, *_ = ids_of(study_db, "films")
    study_db["cards"].update(first, {"fsrs_state": REVIEW, "due": stamp(T0)})
    study_db["cards"].update(second, {"fsrs_state": LEARNING, "due": stamp(T0)})
    assert queue.due_review_ids(study_db, "films", stamp(T0.replace(hour=23)), 10) == [first]
    assert queue.due_review_ids(study_db, "films", stamp(T0), 10) == []  # due < before
    assert queue.learning_cards(study_db, "films") == [(second, stamp(T0))]
    assert queue.next_due_after(study_db, "films", stamp(T0.replace(hour=11))) == stamp(T0)


def test_card_to_show_carries_the_article_title_and_skips_suspended(study_db):
    card = ids_of(study_db, "history")[0]
    row = queue.card_to_show(study_db, card)
    assert row is not None and row["article_title"] == "Battle of Hastings"
    study_db["cards"].update(card, {"suspended": 1})
    assert queue.card_to_show(study_db, card) is None
    assert queue.card_row(study_db, card)["suspended"] == 1


def test_decks_by_name(study_db):
    assert articles.deck_names(study_db) == ["films", "history", "people", "places"]
    assert articles.deck_exists(study_db, "films") and not articles.deck_exists(study_db, "x")
    counts = {row[0]: row[1:] for row in queue.deck_counts(study_db, stamp(T0))}
    assert counts["people"] == (2, 0, 0, 2)


def test_settings_rows_round_trip_and_feed_the_clock(study_db):
    assert settings.stored_text(study_db, "timezone") is None
    settings.store_text(study_db, "timezone", "Europe/Paris")
    settings.store_text(study_db, "day_start_hour", "6")
    assert settings.stored_texts(study_db) == {"timezone": "Europe/Paris", "day_start_hour": "6"}
    clock = settings.load_clock(study_db)
    assert (clock.day_start_hour, clock.zone_name) == (6, "Europe/Paris")
