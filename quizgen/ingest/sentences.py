"""Split a paragraph into sentences.

A sentence is the unit a dated card quotes, so a bad split either cuts a date
from its event ("Gen." ending a sentence) or glues two events together. The
rule: a sentence ends at . ! ? (plus closing quotes/brackets) followed by
space and a capital, digit or opening quote, unless the word before the stop
is a known abbreviation or an initial. Abbreviations that also end sentences
often ("U.S.", "etc.", "p.m.", "Jr.") and single initials end a sentence only
when the next word is a common sentence opener ("The", "He", "In"...).
"""

from __future__ import annotations

import re
import string

# Never end a sentence: titles, "No. 5", "e.g.", "c. 1850", month abbreviations.
_ALWAYS_ABBREVIATIONS = {
    "gen",
    "lt",
    "col",
    "dr",
    "st",
    "mr",
    "mrs",
    "ms",
    "capt",
    "maj",
    "sgt",
    "cpl",
    "pvt",
    "adm",
    "brig",
    "cmdr",
    "gov",
    "sen",
    "rep",
    "rev",
    "fr",
    "prof",
    "hon",
    "messrs",
    "mme",
    "mlle",
    "no",
    "nos",
    "vs",
    "v",
    "e.g",
    "i.e",
    "cf",
    "c",
    "ca",
    "approx",
    "fig",
    "vol",
    "pp",
    "p",
    "mt",
    "ft",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "al",
    "b",
    "d",
    "r",
    "op",
    "ed",
    "eds",
    "est",
    "lit",
}
# Often inside a sentence, sometimes its end: split only before a typical opener.
_WEAK_ABBREVIATIONS = {"etc", "a.m", "p.m", "jr", "sr", "inc", "ltd", "co", "corp", "bros"}
_SENTENCE_OPENERS = {
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "In",
    "On",
    "At",
    "By",
    "After",
    "Before",
    "During",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "However",
    "Although",
    "When",
    "While",
    "Following",
    "As",
    "From",
    "Since",
    "There",
    "Meanwhile",
    "Later",
    "Then",
    "Despite",
    "With",
    "According",
    "Some",
    "Many",
    "Most",
    "Both",
    "Each",
    "Other",
    "Under",
    "Over",
    "Throughout",
    "Until",
    "For",
}

# A stop, any closing quotes/brackets, whitespace, then what may open a sentence.
_BOUNDARY = re.compile(r"([.!?]+)([\"'”’)\]]*)(\s+)(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])")
_NEXT_WORD = re.compile(r"[\"'“‘(\[]?([A-Za-z]+)")


def _is_initial(word: str) -> bool:
    """ "W" in "W. Thomson", "R.R" in "J. R.R. Tolkien": capital letters each before a dot."""
    return bool(re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word))


def _is_dotted_acronym(word: str) -> bool:
    """ "U.S", "U.K", "a.m": letters separated by dots."""
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))


_LETTERS_AND_STOPS = string.ascii_letters + "."


def _word_before_stop(text: str) -> str:
    """`re.search(r"([A-Za-z][A-Za-z.]*)$", text).group(1)`, or "" when it does not match,
    read from the end (`search` tries the pattern at every position of the text): the
    text's last run of letters and full stops, from its first letter. Exact: `$` also
    matches before a final newline."""
    if text.endswith("\n"):
        text = text[:-1]
    run = text[len(text.rstrip(_LETTERS_AND_STOPS)) :]
    return run.lstrip(".")


def _ends_sentence(text_before: str, stop: str, closing: str, next_word: str) -> bool:
    if stop != "." or closing:
        return True  # "!" / "?" / "..." and quoted endings ('."') are real ends
    word = _word_before_stop(text_before)
    if not word:
        return True  # a number or symbol before the stop: "in 1918. The"
    lowered = word.lower()
    if lowered in _ALWAYS_ABBREVIATIONS:
        return False
    if lowered in _WEAK_ABBREVIATIONS or _is_initial(word) or _is_dotted_acronym(word):
        return next_word in _SENTENCE_OPENERS
    return True


def _split_line(line: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for boundary in _BOUNDARY.finditer(line):
        stop, closing = boundary.group(1), boundary.group(2)
        if stop.startswith("...") or stop == "…":
            stop = "..."
        next_word_match = _NEXT_WORD.match(line, boundary.end())
        next_word = next_word_match.group(1) if next_word_match else ""
        text_before = line[start : boundary.start()]
        if not _ends_sentence(text_before, stop, closing, next_word):
            continue
        sentence = line[start : boundary.start(3)].strip()
        if sentence:
            sentences.append(sentence)
        start = boundary.end()
    rest = line[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of `paragraph`, in order, stripped; line breaks always end one."""
    sentences: list[str] = []
    for line in paragraph.splitlines():
        sentences.extend(_split_line(line))
    return sentences
