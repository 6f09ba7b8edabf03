"""Find the sentences of an article that say when something happened.

A sentence like "On 7 November, Shikhlinski ordered..." states no year; the
year lives in the heading ("Fight for Zangezur, November 1919"), the infobox
date, the title, or an earlier sentence. We walk the article in reading order
and carry that context, so each dated sentence gets a full date or none.

A year taken from context is often wrong ("the Fourth of July" after a
paragraph about 1893, "in February" after "late 1996"), so each sentence also
says which of its year-less dates are *certain*: those whose year was stated
earlier in the same sentence, or by the sentence just before it in the same
paragraph, with no month going backwards. The phraser asks only about those.

Each sentence also carries what a question needs to stand alone: how the
article names its subject, the nouns the article calls it ("the town", "the
novel"), and whether a leading "he"/"she" certainly means the subject.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from quizgen.core.lemma_tables import lemminflect_module
from quizgen.core.models import Article, DatedSentence, DateMention, DateValue, Section
from quizgen.facts.dates import DateContext, date_context, find_dates
from quizgen.facts.infobox_kinds import classify, describe_subject
from quizgen.ingest.sentences import split_sentences

_MIN_WORDS = 4
_LIST_ITEM = re.compile(r"^\s*(?:[*•·▪–-]|\d+[.)])\s")


@dataclass(frozen=True)
class ArticleDatedSentence(DatedSentence):
    """A dated sentence with the article context a standalone question needs.

    Plain `DatedSentence` objects still work with the phraser: every field here
    has a default that means "nothing known", so the phraser is only stricter.
    """

    subject_kind: str = "generic"
    """The infobox family of the article ("person", "settlement", "film"...)."""
    subject_name: str = ""
    """How a question names the subject: "Aldous Huxley", "the Zangezur Expedition"."""
    subject_aliases: tuple[str, ...] = ()
    """Names the text uses for the subject ("Huxley"), longest first."""
    subject_nouns: tuple[str, ...] = ()
    """Nouns the article calls its subject ("town", "novel"): "the town" means the subject."""
    pronoun_referent: str = ""
    """What a leading "he"/"she" of this sentence refers to, when certain; "" otherwise."""
    certain_inferred: tuple[tuple[int, int], ...] = ()
    """Spans of year-less mentions whose context year is certain (see module docstring)."""
    section_index: int = 0
    section_count: int = 1
    infobox_dates: frozenset[str] = frozenset()
    """Which of the subject's own dates the infobox already asks ("birth", "death"): a
    dated card would repeat it."""
    names_in_text: frozenset[str] = frozenset()
    """Words the article writes capitalised mid-sentence and never in lower case ("Apple",
    "Paramount"): names, even when a dictionary also knows them."""
    other_names: tuple[str, ...] = ()
    """Other names the lead gives the subject ("The Academy Awards, or "Oscars"",
    "Ibn al-Haytham (latinized Alhazen"): a sentence naming one names the subject."""
    subject_surname: str = ""
    """A person's surname, when the text calls them by it alone ("Emery"): a card names
    them in full ("Jodie Emery"), as "Emery" alone may be Marc Emery, her husband, or
    any Emery to a reader who has not read the article."""


def _article_context(article: Article) -> DateContext | None:
    """The year the article as a whole is about: infobox date fields, else the title."""
    for infobox in article.infoboxes:
        for infobox_field in infobox.fields:
            if "date" not in infobox_field.key:
                continue
            context = date_context(infobox_field.text or " ".join(infobox_field.items))
            if context is not None:
                return context
    return date_context(article.title)


def _section_context(section: Section, fallback: DateContext | None) -> DateContext | None:
    """The innermost heading that states a year, else the article's context."""
    for heading in reversed(section.path):
        context = date_context(heading)
        if context is not None:
            return context
    return fallback


def _heading_date(section: Section) -> DateValue | None:
    """The one plain date the innermost dated heading states ("..., November 1919"), if any.

    A section so headed is about that month or year: "On 7 November" inside it is
    7 November 1919 for certain, as long as the section states no other year.
    """
    for heading in reversed(section.path):
        mentions = find_dates(heading)
        if not mentions:
            continue
        if len(mentions) != 1:
            return None
        value = mentions[0].value
        if value.is_range or "decade" in (value.qualifier or ""):
            return None
        return value
    return None


