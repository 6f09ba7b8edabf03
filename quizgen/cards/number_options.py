"""Wrong figures written exactly like the answer's.

An option keeps the answer's words and unit ("$", "billion", "km²", "lb"), its
number of digits, decimals and rounding: "$38,847" beside "$41,203", never
"$19,000"; "32.6 billion" beside "65.295 billion" would give the exact one away,
so "$65.295 billion" gets "$48.712 billion". A count stays a whole number and a
share stays at most 100%. Figures the options cannot copy safely (ordinals,
codes such as "+93", several unlabelled figures, shares that add up) get none.
"""

from __future__ import annotations

import random
import re

_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d,]*\d)")
_ORDINAL = re.compile(r"\d+\s*(?:st|nd|rd|th)\b", re.IGNORECASE)
_RANGE_BETWEEN = re.compile(r"^\s*(?:–|—|-|to)\s*\D{0,2}\s*$")
_DURATION = re.compile(r"(\d{1,3}):([0-5]\d)(?::([0-5]\d))?")
_YEAR = re.compile(r"^(?:c\.\s*)?(1[0-9]{3}|20[0-9]{2})$")


def is_bare_year(answer: str) -> bool:
    """ "1766": a year, asked as a date, never scaled like a count."""
    return bool(_YEAR.match(answer.strip()))


def _digits(whole: str) -> str:
    return whole.replace(",", "")


def _render(value: float, whole: str, decimals: str | None) -> str:
    if decimals:
        text = f"{value:.{len(decimals)}f}"
        integer, fraction = text.split(".")
        integer = f"{int(integer):,}" if "," in whole else integer
        return f"{integer}.{fraction}"
    number = int(round(value))
    return f"{number:,}" if "," in whole else str(number)


def _scaled(whole: str, decimals: str | None, factor: float) -> str | None:
    """One figure scaled and rounded as the answer's was; None if its form would change."""
    digits = _digits(whole)
    value = float(f"{digits}.{decimals}" if decimals else digits)
    scaled = value * factor
    if decimals:
        text = _render(scaled, whole, decimals)
    else:
        zeros = len(digits) - len(digits.rstrip("0")) if int(digits) else 0
        significant = len(digits) - zeros
        step = 10 ** (zeros - 1 if significant == 1 and zeros else zeros)
        rounded = round(scaled / step) * step
        text = _render(rounded, whole, None)
        new_digits = _digits(text)
        new_zeros = len(new_digits) - len(new_digits.rstrip("0"))
        if zeros == 0 and new_zeros:
            return None  # an exact figure beside round ones gives it away
    integer_part = _digits(text.split(".")[0])
    if len(integer_part) != len(digits) or integer_part.startswith("0") and len(integer_part) > 1:
        return None
    if text == (f"{whole}.{decimals}" if decimals else whole):
        return None
    return text


_TALLY_WORDS = re.compile(
    r"\s*(?:killed|dead|deaths|wounded|injured|captured|missing|prisoners|"
    r"men|soldiers|ships|tanks|aircraft|guns)\b",
    re.IGNORECASE,
)


def _labelled_tallies(text: str, matches: list[re.Match[str]]) -> bool:
    """ "45 killed, 75 wounded": each figure names what it counts, so all can be
    scaled alike; "5ft 11in" or "36,000 50,000" cannot."""
    return all(_TALLY_WORDS.match(text, match.end()) for match in matches)


def _small_counts(value: int, rng: random.Random, plural: bool) -> list[int]:
    """Other small whole numbers; never "1 hours" beside "2 hours"."""
    lowest = 2 if plural and value >= 2 else 1
    others = [n for n in range(max(lowest, value - 3), value + 4) if n != value]
    rng.shuffle(others)
    return others


def number_options(
    answer: str, rng: random.Random, count_like: bool = False, narrow: bool = False
) -> list[str]:
    """Wrong figures for the answer, in its form; [] when the form cannot be copied.

    `narrow` keeps options within about 15% (a person's height), else within a
    factor of about 1.8 either way. `count_like` says the figure counts things; a
    single figure under ten is always given other small whole numbers.
    """
    text = answer.strip()
    duration = _DURATION.fullmatch(text)
    if duration:
        return _duration_options(duration, rng)
    if (
        not text
        or _ORDINAL.search(text)
        or text[:1] in "+-−"
        or ":" in text
        or "/" in text
        or is_bare_year(text)
    ):
        return []
    matches = list(_NUMBER.finditer(text))
    if not matches or len(matches) > 3:
        return []
    if len(matches) > 1 and not _labelled_tallies(text, matches):
        if len(matches) > 2 or "%" in text:
            return []
        between = text[matches[0].end() : matches[1].start()]
        if not _RANGE_BETWEEN.match(between):
            return []
    if "%" in text and float(_digits(matches[0][1])) > 100:
        return []
    single = matches[0]
    if len(matches) == 1 and not single[2] and int(_digits(single[1])) < 10:
        # "2 hours", "3 children": other small whole numbers, never "1 hours"; "1 child"
        # would need its noun made plural, so it gets none.
        if int(single[1]) == 1 and text[single.end() :].strip():
            return []
        return [
            text[: single.start()] + str(n) + text[single.end() :]
            for n in _small_counts(int(single[1]), rng, bool(text[single.end() :].strip()))
        ]
    factors = [0.55, 0.62, 0.7, 0.78, 0.85, 1.15, 1.24, 1.33, 1.45, 1.6, 1.75]
    if narrow:
        factors = [0.86, 0.89, 0.92, 0.95, 1.05, 1.08, 1.11, 1.14]
    rng.shuffle(factors)
    options: list[str] = []
    for factor in factors:
        factor *= rng.uniform(0.97, 1.03)
        pieces, cursor, ok = [], 0, True
        for match in matches:
            new = _scaled(match[1], match[2], factor)
            if new is None:
                ok = False
                break
            pieces += [text[cursor : match.start()], new]
            cursor = match.end()
        if not ok:
            continue
        option = "".join(pieces) + text[cursor:]
        if "%" in option and any(float(_digits(m[1])) > 100 for m in _NUMBER.finditer(option)):
            continue
        options.append(option)
    return list(dict.fromkeys(options))


def _duration_options(match: re.Match[str], rng: random.Random) -> list[str]:
    """ "45:44" (minutes:seconds) -> other running times of the same form."""
    parts = [int(part) for part in match.groups() if part is not None]
    seconds = (
        parts[0] * 60 + parts[1] if len(parts) == 2 else parts[0] * 3600 + parts[1] * 60 + parts[2]
    )
    factors = [0.6, 0.8, 1.25, 1.5, 0.7, 1.35]
    rng.shuffle(factors)
    options = []
    for factor in factors:
        total = max(1, round(seconds * factor))
        if len(parts) == 2:
            options.append(f"{total // 60}:{total % 60:02d}")
        else:
            options.append(f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}")
    return options
