"""Phrasing infobox facts as the questions a person would ask.

Each infobox kind lists, in `quizgen/facts/infobox_kinds.yaml`, the fields it asks and
how ("Who directed X?" for films, "What is the capital of X?" for countries). A field
without a row there is not asked: no raw key is ever turned into "What is the latns of
X?". Values are cleaned or refused (placeholders, labels, codes, URLs, coordinates,
lists of more than six) before they become answers.

Numbered fields are read as groups: office N with its term, predecessor and successor
("Who preceded X as White House Counsel?"), club N with its years, title/name pairs
(`leader_title1` + `leader_name1`: "Who is the President of X?"), and the sides of a
conflict (`combatantN` / `commanderN` / `strengthN` / `casualtiesN`), named by their
first combatant ("the Armenian side").

`Question.extra` keys set here: `field` (the infobox key asked), `notes` (parenthetical
notes kept out of the answer), `side` (a conflict side), `office` (an office group's
office), `reverse` (the subject is the answer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from quizgen.core.date_format import format_date
from quizgen.core.models import (
    AnswerType,
    Article,
    DateMention,
    DateValue,
    Infobox,
    InfoboxField,
    Question,
)
from quizgen.facts.dates import find_dates
from quizgen.facts.infobox_kinds import (
    FieldSpec,
    GroupSpec,
    InfoboxKind,
    KindSpec,
    KindTable,
    Subject,
    classify,
    describe_subject,
    kind_table,
)
from quizgen.facts.infobox_values import (
    IUCN_STATUS,
    attributed_parts,
    clean_item,
    is_number_value,
    is_placeholder,
    join_place_tails,
    largest_share,
    looks_glued,
    looks_like_sentence,
    number_count,
    refusal,
    split_after_notes,
    split_by_links,
    split_commas,
    split_common_nouns,
    split_name_suffixes,
    split_notes,
    split_separators,
    stat_year,
    strip_quoted,
    won_years,
)
from quizgen.phrasing.demonyms import in_sentence, side_name

MAX_LIST_ITEMS = 6
"""A "Name one ..." over more items than this is not worth learning (nor fairly graded)."""


@dataclass(frozen=True)
class _Context:
    """What every question of one infobox shares."""

    article: Article
    infobox: Infobox
    index: int
    kind: KindSpec
    subject: Subject
    words: dict[str, str]
    table: KindTable
    prose: str


def infobox_questions(article: Article) -> list[Question]:
    """Every question the article's infoboxes support, in field order."""
    table = kind_table()
    prose = _lead(article)
    questions: list[Question] = []
    for index, infobox in enumerate(article.infoboxes):
        kind_name = classify(infobox)
        kind = table.kinds[kind_name]
        subject = describe_subject(
            article.title,
            kind_name,
            prose=prose,
            subject_name=_subject_name(kind, infobox),
            scientific_names=_scientific_names(infobox),
        )
        subject = _plural_taxon(subject, kind_name, infobox, prose)
        past = _is_past(infobox, kind)
        words = _tense_words(past, subject.plural)
        words["be_sg"] = "was" if past else "is"
        words["do_alive"] = "did" if _person_is_dead(infobox) else "does"
        context = _Context(article, infobox, index, kind, subject, words, table, prose)
        consumed: set[str] = set()
        found: list[Question] = []
        if kind_name == "conflict" or infobox.get("combatant1"):
            found.extend(_conflict_side_questions(infobox, subject, index))
            consumed |= {key for key in infobox.keys() if _SIDE_KEY.match(key)}
        for group in kind.groups.values():
            group_questions, group_keys = _group_questions(context, group)
            found.extend(group_questions)
            consumed |= group_keys
        asked_specs: set[int] = set()
        for infobox_field in infobox.fields:
            if infobox_field.key in consumed:
                continue
            spec = _spec_for(kind, infobox, infobox_field.key)
            if spec is None or id(spec) in asked_specs:
                continue  # no phrasing: not asked; an alias of a field already asked
            if "changes" in spec.rules and _asked_in_present(spec, past, infobox):
                continue  # "For which club does she play?": true when written, not now
            made = _field_questions(context, infobox_field, spec)
            if made:
                asked_specs.add(id(spec))
            found.extend(made)
        reverse = _reverse_question(context)
        if reverse and not any(q.extra.get("field") == reverse.extra.get("field") for q in found):
            # "Which 1945 book did George Orwell write?" beside "Who wrote Animal Farm?"
            # asks one fact twice, the second time with the deck's own name as answer
            found.append(reverse)
        if not past and kind.tense in _HOLDERS_CHANGE:
            found = [q for q in found if q.distractor_pool != PRESENT_HOLDER_POOL]
        questions.extend(found)
    return questions


def _asked_in_present(spec: FieldSpec, past: bool, infobox: Infobox) -> bool:
    """The field's question would be in the present tense: by the person's life when it
    says {do_alive} (a retired player still lives somewhere), else by the kind's tense."""
    if "{do_alive}" in spec.ask:
        return not _person_is_dead(infobox)
    return not past


