"""Which dated sentences are worth a card, and the last checks a phrased one must pass.

A dated card is kept only when it stands alone and the date is the fact:
- the sentence is not a statistic or a survey ("In 2011, 40% of ...", "As of
  2015, the population ..."): the year of a figure is not worth learning;
- the date is not the date of a source or a work mentioned in passing ("Unwin's
  1940 book", "a 1958 televised interview"), nor a vague one ("late 1994",
  "the mid-1920s"), nor a range whose blank leaves a broken sentence;
- its year is stated, or certain from the same sentence or the one before;
- the question names what it asks about (no "the conflict", "the crew", "his
  death" without a name), reads as English (no "did ... was"), and is short.

Every refusal has a name from `REASONS`, so a build can count them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quizgen.core.date_format import MONTH_NAMES, STATED_YEAR
from quizgen.core.lemma_tables import lemminflect_module
from quizgen.core.literal_gate import gated
from quizgen.core.models import DatedSentence, DateMention
from quizgen.core.wording import is_dictionary_word
from quizgen.facts.dated_sentences import is_plural_name

BLANK = "____"
MAX_WORDS = 25
MAX_CLOZE_WORDS = 22
"""A cloze is a sentence to complete, read whole: past this it reads as a passage."""

REASONS = (
    "markup",
    "fragment",
    "statistic",
    "source or publication date",
    "no usable date",
    "date is a bound",
    "not a past event",
    "date in brackets",
    "date in a list",
    "year not stated",
    "vague date",
    "date range",
    "date modifies a noun",
    "no clean clause",
    "subject without referent",
    "pronoun without referent",
    "relative time",
    "unnamed place",
    "ambiguous",
    "infobox has it",
    "vague question",
    "two finite verbs",
    "unbalanced text",
    "too long",
    "starts with the blank",
    "answer given away",
    "nothing asked",
    "no name in question",
    "no anchor",
)

# ---------------------------------------------------------------- sentences

_STATISTIC = gated(
    r"\b(?:as of|percent|per cent|percentage|census|per capita|GDP|gross domestic|"
    r"statistics?|survey(?:ed)?|poll(?:s|ed)?|literacy|unemployment rate|growth rate|"
    r"demographic|temperatures?|rainfall|precipitation|per year|per day|per annum|"
    r"ranked|ranking|rankings|ranks?|estimated|estimates?|surpassed|previous record|"
    r"second-oldest|oldest player|youngest player|°[FC]?)\b|%|°",
    re.IGNORECASE,
)
# Words that make a statistic only beside a figure: "a population of 1,215", but not
# "regions with a mixed population" in a history section.
_STATISTIC_WITH_FIGURE = gated(
    r"\b(?:population|inhabitants|average|populous|recorded|the highest|the lowest)\b",
    re.IGNORECASE,
)
_ANY_FIGURE = re.compile(
    r"\d{1,3}(?:,\d{3})+|\b\d+(?:\.\d+)?\s*(?:million|billion|thousand|percent)\b|"
    r"\b(?:[a-z]+|\d+)\s+(?:million|billion)\b|"
    r"\b\d+(?:\.\d+)?\s*(?:people|inhabitants|residents|km|square|sq|hectares|acres)\b",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s*(?:million|billion|thousand|trillion)\b|[$£€]\s?\d"
)
_MEASURING = re.compile(
    r"\b(?:total(?:led|ed|s)?|amount(?:ed|s)?|reach(?:ed|es)?|number(?:ed|s)?|count(?:ed)?|"
    r"increas(?:ed|e|es)|decreas(?:ed|e|es)|r[io]se|fell|grew|declined?|exceed(?:ed)?|"
    r"accounted|produc(?:ed|tion)|exports?|imports?|output|visitors|viewers|tourists|"
    r"revenue|budget|investment|troops|cases|deaths|casualties|people|residents|home to|"
    r"reduced?|tonnes|barrels|per day|a year|annually)\b",
    re.IGNORECASE,
)
_COUNTING = gated(
    r"\b(?:found|counted|listed|identified|numbered)\s+(?:\d+|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
)
_TALLY = gated(
    r"\b(?:took part in|take part in|played|won|competed in|entered|appeared in|"
    r"participated in|scored|started|met in|reached|lost)\s+(?:just |only |a total of )?"
    + _NUMBER_WORDS
    + r"\s+(?:[\w-]+\s+){0,3}?(?:events?|tournaments?|matches|games|races|titles|goals|"
    r"appearances|starts|films|episodes|finals)\b",
    re.IGNORECASE,
)
"""A year's tally ("In 2012 Agassi took part in five tournaments"): a statistic of that
year, and "In what year did Agassi take part in five tournaments?" has many answers."""
_EXISTENTIAL_COUNT = gated(r"\bthere (?:was|were|are|is|had been)\b[^.]*\d", re.I)
# "Agassi became world No. 1 in April 1995" is a career fact, not a statistic.
_RANK = gated(r"\bnumber \d+\b|\bNo\.\s?\d+\b|\bworld no\.\s?\d+\b", re.IGNORECASE)
_CAREER_RANK = gated(r"\bNo\.\s?1\b|\bnumber one\b", re.IGNORECASE)
_SOURCE = gated(
    r"\baccording to\b|\b(?:study|report|paper|article|review|interview|essay|"
    r"biography|documentary|book|monograph|memoir|letter|survey|analysis|estimate)\s+"
    r"(?:published|written|released|conducted|issued)\b|\b(?:wrote|writing|noted|stated|"
    r"argued|reported|observed|claimed|suggested|concluded)\s+(?:in|that)\b",
    re.IGNORECASE,
)


def sentence_rejection(sentence: str) -> str | None:
    """Why no card should come from this sentence at all, or None."""
    if _STATISTIC.search(sentence) and not _CAREER_RANK.search(sentence):
        return "statistic"
    if _STATISTIC_WITH_FIGURE.search(sentence) and _ANY_FIGURE.search(sentence):
        if not _CAREER_RANK.search(sentence):
            return "statistic"
    if _RANK.search(sentence) and not _CAREER_RANK.search(sentence):
        return "statistic"
    if _FIGURE.search(sentence) and _MEASURING.search(sentence):
        return "statistic"
    if _EXISTENTIAL_COUNT.search(sentence) or _COUNTING.search(sentence):
        return "statistic"
    if _TALLY.search(sentence):
        return "statistic"
    if _SOURCE.search(sentence):
        return "source or publication date"
    return None


# ---------------------------------------------------------------- mentions

_VAGUE_QUALIFIERS = {"early", "mid", "late", "spring", "summer", "autumn", "fall", "winter"}
# An attributive date is the fact only when the noun it dates is an event.
_EVENT_NOUNS = {
    "discovery",
    "completion",
    "founding",
    "foundation",
    "opening",
    "death",
    "birth",
    "election",
    "elections",
    "referendum",
    "earthquake",
    "fire",
    "flood",
    "floods",
    "invasion",
    "revolution",
    "coup",
    "uprising",
    "rebellion",
    "revolt",
    "treaty",
    "merger",
    "acquisition",
    "attack",
    "attacks",
    "massacre",
    "famine",
    "crisis",
    "collapse",
    "assassination",
    "conquest",
    "annexation",
    "partition",
    "unification",
    "independence",
    "declaration",
    "armistice",
    "ceasefire",
    "siege",
    "battle",
    "war",
    "riots",
    "protests",
    "strike",
    "eruption",
    "explosion",
    "disaster",
    "crash",
    "fall",
    "sack",
    "capture",
    "surrender",
    "abdication",
    "coronation",
    "marriage",
    "wedding",
    "divorce",
    "retirement",
    "premiere",
    "debut",
}
_ARTICLE_LIKE = re.compile(r"(?:\b(?:the|a|an|its|his|her|their|this|that)|['’]s)\s*$", re.I)


def mention_rejection(dated: DatedSentence, mention: DateMention) -> str | None:
    """Why this date cannot be the answer, or None."""
    value = mention.value
    qualifier = value.qualifier or ""
    if mention.year_inferred and mention.span not in getattr(dated, "certain_inferred", ()):
        return "year not stated"
    if any(word in _VAGUE_QUALIFIERS for word in qualifier.split()):
        return "vague date"
    if value.is_range and "decade" not in qualifier:
        return "date range"
    if "decade" in qualifier:
        return "vague date"
    if re.match(r"[^.;]{0,25}?\b(?:BC|BCE|B\.C\.)", dated.sentence[mention.span[1] :]):
        return "date range"  # "between 1800 and 800 BCE": the first year is BC too
    before = dated.sentence[: mention.span[0]]
    after = dated.sentence[mention.span[1] :]
    if _BOUND_BEFORE.search(before) or _IN_SINCE_CLAUSE.search(before):
        return "date is a bound"
    if re.search(r"\bto\s+$", before):
        return "no clean clause"  # "a poor start to 2006": the year is a noun here
    if _NOT_YET.search(dated.sentence):
        return "not a past event"
    lost_comma = re.search(r"\b([a-z]+)\s+(?:in|on|of)\s+(?:the\s+)?$", before)
    if (
        re.match(r"\s+[A-Z][a-z]", after)
        and lost_comma is not None
        and lost_comma.group(1) not in _CLAUSE_JOINTS
    ):
        return "no clean clause"  # "the regime in 1990 Albania was ...": a lost comma
    previous_word = re.search(r"([A-Za-z.]+|[,;:(])\s*$", before)
    previous = previous_word.group(1).lower() if previous_word else ""
    next_word = re.match(r"\s+([A-Za-z][\w-]*)", after)
    if re.search(r"['’]s?\s*$", before) or re.match(r"\s*[\"”’]", after):
        return "date modifies a noun"  # "Agassi's 2005 was", an episode titled "1968"
    if next_word and previous not in _PREPOSITIONS:
        word = next_word.group(1).lower()
        if word not in _FUNCTION_WORDS and word not in _EVENT_NOUNS:
            return "date modifies a noun"
    return None


# "... the oldest since Connors finished second in 1984": 1984 dates the comparison.
_IN_SINCE_CLAUSE = gated(r"\bsince\s+[^,;]*$", re.IGNORECASE)
_CLAUSE_JOINTS = {"but", "and", "then", "when", "while", "until", "since", "so", "yet", "or"}
_NOT_YET = gated(
    r"\b(?:is|are)\s+(?:\w+ly\s+)?\w+ing\b|\bdue to\b|\bplan(?:s|ned)? to\b|\bwill\b|"
    r"\bexpected to\b|\bscheduled\b|\bproposed\b|\bintends? to\b",
    re.IGNORECASE,
)
_BOUND_BEFORE = re.compile(
    r"\b(?:[Ss]ince|[Bb]y|[Pp]rior to|[Bb]efore|[Aa]fter|[Ff]rom|[Tt]hrough|"
    r"[Aa]s (?:early|late) as|[Tt]he end of)\s+(?:the\s+)?(?:(?:early|late|mid)\s+)?$"
)
_PREPOSITIONS = {
    "in",
    "on",
    "at",
    "by",
    "since",
    "until",
    "till",
    "from",
    "to",
    "during",
    "of",
    "before",
    "after",
    "around",
    "circa",
    "c.",
    "about",
    "between",
    "through",
    "throughout",
    "and",
    "or",
    "than",
    "early",
    "late",
    "mid",
    ",",
    ";",
    ":",
    "(",
    "as",
    "for",
    "into",
    "within",
    "",
}
_FUNCTION_WORDS = {
    "and",
    "or",
    "to",
    "when",
    "as",
    "after",
    "before",
    "until",
    "while",
    "with",
    "in",
    "on",
    "at",
    "by",
    "for",
    "of",
    "from",
    "that",
    "which",
    "who",
    "where",
    "but",
    "than",
    "the",
    "a",
    "an",
    "was",
    "were",
    "is",
    "are",
    "had",
    "has",
    "have",
    "he",
    "she",
    "it",
    "they",
    "his",
    "her",
    "its",
    "their",
    "through",
    "during",
    "via",
    "under",
    "against",
    "amid",
    "among",
    "into",
    "onto",
    "upon",
    "following",
    "being",
    "because",
    "although",
    "though",
    "so",
    "then",
    "also",
    "respectively",
    "onwards",
    "onward",
    "alone",
}


# ---------------------------------------------------------------- tidying

_LEADING_DISCOURSE = re.compile(
    r"^(?:Also|But|And|Yet|So|However|In addition|Additionally|Then|Moreover|Furthermore|Meanwhile|"
    r"Nevertheless|Nonetheless|Thus|Finally|Later|Subsequently|Consequently|Instead|"
    r"Similarly|Likewise|Again|Still|Indeed|Notably|Significantly|In turn|As a result|"
    r"At the same time|By contrast|In contrast|On the other hand|Eventually|Afterwards|"
    r"Thereafter|Initially|Ultimately|Interestingly|For example|For instance|Specifically|"
    r"In particular|Overall|Soon|Shortly|Recently|Currently|Today)\b,?\s+",
)
_INNER_HOWEVER = gated(
    r",\s*(?:however|though|therefore|moreover|furthermore|in turn|also|too|"
    r"nevertheless|in fact|indeed|instead|thus)\s*,",
    re.IGNORECASE,
)
_TRAILING_TOO = gated(r",?\s+too(?=[.?]?$)")
_ALSO_BEFORE_PARTICIPLE = gated(r"\s+(?:also|too)\s+(?=[a-z]+ed\b)")
_EMPTY_BRACKETS = gated(r"\s*\(\s*[,;]?\s*\)|\s*\[\s*\]")


def tidy(text: str) -> str:
    """Drop discourse words and empty template brackets a question does not need."""
    text = _EMPTY_BRACKETS.sub("", text)
    text = _TRAILING_TOO.sub("", text)
    text = _INNER_HOWEVER.sub(",", text)
    text = _ALSO_BEFORE_PARTICIPLE.sub(" ", text)
    for _ in range(2):
        stripped = _LEADING_DISCOURSE.sub("", text)
        if stripped == text:
            break
        text = stripped[:1].upper() + stripped[1:]
    text = _STATE_WITHOUT_ARTICLE.sub(lambda m: f"{m[1]} the {m[2]}", text)
    text = _BODY_WITHOUT_ARTICLE.sub(lambda m: f"{m[1]} the {m[2]}", text)
    text = _A_BEFORE_VOWEL_LETTER.sub(lambda m: f"{m[1]}n {m[2]}", text)
    text = _AN_BEFORE_CONSONANT_LETTER.sub(lambda m: f"{m[1]} {m[2]}", text)
    return re.sub(r"\s{2,}", " ", text).strip()


_STATE_WITHOUT_ARTICLE = gated(
    r"\b(of|in|by|from|to|into|with|against|within|under)\s+(?!the\b)"
    r"((?:[A-Z][a-z]+ )+(?:Empire|Caliphate|Sultanate|Khanate)\b"
    r"|(?:Kingdom|Republic|Principality|Duchy|Emirate|Empire) of [A-Z])"
)
"""A state named by its form takes "the": "Kosovo Vilayet of the Ottoman Empire", "in the
Kingdom of Serbia"; the article's own sentence sometimes drops it."""