def _infobox_date(article: Article) -> DateValue | None:
    """The event's own date from the infobox ("3/4–9 November 1919"), when within one year."""
    for infobox in article.infoboxes[:1]:
        for infobox_field in infobox.fields:
            if infobox_field.key != "date":
                continue
            mentions = find_dates(infobox_field.text or " ".join(infobox_field.items))
            if mentions and mentions[0].value.start.year == mentions[0].value.end.year:
                return mentions[0].value
    return None


def _certain_by_heading(
    mention: DateMention, heading: DateValue | None, stated_years: set[int]
) -> bool:
    """The heading's (or the event's) date certainly holds this year-less date."""
    if heading is None or mention.value.start.year != heading.start.year:
        return False
    if stated_years - {heading.start.year}:
        return False
    if heading.precision == "year":
        return True
    return heading.start.month <= mention.value.start.month <= heading.end.month


def _is_prose(sentence: str) -> bool:
    if _LIST_ITEM.match(sentence):
        return False
    return len(sentence.split()) >= _MIN_WORDS


def _last_stated(mentions: list[DateMention]) -> DateMention | None:
    """The last date whose year the text stated (decades excluded)."""
    for mention in reversed(mentions):
        qualifier = mention.value.qualifier or ""
        if not mention.year_inferred and "decade" not in qualifier:
            return mention
    return None


# ---------------------------------------------------------------- subject


_PERSON_KINDS = {"person"}
_PERSON_FIELDS = {
    "birth_date",
    "born",
    "death_date",
    "died",
    "birth_place",
    "spouse",
    "spouses",
    "occupation",
    "office",
    "termstart",
    "term_start",
    "alma_mater",
    "predecessor",
    "successor",
    "nationality",
    "position",
    "height",
    "children",
    "parents",
}
_LEAD_IS_A = re.compile(r"\b(?:is|was|are|were)\s+(?:an?|the|one of the)\s+(?P<np>[^,;:()]{0,120})")
_NP_STOP = {
    "in",
    "of",
    "on",
    "from",
    "by",
    "for",
    "that",
    "which",
    "who",
    "with",
    "near",
    "between",
    "within",
    "to",
    "at",
    "where",
    "located",
    "based",
    "situated",
    "consisting",
    "written",
    "directed",
    "released",
    "published",
    "founded",
    "hosted",
    "produced",
    "developed",
    "whose",
    "than",
    "as",
}
_NOUN_SYNONYMS = {
    "novella": ("novel", "book"),
    "novel": ("book",),
    "film": ("movie",),
    "band": ("group",),
    "company": ("firm",),
    "spaceflight": ("mission", "flight"),
    "mission": ("flight",),
    "country": ("nation",),
}


def _head_noun(noun_phrase: str) -> str:
    """The last word before the phrase's first preposition or participle: "U.S. state"."""
    head = ""
    for word in noun_phrase.split():
        bare = word.strip("'’\".").lower()
        if bare in _NP_STOP or bare.endswith(("ed", "ing")) and len(bare) > 5 and head:
            break
        head = bare
    return head if head.isalpha() else ""


def _subject_nouns(article: Article) -> tuple[str, ...]:
    """Head nouns of "X is a ... <noun>" in the lead and the short description."""
    texts = [article.short_description]
    for section in article.sections[:1]:
        if section.path == () and section.paragraphs:
            texts.extend(split_sentences(section.paragraphs[0])[:1])
    nouns: list[str] = []
    for text in texts:
        match = _LEAD_IS_A.search(text or "")
        if match is not None:
            head = _head_noun(match.group("np"))
        elif text and text == article.short_description:
            head = _head_noun(text)
        else:
            head = ""
        if head and head not in nouns:
            nouns.append(head)
            nouns.extend(n for n in _NOUN_SYNONYMS.get(head, ()) if n not in nouns)
    return tuple(nouns)


def _prose_text(article: Article) -> str:
    return "\n".join(p for section in article.sections for p in section.paragraphs)


