"""Synthetic seed articles in both formats, for build, regeneration and crash tests.

Articles are plain data (`SyntheticArticle`) rendered to format A (YAML front
matter + Markdown) or format B (`= Title =`, `Infobox`, `- Key: value`), so a
test can change one fact, reorder sections or rename the file and rebuild.
`synthetic_corpus(count, seed)` varies kinds (people, battles, cities, films,
companies), names, places and dates so a big corpus is not one article repeated.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

MONTHS = (
    "January February March April May June July August September October November December"
).split()

FIRST_NAMES = (
    "Ada Bruno Clara Dmitri Elena Farid Greta Hiro Ines Jonas Kamala Lars Maren Nikos Olga "
    "Pavel Quentin Rosa Sven Tamar Umberto Vera Wiktor Ximena Yusuf Zofia Anouk Bela Cyrus"
).split()
LAST_NAMES = (
    "Abernathy Bakalov Castellano Dufresne Eriksen Fontaine Gallagher Horvath Ivanova "
    "Jankowski Kowalczyk Lindqvist Moreau Nakamura Okonkwo Petrov Quintero Rasmussen "
    "Sandoval Takahashi Urquhart Valdivia Weissmann Xenakis Yilmaz Zeller"
).split()
PLACES = (
    "Lyon Tbilisi Krakow Porto Ghent Tartu Bergen Plovdiv Trieste Kaunas Aarhus Brno Cluj "
    "Salamanca Turku Graz Utrecht Split Bilbao Szeged Lund Nantes Pecs Ostrava"
).split()
OCCUPATIONS = ("chemist", "painter", "engineer", "novelist", "composer", "botanist", "architect")
NOUNS = ("River", "Valley", "Ridge", "Bay", "Pass", "Plain", "Heights", "Forest")
STUDIOS = ("Northlight", "Meridian", "Blue Harbor", "Saltmarsh", "Iron Gate", "Red Kite")
INDUSTRIES = ("shipbuilding", "textiles", "software", "brewing", "railway equipment", "optics")


BACKGROUND = " ".join(
    [
        "Historians still read the surviving letters closely and argue about their meaning.",
        "The accounts show a patient method, a wide reading and a gift for clear examples.",
        "Visitors described long walks, lively dinners and a habit of working late at night.",
    ]
    * 14
)
"""Undated prose: it lengthens a synthetic article so its card budget (which grows with
the prose) holds every fact, for tests about something other than the budget."""


def day_text(year: int, month: int, day: int) -> str:
    return f"{day} {MONTHS[month - 1]} {year}"


@dataclass(frozen=True)
class SyntheticArticle:
    """One article as data: an infobox, a lead and titled sections of sentences."""

    title: str
    infobox: tuple[tuple[str, str], ...]
    lead: tuple[str, ...]
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()
    short_description: str = ""

    def with_field(self, label: str, value: str) -> SyntheticArticle:
        """The same article with one infobox field's value replaced (or added)."""
        fields = [(lab, value if lab == label else val) for lab, val in self.infobox]
        if label not in dict(self.infobox):
            fields.append((label, value))
        return replace(self, infobox=tuple(fields))

    def without_field(self, label: str) -> SyntheticArticle:
        return replace(self, infobox=tuple(f for f in self.infobox if f[0] != label))


def render_b(article: SyntheticArticle) -> str:
    """Format B: `= Title =`, an Infobox block, paragraphs, `== Section ==` headings."""
    lines = [f"= {article.title} =", "", "Infobox"]
    lines += [f"- {label}: {value}" for label, value in article.infobox]
    lines += ["", " ".join(article.lead), ""]
    for heading, sentences in article.sections:
        lines += [f"== {heading} ==", " ".join(sentences), ""]
    return "\n".join(lines)


