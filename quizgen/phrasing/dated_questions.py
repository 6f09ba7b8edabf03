"""Turn a sentence that says when something happened into one quiz question.

Two forms, tried in this order for each usable date of the sentence:
- "When did <subject> <base verb> ...?" (or "In what year ...", "In which month
  of 1919 ...", "When was <subject> <participle> ...?"): the date phrase and its
  preposition are removed and the main clause is turned into a question. Only
  done when the clause plainly reads subject + past-tense verb; a wrong
  transformation would be ungrammatical, so doubt means the next form.
- a cloze: the sentence (trimmed to the clause carrying the date) with exactly
  the date's words blanked.

A sentence we cannot phrase well gives no question at all: a card read by a
person is judged on its wording, and a missing card costs less than a garbled
one. Which sentences are worth a card, and the last checks every phrased
question passes, live in `dated_gates`; `phrase_dated` returns the question or
the named reason there is none (`DatedPhrasing.rejections`), so a build can
count them. A leading "he"/"she"/"it" or "the town"/"the film" becomes the
article's subject only when `facts.dated_sentences` found that certain;
otherwise the sentence is skipped.

`Question.extra["style"]` is "when" or "cloze"; `Question.extra["event"]`, when present,
names the event in a short clause that stands alone with its date hidden (see
`event_clauses`), for timeline cards.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from quizgen.core.date_format import format_date
from quizgen.core.identity import normalize_key
from quizgen.core.lemma_tables import lemminflect_module
from quizgen.core.literal_gate import gated
from quizgen.core.models import Article, DatedSentence, DateMention, Question
from quizgen.core.wording import is_dictionary_word, possessive
from quizgen.facts.dated_sentences import dated_sentences
from quizgen.phrasing.dated_gates import (
    DAY_WORTH_IMPORTANCE,
    MAX_WORDS,
    TRIVIA_IMPORTANCE,
    importance,
    mention_rejection,
    names_the_subject,
    question_rejection,
    resolve_subject_nouns,
    sentence_rejection,
    tidy,
    vague_predicate,
)
from quizgen.phrasing.event_clauses import clause_from_cloze, declarative, standalone

BLANK = "____"
MAX_QUESTION_LENGTH = 300
FACT_KEY_WORDS = 12

_SEASONS = {"spring", "summer", "autumn", "fall", "winter"}

# Prepositions that place the event at the date: "When did ...?" asks the same thing.
_AT_PREPOSITIONS = {"on", "in", "during", "at", "around", "circa", "c.", "about", "throughout"}
# Prepositions that make the date a bound ("by 1918", "until 1920"): only a cloze keeps the sense.
_BOUND_PREPOSITIONS = {
    "by",
    "until",
    "till",
    "since",
    "before",
    "after",
    "from",
    "between",
    "through",
    "of",
    "to",
    "and",
    "or",
}

# Common irregular simple-past forms; regular "-ed" forms go through lemminflect.
_IRREGULAR_PAST = {
    "arose": "arise",
    "ate": "eat",
    "awoke": "awake",
    "bore": "bear",
    "beat": "beat",
    "became": "become",
    "began": "begin",
    "bent": "bend",
    "bit": "bite",
    "blew": "blow",
    "broke": "break",
    "brought": "bring",
    "broadcast": "broadcast",
    "built": "build",
    "burnt": "burn",
    "bought": "buy",
    "cast": "cast",
    "caught": "catch",
    "chose": "choose",
    "came": "come",
    "cut": "cut",
    "dealt": "deal",
    "dug": "dig",
    "drew": "draw",
    "drove": "drive",
    "fell": "fall",
    "fed": "feed",
    "felt": "feel",
    "fought": "fight",
    "found": "find",
    "fled": "flee",
    "flew": "fly",
    "forbade": "forbid",
    "forgave": "forgive",
    "foresaw": "foresee",
    "froze": "freeze",
    "gave": "give",
    "went": "go",
    "grew": "grow",
    "hung": "hang",
    "heard": "hear",
    "hid": "hide",
    "hit": "hit",
    "held": "hold",
    "kept": "keep",
    "knew": "know",
    "laid": "lay",
    "led": "lead",
    "learnt": "learn",
    "left": "leave",
    "lent": "lend",
    "lost": "lose",
    "made": "make",
    "meant": "mean",
    "met": "meet",
    "mistook": "mistake",
    "overcame": "overcome",
    "overran": "overrun",
    "oversaw": "oversee",
    "overthrew": "overthrow",
    "overtook": "overtake",
    "paid": "pay",
    "put": "put",
    "quit": "quit",
    "ran": "run",
    "rang": "ring",
    "read": "read",
    "rebuilt": "rebuild",
    "retook": "retake",
    "rewrote": "rewrite",
    "rode": "ride",
    "rose": "rise",
    "said": "say",
    "sang": "sing",
    "sank": "sink",
    "sat": "sit",
    "saw": "see",
    "sought": "seek",
    "sold": "sell",
    "sent": "send",
    "set": "set",
    "shook": "shake",
    "shot": "shoot",
    "shut": "shut",
    "slew": "slay",
    "slid": "slide",
    "spoke": "speak",
    "spent": "spend",
    "split": "split",
    "spread": "spread",
    "sprang": "spring",
    "stood": "stand",
    "stole": "steal",
    "struck": "strike",
    "swam": "swim",
    "swore": "swear",
    "took": "take",
    "taught": "teach",
    "tore": "tear",
    "told": "tell",
    "thought": "think",
    "threw": "throw",
    "understood": "understand",
    "undertook": "undertake",
    "underwent": "undergo",
    "upheld": "uphold",
    "upset": "upset",
    "withdrew": "withdraw",
    "withheld": "withhold",
    "withstood": "withstand",
    "woke": "wake",
    "won": "win",
    "wore": "wear",
    "wrote": "write",
}
_IRREGULAR_PARTICIPLES = {
    "arisen",
    "awoken",
    "beaten",
    "become",
    "begun",
    "bitten",
    "born",
    "borne",
    "bought",
    "bound",
    "broadcast",
    "broken",
    "brought",
    "built",
    "burnt",
    "cast",
    "caught",
    "chosen",
    "cut",
    "dealt",
    "done",
    "drawn",
    "driven",
    "dug",
    "eaten",
    "fallen",
    "fed",
    "felt",
    "fought",
    "found",
    "forbidden",
    "forgiven",
    "forgotten",
    "frozen",
    "given",
    "grown",
    "held",
    "hidden",
    "hit",
    "hung",
    "kept",
    "known",
    "laid",
    "led",
    "left",
    "lent",
    "lost",
    "made",
    "met",
    "overrun",
    "overseen",
    "overthrown",
    "overtaken",
    "paid",
    "put",
    "read",
    "rebuilt",
    "retaken",
    "rewritten",
    "ridden",
    "risen",
    "run",
    "said",
    "seen",
    "set",
    "shaken",
    "shot",
    "shown",
    "shut",
    "slain",
    "sold",
    "sent",
    "sought",
    "spent",
    "split",
    "spoken",
    "spread",
    "stolen",
    "struck",
    "sunk",
    "sworn",
    "taken",
    "taught",
    "thrown",
    "told",
    "torn",
    "undertaken",
    "upheld",
    "withdrawn",
    "withheld",
    "won",
    "worn",
    "written",
}
_LINKING_PAST = {"was": "was", "were": "were"}
# Words that, met before a verb, mean the clause is not a plain "subject verb".
_CLAUSE_BREAKERS = {
    "who",
    "whom",
    "whose",
    "which",
    "that",
    "when",
    "where",
    "while",
    "whilst",
    "after",
    "before",
    "because",
    "although",
    "though",
    "if",
    "unless",
    "since",
    "as",
    "is",
    "are",
    "be",
    "been",
    "being",
    "had",
    "has",
    "have",
    "did",
    "does",
    "do",
    "would",
    "could",
    "should",
    "will",
    "shall",
    "may",
    "might",
    "must",
    "can",
    "not",
    "also",
    "then",
}
_DETERMINERS = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "some",
    "several",
    "many",
    "all",
    "each",
    "every",
    "no",
    "two",
    "three",
}
_SUBJECT_PRONOUNS = {"he", "she", "they", "it"}
_POSSESSIVE_PRONOUNS = {"his", "her", "its", "their"}
_VAGUE_SUBJECTS = {
    "this",
    "these",
    "that",
    "those",
    "there",
    "which",
    "who",
    "we",
    "i",
    "you",
    "one",
    "such",
    "both",
    "others",
    "some",
}
# Openers of a leading subordinate or prepositional clause that can be dropped
# when it does not hold the date ("Following the revolution, X ...").
_LEADING_CLAUSE_OPENERS = {
    "after",
    "following",
    "during",
    "despite",
    "with",
    "amid",
    "amidst",
    "under",
    "as",
    "when",
    "while",
    "although",
    "though",
    "because",
    "upon",
    "having",
    "in",
    "on",
    "at",
    "within",
    "throughout",
    "according",
    "unlike",
    "like",
    "once",
    "shortly",
    "soon",
    "later",
    "however",
    "meanwhile",
    "eventually",
    "subsequently",
    "finally",
    "initially",
    "thereafter",
    "afterwards",
    "then",
    "thus",
    "consequently",
    "nevertheless",
    "moreover",
    "furthermore",
    "additionally",
    "instead",
    "together",
    "along",
    "before",
}
_TRAILING_CLAUSE = re.compile(
    r"(?:,|;|:|\s[-–—]\s)\s*(?:which|who|whom|whose|where|when|while|whilst|although|though|"
    r"but|and|thus|thereby|so|as|after|before|until|because|since|despite|making|with|"
    r"[a-z]+ing\b|(?:the|a|an)\s)|;|\s+but\s|\s+\(|\s+[-–—]\s|\s+which\s|\s+(?:and|or|but),\s|"
    r"\s+(?:when|while|because|although|whereas)\s+(?=(?:he|she|it|they|the|a|his|her)\b)"
)
_STOPWORDS = {
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "to",
    "and",
    "or",
    "by",
    "for",
    "with",
    "from",
    "as",
    "was",
    "were",
    "is",
    "be",
    "been",
    "had",
    "has",
    "have",
    "that",
    "which",
    "it",
    "its",
    "this",
    "during",
    "into",
    "after",
    "before",
    "their",
    "his",
    "her",
}
_CITATION = re.compile(r"\[(?:\d+|[a-z]|citation needed|note \d+)\]")
_MARKUP = gated(r"\[\[|\]\]|\{\{|\}\}|<[a-z/]|''|\|")
_QUOTES = ('"', "“", "”")


@dataclass(frozen=True)
class DatedPhrasing:
    """What the phraser made of one dated sentence: its question, or why it made none."""

    questions: tuple[Question, ...]
    rejections: tuple[tuple[str, str], ...] = ()
    """(reason, sentence) for a sentence that gave no question; reasons are `REASONS`."""


def phrase_article_dates(article: Article) -> DatedPhrasing:
    """Every dated question of an article, and every dated sentence it refused, with why.

    For a build report: `Counter(reason for reason, _ in result.rejections)`.
    """
    questions: list[Question] = []
    rejections: list[tuple[str, str]] = []
    sentences = dated_sentences(article)
    crowded = crowded_years(sentences)
    for dated in sentences:
        phrased = phrase_dated(dated, crowded)
        questions.extend(phrased.questions)
        rejections.extend(phrased.rejections)
    return DatedPhrasing(tuple(questions), tuple(rejections))


CROWDED_YEAR_SENTENCES = 4
CROWDED_YEAR_SHARE = 0.25
"""A year of at least 4 of the article's dated sentences, and a quarter of them, is the
article's own year: an expedition's 1919, not one season of a long career."""


def crowded_years(sentences: list[DatedSentence]) -> frozenset[int]:
    """Years the article tells many events of. "In what year did Wardrop telegraph
    London?" answers 1919 in an article whose every event is of 1919: there, a minor
    event's day is asked at its month instead."""
    counts = Counter(
        {m.value.start.year for m in dated.dates}.pop()
        for dated in sentences
        if len({m.value.start.year for m in dated.dates}) == 1
    )
    floor = max(CROWDED_YEAR_SENTENCES, CROWDED_YEAR_SHARE * sum(counts.values()))
    return frozenset(year for year, count in counts.items() if count >= floor)


