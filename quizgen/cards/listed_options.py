"""Wrong options from reference lists, by class: countries, capitals, cities,
regions, languages, currencies, demonyms, playing positions, occupations,
religions, instruments and ranks.

Each maker takes the answer and returns options shaped like it, nearest first
(neighbouring countries before the rest of the continent), or None when the answer
is not of the list's kind (then other articles' answers may serve). Real countries,
capitals, cities, languages and currencies come from `quizgen.cards.reference`;
the closed lists (positions by sport, occupations by field...) from
`data/options.json`.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from quizgen.cards import reference
from quizgen.cards.classes import role_of
from quizgen.core.grading import normalize_text

WANTED = 3

_DATA = Path(__file__).with_name("data") / "options.json"
ITEM_SPLIT = re.compile(r"\s*(?:,|;|·|•|/|\band\b)\s*")
SEPARATOR = re.compile(r"(\s*(?:,|;|·|•|/)\s*)")

Maker = Callable[[str, str, random.Random, str], "list[str] | None"]


def split_items(text: str) -> list[str]:
    """The items of a listed answer ("Pashto · Dari", "Activist, Politician")."""
    return [item for item in ITEM_SPLIT.split(text) if item.strip()]


@cache
def _closed_lists() -> dict:
    return json.loads(_DATA.read_text(encoding="utf-8"))


def trading_nations() -> list[str]:
    """The largest trading economies: options for a country's largest trade partner."""
    return list(_closed_lists()["trading_nations"])


def media_country_options(answer: str, rng: random.Random) -> list[str]:
    """Where a work was made or published, or an award presented: other countries known
    for their films and books, those sharing the answer's language first, then the
    nearest (beside Animal Farm's United Kingdom: the United States, Ireland, Canada;
    beside Japan: South Korea, China, Taiwan)."""
    country = reference.find_country(answer)
    if country is None:
        return []
    others = [
        other
        for name in _closed_lists()["media_nations"]
        if (other := reference.find_country(name)) is not None and other.iso != country.iso
    ]
    language = country.languages[:1]
    sharing = [other for other in others if other.languages[:1] == language]
    rest = [other for other in others if other.languages[:1] != language]
    ranked = reference.by_distance(country, sharing) + reference.by_distance(country, rest)
    return _spread([other.name for other in ranked], rng, nearest=max(5, len(sharing)))


def _spread(items: list[str], rng: random.Random, nearest: int = 8) -> list[str]:
    """The nearest few in random order, then the rest: plausible yet varied."""
    head, tail = items[:nearest], items[nearest:]
    rng.shuffle(head)
    return head + tail


_UK_COUNTRIES = {
    normalize_text(name): name for name in ("England", "Scotland", "Wales", "Northern Ireland")
}
"""A place "in England" is asked among the countries of the United Kingdom, not among
Spain and Russia: the question is which part of Britain, not which country of Europe."""


def _country_options(
    answer: str, cls: str, rng: random.Random, title: str = ""
) -> list[str] | None:
    constituent = _UK_COUNTRIES.get(normalize_text(answer))
    if constituent is not None:
        return _spread([name for name in _UK_COUNTRIES.values() if name != constituent], rng)
    country = reference.find_country(answer)
    if country is None:
        return None  # "Soviet Union", "Kingdom of Kartli": other articles' answers, if any
    others = reference.neighbours(country)
    long_form = (
        country.official_name
        and normalize_text(answer) == normalize_text(country.official_name)
        and normalize_text(answer) != normalize_text(country.name)
    )
    if long_form:
        return _spread([c.official_name for c in others if c.official_name], rng)
    return _spread([c.name for c in others], rng)


