"""History statistics on small synthetic review logs whose answers are worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from support.history import (
    add_cards,
    add_review,
    add_session,
    new_database,
    set_card_state,
)

from quizgen.history.report import (
    DayActivity,
    StudyClock,
    build_report,
    compute_streaks,
    load_clock,
    retention_by_period,
)

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
KATHMANDU = ZoneInfo("Asia/Kathmandu")  # UTC+5:45: day starts are not on whole UTC hours


@pytest.fixture
def db(tmp_path):
    return new_database(tmp_path / "history.db")


def local(zone, *args) -> datetime:
    return datetime(*args, tzinfo=zone).astimezone(UTC)


# -- the learner's day ----------------------------------------------------------------


def test_two_am_local_counts_for_the_previous_day():
    clock = StudyClock(4, PARIS)
    assert date(2024, 3, 9) == clock.day_of(local(PARIS, 2024, 3, 10, 2, 0))
    assert date(2024, 3, 10) == clock.day_of(local(PARIS, 2024, 3, 10, 4, 0))


def test_day_start_follows_daylight_saving():
    clock = StudyClock(4, PARIS)
    # Paris is UTC+1 in winter and UTC+2 from 31 March 2024
    assert datetime(2024, 3, 30, 3, 0, tzinfo=UTC) == clock.start_of(date(2024, 3, 30))
    assert datetime(2024, 3, 31, 2, 0, tzinfo=UTC) == clock.start_of(date(2024, 3, 31))


def test_system_local_zone_when_none(monkeypatch):
    clock = StudyClock(0, None)
    moment = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    assert moment.astimezone().date() == clock.day_of(moment)


def test_load_clock_reads_settings_and_falls_back(db):
    assert 4 == load_clock(db).day_start_hour
    db["settings"].insert_all(
        [{"key": "day_start_hour", "value": "6"}, {"key": "timezone", "value": "Asia/Tokyo"}],
        pk="key",
    )
    clock = load_clock(db)
    assert (6, "Asia/Tokyo") == (clock.day_start_hour, clock.zone_name)
    db["settings"].upsert_all(
        [{"key": "day_start_hour", "value": "25"}, {"key": "timezone", "value": "Mars/Base"}],
        pk="key",
    )
    clock = load_clock(db)
    assert (4, None) == (clock.day_start_hour, clock.tz)


# -- streaks --------------------------------------------------------------------------


def days_from(first: date, count: int) -> list[date]:
    return [first + timedelta(days=n) for n in range(count)]


def test_streak_across_month_and_year_boundaries():
    run = days_from(date(2023, 12, 28), 7)  # 28 Dec .. 3 Jan
    streaks = compute_streaks(run, today=date(2024, 1, 3))
    assert (7, 7) == (streaks.current, streaks.longest)


def test_current_streak_survives_until_today_is_over_and_breaks_after_a_gap():
    run = days_from(date(2024, 2, 26), 4)  # 26 Feb .. 29 Feb (leap day)
    assert 4 == compute_streaks(run, today=date(2024, 3, 1)).current
    assert 0 == compute_streaks(run, today=date(2024, 3, 2)).current
    assert 4 == compute_streaks(run, today=date(2024, 3, 2)).longest


def test_longest_streak_is_the_longest_of_several_runs():
    studied = days_from(date(2024, 1, 1), 3) + days_from(date(2024, 1, 10), 5) + [date(2024, 2, 1)]
    streaks = compute_streaks(studied + studied[:2], today=date(2024, 2, 1))
    assert (1, 5) == (streaks.current, streaks.longest)


def test_empty_streaks():
    assert (0, 0) == tuple(vars(compute_streaks([], today=date(2024, 1, 1))).values())


def test_streak_from_the_log_uses_local_days(db):
    """Reviews at 02:00 Paris each night belong to the day before: one run, no gap."""
    [card] = add_cards(db, "people", 1)
    # 23:30 on 31 Dec, 02:00 on 2 Jan (counts for 1 Jan), 20:00 on 2 Jan
    for moment in (
        local(PARIS, 2023, 12, 31, 23, 30),
        local(PARIS, 2024, 1, 2, 2, 0),
        local(PARIS, 2024, 1, 2, 20, 0),
    ):
        add_review(db, card, moment, 3)
    report = build_report(db, local(PARIS, 2024, 1, 2, 21, 0), clock=StudyClock(4, PARIS))
    assert [date(2023, 12, 31), date(2024, 1, 1), date(2024, 1, 2)] == [
        entry.day for entry in report.activity
    ]
    assert (3, 3) == (report.streaks.current, report.streaks.longest)
    # the same log with midnight as the day start has a gap on 1 Jan
    midnight = build_report(db, local(PARIS, 2024, 1, 2, 21, 0), clock=StudyClock(0, PARIS))
    assert (1, 1) == (midnight.streaks.current, midnight.streaks.longest)


def test_days_in_a_zone_with_a_quarter_hour_offset(db):
    [card] = add_cards(db, "people", 1)
    clock = StudyClock(4, KATHMANDU)
    add_review(db, card, local(KATHMANDU, 2024, 5, 1, 3, 59), 3)  # 30 April
    add_review(db, card, local(KATHMANDU, 2024, 5, 1, 4, 0), 3)  # 1 May
    report = build_report(db, local(KATHMANDU, 2024, 5, 1, 12, 0), clock=clock)
    assert [(date(2024, 4, 30), 1), (date(2024, 5, 1), 1)] == [
        (entry.day, entry.reviews) for entry in report.activity
    ]


def test_same_utc_moments_fall_on_different_days_in_other_zones(db):
    [card] = add_cards(db, "people", 1)
    moment = datetime(2024, 7, 1, 6, 0, tzinfo=UTC)  # 08:00 Paris, 02:00 New York
    add_review(db, card, moment, 3)
    paris = build_report(db, moment, clock=StudyClock(4, PARIS))
    new_york = build_report(db, moment, clock=StudyClock(4, NEW_YORK))
    assert [date(2024, 7, 1)] == [entry.day for entry in paris.activity]
    assert [date(2024, 6, 30)] == [entry.day for entry in new_york.activity]


# -- per day, retention, totals ---------------------------------------------------------


def test_daily_counts_accuracy_and_true_retention(db):
    cards = add_cards(db, "people", 4)
    clock = StudyClock(4, PARIS)
    day1 = local(PARIS, 2024, 3, 4, 9, 0)
    # day 1: two first looks (one Again), three review-state reviews (one Again, one Hard)
    add_review(db, cards[0], day1, 1, state_before=None, duration_ms=10_000)
    add_review(db, cards[1], day1, 3, state_before=None, duration_ms=2_000)
    add_review(db, cards[2], day1, 1, state_before=2)
    add_review(db, cards[2], day1 + timedelta(minutes=10), 2, state_before=3)  # relearning
    add_review(db, cards[3], day1, 2, state_before=2)
    add_review(db, cards[3], day1 + timedelta(hours=1), 4, state_before=2)
    # day 3: one review-state pass
    add_review(db, cards[3], day1 + timedelta(days=2), 3, state_before=2)
    now = day1 + timedelta(days=2, hours=1)
    report = build_report(db, now, clock=clock)

    daily = report.daily(3)
    assert [date(2024, 3, 4), date(2024, 3, 5), date(2024, 3, 6)] == [d.day for d in daily]
    assert [6, 0, 1] == [d.reviews for d in daily]
    assert pytest.approx(4 / 6) == daily[0].accuracy
    assert daily[1].accuracy is None
    assert (3, 2) == (daily[0].review_state_reviews, daily[0].review_state_passed)
    overall = report.overall_retention
    assert (4, 3, 0.75) == (overall.reviews, overall.passed, overall.retention)

    totals = report.totals
    assert (7, 5, 4, 2) == (
        totals.reviews,
        totals.passed,
        totals.cards_studied,
        totals.days_studied,
    )
    assert 10_000 + 2_000 + 5 * 4_000 == totals.study_ms
    assert pytest.approx(32_000 / 7) == totals.average_ms


def test_retention_by_week_and_month_across_a_year_boundary():
    activity = [
        DayActivity(date(2023, 12, 31), 5, 4, 4, 3),  # ISO week 2023-W52, December
        DayActivity(date(2024, 1, 1), 3, 3, 2, 2),  # 2024-W01, January
        DayActivity(date(2024, 1, 7), 2, 1, 2, 1),  # still 2024-W01
        DayActivity(date(2024, 1, 8), 4, 4, 0, 0),  # no review-state reviews: left out
    ]
    weekly = retention_by_period(activity, "week")
    assert [("2023-W52", 4, 3), ("2024-W01", 4, 3)] == [
        (p.label, p.reviews, p.passed) for p in weekly
    ]
    assert date(2024, 1, 1) == weekly[1].start
    monthly = retention_by_period(activity, "month")
    assert [("2023-12", 0.75), ("2024-01", 0.75)] == [(p.label, p.retention) for p in monthly]
    with pytest.raises(ValueError):
        retention_by_period(activity, "fortnight")


# -- forecast ---------------------------------------------------------------------------


def test_forecast_counts_per_local_day_with_overdue_in_today(db):
    clock = StudyClock(4, PARIS)
    now = local(PARIS, 2024, 3, 10, 12, 0)
    cards = add_cards(db, "people", 8)
    dues = [
        local(PARIS, 2024, 3, 1, 12, 0),  # overdue -> today
        local(PARIS, 2024, 3, 10, 18, 0),  # later today
        local(PARIS, 2024, 3, 11, 3, 0),  # 03:00 on 11 Mar is still the 10th's study day
        local(PARIS, 2024, 3, 11, 4, 0),  # tomorrow
        local(PARIS, 2024, 3, 13, 9, 0),  # day 3
        local(PARIS, 2024, 5, 1, 9, 0),  # beyond 30 days
    ]
    for card, due in zip(cards, dues, strict=False):
        set_card_state(db, card, fsrs_state=2, stability=10, due=due)
    set_card_state(db, cards[6], fsrs_state=2, stability=10, due=dues[1], suspended=1)
    # cards[7] stays new: never in the forecast
    report = build_report(db, now, clock=clock)
    counts = [day.due for day in report.forecast]
    assert 30 == len(counts)
    assert [3, 1, 0, 1] == counts[:4]
    assert 5 == sum(counts)
    assert 1 == report.overdue
    assert date(2024, 3, 10) == report.forecast[0].day


# -- decks, hardest cards, sessions -----------------------------------------------------


def test_deck_stages_accuracy_and_mastery(db):
    people = add_cards(db, "people", 6)
    films = add_cards(db, "films", 2)
    set_card_state(db, people[1], fsrs_state=1, stability=0.5)
    set_card_state(db, people[2], fsrs_state=3, stability=2)
    set_card_state(db, people[3], fsrs_state=2, stability=20.9)
    set_card_state(db, people[4], fsrs_state=2, stability=21.0)
    set_card_state(db, people[5], fsrs_state=2, stability=40, suspended=1)
    db.execute("UPDATE cards SET status = 'retired' WHERE id = ?", [films[1]])
    now = datetime(2024, 3, 10, 12, tzinfo=UTC)
    add_review(db, people[3], now - timedelta(days=1), 3)
    add_review(db, people[4], now - timedelta(days=1), 1)
    add_review(db, films[0], now - timedelta(days=1), 4, state_before=None)
    report = build_report(db, now, clock=StudyClock(4, PARIS))
    by_name = {d.deck: d for d in report.decks}
    people_stats = by_name["people"]
    assert (1, 2, 1, 1, 1, 5) == (
        people_stats.new,
        people_stats.learning,
        people_stats.young,
        people_stats.mature,
        people_stats.suspended,
        people_stats.total,
    )
    assert (2, 0.5, 0.2) == (people_stats.reviews, people_stats.accuracy, people_stats.mastery)
    films_stats = by_name["films"]
    assert (1, 1, 1.0, 0.0) == (
        films_stats.total,
        films_stats.reviews,
        films_stats.accuracy,
        films_stats.mastery,
    )
    only_films = build_report(db, now, clock=StudyClock(4, PARIS), deck="films")
    assert ["films"] == [d.deck for d in only_films.decks]
    assert 1 == only_films.totals.reviews


def test_hardest_cards_need_three_reviews_and_rank_by_lapses_then_accuracy(db):
    cards = add_cards(db, "battles", 4)
    start = datetime(2024, 3, 1, 12, tzinfo=UTC)
    ratings = {
        cards[0]: [1, 1, 3, 3],  # 2 lapses, 50%
        cards[1]: [1, 3, 3],  # 1 lapse, 67%
        cards[2]: [1, 1, 1],  # 1 lapse (recorded), 0%
        cards[3]: [1, 1],  # only two reviews: not eligible
    }
    lapses = {cards[0]: 2, cards[1]: 1, cards[2]: 1, cards[3]: 5}
    for card, card_ratings in ratings.items():
        set_card_state(db, card, fsrs_state=2, stability=3, due=start, lapses=lapses[card])
        for n, rating in enumerate(card_ratings):
            add_review(db, card, start + timedelta(days=n), rating)
    report = build_report(db, start + timedelta(days=5), clock=StudyClock(4, PARIS))
    assert [cards[0], cards[2], cards[1]] == [c.card_id for c in report.hardest]
    assert pytest.approx([0.5, 0.0, 2 / 3]) == [c.accuracy for c in report.hardest]
    assert report.hardest[0].question.startswith("When was the")


def test_past_sessions_newest_first_without_empty_ones(db):
    cards = add_cards(db, "cities", 3)
    clock = StudyClock(4, PARIS)
    first = add_session(db, "cities", local(PARIS, 2024, 4, 1, 9, 0))
    add_session(db, "cities", local(PARIS, 2024, 4, 2, 9, 0))  # opened, nothing answered
    third = add_session(db, None, local(PARIS, 2024, 4, 3, 1, 30))
    for n, card in enumerate(cards):
        add_review(db, card, local(PARIS, 2024, 4, 1, 9, n), 3 if n else 1, session_id=first)
    add_review(db, cards[0], local(PARIS, 2024, 4, 3, 1, 35), 3, session_id=third)
    add_review(db, cards[0], local(PARIS, 2024, 4, 3, 1, 36), 3, session_id=third)
    report = build_report(db, local(PARIS, 2024, 4, 3, 12, 0), clock=clock)
    assert [third, first] == [s.session_id for s in report.sessions]
    newest, oldest = report.sessions
    assert (date(2024, 4, 2), None, 2, 1, 100.0) == (
        newest.day,
        newest.deck,
        newest.reviews,
        newest.cards,
        newest.correct_percent,
    )
    assert (3, 3, pytest.approx(200 / 3), 12_000) == (
        oldest.reviews,
        oldest.cards,
        oldest.correct_percent,
        oldest.duration_ms,
    )


def test_many_sessions_are_paged_until_enough_have_reviews(db):
    [card] = add_cards(db, "cities", 1)
    start = datetime(2024, 1, 1, 10, tzinfo=UTC)
    with_reviews = []
    for n in range(30):
        session = add_session(db, "cities", start + timedelta(hours=n))
        if n % 5 == 0:
            add_review(db, card, start + timedelta(hours=n, minutes=1), 3, session_id=session)
            with_reviews.append(session)
    report = build_report(db, start + timedelta(days=2), clock=StudyClock(4, PARIS))
    assert list(reversed(with_reviews)) == [s.session_id for s in report.sessions]


# -- empty ------------------------------------------------------------------------------


def test_empty_history(db):
    now = datetime(2024, 3, 10, 12, tzinfo=UTC)
    report = build_report(db, now, clock=StudyClock(4, PARIS))
    assert () == report.activity
    assert (0, 0, 0, 0) == (
        report.totals.reviews,
        report.totals.study_ms,
        report.streaks.current,
        report.streaks.longest,
    )
    assert report.totals.average_ms is None
    assert report.overall_retention.retention is None
    assert [0] * 30 == [d.due for d in report.forecast]
    assert [] == [d for d in report.daily(365) if d.reviews]
    assert () == report.hardest == report.sessions == report.decks


def test_naive_now_is_refused(db):
    with pytest.raises(ValueError, match="timezone-aware"):
        build_report(db, datetime(2024, 3, 10, 12), clock=StudyClock())
