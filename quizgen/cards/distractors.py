"""Wrong options for multiple choice: of the answer's kind, in its form, never true.

Each card's answer has a semantic class (`quizgen.cards.classes`): a country's
options are other countries of its continent, a capital's other capitals, a
currency's other currencies, a language's other languages, a baseball position
other baseball positions (`quizgen.cards.listed_options`, from kept data packages
and closed lists, so a one-article deck has them too); a spouse's options are
other articles' spouses, of a subject of about the same time. Dates and figures
are made from the answer itself, at its precision and in its form
(`date_options`, `number_options`), inside the subject's lifetime or the event's
era when the article states them.

An option is never true of the subject: no answer of another card of the same
article (the subject's children are never options for the spouse), nothing the
question names, not the article's title. The phraser's own `distractors` (the
other side's commander) are the exception, chosen on purpose. Every option is
graded WRONG by the answer checker against the card, and options are distinct
from each other under the same checker. A card that cannot get three adequate
options gets none: it is studied typed or as a flip card, never as a multiple
choice with a bad option.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from quizgen.cards import reference
from quizgen.cards.classes import NO_OPTIONS, related_person_classes, semantic_class
from quizgen.cards.date_options import Era, iter_date_options, value_of
from quizgen.cards.listed_options import (
    ITEM_SPLIT,
    MAKERS,
    SEPARATOR,
    WANTED,
    media_country_options,
    same_language,
    split_items,
    trading_nations,
)
from quizgen.cards.number_options import is_bare_year, number_options
from quizgen.cards.quality import echoes_question
from quizgen.core.date_format import STATED_YEAR
from quizgen.core.grading import Verdict, grade_answer, normalize_text
from quizgen.core.literal_gate import gated
from quizgen.core.models import Article, Card, DateValue, Question

_REFERENCE_CLASSES = frozenset(
    {
        "country",
        "capital",
        "city",
        "language",
        "currency",
        "nationality",
        "occupation",
        "religion",
        "instrument",
        "rank",
    }
)
"""Classes whose options come from reference lists first, other articles after."""


_BIRTH_FIELDS = frozenset({"born", "birth_date"})
_DEATH_FIELDS = frozenset({"died", "death_date"})
_SPAN_FIELDS = frozenset({"date", "dates"})

_HOME_FIELDS = frozenset(
    {
        "birth_place",
        "birthplace",
        "place_of_birth",
        "country",
        "location",
        "origin",
        "headquarters",
        "hq_location_country",
        "death_place",
    }
)

_TRADE_FIELDS = frozenset({"export_partners", "import_partners"})
"""A largest trading partner is asked among the world's large traders (no Nepal for
Angola's oil buyers): the neighbours a country's options usually come from are no
plausible partners."""

_MEDIA_KINDS = frozenset(
    {"film", "book", "album", "song", "television", "award", "video_game", "publication"}
)
"""Kinds whose country is where a work was made or published: asked among the countries
known for such works, not among the answer's small neighbours (Haiti beside the Academy
Awards' United States)."""

MODERN_CITY_YEAR = 1800
"""Before this a subject's places are asked without options: the reference list is of
today's cities, and Johannesburg is no option for where a scholar of 1040 died."""

ERA_GAP_YEARS = 150
"""Options drawn from other articles lie at most this far from the subject's time:
no Harold Godwinson (1066) commanding in a war of 1918."""


