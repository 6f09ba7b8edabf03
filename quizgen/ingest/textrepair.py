"""Repair the text a reader pulls out of a seed file, and tell when it is beyond repair.

Seed files arrive damaged in predictable ways: UTF-8 that was decoded through a
Windows code page (with the bytes that code page lacks silently lost), leftover
Markdown and HTML, flag emoji in front of names, empty list items, terminal escape
sequences. Everything here is a pure function on strings so readers and tests can
use it freely. Text that still looks damaged after repair is reported by
`looks_broken`, and cards built from it are dropped rather than shown to a learner.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from quizgen.core.literal_gate import gated

__all__ = ["repair_text", "looks_broken", "split_items", "fix_mojibake"]

# --- mojibake ---------------------------------------------------------------------------------

# The code pages that UTF-8 is most often wrongly decoded through. cp1254 is the one our
# format A seeds were damaged with (flag emoji show as "ğŸ‡"), cp1252 the commonest overall.
_MOJIBAKE_CODECS = ("sloppy-windows-1254", "sloppy-windows-1252")


_STANDARD_CODECS = {"sloppy-windows-1254": "cp1254", "sloppy-windows-1252": "cp1252"}
"""Python's own codec for each code page: ftfy's "sloppy" ones differ only in the bytes
the code page lacks, which they decode to U+0080-U+009F and `_decoded` leaves out, so the
telltale characters need no ftfy (~50 ms to import, only paid for damaged text)."""


def _decoded(byte_values: range, codec: str) -> set[str]:
    chars = set()
    for value in byte_values:
        try:
            char = bytes([value]).decode(_STANDARD_CODECS[codec])
        except UnicodeDecodeError:
            continue  # a byte the code page lacks: lost, not kept
        if not ("\x80" <= char <= "\x9f"):  # control characters: no telltale
            chars.add(char)
    return chars


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(char) for char in sorted(chars)) + "]"


@dataclass(frozen=True)
class _MojibakePatterns:
    """The code pages' telltale characters as patterns."""

    hint: re.Pattern[str]
    """A lead byte followed by a continuation byte, both as a code page shows them. This
    is the cheap pre-check: ftfy only runs on text that contains such a pair."""
    sequence: re.Pattern[str]
    """Whole UTF-8 sequences as a code page shows them, for the fallback pass below."""
    lone_lead: re.Pattern[str]


@cache
def _patterns() -> _MojibakePatterns:
    """Built on the first text repaired, not at import: the character classes take tens
    of milliseconds to compile, which a command that reads no article (an unchanged
    rebuild) need not pay."""

    def union(byte_values: range) -> set[str]:
        return set().union(*(_decoded(byte_values, codec) for codec in _MOJIBAKE_CODECS))

    lead2, lead3 = union(range(0xC2, 0xE0)), union(range(0xE0, 0xF0))
    lead4, cont = union(range(0xF0, 0xF5)), union(range(0x80, 0xC0))
    return _MojibakePatterns(
        hint=re.compile(_char_class(lead2 | lead3 | lead4) + _char_class(cont)),
        sequence=re.compile(
            "|".join(
                (
                    _char_class(lead4) + _char_class(cont) + "{3}",
                    _char_class(lead3) + _char_class(cont) + "{2}",
                    _char_class(lead2) + _char_class(cont),
                )
            )
        ),
        lone_lead=re.compile(_char_class(lead2 - {"\xa0"})),
    )


@cache
def _ftfy_config() -> Any:
    """ftfy's settings, imported only for text that shows damage (importing ftfy also
    registers the sloppy-windows-* codecs `_decode_sequence` uses after it)."""
    import ftfy

    return ftfy.TextFixerConfig(
        uncurl_quotes=False,  # keep the text as written; answer checking folds quotes itself
        fix_line_breaks=False,  # readers split paragraphs on the original newlines
        normalization="NFC",
        unescape_html=False,  # done separately, only where entities are present
    )


