from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Rating, State
from support.study import FACTS, T0, card_row, make_database, review_rows

from quizgen.core.clock import StudyClock
from quizgen.study.scheduling import SCHEDULING_COLUMNS, build_scheduler
from quizgen.study.session import StudyError, StudySession, deck_summaries
from quizgen.study.settings import Settings, load_settings, set_setting


def session(db, *, deck=None, now=T0, mode="flip"):
    settings = load_settings(db)
    return StudySession(
        db,
        deck=deck,
        mode=mode,
        scheduler=build_scheduler(settings, enable_fuzzing=False),
        settings=settings,
        now=now,
        tz=UTC,
    )


def scheduling(row):
    return {column: row[column] for column in SCHEDULING_COLUMNS}


def answer(study, drawn, rating, now, verdict=None):
    return study.answer(
        drawn,
        rating,
        mode=study.mode,
        answer_given=None,
        verdict=verdict,
        duration_ms=1500,
        now=now,
    )


def test_study_day_starts_at_the_configured_local_hour():
    paris = timezone(timedelta(hours=1))
    # 02:30 local on the 11th still belongs to the day that began at 04:00 on the 10th
    start, end = StudyClock(4, paris).bounds(datetime(2024, 3, 11, 1, 30, tzinfo=UTC))
    assert start == datetime(2024, 3, 10, 3, 0, tzinfo=UTC)
    assert end == datetime(2024, 3, 11, 3, 0, tzinfo=UTC)


def test_deck_summaries_count_new_learning_due_and_leave_out_retired_and_suspended(study_db):
    db = study_db
    people = [row["id"] for row in db["cards"].rows_where("deck = 'people'")]
    db["cards"].update(people[0], {"suspended": 1})
    history = [row["id"] for row in db["cards"].rows_where("deck = 'history'")]
    db["cards"].update(history[0], {"status": "retired"})
    study = session(db, deck="places")
    first = study.next_card(T0)
    answer(study, first, Rating.Again, T0)  # learning
    second = study.next_card(T0)
    answer(study, second, Rating.Easy, T0)  # review, due in days
    rows = {s.label: s for s in deck_summaries(db, T0, Settings(), UTC)}
    assert (rows["people"].new, rows["people"].total) == (1, 1)
    assert (rows["history"].new, rows["history"].total) == (1, 1)
    assert (rows["places"].new, rows["places"].learning, rows["places"].due) == (0, 1, 0)
    assert rows["All decks"].total == len(FACTS) - 2
    later = {s.label: s for s in deck_summaries(db, T0 + timedelta(days=30), Settings(), UTC)}
    assert later["places"].due == 1


def test_answer_writes_state_and_review_together_and_undo_restores_exactly(study_db):
    db = study_db
    study = session(db, deck="films")
    drawn = study.next_card(T0)
    before = card_row(db, drawn.card.id)
    result = study.answer(
        drawn,
        Rating.Good,
        mode="type",
        answer_given="Fritz Lang",
        verdict="correct",
        duration_ms=2300,
        now=T0,
    )
    after = card_row(db, drawn.card.id)
    assert after["fsrs_state"] == State.Learning and after["reps"] == 1
    (row,) = review_rows(db)
    assert (row["card_id"], row["rating"], row["mode"], row["verdict"], row["duration_ms"]) == (
        drawn.card.id,
        3,
        "type",
        "correct",
        2300,
    )
    assert row["session_id"] == study.session_id and result.review_id == row["id"]
    again = study.undo_last(T0)
    assert again.card.id == drawn.card.id
    assert card_row(db, drawn.card.id) == before
    assert review_rows(db) == []
    assert study.undo_last(T0) is None


def test_undo_of_a_review_card_restores_its_float_state_bit_for_bit(study_db):
    db = study_db
    study = session(db, deck="people")
    drawn = study.next_card(T0)
    answer(study, drawn, Rating.Easy, T0)
    later = T0 + timedelta(days=40)
    study2 = session(db, deck="people", now=later)
    due = study2.next_card(later)
    while due.is_new:
        answer(study2, due, Rating.Easy, later)
        due = study2.next_card(later)
    snapshot = card_row(db, due.card.id)
    answer(study2, due, Rating.Again, later)
    assert card_row(db, due.card.id)["lapses"] == 1
    study2.undo_last(later)
    assert card_row(db, due.card.id) == snapshot


