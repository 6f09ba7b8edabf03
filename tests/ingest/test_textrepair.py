"""Text repair: each kind of damage the seeds show, on real seed strings and made-up ones."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.paths import CORPUS

from quizgen.ingest import textrepair
from quizgen.ingest.textrepair import (
    fix_mojibake,
    looks_broken,
    repair_text,
    split_items,
    strip_flags,
    tidy_spacing,
)

_WHITESPACE = re.compile(r"\s+")
"""The pattern the whitespace collapsing stands for (its oracle)."""


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("Armenianâ€“Azerbaijani", "Armenian–Azerbaijani"),  # cp1252-style dash
        ("Muzaffer KÄ±lÄ±Ã§", "Muzaffer Kılıç"),
        ("Sir John Oliver Wardropâ€”British", "Sir John Oliver Wardrop—British"),
        ("Edigarovâ€™s cavalry", "Edigarov’s cavalry"),  # curly quote kept as written
        ("GrÃ©gory Doucet", "Grégory Doucet"),
        ("Chardakhlu (Ã‡ardaqlÄ±)", "Chardakhlu (Çardaqlı)"),
        ("Maria SkÅ‚odowska", "Maria Skłodowska"),
    ],
)
def test_mojibake_is_undone(damaged: str, expected: str) -> None:
    assert repair_text(damaged) == expected
    assert not looks_broken(repair_text(damaged))


def test_flag_mojibake_becomes_a_flag_and_is_then_dropped() -> None:
    assert fix_mojibake("ğŸ‡¦ğŸ‡² Armenia") == "\U0001f1e6\U0001f1f2 Armenia"
    assert repair_text("ğŸ‡¦ğŸ‡² Andranik Ozanian") == "Andranik Ozanian"
    assert repair_text("36,000 ğŸ‡¦ğŸ‡¿ 50,000") == "36,000 50,000"


def test_clean_text_is_not_touched_by_ftfy() -> None:
    for clean in ("Zəngəzur ekspedisiyası", "Ærø and Ålesund", "naïve café — “quoted”"):
        assert fix_mojibake(clean) == clean


def test_lost_byte_is_marked_broken_not_guessed() -> None:
    # "Ə" is C6 8F in UTF-8 and 0x8F does not exist in the code page: the byte was lost.
    repaired = repair_text("Badakend (ÆlÉ™sgÉ™rli)")
    assert "ləsgərli" in repaired
    assert "\ufffd" in repaired
    assert looks_broken(repaired)


def test_markdown_emphasis_and_links() -> None:
    assert repair_text("the ship *Evelina* was **armed**") == "the ship Evelina was armed"
    assert repair_text("***both*** and _under_ and __double__") == "both and under and double"
    assert (
        repair_text("snake_case_name stays, 2 * 3 * 4 too")
        == "snake_case_name stays, 2 * 3 * 4 too"
    )
    assert repair_text("see [Baku](https://x.org/Baku_(city)) now") == "see Baku now"
    assert repair_text("[[Karabakh|the region]] and [[Goris]]") == "the region and Goris"


def test_image_lines_and_list_markers() -> None:
    assert repair_text("![Bakuroad](https://x.org/Bakuroad.jpg?)") == ""
    assert repair_text("![a](b.png) Caption text") == "Caption text"
    assert repair_text(" * Armenian- Azerbaijani War") == "Armenian- Azerbaijani War"
    assert repair_text("1. First\n2. Second") == "First Second"


def test_space_before_punctuation_and_empty_items() -> None:
    assert repair_text("Yusifbeyli , however, placed") == "Yusifbeyli, however, placed"
    assert repair_text("on 10 December 1815 .") == "on 10 December 1815."
    assert repair_text("Shikhlinski, , , Levestam") == "Shikhlinski, Levestam"
    assert repair_text(", Garegin Nzhdeh") == "Garegin Nzhdeh"
    assert repair_text("Artillerymen ... made") == "Artillerymen ... made"
    assert repair_text("a flag ( ğŸ‡¹ğŸ‡· ) gone") == "a flag gone"


def test_controls_and_terminal_escapes_are_stripped() -> None:
    assert repair_text("\x1b[1;31mRed\x1b[0m text") == "Red text"
    assert repair_text("\x1b]0;window title\x07Body\x1b]8;;http://x\x1b\\link") == "Bodylink"
    assert repair_text("bell\x07 nul\x00 del\x7f c1\x85 zw\u200bsp") == "bell nul del c1 zwsp"
    assert repair_text("tabs\tand\n\nnewlines  collapse") == "tabs and newlines collapse"


def test_html_entities_and_tags() -> None:
    assert repair_text("Tom &amp; Jerry<ref>cite</ref> <small>(b. 1940)</small>") == (
        "Tom & Jerry (b. 1940)"
    )
    assert repair_text("line<br/>break") == "line break"


@pytest.mark.parametrize(
    "text",
    [
        "still [[wiki]] markup",
        "{{convert|5|km}}",
        "![img](x.png",
        "**half bold",
        "a | b",
        "<div>x</div>",
        "lost \ufffd byte",
        "ctrl \x01 char",
        "Ã© left over",
        "â€“ left over",
    ],
)
def test_looks_broken(text: str) -> None:
    assert looks_broken(text)


@pytest.mark.parametrize(
    "text", ["Muzaffer Kılıç", "60,000 (6,000 mobilized guards)", "3/4–9 November 1919", "Ærø"]
)
def test_clean_text_does_not_look_broken(text: str) -> None:
    assert not looks_broken(text)


@pytest.mark.parametrize(
    ("value", "items"),
    [
        (
            "Javad bey Shikhlinski, , , Vladimir Levestam, Halil Kut",
            ["Javad bey Shikhlinski", "Vladimir Levestam", "Halil Kut"],
        ),
        (", Garegin Nzhdeh, Misha Iskhanian", ["Garegin Nzhdeh", "Misha Iskhanian"]),
        ("60,000 (6,000 mobilized guards)", ["60,000 (6,000 mobilized guards)"]),
        ("1,500–5,500", ["1,500–5,500"]),
        ("3/4–9 November 1919 , (5/6 days)", ["3/4–9 November 1919 (5/6 days)"]),
        ("Paris (France, EU), Lyon", ["Paris (France, EU)", "Lyon"]),
        (
            "Tiflis Agreement was signed, but fighting continued",
            ["Tiflis Agreement was signed, but fighting continued"],
        ),
        (
            "November 26, 1942 (New York City), January 23, 1943",
            ["November 26, 1942 (New York City)", "January 23, 1943"],
        ),
        ("William King-Noel, 1st Earl of Lovelace", ["William King-Noel, 1st Earl of Lovelace"]),
        (
            "Martin Luther King, Jr., Coretta Scott King",
            ["Martin Luther King, Jr.", "Coretta Scott King"],
        ),
        ("Tom Hanks, Meg Ryan, and Bill Pullman", ["Tom Hanks", "Meg Ryan", "Bill Pullman"]),
        ("A • B • C", ["A", "B", "C"]),
    ],
)
def test_split_items_comma_lists(value: str, items: list[str]) -> None:
    assert split_items(value) == items


def test_split_items_lines_and_bullets_without_commas() -> None:
    value = "ğŸ‡¦ğŸ‡¿ Azerbaijan\n\nOttoman Empire\n* Republic of Aras (1918â€“1919)"
    assert split_items(value, commas=False) == [
        "Azerbaijan",
        "Ottoman Empire",
        "Republic of Aras (1918–1919)",
    ]
    prose = "the Caucasus campaign of World War I, the southern front"
    assert split_items(prose, commas=False) == [prose]
    assert split_items("\n\n*\n ğŸ‡¹ğŸ‡· \n", commas=False) == []


@pytest.mark.parametrize("path", ["a/economy-of-angola.md", "b/economy-of-angola.txt"])
def test_sao_typed_with_a_macron_is_read_as_sao(path) -> None:
    """Both corpus formats carry "Sāo Paulo de Loanda" (a macron for the tilde)."""
    from quizgen.ingest.readers import parse_article

    source = CORPUS / path
    article = parse_article(source.read_text(encoding="utf-8"), str(source))
    prose = " ".join(p for section in article.sections for p in section.paragraphs)
    assert "Sāo" not in prose
    assert "São Paulo de Loanda" in prose
    assert repair_text("Sāo Tomé and Sāo Paulo") == "São Tomé and São Paulo"


@pytest.mark.parametrize("codec", ["sloppy-windows-1254", "sloppy-windows-1252"])
def test_the_telltale_characters_are_those_ftfy_s_code_pages_show(codec: str) -> None:
    import ftfy  # noqa: F401 - registers the sloppy codecs

    from quizgen.ingest.textrepair import _decoded

    for byte_values in (range(0x80, 0xC0), range(0xC2, 0xE0), range(0xE0, 0xF0), range(0xF0, 0xF5)):
        shown = {bytes([value]).decode(codec) for value in byte_values}
        assert _decoded(byte_values, codec) == {c for c in shown if not "\x80" <= c <= "\x9f"}


def test_plain_ascii_text_imports_no_ftfy() -> None:
    import subprocess
    import sys

    script = (
        "import sys; from quizgen.ingest.textrepair import repair_text, looks_broken;"
        "text = repair_text('In 1998 the **club** moved to Oslo.');"
        "assert not looks_broken(text) and not looks_broken('caf\\u00e9');"
        "print('ftfy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the gated spacing steps change nothing ---------------------------------------------------

_SPACING_ALPHABET = st.sampled_from(
    [
        " ",
        "  ",
        "\t",
        "\n",
        "\xa0",
        "\u2009",
        "\u3000",
        "\x1c",
        "\x85",
        ",",
        ";",
        ":",
        ".",
        "..",
        "!",
        "?",
        "(",
        ")",
        "[",
        "]",
        "a",
        "B",
        "é",
        "🇫🇷",
        "🏴",
        "\U000e0067",
        "x y",
    ]
)


def _tidy_spacing_by_patterns(text: str) -> str:
    """tidy_spacing as every pattern applied in turn, ungated."""
    text = _WHITESPACE.sub(" ", text)
    text = textrepair._SPACE_AFTER_OPEN.sub(r"\1", text)
    text = textrepair._EMPTY_PARENS.sub("", text)
    text = textrepair._SPACE_BEFORE_PUNCT.sub("", text)
    text = textrepair._REPEATED_COMMAS.sub(",", text)
    text = textrepair._EDGE_COMMAS.sub("", text)
    return _WHITESPACE.sub(" ", text).strip()


@given(st.lists(_SPACING_ALPHABET, max_size=24).map("".join))
def test_tidy_spacing_is_its_patterns_applied_in_turn(text):
    assert tidy_spacing(text) == _tidy_spacing_by_patterns(text)
    assert textrepair._collapse_whitespace(text) == _WHITESPACE.sub(" ", text)


@given(st.text())
def test_tidy_spacing_of_any_text_is_its_patterns_applied_in_turn(text):
    assert tidy_spacing(text) == _tidy_spacing_by_patterns(text)


@given(st.lists(_SPACING_ALPHABET, max_size=12).map("".join))
def test_strip_flags_skips_only_text_without_flags(text):
    assert strip_flags(text) == textrepair._LONE_REGIONAL.sub("", textrepair._FLAG.sub("", text))


@given(
    st.lists(
        st.sampled_from([" ", "\t", "\n", "*", "+", "-", "•", "1", "12", "1234", ".", ")", "a"]),
        max_size=10,
    ).map("".join)
)
def test_list_markers_are_stripped_as_their_pattern_strips_them(text):
    assert textrepair._strip_list_markers(text) == textrepair._LIST_MARKER.sub("", text)