def dated_questions(dated: DatedSentence) -> list[Question]:
    """At most one question about the sentence's main dated event (none when unsure)."""
    return list(phrase_dated(dated).questions)


def phrase_dated(dated: DatedSentence, crowded: frozenset[int] = frozenset()) -> DatedPhrasing:
    """The sentence's question, or the named reason it has none.

    The main date is the first date outside brackets that can be the answer and
    for which a good question can be phrased; a "When ...?" question is
    preferred to a cloze, and every phrased question passes the last gate.
    """
    original = dated.sentence

    def rejected(reason: str) -> DatedPhrasing:
        return DatedPhrasing((), ((reason, original),))

    if _CITATION.search(dated.sentence):
        # Citation markers shift offsets: find the mentions again by their text.
        reanchored = _reanchor(dated, _CITATION.sub("", dated.sentence))
        if reanchored is None:
            return rejected("no usable date")
        dated = reanchored
    if _MARKUP.search(dated.sentence):
        return rejected("markup")
    if _starts_mid_quote(dated.sentence):
        return rejected("fragment")
    reason = sentence_rejection(dated.sentence)
    if reason is not None:
        return rejected(reason)
    mentions: list[DateMention] = []
    reasons: list[str] = []
    for mention in dated.dates:
        if not _usable(dated.sentence, mention):
            reasons.append("date in brackets")
        elif _in_date_list(dated, mention):
            reasons.append("date in a list")
        else:
            problem = mention_rejection(dated, mention)
            if problem is None:
                mentions.append(mention)
            else:
                reasons.append(problem)
    if not mentions:
        return rejected(reasons[0] if reasons else "no usable date")
    failures: list[str] = []
    when = functools.partial(_when_question, crowded=crowded)
    for phrase in (when, _cloze_question):
        for mention in mentions:
            question, problem = phrase(dated, mention)
            if question is not None and (
                question.importance > TRIVIA_IMPORTANCE
                or names_the_subject(question.question, dated)
            ):
                return DatedPhrasing((question,))
            failures.append(problem if question is None else "no anchor")
    return rejected(_most_telling(failures))