def render_a(article: SyntheticArticle) -> str:
    """Format A: YAML front matter (title, shortDescription, infoboxes) and Markdown."""
    front = {
        "title": article.title,
        "shortDescription": article.short_description,
        "infoboxes": [{label: {"text": value} for label, value in article.infobox}],
    }
    body = [" ".join(article.lead), ""]
    for heading, sentences in article.sections:
        body += [f"## {heading}", "", " ".join(sentences), ""]
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---\n\n" + "\n".join(body)


def write_article(folder: Path, name: str, article: SyntheticArticle, fmt: str = "b") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_a(article) if fmt == "a" else render_b(article), encoding="utf-8")
    return path


def write_small_towns(folder: Path, count: int) -> None:
    """`count` tiny format B towns (`a0.txt`, ...), each its own deck with two infobox
    facts: a corpus as small as a build of many decks can be."""
    folder.mkdir(exist_ok=True)
    for number in range(count):
        (folder / f"a{number}.txt").write_text(
            f"= Town {number} =\n\nInfobox\n- Country: Ruritania\n- Population: {1000 + number}\n"
            "\nA small town in the hills.\n",
            encoding="utf-8",
        )


def _person(rng: random.Random, index: int) -> SyntheticArticle:
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {_roman(index)}"
    born = rng.randint(1750, 1900)
    died = born + rng.randint(40, 90)
    birthplace, deathplace = rng.sample(PLACES, 2)
    job = rng.choice(OCCUPATIONS)
    moved = born + rng.randint(18, 30)
    prize = moved + rng.randint(3, 15)
    return SyntheticArticle(
        title=name,
        short_description=f"{job.capitalize()} ({born}–{died})",
        infobox=(
            ("Name", name),
            ("Born", f"{day_text(born, rng.randint(1, 12), rng.randint(1, 28))}, {birthplace}"),
            ("Died", f"{day_text(died, rng.randint(1, 12), rng.randint(1, 28))}, {deathplace}"),
            ("Occupation", job),
            ("Nationality", rng.choice(("French", "Georgian", "Polish", "Danish", "Czech"))),
        ),
        lead=(
            f"{name} was a {job} from {birthplace}.".replace(" a a", " an a").replace(
                " a e", " an e"
            ),
        ),
        sections=(
            (
                "Early life",
                (
                    f"In {moved}, {name.split()[0]} moved to {deathplace} to study "
                    f"under the guild of {rng.choice(LAST_NAMES)}.",
                ),
            ),
            (
                "Career",
                (
                    f"On {day_text(prize, rng.randint(1, 12), rng.randint(1, 28))}, "
                    f"{name.split()[0]} received the {rng.choice(PLACES)} Medal for work on "
                    f"{rng.choice(INDUSTRIES)}.",
                    f"The {rng.choice(PLACES)} Academy elected {name.split()[0]} a member "
                    f"in {prize + rng.randint(1, 9)}.",
                ),
            ),
        ),
    )


def _battle(rng: random.Random, index: int) -> SyntheticArticle:
    place = rng.choice(PLACES)
    title = f"Battle of {place} {rng.choice(NOUNS)} {_roman(index)}"
    year = rng.randint(1500, 1945)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    side1, side2 = rng.sample(PLACES, 2)
    commander = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    return SyntheticArticle(
        title=title,
        infobox=(
            ("Conflict", title),
            ("Date", day_text(year, month, day)),
            ("Place", f"near {place}"),
            ("Result", rng.choice(("Decisive victory", "Stalemate", "Pyrrhic victory"))),
            ("Combatant1", f"Duchy of {side1}"),
            ("Combatant2", f"Kingdom of {side2}"),
            ("Commander1", commander),
            ("Strength1", f"{rng.randint(2, 30) * 500:,}"),
        ),
        lead=(f"The {title} was fought on {day_text(year, month, day)} near {place}.",),
        sections=(
            (
                "Background",
                (
                    f"In {year - rng.randint(2, 9)}, the Duchy of {side1} signed a treaty with "
                    f"the merchants of {rng.choice(PLACES)}.",
                ),
            ),
            (
                "Aftermath",
                (
                    f"A peace treaty was signed at {rng.choice(PLACES)} on "
                    f"{day_text(year + 1, rng.randint(1, 12), rng.randint(1, 28))}.",
                ),
            ),
        ),
    )