PRESENT_HOLDER_POOL = "person:officeholder"
_HOLDERS_CHANGE = frozenset({"present", "organization"})
"""Kinds whose officeholders are whoever held the office when the article was written:
"Who is the President of Afghanistan?" answered "Ashraf Ghani" was true once and is
false now, and nothing in the article says when. A place or body that no longer
exists keeps its holders ("Who was the last King of X?" stays true); a person's
offices are their own past."""


_PROSE_CHARS = 20_000


def _lead(article: Article) -> str:
    """The article's first prose (up to 20,000 characters): how it writes its own name."""
    text = ""
    for section in article.sections:
        text += " " + " ".join(section.paragraphs)
        if len(text) > _PROSE_CHARS:
            break
    return text[:_PROSE_CHARS]


def _plural_taxon(subject: Subject, kind: str, infobox: Infobox, prose: str) -> Subject:
    """A group taxon named in the plural ("Amphibians") reads as "amphibians"."""
    named = infobox.get("name")
    if kind != "taxon" or named is None or not subject.name.startswith("the "):
        return subject
    plural = clean_item(named.text).text
    lower = plural[:1].lower() + plural[1:]
    if plural.casefold() == subject.short_title.casefold() + "s" and lower in prose:
        return Subject(lower, subject.short_title, subject.noun, plural=True)
    return subject


_SCIENTIFIC_KEYS = ("genus", "taxon", "binomial", "familia", "ordo", "classis", "phylum")


def _scientific_names(infobox: Infobox) -> tuple[str, ...]:
    return tuple(f.text for key in _SCIENTIFIC_KEYS if (f := infobox.get(key)) is not None)


def _subject_name(kind: KindSpec, infobox: Infobox) -> str | None:
    if not kind.subject_field:
        return None
    named = infobox.get(kind.subject_field)
    if named is None:
        return None
    value = clean_item(named.items[0]).text if named.items else ""
    return value if value and refusal(value) is None and len(value.split()) <= 5 else None


_NUMBERED_KEY = re.compile(r"^(.*?[a-z_])(\d+)$")


_YOUTH_TEAM = re.compile(r"\b(?:U-?\d{2}|Under-\d{2}|Olympic|B|youth|amateur)\b", re.IGNORECASE)


def _spec_for(kind: KindSpec, infobox: Infobox, key: str) -> FieldSpec | None:
    """The phrasing of a key; `nationalteam1` with no `nationalteam2` reads as `nationalteam`.

    Numbered national teams (`nationalteam1` Argentina U20, `nationalteam2` Argentina) are
    one fact when a single senior team remains: it is asked once, from its own field.
    """
    if key in kind.fields:
        return kind.fields[key]
    match = _NUMBERED_KEY.match(key)
    if not match:
        return None
    stem = match.group(1)
    spec = kind.fields.get(stem.rstrip("_"))
    if spec is None:
        return None
    if match.group(2) == "1" and infobox.get(f"{stem}2") is None:
        return spec
    if stem == "nationalteam":
        senior = [
            f for f in infobox.fields
            if _NUMBERED_KEY.match(f.key) and f.key.startswith(stem)
            and not _YOUTH_TEAM.search(f.text)
        ]  # fmt: skip
        if len({f.text.strip() for f in senior}) == 1 and senior[0].key == key:
            return spec
    return None


# --- tense -------------------------------------------------------------------------------------

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


def _is_past(infobox: Infobox, kind: KindSpec) -> bool:
    if kind.tense == "past":
        return True
    if kind.tense == "person":
        return _person_is_dead(infobox)
    if kind.tense == "athlete":
        finished = ("retired", "finalteam", "finaldate", "finalyear", "career_end", "final_team")
        return _person_is_dead(infobox) or any(infobox.get(key) for key in finished)
    if kind.tense == "organization":
        ended = ("defunct", "dissolved", "dissolution", "year_end", "date_end", "ceased")
        return any(infobox.get(key) for key in ended)
    if kind.tense == "activity":
        active = infobox.get("years_active") or infobox.get("yearsactive")
        if active is None or re.search(r"present|now|current", active.text, re.IGNORECASE):
            return False
        return bool(re.search(r"\d{4}\s*$", active.text.strip()))
    return False


def _tense_words(past: bool, plural: bool) -> dict[str, str]:
    if past:
        was = "were" if plural else "was"
        return {
            "be": was, "be_past": was, "do": "did", "have": "had", "have_been": was,
            "held": "held",
        }  # fmt: skip
    return {
        "be": "are" if plural else "is",
        "be_past": "were" if plural else "was",
        "do": "do" if plural else "does",
        "have": "have" if plural else "has",
        "have_been": "have been" if plural else "has been",
        "held": "have held" if plural else "has held",
    }


def _render(template: str, context: _Context, subject: Subject | None = None, **extra: str) -> str:
    subject = subject or context.subject
    text = template.format(
        S=subject.name,
        Sc=subject.capitalized,
        Sp=subject.possessive,
        **context.words,
        **{"office": "", "title": "", "years": "", "year": "", "basis": "", **extra},
    )
    text = re.sub(r"\.\.$", ".", text)  # "Name one designer of Super Mario Bros.."
    if ", " in subject.name:
        # "Dollar Point, California, in metres": an appositive closes with a comma.
        text = re.sub(rf"({re.escape(subject.name)}) (?=[a-z])", r"\1, ", text)
    return text[:1].upper() + text[1:]


