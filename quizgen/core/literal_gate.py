"""Skip a regular expression on text that cannot match it, by the literals every match holds.

Python's `re` tries a pattern such as `\\b(?:census|per capita|survey(?:ed)?|...)\\b` with
IGNORECASE at every position of the text: tens of microseconds a sentence, and the dated
gates ask a dozen such patterns of every sentence. Most sentences hold none of the words,
and a handful of `str` substring tests say so in a few microseconds.

`LiteralGated` wraps a compiled pattern. From the pattern's own parse it finds a set of
strings such that every match contains one of them (a run of literal characters every
match passes through, or one such run per branch of an alternation); text that contains
none of them is answered without running the pattern. The answer is the pattern's in
every case, by construction:

- a literal run inside a sequence is matched character by character, so a match holds
  it contiguously (a small class such as "[Cc]" makes one run per character); an item
  repeated at least once holds its body's run; every branch of an alternation must
  supply one of its own;
- with IGNORECASE, a run is only built from ASCII characters and characters without
  case, and the text is lower-cased before the test: an ASCII letter of the pattern
  matches only the two ASCII cases of itself, except for "İ", "ı", "ſ" and the Kelvin
  sign (re's case-insensitive equivalences, checked over every code point in the tests),
  so text holding one of those is always given to the pattern;
- whatever the parse holds that is not understood here (a flag group, a back reference)
  contributes no literal, and a pattern with no usable literal is never skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

FOLDS_INTO_ASCII = "\u0130\u0131\u017f\u212a"
"""The non-ASCII characters that re's IGNORECASE matches against ASCII letters ("İ" and
"ı" for i, "ſ" for s, the Kelvin sign for k); lower-casing does not map all of them to
the letter they match, so text holding one skips no pattern."""

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of `pattern` contains (lower-cased when the pattern
    ignores case), or None when the parse gives no such set."""
    if not isinstance(pattern.pattern, str):
        return None
    ignorecase = bool(pattern.flags & re.IGNORECASE)
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    found = _needed(list(parsed), ignorecase)
    if not found or "" in found:
        return None
    return tuple(sorted(found))


def _usable(char: str, ignorecase: bool) -> bool:
    if not ignorecase or char.isascii():
        return True
    return char.lower() == char == char.upper()  # no case: re matches it as itself


_MAX_CLASS = 4
"""A character class of at most this many plain characters ("[Cc]") continues a run as
one run per character; a larger one ends it."""
_MAX_RUNS = 64


def _spellings(op: object, value: object, ignorecase: bool) -> list[str] | None:
    """Every string a parsed item can match, when it only matches a few fixed strings: a
    usable literal, a small class of them ("[Cc]"), or a group or alternation of such
    sequences (re factors "c.|ca.|circa" into "c" then ".|a.|irca"); lower-cased when case
    is ignored. None for anything else."""
    if op is sre.LITERAL:
        members = [chr(value)]  # type: ignore[arg-type]
    elif op is sre.IN and all(kind is sre.LITERAL for kind, _ in value):  # type: ignore[attr-defined]
        members = [chr(code) for _, code in value]  # type: ignore[attr-defined]
    elif op is sre.SUBPATTERN and not value[1] and not value[2]:  # type: ignore[index]
        return _sequence_spellings(list(value[3]), ignorecase)  # type: ignore[index]
    elif op is sre.BRANCH:
        found: set[str] = set()
        for body in value[1]:  # type: ignore[index]
            spelled = _sequence_spellings(list(body), ignorecase)
            if spelled is None:
                return None
            found.update(spelled)
        return sorted(found) if len(found) <= _MAX_RUNS else None
    else:
        return None
    if len(members) > _MAX_CLASS or not all(_usable(char, ignorecase) for char in members):
        return None
    return sorted({char.lower() if ignorecase else char for char in members})


def _sequence_spellings(items: list, ignorecase: bool) -> list[str] | None:
    """Every string a sequence of fixed-string items can match, or None."""
    spelled = [""]
    for op, value in items:
        options = _spellings(op, value, ignorecase)
        if options is None or len(spelled) * len(options) > _MAX_RUNS:
            return None
        spelled = [start + option for start in spelled for option in options]
    return spelled if all(spelled) else None


def _needed(items: list, ignorecase: bool) -> frozenset[str] | None:
    """For a sequence of parsed items: strings one of which any match of it contains."""
    candidates: list[frozenset[str]] = []
    runs: list[str] = []  # the literal run so far, one string per way of spelling it

    def end_run() -> None:
        if runs:
            candidates.append(frozenset(runs))
            runs.clear()

    for op, value in items:
        chars = _spellings(op, value, ignorecase)
        if chars is not None and len(runs or [""]) * len(chars) <= _MAX_RUNS:
            runs[:] = [run + char for run in (runs or [""]) for char in chars]
            continue
        end_run()
        if chars is not None:  # too many spellings to follow: start a new run with it
            runs[:] = chars
            continue
        inner: frozenset[str] | None = None
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, body = value
            if not add_flags and not del_flags:
                inner = _needed(list(body), ignorecase)
        elif op is sre.BRANCH:
            branches = [_needed(list(body), ignorecase) for body in value[1]]
            if all(branches):
                inner = frozenset().union(*branches)
        elif op in _REPEATS:
            low, _high, body = value
            if low >= 1:
                inner = _needed(list(body), ignorecase)
        if inner:
            candidates.append(inner)
    end_run()
    if not candidates:
        return None
    return max(candidates, key=lambda found: (min(map(len, found)), -len(found)))


class LiteralGated:
    """A compiled pattern whose `search`, `match`, `fullmatch`, `sub`, `findall` and
    `finditer` skip text holding none of the literals every match needs (see the module
    docstring); every answer is the pattern's. Anything else (`pattern`, `flags`, `split`)
    is the compiled pattern's own."""

    __slots__ = ("compiled", "literals", "_ignorecase")

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.compiled = compiled
        self.literals = required_literals(compiled)
        self._ignorecase = bool(compiled.flags & re.IGNORECASE)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)

    def may_match(self, text: str) -> bool:
        """False only when no match of the pattern can be found in `text` (at any position:
        the test holds for a search from an offset too)."""
        literals = self.literals
        if literals is None:
            return True
        if self._ignorecase:
            if not text.isascii() and any(char in text for char in FOLDS_INTO_ASCII):
                return True
            text = text.lower()
        for literal in literals:  # a loop, not any(): this runs ~25,000 times a build
            if literal in text:
                return True
        return False

    def search(self, text: str, *bounds: int) -> re.Match[str] | None:
        return self.compiled.search(text, *bounds) if self.may_match(text) else None

    def match(self, text: str, *bounds: int) -> re.Match[str] | None:
        return self.compiled.match(text, *bounds) if self.may_match(text) else None

    def fullmatch(self, text: str, *bounds: int) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, *bounds) if self.may_match(text) else None

    def findall(self, text: str, *bounds: int) -> list[Any]:
        return self.compiled.findall(text, *bounds) if self.may_match(text) else []

    def finditer(self, text: str, *bounds: int) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, *bounds) if self.may_match(text) else iter(())

    def sub(
        self, replacement: str | Callable[[re.Match[str]], str], text: str, count: int = 0
    ) -> str:
        if not self.may_match(text):
            return text
        return self.compiled.sub(replacement, text, count)


def gated(pattern: str, flags: int = 0) -> LiteralGated:
    """`re.compile(pattern, flags)`, answering without the pattern where it cannot match."""
    return LiteralGated(re.compile(pattern, flags))