def _decode_sequence(match: re.Match[str]) -> str:
    for codec in _MOJIBAKE_CODECS:
        try:
            return match.group(0).encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return match.group(0)


def _repair_word(match: re.Match[str]) -> str:
    """Decode what ftfy left inside one word; a lead byte whose partner was lost becomes U+FFFD.

    ftfy gives up on a whole run when one byte of it was lost (as in "ÆlÉ™sgÉ™rli", where
    the second byte of "Ə" did not exist in the code page). The complete sequences can still
    be decoded one by one; the lone lead byte cannot be guessed, so it is marked as broken
    and `looks_broken` will keep it off any card.
    """
    word = match.group(0)
    patterns = _patterns()
    repaired = patterns.sequence.sub(_decode_sequence, word)
    if repaired == word:
        return word
    return patterns.lone_lead.sub("\ufffd", repaired)


def fix_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-a-code-page damage; text without the telltale pairs is returned as is."""
    if text.isascii():  # every telltale character lies outside ASCII
        return text
    patterns = _patterns()
    if not patterns.hint.search(text):
        return text
    config = _ftfy_config()
    import ftfy

    fixed = ftfy.fix_text(text, config)
    if patterns.hint.search(fixed):
        fixed = re.sub(r"\S+", _repair_word, fixed)
    return fixed


# --- control characters and escapes -----------------------------------------------------------

_TERMINAL_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: titles, hyperlinks
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]"  # other two-character escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
# C0 and C1 controls except tab and newlines, plus invisible format characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff\u00ad]")

# --- markup -----------------------------------------------------------------------------------

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"(?<!!)\[([^\]\[]+)\]\((?:[^()\s]|\([^()]*\))*\)")
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]|]+)\]\]")
_REF = re.compile(r"<ref\b[^>/]*/>|<ref\b[^>]*>.*?</ref\s*>", re.IGNORECASE | re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_INLINE_TAG = re.compile(
    r"</?(?:small|big|sup|sub|span|i|b|em|strong|s|u|abbr|nowiki|cite|code|q)\b[^>]*>",
    re.IGNORECASE,
)
_STRONG = re.compile(r"(?<![\w*])(\*{1,3})(?=[^\s*])(.+?)(?<=[^\s*])\1(?![\w*])")
_UNDERLINE = re.compile(r"(?<![\w])(_{1,2})(?=[^\s_])(.+?)(?<=[^\s_])\1(?!\w)")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[*+\-•]|\d{1,3}[.)])[ \t]+", re.MULTILINE)
_QUOTE_MARKER = gated(r"^[ \t]*>[ \t]?", re.MULTILINE)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")

# A flag is two regional indicator letters, or a black flag followed by tag characters
# (subdivision flags such as Scotland's). Flags stand in front of names as decoration.
_FLAG = re.compile(r"(?:[\U0001F1E6-\U0001F1FF]{2}|\U0001F3F4[\U000E0020-\U000E007F]+)[ \t]*")
_LONE_REGIONAL = re.compile(r"[\U0001F1E6-\U0001F1FF]")

# --- spacing and punctuation ------------------------------------------------------------------

_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,;:!?]|\.(?!\.)|\)|\])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])\s+")
_EMPTY_PARENS = re.compile(r"\(\s*[,;]?\s*\)|\[\s*\]")
_REPEATED_COMMAS = re.compile(r",(?:\s*,)+")
_EDGE_COMMAS = re.compile(r"^[\s,;]+|[\s,;]+$")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters, keeping tabs and newlines."""
    if "\x1b" in text or "\x9b" in text:
        text = _TERMINAL_ESCAPE.sub("", text)
    return _CONTROL.sub("", text.replace("\x1b", ""))