_BODY_WITHOUT_ARTICLE = gated(
    r"(\b(?:was|were|did|had|of|by|to|from|with|for|against|that)|_{3,},?)\s+"
    r"((?:(?!(?:The|A|An|In|On|His|Her|Its|Their)\b)[A-Z][a-z]+ )+"
    r"(?:and (?:[A-Z][a-z]+ )+)?(?:Railway|Railroad|Company|Party|Army|Navy|Council|"
    r"Committee|Commission|Society|Association|League)\b)(?!['’]s)"
)
"""A body named by its kind takes "the" in running text ("was the Lake Tahoe Railway and
Transportation Company formed", "joined the Democratic Party"), though a source's
sentence opening on the name may drop it."""


_SPELLED_OUT = r"[BCDFGHJKLMNPQRSTVWXZ][A-Z0-9-]*\b"
"""The rest of an initialism read letter by letter: no vowel after its first letter
("HFR-3D", "NBA"), unlike an acronym read as a word ("NASA", "NATO")."""
_A_BEFORE_VOWEL_LETTER = re.compile(rf"\b([Aa]) ([FHLMNRSX]{_SPELLED_OUT})")
_AN_BEFORE_CONSONANT_LETTER = re.compile(rf"\b([Aa])n ([BCDGJKPQTVWYZ]{_SPELLED_OUT})")
"""The article before an initialism goes by its first letter's name: "an HFR-3D
version" (aitch), "an NBA player" (en), "a BBC series" (bee); sources slip both ways."""


