from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, State
from support.study import make_database

from quizgen.study.scheduling import SchedulingState, build_scheduler, review, suggested_rating
from quizgen.study.settings import (
    Settings,
    SettingsError,
    describe_settings,
    get_setting,
    load_settings,
    set_setting,
    setting_text,
)

NOW = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)


def scheduler(**overrides):
    return build_scheduler(Settings(**overrides), enable_fuzzing=False)


def test_new_card_good_walks_the_learning_steps_then_graduates():
    sched = scheduler()
    state = SchedulingState()
    state = review(sched, "abc123", state, Rating.Good, NOW)
    assert state.fsrs_state == State.Learning
    assert state.fsrs_step == 1
    assert datetime.fromisoformat(state.due) == NOW + timedelta(minutes=10)
    later = NOW + timedelta(minutes=10)
    state = review(sched, "abc123", state, Rating.Good, later)
    assert state.fsrs_state == State.Review
    assert state.reps == 2 and state.lapses == 0
    assert datetime.fromisoformat(state.due) - later >= timedelta(days=1)


def test_again_on_a_review_card_is_a_lapse_and_relearns():
    sched = scheduler()
    state = review(sched, "c1", SchedulingState(), Rating.Easy, NOW)
    assert state.fsrs_state == State.Review
    due = datetime.fromisoformat(state.due)
    lapsed = review(sched, "c1", state, Rating.Again, due)
    assert lapsed.fsrs_state == State.Relearning
    assert lapsed.lapses == 1
    assert datetime.fromisoformat(lapsed.due) == due + timedelta(minutes=10)


def test_learning_steps_come_from_settings():
    sched = scheduler(learning_steps=(timedelta(minutes=5),))
    state = review(sched, "c2", SchedulingState(), Rating.Again, NOW)
    assert datetime.fromisoformat(state.due) == NOW + timedelta(minutes=5)


def test_state_round_trips_through_json_exactly():
    state = review(scheduler(), "c3", SchedulingState(), Rating.Hard, NOW)
    assert SchedulingState.from_json(state.to_json()) == state


@pytest.mark.parametrize(
    ("verdict", "rating"),
    [("correct", Rating.Good), ("close", Rating.Hard), ("wrong", Rating.Again)],
)
def test_wrong_is_again_never_hard(verdict, rating):
    assert suggested_rating(verdict) == rating


def test_settings_defaults_and_validation(tmp_path):
    db = make_database(tmp_path / "s.db", [])
    assert load_settings(db) == Settings()
    assert set_setting(db, "new_per_day", " 5 ") == 5
    assert get_setting(db, "new_per_day") == 5
    assert set_setting(db, "learning_steps", "30s, 2m 1h") == (
        timedelta(seconds=30),
        timedelta(minutes=2),
        timedelta(hours=1),
    )
    assert setting_text(db, "learning_steps") == "30s 2m 1h"
    for key, bad in [
        ("new_per_day", "-1"),
        ("new_per_day", "lots"),
        ("desired_retention", "1.5"),
        ("answer_mode", "guess"),
        ("day_start_hour", "24"),
        ("learning_steps", "10 minutes"),
        ("fsrs_parameters", "[1, 2]"),
        ("no_such_key", "1"),
    ]:
        with pytest.raises(SettingsError):
            set_setting(db, key, bad)
    assert get_setting(db, "new_per_day") == 5
    assert dict((k, v) for k, v, _ in describe_settings(db))["answer_mode"] == "auto"


def test_unreadable_stored_value_falls_back_to_default(tmp_path):
    db = make_database(tmp_path / "s.db", [])
    db["settings"].upsert({"key": "reviews_per_day", "value": "many"}, pk="key")
    assert load_settings(db).reviews_per_day == 200


def test_fsrs_parameters_setting_feeds_the_scheduler(tmp_path):
    from fsrs.scheduler import DEFAULT_PARAMETERS

    db = make_database(tmp_path / "s.db", [])
    tweaked = list(DEFAULT_PARAMETERS)
    tweaked[0] = 1.0  # initial stability after Again
    set_setting(db, "fsrs_parameters", str(tweaked))
    settings = load_settings(db)
    assert settings.fsrs_parameters[0] == 1.0
    assert build_scheduler(settings).parameters[0] == 1.0
    set_setting(db, "fsrs_parameters", "default")
    assert load_settings(db).fsrs_parameters is None


def test_the_interval_shown_before_rating_is_the_one_committed_even_with_fuzz():
    from datetime import UTC, datetime, timedelta

    from quizgen.study.scheduling import SchedulingState, build_scheduler, review
    from quizgen.study.settings import Settings

    scheduler = build_scheduler(Settings(), enable_fuzzing=True)
    now = datetime(2024, 3, 10, 12, tzinfo=UTC)
    state = SchedulingState(
        fsrs_state=2,
        fsrs_step=None,
        stability=30.0,
        difficulty=5.0,
        due="2024-03-10T12:00:00.000000+00:00",
        last_review="2024-02-09T12:00:00.000000+00:00",
        reps=4,
    )
    for card_id in ("00000000000000a1", "00000000000000b2", "00000000000000c3"):
        shown = {review(scheduler, card_id, state, 3, now).due for _ in range(5)}
        assert len(shown) == 1  # the same review computed again: the same fuzzed due date
    later = review(scheduler, "00000000000000a1", state, 3, now + timedelta(seconds=5))
    first = review(scheduler, "00000000000000a1", state, 3, now)
    gap = datetime.fromisoformat(later.due) - datetime.fromisoformat(first.due)
    assert gap == timedelta(seconds=5)
