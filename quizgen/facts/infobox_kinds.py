"""Recognizing what an infobox describes, and naming its subject in a question.

Wikipedia infoboxes come in families (military conflict, person, settlement...)
whose fields ask to be phrased differently: "Who directed X?" is right for a
film and wrong for a battle. The family is recognized from the fields present,
since both seed formats lose the template name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from quizgen.core.models import Infobox

InfoboxKind = Literal[
    "conflict",
    "person",
    "settlement",
    "organization",
    "film",
    "book",
    "album",
    "television",
    "sports",
    "ship",
    "aircraft",
    "event",
    "generic",
]

_SIGNATURE_FIELDS: dict[str, set[str]] = {
    "conflict": {
        "combatant1",
        "combatant2",
        "commander1",
        "commander2",
        "belligerents",
        "casualties1",
        "strength1",
        "partof",
        "conflict",
        "territory",
    },
    "person": {
        "birth_date",
        "born",
        "birth_place",
        "death_date",
        "died",
        "death_place",
        "occupation",
        "spouse",
        "spouses",
        "nationality",
        "alma_mater",
        "children",
        "parents",
        "education",
        "known_for",
        "resting_place",
        "allegiance",
        "rank",
    },
    "settlement": {
        "capital",
        "population",
        "population_total",
        "area",
        "area_total",
        "area_total_km2",
        "elevation",
        "mayor",
        "leader_name",
        "timezone",
        "time_zone",
        "postal_code",
        "official_languages",
        "currency",
        "demonym",
        "largest_city",
        "government",
        "settlement_type",
        "subdivision_name",
        "calling_code",
        "anthem",
    },
    "organization": {
        "founded",
        "founder",
        "founders",
        "headquarters",
        "industry",
        "key_people",
        "products",
        "revenue",
        "num_employees",
        "number_of_employees",
        "employees",
        "parent",
        "subsidiaries",
        "area_served",
        "traded_as",
        "website",
        "predecessor",
        "owner",
    },
    "film": {
        "directed_by",
        "director",
        "produced_by",
        "starring",
        "cinematography",
        "edited_by",
        "music_by",
        "distributed_by",
        "box_office",
        "running_time",
        "screenplay_by",
        "budget",
    },
    "book": {
        "author",
        "publisher",
        "publication_date",
        "published",
        "isbn",
        "pages",
        "illustrator",
        "cover_artist",
        "media_type",
        "oclc",
    },
    "album": {"artist", "recorded", "studio", "label", "producer", "length", "chronology"},
    "television": {
        "created_by",
        "network",
        "original_network",
        "num_seasons",
        "num_series",
        "num_episodes",
        "first_aired",
        "original_release",
        "presented_by",
        "showrunner",
    },
    "sports": {
        "league",
        "stadium",
        "ground",
        "arena",
        "head_coach",
        "manager",
        "coach",
        "nickname",
        "position",
        "current_team",
        "sport",
        "champion",
        "champions",
        "runner_up",
        "teams",
        "caps",
        "height",
        "club",
    },
    "ship": {
        "builder",
        "laid_down",
        "launched",
        "commissioned",
        "decommissioned",
        "fate",
        "displacement",
        "ship_class",
        "class",
        "namesake",
        "homeport",
        "ship_name",
        "propulsion",
    },
    "aircraft": {
        "manufacturer",
        "first_flight",
        "introduced",
        "retired",
        "role",
        "primary_user",
        "number_built",
        "designer",
        "produced",
    },
    "event": {
        "cause",
        "outcome",
        "deaths",
        "injuries",
        "participants",
        "organizer",
        "organised_by",
        "organized_by",
        "venue",
        "location",
        "type",
        "missing",
        "perpetrator",
        "perpetrators",
    },
}

_TIE_ORDER: tuple[InfoboxKind, ...] = (
    "conflict",
    "film",
    "television",
    "album",
    "book",
    "ship",
    "aircraft",
    "person",
    "sports",
    "organization",
    "settlement",
    "event",
)


def classify(infobox: Infobox) -> InfoboxKind:
    """The family an infobox belongs to, judged by its fields (generic if unclear)."""
    keys = set(infobox.keys())
    best: InfoboxKind = "generic"
    best_score = 0
    for kind in _TIE_ORDER:
        score = len(keys & _SIGNATURE_FIELDS[kind])
        if kind == "conflict" and {"combatant1", "commander1"} & keys:
            score += 3
        if score > best_score:
            best, best_score = kind, score
    return best if best_score >= 2 or (best_score == 1 and len(keys) <= 3) else "generic"


_TYPE_PARENTHETICAL = re.compile(
    r"\s*\((?:[^()]*\b(?:film|movie|album|song|novel|book|band|company|ship|aircraft|"
    r"TV series|series|play|musical|city|town|village|footballer|politician|actor|"
    r"actress|singer|musician|writer|painter|scientist|game|video game|magazine|"
    r"newspaper|river|mountain|disambiguation)\b[^()]*)\)\s*$",
    re.IGNORECASE,
)
_NEEDS_ARTICLE = re.compile(
    r"^(?:Battle|Siege|War|Siege|Raid|Invasion|Occupation|Capture|Fall|Sack|Treaty|"
    r"Massacre|Revolution|Uprising|Rebellion|Revolt|Campaign|Expedition|Operation|"
    r"Offensive|Crisis|Affair|Conference|Congress|Council|Battle)\b",
)
_CONFLICT_NOUNS = (
    ("battle", "battle"),
    ("siege", "siege"),
    ("war", "war"),
    ("uprising", "uprising"),
    ("rebellion", "rebellion"),
    ("revolt", "revolt"),
    ("invasion", "invasion"),
    ("expedition", "expedition"),
    ("operation", "operation"),
    ("offensive", "offensive"),
    ("campaign", "campaign"),
    ("massacre", "massacre"),
    ("raid", "raid"),
)


@dataclass(frozen=True)
class Subject:
    """How questions name the article's subject: "the Zangezur Expedition", "Ada Lovelace"."""

    name: str
    """The subject as it reads inside a sentence (with "the" where English wants it)."""
    short_title: str
    """The title without a type note such as "(film)", used as a reverse answer."""
    noun: str
    """What kind of thing it is, for reverse questions: "battle", "film", "company"."""

    @property
    def capitalized(self) -> str:
        return self.name[:1].upper() + self.name[1:]

    def without_years(self) -> Subject:
        """The subject without a trailing "(1918–1920)", for questions that ask the date."""
        plain = re.sub(r"\s*\([^()]*\d{3,4}[^()]*\)\s*$", "", self.name).strip()
        return Subject(name=plain or self.name, short_title=self.short_title, noun=self.noun)

    @property
    def possessive(self) -> str:
        return f"{self.name}'" if self.name.endswith("s") else f"{self.name}'s"


def describe_subject(title: str, kind: InfoboxKind) -> Subject:
    """Name the subject for questions of the given infobox kind."""
    short = _TYPE_PARENTHETICAL.sub("", title).strip() or title.strip()
    noun = _KIND_NOUNS.get(kind, "subject")
    name = short
    if kind in ("conflict", "event"):
        lowered = short.casefold()
        for word, conflict_noun in _CONFLICT_NOUNS:
            if re.search(rf"\b{word}\b", lowered):
                noun = conflict_noun
                break
        if not short.startswith(("The ", "the ")):
            name = f"the {short}"
    elif _NEEDS_ARTICLE.match(short):
        name = f"the {short}"
    return Subject(name=name, short_title=short, noun=noun)


_KIND_NOUNS: dict[str, str] = {
    "conflict": "conflict",
    "person": "person",
    "settlement": "place",
    "organization": "organization",
    "film": "film",
    "book": "book",
    "album": "album",
    "television": "television series",
    "sports": "team",
    "ship": "ship",
    "aircraft": "aircraft",
    "event": "event",
    "generic": "subject",
}