def strip_markup(text: str) -> str:
    """Remove Markdown/HTML/wiki markup, keeping the words it wrapped. Newlines are kept."""
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    if "<" in text:
        text = _HTML_COMMENT.sub("", text)
        text = _REF.sub("", text)
        text = _BREAK_TAG.sub("\n", text)
        text = _INLINE_TAG.sub("", text)
    if "[" in text:
        text = _IMAGE.sub("", text)
        text = _WIKI_LINK.sub(r"\1", text)
        text = _MD_LINK.sub(r"\1", text)
    if "*" in text:
        text = _STRONG.sub(r"\2", text)
    if "_" in text:
        text = _UNDERLINE.sub(r"\2", text)
    text = _QUOTE_MARKER.sub("", text)
    return _strip_list_markers(text)


def _strip_list_markers(text: str) -> str:
    """`_LIST_MARKER.sub("", text)`. Its `^` matches only at the start and after a newline,
    so a text of one line has at most the match at 0, found by `match` without trying the
    pattern at every other position (exact)."""
    if "\n" in text:
        return _LIST_MARKER.sub("", text)
    marker = _LIST_MARKER.match(text)
    return text[marker.end() :] if marker else text


def strip_flags(text: str) -> str:
    """Drop flag emoji, which decorate names in infoboxes and carry no words."""
    if text.isascii():  # exact: both patterns need a character beyond ASCII
        return text
    text = _FLAG.sub("", text)
    return _LONE_REGIONAL.sub("", text)


def tidy_spacing(text: str) -> str:
    """Collapse whitespace and remove the gaps and empty items that stripping leaves behind.

    Every paragraph and item of an article passes here, so each step is skipped where it
    provably changes nothing (see each gate), and whitespace is collapsed by `str.split`
    rather than by a substitution per space: the same result (`\\s` is `str.isspace`).
    """
    text = _collapse_whitespace(text)
    if "(" in text or "[" in text:  # exact: both patterns start with a bracket
        text = _SPACE_AFTER_OPEN.sub(r"\1", text)
        text = _EMPTY_PARENS.sub("", text)
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    if "," in text:  # exact: the pattern starts with a comma
        text = _REPEATED_COMMAS.sub(",", text)
    if text and (_edge_char(text[0]) or _edge_char(text[-1])):
        # exact: both alternatives need a space, comma or semicolon at an end
        text = _EDGE_COMMAS.sub("", text)
    return " ".join(text.split())  # = re.sub(r"\s+", " ", text).strip()


def _collapse_whitespace(text: str) -> str:
    r"""`re.sub(r"\s+", " ", text)`: every run of whitespace as one space, at the ends too."""
    words = text.split()
    if not words:
        return " " if text else ""
    collapsed = " ".join(words)
    if text[0].isspace():
        collapsed = " " + collapsed
    if text[-1].isspace():
        collapsed += " "
    return collapsed


def _edge_char(char: str) -> bool:
    return char in ",;" or char.isspace()


_MISTYPED_SAO = re.compile(r"\bS\u0101o\b")
"""Portuguese "São" typed with a macron ("Sāo Paulo", "Sāo Tomé"): a slip copied from
article to article; no language writes "Sāo"."""


def repair_text(text: str) -> str:
    """Fully repair one prose or inline string: the result is a single clean line."""
    text = strip_controls(text)
    text = fix_mojibake(text)
    text = strip_controls(text)  # decoding can reveal C1 controls
    text = strip_markup(text)
    text = strip_flags(text)
    if "\u0101" in text:
        text = _MISTYPED_SAO.sub("S\u00e3o", text)
    return tidy_spacing(text)


# --- broken text ------------------------------------------------------------------------------

_LEFTOVER_MARKUP = re.compile(
    r"\[\[|\]\]|\{\{|\}\}|!\[|\]\(|\*\*|__|\||==|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"
)