def _fact_key(infobox_index: int, key: str, suffix: str = "") -> str:
    prefix = "infobox" if infobox_index == 0 else f"infobox{infobox_index + 1}"
    return f"{prefix}:{key}{':' + suffix if suffix else ''}"


# --- values ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Items:
    answers: list[str]
    notes: list[str]


_FOOTNOTE_KEY = re.compile(r"^footnote_?([a-z])$")


def _footnote_letters(infobox: Infobox) -> set[str]:
    return {m.group(1) for key in infobox.keys() if (m := _FOOTNOTE_KEY.match(key))}


def _strip_footnote_letter(value: str, context: _Context) -> str:
    """ "Albaniana" (with a `footnote_a` field) -> "Albanian", when the prose says "Albanian"."""
    for letter in _footnote_letters(context.infobox):
        if value.endswith(letter) and len(value) > 4:
            stem = value[:-1]
            elsewhere = " ".join(f.text for f in context.infobox.fields) + " " + context.prose
            if re.search(rf"\b{re.escape(stem)}\b", elsewhere) and not re.search(
                rf"\b{re.escape(value)}\b", context.prose
            ):
                return stem
    return value


def _raw_items(infobox_field: InfoboxField, rules: frozenset[str]) -> list[str]:
    items = list(infobox_field.items)
    if "first_part" in rules:
        items = [items[0].split(";")[0]]  # the verdict; what follows explains it
    separated = split_separators(items)
    if "whole" in rules:
        if len(separated) > len(items):
            return separated  # "Basra · Cairo": a list, not one place
        return [", ".join(item.strip(" ,;") for item in items if item.strip(" ,;"))]
    items = separated
    if "names" in rules or "list" in rules:
        items = split_after_notes(items)
    if "names" in rules:
        split: list[str] = []
        for item in items:
            by_links = split_by_links(item, infobox_field.links)
            split.extend(by_links or [item])
        items = split
        if any("," in item for item in items):
            items = split_commas(items)
        items = split_name_suffixes(items)
    if "commas" in rules:
        items = split_commas(items)
    if "common_nouns" in rules:
        items = split_common_nouns(items)
    if "place_tail" in rules:
        items = join_place_tails(items)
    if "first_item" in rules:
        items = items[:1]
    return items


def _clean_items(infobox_field: InfoboxField, spec: FieldSpec, context: _Context) -> _Items | None:
    """The answers a field gives, or None when any part of it is not a fair answer."""
    rules = spec.rules
    answers: list[str] = []
    notes: list[str] = []
    for raw in _raw_items(infobox_field, rules):
        if "strip_quoted" in rules:
            raw = strip_quoted(raw)
        value = clean_item(raw)
        text = _strip_footnote_letter(value.text, context)
        notes.extend(value.notes)
        if not text:
            continue
        if text.casefold() in {answer.casefold() for answer in answers}:
            continue
        answers.append(text)
    if not answers:
        return None
    for text in answers:
        if refusal(text, context.table.label_values):
            return None
        if len(text.split()) > spec.max_words or looks_like_sentence(text):
            return None
        if "%" in text and spec.answer_type != "number":
            return None  # "English 89.7%": a statistic, not a name
        if "no_digits" in rules and any(char.isdigit() for char in text):
            return None
        if (
            spec.answer_type in ("name", "text")
            and ("count" not in rules or len(answers) > 1)
            and re.fullmatch(r"[\d\s.,–-]+", text)
        ):
            return None  # a bare figure where a name is expected: a malformed field
        if "number" in rules and not is_number_value(text):
            return None
        if looks_glued(text, people="names" in rules):
            return None
    return _Items(answers, notes)


# --- one field ---------------------------------------------------------------------------------


def _question(
    context: _Context,
    key: str,
    infobox_field: InfoboxField,
    spec_pool: str,
    importance: float,
    question: str,
    answers: list[str],
    answer_type: AnswerType,
    notes: list[str] | tuple[str, ...] = (),
    **extra: object,
) -> Question:
    any_of = len(answers) > 1 and not extra.pop("spellings", False)
    extra_map: dict = {"field": infobox_field.key, "infobox_kind": context.kind.name, **extra}
    if notes:
        extra_map["notes"] = list(notes)
    return Question(
        kind="infobox",
        fact_key=key,
        question=question,
        answer=answers[0],
        accepted=tuple(answers[1:]),
        answer_type=answer_type,
        any_of=any_of,
        source_section="Infobox",
        source_text=f"{infobox_field.label}: {infobox_field.text}",
        distractor_pool=spec_pool,
        importance=importance,
        extra=extra_map,
    )