def resolve_subject_nouns(text: str, dated: DatedSentence) -> str:
    """ "the town" -> "Bodmin" when the article calls its subject a town."""
    name = getattr(dated, "subject_name", "")
    nouns = getattr(dated, "subject_nouns", ())
    if not name or not nouns or is_plural_name(name):
        return text  # "Academy Awards" is plural: "the ceremony" cannot become it
    pattern = re.compile(rf"\b([Tt])he\s+(?:{'|'.join(map(re.escape, nouns))})\b(?!\s+of\b)")
    match = pattern.search(text)
    if match is None:
        return text
    replacement = name[:1].upper() + name[1:] if match.start() == 0 else name
    return text[: match.start()] + replacement + text[match.end() :]


# ---------------------------------------------------------------- final gate

_PRONOUNS = re.compile(
    r"\b(?:he|she|him|they|them|it|this|these|those|such)\b(?!\s+(?:year|time)\b)",
    re.IGNORECASE,
)
_POSSESSIVES = re.compile(r"\b(?:his|her|its|their)\b", re.IGNORECASE)
_RELATIVE_TIME = re.compile(
    r"\b(?:that|the same|the following|the previous|the next|the preceding|this) "
    r"(?:year|month|day|week|decade|season|time)\b|\b(?:later|earlier) that\b|"
    r"\b(?:days|weeks|months|years|a year|a month|a decade) (?:later|earlier|before|after)\b|"
    r"\bat the time\b|\bthe year before\b",
    re.IGNORECASE,
)
_DANGLING_PARTICIPLE = re.compile(
    rf"^(?:[A-Z][a-z]+ )?[A-Za-z]+ed (?:in|on|around|by|from) {BLANK},\s+(?:the\s+)?"
    r"(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*['’]s\s"
)
""" "First convened in ____, the Senate's composition ...": the opening participle belongs
to the Senate, not to its composition, and the clause after it is another statement."""
_INDEFINITE_PLACE = re.compile(
    r"\ban?\s+(?:[a-z-]+\s+)?(?:point|place|site|spot|location)\s+(?:on|in|near|at|by)\b"
)
"""" 337 acres on a point on Lake Tahoe": the article's own place, left unnamed."""
_UNNAMED_PLACE = re.compile(
    r"\b[Tt]he\s+(?:[a-z-]+\s+){0,2}(?:city|town|village|country|region|area|state|capital|"
    r"island|province|territory|district|county|nation|site|place|location|venue|point|"
    r"peninsula|valley|harbou?r|port|building|premises)\b"
    r"(?!\s+(?:of|song|flag|bird|flower|motto|seal|anthem|legislature|government|police|"
    r"university|college|park|highway|road|route|line|council|house|senate|court|library|"
    r"museum|team|hall|church|constitution)\b)"
)
# "When did the Socialist Party win the elections?": which time? The party won several.
_INTENT = re.compile(
    r"\b(?:decided|needed|wanted|hoped|wished|intended|decide|need|want|hope|wish|intend)"
    r"\s+(?:to\s+[a-z]+|money|help)\b"
)
""" "Agassi decided to play at Wimbledon in 1991", "Russell needed money": a wish or a need
is no event; what came of it is the fact, and the sentence does not say it."""
_HEDGED_EVENT = gated(
    r"\b(?:potentially|possibly|reportedly|allegedly|rumou?red|supposedly|tentatively)\b",
    re.IGNORECASE,
)
""" "a version potentially directed by Andy Serkis was announced": an event the article
itself doubts (or one that may never come) is no fact to learn by its date."""
_UNREFERRED_THE = re.compile(
    rf"\bthe (?!(?:first|last|second|third|fourth|fifth|same|next|only|[a-z]+est) time\b)"
    rf"(?:[a-z][a-z-]+ ){{0,2}}[a-z][a-z-]+"
    rf"(?:\?$| (?:held|made|built|signed|formed) (?:on|in) {BLANK}\.$)"
)
"""A question ending on "the track rights?" or "the assembly held on ____." leans on
the sentence before it: which track, which assembly? (A first or last time is no
such noun.)"""
_REPEATABLE = re.compile(
    r"\b(?:win|won|lose|lost|contest|hold|held)\s+(?:the\s+)?(?:national\s+|general\s+)?"
    r"(?:elections?|league|title|championship|cup|final|tournament|race)"
    rf"(?:\s+(?:in|on)\s+{BLANK})?[?.]$"
)
_REGAINED_STANDING = gated(
    r"\b(?:return(?:ed)?|regain(?:ed)?|reclaim(?:ed)?|recapture(?:d)?|back)\s+(?:to\s+)?"
    r"(?:the\s+)?(?:world\s+)?(?:no\.\s?1|number one|top (?:spot|ranking|rank)|first place|"
    r"power|office|the throne|throne|lead)\b",
    re.IGNORECASE,
)
"""A standing regained ("return to World No. 1", "returned to power") can be regained
again: the one year the article tells is not clearly the answer."""
_LETTER_TO = re.compile(r"\b(?:write|wrote|written)\s+(?:a letter\s+)?to\s+[A-Z]")
""" "In what year did Huxley write to George Orwell?": one writes to a person more than
once; the letter meant is not named."""
_BLANK_READS_AS_FIELD = re.compile(
    rf"(?:\b(?:degree|degrees|doctorate|diploma|PhD|master's|bachelor's|majored|major|"
    rf"specialized|specialised|specializing|trained|training|qualified|interest|expert|"
    rf"courses?|studies|lectured|taught|career|experience)|"
    rf"(?<![\w.])(?:Ph\.D|B\.A|M\.A|B\.Sc|M\.Sc|LL\.B|J\.D|BA|MA|BSc|MSc|LLB|JD)\.?)"
    rf"\s+in\s+{BLANK}"
)
""" "Kristeva ... earned her degree in ____.": the blank reads as a subject (a degree in
what?), not as a year."""
_VAGUE_WORDS = gated(
    r"\b(?:certain|various|several of|some of|the same|history books|made history|"
    r"make history|headlines)\b",
    re.IGNORECASE,
)
_AFFECTED_BY = gated(r"\b(?:affected|impacted|influenced)\s+by\b", re.IGNORECASE)
""" "In what year was Albania affected by the Kosovo War?": being affected lasts as long
as what affects (1998-99); no one year is the answer."""
_THE_YEAR_ITSELF = re.compile(
    r"\b(?:begin|began|start|started|open|opened|end|ended|finish|finished|close|closed|"
    r"see out|saw out)\s+the\s+year\b"
)
""" "In what year did Agassi begin the year with a five-set loss ...?": the question
asks the year its own words point to."""
_FINITE_AFTER_DID = re.compile(
    r"^(?:When|In what year|In which month of \d+|In which decade) (?:did|was|were)\b(?P<rest>.*)$"
)
_ENDS_WITH_PREPOSITION = re.compile(
    r"\b(?:in|on|at|by|of|to|from|with|for|and|or|the|a|an|as|into|than|between)[?.]$"
    r"|\b[A-Z][?.]$"
)
_SUBJECT_OPENERS = {
    "at",
    "in",
    "on",
    "by",
    "for",
    "from",
    "with",
    "after",
    "before",
    "during",
    "when",
    "while",
    "as",
    "since",
    "until",
    "under",
    "following",
    "despite",
    "although",
    "though",
    "if",
    "because",
    "of",
    "to",
    "and",
    "but",
    "or",
    "there",
    "here",
}
_DEMONYM_ENDING = re.compile(r"(?:an|ese|ish|ic|i)$")
_FINITE_VERBS = re.compile(
    r"\b(?:was|were|is|are|has|have|had|did|does|seems|seemed|became|began|went|came|took|"
    r"gave|made|wrote|saw|won|led|held|found|left|brought|fought|grew|knew|rose|sent|told)\b"
)
_QUESTION_OPENER = re.compile(
    r"^(?:When|In what year|In which month of \d+|In which decade) (?:did|was|were)\s+"
)
_DETERMINER_START = re.compile(r"^(?:the|a|an|this|that|these|those|its|his|her|their)\b", re.I)
_VAGUE_VERBS = {
    "follow",
    "happen",
    "occur",
    "continue",
    "change",
    "do",
    "remain",
    "say",
    "note",
    "state",
}