def _capital_options(
    answer: str, cls: str, rng: random.Random, title: str = ""
) -> list[str] | None:
    """A country's capital: other capitals of its continent; a state's or a
    province's: other capitals of the same country's states; any other: none (the
    largest cities of a country are no capitals)."""
    country = reference.country_of_capital(answer)
    key = normalize_text(answer)
    of_a_country = reference.find_country(title) is not None if title else True
    for capitals in _closed_lists()["regional_capitals"].values():
        if key in map(normalize_text, capitals) and (country is None or not of_a_country):
            # "Victoria" of British Columbia, not of the Seychelles
            return _spread([c for c in capitals if normalize_text(c) != key], rng, 60)
    if country is not None:
        capitals = [c.capital for c in reference.neighbours(country, 500_000) if c.capital]
        return _spread(capitals, rng)
    return []


OPTION_REACH_KM = 2_000
"""How far another country's city may lie from the answer's to be a plausible option:
Oslo, Riga and Warsaw beside Stockholm, Khartoum and Tripoli beside Cairo, but no other
country's city beside Los Angeles (Mexico City and Havana are 2,500 and 3,600 km away; a
Hollywood director's death place among them gives the answer away)."""


def _city_options(answer: str, cls: str, rng: random.Random, title: str = "") -> list[str] | None:
    """Places written like the answer whose every part differs from the answer's.

    The checker grades "Guildford, England" CLOSE against "Godalming, England" (one
    part right), so an option never shares a part: "Toronto, Canada" gets cities of
    other countries of its continent ("Chicago, United States"), "Las Vegas, Nevada"
    cities of other states; "Tyler, Texas, U.S." gets none (three options would need
    three other countries written with their regions).
    """
    parts = [part.strip() for part in answer.split(",")]
    if not all(parts) or any(ch.isdigit() for ch in answer) or len(parts) > 3:
        return None
    if len(parts) == 1:
        if reference.find_country(answer) is not None:
            return _country_options(answer, "country", rng)
        city = reference.find_city(answer)
        if city is None:
            return None
        return _spread([c.name for c in _sized_like(city, reference.cities_of(city.country))], rng)
    tail = parts[-1]
    if len(parts) == 2:
        for country in ("US", "CA", "GB"):
            region = reference.region_code(tail, country)
            if region:
                short = tail.replace(".", "").isupper()  # "Kamloops, BC", "Austin, TX"
                places = [
                    f"{c.name}, {name}"
                    for c in reference.cities_of(country)[:400]
                    if c.admin1 != region
                    and (name := reference.region_name(country, c.admin1, short=short))
                ]
                return _spread(list(dict.fromkeys(places)), rng, 30)
        country = reference.find_country(tail)
        if country is None:
            return None
        home = reference.find_city(parts[0], country.iso)
        places = [
            f"{largest.name}, {other.name}"
            for other in reference.neighbours(country)[:25]
            if (largest := reference.largest_city(other.iso))
            and (home is None or reference.city_distance_km(home, largest) <= OPTION_REACH_KM)
        ]
        return _spread(places, rng)
    return None  # "Tyler, Texas, U.S.": no three other countries are written with regions


def _place_options(answer: str, cls: str, rng: random.Random, title: str = "") -> list[str] | None:
    """A region: another US state for a state, another country for a country;
    anything else only from other articles' regions."""
    if reference.find_country(answer) is not None:
        return _country_options(answer, "country", rng)
    state = reference.region_code(answer, "US")
    if state and normalize_text(answer) == normalize_text(reference.region_name("US", state)):
        states = [reference.region_name("US", code) for code in reference.us_state_codes()]
        return _spread([name for name in states if name and name != answer], rng, 50)
    return None


def _sized_like(city: reference.City, candidates: list[reference.City]) -> list[reference.City]:
    """Cities of about the answer's size (a town beside towns), largest first; no
    quarter of another (the gazetteer's "Fier-Çifçi" beside Fier, "Hamburg-Nord")."""
    names = {c.name for c in candidates}
    candidates = [c for c in candidates if not _quarter_of(c.name, names)]
    band = [
        c
        for c in candidates
        if city.population / 6 <= c.population <= city.population * 6 and c.name != city.name
    ]
    return band if len(band) >= 6 else [c for c in candidates[:60] if c.name != city.name]