def _field_questions(
    context: _Context, infobox_field: InfoboxField, spec: FieldSpec, **values: str
) -> list[Question]:
    key = _fact_key(context.index, infobox_field.key)
    if "established_title" in spec.rules:
        title = context.infobox.get("established_title")
        if title is not None and not re.search(r"found|establish|incorporat", title.text, re.I):
            return []  # "Settled by Romans": the date is of something else
    if spec.answer_type == "date":
        return _date_field_questions(context, infobox_field, spec, key, **values)
    rules = spec.rules
    template = spec.ask
    answer_type: AnswerType = spec.answer_type
    pool = spec.pool
    if "won_years" in rules:
        answers = won_years(infobox_field.text)
        if not answers:
            return []
        items = _Items(answers, [])
    elif "largest_share" in rules:
        largest = largest_share(infobox_field.text)
        if not largest or refusal(largest, context.table.label_values):
            return []
        # the share's year stays with it: "(2012 est.)" makes the question "in 2012"
        notes = re.findall(r"\(([^()]*\d{4}[^()]*)\)", infobox_field.text)
        items = _Items([largest], notes)
    else:
        cleaned = _clean_items(infobox_field, spec, context)
        if cleaned is None:
            return []
        items = cleaned
    answers = items.answers
    if "official_only" in rules:
        kind_of = context.infobox.get(f"{infobox_field.key}_type")
        if kind_of is None or "official" not in kind_of.text.casefold():
            return []
    if "not_english" in rules and [a.casefold() for a in answers] == ["english"]:
        return []
    if "iucn" in rules:
        system = context.infobox.get("status_system")
        if system is not None and not system.text.casefold().startswith("iucn"):
            return []
        status = IUCN_STATUS.get(answers[0].upper())
        if status is None or len(answers) > 1:
            return []
        answers = [status]
    if "binomial" in rules:
        genus = context.infobox.get("genus")
        if genus is None or not genus.items or len(answers) > 1 or context.infobox.get("binomial"):
            return []  # a `binomial` field asks this itself
        epithet = answers[0].split()[-1]  # "P. tigris" -> "tigris"
        answers = [f"{clean_item(genus.items[0]).text} {epithet}"]
    if "first_part" in rules:
        answers = [answers[0].split(";")[0].strip()]
    if "conflicts" in rules:
        answers = _split_conflicts(answers)
    if "stat_year" in rules:
        year = stat_year(items.notes)
        if year is None:
            return []
        values["year"] = year
        basis = next((n for n in items.notes if re.fullmatch(r"PPP|nominal", n.strip(), re.I)), "")
        values["basis"] = f" ({basis.strip()})" if basis else ""
    if spec.year_field:
        year_field = next(
            (
                found
                for key in (
                    spec.year_field,
                    f"{infobox_field.key}_ref",
                    f"{infobox_field.key}_as_of",
                )
                if (found := context.infobox.get(key)) is not None
                and re.search(r"\b(?:1[89]\d\d|20\d\d)\b", found.text)
            ),
            None,
        )
        year_match = re.search(r"\b(1[89]\d\d|20\d\d)\b", year_field.text) if year_field else None
        year_match = year_match or re.search(r"\b(1[89]\d\d|20\d\d)\b", " ".join(items.notes))
        if year_match is not None:
            values["year"] = year_match.group(1)
        elif spec.undated:
            template = spec.undated
        else:
            return []
    if "multi_only" in rules and len(answers) == 1:
        return []
    if "count" in rules and len(answers) == 1 and is_number_value(answers[0]):
        if not spec.count_ask:
            return []
        template, answer_type, pool = spec.count_ask, "number", "number:count"
    elif len(answers) > 1:
        if "list" not in rules and "won_years" not in rules or not spec.multi:
            return []
        if len(answers) > MAX_LIST_ITEMS:
            return []
        template = spec.multi
    if any(
        refusal(answer, context.table.label_values) for answer in answers if answer_type != "number"
    ):
        return []
    if any(answer.casefold() == context.subject.short_title.casefold() for answer in answers):
        return []  # "What was the call sign of Apollo 8?" - "Apollo 8"
    question = _render(template, context, **values)
    spellings = (
        answer_type == "number" and len(answers) == 1 and re.fullmatch(r"\d{5,}", answers[0])
    )
    if spellings:
        answers = [f"{int(answers[0]):,}", answers[0]]  # "652864" reads as "652,864"
    other_name = _other_name(answers, items.notes) if pool in _PLACE_POOLS else None
    if other_name:
        answers, spellings = [answers[0], other_name], True
    return [
        _question(
            context,
            key,
            infobox_field,
            pool,
            spec.importance,
            question,
            answers,
            answer_type,
            items.notes,
            spellings=bool(spellings),
        )
    ]


_NAME_WORD = r"[A-Z][^\W\d_’'-]*[a-z][^\W\d_]*"
_TITLE_CASE_NAME = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}")
_PLACE_POOLS = frozenset({"place", "city", "capital"})
"""Places are named twice in brackets ("Denali (Mount McKinley)", "Mumbai (Bombay)"); a
person's or a work's brackets hold notes and translations more often than names."""