def _city(rng: random.Random, index: int) -> SyntheticArticle:
    title = f"{rng.choice(PLACES)}{rng.choice(('burg', 'ville', 'stad', 'grad', 'ford'))} {index}"
    founded = rng.randint(900, 1800)
    return SyntheticArticle(
        title=title,
        infobox=(
            ("Country", rng.choice(("France", "Georgia", "Poland", "Denmark", "Czechia"))),
            ("Founded", str(founded)),
            ("Population", f"{rng.randint(5, 900) * 1000:,}"),
            ("Mayor", f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"),
        ),
        lead=(f"{title} is a town on the {rng.choice(PLACES)} {rng.choice(NOUNS)}.",),
        sections=(
            (
                "History",
                (
                    f"The town received market rights in {founded + rng.randint(10, 200)}.",
                    f"A great fire destroyed the old quarter in {founded + rng.randint(201, 400)}.",
                ),
            ),
        ),
    )


def _film(rng: random.Random, index: int) -> SyntheticArticle:
    title = f"The {rng.choice(NOUNS)} of {rng.choice(PLACES)} {_roman(index)}"
    year = rng.randint(1920, 2020)
    director = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    return SyntheticArticle(
        title=title,
        infobox=(
            ("Directed by", director),
            ("Release date", day_text(year, rng.randint(1, 12), rng.randint(1, 28))),
            ("Running time", f"{rng.randint(80, 180)} minutes"),
            ("Studio", rng.choice(STUDIOS) + " Pictures"),
        ),
        lead=(f"{title} is a {year} film directed by {director}.",),
        sections=(
            (
                "Production",
                (
                    f"Filming began in {rng.choice(PLACES)} on "
                    f"{day_text(year - 1, rng.randint(1, 12), rng.randint(1, 28))}.",
                ),
            ),
        ),
    )


def _company(rng: random.Random, index: int) -> SyntheticArticle:
    title = f"{rng.choice(STUDIOS)} {rng.choice(LAST_NAMES)} Works {index}"
    founded = rng.randint(1850, 2000)
    return SyntheticArticle(
        title=title,
        infobox=(
            ("Industry", rng.choice(INDUSTRIES)),
            ("Founded", day_text(founded, rng.randint(1, 12), rng.randint(1, 28))),
            ("Founder", f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"),
            ("Headquarters", f"{rng.choice(PLACES)}, {rng.choice(('France', 'Poland'))}"),
        ),
        lead=(f"{title} is a maker of {rng.choice(INDUSTRIES)}.",),
        sections=(
            (
                "History",
                (
                    f"The company opened its first factory in {rng.choice(PLACES)} in "
                    f"{founded + rng.randint(1, 20)}.",
                    f"It was listed on the stock exchange on "
                    f"{day_text(founded + rng.randint(21, 60), rng.randint(1, 12), 15)}.",
                ),
            ),
        ),
    )


KINDS = (_person, _battle, _city, _film, _company)


def _roman(number: int) -> str:
    """A suffix that keeps titles unique without looking like a counter."""
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = ""
    number += 1
    for value, numeral in numerals:
        while number >= value:
            out += numeral
            number -= value
    return out


def synthetic_corpus(count: int, seed: int = 0) -> list[SyntheticArticle]:
    """`count` varied articles; the same seed gives the same corpus."""
    rng = random.Random(seed)
    return [KINDS[index % len(KINDS)](rng, index) for index in range(count)]


def write_corpus(folder: Path, articles: list[SyntheticArticle]) -> list[Path]:
    """Write articles alternately in format B and A, named by index."""
    paths = []
    for index, article in enumerate(articles):
        fmt = "a" if index % 3 == 2 else "b"
        suffix = ".md" if fmt == "a" else ".txt"
        paths.append(write_article(folder, f"{index:05d}{suffix}", article, fmt))
    return paths