def _has_irregular_past(text: str) -> bool:
    """ "win five titles and leapt to No. 6": an irregular simple past after "did"."""
    words = re.findall(r"[a-z]+", text)
    for previous, word in zip(["", *words], words, strict=False):
        if word.endswith("ed") or previous in {"had", "has", "have", "was", "were", "be", "been"}:
            continue
        if _is_irregular_past(word):
            return True
    return False


@lru_cache(maxsize=1 << 14)
def _is_irregular_past(word: str) -> bool:
    """The word is the simple past of a verb other than itself ("leapt", "won"). Kept per
    word: lemminflect's tables do not change in a process, and its lookups copy their
    answer each time."""
    lemminflect = lemminflect_module()  # tables read word by word, once per process

    return any(
        lemma != word and word in lemminflect.getInflection(lemma, tag="VBD")
        for lemma in lemminflect.getAllLemmas(word, upos="VERB").get("VERB", ())
    )


def _balanced(text: str) -> bool:
    pairs = (("(", ")"), ("[", "]"), ("“", "”"))
    if any(text.count(a) != text.count(b) for a, b in pairs):
        return False
    return text.count('"') % 2 == 0


def _names(text: str, start: int) -> list[str]:
    """Capitalised words after the first word: the names a question carries."""
    words = re.findall(r"[A-Z][\w'’.-]*", text[start:])
    return [w for w in words if w not in {"I"}]