def _person_aliases(short_title: str, prose: str) -> tuple[str, ...]:
    """ "Aldous Huxley" -> ("Aldous Huxley", "Huxley") when the text says "Huxley" alone."""
    aliases = [short_title]
    words = short_title.split()
    if len(words) > 1:
        surname = words[-1]
        if len(surname) > 2 and len(re.findall(rf"\b{re.escape(surname)}\b", prose)) >= 2:
            aliases.append(surname)
    return tuple(aliases)


_OTHER_NAME = re.compile(
    r"^[^.;(]{0,100}?(?:,\s+or\s+|\s+\((?:or\s+|latini[sz]ed\s+(?:as\s+)?)|"
    r",?\s+(?:also|commonly|better)\s+(?:known|called)\s+(?:as\s+)?)"
    r"[\"“]?(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})"
)


def _other_names(prose: str) -> tuple[str, ...]:
    """The other name the article's first sentence gives its subject, if any."""
    found = _OTHER_NAME.match(prose.lstrip())
    return (found[1],) if found else ()


_LEGAL_SUFFIX = re.compile(
    r"[\s,]+(?:Inc\.?|Ltd\.?|plc|PLC|Corp\.?|Corporation|Company|Co\.|F\.C\.|A\.F\.C\.|FC|AFC|"
    r"AG|SA|S\.A\.|SE|NV|N\.V\.|GmbH|LLC|L\.L\.C\.|Group|Holdings|Limited)$"
)


# Only the person fields: every infobox phraser asks them as "When was X born?", while a
# launch or release field may be phrased less well than the lead's dated sentence.
_INFOBOX_DATE_KEYS = {
    "birth": ("birth_date", "born", "birthdate"),
    "death": ("death_date", "died", "deathdate"),
}


def _infobox_dates(article: Article) -> frozenset[str]:
    keys = {k for infobox in article.infoboxes for k in infobox.keys()}
    return frozenset(fact for fact, names in _INFOBOX_DATE_KEYS.items() if keys & set(names))


def _other_aliases(name: str, short_title: str, prose: str) -> tuple[str, ...]:
    """ "Apple Inc." is also "Apple", "Liverpool F.C." "Liverpool", when the text says so."""
    aliases = [name]
    for candidate in (short_title, _LEGAL_SUFFIX.sub("", short_title)):
        if (
            candidate
            and candidate not in aliases
            and re.search(rf"\b{re.escape(candidate)}\b", prose)
        ):
            aliases.append(candidate)
    return tuple(aliases)


_MID_SENTENCE_CAPITALISED = re.compile(r"([A-Z](?<=[a-z,;:)]\s[A-Z])[a-z]+)\b")
"""A capitalised word after a lower-case letter or a comma, semicolon, colon or bracket
and a space: `(?<=[a-z,;:)]\\s)([A-Z][a-z]+)\b` with the look-behind moved after the
capital (it then also sees the capital, which `[A-Z]` has just matched). The same
matches, but a pattern that opens with a capital is scanned for one by re's search loop
instead of being tried at every position of the article."""


def _names_in_text(prose: str) -> frozenset[str]:
    capitalised: Counter[str] = Counter()
    for match in _MID_SENTENCE_CAPITALISED.finditer(prose):
        capitalised[match.group(1)] += 1
    lowered = set(re.findall(r"\b[a-z]+\b", prose))
    return frozenset(w for w, n in capitalised.items() if n >= 2 and w.lower() not in lowered)


def _pronoun_gender(prose: str) -> str:
    """The pronoun a biography uses for its subject: the clear majority of he/she."""
    counts = Counter(w.lower() for w in re.findall(r"\b(?:[Hh]e|[Ss]he)\b", prose))
    he, she = counts["he"], counts["she"]
    if he >= 1 and he >= 3 * she:
        return "he"
    if she >= 1 and she >= 3 * he:
        return "she"
    return ""


# "He ...", "In 1835, she ...", "In 1891 she ...": a pronoun as the sentence's subject.
_LEADING_PRONOUN = re.compile(
    r"(?:[^,]{0,60},\s+|(?:In|On|By|During|After|Before|From|Until)\s+[\w ]{1,30}?\s+)?"
    r"(He|She|His|Her|It|Its|he|she|his|her|it|its)\b"
)
_KIND_NOUNS = {
    "ship": ("ship", "vessel"),
    "film": ("film", "movie"),
    "album": ("album", "record"),
    "book": ("book", "novel"),
    "television": ("series", "show"),
    "aircraft": ("aircraft",),
}