def _most_telling(failures: list[str]) -> str:
    """The reason to report: a cloze's specific defect beats the "When" form's "no clause"."""
    for reason in reversed(failures):
        if reason != "no clean clause":
            return reason
    return "no clean clause"


# ---------------------------------------------------------------- answers


# ---------------------------------------------------------------- choosing dates


def _usable(sentence: str, mention: DateMention) -> bool:
    """A mention we can ask about: its span is right and it is not inside brackets."""
    start, end = mention.span
    if sentence[start:end] != mention.text:
        return False
    before = sentence[:start]
    return before.count("(") <= before.count(")") and before.count("[") <= before.count("]")


def _reanchor(dated: DatedSentence, sentence: str) -> DatedSentence | None:
    mentions = []
    cursor = 0
    for mention in dated.dates:
        start = sentence.find(mention.text, cursor)
        if start < 0:
            return None
        end = start + len(mention.text)
        cursor = end
        mentions.append(
            DateMention(
                span=(start, end),
                text=mention.text,
                value=mention.value,
                old_style=mention.old_style,
                year_inferred=mention.year_inferred,
            )
        )
    return replace(dated, sentence=sentence.strip(), dates=tuple(mentions))


def _in_date_list(dated: DatedSentence, mention: DateMention) -> bool:
    """ "in 1908, 1948 and 2012": one of several dates for one event has no single answer."""
    for other in dated.dates:
        if other is mention:
            continue
        first, second = sorted((mention.span, other.span))
        between = dated.sentence[first[1] : second[0]]
        if re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or|/|&)\s*", between):
            return True
    return False


def _starts_mid_quote(sentence: str) -> bool:
    stripped = sentence.lstrip()
    if not stripped or not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in '"“'):
        return True
    return not _balanced(sentence)


def _balanced(text: str) -> bool:
    if text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        return False
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return False
    return True


# ---------------------------------------------------------------- "When ...?" questions


Phrased = tuple[Question | None, str]
"""A question, or None and the reason none was made."""


_ADJUNCT_OPENERS = re.compile(
    r"\s(?:between|against|during|after|before|following|under|near|amid|based|including|"
    r"which|who|when|while|where|whereby|thereby|as part of|in order to|to|through|via|"
    r"from)\s"
)


def _shorten(rest: str, room: int) -> str:
    """Drop trailing adjuncts ("... under King Harold") until the question fits."""
    if len(rest.split()) <= room:
        return rest
    for match in reversed(list(_ADJUNCT_OPENERS.finditer(rest))):
        kept = rest[: match.start()].rstrip(" ,;")
        if re.search(r"\b[A-Z]\w*$", kept) and rest[match.end() : match.end() + 1].isupper():
            continue  # "List of Goods Produced by Child Labor": inside a title
        if len(kept.split()) <= room and not _cuts_a_list(rest, match.start()):
            return kept
    return rest


def _pronoun_referent(dated: DatedSentence) -> str:
    return getattr(dated, "pronoun_referent", "")


