"""Synthesize a corpus of seed-like articles, deterministic by seed, for build benchmarks.

Two seed articles cannot tell whether a build scales; thousands of made-up ones can.
Each article is one of five kinds (person, city, film, company, battle) with an
infobox of that kind's fields, dated sentences from templates, and paragraphs
borrowed from the bundled seeds with their years shifted, so the prose is as long
and as knotty as real text. Sections are shuffled, names, dates and numbers are
drawn per article, and every title is unique (the build skips a repeated title).

Half the articles are format A (YAML front matter + Markdown), half format B
(`= Title =` + `Infobox` block). A fraction of format A files is mojibake, made as
the real seed was: UTF-8 bytes decoded as a Windows code page with the bytes it
lacks dropped, so the text repair (ftfy) has real work to do on those files only.

The build tests use it with short bodies; `python bench/synth_corpus.py OUT_DIR N
[--seed S]` writes one for the benchmarks.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from quizgen.ingest.textrepair import fix_mojibake
from support import paths

SEEDS_DIR = paths.SEEDS

MOJIBAKE_SHARE = 0.3
"""Share of format A articles stored as mojibake, like the real format A seed."""

MONTHS = (
    "January February March April May June July August September October November December"
).split()
GIVEN = (
    "Anna Boris Chloé Dmitri Elif Farid Greta Hugo Ines Jonas Katarzyna Lars Mehmet Nadia "
    "Oskar Paula Quentin Rosa Stefan Tamar Ulrich Vera Wojciech Xenia Yusuf Zoë Ahmet Björn "
    "Céline Đorđe Émile Gülşen Håkon Ilse José Kenji Léa Miloš Nuño Ørjan Renée Şahin Tomás"
).split()
FAMILY = (
    "Abramović Berger Castillo Duarte Eriksen Fontaine Gašparović Hoffmann Ibáñez Jansen "
    "Kovačević Lindqvist Müller Novák Olsen Petrović Quiroga Rasmussen Schäfer Türkoğlu "
    "Urquhart Vásquez Wójcik Xavier Yılmaz Zieliński Aliyev Bauer Černý Dvořák Ekström"
).split()
SYLLABLES = "ka ri mo ve sel dan tor bri lu gan mer os til va ne zor hal pe du quin".split()
COUNTRIES = (
    "Norway Portugal Hungary Chile Georgia Finland Morocco Peru Austria Estonia Ireland "
    "Croatia Uruguay Iceland Slovenia Tunisia Armenia Latvia Ecuador Denmark"
).split()
OCCUPATIONS = "painter chemist composer engineer novelist diplomat architect physicist".split()
GENRES = "drama comedy thriller western documentary musical war romance".split()
INDUSTRIES = "shipbuilding telecommunications brewing mining software aviation textiles".split()
VERBS = (
    "arrived in|left for|founded a workshop in|signed an agreement in|returned to|"
    "opened an office in|was elected mayor of|moved to|married in|toured"
).split("|")
EVENTS = (
    "the first public performance took place|the treaty was signed|a fire destroyed the old "
    "quarter|the company was listed on the stock exchange|the bridge was opened|the siege "
    "ended|the museum was inaugurated|the railway reached the town|production began|"
    "the government fell"
).split("|")
SECTION_NAMES = (
    "Early years|Background|History|Career|Reception|Legacy|Operations|Economy|Production|"
    "Later life|Aftermath|Geography|Culture|Release|Ownership"
).split("|")


def unique_word(index: int) -> str:
    """A pronounceable word that no other index yields, so titles never collide."""
    parts = []
    index += len(SYLLABLES)  # at least two syllables
    while index:
        index, rest = divmod(index, len(SYLLABLES))
        parts.append(SYLLABLES[rest])
    return "".join(parts).capitalize()


class Maker:
    """Draws the names, dates and numbers of one article from its own random stream."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.index = index
        self.base_year = rng.randint(1650, 1990)

    def person(self) -> str:
        return f"{self.rng.choice(GIVEN)} {self.rng.choice(FAMILY)}"

    def place(self) -> str:
        return f"{unique_word(self.rng.randrange(5000))}, {self.rng.choice(COUNTRIES)}"

    def year(self, spread: int = 30) -> int:
        return self.base_year + self.rng.randint(0, spread)

    def date(self, spread: int = 30) -> str:
        day, month = self.rng.randint(1, 28), self.rng.choice(MONTHS)
        if self.rng.random() < 0.5:
            return f"{day} {month} {self.year(spread)}"
        return f"{month} {day}, {self.year(spread)}"

    def number(self, low: int, high: int) -> str:
        return f"{self.rng.randint(low, high):,}"

    def dated_sentence(self, subject: str) -> str:
        rng = self.rng
        templates: list[Callable[[], str]] = [
            lambda: f"On {self.date()}, {subject} {rng.choice(VERBS)} {self.place()}.",
            lambda: f"In {rng.choice(MONTHS)} {self.year()}, {rng.choice(EVENTS)}.",
            lambda: f"{self.person()} {rng.choice(VERBS)} {self.place()} in {self.year()}.",
            lambda: (
                f"Between {self.year(10)} and {self.year(40)}, {subject} employed "
                f"{self.number(20, 90000)} people, according to {self.person()}."
            ),
            lambda: (
                f"By the end of {self.year()} about {self.number(100, 50000)} visitors had come, "
                f"and “{rng.choice(EVENTS)}” — as {self.person()} wrote — soon after."
            ),
            lambda: f"{rng.choice(EVENTS).capitalize()} on {self.date()}.",
        ]
        return rng.choice(templates)()

    def paragraph(self, subject: str, borrowed: list[str]) -> str:
        if borrowed and self.rng.random() < 0.5:
            return self._shift_years(self.rng.choice(borrowed))
        count = self.rng.randint(3, 7)
        return " ".join(self.dated_sentence(subject) for _ in range(count))

    def _shift_years(self, text: str) -> str:
        offset = self.rng.randint(-60, 60)
        return re.sub(r"\b(1[6-9]\d\d)\b", lambda match: str(int(match.group(1)) + offset), text)


