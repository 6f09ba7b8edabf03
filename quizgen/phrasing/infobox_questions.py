"""Phrasing infobox facts as the questions a person would ask.

Each infobox family has its own phrasing table ("Who directed X?" for films,
"What is the capital of X?" for places); numbered sides of a conflict are paired
(`combatantN` / `commanderN` / `strengthN` / `casualtiesN`) and named by their
first combatant ("the Armenian side"). Anything not in a table still reads as
English: "What is the elevation of X?", never "What is the combatant1 of X?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from quizgen.core.date_format import format_date
from quizgen.core.models import AnswerType, Article, Infobox, InfoboxField, Question
from quizgen.facts.dates import find_dates
from quizgen.facts.infobox_kinds import InfoboxKind, Subject, classify, describe_subject
from quizgen.facts.infobox_values import (
    attributed_parts,
    guess_answer_type,
    is_number_value,
    is_placeholder,
    looks_like_sentence,
    number_count,
    split_notes,
)
from quizgen.phrasing.demonyms import in_sentence, side_name


@dataclass(frozen=True)
class Phrasing:
    """How to ask one field: `single` for one item, `multi` for "name one of several".

    Templates use {S} (subject in a sentence), {Sc} (capitalized), {Sp}
    (possessive), {be} / {do} (tense: present for what still is, past for what was).
    """

    single: str
    multi: str | None = None
    pool: str = "text"
    answer_type: AnswerType | None = None
    date_field: bool = False


P = Phrasing

_PERSON: dict[str, Phrasing] = {
    "birth_date": P("When was {S} born?", pool="date", date_field=True),
    "born": P("When was {S} born?", pool="date", date_field=True),
    "death_date": P("When did {S} die?", pool="date", date_field=True),
    "died": P("When did {S} die?", pool="date", date_field=True),
    "birth_place": P("Where was {S} born?", pool="place"),
    "death_place": P("Where did {S} die?", pool="place"),
    "resting_place": P("Where is {S} buried?", pool="place"),
    "occupation": P("What {be} {Sp} occupation?", "Name one of {Sp} occupations.", "occupation"),
    "occupations": P("What {be} {Sp} occupation?", "Name one of {Sp} occupations.", "occupation"),
    "profession": P("What {be} {Sp} profession?", "Name one of {Sp} professions.", "occupation"),
    "nationality": P("What {be} {Sp} nationality?", pool="nationality"),
    "citizenship": P("Of which country {be} {S} a citizen?", pool="country"),
    "spouse": P("Who {be} {Sp} spouse?", "Name one of {Sp} spouses.", "person"),
    "spouses": P("Who {be} {Sp} spouse?", "Name one of {Sp} spouses.", "person"),
    "partner": P("Who {be} {Sp} partner?", "Name one of {Sp} partners.", "person"),
    "parents": P("Who {be} one of {Sp} parents?", "Name one of {Sp} parents.", "person"),
    "father": P("Who {be} {Sp} father?", pool="person"),
    "mother": P("Who {be} {Sp} mother?", pool="person"),
    "relatives": P("Name a relative of {S}.", "Name one of {Sp} relatives.", "person"),
    "alma_mater": P(
        "Where did {S} study?", "Name one institution where {S} studied.", "organization"
    ),
    "education": P(
        "Where did {S} study?", "Name one institution where {S} studied.", "organization"
    ),
    "known_for": P("What {be} {S} known for?", "Name one thing {S} {be} known for.", "work"),
    "notable_works": P("Name a notable work of {S}.", "Name one notable work of {S}.", "work"),
    "awards": P("Which award did {S} receive?", "Name one award {S} received.", "award"),
    "party": P("Which political party {do} {S} belong to?", pool="organization"),
    "political_party": P("Which political party {do} {S} belong to?", pool="organization"),
    "office": P("What office did {S} hold?", "Name one office {S} held.", "office"),
    "predecessor": P("Who preceded {S} in office?", pool="person"),
    "successor": P("Who succeeded {S} in office?", pool="person"),
    "allegiance": P("Which country did {S} serve?", pool="country"),
    "branch": P("In which branch of the military did {S} serve?", pool="organization"),
    "rank": P("What rank did {S} reach?", pool="rank"),
    "battles": P("Name a battle {S} fought in.", "Name one battle {S} fought in.", "conflict"),
    "years_active": P("During which years {be} {S} active?", pool="date", date_field=True),
    "genre": P("In which genre {do} {S} work?", "Name one genre {S} worked in.", "genre"),
    "genres": P("In which genre {do} {S} work?", "Name one genre {S} worked in.", "genre"),
    "instrument": P("Which instrument {do} {S} play?", "Name one instrument {S} played.", "inst"),
    "instruments": P("Which instrument {do} {S} play?", "Name one instrument {S} played.", "inst"),
    "children": P("Name one of {Sp} children.", "Name one of {Sp} children.", "person"),
    "fields": P("In which field {do} {S} work?", "Name one field {S} worked in.", "field"),
    "field": P("In which field {do} {S} work?", "Name one field {S} worked in.", "field"),
    "institutions": P("Where did {S} work?", "Name one institution {S} worked at.", "organization"),
    "doctoral_advisor": P("Who was {Sp} doctoral advisor?", pool="person"),
    "title": P("What title did {S} hold?", "Name one title {S} held.", "office"),
    "reign": P("When did {S} reign?", pool="date", date_field=True),
    "house": P("To which royal house did {S} belong?", pool="organization"),
    "religion": P("What {be} {Sp} religion?", pool="religion"),
}

_SETTLEMENT: dict[str, Phrasing] = {
    "capital": P("What is the capital of {S}?", pool="place"),
    "largest_city": P("What is the largest city of {S}?", pool="place"),
    "country": P("In which country is {S}?", pool="country"),
    "state": P("In which state is {S}?", pool="place"),
    "region": P("In which region is {S}?", pool="place"),
    "province": P("In which province is {S}?", pool="place"),
    "county": P("In which county is {S}?", pool="place"),
    "district": P("In which district is {S}?", pool="place"),
    "subdivision_name": P("In which region is {S}?", pool="place"),
    "population": P("What is the population of {S}?", pool="number", answer_type="number"),
    "population_total": P("What is the population of {S}?", pool="number", answer_type="number"),
    "area": P("What is the area of {S}?", pool="number", answer_type="number"),
    "area_total": P("What is the area of {S}?", pool="number", answer_type="number"),
    "area_total_km2": P("What is the area of {S} in km²?", pool="number", answer_type="number"),
    "elevation": P("What is the elevation of {S}?", pool="number", answer_type="number"),
    "mayor": P("Who is the mayor of {S}?", pool="person"),
    "leader_name": P("Who leads {S}?", pool="person"),
    "founded": P("When was {S} founded?", pool="date", date_field=True),
    "established": P("When was {S} established?", pool="date", date_field=True),
    "settled": P("When was {S} first settled?", pool="date", date_field=True),
    "incorporated": P("When was {S} incorporated?", pool="date", date_field=True),
    "official_languages": P(
        "What is the official language of {S}?", "Name one official language of {S}.", "language"
    ),
    "languages": P("What language is spoken in {S}?", "Name one language of {S}.", "language"),
    "currency": P("What is the currency of {S}?", pool="currency"),
    "demonym": P("What are the people of {S} called?", pool="nationality"),
    "government": P("What kind of government does {S} have?", pool="government"),
    "government_type": P("What kind of government does {S} have?", pool="government"),
    "time_zone": P("In which time zone is {S}?", pool="timezone"),
    "timezone": P("In which time zone is {S}?", pool="timezone"),
    "anthem": P("What is the anthem of {S}?", pool="work"),
    "motto": P("What is the motto of {S}?", pool="motto"),
    "named_for": P("What is {S} named after?", pool="text"),
}

_ORGANIZATION: dict[str, Phrasing] = {
    "founded": P("When was {S} founded?", pool="date", date_field=True),
    "formation": P("When was {S} formed?", pool="date", date_field=True),
    "defunct": P("When did {S} cease to exist?", pool="date", date_field=True),
    "founder": P("Who founded {S}?", "Name one founder of {S}.", "person"),
    "founders": P("Who founded {S}?", "Name one founder of {S}.", "person"),
    "headquarters": P("Where is {S} headquartered?", pool="place"),
    "location": P("Where is {S} based?", pool="place"),
    "location_city": P("In which city is {S} based?", pool="place"),
    "industry": P("In which industry does {S} operate?", "Name one industry of {S}.", "industry"),
    "products": P("Name a product of {S}.", "Name one product of {S}.", "product"),
    "services": P("Name a service of {S}.", "Name one service of {S}.", "product"),
    "revenue": P("What was {Sp} revenue?", pool="number", answer_type="number"),
    "num_employees": P("How many employees does {S} have?", pool="number", answer_type="number"),
    "number_of_employees": P(
        "How many employees does {S} have?", pool="number", answer_type="number"
    ),
    "employees": P("How many employees does {S} have?", pool="number", answer_type="number"),
    "parent": P("What is the parent organization of {S}?", pool="organization"),
    "owner": P("Who owns {S}?", pool="organization"),
    "subsidiaries": P("Name a subsidiary of {S}.", "Name one subsidiary of {S}.", "organization"),
    "predecessor": P("What was the predecessor of {S}?", pool="organization"),
    "successor": P("What succeeded {S}?", pool="organization"),
    "type": P("What type of organization is {S}?", pool="orgtype"),
    "area_served": P("What area does {S} serve?", pool="place"),
    "key_people": P(
        "Name one of the key people of {S}.", "Name one of the key people of {S}.", "person"
    ),
    "chairman": P("Who chairs {S}?", pool="person"),
    "ceo": P("Who is the CEO of {S}?", pool="person"),
    "leader_name": P("Who leads {S}?", pool="person"),
    "members": P("How many members does {S} have?", pool="number", answer_type="number"),
    "purpose": P("What is the purpose of {S}?", pool="text"),
}

_FILM: dict[str, Phrasing] = {
    "directed_by": P("Who directed {S}?", "Name one director of {S}.", "person"),
    "director": P("Who directed {S}?", "Name one director of {S}.", "person"),
    "produced_by": P("Who produced {S}?", "Name one producer of {S}.", "person"),
    "producer": P("Who produced {S}?", "Name one producer of {S}.", "person"),
    "written_by": P("Who wrote {S}?", "Name one writer of {S}.", "person"),
    "screenplay_by": P(
        "Who wrote the screenplay of {S}?", "Name one screenwriter of {S}.", "person"
    ),
    "story_by": P("Who wrote the story of {S}?", "Name one story writer of {S}.", "person"),
    "based_on": P("What is {S} based on?", pool="work"),
    "starring": P("Who starred in {S}?", "Name one actor who starred in {S}.", "person"),
    "music_by": P("Who composed the music for {S}?", "Name one composer of {S}.", "person"),
    "cinematography": P("Who was the cinematographer of {S}?", pool="person"),
    "edited_by": P("Who edited {S}?", "Name one editor of {S}.", "person"),
    "production_company": P(
        "Which company produced {S}?", "Name one company that produced {S}.", "organization"
    ),
    "production_companies": P(
        "Which company produced {S}?", "Name one company that produced {S}.", "organization"
    ),
    "distributed_by": P("Who distributed {S}?", "Name one distributor of {S}.", "organization"),
    "release_date": P("When was {S} released?", pool="date", date_field=True),
    "released": P("When was {S} released?", pool="date", date_field=True),
    "running_time": P("What is the running time of {S}?", pool="number", answer_type="number"),
    "country": P("In which country was {S} made?", "Name one country that made {S}.", "country"),
    "language": P("In what language is {S}?", "Name one language of {S}.", "language"),
    "budget": P("What was the budget of {S}?", pool="number", answer_type="number"),
    "box_office": P(
        "How much did {S} earn at the box office?", pool="number", answer_type="number"
    ),
}

_BOOK: dict[str, Phrasing] = {
    "author": P("Who wrote {S}?", "Name one author of {S}.", "person"),
    "publisher": P("Who published {S}?", pool="organization"),
    "publication_date": P("When was {S} published?", pool="date", date_field=True),
    "published": P("When was {S} published?", pool="date", date_field=True),
    "pages": P("How many pages does {S} have?", pool="number", answer_type="number"),
    "genre": P("What genre is {S}?", "Name one genre of {S}.", "genre"),
    "illustrator": P("Who illustrated {S}?", pool="person"),
    "cover_artist": P("Who made the cover art of {S}?", pool="person"),
    "country": P("In which country was {S} published?", pool="country"),
    "language": P("In what language was {S} written?", pool="language"),
    "series": P("Which series does {S} belong to?", pool="work"),
    "followed_by": P("Which work followed {S}?", pool="work"),
    "preceded_by": P("Which work preceded {S}?", pool="work"),
}

_ALBUM: dict[str, Phrasing] = {
    "artist": P("Who recorded {S}?", pool="person"),
    "released": P("When was {S} released?", pool="date", date_field=True),
    "recorded": P("When was {S} recorded?", pool="date", date_field=True),
    "studio": P("Where was {S} recorded?", "Name one studio where {S} was recorded.", "place"),
    "label": P("On which label was {S} released?", "Name one label of {S}.", "organization"),
    "producer": P("Who produced {S}?", "Name one producer of {S}.", "person"),
    "genre": P("What genre is {S}?", "Name one genre of {S}.", "genre"),
    "length": P("How long is {S}?", pool="number", answer_type="number"),
}

_TELEVISION: dict[str, Phrasing] = {
    "created_by": P("Who created {S}?", "Name one creator of {S}.", "person"),
    "network": P("On which network did {S} air?", pool="organization"),
    "original_network": P("On which network did {S} first air?", pool="organization"),
    "num_seasons": P("How many seasons does {S} have?", pool="number", answer_type="number"),
    "num_series": P("How many series does {S} have?", pool="number", answer_type="number"),
    "num_episodes": P("How many episodes does {S} have?", pool="number", answer_type="number"),
    "first_aired": P("When did {S} first air?", pool="date", date_field=True),
    "release": P("When did {S} air?", pool="date", date_field=True),
    "original_release": P("When did {S} first air?", pool="date", date_field=True),
    "presented_by": P("Who presented {S}?", "Name one presenter of {S}.", "person"),
    "starring": P("Who starred in {S}?", "Name one actor who starred in {S}.", "person"),
    "showrunner": P("Who was the showrunner of {S}?", pool="person"),
    "country_of_origin": P("In which country was {S} made?", pool="country"),
    "genre": P("What genre is {S}?", "Name one genre of {S}.", "genre"),
}

_SPORTS: dict[str, Phrasing] = {
    "league": P("In which league does {S} play?", pool="organization"),
    "stadium": P("What is the home stadium of {S}?", pool="venue"),
    "ground": P("What is the home ground of {S}?", pool="venue"),
    "arena": P("What is the home arena of {S}?", pool="venue"),
    "head_coach": P("Who is the head coach of {S}?", pool="person"),
    "manager": P("Who is the manager of {S}?", pool="person"),
    "coach": P("Who is the coach of {S}?", pool="person"),
    "nickname": P("What is the nickname of {S}?", "Name one nickname of {S}.", "nickname"),
    "nicknames": P("What is the nickname of {S}?", "Name one nickname of {S}.", "nickname"),
    "position": P("What position {do} {S} play?", "Name one position {S} played.", "position"),
    "current_team": P("Which team does {S} play for?", pool="organization"),
    "club": P("Which club does {S} play for?", pool="organization"),
    "sport": P("Which sport does {S} play?", pool="sport"),
    "champion": P("Who won {S}?", pool="organization"),
    "champions": P("Who won {S}?", pool="organization"),
    "runner_up": P("Who was the runner-up in {S}?", pool="organization"),
    "teams": P("How many teams took part in {S}?", pool="number", answer_type="number"),
    "founded": P("When was {S} founded?", pool="date", date_field=True),
    "venue": P("Where was {S} held?", pool="venue"),
    "full_name": P("What is the full name of {S}?", pool="fullname"),
    "capacity": P("What is the capacity of {Sp} ground?", pool="number", answer_type="number"),
    "president": P("Who is the president of {S}?", pool="person"),
    "chairman": P("Who is the chairman of {S}?", pool="person"),
    "captain": P("Who is the captain of {S}?", pool="person"),
    "owner": P("Who owns {S}?", pool="person"),
    "city": P("In which city is {S} based?", pool="place"),
}

_SHIP: dict[str, Phrasing] = {
    "builder": P("Who built {S}?", pool="organization"),
    "laid_down": P("When was {S} laid down?", pool="date", date_field=True),
    "launched": P("When was {S} launched?", pool="date", date_field=True),
    "commissioned": P("When was {S} commissioned?", pool="date", date_field=True),
    "decommissioned": P("When was {S} decommissioned?", pool="date", date_field=True),
    "fate": P("What was the fate of {S}?", pool="fate"),
    "displacement": P("What was the displacement of {S}?", pool="number", answer_type="number"),
    "length": P("How long was {S}?", pool="number", answer_type="number"),
    "class": P("What class of ship was {S}?", pool="shipclass"),
    "ship_class": P("What class of ship was {S}?", pool="shipclass"),
    "namesake": P("Who or what was {S} named after?", pool="text"),
    "operator": P("Who operated {S}?", pool="organization"),
    "owner": P("Who owned {S}?", pool="organization"),
    "homeport": P("What was the home port of {S}?", pool="place"),
    "propulsion": P("How was {S} propelled?", pool="text"),
}

_AIRCRAFT: dict[str, Phrasing] = {
    "manufacturer": P("Who manufactured {S}?", "Name one manufacturer of {S}.", "organization"),
    "designer": P("Who designed {S}?", "Name one designer of {S}.", "person"),
    "first_flight": P("When did {S} first fly?", pool="date", date_field=True),
    "introduced": P("When was {S} introduced?", pool="date", date_field=True),
    "introduction": P("When was {S} introduced?", pool="date", date_field=True),
    "retired": P("When was {S} retired?", pool="date", date_field=True),
    "role": P("What kind of aircraft is {S}?", pool="role"),
    "primary_user": P("Who was the main user of {S}?", pool="organization"),
    "primary_users": P(
        "Who was the main user of {S}?", "Name one main user of {S}.", "organization"
    ),
    "number_built": P("How many {S} were built?", pool="number", answer_type="number"),
    "produced": P("When was {S} produced?", pool="date", date_field=True),
}

_EVENT: dict[str, Phrasing] = {
    "date": P("When did {S} take place?", pool="date", date_field=True),
    "time": P("At what time did {S} happen?", pool="text"),
    "location": P("Where did {S} take place?", pool="place"),
    "place": P("Where did {S} take place?", pool="place"),
    "venue": P("Where was {S} held?", pool="place"),
    "cause": P("What caused {S}?", pool="text"),
    "outcome": P("What was the outcome of {S}?", pool="result"),
    "result": P("What was the result of {S}?", pool="result"),
    "deaths": P("How many people died in {S}?", pool="number", answer_type="number"),
    "injuries": P("How many people were injured in {S}?", pool="number", answer_type="number"),
    "missing": P("How many people went missing in {S}?", pool="number", answer_type="number"),
    "participants": P("Who took part in {S}?", "Name one participant in {S}.", "person"),
    "organizer": P("Who organized {S}?", pool="organization"),
    "organised_by": P("Who organized {S}?", pool="organization"),
    "organized_by": P("Who organized {S}?", pool="organization"),
    "perpetrator": P("Who carried out {S}?", "Name one perpetrator of {S}.", "person"),
    "perpetrators": P("Who carried out {S}?", "Name one perpetrator of {S}.", "person"),
    "type": P("What kind of event was {S}?", pool="text"),
    "theme": P("What was the theme of {S}?", pool="text"),
}

_CONFLICT: dict[str, Phrasing] = {
    "date": P("When did {S} take place?", pool="date", date_field=True),
    "place": P("Where did {S} take place?", pool="place"),
    "location": P("Where did {S} take place?", pool="place"),
    "result": P("What was the result of {S}?", pool="result"),
    "partof": P(
        "Of which larger conflict was {S} a part?",
        "Name one larger conflict of which {S} was a part.",
        "conflict",
    ),
    "part_of": P(
        "Of which larger conflict was {S} a part?",
        "Name one larger conflict of which {S} was a part.",
        "conflict",
    ),
    "territory": P("What territorial changes followed {S}?", pool="territory"),
    "status": P("What is the status of {S}?", pool="result"),
    "casus": P("What triggered {S}?", pool="text"),
    "conflict": P("By what other name is {S} known?", pool="conflict"),
}

_TABLES: dict[InfoboxKind, dict[str, Phrasing]] = {
    "conflict": _CONFLICT,
    "person": _PERSON,
    "settlement": _SETTLEMENT,
    "organization": _ORGANIZATION,
    "film": _FILM,
    "book": _BOOK,
    "album": _ALBUM,
    "television": _TELEVISION,
    "sports": _SPORTS,
    "ship": _SHIP,
    "aircraft": _AIRCRAFT,
    "event": _EVENT,
    "generic": {},
}

_FALLBACK_TABLES = (_EVENT, _ORGANIZATION, _SETTLEMENT, _PERSON)

_KEY_ALIASES = {
    "no_of_seasons": "num_seasons",
    "no_of_episodes": "num_episodes",
    "no_of_series": "num_series",
    "number_of_seasons": "num_seasons",
    "number_of_episodes": "num_episodes",
    "directed": "directed_by",
    "starring_by": "starring",
    "written": "written_by",
    "music": "music_by",
    "edited": "edited_by",
    "distributor": "distributed_by",
    "founders": "founder",
    "headquarters_location": "headquarters",
    "hq": "headquarters",
    "place_of_birth": "birth_place",
    "place_of_death": "death_place",
    "date_of_birth": "birth_date",
    "date_of_death": "death_date",
    "spouse_s": "spouse",
    "battles_wars": "battles",
    "service_branch": "branch",
    "years_of_service": "years_active",
    "population_estimate": "population",
    "total_population": "population",
}
"""Spellings of the same field across infobox templates, mapped to the phrasing tables' keys."""

