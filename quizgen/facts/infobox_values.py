"""Reading an infobox value as an answer: its items, notes, and whether it is a fact at all.

Infobox values carry source notes ("(according to Armenian sources)"), figures with
qualifiers ("c. 12,000"), placeholder words ("Unknown"), labels ("Country"), codes
("D000028"), coordinates, URLs and cross-references ("See: X and religion"), and lists
that a reader glued together ("Elena Paparizou Nikos Panagiotidis"). This module decides
what part of a value is the answer, what is kept as context, how a glued list splits,
and which values are refused: a value that is not a fact worth learning is never asked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from quizgen.core.models import AnswerType

PLACEHOLDER_VALUES = {
    "unknown", "n/a", "na", "none", "nil", "-", "–", "—", "?", "tba", "tbd", "various",
    "see below", "see text", "disputed", "undefined", "null", "yes", "no", "auto", "n.a.",
    "not applicable", "none known", "unspecified", "varies", "see list", "citation needed",
}  # fmt: skip

_PARENTHETICAL = re.compile(r"\s*\(([^()]*)\)")
_ACCORDING_TO = re.compile(r"^(?:according to|per|by)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_NUMBER_VALUE = re.compile(
    r"^(?:(?:c\.|ca\.|circa|about|approx\.?|approximately|over|more than|less than|under|"
    r"up to|at least|around|~|≈|\+)\s*)?"
    r"(?:US\s?\$|[$€£¥₹])?\s?\d[\d,.\u202f\u00a0 ]*"
    r"(?:\s?[–—-]\s?[$€£¥]?\d[\d,.\u202f\u00a0 ]*)?"
    r"(?:\s?(?:%|km2|km²|sq mi|sq\.? mi|km|mi|m|ft|kg|lb|t|tons|tonnes|million|billion|"
    r"trillion|thousand|minutes|min|hours|h|seconds|s|days|pages|episodes|seasons|men|troops|"
    r"soldiers|killed|wounded|dead|employees|people|inhabitants|residents|nmi|degrees|"
    r"metres|meters|feet)\b\.?)*\+?$",
    re.IGNORECASE,
)
_SENTENCE_VERB = re.compile(
    r"\b(?:was|were|is|are|had|has|have|been|did|would|could|should|continued|signed|"
    r"began|ended|led|resulted|followed)\b",
    re.IGNORECASE,
)
_CAPITALIZED_WORD = re.compile(r"^[A-Z\u00c0-\u024f\u0370-\u1fff]")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|gov|edu)\b/?", re.IGNORECASE)
_COORDINATE = re.compile(r"\d+(?:\.\d+)?\s*°|°\s*[NSEW]\b|\d+′|\b\d+°\d+")
_ISBN = re.compile(r"\bISBN\b|\b97[89][-\s]?\d", re.IGNORECASE)
_SEE = re.compile(r"^\s*(?:see|cf\.|main article|further)\b\s*:?", re.IGNORECASE)
_FILE = re.compile(r"\b(?:File|Image):\S.*$", re.IGNORECASE)
_IMAGE_SIZE = re.compile(r"^\d+\s*(?:px|x\d+px)$", re.IGNORECASE)
_CODE = re.compile(r"^(?=[^\s]*\d)(?=[^\s]*[A-Za-z])[A-Za-z0-9._/-]+$")
"""A token mixing letters and digits with no space: D000028, afro1255, PL31, 1968-118A."""
_FOOTNOTE_MARKS = re.compile(r"\s*(?:\[(?:\d+|[a-z]|note \d+|citation needed)\]|[†‡§¶*]+)")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|Bros|Dr|Mt)\.)$")
_NAME_SUFFIX = re.compile(r"^(Jr\.?|Sr\.?|II|III|IV)\s+(?=[A-Z])")
_LONE_SUFFIX = re.compile(r"Jr\.?|Sr\.?|II|III|IV")


@dataclass(frozen=True)
class AnswerValue:
    """One value ready to be an answer: the text asked for and the notes kept aside."""

    text: str
    notes: tuple[str, ...] = ()


def is_placeholder(value: str) -> bool:
    """ "Unknown", "N/A", a dash: values that state no fact."""
    return value.strip().strip(".").casefold() in PLACEHOLDER_VALUES


def split_notes(value: str) -> AnswerValue:
    """Take parenthetical notes out of a value, keeping them as context.

    "60,000 (6,000 mobilized guards)" -> "60,000" with the note kept. A value
    that is only a parenthesis stays as it is.
    """
    notes = tuple(match.group(1).strip() for match in _PARENTHETICAL.finditer(value))
    stripped = _PARENTHETICAL.sub("", value).strip(" ,;")
    if not stripped:
        return AnswerValue(value.strip())
    return AnswerValue(re.sub(r"\s{2,}", " ", stripped), tuple(note for note in notes if note))


def attributed_parts(value: str) -> list[tuple[str, str]]:
    """Split "45 killed (according to A) Several hundreds (according to B)" by source.

    Returns (statement, attribution) pairs; empty when the value names no sources.
    """
    parts: list[tuple[str, str]] = []
    position = 0
    for match in _PARENTHETICAL.finditer(value):
        note = match.group(1).strip()
        if not _ACCORDING_TO.match(note):
            continue
        statement = value[position : match.start()].strip(" ,;")
        if statement:
            parts.append((statement, note))
        position = match.end()
    if parts and value[position:].strip(" ,;"):
        return []  # a trailing unattributed part: the split would misquote it
    return parts


def is_number_value(value: str) -> bool:
    """A figure (with a unit or qualifier), not a name or a sentence."""
    return bool(_NUMBER.search(value)) and bool(_NUMBER_VALUE.match(value.strip()))


def looks_like_sentence(value: str) -> bool:
    """A value that is a clause ("Tiflis Agreement was signed, but ...") is not a fact to ask."""
    words = value.split()
    if len(words) > 12:
        return True
    return len(words) >= 5 and bool(_SENTENCE_VERB.search(value))


def guess_answer_type(value: str) -> AnswerType:
    """How the answer checker should compare typed answers to this value."""
    if is_number_value(value):
        return "number"
    words = value.split()
    if len(words) <= 6 and all(
        _CAPITALIZED_WORD.match(word) or word.islower() and len(word) <= 4 for word in words
    ):
        return "name"
    return "text"


def number_count(value: str) -> int:
    return len(_NUMBER.findall(value))


# --- cleaning and refusing ---------------------------------------------------------------------


def latin_share(value: str) -> float:
    """Share of the letters that are Latin: a learner types the answer on a Latin keyboard."""
    letters = [char for char in value if char.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for char in letters if "LATIN" in unicodedata.name(char, ""))
    return latin / len(letters)


def refusal(value: str, label_values: Iterable[str] = ()) -> str | None:
    """Why a cleaned value is not an answer worth learning, or None when it is one."""
    text = value.strip()
    folded = text.casefold().strip(" .:")
    if not text or (len(folded) < 2 and not folded.isdigit()) or not any(c.isalnum() for c in text):
        return "empty"
    if is_placeholder(text):
        return "placeholder"
    if folded in set(label_values):
        return "label"
    if _URL.search(text):
        return "url"
    if _COORDINATE.search(text):
        return "coordinates"
    if _ISBN.search(text):
        return "isbn"
    if _SEE.match(text):
        return "reference"
    if _IMAGE_SIZE.match(text) or "_" in text:
        return "markup"
    if _CODE.match(text):
        return "code"
    if latin_share(text) < 0.6:
        return "script"
    return None


def clean_item(item: str) -> AnswerValue:
    """An item as an answer: notes out, footnote marks, file links and stray punctuation off."""
    text = _FILE.sub("", item)
    text = _FOOTNOTE_MARKS.sub("", text)
    value = split_notes(text)
    answer = value.text.strip(" ;,:\u200e\u200f")
    answer = re.sub(r"^[:•·*–-]\s*", "", answer).strip()
    if answer.endswith(".") and not _ABBREVIATION_END.search(answer):
        answer = answer.rstrip(".").rstrip()
    if len(answer) >= 2 and answer[0] == answer[-1] and answer[0] in "\"'“”":
        answer = answer[1:-1].strip()
    answer = answer.strip('“”"').strip()
    return AnswerValue(re.sub(r"\s{2,}", " ", answer), value.notes)


_LIST_SEPARATORS = re.compile(r"\s+·\s+|\s*•\s*|\s+/\s+|\s*;\s*")


def _outside_parentheses(item: str, pattern: re.Pattern[str]) -> list[str]:
    """Split at `pattern`, except inside parentheses ("Pierre Curie (m. 1895; died 1906)")."""
    pieces: list[str] = []
    depth, start, index = 0, 0, 0
    while index < len(item):
        char = item[index]
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif depth == 0:
            match = pattern.match(item, index)
            if match and match.end() > index:
                pieces.append(item[start:index])
                start = index = match.end()
                continue
        index += 1
    pieces.append(item[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def rejoin_parentheses(items: Iterable[str]) -> list[str]:
    """A reader that split "Pierre Curie (m. 1895; died 1906)" at the semicolon: rejoined."""
    joined: list[str] = []
    for item in items:
        if joined and joined[-1].count("(") > joined[-1].count(")"):
            joined[-1] = f"{joined[-1]}; {item}"
        else:
            joined.append(item)
    return joined


def split_separators(items: Iterable[str]) -> list[str]:
    """Items that still hold "·", "•", " / " or ";" separators are split at them."""
    return [
        piece
        for item in rejoin_parentheses(items)
        for piece in _outside_parentheses(item, _LIST_SEPARATORS)
    ]


def split_commas(items: Iterable[str]) -> list[str]:
    """A list written in one line with commas ("Writer, Novelist") -> its items.

    A comma inside parentheses is kept ("Texas A&M (B.A., M.A.)").
    """
    pieces: list[str] = []
    for item in items:
        depth, start = 0, 0
        for index, char in enumerate(item):
            depth += char == "("
            depth -= char == ")"
            if char == "," and depth == 0:
                pieces.append(item[start:index])
                start = index + 1
        pieces.append(item[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def join_place_tails(items: list[str]) -> list[str]:
    """ "Balliol College", "Oxford" -> "Balliol College, Oxford": a one-word tail is a place."""
    joined: list[str] = []
    for item in items:
        if (
            joined
            and len(item.split()) == 1
            and not item.isupper()  # "University of Paris, ESPCI": an acronym is its own school
            and _HEAD_WORDS.search(joined[-1])
        ):
            joined[-1] = f"{joined[-1]}, {item}"
        else:
            joined.append(item)
    return joined


_AFTER_NOTE = re.compile(r"(?<=\))\s+(?=[A-Z\u00c0-\u024f])")


def split_after_notes(items: Iterable[str]) -> list[str]:
    """ "Pauline Bush (1915–1919) Marie Shelton (1927–1949)" -> two items."""
    return [piece for item in items for piece in _AFTER_NOTE.split(item) if piece.strip()]


def _link_names(links: Iterable[str]) -> list[str]:
    return [re.sub(r"\s*\([^()]*\)$", "", link).strip() for link in links if link.strip()]


def split_by_links(item: str, links: Iterable[str]) -> list[str] | None:
    """An item that is exactly several linked names in a row -> those names, else None."""
    names = [name for name in _link_names(links) if name]
    rest = item.strip()
    found: list[str] = []
    while rest:
        match = next((name for name in names if rest.startswith(name)), None)
        if match is None:
            return None
        found.append(match)
        rest = rest[len(match) :].lstrip(" ,;")
    return found if len(found) >= 2 else None


def split_name_suffixes(items: list[str]) -> list[str]:
    """ "Frank F. Borman", "II James A. Lovell", "Jr. William A. Anders" -> suffixes rejoined."""
    fixed: list[str] = []
    for item in items:
        if fixed and _LONE_SUFFIX.fullmatch(item.strip()):
            fixed[-1] = f"{fixed[-1]} {item.strip()}"  # "Martin Luther King", "Jr."
            continue
        match = _NAME_SUFFIX.match(item)
        if match and fixed:
            fixed[-1] = f"{fixed[-1]} {match.group(1)}"
            item = item[match.end() :]
        fixed.append(item)
    return fixed


_GLUE_STOPWORDS = frozenset({"of", "the", "and", "for", "in", "to", "at", "on", "a", "an", "de"})


def _split_glued(item: str) -> list[str]:
    pieces: list[list[str]] = [[]]
    for word in item.split():
        previous = pieces[-1][-1] if pieces[-1] else ""
        if (
            previous
            and word[:1].isupper()
            and previous.islower()
            and previous.strip(",") not in _GLUE_STOPWORDS
        ):
            pieces.append([])
        pieces[-1].append(word)
    return [" ".join(piece) for piece in pieces if piece]


def split_common_nouns(items: Iterable[str]) -> list[str]:
    """ "Film director Film producer Screenwriter" -> each occupation: a capitalized word
    after a lower-case word starts the next one, unless that word is "of", "the"...
    ("Professor of Medieval History" stays whole)."""
    return [piece for item in items for piece in _split_glued(item)]


_NAME_PARTICLES = {
    "de", "da", "di", "do", "dos", "das", "von", "van", "der", "den", "del", "della", "la",
    "le", "bin", "ibn", "al", "el", "of", "the", "y", "i", "e", "ter", "ten", "du", "des",
    "zu", "af", "ap", "mac", "st.",
}  # fmt: skip
_HEAD_WORDS = re.compile(
    r"\b(University|College|School|Institute|Academy|Party|Records|Company|Club)\b"
)


def looks_glued(item: str, people: bool) -> bool:
    """An item that is probably several names run together, which no split could undo.

    People: four or more capitalized words without an initial or particle ("Elena
    Paparizou Nikos Panagiotidis"). Institutions: a head word twice ("Southern Methodist
    University University of the South").
    """
    heads = _HEAD_WORDS.findall(item)
    if len(heads) > len(set(heads)):
        return True
    if not people:
        return False
    words = item.split()
    if len(words) < 4:
        return False
    if any(word.casefold() in _NAME_PARTICLES or word.endswith(".") for word in words):
        return False
    return all(word[:1].isupper() for word in words)


_SHARE = re.compile(r"([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|and|of|the))*)\s+(\d+(?:\.\d+)?)\s*%")


def largest_share(text: str) -> str | None:
    """ "China 45.8% United States 13.7%" -> "China"; None when no shares are given."""
    shares = [(float(value), name.strip()) for name, value in _SHARE.findall(text)]
    if len(shares) < 2:
        return None
    best = max(shares)
    if sum(1 for value, _ in shares if value == best[0]) > 1:
        return None
    return best[1]


_STAT_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b(?:\s*(?:est\.?|estimate|data))?")


def stat_year(notes: Iterable[str]) -> str | None:
    """The year a statistic is given for, from notes such as "2012 est."."""
    for note in notes:
        match = _STAT_YEAR.search(note)
        if match:
            return match.group(1)
    return None


IUCN_STATUS = {
    "LC": "Least Concern",
    "NT": "Near Threatened",
    "VU": "Vulnerable",
    "EN": "Endangered",
    "CR": "Critically Endangered",
    "EW": "Extinct in the Wild",
    "EX": "Extinct",
    "DD": "Data Deficient",
    "CD": "Conservation Dependent",
}
"""IUCN Red List codes as a learner would name them."""


_WON = re.compile(r"^\s*W\s*\(([^()]*)\)\s*$")


def won_years(text: str) -> list[str]:
    """A tennis result "W (1995, 2000)" -> the years won; [] for any other result."""
    match = _WON.match(text)
    if not match:
        return []
    years = re.findall(r"\b(1[89]\d\d|20\d\d)\b", match.group(1))
    return list(dict.fromkeys(years))


_QUOTED = re.compile(r"\s*[\"“][^\"”]*[\"”]\s*")


def strip_quoted(text: str) -> str:
    """'Millī Surūd "The National Anthem"' -> "Millī Surūd"; '"God Save the Queen"' stays."""
    rest = _QUOTED.sub(" ", text).strip()
    return rest if rest else text.strip()
