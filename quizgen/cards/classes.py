"""Which semantic class a card's answer belongs to, from its `distractor_pool`.

The phrasers name the class of each answer (`country`, `capital`, `person:spouse`,
`position:baseball`, `number:population`, `date`, `none`..., see the CONTRACT's
vocabulary). Older phrasers said less (`place`, `person`, `organization:party`,
`number`, `field:<key>`, each with an `@<infobox kind>` suffix): the card's
infobox field (`extra["field"]`) then says what the answer is, so "place" asked
of `capital` is a capital and "person" asked of `spouse` a spouse.

Classes this module adds to the CONTRACT's vocabulary, for answers the phrasers
already mark: `belligerent` (a side of a conflict), `conflict`, `result` (of a
conflict), `title:<kind>` (another article's title, the answer of a reverse
question), `field:<key>` (an infobox field no table knows: options only from the
same field elsewhere), `person:<field>` / `work:<field>` / `place:<field>` (an old
vague pool narrowed to its field when no table knows the field: an album's
`person:artist` beside other artists) and `text` (free text: never options).
"""

from __future__ import annotations

import re

NO_OPTIONS = frozenset({"none", "text", "motto", "fullname", "nickname", ""})
"""Classes whose answers no list of wrong options can match in form."""

_FIELD_CLASSES: dict[str, str] = {
    # geography
    "capital": "capital",
    "largest_city": "city",
    "largestcity": "city",
    "location_city": "city",
    "city": "city",
    "birth_place": "city",
    "death_place": "city",
    "born": "city",
    "birth_date": "city",
    "died": "city",
    "death_date": "city",
    "headquarters": "city",
    "residence": "city",
    "country": "country",
    "citizenship": "country",
    "allegiance": "country",
    "country_of_origin": "country",
    "state": "place",
    "region": "place",
    "province": "place",
    "county": "place",
    "district": "place",
    "subdivision_name": "place",
    "official_languages": "language",
    "officiallang": "language",
    "languages": "language",
    "language": "language",
    "currency": "currency",
    "nationality": "nationality",
    "demonym": "nationality",
    "religion": "religion",
    "ethnic_groups": "ethnic_group",
    # people
    "spouse": "person:spouse",
    "spouses": "person:spouse",
    "partner": "person:spouse",
    "children": "person:child",
    "parents": "person:parent",
    "father": "person:parent",
    "mother": "person:parent",
    "relatives": "person:relative",
    "directed_by": "person:director",
    "director": "person:director",
    "produced_by": "person:producer",
    "producer": "person:producer",
    "written_by": "person:writer",
    "screenplay_by": "person:writer",
    "screenplay": "person:writer",
    "writer": "person:writer",
    "story_by": "person:writer",
    "starring": "person:actor",
    "music_by": "person:composer",
    "music": "person:composer",
    "cinematography": "person:cinematographer",
    "edited_by": "person:editor",
    "editing": "person:editor",
    "author": "person:author",
    "illustrator": "person:illustrator",
    "cover_artist": "person:illustrator",
    "predecessor": "person:officeholder",
    "successor": "person:officeholder",
    "leader_name": "person:officeholder",
    "leader_name1": "person:officeholder",
    "governor": "person:officeholder",
    "mayor": "person:officeholder",
    "president": "person:officeholder",
    "vicepresident": "person:officeholder",
    "primeminister": "person:officeholder",
    "commander": "person:commander",
    "founder": "person:founder",
    "founders": "person:founder",
    "doctoral_advisor": "person:scientist",
    "doctoral_students": "person:scientist",
    "coach": "person:coach",
    "head_coach": "person:coach",
    "manager": "person:coach",
    # organizations and roles
    "party": "party",
    "political_party": "party",
    "alma_mater": "school",
    "education": "school",
    "institutions": "organization",
    "occupation": "occupation",
    "occupations": "occupation",
    "profession": "occupation",
    "genre": "genre",
    "genres": "genre",
    "rank": "rank",
    "awards": "award",
    "instrument": "instrument",
    "instruments": "instrument",
    "label": "label",
    "publisher": "company",
    "production_company": "company",
    "production_companies": "company",
    "distributed_by": "company",
    "distributor": "company",
    "position": "position",
    "genus": "taxon:genus",
    "familia": "taxon:family",
    "family": "taxon:family",
    "ordo": "taxon:order",
    "order": "taxon:order",
    "classis": "taxon:class",
    "phylum": "taxon:phylum",
    "regnum": "taxon:kingdom",
    # figures
    "population": "number:population",
    "population_total": "number:population",
    "population_estimate": "number:population",
    "population_census": "number:population",
    "area": "number:area",
    "area_total": "number:area",
    "area_km2": "number:area",
    "area_total_km2": "number:area",
    "elevation": "number:elevation",
    "revenue": "number:money",
    "budget": "number:money",
    "box_office": "number:money",
    "gdp_ppp": "number:money",
    "gdp_nominal": "number:money",
    "gdp_ppp_per_capita": "number:money",
    "gdp_nominal_per_capita": "number:money",
    "num_employees": "number:count",
    "employees": "number:count",
    "number_of_employees": "number:count",
    "members": "number:count",
    "pages": "number:count",
    "strength": "number:strength",
    "casualties": "number:casualties",
    "running_time": "duration",
    "runtime": "duration",
    "length": "duration",
}
"""Infobox field -> class, for pools too vague to say (`place`, `person`, `number`)."""

