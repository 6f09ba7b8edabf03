"""The learner's settings: typed, validated, stored as text in the `settings` table.

Every setting has one spec (default, parser, description). Values are stored in
their canonical text form, so `quiz config` shows exactly what is stored and a
value edited by hand that no longer parses falls back to the default instead of
breaking the study app.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from quizgen.core.errors import QuizgenError
from quizgen.store.settings import store_text, stored_texts
from quizgen.study.answer_format import AUTO, STUDY_MODES, AutoRule

ANSWER_MODES = STUDY_MODES
"""The modes `answer_mode` accepts: auto (choice or typed, by memory), type, choice, flip."""

if TYPE_CHECKING:
    from sqlite_utils import Database

FSRS_PARAMETER_COUNT = 21


class SettingsError(QuizgenError, ValueError):
    """A setting name or value was refused; the message is one line saying why."""


@dataclass(frozen=True)
class Settings:
    """All settings, parsed. Built by `load_settings`."""

    desired_retention: float = 0.9
    new_per_day: int = 20
    reviews_per_day: int = 200
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    answer_mode: str = AUTO
    day_start_hour: int = 4
    fsrs_parameters: tuple[float, ...] | None = None
    """None means fsrs's default parameters; a later `quiz optimize` fills it in."""
    timezone: str = "local"
    """An IANA zone name ("Europe/Paris") the study day is counted in; "local" = the machine's."""
    auto_typed_stability: float = 7.0
    """answer_mode auto: stability (days) from which a card is asked typed."""
    auto_choice_options: int = 3
    """answer_mode auto: distractors a card needs to be asked as choice while weak."""

    @property
    def auto_rule(self) -> AutoRule:
        return AutoRule(self.auto_typed_stability, self.auto_choice_options)


