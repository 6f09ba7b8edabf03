"""A literal-gated pattern answers as its pattern does: it only skips text no match fits."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quizgen.cards.distractors
import quizgen.facts.dates
import quizgen.ingest.textrepair
import quizgen.phrasing.dated_gates
import quizgen.phrasing.dated_questions  # noqa: F401  (their gated patterns are checked)
from quizgen.core.literal_gate import FOLDS_INTO_ASCII, LiteralGated, gated, required_literals

_EVERY_CHARACTER = "".join(
    chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code < 0xE000
)


def _package_gates() -> list[tuple[str, LiteralGated]]:
    return [
        (f"{module}.{name}", value)
        for module, loaded in sorted(sys.modules.items())
        if module.startswith("quizgen")
        for name, value in vars(loaded).items()
        if isinstance(value, LiteralGated)
    ]


def test_the_package_gates_its_hot_patterns_and_each_has_literals():
    gates = _package_gates()
    assert len(gates) >= 20
    assert all(gate.literals for _, gate in gates)


def test_only_four_characters_beyond_ascii_match_an_ascii_letter_ignoring_case():
    found = {
        char
        for letter in "abcdefghijklmnopqrstuvwxyz"
        for char in re.findall(letter, _EVERY_CHARACTER, re.IGNORECASE)
        if not char.isascii()
    }
    assert found == set(FOLDS_INTO_ASCII)


def test_the_non_ascii_characters_of_gate_literals_match_only_themselves_ignoring_case():
    chars = {
        char
        for _, gate in _package_gates()
        if gate.compiled.flags & re.IGNORECASE
        for literal in gate.literals
        for char in literal
        if not char.isascii()
    }
    for char in chars:
        assert re.findall(re.escape(char), _EVERY_CHARACTER, re.IGNORECASE) == [char]


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\bcolou?r\b", 0, ("colo",)),
        (r"\b(?:war|battle)s?\b", re.IGNORECASE, ("battle", "war")),
        (r"\d+(?:st|nd)", 0, ("nd", "st")),
        (r"(?:a|)b?", 0, None),
        (r"\d+|[A-Z]", 0, None),
        (r"(?i:abc)", 0, None),
        (r"x*y{0,2}", 0, None),
        (r"(?:ab){2,}", 0, ("ab",)),
    ],
)
def test_required_literals(pattern, flags, expected):
    assert required_literals(re.compile(pattern, flags)) == expected


_ATOMS = ["a", "b", "K", "s", "i", "°", "é", "ab", "[ab]", ".", r"\d", r"\b", r"\s", "[^a]"]


def _regexes():
    atoms = st.sampled_from(_ATOMS)
    return st.recursive(
        atoms,
        lambda inner: st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map(lambda pair: f"(?:{pair[0]}|{pair[1]})"),
            inner.map(lambda body: f"({body})"),
            st.tuples(inner, st.sampled_from(["*", "+", "?", "{2}", "{0,2}", "+?"])).map(
                lambda pair: f"(?:{pair[0]}){pair[1]}"
            ),
            inner.map(lambda body: f"(?={body})"),
        ),
        max_leaves=6,
    )


_TEXT = st.lists(
    st.sampled_from(
        ["a", "A", "b", "B", "k", "K", "\u212a", "s", "S", "\u017f", "i", "I", "\u0130", "\u0131"]
        + ["°", "é", "É", " ", "1", "ab", "AB"]
    ),
    max_size=8,
).map("".join)


@settings(max_examples=400)
@given(_regexes(), st.sampled_from([0, re.IGNORECASE]), st.lists(_TEXT, min_size=1, max_size=8))
def test_a_gate_never_skips_text_its_pattern_matches(pattern, flags, texts):
    gate = gated(pattern, flags)
    for text in texts:
        if not gate.may_match(text):
            assert gate.compiled.search(text) is None, (pattern, flags, text)


@st.composite
def _text_for(draw, gate: LiteralGated) -> str:
    pieces = list(gate.literals or ("",))
    cased = st.sampled_from(pieces).map(
        lambda literal: draw(st.sampled_from([literal, literal.upper(), literal.title()]))
    )
    noise = st.sampled_from([" ", ",", ".", "1", "2020", "x", "the ", "(", ")", *FOLDS_INTO_ASCII])
    return "".join(draw(st.lists(st.one_of(cased, noise), max_size=6)))


@pytest.mark.parametrize(("name", "gate"), _package_gates(), ids=lambda value: str(value)[:40])
@settings(max_examples=60)
@given(data=st.data())
def test_each_package_gate_answers_as_its_pattern(name, gate, data):
    text = data.draw(_text_for(gate))
    plain = gate.compiled
    assert [m.span() for m in gate.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert (gate.search(text) is None) == (plain.search(text) is None)
    assert (gate.match(text) is None) == (plain.match(text) is None)
    assert gate.sub("#", text) == plain.sub("#", text)
    assert gate.findall(text) == plain.findall(text)