_ROLE_WORDS = re.compile(
    r"\b(?:president|chairman|chairperson|chair|leader|director|owner|coach|captain|ceo|"
    r"founder|editor|manager|governor|mayor|premier|minister|secretary|commander|chief|head|"
    r"king|queen|monarch|ruler|emperor|architect|designer|author|composer|inventor|"
    r"discoverer|presenter|host|producer)s?\b"
)
"""Fields of one family often appear in another's infobox (a company's `founded`...)."""

SKIPPED_FIELDS = {
    "image",
    "image_size",
    "imagesize",
    "caption",
    "alt",
    "map",
    "map_caption",
    "coordinates",
    "coords",
    "website",
    "url",
    "logo",
    "signature",
    "footnotes",
    "notes",
    "name",
    "native_name",
    "title",
    "isbn",
    "oclc",
    "dewey",
    "congress",
    "issn",
    "imdb_id",
    "postal_code",
    "area_code",
    "iso_code",
    "blank_name",
    "blank_info",
    "module",
    "embedded",
    "pushpin_map",
    "flag",
    "seal",
    "label_name",
    "chronology",
    "misc",
    "traded_as",
    "conflict",
}

_NUMBERED = re.compile(r"^(combatant|commander|strength|casualties|units|leaders?)(\d+)([a-z]?)$")
_SIDE_FIELDS = {"combatant", "commander", "strength", "casualties", "units", "leader", "leaders"}
_PAST_KINDS = {"conflict", "event", "ship", "film", "book", "album"}