def _parse_int(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise SettingsError(f"expected a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise SettingsError(f"must be between {low} and {high}, got {value}")
        return value

    return parse


def _parse_retention(text: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise SettingsError(f"expected a number such as 0.9, got {text!r}") from None
    if not 0.7 <= value <= 0.99:
        raise SettingsError(f"must be between 0.7 and 0.99, got {value}")
    return value


_STEP = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _parse_steps(text: str) -> tuple[timedelta, ...]:
    """'1m 10m' -> (1 minute, 10 minutes); an empty text means no steps."""
    steps = []
    for token in text.replace(",", " ").split():
        match = _STEP.match(token.lower())
        if not match:
            raise SettingsError(f"steps look like '1m 10m 1h' (units s m h d), got {token!r}")
        seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        if seconds < 1 or seconds > 7 * 86400:  # below 1s a step would be stored as "0s"
            raise SettingsError(f"a step must be at least 1s and at most 7d, got {token!r}")
        steps.append(timedelta(seconds=seconds))
    return tuple(steps)


def _format_steps(steps: tuple[timedelta, ...]) -> str:
    parts = []
    for step in steps:
        seconds = step.total_seconds()
        for unit in ("d", "h", "m", "s"):
            size = _UNIT_SECONDS[unit]
            if seconds >= size and seconds % size == 0:
                parts.append(f"{int(seconds // size)}{unit}")
                break
        else:
            parts.append(f"{seconds:g}s")
    return " ".join(parts)


def _parse_days(text: str) -> float:
    try:
        value = float(text.strip().lower().removesuffix("d").strip())
    except ValueError:
        raise SettingsError(f"expected a number of days such as 7, got {text!r}") from None
    if not 0.5 <= value <= 3650:
        raise SettingsError(f"must be between 0.5 and 3650 days, got {value:g}")
    return value


def _parse_mode(text: str) -> str:
    mode = text.strip().lower()
    if mode not in ANSWER_MODES:
        raise SettingsError(f"must be one of {', '.join(ANSWER_MODES)}, got {text!r}")
    return mode


def _parse_parameters(text: str) -> tuple[float, ...] | None:
    """'' or 'default' -> None; else a JSON list of the 21 FSRS weights."""
    if text.strip().lower() in ("", "default"):
        return None
    try:
        values = json.loads(text)
    except json.JSONDecodeError:
        raise SettingsError("expected a JSON list of 21 numbers, or 'default'") from None
    if (
        not isinstance(values, list)
        or len(values) != FSRS_PARAMETER_COUNT
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
    ):
        raise SettingsError(f"expected a JSON list of {FSRS_PARAMETER_COUNT} numbers")
    from fsrs import Scheduler

    try:
        Scheduler(parameters=values)
    except ValueError as error:
        first_line = str(error).splitlines()[-1]
        raise SettingsError(f"fsrs refuses these parameters: {first_line}") from None
    return tuple(float(v) for v in values)


LOCAL_ZONE = "local"
"""The `timezone` value meaning the computer's own zone."""


def _parse_timezone(text: str) -> str:
    """An IANA zone name, checked against the zone database; '' or 'local' = the machine's."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = text.strip()
    if name.lower() in ("", LOCAL_ZONE):
        return LOCAL_ZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise SettingsError(
            f"expected an IANA time zone such as Europe/Paris, or 'local', got {text!r}"
        ) from None
    return name


def _format_parameters(values: tuple[float, ...] | None) -> str:
    return "default" if values is None else json.dumps(list(values))


@dataclass(frozen=True)
class SettingSpec:
    """How one setting is parsed, shown and explained."""

    key: str
    default: str
    parse: Callable[[str], Any]
    format: Callable[[Any], str]
    description: str


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "desired_retention",
            "0.9",
            _parse_retention,
            lambda v: f"{v:g}",
            "chance of remembering a card when it comes due (0.7-0.99)",
        ),
        SettingSpec("new_per_day", "20", _parse_int(0, 9999), str, "new cards per day"),
        SettingSpec("reviews_per_day", "200", _parse_int(0, 99999), str, "review cards per day"),
        SettingSpec(
            "learning_steps",
            "1m 10m",
            _parse_steps,
            _format_steps,
            "waits between first looks at a new card",
        ),
        SettingSpec(
            "relearning_steps",
            "10m",
            _parse_steps,
            _format_steps,
            "waits after forgetting a card",
        ),
        SettingSpec(
            "answer_mode",
            AUTO,
            _parse_mode,
            str,
            "how to answer: auto (choice while weak, typed once stable), type, choice or flip",
        ),
        SettingSpec(
            "day_start_hour",
            "4",
            _parse_int(0, 23),
            str,
            "local hour at which a new study day begins",
        ),
        SettingSpec(
            "fsrs_parameters",
            "default",
            _parse_parameters,
            _format_parameters,
            "FSRS weights as a JSON list, or 'default'",
        ),
        SettingSpec(
            "timezone",
            LOCAL_ZONE,
            _parse_timezone,
            str,
            "IANA zone the study day is counted in (Europe/Paris), or 'local'",
        ),
        SettingSpec(
            "auto_typed_stability",
            "7",
            _parse_days,
            lambda v: f"{v:g}",
            "answer_mode auto: a card is asked typed once its stability reaches these days",
        ),
        SettingSpec(
            "auto_choice_options",
            "3",
            _parse_int(1, 3),
            str,
            "answer_mode auto: wrong options a weak card needs to be asked as choice",
        ),
    )
}


def _spec(key: str) -> SettingSpec:
    spec = SPECS.get(key)
    if spec is None:
        raise SettingsError(f"unknown setting {key!r}; known: {', '.join(SPECS)}")
    return spec


def _parse_stored(spec: SettingSpec, text: str | None) -> Any:
    if text is None:
        return spec.parse(spec.default)
    try:
        return spec.parse(text)
    except SettingsError:
        return spec.parse(spec.default)


def load_settings(db: Database) -> Settings:
    """Every setting, parsed; missing or unreadable values take their defaults."""
    stored = stored_texts(db)
    return Settings(**{key: _parse_stored(spec, stored.get(key)) for key, spec in SPECS.items()})


def get_setting(db: Database, key: str) -> Any:
    """One setting's parsed value."""
    spec = _spec(key)
    return _parse_stored(spec, stored_texts(db).get(key))


def setting_text(db: Database, key: str) -> str:
    """One setting's value as `quiz config` shows and accepts it."""
    spec = _spec(key)
    return spec.format(get_setting(db, key))


def set_setting(db: Database, key: str, value: str, *, wait_ms: int | None = None) -> Any:
    """Validate `value` (text, as typed) and store its canonical form; returns the parsed value.

    Raises SettingsError, leaving the stored value untouched, if the key is
    unknown or the value does not parse; DatabaseBusy (quizgen.store.busy) when another
    process holds the write lock longer than `wait_ms`.
    """
    spec = _spec(key)
    parsed = spec.parse(str(value))
    store_text(db, key, spec.format(parsed), wait_ms=wait_ms)
    return parsed


def describe_settings(db: Database) -> list[tuple[str, str, str]]:
    """(key, current value text, description) for every setting, in a stable order."""
    stored = stored_texts(db)
    return [
        (key, spec.format(_parse_stored(spec, stored.get(key))), spec.description)
        for key, spec in SPECS.items()
    ]