def _other_name(answers: list[str], notes: list[str] | tuple[str, ...]) -> str | None:
    """ "Denali (Mount McKinley)": the bracketed other name of a single place, accepted as
    well; a code ("CV-10"), a degree ("B.A.") or a note ("de facto") is no name for it."""
    if len(answers) != 1 or len(notes) != 1:
        return None
    note = notes[0].strip()
    return note if _TITLE_CASE_NAME.fullmatch(note) else None


def _date_field_questions(
    context: _Context, infobox_field: InfoboxField, spec: FieldSpec, key: str, **values: str
) -> list[Question]:
    mentions = find_dates(infobox_field.text)
    early = _EARLY_YEAR.match(infobox_field.text)
    if not mentions and early:
        # "0965 (c. 354 AH)": a year before 1000, written with a leading zero or alone.
        year = date(int(early.group(1)), 1, 1)
        mentions = [DateMention((0, early.end()), early.group(0), DateValue(year, year, "year"))]
    if not mentions:
        return []
    mention = mentions[0]
    if _DATE_BEFORE.search(infobox_field.text[: mention.span[0]]):
        return []  # "March 2 and April 22, 1959": the grammar saw only part of it
    value = mention.value
    accepted = (format_date(mention.old_style),) if mention.old_style else ()
    subject = context.subject.without_years()
    questions = [
        Question(
            kind="infobox",
            fact_key=key,
            question=_render(spec.ask, context, subject, **values),
            answer=format_date(value),
            accepted=accepted,
            answer_type="date",
            date=value,
            source_section="Infobox",
            source_text=f"{infobox_field.label}: {infobox_field.text}",
            distractor_pool="date",
            importance=spec.importance,
            extra={
                "field": infobox_field.key,
                **({"office": values["office"]} if values.get("office") else {}),
            },
        )
    ]
    event = "born" if "born" in spec.rules else "died" if "died" in spec.rules else None
    place_field = "birth_place" if event == "born" else "death_place"
    if event and context.infobox.get(place_field) is None:
        place = _place_after_date(infobox_field.text, mention.span[1])
        if place and refusal(place, context.table.label_values) is None:
            template = "Where was {S} born?" if event == "born" else "Where did {S} die?"
            questions.append(
                Question(
                    kind="infobox",
                    fact_key=key + ":place",
                    question=_render(template, context, subject),
                    answer=place,
                    answer_type="name",
                    source_section="Infobox",
                    source_text=f"{infobox_field.label}: {infobox_field.text}",
                    distractor_pool="city",
                    importance=1.0,
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


_EARLY_YEAR = re.compile(r"^\s*0?([1-9]\d{2})(?=\s*(?:\(|$))")
_DATE_BEFORE = re.compile(
    r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b", re.IGNORECASE
)
_AGE_NOTE = re.compile(r"\(?\s*(?:aged?\s*)?\d+\s*(?:years?\s*(?:old|ago)?)?\s*\)?", re.I)
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|Bros)\.)$")


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


# --- numbered groups ---------------------------------------------------------------------------


def _member_pattern(stem: str) -> re.Pattern[str]:
    """`office` -> office, office1, office2...; `leader_type` -> leader1_type too."""
    head, _, tail = stem.rpartition("_")
    if head and tail:
        return re.compile(
            rf"^(?:{re.escape(stem)}_?(\d*)|{re.escape(head)}(\d+)_{re.escape(tail)})$"
        )
    return re.compile(rf"^{re.escape(stem)}_?(\d*)$")


def _members(infobox: Infobox, stem: str) -> dict[str, InfoboxField]:
    pattern = _member_pattern(stem)
    found: dict[str, InfoboxField] = {}
    for infobox_field in infobox.fields:
        match = pattern.match(infobox_field.key)
        if match:
            number = next((g for g in match.groups() if g), "")
            found.setdefault(number, infobox_field)
    return found


def _group_questions(context: _Context, group: GroupSpec) -> tuple[list[Question], set[str]]:
    if group.name == "office":
        return _office_questions(context, group)
    if group.years:
        return _years_questions(context, group)
    if group.name_stem:
        return _pair_questions(context, group)
    return _collected_questions(context, group)


def _one_value(
    infobox_field: InfoboxField | None, context: _Context, labels: bool = True
) -> str | None:
    if infobox_field is None or len(infobox_field.items) != 1:
        return None
    text = clean_item(infobox_field.items[0]).text
    label_values = context.table.label_values if labels else ()
    if not text or refusal(text, label_values) or looks_like_sentence(text):
        return None
    return text


_MULTI_SEAT = re.compile(
    r"^(?:U\.S\.\s+|United States\s+)?(?:Associate\s+|Magistrate\s+|Senior\s+)*(?:Judge|Justice|"
    r"Member|Senator|Representative|Councillor|Councilor|Delegate|Deputy|Commissioner|"
    r"Ambassador|Magistrate)\b",
    re.IGNORECASE,
)


def office_phrase(office: str) -> str:
    """An office as it reads after "as": "the 16th President of ...", "a Judge of ..."."""
    if re.match(r"^(?:the|a|an)\s", office, re.IGNORECASE):
        return office
    if re.search(r"\b(?:Chief Justice|Chief Judge)\b", office):
        return f"the {office}"
    if _MULTI_SEAT.match(office):
        article = "an" if office[:1] in "AEIOaeio" else "a"  # "a U.S. Magistrate Judge"
        return f"{article} {office}"
    if re.match(r"^\d+(?:st|nd|rd|th)\b", office) or re.search(r"\b(?:of|for|to)\b", office):
        return f"the {office}"
    return office