def infobox_questions(article: Article) -> list[Question]:
    """Every question the article's infoboxes support, in field order."""
    questions: list[Question] = []
    for index, infobox in enumerate(article.infoboxes):
        kind = classify(infobox)
        subject = describe_subject(article.title, kind)
        found = _conflict_side_questions(infobox, subject, index)
        for infobox_field in infobox.fields:
            if _NUMBERED.match(infobox_field.key) or infobox_field.key in SKIPPED_FIELDS:
                continue
            found.extend(_field_questions(infobox, infobox_field, kind, subject, index))
        reverse = _reverse_question(infobox, kind, subject, index)
        if reverse:
            found.append(reverse)
        questions.extend(_with_kind_pool(question, kind) for question in found)
    return questions


def _with_kind_pool(question: Question, kind: InfoboxKind) -> Question:
    """ "person@conflict": a commander's distractors are other commanders first, not actors."""
    if question.distractor_pool in ("date", "number", "") or "@" in question.distractor_pool:
        return question
    return replace(question, distractor_pool=f"{question.distractor_pool}@{kind}")


_REVERSE: dict[str, tuple[tuple[str, ...], str]] = {
    "conflict": (("place", "location"), "Which {year} {noun} took place in {value}?"),
    "event": (("location", "place", "venue"), "Which {year} event took place in {value}?"),
    "film": (("directed_by", "director"), "Which {year} film did {value} direct?"),
    "book": (("author",), "Which {year} book did {value} write?"),
    "album": (("artist",), "Which {year} album did {value} record?"),
    "television": (("created_by",), "Which {year} series did {value} create?"),
    "organization": (("founder", "founders"), "Which organization did {value} found in {year}?"),
}
_YEAR_FIELDS = (
    "date",
    "release_date",
    "released",
    "publication_date",
    "published",
    "founded",
    "formation",
    "first_aired",
    "original_release",
)