def _about(sentence: str, names: tuple[str, ...]) -> bool:
    """The sentence's subject is one of `names`: first, or after a short leading phrase."""
    return any(name and _opening(name).match(sentence) for name in names)


@lru_cache(maxsize=4096)
def _opening(name: str) -> re.Pattern[str]:
    """`name` opening a sentence, its first letter in either case. Compiled once per name:
    `_about` asks it of every sentence of the article (re's own cache still cost the
    pattern's formatting and a lookup each time)."""
    escaped = re.escape(name[1:])
    return re.compile(
        rf"(?:[^,]{{0,60}},\s+)?[{name[:1].upper()}{name[:1].lower()}]{escaped}(?:'s|’s)?\b"
    )


@lru_cache(maxsize=4096)
def is_plural_name(name: str) -> bool:
    """ "Academy Awards", "Afroasiatic languages" are a "they"; "Actrius", "Bodmin" an "it".

    Kept per name: every sentence of an article asks it of the subject's name."""
    words = name.split()
    if not words:
        return False
    last = words[-1].lower()
    lemminflect = lemminflect_module()  # tables read word by word, once per process

    nouns = lemminflect.getAllLemmas(last).get("NOUN", ())
    return any(lemma != last for lemma in nouns)


def _it_can_only_be_the_subject(
    sentence: str, previous: str, aliases: tuple[str, ...], nouns: tuple[str, ...]
) -> bool:
    """ "Albania declared independence in 1912. It then became a kingdom": "it" is Albania.

    Not after "Albania has one international airport." (the airport), nor after a leading
    clause ("Released in 1924 by X, it was ..."): the previous sentence must open with the
    subject and name nothing else that "it" could be.
    """
    if not re.match(r"(?:(?:In|On|By|During)\s+[\w ]{1,30}?\s+)?(?:It|Its|it|its)\b", sentence):
        return False
    openers = (*aliases, *(f"The {noun}" for noun in nouns))
    opener = next((name for name in openers if previous.startswith(name)), None)
    if opener is None:
        return False
    rest = previous[len(opener) :]
    names = [w for w in re.findall(r"\b[A-Z][\w'’-]*", rest) if w not in " ".join(aliases)]
    return not names and not re.search(r"\b(?:a|an|one|another)\s", rest)


def _singular(name: str) -> bool:
    return bool(name.split()) and not is_plural_name(name)


def _is_person(article: Article, kind: str, prose: str) -> bool:
    if kind in _PERSON_KINDS:
        return True
    keys = {k for infobox in article.infoboxes[:1] for k in infobox.keys()}
    return len(keys & _PERSON_FIELDS) >= 2 and _pronoun_gender(prose) != ""


# ---------------------------------------------------------------- years


def _continues(previous: DateMention | None, mention: DateMention) -> bool:
    """A year-less date that the previous sentence's stated date certainly dates."""
    if previous is None or mention.value.start.year != previous.value.end.year:
        return False
    qualifier = previous.value.qualifier or ""
    if previous.value.is_range or qualifier not in ("", "early", "mid"):
        return False  # "late 1996. ... in February": February of which year?
    if previous.value.precision == "year":
        return True
    return mention.value.start.month >= previous.value.end.month


def _anchor(mentions: list[DateMention], dated: DatedSentence | None) -> DateMention | None:
    """The date a next sentence may continue: the last stated or certainly dated mention."""
    certain = getattr(dated, "certain_inferred", ())
    for mention in reversed(mentions):
        qualifier = mention.value.qualifier or ""
        if "decade" in qualifier:
            continue
        if not mention.year_inferred or mention.span in certain:
            return mention
    return None


def _certain_spans(
    mentions: list[DateMention], previous_stated: DateMention | None
) -> tuple[tuple[int, int], ...]:
    spans = []
    for mention in mentions:
        if not mention.year_inferred:
            continue
        earlier = _last_stated([m for m in mentions if m.span[1] <= mention.span[0]])
        if earlier is not None:
            if earlier.value.end.year == mention.value.start.year and _continues(earlier, mention):
                spans.append(mention.span)
            continue
        if _continues(previous_stated, mention):
            spans.append(mention.span)
    return tuple(spans)