_COURT_OFFICE = re.compile(
    r"^(?P<role>.*?\b(?:Judge|Justice|Magistrate))\s+(?:of|on)\s+(?:the\s+)?(?P<court>.*\bCourt\b.*)$"
)


def _office_questions(context: _Context, group: GroupSpec) -> tuple[list[Question], set[str]]:
    infobox = context.infobox
    offices = _members(infobox, group.title)
    senators = _members(infobox, "jr_sr")  # a U.S. senator's office: "United States Senator"
    for number, senator in senators.items():
        offices.setdefault(number, senator)
    consumed = {f.key for f in offices.values()} | {f.key for f in senators.values()}
    member_fields: dict[str, dict[str, tuple[InfoboxField, FieldSpec]]] = {}
    for infobox_field in infobox.fields:
        for spec_key, spec in group.fields.items():
            match = _member_pattern(spec_key).match(infobox_field.key)
            if match:
                number = next((g for g in match.groups() if g), "")
                member_fields.setdefault(number, {}).setdefault(spec.key, (infobox_field, spec))
                consumed.add(infobox_field.key)
                break
    orders = _members(infobox, group.order) if group.order else {}
    consumed |= {f.key for f in orders.values()}
    questions: list[Question] = []
    names: list[str] = []
    for number, office_field in sorted(offices.items(), key=lambda item: int(item[0] or 0)):
        office = clean_item(office_field.items[0]).text if len(office_field.items) == 1 else ""
        if not office or refusal(office, context.table.label_values) or len(office.split()) > 16:
            continue
        order = _one_value(orders.get(number), context)
        if order and re.fullmatch(r"\d+(?:st|nd|rd|th)", order) and not office[:1].isdigit():
            office = f"{order} {office}"
        fields = dict(member_fields.get(number, {}))
        if office_field.key.startswith("jr_sr") and "state" in fields:
            state = _one_value(fields.pop("state")[0], context)
            if state is None:
                continue
            office = f"{office} from {state}"
        names.append(office)
        phrase = office_phrase(office)
        for infobox_field, spec in fields.values():
            questions.extend(_field_questions(context, infobox_field, spec, office=phrase))
    if not offices and len(member_fields) == 1:
        # One unnamed term ("Who preceded X in office?") is still one office, read plainly.
        for infobox_field, spec in next(iter(member_fields.values())).values():
            if spec.key in ("predecessor", "successor"):
                verb = "preceded" if spec.key == "predecessor" else "succeeded"
                plain = FieldSpec(
                    key=spec.key, ask=f"Who {verb} {{S}} in office?", multi=None,
                    answer_type="name", pool=spec.pool, importance=spec.importance,
                    rules=spec.rules, max_words=spec.max_words,
                )  # fmt: skip
                questions.extend(_field_questions(context, infobox_field, plain))
    office_spec = context.kind.fields.get("office")
    names = list(dict.fromkeys(names))
    court = _COURT_OFFICE.match(names[0]) if len(names) == 1 else None
    if court and len(names[0].split()) > 12:
        # "U.S. Magistrate Judge of the United States District Court for the Eastern District
        # of Texas" is too long an answer: the court is asked, the role named.
        role = office_phrase(court.group("role"))
        first = next(iter(offices.values()))
        questions.insert(
            0,
            _question(
                context, _fact_key(context.index, "office"), first, "organization",
                office_spec.importance if office_spec else 1.0,
                _render(f"On which court did {{S}} serve as {role}?", context),
                [court.group("court")], "name",
            ),
        )  # fmt: skip
        return questions, consumed
    if office_spec and names and len(names) <= MAX_LIST_ITEMS:
        first = next(iter(offices.values()))
        template = office_spec.ask if len(names) == 1 else office_spec.multi or office_spec.ask
        questions.insert(
            0,
            _question(
                context, _fact_key(context.index, "office"), first, office_spec.pool,
                office_spec.importance, _render(template, context), names, "name",
            ),
        )  # fmt: skip
    return questions, consumed


def _year_span(text: str) -> tuple[int, int] | None:
    years = [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text)]
    if not years:
        return None
    if re.search(r"[–—-]\s*$", text.strip()) or re.search(r"present", text, re.IGNORECASE):
        return years[0], 9999
    return years[0], years[-1]