def _reverse_question(
    infobox: Infobox, kind: InfoboxKind, subject: Subject, infobox_index: int
) -> Question | None:
    """ "Which 1919 battle took place in Zangezur uezd?": the subject is the answer.

    Only for families where the pair (year, place or maker) nearly always singles
    out one subject; the builder drops a reverse question that another article in
    the deck would also answer.
    """
    if kind not in _REVERSE:
        return None
    field_keys, template = _REVERSE[kind]
    value_field = next((infobox.get(key) for key in field_keys if infobox.get(key)), None)
    if value_field is None:
        return None
    items = _clean_items(value_field)
    if len(items) != 1 or len(items[0].split()) > 6 or looks_like_sentence(items[0]):
        return None
    year = None
    for key in _YEAR_FIELDS:
        year_field = infobox.get(key)
        mentions = find_dates(year_field.text) if year_field else []
        if mentions:
            value = mentions[0].value
            years = {value.start.year, value.end.year}
            year = (
                f"{value.start.year}–{value.end.year}" if len(years) > 1 else str(value.start.year)
            )
            break
    if year is None:
        return None
    answer = re.sub(r"\s*\([^()]*\)\s*$", "", subject.short_title).strip()
    if not answer or answer.casefold() in items[0].casefold():
        return None
    question = template.format(year=year, noun=subject.noun, value=items[0])
    return Question(
        kind="infobox",
        fact_key=_fact_key(infobox_index, "reverse", value_field.key),
        question=question,
        answer=answer,
        answer_type="name",
        source_section="Infobox",
        source_text=f"{value_field.label}: {value_field.text}",
        distractor_pool=f"title:{kind}",
        extra={"field": value_field.key, "reverse": True},
    )