def _quarter_of(name: str, names: set[str]) -> bool:
    """ "Fier-Çifçi", "Patos Fshat": a name that is another city's name and more."""
    for separator in ("-", " "):
        head = name.split(separator, 1)[0]
        if head != name and head in names:
            return True
    return False


def _language_options(
    answer: str, cls: str, rng: random.Random, title: str = ""
) -> list[str] | None:
    items = split_items(answer)
    if not items or not all(reference.is_language(item) for item in items):
        return None
    overlapping = {
        key
        for item in items
        for key in _overlaps(normalize_text(item)) | same_language(normalize_text(item))
    }
    near = [
        name
        for name in reference.languages_near(items[0])
        if normalize_text(name) not in overlapping
    ]
    near = _spread(near, rng, 6)
    return _composed(answer, items, near, rng)


def _composed(answer: str, items: list[str], pool: list[str], rng: random.Random) -> list[str]:
    """Options of as many items as the answer, joined by its own separator."""
    if len(items) == 1:
        return pool
    separator = SEPARATOR.search(answer)
    joint = answer[separator.start() : separator.end()] if separator else ", "
    taken = {normalize_text(item) for item in items}
    pool = [option for option in pool if normalize_text(option) not in taken]
    options = []
    for start in range(0, len(pool) - len(items) + 1, len(items)):
        options.append(joint.join(pool[start : start + len(items)]))
    return options


def _currency_options(
    answer: str, cls: str, rng: random.Random, title: str = ""
) -> list[str] | None:
    country = reference.country_of_currency(answer)
    if country is None:
        return None
    code = re.search(r"\(([A-Z]{3})\)\s*$", answer)
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", answer).strip()
    words = bare.split()
    others = reference.neighbours(country, 300_000) + reference.large_countries(5_000_000)
    seen: set[str] = {country.currency_code}
    options: list[str] = []
    long_names = reference.currency_long_names()
    for other in others:
        if other.currency_code in seen or not other.currency_code:
            continue
        seen.add(other.currency_code)
        if len(words) == 1:
            name = other.currency_name
            if not name or len(name.split()) != 1 or name in ("Dollar", "Pound", "Franc"):
                continue
        elif len(words) >= 2:
            name = long_names.get(other.currency_code, "")
            if not name:
                continue
            if words[-1][:1].islower():  # "Angolan kwanza", "United States dollar"
                first, second = name.split()
                name = f"{first} {second.lower()}"
        options.append(f"{name} ({other.currency_code})" if code else name)
    return _spread(options, rng)


def _nationality_options(
    answer: str, cls: str, rng: random.Random, title: str = ""
) -> list[str] | None:
    """ "Canadian" -> other demonyms of North America; "French / Bulgarian" -> pairs."""
    return _grouped_options(answer, _closed_lists()["demonyms"], rng) or None


_SPORT_ALIASES = {
    "soccer": "football",
    "association_football": "football",
    "hockey": "ice_hockey",
    "gridiron": "american_football",
    "rugby_union": "rugby",
    "rugby_league": "rugby",
}


def _position_options(
    answer: str, cls: str, rng: random.Random, title: str = ""
) -> list[str] | None:
    lists: dict[str, list[str]] = _closed_lists()["positions"]
    items = split_items(answer)
    if not items:
        return None
    sport = role_of(cls).replace(" ", "_").replace("-", "_")
    sport = _SPORT_ALIASES.get(sport, sport)
    keys = {normalize_text(item) for item in items}
    if sport not in lists:
        holding = [
            name
            for name, positions in lists.items()
            if keys <= {normalize_text(p) for p in positions}
        ]
        if len(holding) != 1:
            return None  # "Center" is basketball's and American football's: unknown sport
        sport = holding[0]
    elif not keys <= {normalize_text(p) for p in lists[sport]}:
        return None
    overlapping = {key for item in keys for key in _overlaps(item)}
    positions = [p for p in lists[sport] if normalize_text(p) not in overlapping | keys]
    composed = _composed(answer, items, _spread(positions, rng, 30), rng)
    return [_cased_like(option, answer) for option in composed]