def question_rejection(
    text: str, style: str, subject: str, dated: DatedSentence, mention: DateMention
) -> str | None:
    """The last gate: why this phrased question must not be made, or None."""
    if not _balanced(text) or "( )" in text or "()" in text:
        return "unbalanced text"
    if len(text.split()) > (MAX_CLOZE_WORDS if style == "cloze" else MAX_WORDS):
        return "too long"
    if style == "cloze" and STATED_YEAR.search(text.replace(BLANK, " ")):
        return "date in a list"  # "... in ____, while on 20 July 2007 Topi became president"
    if text.startswith(BLANK):
        return "starts with the blank"
    if style == "cloze" and _DANGLING_PARTICIPLE.match(text):
        return "dangling clause"
    if not text[:1].isupper():
        return "fragment"
    if (
        re.search(rf"{BLANK}\s*,?\s*(?:and\s+|or\s+)?\d{{3,4}}\b", text)
        or re.search(rf"\b\d{{3,4}}\s*,?\s*(?:and\s+|or\s+)?{BLANK}", text)
        or (len(re.findall(r"(?<![\d,.])\d{4}(?!\d)", text)) >= 2)
    ):
        return "date in a list"  # "published in 1942 (U.S.), 1943 (UK)"
    if ";" in text or f", {BLANK}," in text or re.search(r"\bnot until\b", text, re.I):
        return "no clean clause"
    if re.search(r"\bhowever\b", text, re.IGNORECASE):
        return "fragment"
    if _RELATIVE_TIME.search(text):
        return "relative time"
    if _UNNAMED_PLACE.search(text) or _INDEFINITE_PLACE.search(text):
        return "unnamed place"
    if _REPEATABLE.search(text) or _REGAINED_STANDING.search(text) or _LETTER_TO.search(text):
        return "ambiguous"
    if style == "cloze" and _BLANK_READS_AS_FIELD.search(text):
        return "ambiguous"
    if _AFFECTED_BY.search(text):
        return "vague question"
    if _THE_YEAR_ITSELF.search(text):
        return "relative time"
    if _UNREFERRED_THE.search(text):
        return "definite noun without referent"
    if _INTENT.search(text) or _HEDGED_EVENT.search(text):
        return "nothing asked"
    if _VAGUE_WORDS.search(text):
        return "vague question"
    if _PRONOUNS.search(text.replace(BLANK, " ")):
        return "pronoun without referent"
    if style == "when":
        did = _FINITE_AFTER_DID.match(text.rstrip("?"))
        if did is not None:
            predicate = did.group("rest")
            if subject and subject in predicate:
                # after the subject comes its own verb ("launch", "fought"): skip it
                after = predicate.split(subject, 1)[1].split()
                while after and re.fullmatch(r"[a-z]+ly", after[0]):
                    after = after[1:]
                predicate = " ".join(after[1:])
            if _FINITE_VERBS.search(predicate) or _has_irregular_past(predicate):
                return "two finite verbs"
        opener = _QUESTION_OPENER.match(text)
        body_start = opener.end() if opener else 0
    else:
        first = text.split()[0].strip(",;:")
        body_start = len(first) if is_dictionary_word(first) or first == BLANK else 0
    names = _names(text, body_start)
    if not names:
        return "no name in question"
    if _ENDS_WITH_PREPOSITION.search(text) or re.search(r"\bbetween\b(?!.*\band\b)", text):
        return "fragment"
    if subject:
        first = subject.split()[0].lower()
        if first in _SUBJECT_OPENERS:
            return "no clean clause"
        if subject.endswith(",") and subject.count(",") == 1:
            return "no clean clause"  # "The Governor General, convened ..."
        if not _has_proper_name(subject, dated):
            return "subject without referent"
        for part in re.split(r"\s+and\s+", subject)[1:] + re.split(r"\s+and\s+", subject)[:1]:
            if re.match(r"(?:the|a|an)\b", part, re.I) and not _has_proper_name(part, dated):
                return "subject without referent"  # "the series and Agassi"
    if _introduces_unnamed(text, style, subject, dated):
        return "subject without referent"
    possessive = _POSSESSIVES.search(text)
    if possessive is not None and not _names(text[: possessive.start()], body_start):
        return "pronoun without referent"
    if _gives_answer_away(text, mention):
        return "answer given away"
    if _repeats_infobox(text, subject, dated):
        return "infobox has it"
    if not _anchored(text, dated):
        return "no anchor"
    return None