def test_due_reviews_first_mixed_with_new_and_learning_when_due(tmp_path):
    db = make_database(tmp_path / "q.db", copies=3)
    first = session(db)
    graduated = []
    for _ in range(4):
        drawn = first.next_card(T0)
        answer(first, drawn, Rating.Easy, T0)
        graduated.append(drawn.card.id)
    later = T0 + timedelta(days=60)
    study = session(db, now=later)
    order = []
    while (drawn := study.next_card(later)) is not None:
        order.append(drawn.card.id in graduated)
        answer(study, drawn, Rating.Easy, later)
    assert len(order) == 24 and order.count(True) == 4
    # the four due reviews are spread among the twenty new cards, not bunched at one end
    positions = [index for index, is_review in enumerate(order) if is_review]
    assert positions[0] < 6 and positions[-1] >= 12
    assert all(b - a >= 3 for a, b in zip(positions, positions[1:], strict=False))


def test_daily_new_limit_holds_across_sessions_and_resets_next_day(tmp_path):
    db = make_database(tmp_path / "n.db", copies=3)
    set_setting(db, "new_per_day", "3")
    study = session(db)
    seen = []
    while (drawn := study.next_card(T0)) is not None:
        answer(study, drawn, Rating.Easy, T0)
        seen.append(drawn.card.id)
    assert len(seen) == 3
    reopened = session(db, now=T0 + timedelta(hours=2))
    assert reopened.next_card(T0 + timedelta(hours=2)) is None
    tomorrow = T0 + timedelta(days=1)
    fresh = session(db, now=tomorrow)
    assert fresh.next_card(tomorrow).is_new


def test_learning_card_comes_back_when_due(tmp_path):
    db = make_database(tmp_path / "l.db", FACTS[:1])
    study = session(db)
    drawn = study.next_card(T0)
    answer(study, drawn, Rating.Again, T0)  # due in 1 minute, within learn-ahead
    again = study.next_card(T0)
    assert again.card.id == drawn.card.id
    answer(study, again, Rating.Good, T0)  # step 1: due in 10 minutes
    answer(study, study.next_card(T0), Rating.Good, T0 + timedelta(minutes=10))
    assert study.next_card(T0 + timedelta(minutes=10)) is None
    assert card_row(db, drawn.card.id)["fsrs_state"] == State.Review


def test_suspended_cards_stay_out_until_unsuspended(tmp_path):
    db = make_database(tmp_path / "s.db", FACTS[:3])
    study = session(db)
    first = study.next_card(T0)
    study.suspend(first.card.id)
    shown = set()
    while (drawn := study.next_card(T0)) is not None:
        shown.add(drawn.card.id)
        answer(study, drawn, Rating.Easy, T0)
    assert first.card.id not in shown and len(shown) == 2
    assert session(db).next_card(T0) is None
    study.unsuspend(first.card.id, T0)
    assert study.next_card(T0).card.id == first.card.id


def test_summary_counts_this_session_only(study_db):
    db = study_db
    study = session(db, deck="history")
    answer(study, study.next_card(T0), Rating.Good, T0, verdict="correct")
    answer(study, study.next_card(T0), Rating.Again, T0, verdict="wrong")
    summary = study.end(T0)
    assert (summary.reviewed, summary.passed, summary.correct) == (2, 1, 1)
    assert summary.correct_percent == 50.0
    assert summary.time_spent_ms == 3000
    assert summary.next_due == T0 + timedelta(minutes=1)
    other = session(db, deck="history")
    assert other.summary(T0).reviewed == 0


def test_unknown_deck_is_a_clear_error(study_db):
    db = study_db
    with pytest.raises(StudyError, match="no deck named 'nope'"):
        session(db, deck="nope")