def _when_question(
    dated: DatedSentence, mention: DateMention, crowded: frozenset[int] = frozenset()
) -> Phrased:
    value = mention.value
    is_decade = "decade" in (value.qualifier or "")
    if (value.is_range and not is_decade) or value.qualifier in _SEASONS:
        return None, "no clean clause"
    if _inside_subject_insert(dated.sentence, mention):
        return None, "no clean clause"
    if (
        _in_leading_clause(dated.sentence, mention)
        or _in_second_conjunct(dated.sentence, mention)
        or _in_later_clause(dated.sentence, mention)
        or _dates_a_gerund(dated.sentence, mention)
    ):
        return None, "no clean clause"
    removed = _remove_date_phrase(dated.sentence, mention)
    if removed is None:
        return None, "no clean clause"
    clause = _drop_leading_clauses(tidy(removed))
    if clause is None:
        return None, "no clean clause"
    clause = resolve_subject_nouns(clause, dated)
    parts = _split_clause(clause, _pronoun_referent(dated), _name_evidence(dated))
    if parts is None:
        return None, "no clean clause"
    subject, auxiliary, verb_phrase, rest = parts
    trimmed = _trim_trailing_clause(rest)
    if trimmed is None:
        return None, "no clean clause"
    rest = trimmed
    if vague_predicate(verb_phrase, rest):
        return None, "nothing asked"
    if (
        value.precision in ("day", "month")
        and importance(dated, clause) < DAY_WORTH_IMPORTANCE
        and not _TIME_OF_DAY.search(clause)
    ):
        in_crowded_year = mention.value.start.year in crowded
        mention = _as_month(mention) if in_crowded_year else _as_year(mention)
    opener = _opener(mention)
    head = " ".join(p for p in (opener, auxiliary, subject, verb_phrase) if p)
    rest = _shorten(rest, MAX_WORDS - len(head.split()))
    question = tidy(_drop_parentheticals(" ".join(p for p in (head, rest) if p))) + "?"
    if not _question_is_clean(question, mention, dated, allow_month_year=True):
        return None, "no clean clause"
    if any(other.text in question for other in dated.dates if other is not mention):
        return None, "no clean clause"  # "launched in 1974 ..." asked for 1996
    problem = question_rejection(question, "when", subject, dated, mention)
    if problem is not None:
        return None, problem
    event = declarative(
        subject, auxiliary, verb_phrase, _drop_parentheticals(rest).strip(), dated.sentence
    )
    return _make_question(dated, mention, question, "when", event), ""


_AUXILIARIES = {"was", "were", "had", "is", "are", "has", "have"}


def _finite_verb_ends(tokens: list[str]) -> list[int]:
    """Token indices where a finite verb group ends ("was born" ends at "born")."""
    ends = []
    index = 0
    while index < len(tokens):
        token = tokens[index].strip(',;:.()"')
        previous = tokens[index - 1].strip(",;:.()") if index else ""
        following = tokens[index + 1].strip(",;:.") if index + 1 < len(tokens) else ""
        if token in _AUXILIARIES:
            end = index
            while end + 1 < len(tokens) and (
                _is_adverb(tokens[end + 1]) or tokens[end + 1].strip(",") in {"been", "not"}
            ):
                end += 1
            if end + 1 < len(tokens) and _passive_after(tokens, end + 1) == end + 2:
                end += 1
            ends.append(end)
            index = end + 1
            continue
        if following != "by" and _past_to_base(token, previous) is not None:
            ends.append(index)
        index += 1
    return ends


def _in_later_clause(sentence: str, mention: DateMention) -> bool:
    """ "He set a record, which stood until Nadal broke it in 2005": the date dates a
    later verb than the main one, so "When did he set the record?" would be wrong."""
    tokens = sentence[: mention.span[0]].split()
    ends = _finite_verb_ends(tokens)
    if len(ends) >= 2:
        return True
    # "planned as the D mission, to test the LM in December 1968": the test's date
    after_verb = tokens[ends[0] + 1 :] if ends else []
    return any(
        word == "to" and _is_base_verb(following.strip(",;:"))
        for word, following in zip(after_verb, after_verb[1:], strict=False)
    )


_GERUND_BEFORE_DATE = re.compile(
    r"\s(?:after|before|following|upon|while|when|since|by)\s+[a-z]+ing\b[^;.]*$"
)


def _dates_a_gerund(sentence: str, mention: DateMention) -> bool:
    """ "Kristeva became influential ... after publishing her first book in 1969": 1969
    dates the publishing, so "In what year did Kristeva become influential?" is wrong."""
    return _GERUND_BEFORE_DATE.search(sentence[: mention.span[0]]) is not None


@lru_cache(maxsize=4096)
def _is_base_verb(word: str) -> bool:
    lemminflect = lemminflect_module()  # tables read word by word, once per process

    if not (word.isalpha() and word.islower()):
        return False
    lemmas = lemminflect.getAllLemmas(word, upos="VERB")
    return word in lemmas.get("VERB", ())


def _in_second_conjunct(sentence: str, mention: DateMention) -> bool:
    """ "He trained ..., and earned his degree in 1979": 1979 dates the second verb."""
    before = sentence[: mention.span[0]]
    for match in re.finditer(r"\b(?:and|but|then)\s+(?:[a-z]+ly\s+)?([a-z]+)\b", before):
        if match.group(1) in _IRREGULAR_PAST or _past_to_base(match.group(1), "and"):
            return True
    return False


def _in_leading_clause(sentence: str, mention: DateMention) -> bool:
    """ "Following the war in 1919, the king tried ...": 1919 dates the war, not the king."""
    first = _first_word(sentence)
    if first not in _LEADING_CLAUSE_OPENERS:
        return False
    comma = sentence.find(",", mention.span[1])
    if comma < 0 or "," in sentence[: mention.span[0]]:
        return False
    head = sentence[: mention.span[0]].strip()
    # "In 1919, ..." / "On 3 May 1920, ...": the date phrase is the whole opener
    return not re.fullmatch(r"(?:[Ii]n|[Oo]n|[Dd]uring|[Bb]y|[Aa]t)(?:\s+the)?", head)


def _name_evidence(dated: DatedSentence) -> str:
    """Text where a capitalised word can show it is a name: all but sentence starts."""

    def without_first_word(text: str) -> str:
        return text.strip().partition(" ")[2]

    return " | ".join(
        [
            "",
            dated.subject,
            without_first_word(dated.sentence),
            without_first_word(dated.previous_sentence),
        ]
    )


_WEEKDAY = r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TIME_OF_DAY = re.compile(
    rf"\b\d{{1,2}}:\d{{2}}\b|\b[ap]\.m\.|\bon (?:a )?{_WEEKDAY[2:]}", re.IGNORECASE
)
"""A launch "at 7:51 a.m." or "on a Sunday" is a day's event: never asked at its year."""
_WEEKDAY_ENDING = gated(_WEEKDAY + r",?\s+$")