_AGAIN = re.compile(
    r"\b(?:once again|once more|again|as well|also|too|then|thereafter|in turn|in return|"
    r"another of|the other|the latter|the former|likewise|similarly)\b",
    re.IGNORECASE,
)
_MONTHS = frozenset(MONTH_NAMES)
_CAPITALIZED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|\d+\b))*")
ANCHOR_NAMES = 2
"""Name words a question needs when it does not name the article's subject."""


def _anchored(text: str, dated: DatedSentence) -> bool:
    """The question says what it is about, for a reader who has only the card.

    A question that names the article's subject ("Animal Farm", "Huxley", "Angola" for
    the economy of Angola) is anchored. One that does not must carry its own names:
    at least two words that are names, not dictionary words ("Daoud Khan launched a
    coup", "the Oscars were first televised by NBC"). "The 1962 Constitution was
    abrogated", "the Military Government appointed a Constitution Commission", "Collins
    was replaced", "a BBC radio version was broadcast" name too little: which country,
    which Collins, a version of what? And a question leaning on an earlier sentence
    ("rose once again in rebellion", "ABC also took over") is never anchored by itself.
    """
    if _AGAIN.search(text):
        return False
    if _another_of_the_same_name(text, dated):
        return False
    if names_the_subject(text, dated):
        return True
    known = getattr(dated, "names_in_text", frozenset())

    def is_name(word: str) -> bool:
        if word in _MONTHS or word.lower() in _NOT_NAMES or len(word) < 2:
            return False
        return word.isupper() or word in known or not is_dictionary_word(word)

    names = set()
    for run in _CAPITALIZED_RUN.finditer(text):
        words = [re.sub(r"['’]s$", "", w).strip("'’-") for w in run.group(0).split()]
        found = [w for w in words if not w.isdigit() and is_name(w)]
        if found and len(words) >= 2:
            return True  # a full name: "Daoud Khan", "Tower Bridge", "Apollo 11"
        names.update(found)
    return len(names) >= ANCHOR_NAMES