def _fact_key(infobox_index: int, key: str, suffix: str = "") -> str:
    prefix = "infobox" if infobox_index == 0 else f"infobox{infobox_index + 1}"
    return f"{prefix}:{key}{':' + suffix if suffix else ''}"


_LONG_AGO_BIRTH_YEAR = 1905
"""Nobody born before this is alive: without a death field, such a person is in the past."""


def _person_is_dead(infobox: Infobox) -> bool:
    if any(infobox.get(key) for key in ("death_date", "died", "death_place", "resting_place")):
        return True
    for key in ("birth_date", "born"):
        birth = infobox.get(key)
        mentions = find_dates(birth.text) if birth else []
        if mentions:
            return mentions[0].value.start.year < _LONG_AGO_BIRTH_YEAR
    return False


def _tense(infobox: Infobox, kind: InfoboxKind) -> dict[str, str]:
    past = kind in _PAST_KINDS
    if kind == "person":
        past = _person_is_dead(infobox)
    if kind == "organization":
        past = infobox.get("defunct") is not None
    return {"be": "was" if past else "is", "do": "did" if past else "does"}


def _render(template: str, subject: Subject, tense: dict[str, str]) -> str:
    text = template.format(S=subject.name, Sc=subject.capitalized, Sp=subject.possessive, **tense)
    return text[:1].upper() + text[1:]