def _as_year(mention: DateMention) -> DateMention:
    """The mention asked at its year: "In what year did Angola join OPEC?" where the day
    (1 January 2007) is not worth learning."""
    year = date(mention.value.start.year, 1, 1)
    return replace(mention, value=replace(mention.value, start=year, end=year, precision="year"))


def _as_month(mention: DateMention) -> DateMention:
    """The mention asked at its month: "In which month of 1919 did Wardrop telegraph
    London?" in an article of 1919's events."""
    month = mention.value.start.replace(day=1)
    return replace(mention, value=replace(mention.value, start=month, end=month, precision="month"))


def _opener(mention: DateMention) -> str:
    value = mention.value
    qualifier = value.qualifier or ""
    if "decade" in qualifier:
        return "In which decade"
    if value.precision == "year":
        return "In what year"
    if value.precision == "month":
        return f"In which month of {value.start.year}"
    return "On what date"  # the question says it wants a day, as the grader will


def _remove_date_phrase(sentence: str, mention: DateMention) -> str | None:
    """The sentence without the date and the preposition that introduced it.

    None when the date is not an adverbial of time ("the treaty of 1920",
    "by 1918", "the 1918 elections"): then only a cloze keeps the meaning.
    """
    start, end = mention.span
    before = sentence[:start]
    after = sentence[end:]
    weekday = _WEEKDAY_ENDING.search(before)
    if weekday is not None:  # "on Sunday, 18 June 1815, near Waterloo"
        before = before[: weekday.start()]
        after = re.sub(r"^,(?=\s)", "", after)
    match = re.search(r"(?:(?<=\s)|^)([A-Za-z.]+)\s+(?:the\s+)?$", before)
    if match is None:
        return None
    preposition = match.group(1).lower()
    if preposition not in _AT_PREPOSITIONS:
        return None
    if after[:1].isalnum() or after.startswith(("'s", "’s", "-")):
        return None
    if re.search(r"\bthe\s+$", before) and re.match(r"\s+[a-z]", after):
        return None  # "in the May 2009 election": the date names the election
    # "in early 1919" keeps "early" inside the mention; "in the early 1990s" likewise.
    head = before[: match.start()]
    leading = head.strip() == ""
    text = head.rstrip() + " " + after.lstrip() if not leading else after.lstrip()
    if leading:
        text = text.lstrip(",").lstrip()
        text = text[:1].upper() + text[1:]
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text


def _drop_leading_clauses(text: str) -> str | None:
    """Drop "Following the revolution," style openers that do not carry the subject."""
    for _ in range(3):
        first = _first_word(text)
        if first in _LEADING_CLAUSE_OPENERS and "," in text:
            head, _, tail = text.partition(",")
            if len(head.split()) > 12:
                return None
            text = tail.strip()
            continue
        break
    return text or None


def _first_word(text: str) -> str:
    match = re.match(r"[A-Za-z'’-]+", text)
    return match.group(0).lower() if match else ""


_TOKEN = re.compile(r"\S+")


def _split_clause(
    clause: str, referent: str, context: str = ""
) -> tuple[str, str, str, str] | None:
    """(subject, auxiliary, verb phrase, rest) of a plain past-tense clause, or None.

    "The army launched an attack" -> ("the army", "did", "launch", "an attack");
    "The treaty was signed in Paris" -> ("the treaty", "was", "signed", "in Paris").
    """
    tokens = _TOKEN.findall(_drop_subject_insert(clause).rstrip(".!"))
    if len(tokens) < 2:
        return None
    for index in range(1, min(len(tokens), 14)):
        word = tokens[index]
        bare = word.rstrip(",;:")
        lower = bare.lower()
        subject_tokens = tokens[:index]
        adverbs: list[str] = []
        while subject_tokens and _is_adverb(subject_tokens[-1]):
            adverbs.insert(0, subject_tokens.pop())
        if lower in _LINKING_PAST and bare == word:
            passive = _passive_after(tokens, index + 1)
            if passive is None:
                return None
            participle_end = passive
            subject = _subject_text(subject_tokens, referent, context)
            if subject is None:
                return None
            verb_phrase = " ".join(adverbs + tokens[index + 1 : participle_end])
            rest = " ".join(tokens[participle_end:])
            if verb_phrase.endswith(","):  # "was born, the only child of ..."
                verb_phrase, rest = verb_phrase[:-1], ", " + rest
            return subject, lower, verb_phrase, rest
        base = _past_to_base(bare, tokens[index - 1])
        if base is not None:
            subject = _subject_text(subject_tokens, referent, context)
            if subject is None:
                return None
            verb_phrase = " ".join([*adverbs, base])
            rest = word[len(bare) :] + " " + " ".join(tokens[index + 1 :])
            return subject, "did", verb_phrase, rest.strip()
        if lower in _CLAUSE_BREAKERS or bare != word:
            return None
    return None


_SUBJECT_INSERT = re.compile(r"^([^,]{1,80}?),\s+([a-z]+)\b[^,]{0,120},\s+(?=[a-z])")


def _drop_subject_insert(clause: str) -> str:
    """ "The republic, proclaimed in 1918, collapsed" -> "The republic collapsed"."""
    match = _SUBJECT_INSERT.match(clause)
    if match is None:
        return clause
    opener = match.group(2)
    if (
        opener in {"who", "which"}
        or opener in _IRREGULAR_PARTICIPLES
        or (_regular_form(opener, "VBN") is not None)
    ):
        return match.group(1) + " " + clause[match.end() :]
    return clause


_SUBORDINATE_OPENER = re.compile(
    r"^(?:who|whom|whose|which|where|when|while|whilst|although|though|after|before|since|"
    r"because|having|being|as|until|once|whereas)\b",
    re.IGNORECASE,
)


