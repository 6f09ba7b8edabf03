from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Rating, State
from study_factory import FACTS, T0, card_row, make_database, review_rows

from quizgen.study.scheduling import SCHEDULING_COLUMNS, build_scheduler
from quizgen.core.clock import StudyClock
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


def test_deck_summaries_count_new_learning_due_and_leave_out_retired_and_suspended(tmp_path):
    db = make_database(tmp_path / "d.db")
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


def test_answer_writes_state_and_review_together_and_undo_restores_exactly(tmp_path):
    db = make_database(tmp_path / "a.db")
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


def test_undo_of_a_review_card_restores_its_float_state_bit_for_bit(tmp_path):
    db = make_database(tmp_path / "u.db")
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


def test_summary_counts_this_session_only(tmp_path):
    db = make_database(tmp_path / "m.db")
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


def test_unknown_deck_is_a_clear_error(tmp_path):
    db = make_database(tmp_path / "x.db")
    with pytest.raises(StudyError, match="no deck named 'nope'"):
        session(db, deck="nope")