def _phrasing_for(key: str, kind: InfoboxKind) -> Phrasing | None:
    key = _KEY_ALIASES.get(key, key)
    table = _TABLES[kind]
    if key in table:
        return table[key]
    for fallback in _FALLBACK_TABLES:
        if key in fallback:
            return fallback[key]
    return None


def _humanize(label: str) -> str:
    words = re.sub(r"[_\s]+", " ", re.sub(r"\d+$", "", label)).strip().casefold()
    return re.sub(r"^(?:no\.?|num|#)\s+(?:of\s+)?", "number of ", words)


_NAME_LIKE = re.compile(
    r"^(?:[A-Z\u00c0-\u024f][\w.'’-]*)(?:\s+(?:[A-Z\u00c0-\u024f][\w.'’-]*|"
    r"de|da|di|von|van|der|del|la|le|bin|ibn|al-\w+|of|the|bey|y))*$"
)


_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|Bros)\.)$")


def _name_list(item: str) -> list[str]:
    """ "Teo Macero, Irving Townsend" -> two names; "Goris, Armenia" stays for places."""
    parts = [part.strip() for part in item.split(",")]
    if len(parts) > 1 and all(_NAME_LIKE.match(part) and len(part.split()) >= 2 for part in parts):
        return parts
    return [item]


def _clean_items(infobox_field: InfoboxField, split_names: bool = False) -> list[str]:
    items: list[str] = []
    raw_items = [
        piece
        for item in infobox_field.items
        for piece in (_name_list(item) if split_names else [item])
    ]
    for item in raw_items:
        text = split_notes(item).text.strip(" ;")
        if text.endswith(".") and not _ABBREVIATION_END.search(text):
            text = text.rstrip(".").rstrip()
        if (
            text
            and not is_placeholder(text)
            and text.casefold() not in {i.casefold() for i in items}
        ):
            items.append(text)
    return items