def test_study_queue_and_history_agree_on_the_day_under_a_time_zone(tmp_path):
    """The `timezone` setting sets the day for both, and a day may last 23 hours.

    In Paris the study day of 30 March 2024 runs from 04:00 CET (03:00 UTC) to
    04:00 CEST on the 31st (02:00 UTC): a card due at 02:30 UTC belongs to the
    next day in the history's forecast and must not be due today in the queue.
    """
    from quizgen.history.report import build_report, load_clock

    db = make_database(tmp_path / "z.db")
    db["settings"].upsert({"key": "timezone", "value": "Europe/Paris"}, pk="key")
    now = datetime(2024, 3, 30, 12, 0, tzinfo=UTC)
    card = next(iter(db["cards"].rows_where("deck = 'places'")))["id"]
    db["cards"].update(
        card,
        {
            "fsrs_state": int(State.Review),
            "stability": 5.0,
            "difficulty": 5.0,
            "due": "2024-03-31T02:30:00.000000+00:00",
            "last_review": "2024-03-25T12:00:00.000000+00:00",
            "reps": 3,
        },
    )
    settings = load_settings(db)
    clock = load_clock(db)
    queue = StudySession(
        db,
        deck="places",
        mode="flip",
        scheduler=build_scheduler(settings),
        settings=settings,
        now=now,
    )  # no tz: the app's way, from the setting
    today = clock.day_of(now)
    assert (queue._day_start, queue._day_end) == (
        clock.start_of(today),
        clock.start_of(today + timedelta(days=1)),
    )
    assert queue._day_end == datetime(2024, 3, 31, 2, 0, tzinfo=UTC)
    places = next(s for s in deck_summaries(db, now, settings) if s.deck == "places")
    forecast = build_report(db, now, clock=clock, deck="places").forecast
    assert (places.due, forecast[0].due, forecast[1].due) == (0, 0, 1)
    assert queue.counts().due == 0


def test_changing_the_rating_updates_the_same_review_in_one_row(study_db):
    db = study_db
    study = session(db, deck="films")
    drawn = study.next_card(T0)
    before = scheduling(card_row(db, drawn.card.id))
    result = answer(study, drawn, Rating.Again, T0, verdict="wrong")
    changed = study.rerate(result, Rating.Easy)
    (row,) = review_rows(db)
    assert (row["id"], row["rating"]) == (result.review_id, int(Rating.Easy))
    assert scheduling(card_row(db, drawn.card.id)) == changed.after.as_row()
    assert changed.after.fsrs_state == State.Review
    assert study.counts().learning == 0  # no longer coming back in a minute
    study.undo_last(T0)
    assert review_rows(db) == [] and scheduling(card_row(db, drawn.card.id)) == before


def test_undo_takes_back_answers_suspends_and_burials_in_reverse_order(tmp_path):
    db = make_database(tmp_path / "u.db", FACTS[:4])
    study = session(db)
    first = study.next_card(T0)
    answer(study, first, Rating.Easy, T0)
    second = study.next_card(T0)
    study.suspend(second.card.id)
    third = study.next_card(T0)
    study.bury(third.card.id)
    assert study.last_action().kind == "bury"
    assert study.undo_last(T0).card.id == third.card.id
    assert study.undo_last(T0).card.id == second.card.id
    assert card_row(db, second.card.id)["suspended"] == 0
    assert study.undo_last(T0).card.id == first.card.id
    assert review_rows(db) == [] and card_row(db, first.card.id)["fsrs_state"] is None
    assert not study.can_undo()


def test_undo_never_erases_a_later_answer_from_another_window(study_db):
    db = study_db
    mine, theirs = session(db, deck="films"), session(db, deck="films")
    drawn = mine.next_card(T0)
    answer(mine, drawn, Rating.Good, T0)
    answer(theirs, theirs.load_card(drawn.card.id), Rating.Easy, T0 + timedelta(minutes=1))
    with pytest.raises(StudyError, match="answered since"):
        mine.undo_last(T0 + timedelta(minutes=2))
    assert len(review_rows(db)) == 2


SIBLINGS = [
    (
        "Animal Farm",
        "books",
        "infobox:author",
        "Who wrote Animal Farm?",
        "George Orwell",
        "name",
        [],
        "Infobox",
        "Author: George Orwell",
    ),
    (
        "Animal Farm",
        "books",
        "infobox:reverse:author",
        "Which 1945 book did George Orwell write?",
        "Animal Farm",
        "name",
        [],
        "Infobox",
        "Author: George Orwell",
    ),
    (
        "Animal Farm",
        "books",
        "infobox:pages",
        "How many pages has Animal Farm?",
        "92",
        "number",
        [],
        "Infobox",
        "Pages: 92",
    ),
    (
        "Battle of X",
        "books",
        "infobox:commander1",
        "Name one commander of the A side.",
        "Ann",
        "name",
        [],
        "Infobox",
        "Commander1: Ann, Bob",
    ),
    (
        "Battle of X",
        "books",
        "infobox:combatant1",
        "Who fought on Ann's side?",
        "Aland",
        "name",
        [],
        "Infobox",
        "Combatant1: Aland",
    ),
]