def _inside_subject_insert(sentence: str, mention: DateMention) -> bool:
    """ "The republic, proclaimed in 1918, collapsed": 1918 dates the insert, not the verb.

    Likewise a date inside a relative or subordinate clause ("Nzhdeh, who had been
    appointed in August 1919, launched operations") dates that clause: asking when the
    main verb happened would teach a wrong fact.
    """
    match = _SUBJECT_INSERT.match(sentence)
    if match is not None and match.start(2) <= mention.span[0] < match.end():
        return True
    segment_start = sentence.rfind(",", 0, mention.span[0])
    if segment_start <= 0:
        return False
    segment = sentence[segment_start + 1 : mention.span[0]].strip()
    return bool(_SUBORDINATE_OPENER.match(segment))


def _is_adverb(token: str) -> bool:
    return token.islower() and token.endswith("ly") and len(token) > 4 and token.isalpha()


def _passive_after(tokens: list[str], index: int) -> int | None:
    """End index of "(adverb) participle" after was/were, or None when not passive."""
    while index < len(tokens) and _is_adverb(tokens[index]):
        index += 1
    if index >= len(tokens):
        return None
    word = tokens[index]
    bare = word.rstrip(",")
    if not bare.isalpha() or not bare.islower():
        return None
    if bare in _IRREGULAR_PARTICIPLES or _regular_form(bare, "VBN") is not None:
        return index + 1
    return None


def _past_to_base(word: str, previous_token: str) -> str | None:
    """Base form of a simple-past verb, or None when the word is not confidently one."""
    if not word.isalpha() or not word.islower():
        return None
    if previous_token.lower() in _DETERMINERS or previous_token.endswith(("'s", "’s")):
        return None  # "the combined army", "Cheka's dreaded police": an adjective, not the verb
    if word in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[word]
    return _regular_form(word, "VBD")


@lru_cache(maxsize=4096)
def _regular_form(word: str, tag: str) -> str | None:
    """The lemma of a regular "-ed" verb form when lemminflect confirms it is that form."""
    if not word.endswith("ed"):
        return None
    lemminflect = lemminflect_module()  # tables read word by word, once per process

    lemmas = lemminflect.getAllLemmas(word, upos="VERB").get("VERB", ())
    for lemma in lemmas:
        if word in lemminflect.getInflection(lemma, tag=tag):
            return lemma
    return None


def _subject_text(tokens: list[str], referent: str, context: str = "") -> str | None:
    """The subject as it should read mid-question, pronouns resolved, or None."""
    if not tokens or len(tokens) > 10:
        return None
    if any(t.endswith((",", ";", ":")) for t in tokens[:-1]) and not _is_name_list(tokens):
        return None
    if any(t.rstrip(",").lower() in _CLAUSE_BREAKERS for t in tokens):
        return None
    first = tokens[0]
    lower = first.lower()
    if lower in _VAGUE_SUBJECTS:
        return None
    if lower in _SUBJECT_PRONOUNS:
        if len(tokens) > 1:
            return None
        return _referent(referent, lower)
    if lower in _POSSESSIVE_PRONOUNS:
        resolved = _referent(referent, "possessive")
        if resolved is None:
            return None
        return " ".join([possessive(resolved), *tokens[1:]])
    if not (first[0].isupper() or first[0].isdigit()):
        return None
    if lower in {"the", "a", "an"}:
        return " ".join([lower, *tokens[1:]])
    if len(tokens) > 1 and tokens[1][:1].isupper():
        return " ".join(tokens)  # "King Edward", "General Halil": a title before a name
    if _is_common_word(first, context) or (
        len(tokens) > 1 and tokens[1].islower() and _is_dictionary_word(lower, context, first)
    ):
        return " ".join([lower, *tokens[1:]])
    return " ".join(tokens)


def _is_dictionary_word(lower: str, context: str, word: str) -> bool:
    """ "Principal photography": a known word, not seen capitalised mid-sentence."""
    if re.search(rf"(?<![.!?]\s)\b{re.escape(word)}\b", context):
        return False
    return is_dictionary_word(lower)


_ABSTRACT_SUFFIXES = ("ing", "tion", "sion", "ment", "ance", "ence")


def _is_common_word(word: str, context: str) -> bool:
    """A sentence-initial capital that only the sentence start explains ("Construction of")."""
    if not word.isalpha() or not word[0].isupper() or not word[1:].islower():
        return False
    if re.search(rf"(?<![.!?]\s)\b{re.escape(word)}\b", context):
        return False  # capitalised elsewhere too: a name ("Apple", "Reading")
    lemminflect = lemminflect_module()  # tables read word by word, once per process

    lemmas = lemminflect.getAllLemmas(word.lower())
    if not lemmas:
        return False
    # "Skirmishes began": a plural common noun; a bare singular ("Curie") is more likely a name.
    plural = any(lemma != word.lower() for lemma in lemmas.get("NOUN", ()))
    return plural or word.lower().endswith(_ABSTRACT_SUFFIXES)


def _is_name_list(tokens: list[str]) -> bool:
    """ "Britain, France and Russia" is a subject; "Paris, the capital," is not."""
    text = " ".join(tokens)
    items = re.split(r",\s*(?:and\s+)?|\s+and\s+", text)
    return len(items) >= 2 and all(item[:1].isupper() and len(item.split()) <= 3 for item in items)


def _referent(referent: str, pronoun: str) -> str | None:
    """The article's subject for a leading "he"/"she"/"it"/"his"/"her"/"its" when the
    sentence context made it certain (see facts.dated_sentences); "they" is never guessed."""
    if pronoun in {"he", "she", "it", "possessive"} and referent:
        return referent
    return None


def _cuts_a_list(text: str, cut: int) -> bool:
    """ "Semitic, Berber, and Egyptian" cut at ", and" leaves half a list."""
    return "," in text[:cut] and bool(re.match(r"\s*,\s*(?:and|or)\b", text[cut:]))