def _field_questions(
    infobox: Infobox,
    infobox_field: InfoboxField,
    kind: InfoboxKind,
    subject: Subject,
    infobox_index: int,
) -> list[Question]:
    phrasing = _phrasing_for(infobox_field.key, kind)
    tense = _tense(infobox, kind)
    if phrasing is None:
        label = _humanize(infobox_field.label or infobox_field.key)
        if not label or len(label) > 40:
            return []
        be = "was" if tense["be"] == "was" else "is"
        asks = "Who" if _ROLE_WORDS.search(label) else "What"
        # Distractors for an unknown field come only from the same field elsewhere.
        phrasing = Phrasing(
            f"{asks} {be} the {label} of {{S}}?",
            f"Name one {label} of {{S}}.",
            pool=f"field:{infobox_field.key}",
        )
    elif phrasing.pool == "organization":
        # A school is not a league nor a network: organizations compare within one field.
        phrasing = replace(
            phrasing, pool=f"organization:{_KEY_ALIASES.get(infobox_field.key, infobox_field.key)}"
        )
    source_text = f"{infobox_field.label}: {infobox_field.text}"
    key = _fact_key(infobox_index, infobox_field.key)
    if phrasing.date_field:
        return _date_field_questions(
            infobox_field, phrasing, subject.without_years(), tense, key, source_text
        )
    items = _clean_items(infobox_field, split_names=phrasing.pool == "person")
    if not items:
        return []
    if infobox_field.key == "children" and is_number_value(items[0]):
        phrasing = Phrasing("How many children {do} {S} have?", pool="number", answer_type="number")
        tense = {**tense, "do": "did" if tense["be"] == "was" else "does"}
    elif phrasing.pool not in ("number", "date", "text") and re.fullmatch(r"[\d\s.,–-]+", items[0]):
        return []  # a bare figure where a name is expected: a malformed field
    if infobox_field.key in ("result", "outcome"):
        # The first line (up to a semicolon) is the verdict; the rest explains it.
        items = [items[0].split(";")[0].strip()]
    elif infobox_field.key in ("partof", "part_of"):
        items = _split_conflicts(items)
    answer_type = phrasing.answer_type or guess_answer_type(items[0])
    any_of = len(items) > 1
    template = phrasing.multi if any_of and phrasing.multi else phrasing.single
    if any_of and not phrasing.multi and answer_type == "number":
        any_of = False  # several figures for one quantity: asked as written
    notes = [note for item in infobox_field.items for note in split_notes(item).notes]
    return [
        Question(
            kind="infobox",
            fact_key=key,
            question=_render(template, subject, tense),
            answer=items[0],
            accepted=tuple(items[1:]) if any_of else (),
            answer_type=answer_type,
            any_of=any_of,
            source_section="Infobox",
            source_text=source_text,
            distractor_pool=phrasing.pool,
            extra={"field": infobox_field.key, "notes": notes}
            if notes
            else {"field": infobox_field.key},
        )
    ]


def _date_field_questions(
    infobox_field: InfoboxField,
    phrasing: Phrasing,
    subject: Subject,
    tense: dict[str, str],
    key: str,
    source_text: str,
) -> list[Question]:
    mentions = find_dates(infobox_field.text)
    if not mentions:
        return []
    mention = mentions[0]
    if _DATE_BEFORE.search(infobox_field.text[: mention.span[0]]):
        return []  # "March 2 and April 22, 1959": the grammar saw only part of it
    value = mention.value
    accepted = (format_date(mention.old_style),) if mention.old_style else ()
    questions = [
        Question(
            kind="infobox",
            fact_key=key,
            question=_render(phrasing.single, subject, tense),
            answer=format_date(value),
            accepted=accepted,
            answer_type="date",
            date=value,
            source_section="Infobox",
            source_text=source_text,
            distractor_pool="date",
            extra={"field": infobox_field.key},
        )
    ]
    if infobox_field.key in ("born", "birth_date", "died", "death_date"):
        place = _place_after_date(infobox_field.text, mention.span[1])
        if place:
            verb = "born" if infobox_field.key in ("born", "birth_date") else "die"
            question = (
                f"Where was {subject.name} born?"
                if verb == "born"
                else (f"Where did {subject.name} die?")
            )
            questions.append(
                Question(
                    kind="infobox",
                    fact_key=key + ":place",
                    question=question,
                    answer=place,
                    answer_type="name",
                    source_section="Infobox",
                    source_text=source_text,
                    distractor_pool="place",
                    extra={"field": infobox_field.key},
                )
            )
    return questions


def _split_conflicts(items: list[str]) -> list[str]:
    """ "the X campaign of World War I, the southern front of Y and Z" -> three conflicts."""
    parts: list[str] = []
    for item in items:
        for piece in re.split(r",\s+|\s+and\s+(?=the\b|[A-Z])|\s+during\s+", item):
            piece = piece.strip(" ,;")
            if piece and piece not in parts:
                parts.append(piece)
    return parts


_DATE_BEFORE = re.compile(
    r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b", re.IGNORECASE
)
_AGE_NOTE = re.compile(r"\(?\s*(?:aged?\s*)?\d+\s*(?:years?\s*(?:old|ago)?)?\s*\)?", re.I)


def _place_after_date(text: str, date_end: int) -> str:
    """ "10 December 1815, London, England" -> "London, England"."""
    rest = split_notes(text[date_end:]).text
    rest = _AGE_NOTE.sub(" ", rest)
    rest = re.sub(r"^[\s,;:]*(?:in\s+)?", "", rest).strip(" ,;")
    if rest.endswith(".") and not _ABBREVIATION_END.search(rest):
        rest = rest.rstrip(".")
    if (
        not rest
        or not rest[:1].isupper()
        or len(rest.split()) > 8
        or any(c.isdigit() for c in rest)
    ):
        return ""
    return rest


def _conflict_side_questions(
    infobox: Infobox, subject: Subject, infobox_index: int
) -> list[Question]:
    """Pair `combatantN` / `commanderN` / `strengthN` / `casualtiesN` into sides."""
    sides: dict[int, dict[str, InfoboxField]] = {}
    for infobox_field in infobox.fields:
        match = _NUMBERED.match(infobox_field.key)
        if match and not match.group(3):
            role = match.group(1).rstrip("s") if match.group(1) != "casualties" else "casualties"
            sides.setdefault(int(match.group(2)), {})[role] = infobox_field
    if not sides:
        return []
    combatants = {
        number: _clean_items(fields["combatant"])
        for number, fields in sides.items()
        if "combatant" in fields
    }
    names = {number: side_name(items[0]) for number, items in combatants.items() if items}
    questions: list[Question] = []
    for number, fields in sorted(sides.items()):
        side = names.get(number)
        if side is None:
            continue
        opponents = [
            combatants[other][0]
            for other in sorted(combatants)
            if other != number and combatants[other]
        ]
        questions.extend(
            _side_questions(
                fields,
                number,
                side,
                combatants.get(number, []),
                opponents,
                subject,
                infobox_index,
                combatants,
            )
        )
    return questions