def _person(maker: Maker, title: str) -> dict[str, str]:
    birth = maker.date(0)
    return {
        "name": title,
        "birth_date": birth,
        "birth_place": maker.place(),
        "death_date": maker.date(90) if maker.rng.random() < 0.7 else "",
        "occupation": ", ".join(maker.rng.sample(OCCUPATIONS, 2)),
        "spouse": maker.person(),
        "nationality": maker.rng.choice(COUNTRIES),
    }


def _city(maker: Maker, title: str) -> dict[str, str]:
    return {
        "name": title,
        "country": maker.rng.choice(COUNTRIES),
        "population_total": maker.number(2000, 3_000_000),
        "area_total_km2": str(maker.rng.randint(10, 900)),
        "elevation": f"{maker.rng.randint(2, 2400)} m",
        "mayor": maker.person(),
        "established": maker.date(),
    }


def _film(maker: Maker, title: str) -> dict[str, str]:
    return {
        "name": title,
        "director": maker.person(),
        "producer": maker.person(),
        "starring": ", ".join(maker.person() for _ in range(3)),
        "released": maker.date(),
        "runtime": f"{maker.rng.randint(70, 190)} minutes",
        "country": maker.rng.choice(COUNTRIES),
        "budget": f"${maker.rng.randint(1, 90)} million",
        "genre": maker.rng.choice(GENRES),
    }


def _company(maker: Maker, title: str) -> dict[str, str]:
    return {
        "name": title,
        "founded": maker.date(),
        "founder": maker.person(),
        "headquarters": maker.place(),
        "industry": maker.rng.choice(INDUSTRIES),
        "num_employees": maker.number(40, 200_000),
        "key_people": ", ".join(maker.person() for _ in range(2)),
    }


def _battle(maker: Maker, title: str) -> dict[str, str]:
    start = maker.year()
    return {
        "conflict": title,
        "date": f"{maker.rng.randint(1, 14)}–{maker.rng.randint(15, 28)} "
        f"{maker.rng.choice(MONTHS)} {start}",
        "place": maker.place(),
        "result": f"{maker.rng.choice(COUNTRIES)} victory",
        "combatant1": maker.rng.choice(COUNTRIES),
        "combatant2": maker.rng.choice(COUNTRIES),
        "commander1": ", ".join(maker.person() for _ in range(2)),
        "commander2": maker.person(),
        "strength1": maker.number(500, 60_000),
        "casualties1": f"{maker.number(10, 9000)} killed",
    }


