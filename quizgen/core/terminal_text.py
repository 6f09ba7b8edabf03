"""Text from a seed shown on a terminal as plain text, never as instructions to it.

A title or a deck name can hold anything a file holds: ESC sequences (colours, an
OSC 8 hyperlink, a cleared screen), C1 controls, right-to-left overrides that make
the rest of a line read backwards (U+202E, the "Trojan Source" trick), and, from a
file name that is not UTF-8, lone surrogates a UTF-8 terminal cannot even encode.
`printable` shows each of them as its escape (`\\x1b`, `\\u202e`) so a person sees
what is there and the terminal obeys none of it. Rich markup is the other half:
the commands and the app hand such text to Rich as `Text`, never as markup.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Arabic letter mark, LRM/RLM, the embeddings and overrides, and the isolates."""

_ESCAPES: dict[int, str] = {
    **{code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]},
    **{ord(char): f"\\u{ord(char):04x}" for char in BIDI_CONTROLS},
}
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` safe to print on one terminal line, every control shown, none obeyed."""
    escaped = text.translate(_ESCAPES)
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", escaped)