def _join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _side_questions(
    fields: dict[str, InfoboxField],
    number: int,
    side: str,
    own_combatants: list[str],
    opponents: list[str],
    subject: Subject,
    infobox_index: int,
    all_combatants: dict[int, list[str]],
) -> list[Question]:
    questions: list[Question] = []
    other_side_items = [
        item
        for other, items in all_combatants.items()
        if other != number
        for item in items
        if item not in opponents
    ]
    if own_combatants and opponents and len(opponents) <= 2:
        combatant_field = fields["combatant"]
        questions.append(
            Question(
                kind="infobox",
                fact_key=_fact_key(infobox_index, f"combatant{number}"),
                question=(
                    f"Who fought against {_join_names([in_sentence(o) for o in opponents])} "
                    f"in {subject.name}?"
                ),
                answer=own_combatants[0],
                accepted=tuple(own_combatants[1:]),
                answer_type="name",
                any_of=len(own_combatants) > 1,
                source_section="Infobox",
                source_text=f"{combatant_field.label}: {combatant_field.text}",
                distractor_pool="belligerent",
                distractors=tuple(other_side_items[:3]),
                extra={"field": combatant_field.key, "side": side},
            )
        )
    if len(own_combatants) > 1:
        combatant_field = fields["combatant"]
        allies = own_combatants[1:]
        questions.append(
            Question(
                kind="infobox",
                fact_key=_fact_key(infobox_index, f"combatant{number}", "allies"),
                question=(
                    f"Besides {in_sentence(own_combatants[0])}, name one party that fought on "
                    f"{side} in {subject.name}."
                    if "side of" not in side
                    else f"Name one ally of {in_sentence(own_combatants[0])} in {subject.name}."
                ),
                answer=allies[0],
                accepted=tuple(allies[1:]),
                answer_type="name",
                any_of=len(allies) > 1,
                source_section="Infobox",
                source_text=f"{combatant_field.label}: {combatant_field.text}",
                distractor_pool="belligerent",
                distractors=tuple(other_side_items[:3]),
                extra={"field": combatant_field.key, "side": side},
            )
        )
    commander_field = fields.get("commander") or fields.get("leader")
    if commander_field:
        commanders = _clean_items(commander_field, split_names=True)
        if commanders:
            if len(commanders) == 1:
                question = f"Who commanded {side} in {subject.name}?"
            else:
                question = f"Name one commander of {side} in {subject.name}."
            questions.append(
                Question(
                    kind="infobox",
                    fact_key=_fact_key(infobox_index, f"commander{number}"),
                    question=question,
                    answer=commanders[0],
                    accepted=tuple(commanders[1:]),
                    answer_type="name",
                    any_of=len(commanders) > 1,
                    source_section="Infobox",
                    source_text=f"{commander_field.label}: {commander_field.text}",
                    distractor_pool="person",
                    extra={"field": commander_field.key, "side": side},
                )
            )
    for role, noun in (("strength", "strength"), ("casualties", "casualties")):
        role_field = fields.get(role)
        if role_field is None:
            continue
        questions.extend(
            _figure_questions(role_field, role, noun, side, subject, infobox_index, number)
        )
    return questions


def _figure_questions(
    role_field: InfoboxField,
    role: str,
    noun: str,
    side: str,
    subject: Subject,
    infobox_index: int,
    number: int,
) -> list[Question]:
    """Strength and casualty figures, split by the sources that give them."""
    verb = "was" if role == "strength" else "were"
    base_key = _fact_key(infobox_index, f"{role}{number}")
    source_text = f"{role_field.label}: {role_field.text}"
    parts = attributed_parts(role_field.text)
    questions: list[Question] = []
    if parts:
        for statement, attribution in parts[:3]:
            if is_placeholder(statement) or looks_like_sentence(statement):
                continue
            who = attribution[0].upper() + attribution[1:]
            questions.append(
                Question(
                    kind="infobox",
                    fact_key=f"{base_key}:{_slug(attribution)}",
                    question=f"{who}, what {verb} the {noun} of {side} in {subject.name}?",
                    answer=statement,
                    answer_type="number" if is_number_value(statement) else "text",
                    source_section="Infobox",
                    source_text=source_text,
                    distractor_pool=role,
                    extra={"field": role_field.key, "side": side, "notes": [attribution]},
                )
            )
        return questions
    value = split_notes(role_field.text)
    answer = value.text.strip(" ,;.")
    if not answer or is_placeholder(answer) or looks_like_sentence(answer):
        return []
    if number_count(answer) > 1 and not re.search(
        r"[–—-]|killed|wounded|captured|dead|missing", answer
    ):
        return []  # "36,000 50,000 10,000": figures whose labels were lost
    return [
        Question(
            kind="infobox",
            fact_key=base_key,
            question=f"What {verb} the {noun} of {side} in {subject.name}?",
            answer=answer,
            answer_type="number" if is_number_value(answer) else "text",
            source_section="Infobox",
            source_text=source_text,
            distractor_pool=role,
            extra={"field": role_field.key, "side": side, "notes": list(value.notes)},
        )
    ]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