def looks_broken(text: str) -> bool:
    """True if text still shows damage repair could not undo, so it must not reach a card."""
    if "\ufffd" in text or _CONTROL.search(text) or "\x1b" in text:
        return True
    if _LEFTOVER_MARKUP.search(text):
        return True
    return not text.isascii() and bool(_patterns().hint.search(text))


# --- infobox items ----------------------------------------------------------------------------

_BULLET_SPLIT = re.compile(r"\n|•|(?:^|\s)\*\s+(?=\S)")
# Words that continue the previous clause: an item starting with one was cut out of a sentence.
_CONTINUATION = re.compile(
    r"^(?:but|yet|while|whilst|although|though|which|who|whom|whose|whereas|however|despite|"
    r"including|excluding|except|then|thus|because)\b",
    re.IGNORECASE,
)
_LEADING_CONJUNCTION = re.compile(r"^(?:and|or|&)\s+", re.IGNORECASE)
# Pieces that finish the name before them rather than start a new item: a title
# ("1st Earl of Lovelace", "Countess of Lovelace") or a suffix ("Jr.", "Inc.").
_NAME_CONTINUATION = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)\s+[A-Z]|(?:Count|Countess|Duke|Duchess|Earl|Baron|Baroness|"
    r"Marquess|Marchioness|Viscount|Viscountess|Prince|Princess|Lord|Lady)\s+of\b|"
    r"(?:Jr|Sr|Inc|Ltd|LLC|Ltda|GmbH|AG|SA|S\.A|PLC|plc|Co)\.?$|[IVX]{1,4}$)"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_ENDS_WITH_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}$")
_STARTS_WITH_YEAR = re.compile(r"^\d{3,4}\b")


def _continues_previous(previous: str, item: str) -> bool:
    """A comma piece that belongs to the item before it ("November 26, 1942")."""
    if _CONTINUATION.match(item) or _NAME_CONTINUATION.match(item):
        return True
    return bool(_ENDS_WITH_MONTH_DAY.search(previous) and _STARTS_WITH_YEAR.match(item))


# A comma between digits is a thousands separator ("60,000"), not a list comma.
_LIST_COMMA = re.compile(r"(?<!\d),|,(?!\d{3}\b)")


def _split_top_level_commas(line: str) -> list[str]:
    """Split on commas outside brackets; "Paris (France, EU)" stays one item."""
    parts: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(line):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0 and _LIST_COMMA.match(line, index):
            parts.append(line[start:index])
            start = index + 1
    parts.append(line[start:])
    return parts


def _is_parenthetical(item: str) -> bool:
    return item.startswith("(") and item.endswith(")") and item.count("(") == item.count(")")


def split_items(value: str, *, commas: bool = True) -> list[str]:
    """Split an infobox value into clean items, in order.

    Items are separated by newlines, "* " bullets and "•"; with `commas` (format B's
    `- Key: a, b, c` lines) also by commas outside brackets that are not thousands
    separators. Empty items (what a removed flag or link leaves, ", Garegin Nzhdeh") are
    dropped; a piece that is only a parenthesis ("(5/6 days)") qualifies the item before
    it, and a comma piece that continues the one before it (opening with "but"/"which",
    a title such as "1st Earl of ...", a suffix such as "Jr.", or the year after
    "November 26") is joined back to it.
    """
    value = fix_mojibake(strip_controls(value))
    value = _BREAK_TAG.sub("\n", value)
    pieces: list[str] = []
    for line in _BULLET_SPLIT.split(value):
        pieces.extend(_split_top_level_commas(line) if commas else [line])
    items: list[str] = []
    for piece in pieces:
        item = repair_text(piece)
        if not item or not any(char.isalnum() for char in item):
            continue
        if items and _is_parenthetical(item):
            items[-1] = f"{items[-1]} {item}"
            continue
        if items and commas and _continues_previous(items[-1], item):
            items[-1] = f"{items[-1]}, {item}"
            continue
        if commas:
            item = _LEADING_CONJUNCTION.sub("", item)
        items.append(item)
    return items