_VAGUE = frozenset({"place", "person", "number", "organization", "work", "field", "position"})


def _field_key(field: str) -> str:
    return re.sub(r"\d+$", "", field.strip().casefold().replace(" ", "_"))


def semantic_class(pool: str, field: str = "") -> str:
    """The answer's class in the CONTRACT's vocabulary, from a pool name old or new.

    `field` is the card's infobox field (its `extra["field"]`), when it has one.
    """
    name = (pool or "").split("@")[0].strip()
    key = _field_key(field) if field else ""
    if name.startswith("field:"):
        key = key or _field_key(name.removeprefix("field:"))
        return _FIELD_CLASSES.get(key, name)
    if name.startswith("organization:"):
        return _FIELD_CLASSES.get(_field_key(name.removeprefix("organization:")), "organization")
    if name in ("strength", "casualties"):
        return f"number:{name}"
    if name == "inst":
        return "instrument"
    if name in _VAGUE:
        specific = _FIELD_CLASSES.get(key, "")
        if specific and specific.split(":")[0] in _FAMILIES[name]:
            return specific
        if key and name in _NARROWED_BY_FIELD:
            # An artist beside artists, a film's source beside other films' sources:
            # a vague pool whose field no table knows compares within that field.
            return f"{name}:{key}"
    return name


_NARROWED_BY_FIELD = frozenset({"person", "work", "place"})


_FAMILIES: dict[str, frozenset[str]] = {
    "place": frozenset({"capital", "city", "country", "place"}),
    "person": frozenset({"person"}),
    "number": frozenset({"number", "duration"}),
    "organization": frozenset({"party", "school", "organization", "company", "label"}),
    "work": frozenset(),
    "field": frozenset(),
    "position": frozenset({"position"}),
}
"""What a vague pool may be narrowed to by its field (never a person to a place)."""


def role_of(cls: str) -> str:
    """ "person:spouse" -> "spouse"; "" for a class without a role."""
    return cls.split(":", 1)[1] if ":" in cls else ""


PERSON_ROLE_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"director", "producer", "writer", "cinematographer", "editor", "composer"}),
    frozenset({"author", "writer", "illustrator"}),
)
"""Roles whose people may stand in for each other as options (a producer beside a
director); spouses, parents, children, commanders and officeholders never mix with
any other role (a mayor is no option for a commander)."""


def related_person_classes(cls: str) -> list[str]:
    """Other person classes that make adequate options for this one, nearest first."""
    role = role_of(cls)
    related: list[str] = []
    for family in PERSON_ROLE_FAMILIES:
        if role in family:
            related.extend(f"person:{other}" for other in sorted(family) if other != role)
    return list(dict.fromkeys(related))
