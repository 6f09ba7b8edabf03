"""Time, the one way: the stored timestamp form and the learner's study day.

Every moment inside quizgen is a timezone-aware UTC datetime passed in as `now`;
the learner's local day is computed here and only here, so the study queue and
the history count the same reviews as "today". A study day begins at
`day_start_hour` local time (like Anki's 4 a.m.), in the learner's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache

from quizgen.core.errors import QuizgenError

DEFAULT_DAY_START_HOUR = 4


def utc_now() -> datetime:
    """The current moment in UTC: the default `now` of the commands and the app."""
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """The one stored timestamp form: ISO 8601 in UTC with fixed-width microseconds.

    Fixed width makes stored moments sort as text, so SQL compares them with `<`;
    older rows stored to the second (`...:05+00:00`) still sort correctly beside
    these (`+` sorts before `.`) and `datetime.fromisoformat` reads both.
    """
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class DamagedTimestampError(QuizgenError):
    """A stored timestamp that is not one: the database was changed by something else."""


def read_stamp(text: str) -> datetime:
    """A stored timestamp read back; DamagedTimestampError (one line) if it is not one."""
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        shown = repr(text)[:60]
        raise DamagedTimestampError(
            f"the database is damaged (a stored timestamp reads {shown}); "
            "restore a backup (*.bak beside it)"
        ) from None


@dataclass(frozen=True)
class StudyClock:
    """Where the learner's days begin: `day_start_hour` local time in `tz`.

    `tz` None means the machine's local zone (with its daylight-saving changes).
    """

    day_start_hour: int = DEFAULT_DAY_START_HOUR
    tz: tzinfo | None = None

    def day_of(self, moment: datetime) -> date:
        """The study day a UTC moment belongs to: 02:00 with a 4 a.m. start is the day before."""
        local = moment.astimezone(self.tz) if self.tz is not None else moment.astimezone()
        return (local - timedelta(hours=self.day_start_hour)).date()

    def start_of(self, day: date) -> datetime:
        """The UTC moment at which study day `day` begins."""
        naive = datetime.combine(day, time(self.day_start_hour))
        local = naive.replace(tzinfo=self.tz) if self.tz is not None else naive.astimezone()
        return local.astimezone(UTC)

    def bounds(self, moment: datetime) -> tuple[datetime, datetime]:
        """The study day holding `moment` as a UTC [start, end) pair.

        The end is the next day's start, not start + 24 h: a day that changes to
        or from daylight-saving time lasts 23 or 25 hours.
        """
        day = self.day_of(moment)
        return self.start_of(day), self.start_of(day + timedelta(days=1))

    def boundaries(self, first: date, count: int) -> list[datetime]:
        """The `count + 1` UTC starts of days first .. first + count (the last one closes)."""
        return [self.start_of(first + timedelta(days=offset)) for offset in range(count + 1)]

    @property
    def zone_name(self) -> str:
        if self.tz is None:
            return str(datetime.now().astimezone().tzinfo)
        return str(getattr(self.tz, "key", None) or self.tz)


@cache
def _iana_zones() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


def _is_iana_zone(name: str) -> bool:
    """Only a name in the IANA database: a folder of it ("Europe") or a data file
    ("zone.tab") would otherwise be opened as a zone and fail as no zone does."""
    return name in _iana_zones()


def clock_from_settings(day_start_hour: str | None, timezone: str | None) -> StudyClock:
    """The learner's clock from the stored texts of `day_start_hour` and `timezone`.

    An unreadable hour takes the default (4); `timezone` is an optional IANA name
    ("Europe/Paris"), and without it, or if it names no known zone, the machine's
    local zone is used.
    """
    # the rule of the `day_start_hour` setting itself (quizgen.study.settings): a whole
    # number from 0 to 23, anything else the default, so queue and history read one hour
    try:
        hour = int((day_start_hour or "").strip())
    except ValueError:
        hour = DEFAULT_DAY_START_HOUR
    if not 0 <= hour <= 23:
        hour = DEFAULT_DAY_START_HOUR
    zone: tzinfo | None = None
    name = (timezone or "").strip()
    if name and name.lower() != "local" and _is_iana_zone(name):  # "local": the machine's zone
        # zoneinfo only for a named zone: most learners keep the machine's, and every
        # command that reads the clock would otherwise pay its import (~3 ms)
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            zone = None
    return StudyClock(day_start_hour=hour, tz=zone)