def _overlap(one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Two spells share a season; spells that only touch (2002–2006, 2006–2009) do not,
    unless one of them is a single year (2010 within 2009–2010)."""
    if one[0] < other[1] and other[0] < one[1]:
        return True
    if one[0] == one[1]:
        return other[0] <= one[0] <= other[1]
    if other[0] == other[1]:
        return one[0] <= other[0] <= one[1]
    return False


def _years_phrase(text: str) -> str | None:
    span = _year_span(text)
    if span is None:
        return None
    start, end = span
    if end == 9999:
        return None  # "2013–": still there, as far as the article knew; not a settled fact
    return f"in {start}" if start == end else f"from {start} to {end}"


def _years_questions(context: _Context, group: GroupSpec) -> tuple[list[Question], set[str]]:
    """ "Which club did X play for from 2002 to 2006?", when no other club shares those years."""
    titled = _members(context.infobox, group.title)
    years = _members(context.infobox, group.years or "")
    consumed = {f.key for f in titled.values() if titled and years} | {
        f.key for f in years.values() if titled
    }
    consumed |= {
        key for key in context.infobox.keys() if re.match(r"^(?:caps|goals)\d+$", key) and titled
    }
    spans = {n: _year_span(years[n].text) for n in titled if n and n in years}
    questions: list[Question] = []
    for number, club_field in sorted(titled.items(), key=lambda item: int(item[0] or 0)):
        span = spans.get(number)
        if not number or span is None:
            continue
        overlapping = [
            other for other, other_span in spans.items()
            if other != number and other_span and _overlap(span, other_span)
        ]  # fmt: skip
        if overlapping:
            continue  # two clubs in those years: the question would have two answers
        club_text = re.sub(r"^\s*→\s*", "", club_field.items[0]) if club_field.items else ""
        club = clean_item(club_text).text
        phrase = _years_phrase(years[number].text)
        if not club or phrase is None or refusal(club, context.table.label_values):
            continue
        if re.search(r"\bloan\b", club_field.text, re.IGNORECASE):
            continue
        questions.append(
            _question(
                context, _fact_key(context.index, club_field.key), club_field, group.pool,
                group.importance, _render(group.ask or "", context, years=phrase), [club],
                group.answer_type,
            )
        )  # fmt: skip
    return questions, consumed


_DIVISIONS = {
    "country": "country", "state": "state", "county": "county", "province": "province",
    "region": "region", "district": "district", "municipality": "municipality",
    "prefecture": "prefecture", "department": "department", "canton": "canton",
    "oblast": "oblast", "governorate": "governorate", "borough": "borough", "parish": "parish",
    "territory": "territory", "island": "island", "constituent country": "constituent country",
    "autonomous community": "autonomous community", "voivodeship": "voivodeship",
}  # fmt: skip


def _pair_questions(context: _Context, group: GroupSpec) -> tuple[list[Question], set[str]]:
    """Title/name pairs: "Who is the President of X?", "In which county is X?"."""
    titles = _members(context.infobox, group.title)
    names = _members(context.infobox, group.name_stem or "")
    consumed = {f.key for f in titles.values()} | {f.key for f in names.values()}
    questions: list[Question] = []
    for number, title_field in sorted(titles.items(), key=lambda item: int(item[0] or 0)):
        name_field = names.get(number)
        title = _one_value(title_field, context, labels=False) if title_field.items else None
        name = _one_value(name_field, context)
        if not title or not name:
            continue
        pool = group.pool
        if group.name == "subdivisions":
            division = _DIVISIONS.get(title.casefold())
            if division is None or any(char.isdigit() for char in name):
                continue
            if division == "country":
                pool = "country"
            if division == "county" and not re.search(r"\bCounty\b", name):
                name = f"{name} County"
            if name.casefold() in context.subject.name.casefold():
                continue  # "In which state is Dollar Point, California?": the title says
            title = division
            if division == "island":
                questions.append(
                    _question(
                        context, _fact_key(context.index, name_field.key), name_field, pool,
                        group.importance, _render("On which island is {S}?", context), [name],
                        group.answer_type,
                    )
                )  # fmt: skip
                continue
        else:
            if not context.table.leader_titles.match(title) or len(name.split()) > 5:
                continue
            if any(char.isdigit() for char in name):
                continue
        questions.append(
            _question(
                context, _fact_key(context.index, name_field.key), name_field, pool,
                group.importance, _render(group.ask or "", context, title=title), [name],
                group.answer_type,
            )
        )  # fmt: skip
    return questions, consumed


def _collected_questions(context: _Context, group: GroupSpec) -> tuple[list[Question], set[str]]:
    """Numbered items of one list (`child1`... `child7`): one "Name one ..." question."""
    members = _members(context.infobox, group.title)
    consumed = {f.key for f in members.values()}
    values = [
        _one_value(f, context) for _, f in sorted(members.items(), key=lambda i: int(i[0] or 0))
    ]
    if not values or any(v is None for v in values):
        return [], consumed
    answers = list(dict.fromkeys(v for v in values if v))
    if not 2 <= len(answers) <= MAX_LIST_ITEMS:
        return [], consumed
    first = next(iter(members.values()))
    return [
        _question(
            context, _fact_key(context.index, group.title), first, group.pool, group.importance,
            _render(group.ask or "", context), answers, group.answer_type,
        )
    ], consumed  # fmt: skip


# --- conflict sides ----------------------------------------------------------------------------

_NUMBERED = re.compile(r"^(combatant|commander|strength|casualties|units|leaders?)(\d+)([a-z]?)$")
_SIDE_KEY = re.compile(r"^(?:combatant|commander|strength|casualties|units|leaders?)\d+[a-z]?$")
_NAME_LIKE = re.compile(
    r"^(?:[A-Z\u00c0-\u024f][\w.'’-]*)(?:\s+(?:[A-Z\u00c0-\u024f][\w.'’-]*|"
    r"de|da|di|von|van|der|del|la|le|bin|ibn|al-\w+|of|the|bey|y))*$"
)


def _name_list(item: str) -> list[str]:
    """ "Teo Macero, Irving Townsend" -> two names; "Goris, Armenia" stays for places."""
    parts = [part.strip() for part in item.split(",")]
    if len(parts) > 1 and all(_NAME_LIKE.match(part) and len(part.split()) >= 2 for part in parts):
        return parts
    return [item]


def _side_items(infobox_field: InfoboxField, split_names: bool = False) -> list[str]:
    items: list[str] = []
    raw_items = [
        piece
        for item in infobox_field.items
        for piece in (_name_list(item) if split_names else [item])
    ]
    for item in raw_items:
        text = clean_item(item).text
        if (
            text
            and not is_placeholder(text)
            and text.casefold() not in {i.casefold() for i in items}
        ):
            items.append(text)
    return items


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
        number: _side_items(fields["combatant"])
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
                fields, number, side, combatants.get(number, []), opponents, subject,
                infobox_index, combatants,
            )
        )  # fmt: skip
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
    if (
        own_combatants
        and opponents
        and len(opponents) <= 2
        and len(own_combatants) <= MAX_LIST_ITEMS
    ):
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
                importance=1.0,
                extra={"field": combatant_field.key, "side": side},
            )
        )
    if 1 < len(own_combatants) <= MAX_LIST_ITEMS + 1:
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
                importance=0.6,
                extra={"field": combatant_field.key, "side": side},
            )
        )
    commander_field = fields.get("commander") or fields.get("leader")
    if commander_field:
        commanders = _side_items(commander_field, split_names=True)
        if commanders and len(commanders) <= MAX_LIST_ITEMS:
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
                    distractor_pool="person:commander",
                    importance=0.7,
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
    pool = f"number:{role}"
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
                    distractor_pool=pool,
                    importance=0.5,
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
            distractor_pool=pool,
            importance=0.5,
            extra={"field": role_field.key, "side": side, "notes": list(value.notes)},
        )
    ]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


# --- reverse questions -------------------------------------------------------------------------

_REVERSE: dict[InfoboxKind, tuple[tuple[str, ...], str]] = {
    "conflict": (("place", "location"), "Which {year} {noun} took place in {value}?"),
    "event": (("location", "place", "venue"), "Which {year} event took place in {value}?"),
    "film": (("director", "directed_by"), "Which {year} film did {value} direct?"),
    "book": (("author",), "Which {year} book did {value} write?"),
    "album": (("artist",), "Which {year} album did {value} release?"),
    "television": (("created_by", "creator"), "Which {year} series did {value} create?"),
    "company": (("founder", "founders"), "Which company did {value} found in {year}?"),
    "organization": (("founder", "founders"), "Which organization did {value} found in {year}?"),
}
_YEAR_FIELDS = (
    "date", "release_date", "released", "publication_date", "published", "founded",
    "formation", "first_aired", "original_release",
)  # fmt: skip


def _reverse_question(context: _Context) -> Question | None:
    """ "Which 1919 battle took place in Zangezur uezd?": the subject is the answer.

    Only for kinds where the pair (year, place or maker) nearly always singles out one
    subject; the builder drops a reverse question that another article would also answer.
    """
    infobox, kind = context.infobox, context.kind.name
    if kind not in _REVERSE:
        return None
    field_keys, template = _REVERSE[kind]
    value_field = next((infobox.get(key) for key in field_keys if infobox.get(key)), None)
    if value_field is None or len(value_field.items) != 1:
        return None
    value = clean_item(value_field.items[0]).text
    if (
        not value
        or refusal(value, context.table.label_values)
        or len(value.split()) > 6
        or looks_like_sentence(value)
        or looks_glued(value, people=True)
    ):
        return None
    year = None
    for key in _YEAR_FIELDS:
        year_field = infobox.get(key)
        mentions = find_dates(year_field.text) if year_field else []
        if mentions:
            date_value = mentions[0].value
            years = {date_value.start.year, date_value.end.year}
            year = (
                f"{date_value.start.year}–{date_value.end.year}"
                if len(years) > 1
                else str(date_value.start.year)
            )
            break
    if year is None:
        return None
    answer = re.sub(r"\s*\([^()]*\)\s*$", "", context.subject.short_title).strip()
    if not answer or answer.casefold() in value.casefold():
        return None
    question = template.format(year=year, noun=context.subject.noun, value=value)
    return Question(
        kind="infobox",
        fact_key=_fact_key(context.index, "reverse", value_field.key),
        question=question,
        answer=answer,
        answer_type="name",
        source_section="Infobox",
        source_text=f"{value_field.label}: {value_field.text}",
        distractor_pool="title",
        importance=0.5,
        extra={"field": value_field.key, "reverse": True},
    )