def _trim_trailing_clause(rest: str) -> str | None:
    """Keep the predicate up to its first trailing clause (", resulting in ...", "; ...")."""
    rest = _drop_parentheticals(rest.strip().rstrip(".!"))
    # "premiered on 26 November 1942, in New York": the date's closing comma goes with it
    rest = re.sub(r"^,\s+(?=(?:in|at|on|near|from|to|for|with|by|aboard|under)\b)", "", rest)
    cuts = _trailing_cuts(rest, 0)
    if cuts:
        if _cuts_a_list(rest, cuts[0]):
            return None
        rest = rest[: cuts[0]]
    coordinated = re.search(r"(?:^|\s+)and\s+([a-z]+)\b", rest)
    if coordinated and _past_to_base(coordinated.group(1), "and") is not None:
        rest = rest[: coordinated.start()]
    rest = rest.strip().rstrip(",;:")
    while re.search(r"(?:^|\s)(?:and|or|but|then)$", rest):
        rest = re.sub(r"(?:^|\s)(?:and|or|but|then)$", "", rest).rstrip(",;: ")
    return rest


# ---------------------------------------------------------------- cloze


def _cloze_question(dated: DatedSentence, mention: DateMention) -> Phrased:
    sentence = dated.sentence
    start, end = mention.span
    text = sentence[:start] + BLANK + sentence[end:]
    text = _cloze_trim_leading(tidy(text))
    if text is None:
        return None, "no clean clause"
    text = _cloze_trim_trailing(text)
    text = _cloze_resolve_pronoun(text, _pronoun_referent(dated))
    if text is None:
        return None, "pronoun without referent"
    text = resolve_subject_nouns(tidy(text), dated)
    text = text.rstrip(" .;:,") + "."
    text = text[0].upper() + text[1:]
    if not _has_finite_verb(text):
        return None, "no clean clause"
    if _UNRESOLVED_PRONOUN.search(text):
        return None, "pronoun without referent"
    if not _question_is_clean(text, mention, dated, allow_month_year=False):
        return None, "no clean clause"
    subject = _cloze_subject(text)
    if not subject:
        return None, "no clean clause"
    bare_verb = re.fullmatch(rf".*?\s([a-z]+)\s+(?:in|on)\s+{BLANK}\.", text)
    if bare_verb is not None and bare_verb.group(1).endswith("ly") and len(text.split()) <= 6:
        return None, "nothing asked"  # "Agassi started slowly in ____."
    if bare_verb is not None:
        base = _past_to_base(bare_verb.group(1), "") or ""
        if vague_predicate(base, ""):
            return None, "nothing asked"
    problem = question_rejection(text, "cloze", subject, dated, mention)
    if problem is not None:
        return None, problem
    return _make_question(dated, mention, text, "cloze", clause_from_cloze(text)), ""


_LEADING_DATE_PHRASE = re.compile(
    rf"^(?:(?:[A-Z][a-z]+|[Tt]he)\s+(?:[a-z]+\s+){{0,3}})?{BLANK},?\s+"
)


def _cloze_subject(text: str) -> str:
    """The words before the cloze's main verb, once a leading "In ____," is set aside."""
    body = _LEADING_DATE_PHRASE.sub("", text, count=1)
    tokens = body.split()
    if not tokens or tokens[0].lower() in {"was", "were", "had", "is", "are", "has", "have"}:
        return ""
    if _past_to_base(tokens[0].lower(), "") is not None and tokens[0].lower() != "united":
        return ""  # "In ____ returned to Tirana": the subject was lost
    for index, token in enumerate(tokens):
        bare = token.strip(",;:.")
        previous = tokens[index - 1] if index else ""
        if index and (
            bare in {"was", "were", "had", "is", "are", "has", "have"}
            or _past_to_base(bare, previous) is not None
        ):
            subject = " ".join(tokens[:index])
            return "" if BLANK in subject or ", and" in subject else subject
    return ""


_SUBORDINATORS = {"even", "although", "though", "while", "when", "because", "if", "as", "since"}


def _cloze_trim_leading(text: str) -> str | None:
    """Drop a leading clause without the blank: the blank must stay, the rest may go."""
    first = _first_word(text)
    if first in _LEADING_CLAUSE_OPENERS and "," in text:
        head, _, tail = text.partition(",")
        if BLANK not in head and tail.strip():
            text = tail.strip()
    # "Jobs were scarce, but in ____ Murry ...": the clause with the blank stands alone.
    joint = re.search(r"(?:,\s+(?:but|whereas)|;)\s+(?=\S)", text)
    if (
        joint is not None
        and BLANK not in text[: joint.start()]
        and BLANK in text[joint.end() :]
        and _has_finite_verb(text[: joint.start()])
        and _first_word(text) not in _SUBORDINATORS
    ):
        tail = text[joint.end() :]
        if _has_finite_verb(tail):
            text = tail[:1].upper() + tail[1:]
    return text


def _cloze_trim_trailing(text: str) -> str:
    """Cut the first trailing clause after the blank that leaves a whole clause standing."""
    blank_at = text.index(BLANK)
    body = _drop_parentheticals(text.rstrip(".!"))
    for cut in _trailing_cuts(body, blank_at + len(BLANK)):
        candidate = body[:cut].rstrip(",;: ")
        if _cuts_a_list(body[blank_at:], cut - blank_at):
            continue
        if len(candidate.split()) >= 4 and _has_finite_verb(_without_relative_clauses(candidate)):
            return candidate
    return body


_RELATIVE_CLAUSE = gated(r",\s+(?:who|whom|whose|which)\b[^,]*(?:,|$)", re.IGNORECASE)


def _without_relative_clauses(text: str) -> str:
    """ "X, who had been appointed in ____" has no main verb once its relative clause is gone."""
    return _RELATIVE_CLAUSE.sub(" ", text)


def _open_between(text: str) -> bool:
    """ "between X, the Duke of Normandy" still waits for its "and Y": no cut here."""
    at = text.rfind("between ")
    return at >= 0 and " and " not in text[at:]


def _trailing_cuts(text: str, start: int) -> list[int]:
    """Offsets where a trailing clause begins: regex openers, or ", <participle>"."""
    cuts = [
        m.start()
        for m in _TRAILING_CLAUSE.finditer(text, start)
        # "William, the Duke of Normandy, and an English army": an apposition inside a list
        if not (re.match(r",\s+(?:the|a|an)\s", text[m.start() :]) and " and " in text[m.start() :])
        and not _open_between(text[: m.start()])
    ]
    for match in re.finditer(r",\s+([a-z]+)\b", text[start:]):
        word = match.group(1)
        if word in _IRREGULAR_PARTICIPLES or _regular_form(word, "VBN") or word == "successful":
            cuts.append(start + match.start())
    return sorted(set(cuts))


