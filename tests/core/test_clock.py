"""The one study-day clock and the one stored timestamp form."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from quizgen.core.clock import StudyClock, clock_from_settings, stamp

PARIS = ZoneInfo("Europe/Paris")


def test_stamp_is_utc_with_fixed_width_microseconds():
    moment = datetime(2024, 3, 10, 13, 5, 7, tzinfo=timezone(timedelta(hours=1)))
    assert "2024-03-10T12:05:07.000000+00:00" == stamp(moment)
    assert moment == datetime.fromisoformat(stamp(moment))


def test_older_second_precision_stamps_sort_correctly_beside_new_ones():
    old = "2024-03-10T12:05:07+00:00"  # what builds stored before
    assert sorted([stamp(datetime(2024, 3, 10, 12, 5, 7, 1, tzinfo=UTC)), old])[0] == old
    assert old < stamp(datetime(2024, 3, 10, 12, 5, 8, tzinfo=UTC))


def test_a_day_that_loses_an_hour_lasts_23_hours():
    clock = StudyClock(4, PARIS)
    start, end = clock.bounds(datetime(2024, 3, 30, 12, 0, tzinfo=UTC))
    assert (start, end) == (
        datetime(2024, 3, 30, 3, 0, tzinfo=UTC),
        datetime(2024, 3, 31, 2, 0, tzinfo=UTC),
    )
    assert clock.day_of(end - timedelta(microseconds=1)) == date(2024, 3, 30)
    assert clock.day_of(end) == date(2024, 3, 31)


def test_before_the_start_hour_is_still_the_day_before():
    clock = StudyClock(4, PARIS)
    assert clock.day_of(datetime(2024, 6, 12, 1, 30, tzinfo=UTC)) == date(2024, 6, 11)  # 03:30


def test_clock_from_settings_falls_back_to_defaults():
    assert StudyClock(4, None) == clock_from_settings(None, None)
    assert StudyClock(4, None) == clock_from_settings("25", "Mars/Olympus")
    assert StudyClock(0, PARIS) == clock_from_settings(" 0 ", "Europe/Paris")


def test_the_hour_is_read_by_the_settings_own_rule():
    from quizgen.study.settings import SPECS

    spec = SPECS["day_start_hour"]
    for text in ("5", " 5 ", "+5", "05", "23", "24", "-1", "x", ""):
        try:
            expected = spec.parse(text)
        except ValueError:
            expected = spec.parse(spec.default)
        assert clock_from_settings(text, None).day_start_hour == expected, text