def _grouped_options(answer: str, groups: dict[str, list[str]], rng: random.Random) -> list[str]:
    """Options from the group of the answer's first item, as many items as it has.

    "Activist, Politician" -> "Lawyer, Diplomat"; "Islam" -> "Christianity". Every
    item of the answer must be listed (in any group), or the answer is not of the
    list's kind and gets nothing from it.
    """
    items = split_items(answer)
    keys = [normalize_text(item) for item in items]
    if not items or len(items) > 3:
        return []
    known = {normalize_text(entry) for entries in groups.values() for entry in entries}
    home = [entries for entries in groups.values() if keys[0] in map(normalize_text, entries)]
    if not home or not all(key in known for key in keys):
        return []
    entries = list(dict.fromkeys(entry for group in home for entry in group))
    if len(entries) <= WANTED * len(items):  # "Vocals": its group alone is too small
        entries += [entry for group in groups.values() for entry in group if entry not in entries]
    overlapping = {key for item in keys for key in _overlaps(item)}
    entries = [entry for entry in entries if normalize_text(entry) not in set(keys) | overlapping]
    entries = [entry for entry in entries if _same_gender_form(entry, items)]
    composed = _composed(answer, items, _spread(entries, rng, 30), rng)
    return [_cased_like(option, answer) for option in composed]


_FEMININE = re.compile(r"(?:ess|woman|women|wife|girl)$", re.IGNORECASE)


def _same_gender_form(entry: str, items: list[str]) -> bool:
    """ "Actress" is no option for a director whose answer names no woman: a feminine
    form gives itself away as wrong (or right) by the subject's sex, not by knowledge."""
    feminine_answer = any(_FEMININE.search(item.strip()) for item in items)
    return feminine_answer or not _FEMININE.search(entry.strip())


def _overlaps(key: str) -> set[str]:
    """Entries broader or narrower than this one ("Outfielder" and "Left fielder")."""
    found: set[str] = set()
    for broad, narrow in _closed_lists()["broader"].items():
        narrow_keys = {normalize_text(entry) for entry in narrow}
        if key == normalize_text(broad):
            found |= narrow_keys
        elif key in narrow_keys:
            found.add(normalize_text(broad))
    return found


def same_language(key: str) -> set[str]:
    """Other names of this language ("Tajik" beside "Dari", both Persian)."""
    for names in _closed_lists()["same_language"]:
        keys = {normalize_text(name) for name in names}
        if key in keys:
            return keys - {key}
    return set()


def _cased_like(option: str, answer: str) -> str:
    """Each item capitalized as the answer's item in the same place ("Vocals, guitar")."""
    option_items, answer_items = SEPARATOR.split(option), SEPARATOR.split(answer)
    if len(option_items) != len(answer_items):
        return option
    cased = [
        (item[:1].upper() if model[:1].isupper() else item[:1].lower()) + item[1:]
        if index % 2 == 0
        else item
        for index, (item, model) in enumerate(zip(option_items, answer_items, strict=True))
    ]
    return "".join(cased)


def _listed(name: str):
    """A maker for a class whose options come from one closed list of `options.json`."""

    def make(answer: str, cls: str, rng: random.Random, title: str = "") -> list[str] | None:
        return _grouped_options(answer, _closed_lists()[name], rng) or None

    return make


MAKERS: dict[str, Maker] = {
    "country": _country_options,
    "capital": _capital_options,
    "city": _city_options,
    "place": _place_options,
    "language": _language_options,
    "currency": _currency_options,
    "nationality": _nationality_options,
    "position": _position_options,
    "occupation": _listed("occupations"),
    "religion": _listed("religions"),
    "instrument": _listed("instruments"),
    "rank": _listed("ranks"),
}