def dated_sentences(article: Article) -> list[DatedSentence]:
    """Every prose sentence of `article` with at least one date, its year resolved from context."""
    article_context = _article_context(article)
    kind = classify(article.infoboxes[0]) if article.infoboxes else "generic"
    described = describe_subject(article.title, kind)
    prose = _prose_text(article)
    is_person = _is_person(article, kind, prose)
    if is_person:
        kind = "person"
    aliases = (
        _person_aliases(described.short_title, prose)
        if is_person
        else _other_aliases(described.name, described.short_title, prose)
    )
    names = _names_in_text(prose)
    subject_surname = aliases[-1] if is_person and len(aliases) > 1 else ""
    other_names = _other_names(prose)
    infobox_dates = _infobox_dates(article)
    gender = _pronoun_gender(prose) if is_person else ""
    nouns = () if is_person else _subject_nouns(article)
    kind_nouns = _KIND_NOUNS.get(kind, ())
    if kind not in ("generic", "person", "settlement", "event") and described.noun:
        kind_nouns = (described.noun, *kind_nouns)  # "the battle", "the siege", "the company"
    nouns = nouns + tuple(n for n in kind_nouns if n not in nouns)
    found: list[DatedSentence] = []
    event_date = _infobox_date(article)
    sections = [s for s in article.sections if s.paragraphs]
    for index, section in enumerate(sections):
        context = _section_context(section, article_context)
        heading = _heading_date(section) or event_date
        stated_years: set[int] = set()
        previous = ""
        about_subject = False
        for paragraph in section.paragraphs:
            previous_stated: DateMention | None = None
            paragraph_start = True
            for sentence in split_sentences(paragraph):
                if not _is_prose(sentence):
                    # a short sentence about someone else still changes who "he" is
                    about_subject = about_subject and bool(
                        _LEADING_PRONOUN.match(sentence) or _about(sentence, aliases)
                    )
                    continue
                leading = _LEADING_PRONOUN.match(sentence)
                referent = ""
                opens = paragraph_start or previous == ""
                if leading and (about_subject or (opens and is_person)):
                    pronoun = leading.group(1).lower()
                    if gender and pronoun in (gender, "his" if gender == "he" else "her"):
                        referent = aliases[-1]
                    elif (
                        not is_person
                        and pronoun in ("it", "its")
                        and _singular(aliases[0])
                        and _it_can_only_be_the_subject(sentence, previous, aliases, nouns)
                    ):
                        referent = aliases[0]
                the_noun = [f"the {noun}" for noun in nouns]
                about_subject = bool(
                    _about(sentence, aliases) or referent or _about(sentence, tuple(the_noun))
                )
                mentions = find_dates(sentence, context)
                if mentions:
                    found.append(
                        ArticleDatedSentence(
                            subject=article.title,
                            section=section,
                            sentence=sentence,
                            dates=tuple(mentions),
                            previous_sentence=previous,
                            subject_kind=kind,
                            subject_name=described.name if not is_person else aliases[0],
                            subject_aliases=tuple(sorted(aliases, key=len, reverse=True)),
                            names_in_text=names,
                            subject_surname=subject_surname,
                            other_names=other_names,
                            infobox_dates=infobox_dates,
                            subject_nouns=nouns,
                            pronoun_referent=referent,
                            certain_inferred=_certain_spans(mentions, previous_stated)
                            + tuple(
                                m.span
                                for m in mentions
                                if m.year_inferred and _certain_by_heading(m, heading, stated_years)
                            ),
                            section_index=index,
                            section_count=len(sections),
                        )
                    )
                    stated_years.update(m.value.start.year for m in mentions if not m.year_inferred)
                    stated = _last_stated(mentions)
                    if stated is not None:
                        year = stated.value.end.year
                        same_year = context is not None and context.year == year
                        month = context.month if same_year and context else None
                        context = DateContext(year=year, month=month)
                previous_stated = _anchor(mentions, found[-1] if mentions else None)
                previous = sentence
                paragraph_start = False
    return found