@dataclass
class DistractorPools:
    """Answers seen across the corpus, by semantic class, for classes no list covers."""

    by_class: dict[str, list[tuple[str, str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    """class -> [(answer, article_id, infobox kind)], in the order added."""
    years: dict[str, int] = field(default_factory=dict)
    """article_id -> the year its subject was born or its event began, when known."""
    national: dict[str, bool] = field(default_factory=dict)
    """article_id -> whether the article is about a country (its leaders lead countries)."""
    homes: dict[str, str] = field(default_factory=dict)
    """article_id -> the ISO code of the country its subject belongs to, when the title or
    a home field (birthplace, country, location) names one."""
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def note_title(self, article_id: str, title: str) -> None:
        if article_id not in self.national:
            country = reference.find_country(title)
            self.national[article_id] = country is not None
            country = country or reference.find_country(title.rsplit(" of ", 1)[-1])
            if country is not None:
                self.homes[article_id] = country.iso  # "Senate of Pakistan"

    def note_home(self, article_id: str, field_key: str, answer: str) -> None:
        """Remember the subject's country from a home field: "Tyler, Texas, U.S." -> US."""
        if field_key not in _HOME_FIELDS or article_id in self.homes:
            return
        country = reference.find_country(answer.rsplit(",", 1)[-1].strip())
        if country is not None:
            self.homes[article_id] = country.iso

    def note_date(self, article_id: str, field_key: str, start: date) -> None:
        """Remember when an article's subject lived or happened, from its infobox dates."""
        if field_key in _BIRTH_FIELDS or (
            field_key in _SPAN_FIELDS and article_id not in self.years
        ):
            self.years[article_id] = start.year

    def add(self, pool: str, answer: str, article_id: str, field_key: str = "") -> None:
        """File an answer under its semantic class (dates and figures are made, not pooled)."""
        cls = semantic_class(pool, field_key)
        if cls in NO_OPTIONS or cls == "date" or cls.startswith("number") or cls == "duration":
            return
        key = (cls, normalize_text(answer))
        if key[1] and key not in self._seen:
            self._seen.add(key)
            self.by_class[cls].append((answer, article_id, _kind(pool)))


def _kind(pool: str) -> str:
    """ "person@conflict" -> "conflict": the kind of article the answer came from."""
    return pool.split("@", 1)[1] if "@" in pool else ""


@dataclass(frozen=True)
class ArticleContext:
    """What the whole article says that one card's options must respect."""

    title: str = ""
    avoid: frozenset[str] = frozenset()
    """Normalized answers (and their items) of every card of the article: true of the subject."""
    named: frozenset[str] = frozenset()
    """Normalized names the article itself uses of the kind a card asks (its languages):
    likely true of the subject, so never options."""
    born: date | None = None
    died: date | None = None
    span: tuple[date, date] | None = None
    """The event's own dates (a battle's or a war's `date` field), when it has them."""
    year: int | None = None
    """When the subject lived or happened: its birth year or its event's first year."""
    earliest: date | None = None
    """The article's earliest infobox date (a launch, a founding): no later fact of the
    subject comes before it."""


NAMED_LANGUAGES = "named_languages"
"""The card's `extra` key listing the languages its article names besides the answer."""


_STATUS_WORD = gated(
    r"\b(?:official|recogni[sz]ed|regional|national language|spoken|translated|"
    r"dubbed|written in|lingua franca)\b",
    re.IGNORECASE,
)
"""A word that gives languages a standing with the subject: "Other languages,
including Uzbek, ... have official status in the regions", "translated into Bengali"."""


def _status_sentences(paragraph: str) -> list[str]:
    """The paragraph's stretches between full stops that hold a standing word.

    This is what `[^.]*<word>[^.]*` found with `findall`, without that pattern's retry at
    every character of a stretch lacking the word (quadratic: 0.3 s over the real corpus).
    It is exact: neither `[^.]*` crosses a full stop, both are greedy, so a match runs from
    a stretch's start to its end, and a stretch matches iff it holds the word; the `\b`
    at a stretch's edge sees a full stop or the paragraph's end there, as the split
    string's edge does. A stretch without the word is no match either way.
    """
    return [stretch for stretch in paragraph.split(".") if _STATUS_WORD.search(stretch)]


def option_notes(question: Question, article: Article) -> dict[str, list[str]]:
    """What the article says that the card's options must respect, kept with the card
    (options are chosen after planning, from the stored cards): for a language, every
    other language the infobox names or the article gives a standing (official in a
    region, spoken, translated into), none of which is a clearly wrong option. A
    language only mentioned ("a few are fluent in Urdu") stays a fair option."""
    if semantic_class(question.distractor_pool, str(question.extra.get("field", ""))) != (
        "language"
    ):
        return {}
    text = " ".join(
        [
            *(field.text for infobox in article.infoboxes for field in infobox.fields),
            *(
                sentence
                for section in article.sections
                for paragraph in section.paragraphs
                for sentence in _status_sentences(paragraph)
            ),
        ]
    )
    own = set().union(*(_item_keys(said) for said in (question.answer, *question.accepted)))
    named = reference.languages_named(text) - own
    return {NAMED_LANGUAGES: sorted(named)} if named else {}


def article_context(cards: Iterable[Card]) -> ArticleContext:
    """Collect one article's answers and its lifetime or era from its cards."""
    avoid: set[str] = set()
    named: set[str] = set()
    born = died = None
    span = None
    event_year = None
    earliest: date | None = None
    title = ""
    for card in cards:
        title = title or card.source.title
        for text in (card.answer, *card.accepted):
            for key in _item_keys(text):
                avoid.add(key)
                avoid.update(same_language(key))  # "Tajik" is Dari under another name
        named.update(card.extra.get(NAMED_LANGUAGES, ()))
        field_key = str(card.extra.get("field", ""))
        if card.kind != "infobox":
            continue
        stated = card.date or _written_date(card)
        if stated is not None:
            earliest = min(earliest, stated.start) if earliest else stated.start
        if card.date is None:
            continue
        if field_key in _BIRTH_FIELDS:
            born = card.date.start
        elif field_key in _DEATH_FIELDS:
            died = card.date.end
        elif field_key in _SPAN_FIELDS:
            event_year = event_year or card.date.start.year
            if card.date.is_range:
                span = (card.date.start, card.date.end)
    year = born.year if born else event_year
    return ArticleContext(
        title=title,
        avoid=frozenset(avoid),
        named=frozenset(named),
        born=born,
        died=died,
        span=span,
        year=year,
        earliest=earliest,
    )


def _item_keys(text: str) -> set[str]:
    keys = {normalize_text(text)}
    keys.update(normalize_text(item) for item in ITEM_SPLIT.split(text))
    keys.discard("")
    return keys


def _rng(card_id: str) -> random.Random:
    """Per-card randomness, so the options stay the same from build to build."""
    return random.Random(int(hashlib.sha1(card_id.encode()).hexdigest()[:12], 16))


def card_class(card: Card, pool: str) -> str:
    return semantic_class(pool, str(card.extra.get("field", "")))


def choose_distractors(
    card: Card,
    pool: str,
    pools: DistractorPools,
    article_id: str,
    context: ArticleContext | None = None,
) -> tuple[str, ...]:
    """Three wrong options for a card, the phraser's own first; () when three good
    ones cannot be found."""
    context = context or ArticleContext(title=card.source.title)
    cls = card_class(card, pool)
    if cls == "none":
        return ()
    rng = _rng(card.id)
    chosen: list[str] = []
    _take(card.distractors, card, chosen, context, own=True)
    if len(chosen) < WANTED:
        made = _candidates(card, cls, pools, article_id, context, rng, _kind(pool))
        # Another event's year is still a wrong year for this one: only names and
        # texts must avoid the article's other answers.
        # Dates made at the card's precision differ in value from each other, and the
        # checker compares dates by value: they need no grading against each other.
        by_value = card.answer_type == "date" and _is_date_card(card, cls)
        _take(made, card, chosen, context, own=_is_made(card, cls), distinct=not by_value)
    if len(chosen) < WANTED or _answer_stands_out(card, chosen):
        return ()
    return tuple(chosen)


def _answer_stands_out(card: Card, options: list[str]) -> bool:
    """Only the answer repeats a word of the question ("Angolan kwanza" beside "Kenyan
    shilling" for the currency of Angola): a learner picks it without knowing it."""
    if card.answer_type in ("date", "number"):
        return False
    return echoes_question(card.question, card.answer) and not any(
        echoes_question(card.question, option) for option in options
    )


def _take(
    candidates: Iterable[str],
    card: Card,
    have: list[str],
    context: ArticleContext,
    own: bool = False,
    distinct: bool = True,
) -> None:
    """Add candidates that are wrong, new, distinct and not true of the subject."""
    if len(have) >= WANTED:
        return
    asked = f" {normalize_text(card.question)} "
    title = normalize_text(context.title)
    own_items = _item_keys(card.answer)
    # Each kept option as a card of its own, so the next candidate can be graded
    # against it: options must be told apart by the checker too.
    kept = [(normalize_text(other), _as_answer(card, other)) for other in have]
    for candidate in candidates:
        if len(have) >= WANTED:
            return
        candidate = candidate.strip()
        normalized = normalize_text(candidate)
        if not normalized or f" {normalized} " in asked or normalized == title:
            continue
        if not own and (_item_keys(candidate) - own_items) & context.avoid:
            continue  # another card's answer: true of the subject (", Nevada" is shared)
        if _item_keys(candidate) & context.named:
            continue  # "Uzbek", which the article says is official in some regions
        if grade_answer(candidate, card).verdict != Verdict.WRONG:
            continue
        if any(
            normalized == other_key
            or (distinct and grade_answer(candidate, other).verdict != Verdict.WRONG)
            for other_key, other in kept
        ):
            continue
        have.append(candidate)
        kept.append((normalized, _as_answer(card, candidate)))


def _as_answer(card: Card, option: str) -> Card:
    """The card as if `option` were its answer (read afresh: no date value, no alternatives)."""
    return replace(card, answer=option, accepted=(), any_of=False, date=None)


# ---------------------------------------------------------------------------
# Where candidates come from, by class
# ---------------------------------------------------------------------------


def _candidates(
    card: Card,
    cls: str,
    pools: DistractorPools,
    article_id: str,
    context: ArticleContext,
    rng: random.Random,
    kind: str = "",
) -> Iterator[str]:
    if _is_date_card(card, cls):
        if card.kind == "infobox" and _HEDGED.search(card.source.text):
            return  # "1040 (c. 430 AH)": 1039 and 1041 are not clearly wrong
        if card.kind == "dated" and _hedged_in_sentence(card):
            return  # "Built around 1915": 1914 is not clearly wrong
        yield from iter_date_options(
            card.answer,
            card.date,
            rng,
            era=_era(card, context),
            keep_year=_year_given(card),
            cycle=QUADRENNIAL_YEARS if _QUADRENNIAL.search(card.question) else 1,
        )
        return
    if _is_number_card(card, cls):
        count_like = cls == "number:count" or card.question.startswith("How many")
        narrow = _field(card) in _BODY_FIELDS
        yield from number_options(card.answer, rng, count_like=count_like, narrow=narrow)
        return
    if cls in NO_OPTIONS:
        return
    if cls in ("city", "place", "capital") and context.year and context.year < MODERN_CITY_YEAR:
        return
    if cls == "country" and _field(card) in _TRADE_FIELDS:
        traders = trading_nations()
        rng.shuffle(traders)
        yield from traders
        return
    if cls == "country" and card.extra.get("infobox_kind") in _MEDIA_KINDS:
        yield from media_country_options(card.answer, rng)
        return
    maker = MAKERS.get(cls.split(":")[0])
    if maker is not None:
        made = maker(card.answer, cls, rng, context.title)
        if made is not None:
            if cls in _PLACE_CLASSES and card.answer.isascii():
                made = [_without_marks(option) for option in made]
            yield from made
            if cls in _REFERENCE_CLASSES:
                return
    if not _poolable_answer(card.answer, cls) or (cls == "city" and "," in card.answer):
        return  # another article's "Cairo, Egypt" is no option for "Kamloops, BC"
    classes = [cls, *related_person_classes(cls)] if cls.startswith("person") else [cls]
    national = reference.find_country(context.title) is not None
    for name in classes:
        entries = pools.by_class.get(name)
        if not entries:
            continue
        others = []
        for answer, source_kind, source in _other_articles_answers(entries, article_id, rng):
            if kind and source_kind and kind != source_kind and name.startswith("person"):
                continue  # a country's leader is no option for a White House counsel
            if name == "person:officeholder" and pools.national.get(source, national) != national:
                continue  # nor a county's senator for a country's president
            leaders = national and pools.national.get(source, False)
            if (
                name.startswith("person")
                and not leaders
                and not _same_home(pools, article_id, source)
            ):
                continue  # nor a senator of Pakistan for a White House counsel
            gap = _era_gap(context.year, pools.years.get(source))
            if gap <= ERA_GAP_YEARS and _same_shape(answer, card.answer, cls):
                others.append((answer, source_kind, gap))
        # Another officeholder of a person's article before a country's leader, one of
        # the same century before an older one; then options shaped most like the
        # answer. The sort is stable: ties stay in the card's random order.
        others.sort(
            key=lambda item: (
                item[1] != kind,
                item[2] > ERA_GAP_YEARS // 3,
                _shape_distance(item[0], card.answer),
            )
        )
        yield from (answer for answer, _, _ in others)


_PLACE_CLASSES = frozenset({"city", "capital", "place"})


def _without_marks(name: str) -> str:
    """ "Herāt" as "Herat": beside an answer written plainly ("Kabul"), a place name
    with the gazetteer's marks stands out as the one that is not the answer."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_HEDGED = re.compile(r"(?:^|[\s(])(?:c\.|ca\.|circa\b|approx)", re.IGNORECASE)
"""An infobox date the article itself hedges, in a note beside it."""

_HEDGE_WORDS = re.compile(
    r"\b(?:around|about|approximately|roughly|circa|c\.|ca\.|some(?= time)|by)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def _hedged_in_sentence(card: Card) -> bool:
    """The sentence hedges the answer's date ("built around 1915", "by 1920"): a year
    beside it is not clearly wrong."""
    text = card.source.text
    year = card.date.start.year if card.date else None
    for found in re.finditer(rf"\b{year}\b", text) if year else ():
        if _HEDGE_WORDS.search(text[max(0, found.start() - 40) : found.start()]):
            return True
    return False


QUADRENNIAL_YEARS = 4
_QUADRENNIAL = re.compile(
    r"\b(?:(?:re-?)?elect(?:ed|ion|ions)?|presidential|ticket|nominee|Olympics?|World Cup)\b",
    re.IGNORECASE,
)
"""Events held every four years: their wrong years are other years they were held."""


def _same_home(pools: DistractorPools, article_id: str, source: str) -> bool:
    """Both subjects belong to the same country, or neither names one: a senator of
    Pakistan is no option for a White House counsel, nor is anyone of a known country
    for a subject whose country is unknown (or the other way round)."""
    return pools.homes.get(article_id) == pools.homes.get(source)


def _era_gap(year: int | None, other: int | None) -> int:
    """Years between two subjects' times; 0 when either is unknown."""
    return abs(year - other) if year is not None and other is not None else 0


def _is_made(card: Card, cls: str) -> bool:
    """Options made from the answer itself (dates, figures), not drawn from lists."""
    return _is_date_card(card, cls) or _is_number_card(card, cls)


def _is_number_card(card: Card, cls: str) -> bool:
    if cls.startswith("number") or cls == "duration" or card.answer_type == "number":
        return True
    return cls.startswith("field:") and _looks_numeric(card.answer)


_BODY_FIELDS = frozenset({"height", "weight", "mass"})
"""A person's height or weight varies little: options stay within about 15%."""


def _field(card: Card) -> str:
    return str(card.extra.get("field", "")).casefold()


def _is_date_card(card: Card, cls: str) -> bool:
    if card.date is not None or cls == "date" or card.answer_type == "date":
        return True
    if cls.startswith(("person", "number", "position", "taxon")) or cls in _REFERENCE_CLASSES:
        return False
    if is_bare_year(card.answer):
        return True
    return value_of(card.answer, None) is not None and not card.answer.strip().isdigit()


def _year_given(card: Card) -> bool:
    """ "In which month of 1919 ...": the options must keep the year the question gives."""
    found = value_of(card.answer, card.date)
    if found is None:
        return False
    value = found[0]
    years = {str(value.start.year), str(value.end.year)}
    return any(re.search(rf"\b{year}\b", card.question) for year in years)


def _era(card: Card, context: ArticleContext) -> Era:
    """When this card's date can lie: the article's birth, death and event dates, narrowed
    by any other year the question itself states ("The 2009 Best Picture winner was first
    released in ____": no option after 2009)."""
    era = _article_era(card, context)
    answer = card.date or _written_date(card)
    if answer is None:
        return era
    earliest, latest = era.earliest, era.latest
    for stated in STATED_YEAR.findall(card.question):
        year = int(stated)
        if year > answer.end.year:
            bound = date(year, 12, 31)
            latest = min(latest, bound) if latest else bound
        elif year < answer.start.year:
            bound = date(year, 1, 1)
            earliest = max(earliest, bound) if earliest else bound
    return Era(earliest=earliest, latest=latest)


CAREER_START_AGE = 12
"""Before this age a subject's life holds few events an article dates: "1998" is no
option for a volleyball player's move to Spain when she was born in 1989."""


def _grown_up(born: date | None, card: Card) -> date | None:
    """The earliest an option for an event of the subject's own life may lie: their
    twelfth year, unless the answer itself is of their childhood."""
    if born is None:
        return None
    try:
        grown = born.replace(year=born.year + CAREER_START_AGE)
    except ValueError:  # 29 February
        grown = born.replace(year=born.year + CAREER_START_AGE, day=28)
    answer = card.date or _written_date(card)
    return grown if answer is not None and answer.start >= grown else born


def _article_era(card: Card, context: ArticleContext) -> Era:
    """When this card's date can lie, from the article's birth, death and event dates."""
    field_key = str(card.extra.get("field", ""))
    if card.kind == "infobox" and field_key in _BIRTH_FIELDS:
        return Era(latest=context.died)
    if card.kind == "infobox" and field_key in _DEATH_FIELDS:
        # No later year: "died 1965" for a man the article says died in 1963 reads as
        # a date after his death.
        latest = _end_of_year(context.died) if context.died else None
        return Era(earliest=context.born, latest=latest)
    if context.born or context.died:
        return Era(earliest=_grown_up(context.born, card), latest=context.died)
    if context.span and card.kind == "dated":
        return Era(earliest=context.span[0], latest=_end_of_year(context.span[1]))
    stated = card.date or _written_date(card)
    if context.earliest and stated and stated.start > context.earliest:
        # Apollo 8's orbit epoch is no earlier than its launch.
        return Era(earliest=context.earliest)
    return Era()


def _written_date(card: Card) -> DateValue | None:
    """The date a text answer states ("December 24, 1968"), when it is only a date."""
    if card.answer_type == "number":
        return None
    found = value_of(card.answer, None)
    return found[0] if found else None


def _end_of_year(day: date) -> date:
    return date(day.year, 12, 31)


_NUMERIC = re.compile(r"^(?:[A-Z]{0,3}\$|€|£|¥|c\.\s*|about\s+)?\d[\d,.]*\s*[^\d]{0,24}$")


def _looks_numeric(answer: str) -> bool:
    return bool(_NUMERIC.match(answer.strip()))


SAMPLE_OTHERS = 32
"""Answers from other articles tried per card when the pool is large."""


def _other_articles_answers(
    entries: list[tuple[str, str, str]], article_id: str, rng: random.Random
) -> list[tuple[str, str, str]]:
    """Other articles' answers in random order: all of a small pool, a sample of a big one.

    Shuffling (and sorting) a whole pool for every card made the distractor pass grow
    with the square of the corpus (10,000 articles: ~1M cards, pools of ~100,000
    answers). A random sample of a few dozen offers the same kind of options.
    """
    if len(entries) <= SAMPLE_OTHERS * 4:
        others = [
            (answer, kind, source) for answer, source, kind in entries if source != article_id
        ]
        rng.shuffle(others)
        return others
    picked: list[tuple[str, str, str]] = []
    tried: set[int] = set()
    for _ in range(SAMPLE_OTHERS * 3):
        index = rng.randrange(len(entries))
        if index in tried:
            continue
        tried.add(index)
        answer, source, kind = entries[index]
        if source != article_id:
            picked.append((answer, kind, source))
            if len(picked) >= SAMPLE_OTHERS:
                break
    return picked


# ---------------------------------------------------------------------------
# Form: an option must look like the answer
# ---------------------------------------------------------------------------


def _poolable_answer(answer: str, cls: str) -> bool:
    """Answers too long or too mixed to match in form get no options from other articles."""
    words = answer.split()
    if not words or len(words) > 8 or len(answer) > 60:
        return False
    if cls.startswith(("person", "taxon")) and any(ch.isdigit() for ch in answer):
        return False
    return True


def _same_shape(option: str, answer: str, cls: str) -> bool:
    """Same number of items, about as many words, same capitalization, digits only
    beside digits, brackets only beside brackets."""
    if len(split_items(option)) != len(split_items(answer)):
        return False
    if {mark.strip() for mark in SEPARATOR.findall(option)} != {
        mark.strip() for mark in SEPARATOR.findall(answer)
    }:
        return False
    if any(ch.isdigit() for ch in option) != any(ch.isdigit() for ch in answer):
        return False
    if ("(" in option) != ("(" in answer):
        return False
    if option[:1].isupper() != answer[:1].isupper():
        return False
    option_words, answer_words = len(option.split()), len(answer.split())
    if abs(option_words - answer_words) > max(1, answer_words // 2):
        return False
    if cls.startswith("person") and (option_words < 2) != (answer_words < 2):
        return False
    if cls.startswith("taxon") and option_words != answer_words:
        return False  # a genus beside genera, never a binomial
    return 0.4 <= len(option) / max(1, len(answer)) <= 2.5


def _shape_distance(option: str, answer: str) -> tuple[int, int]:
    """Options shaped like the answer first: "Warsaw, Poland" beside "London, England";
    the sort is stable, so ties stay in the card's random order."""
    parts = abs(option.count(",") - answer.count(","))
    words = abs(len(option.split()) - len(answer.split()))
    return (parts, min(words, 3))