def test_siblings_are_buried_for_the_day_once_one_is_shown(tmp_path):
    db = make_database(tmp_path / "b.db", SIBLINGS)
    study = session(db)
    shown = []
    while (drawn := study.next_card(T0)) is not None:
        shown.append(drawn.card.fact_key)
        answer(study, drawn, Rating.Easy, T0)
    assert shown == ["infobox:author", "infobox:pages", "infobox:commander1"]
    # a new session the same day keeps them buried; the deck list agrees
    assert session(db).next_card(T0) is None
    (books, _all) = deck_summaries(db, T0, Settings(), UTC)
    assert books.new == 0 and books.total == 5
    tomorrow = T0 + timedelta(days=1)
    assert session(db, now=tomorrow).next_card(tomorrow).card.fact_key == "infobox:reverse:author"


def test_deck_list_counts_respect_the_daily_limits_and_count_suspended(tmp_path):
    db = make_database(tmp_path / "l.db", copies=3)
    set_setting(db, "new_per_day", "5")
    study = session(db, deck="films")
    answer(study, study.next_card(T0), Rating.Easy, T0)
    study.suspend(study.next_card(T0).card.id)
    rows = {s.label: s for s in deck_summaries(db, T0, load_settings(db), UTC)}
    assert rows["All decks"].new == 4  # 5 a day, one studied
    assert rows["people"].new == 4  # six waiting, but only four more today
    assert (rows["films"].new, rows["films"].suspended, rows["films"].total) == (4, 1, 5)
    assert rows["All decks"].suspended == 1


def test_an_empty_deck_is_not_listed_and_shows_no_new_card(tmp_path):
    db = make_database(tmp_path / "e.db")
    db.execute("UPDATE cards SET status = 'retired' WHERE deck = 'films'")
    db["decks"].insert({"name": "empty", "created_at": "2024-01-01"})
    labels = [s.label for s in deck_summaries(db, T0, Settings(), UTC)]
    assert labels == ["history", "people", "places", "All decks"]


def test_an_empty_day_says_why(tmp_path):
    db = make_database(tmp_path / "w.db", copies=2)
    set_setting(db, "new_per_day", "2")
    study = session(db, deck="films")
    for _ in range(2):
        answer(study, study.next_card(T0), Rating.Easy, T0)
    assert study.next_card(T0) is None
    reason = study.empty_reason(T0)
    assert reason.new_limit_reached and reason.new_waiting == 2
    study.study_more_new(10, T0)
    assert study.next_card(T0) is not None
    set_setting(db, "new_per_day", "100")
    done = session(db, deck="history")
    for _ in range(2):
        answer(done, done.next_card(T0), Rating.Again, T0)
    assert done.next_card(T0) is not None  # learning cards within learn-ahead
    reason = done.empty_reason(T0 + timedelta(days=1))
    assert reason.next_due == T0 + timedelta(minutes=1)


def test_preview_shows_each_ratings_next_state_without_committing(study_db):
    db = study_db
    study = session(db, deck="films")
    drawn = study.next_card(T0)
    states = study.preview(drawn.card.id, drawn.state, T0)
    assert sorted(states) == [1, 2, 3, 4]
    assert states[1].due < states[3].due < states[4].due
    assert review_rows(db) == [] and card_row(db, drawn.card.id)["fsrs_state"] is None


def test_a_buried_sibling_leaves_room_for_another_new_card(tmp_path):
    db = make_database(tmp_path / "r.db", [*SIBLINGS[:2], *FACTS[:2]])
    set_setting(db, "new_per_day", "2")
    study = session(db)
    shown = []
    while (drawn := study.next_card(T0)) is not None:
        shown.append(drawn.card.fact_key)
        answer(study, drawn, Rating.Easy, T0)
    assert shown == ["infobox:author", "birth_date"]