KINDS: dict[str, tuple[Callable[[Maker, str], dict[str, str]], Callable[[str], str]]] = {
    "person": (_person, lambda word: f"{word} {random.Random(word).choice(FAMILY)}"),
    "city": (_city, lambda word: word),
    "film": (_film, lambda word: f"The {word} Affair"),
    "company": (_company, lambda word: f"{word} Industries"),
    "battle": (_battle, lambda word: f"Battle of {word}"),
}


def _borrowed_paragraphs() -> list[str]:
    """Long prose paragraphs from the bundled seeds, repaired, for realistic sentence load."""
    paragraphs: list[str] = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = fix_mojibake(path.read_text(encoding="utf-8"))  # undo the seed's own damage
        body = text.split("\n---\n", 1)[-1]
        for block in body.split("\n\n"):
            block = block.strip()
            if len(block) > 300 and not block.startswith(("-", "#", "=", "!", "*", "|")):
                paragraphs.append(block)
    return paragraphs


ARTICLE_BYTES = (10_000, 24_000)
"""Body size range, like the real seeds (19-25 KB files)."""


def _sections(
    maker: Maker, title: str, borrowed: list[str], size_range: tuple[int, int]
) -> list[tuple[str, list[str]]]:
    target = maker.rng.randint(*size_range)
    names = maker.rng.sample(SECTION_NAMES, len(SECTION_NAMES))
    sections: list[tuple[str, list[str]]] = []
    size = 0
    while size < target:
        name = names[len(sections) % len(names)]
        if len(sections) >= len(names):
            name = f"{name} ({maker.year()})"
        paragraphs = [maker.paragraph(title, borrowed) for _ in range(maker.rng.randint(1, 4))]
        size += sum(len(p) for p in paragraphs) + len(name)
        sections.append((name, paragraphs))
    maker.rng.shuffle(sections)
    return sections


def _format_a(title: str, infobox: dict[str, str], lead: str, sections, rng) -> str:
    fields = {key: {"text": value} for key, value in infobox.items() if value}
    front = {
        "infoboxes": [fields],
        "title": title,
        "shortDescription": f"Article about {title}",
        "author": "Wikipedia",
    }
    yaml_text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=90)
    lines = ["---", yaml_text.rstrip("\n"), "---", "", lead, ""]
    for name, paragraphs in sections:
        level = "##" if rng.random() < 0.7 else "###"
        lines.extend([f"{level} {name}", *[p + "\n" for p in paragraphs]])
    lines.extend(["## References", " * A reference list", ""])
    return "\n".join(lines)


def _format_b(title: str, infobox: dict[str, str], lead: str, sections) -> str:
    lines = [f"= {title} =", "", "Infobox"]
    lines.extend(f"- {key.replace('_', ' ').capitalize()}: {v}" for key, v in infobox.items() if v)
    lines.extend(["", lead, ""])
    for name, paragraphs in sections:
        lines.extend([f"== {name} ==", *[p + "\n" for p in paragraphs]])
    return "\n".join(lines)


def mojibake(text: str) -> str:
    """UTF-8 read as cp1252, with the bytes cp1252 lacks lost: the real seed's damage."""
    return text.encode("utf-8").decode("cp1252", errors="ignore")


def article_text(
    index: int, seed: int, borrowed: list[str], size_range: tuple[int, int] = ARTICLE_BYTES
) -> tuple[str, str]:
    """The file name and text of article `index`; the same for the same (index, seed)."""
    rng = random.Random(f"{seed}:{index}")
    maker = Maker(rng, index)
    kind = rng.choice(sorted(KINDS))
    make_infobox, make_title = KINDS[kind]
    title = make_title(unique_word(index))
    infobox = make_infobox(maker, title)
    lead = f"{title} is a {kind} first recorded in {maker.year(0)}. " + maker.dated_sentence(title)
    sections = _sections(maker, title, borrowed, size_range)
    if rng.random() < 0.5:
        text = _format_a(title, infobox, lead, sections, rng)
        if rng.random() < MOJIBAKE_SHARE:
            text = mojibake(text)
    else:
        text = _format_b(title, infobox, lead, sections)
    return f"{index:06d}_{kind}.txt", text


def synthesize(
    folder: str | Path, n: int, seed: int = 0, size_range: tuple[int, int] = ARTICLE_BYTES
) -> list[Path]:
    """Write `n` articles into `folder` (created if needed); returns their paths in order.

    `size_range` bounds each body's length in characters; tests use short ones.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    borrowed = _borrowed_paragraphs()
    paths = []
    for index in range(n):
        name, text = article_text(index, seed, borrowed, size_range)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