def names_the_subject(text: str, dated: DatedSentence) -> bool:
    """The text names the article's subject, by its title, an alias or a name word of it."""
    lowered = text.casefold()
    return any(
        # the pattern matches the alias literally, so a text without it cannot match (exact)
        (folded := alias.casefold()) in lowered
        and re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", lowered)
        for alias in _subject_names(dated)
    )


_INDEFINITE = re.compile(r"(?:a|an)\s", re.IGNORECASE)
_NAMED_IN_APPOSITION = re.compile(r"[Aa]n?\s[^,]{1,40},\s+[A-Z][\w'’.-]*\s+[A-Z]")
_LEADING_BLANK = re.compile(rf"^(?:In|On|By|During|From|Until) {BLANK},?\s*")


def _introduces_unnamed(text: str, style: str, subject: str, dated: DatedSentence) -> bool:
    """The question is about "a theatrical version" or "an In Memoriam segment": an
    indefinite subject is something the article introduces as part of its own subject
    (a version of Animal Farm, a segment of the Academy Awards ceremony), so a question
    that does not name that subject does not say what it asks about."""
    about = subject if style == "when" else _LEADING_BLANK.sub("", text)
    if not about or not _INDEFINITE.match(about) or _NAMED_IN_APPOSITION.match(about):
        return False  # "a compromise candidate, Alfred Moisiu, ..." names what it introduces
    return not names_the_subject(text, dated)


def _another_of_the_same_name(text: str, dated: DatedSentence) -> bool:
    """ "Emery and Marc Emery married": the subject's surname alone beside another person
    of that surname says neither which one is meant."""
    for alias in getattr(dated, "subject_aliases", ()):
        if " " in alias or not alias:
            continue
        for found in re.finditer(rf"\b([A-Z][\w'’-]+) {re.escape(alias)}\b", text):
            if found.group(1) not in getattr(dated, "subject_aliases", ()) and not (
                dated.subject.startswith(found.group(1))
            ):
                alone = re.sub(rf"\b[A-Z][\w'’-]+ {re.escape(alias)}\b", "", text)
                if re.search(rf"\b{re.escape(alias)}\b", alone):
                    return True
    return False


def _subject_names(dated: DatedSentence) -> list[str]:
    """The article's subject as a question may name it: its aliases, and the name words
    of its title ("Angola" in "Economy of Angola", "Pakistan" in "Senate of Pakistan")."""
    aliases = [a for a in getattr(dated, "subject_aliases", ()) if a]
    aliases += getattr(dated, "other_names", ())
    title = re.sub(r"\s*\([^)]*\)\s*$", "", dated.subject)
    aliases.append(title)
    aliases += [
        word
        for word in re.findall(r"\b[A-Z][\w'’-]+", title)
        if word.lower() not in _NOT_NAMES and not is_dictionary_word(word)
    ]
    return [a.removeprefix("the ").removeprefix("The ") for a in aliases]


def _has_proper_name(subject: str, dated: DatedSentence) -> bool:
    """ "the Taliban", "Huxley", "the Socialist Party" name something; "the crew",
    "Statehood", "the Principality", "the first European settlement" do not."""
    aliases = tuple(getattr(dated, "subject_aliases", ())) + (dated.subject,)
    if any(alias and alias in subject for alias in aliases):
        return True
    tokens = subject.split()
    capitals = [
        i
        for i, t in enumerate(tokens)
        if (t[:1].isupper() or t[:1].isdigit()) and t.lower() not in _NOT_NAMES
    ]
    if not capitals:
        return False
    if any(b == a + 1 for a, b in zip(capitals, capitals[1:], strict=False)):
        return True  # a run of capitalised words: "Good Friday", "R.S. Owens"
    for index in capitals:
        word = tokens[index].strip(",.;:'’s")
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if any(ch.isdigit() for ch in word):
            continue
        if _DEMONYM_ENDING.search(word) and following[:1].islower():
            if following.strip(",.;:").lower() in _GROUP_NOUNS:
                return True  # "the Azerbaijani army", "Armenian troops" name a side
            continue  # "the first European settlement": an adjective, not a name
        if is_dictionary_word(word) and word not in getattr(dated, "names_in_text", ()):
            continue
        return True
    return False


_GROUP_NOUNS = {
    "army",
    "armies",
    "forces",
    "force",
    "troops",
    "navy",
    "fleet",
    "militia",
    "militias",
    "government",
    "parliament",
    "authorities",
    "rebels",
    "people",
    "settlers",
    "colonists",
    "partisans",
    "nationalists",
    "communists",
    "delegation",
    "cavalry",
    "infantry",
    "soldiers",
    "regiment",
    "division",
    "corps",
    "empire",
    "kingdom",
    "republic",
}
_NOT_NAMES = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "his",
    "her",
    "their",
    "our",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "another",
    "other",
    "several",
    "one",
    "first",
    "last",
    "new",
}