def _has_finite_verb(text: str) -> bool:
    """A main verb stands in the text: "led" in ", led by X" is a participle, not one."""
    raw_tokens = text.split()
    tokens = [t.strip(",;:.") for t in raw_tokens]
    for index, token in enumerate(tokens):
        previous = tokens[index - 1] if index else ""
        after_comma = index > 0 and raw_tokens[index - 1].endswith(",")
        if token in {"was", "were", "had", "is", "are", "has", "have"}:
            return True
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if following == "by":
            continue  # "a force led by Italy": a participle
        if not after_comma and _past_to_base(token, previous) is not None:
            return True
    return False


def _drop_parentheticals(text: str) -> str:
    """Aliases and translations in brackets add length, not meaning, to a question."""
    return _PARENTHETICAL.sub("", text)


_PARENTHETICAL = gated(r"\s*\((?:[^()_]*)\)")


# "When about ____ he crossed": a subject pronoun left after resolution has no referent.
_UNRESOLVED_PRONOUN = re.compile(rf"(?:^|{BLANK},?\s|,\s)(?:he|she|they)\b", re.IGNORECASE)

_CLOZE_PRONOUN = re.compile(
    rf"^((?:[A-Za-z]+\s+)?{BLANK},?\s+)(he|she|they|it|his|her|its|their)\b", re.IGNORECASE
)


def _cloze_resolve_pronoun(text: str, known_referent: str) -> str | None:
    inner = _CLOZE_PRONOUN.match(text)
    if inner is not None:
        pronoun = inner.group(2).lower()
        is_possessive = pronoun in _POSSESSIVE_PRONOUNS
        referent = _referent(known_referent, "possessive" if is_possessive else pronoun)
        if referent is None:
            return None
        if is_possessive:
            referent = possessive(referent)
        return inner.group(1) + referent + text[inner.end() :]
    first = _first_word(text)
    if first in _VAGUE_SUBJECTS:
        return None
    if first in _SUBJECT_PRONOUNS or first in _POSSESSIVE_PRONOUNS:
        referent = _referent(
            known_referent, "possessive" if first in _POSSESSIVE_PRONOUNS else first
        )
        if referent is None:
            return None
        if first in _POSSESSIVE_PRONOUNS:
            referent = possessive(referent)
        return referent + text[len(first) :]
    if not text[:1].isupper() and not text.startswith(BLANK):
        # a lowercase opening after trimming: only keep it when the first word is a name
        return None
    return text


# ---------------------------------------------------------------- checks and output


def _question_is_clean(
    text: str, mention: DateMention, dated: DatedSentence, allow_month_year: bool
) -> bool:
    if len(text) > MAX_QUESTION_LENGTH or _MARKUP.search(text) or not _balanced(text):
        return False
    if "  " in text or " ," in text or ",," in text:
        return False
    checked = text
    if allow_month_year and mention.value.precision == "month":
        checked = checked.replace(f"month of {mention.value.start.year}", "month of")
    years = {str(mention.value.start.year), str(mention.value.end.year)}
    # `year in checked` first: the pattern matches the year's digits literally (exact)
    if any(year in checked and re.search(rf"(?<!\d){year}(?!\d)", checked) for year in years):
        return False
    if mention.text in checked:
        return False
    content = [w for w in normalize_key(text.replace(BLANK, " ")).split() if w not in _STOPWORDS]
    return len(content) >= 3


def _make_question(
    dated: DatedSentence, mention: DateMention, text: str, style: str, event: str | None = None
) -> Question:
    text = _in_full(text[0].upper() + text[1:], dated)
    if event:
        # in full where it still reads at a glance (event_clauses' word limit); a longer
        # item keeps the surname, which its deck's title makes plain enough
        event = standalone(_in_full(event, dated)) or event
    accepted: tuple[str, ...] = ()
    if mention.old_style is not None:
        accepted = (format_date(mention.old_style),)
    doubts: list[str] = []
    if mention.year_inferred:
        doubts.append("year taken from the sentence before or the heading")
    referent = _pronoun_referent(dated)
    if referent and referent in text and referent not in dated.sentence:
        doubts.append("subject resolved from the previous sentence")
    return Question(
        kind="dated",
        fact_key=event_key(dated),
        question=text,
        answer=format_date(mention.value),
        accepted=accepted,
        answer_type="date",
        date=mention.value,
        source_section=" › ".join(dated.section.path),
        source_text=dated.sentence,
        distractor_pool="date",
        importance=importance(dated, text),
        doubts=tuple(doubts),
        extra={"style": style, **({"event": event} if event else {})},
    )


def _in_full(text: str, dated: DatedSentence) -> str:
    """ "In what year did Jodie Emery move to Vancouver?" where the sentence says "Emery":
    a card stands alone, and a surname alone may be another person's (Marc Emery's)."""
    surname = getattr(dated, "subject_surname", "")
    aliases = getattr(dated, "subject_aliases", ())
    full = aliases[0] if aliases else ""
    if not surname or not full.endswith(f" {surname}"):
        return text
    given = re.escape(full.removesuffix(f" {surname}"))
    return re.sub(rf"(?<![\w.])(?<!{given} ){re.escape(surname)}\b", full, text, count=1)


def event_key(dated: DatedSentence) -> str:
    """ "dated:" + the event's words without its dates, so a corrected date keeps the card."""
    sentence = dated.sentence
    for mention in sorted(dated.dates, key=lambda m: m.span[0], reverse=True):
        start, end = mention.span
        if sentence[start:end] == mention.text:
            sentence = sentence[:start] + " " + sentence[end:]
        else:
            sentence = sentence.replace(mention.text, " ")
    words = [w for w in normalize_key(sentence).split() if w not in _STOPWORDS]
    return "dated:" + " ".join(words[:FACT_KEY_WORDS])
