"""Sentence splitting: abbreviations, initials, quotations and numbers keep sentences whole."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.ingest import sentences
from quizgen.ingest.sentences import split_sentences

_WORD_BEFORE_STOP = re.compile(r"([A-Za-z][A-Za-z.]*)$")
"""The pattern `_word_before_stop` stands for (its oracle)."""


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Gen. Andranik arrived. Lt. Col. Smith left on 3 May. Dr. Sultanov stayed.",
            ["Gen. Andranik arrived.", "Lt. Col. Smith left on 3 May.", "Dr. Sultanov stayed."],
        ),
        (
            "Capt. Ibrahimov and Maj. Reed met Mr. and Mrs. Hale at St. Paul's. They talked.",
            ["Capt. Ibrahimov and Maj. Reed met Mr. and Mrs. Hale at St. Paul's.", "They talked."],
        ),
        (
            "The governor, Lieutenant General W. Thomson, agreed. F. Tredwell Smith passed "
            "through here. J. R. R. Tolkien wrote it.",
            [
                "The governor, Lieutenant General W. Thomson, agreed.",
                "F. Tredwell Smith passed through here.",
                "J. R. R. Tolkien wrote it.",
            ],
        ),
        (
            '"We will fight," he said. "They will lose." The war began.',
            ['"We will fight," he said.', '"They will lose."', "The war began."],
        ),
        (
            'Hovannisian wrote: "The attack failed. Kurds fled. The army withdrew." '
            "Peace followed.",
            [
                'Hovannisian wrote: "The attack failed.',
                "Kurds fled.",
                'The army withdrew."',
                "Peace followed.",
            ],
        ),
        (
            "He joined the U.S. Army in 1918. Output grew by 3.5 percent. It ended.",
            ["He joined the U.S. Army in 1918.", "Output grew by 3.5 percent.", "It ended."],
        ),
        (
            "Workers and peasants... show that you care. The end came... Then silence.",
            ["Workers and peasants... show that you care.", "The end came...", "Then silence."],
        ),
        (
            "They met at 4 p.m. The talks failed. It resumed at 10 a.m. on Monday.",
            ["They met at 4 p.m.", "The talks failed.", "It resumed at 10 a.m. on Monday."],
        ),
        (
            "See No. 5, e.g. the capital, i.e. Moscow, vs. Kyiv. It was built c. 1850 by Sir "
            "John. Goods, tools, etc. were sold.",
            [
                "See No. 5, e.g. the capital, i.e. Moscow, vs. Kyiv.",
                "It was built c. 1850 by Sir John.",
                "Goods, tools, etc. were sold.",
            ],
        ),
        (
            "It ended with World War I. The next war began on Jan. 5, 1939. He left the U.S. "
            "The family stayed.",
            [
                "It ended with World War I.",
                "The next war began on Jan. 5, 1939.",
                "He left the U.S.",
                "The family stayed.",
            ],
        ),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        (
            "The war ended in 1918. 1919 brought famine.",
            ["The war ended in 1918.", "1919 brought famine."],
        ),
        ("First line.\nSecond line without a stop", ["First line.", "Second line without a stop"]),
        ("", []),
    ],
)
def test_split_sentences(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_sentences_rejoin_to_the_paragraph_text():
    paragraph = "Dr. Sultanov wrote on 3 Nov. 1919. The reply came. It was short."
    assert " ".join(split_sentences(paragraph)) == paragraph


@given(
    st.lists(st.sampled_from(["a", "Z", ".", " ", "\n", "1", "é", "-"]), max_size=10).map("".join)
)
def test_the_word_before_a_stop_is_its_pattern(text):
    match = _WORD_BEFORE_STOP.search(text)
    assert sentences._word_before_stop(text) == (match.group(1) if match else "")