_DATE_TAIL = re.compile(r"^(?:in|on|by|during)\s+[\w ,]*\d[\w ,]*$")


def vague_predicate(verb_phrase: str, rest: str) -> bool:
    """ "When did the United Kingdom follow (in 1955)?": a verb that says nothing alone."""
    words = verb_phrase.split()
    if re.fullmatch(r"[a-z]+ly", rest.strip()):
        return True  # "When did Agassi start slowly?"
    if not words or words[-1] not in _VAGUE_VERBS:
        return False
    return not rest.strip() or bool(_DATE_TAIL.match(rest.strip()))


_OWN_DATES = {
    "birth": re.compile(r"\bborn\b"),
    "death": re.compile(r"\b(?:died|die)\b"),
}


def _repeats_infobox(text: str, subject: str, dated: DatedSentence) -> bool:
    """ "When was Huxley born?" beside the infobox's "When was Aldous Huxley born?"."""
    known = getattr(dated, "infobox_dates", frozenset())
    if not known:
        return False
    aliases = tuple(getattr(dated, "subject_aliases", ())) or (dated.subject,)
    subject = subject or text
    about = (
        "'s" not in subject
        and "’s" not in subject
        and any(
            alias and re.match(rf"(?:(?:In|On)\s+\S+,?\s+)?{re.escape(alias)}\b", subject)
            for alias in aliases
        )
    )
    if not about:
        return False
    return any(_OWN_DATES[fact].search(text) for fact in known)


def _gives_answer_away(text: str, mention: DateMention) -> bool:
    """A year inside the answer's span stands in the question ("the 1926 strike": 1920s)."""
    value = mention.value
    checked = re.sub(r"month of \d{3,4}", "month of", text)
    last = value.end.year
    for match in re.finditer(r"(?<![\d,.])(\d{3,4})(?:s)?(?!\d)", checked):
        year = int(match.group(1))
        if value.start.year <= year <= last:
            return True
    return False


# ---------------------------------------------------------------- importance

_TRIVIA_HEADINGS = gated(
    r"award|honou?r|accolade|reception|legacy|popular culture|in media|adaptation|broadcast|"
    r"re-?release|home media|media|discography|filmography|bibliography|works|trivia|tribute|"
    r"references|further|see also|television|radio|dvd|merchandise|video game|cultural|gift",
    re.IGNORECASE,
)
_TRIVIA_WORDS = gated(
    r"\b(?:nominated|nomination|broadcast|re-?released?|re-?issued?|DVD|Blu-ray|remaster(?:ed)?|"
    r"radio|adaptation|adapted|documentary|tribute|named after|honorary|inducted|podcast|"
    r"episode|commercial|cameo|cover version|box set)\b",
    re.IGNORECASE,
)
_KEY_EVENTS = gated(
    r"\b(?:born|died|death|founded|established|formed|created|incorporated|independence|"
    r"married|elected|appointed|inaugurated|crowned|abdicated|assassinated|executed|"
    r"released|published|premiered|launched|landed|signed|declared|proclaimed|annexed|"
    r"conquered|invaded|captured|defeated|won|discovered|invented|built|completed|opened|"
    r"dissolved|abolished|merged|acquired|retired|debuted|graduated|awarded the Nobel)\b",
    re.IGNORECASE,
)


TRIVIA_IMPORTANCE = 0.3
"""The importance of a sentence under a trivia heading ("Gift bags", "Legacy") or about a
broadcast, an adaptation, a tribute: asked only when it names the article's subject (a
retailer's "Secret Room Gifting Suite" never says it was at the Oscars)."""

DAY_WORTH_IMPORTANCE = 0.8
"""A day is worth learning only for an event the article puts first (its lead, or a key
event of its subject: a founding, a death, independence). The day an airline set up its
offices or two players met for an exhibition is trivia even when the year is not: blind
judges kept a third of such cards, and nine in ten year questions of the same weight.
Below it a "When" question asks the year, and a cloze on the day is not made. A month
is no better (judges kept a minor event's "In which month of 2000 ...?" four times in
five, its year nine in ten): it is asked only in a year the article crowds."""


def importance(dated: DatedSentence, question: str) -> float:
    """How much a learner wants this date: lead and the subject's own events high, trivia low."""
    section = dated.section
    if not section.path:
        score = 0.9
    else:
        index = getattr(dated, "section_index", 0)
        count = max(getattr(dated, "section_count", 1), 1)
        score = 0.75 - 0.25 * (index / count)
    names = tuple(getattr(dated, "subject_aliases", ())) or (dated.subject,)
    about_subject = any(name and name in question for name in names)
    if about_subject:
        score += 0.05
    if _KEY_EVENTS.search(dated.sentence):
        score += 0.1 if about_subject or not section.path else 0.05
    heading = " ".join(section.path)
    trivia_heading = _TRIVIA_HEADINGS.search(heading)
    if trivia_heading and trivia_heading.group(0).lower() in dated.subject.lower():
        trivia_heading = None  # "Awards" in the article "Academy Awards" is its topic
    if trivia_heading or _TRIVIA_WORDS.search(dated.sentence):
        score = min(score, TRIVIA_IMPORTANCE)
    return round(max(0.1, min(score, 1.0)), 2)
