"""Readers on both seeds, on synthetic articles of each format, and on bad input."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import paths

from quizgen.core.models import Article
from quizgen.ingest.readers import (
    READERS,
    ReaderError,
    iter_seed_files,
    parse_article,
    read_article,
)
from quizgen.ingest.textrepair import looks_broken

ROOT = paths.ROOT
SEED_A = ROOT / "seeds" / "000_37278cb000c3874b.txt"
SEED_B = ROOT / "seeds" / "004_bced1e418d70c154.txt"
ARTICLES = paths.FIXTURES / "articles"
BAD = paths.FIXTURES / "bad"
LEFTOVER_MOJIBAKE = re.compile("Ã|â€|Ä|Å|ğŸ|Â")


def fields_of(article: Article) -> dict[str, tuple[str, ...]]:
    return {f.key: f.items for infobox in article.infoboxes for f in infobox.fields}


def all_text(article: Article) -> list[str]:
    texts = [article.title, article.short_description]
    for infobox in article.infoboxes:
        for f in infobox.fields:
            texts += [f.text, *f.items, *f.links]
    for section in article.sections:
        texts += [*section.path, *section.paragraphs]
    return texts


# --- seed A: YAML front matter + Markdown, mojibake ------------------------------------------


@pytest.fixture(scope="module")
def seed_a() -> Article:
    return read_article(SEED_A)


@pytest.fixture(scope="module")
def seed_b() -> Article:
    return read_article(SEED_B)


def test_seed_a_identity(seed_a: Article) -> None:
    assert seed_a.format == "frontmatter-markdown"
    assert seed_a.title == "Armenian–Azerbaijani war (1918–1920)"
    assert seed_a.short_description == "1918-20 conflict between Armenia and Azerbaijan"
    assert seed_a.source_path == str(SEED_A)
    assert seed_a.content_hash == hashlib.sha256(SEED_A.read_bytes()).hexdigest()


def test_seed_a_every_infobox_field(seed_a: Article) -> None:
    assert len(seed_a.infoboxes) == 1
    assert fields_of(seed_a) == {
        "conflict": ("Armenian–Azerbaijani war",),
        "partof": (
            "the Caucasus campaign of World War I, the southern front of the Russian Civil War "
            "and the Turkish–Armenian War",
        ),
        "date": ("30 March 1918 – 28 November 1920",),
        "place": ("the South Caucasus",),
        "territory": (
            "Disputes over Karabakh and Nakhchivan settled in favor of Soviet Azerbaijan",
            "Most of Zangezur gained by Soviet Armenia",
        ),
        "result": (
            "Inconclusive; Soviet invasion of Armenia and Azerbaijan and subsequent victory",
            "Sovietization of Armenia and Azerbaijan",
        ),
        "combatant1": ("Armenia", "Armenian militias"),
        "combatant2": ("Azerbaijan", "Ottoman Empire", "Republic of Aras (1918–1919)"),
        "combatant3": (
            "Russian SFSR",
            "Azeri communists",
            "Armenian communists",
            "Turkish revolutionaries",
        ),
        "commander1": ("Andranik Ozanian", "Drastamat Kanayan", "Hamazasp Srvandztyan"),
        "commander2": (
            "Samedbey Mehmandarov",
            "Khosrov bey Sultanov",
            "Cevat Pasha",
            "Jafargulu Khan Nakhchivanski",
        ),
        "commander3": ("Anatoliy Gekker", "Boris Kamkov", "Ivan Tyulenev", "Muzaffer Kılıç"),
        "strength1": ("60,000 (6,000 mobilized guards)",),
        "strength2": ("36,000 50,000 10,000",),
        "strength3": ("70,000 13,000",),
    }


def test_seed_a_links_skip_flags_and_undefined(seed_a: Article) -> None:
    assert seed_a.field("combatant1").links == ("First Republic of Armenia",)
    assert seed_a.field("combatant3").links == (
        "Azerbaijan Communist Party (1920)",
        "Communist Party of Armenia (Soviet Union)",
        "Turkish National Movement",
    )
    assert seed_a.field("commander3").links[-1] == "Muzaffer Kılıç"
    assert seed_a.field("partof").links[-1] == "Turkish–Armenian War"
    assert seed_a.field("strength2").links == ()
    assert seed_a.field("combatant2").label == "combatant2"
    assert seed_a.field("result").text == (
        "Inconclusive; Soviet invasion of Armenia and Azerbaijan and subsequent victory; "
        "Sovietization of Armenia and Azerbaijan"
    )


def test_seed_a_sections(seed_a: Article) -> None:
    assert [section.path for section in seed_a.sections] == [
        (),
        ("War proper",),
        ("War proper", "Fight for Baku and Karabakh, 1918–19"),
        ("War proper", "Fight for Nakhichevan, 1919–20"),
        ("War proper", "Fight for Zangezur, November 1919"),
        ("War proper", "Fight for Karabakh, early 1920"),
        ("War proper", "Fight for Kazakh, early 1920"),
        ("War proper", "Sovietization of Azerbaijan, April 1920"),
        ("War proper", "Soviet takeover, May 1920"),
        ("War proper", "End of hostilities, September–November 1920"),
        ("Aftermath",),
        ("Aftermath", "Sovietization of Armenia, December 1920"),
        ("Aftermath", "Treaty of Kars, 23 October 1921"),
    ]
    lead = seed_a.sections[0].paragraphs
    assert len(lead) == 3
    assert lead[0].startswith("The Armenian-Azerbaijani war (1918–1920) was a conflict")
    war = seed_a.sections[1].paragraphs
    assert war[0].startswith("On 30 March, the Soviets")
    assert "the ship Evelina was armed" in war[0]
    karabakh = seed_a.sections[5].paragraphs[0]
    assert karabakh.startswith("The largest escalation of the Armenian-Azerbaijani conflict")
    assert seed_a.sections[-1].paragraphs[-1].endswith("Batumi to Georgia.")


def test_seed_a_no_leftover_mojibake_or_markup(seed_a: Article) -> None:
    texts = all_text(seed_a)
    assert not [text for text in texts if LEFTOVER_MOJIBAKE.search(text)]
    assert not [text for text in texts if "![" in text or "](" in text or "**" in text]
    # Two words lost a byte of UTF-8 for good (Ə and Ş); only their paragraphs look broken.
    broken = [text for text in texts if looks_broken(text)]
    assert len(broken) == 2
    assert all("\ufffd" in text for text in broken)
    assert "Tatlu (Tatlı)" in " ".join(texts)


# --- seed B: plain wiki --------------------------------------------------------------------


def test_seed_b_identity(seed_b: Article) -> None:
    assert seed_b.format == "plain-wiki"
    assert seed_b.title == "Zangezur Expedition"
    assert seed_b.short_description == ""
    assert seed_b.content_hash == hashlib.sha256(SEED_B.read_bytes()).hexdigest()


def test_seed_b_every_infobox_field(seed_b: Article) -> None:
    assert len(seed_b.infoboxes) == 1
    assert fields_of(seed_b) == {
        "conflict": ("Zangezur Expedition or Battle of Zangezur",),
        "partof": ("the Armenian-Azerbaijani War during the Caucasus campaign of World War I",),
        "date": ("3/4–9 November 1919 (5/6 days)",),
        "place": ("Zangezur uezd",),
        "result": (
            "Status quo ante bellum",
            "Withdrawal of Azerbaijani troops following Armenian counteroffensive.",
            "Tiflis Agreement was signed, but military actions and ethnic cleansings "
            "continued despite the agreement.",
        ),
        "combatant1": ("Azerbaijan", "Turkish platoons", "Auxiliary Kurdish cavalry"),
        "combatant2": ("Armenia",),
        "commander1": ("Javad bey Shikhlinski", "Vladimir Levestam", "Halil Kut"),
        "commander2": ("Garegin Nzhdeh", "Misha Iskhanian"),
        "strength1": ("1,500–5,500",),
        "strength2": ("Unknown",),
        "casualties1": (
            "45 killed",
            "75 wounded (according to Azerbaijani sources) Several hundreds "
            "(according to Armenian sources)",
        ),
        "casualties2": ("Unknown",),
    }
    assert seed_b.field("combatant1").label == "Combatant1"
    assert seed_b.field("date").text == "3/4–9 November 1919, (5/6 days)"
    assert seed_b.field("commander1").text == "Javad bey Shikhlinski, Vladimir Levestam, Halil Kut"


def test_seed_b_sections(seed_b: Article) -> None:
    paths = [section.path for section in seed_b.sections]
    assert paths == [(), ("Background",), ("Military operations",), ("Aftermath",)]
    assert (
        seed_b.sections[0]
        .paragraphs[0]
        .startswith("Zangezur Expedition (Azerbaijani: Zəngəzur ekspedisiyası)")
    )
    assert seed_b.sections[1].paragraphs[0].startswith("In 1917, following the Russian Revolution")
    aftermath = " ".join(seed_b.sections[3].paragraphs)
    assert "Yusifbeyli, however, placed responsibility" in aftermath
    assert not [text for text in all_text(seed_b) if looks_broken(text)]


# --- synthetic articles --------------------------------------------------------------------


def test_person_format_a_with_mojibake_flags_and_bad_parts() -> None:
    article = read_article(ARTICLES / "person_curie.md")
    assert article.title == "Marie Curie"
    assert article.short_description == "Polish-French physicist and chemist (1867–1934)"
    assert fields_of(article) == {
        "name": ("Maria Salomea Skłodowska",),
        "birth_date": ("7 November 1867",),
        "birth_place": ("Warsaw, Congress Poland", "Russian Empire"),
        "occupation": ("Physicist", "Chemist"),
        "spouse": ("Pierre Curie (m. 1895)",),
        "awards": ("1903",),  # a YAML number is read as its text; a YAML list is skipped
    }
    assert article.field("birth_date").label == "Birth date"
    assert article.field("birth_place").links == ("Warsaw", "Congress Poland")
    assert article.field("spouse").links == ("Pierre Curie",)  # external link dropped
    assert [section.path for section in article.sections] == [
        (),
        ("Early life",),
        ("Early life", "Paris"),
    ]  # "# Marie Curie" is the title, not a section; See also/References are gone
    assert (
        article.sections[0]
        .paragraphs[0]
        .startswith("Marie Curie (born Maria Skłodowska, 7 November 1867 – 4 July 1934) was")
    )
    assert article.sections[1].paragraphs == (
        "She was born in Warsaw, the fifth child of teachers. Her father taught mathematics.",
        "She studied at the Flying University.",
    )


def test_city_format_a_infoboxes_as_a_single_mapping() -> None:
    article = read_article(ARTICLES / "city_lyon.txt")
    assert fields_of(article) == {
        "country": ("France",),
        "population": ("522,250 (2019)",),
        "mayor": ("Grégory Doucet (EELV)",),
    }
    assert article.field("country").links == ("France",)
    assert article.sections[0].paragraphs[0].endswith("of the Rhône and Saône.")
    assert [section.path for section in article.sections] == [
        (),
        ("History",),
        ("Geography",),
        ("Geography", "Climate"),
    ]


def test_company_format_a_two_infoboxes_bullets_and_tables() -> None:
    article = read_article(ARTICLES / "company_nokia.md")
    assert len(article.infoboxes) == 2
    assert article.field("founder").items == ("Fredrik Idestam", "Leo Mechelin", "Eduard Polón")
    assert article.field("headquarters").items == ("Espoo, Finland",)
    assert article.infoboxes[1].keys() == ["subsidiaries"]
    assert article.field("subsidiaries").items == ("Nokia Bell Labs", "Nokia Technologies")
    assert article.sections[-1].path == ("History",)
    assert article.sections[-1].paragraphs == ("Nokia began as a pulp mill.",)


def test_person_format_b() -> None:
    article = read_article(ARTICLES / "person_lovelace.txt")
    assert article.format == "plain-wiki"
    assert article.title == "Ada Lovelace"
    assert fields_of(article) == {
        "name": ("Augusta Ada King, Countess of Lovelace",),
        "birth_date": ("10 December 1815",),
        "birth_place": ("London, England",),
        "occupation": ("Mathematician", "writer"),
        "spouse": ("William King-Noel, 1st Earl of Lovelace (m. 1835)",),
        "children": (
            "Byron King-Noel",
            "Anne Blunt, 15th Baroness Wentworth",
            "Ralph King-Milbanke",
        ),
    }
    assert [section.path for section in article.sections] == [
        (),
        ("Biography", "Childhood"),
        ("Biography", "Adult years"),
        ("Work",),
    ]
    assert article.sections[1].paragraphs == (
        "Lovelace was born on 10 December 1815, the only legitimate child of Lord Byron.",
    )
    assert article.sections[2].paragraphs == (
        "In 1835 she married William King. She had three children.",
    )
    assert article.sections[3].paragraphs == ("Notes on the Analytical Engine (1843)",)


def test_film_format_b_with_continuation_line() -> None:
    article = read_article(ARTICLES / "film_casablanca.txt")
    assert article.title == "Casablanca (film)"
    assert article.field("directed_by").items == ("Michael Curtiz",)
    assert article.field("starring").items == ("Humphrey Bogart", "Ingrid Bergman", "Paul Henreid")
    assert article.field("release_date").items == (
        "November 26, 1942 (New York City)",
        "January 23, 1943 (United States)",
    )
    assert article.field("budget").items == ("$878,000–$1,039,000",)
    assert article.field("box_office").items == ("$3.7 million", "$6.9 million (re-release)")
    assert [section.path for section in article.sections] == [
        (),
        ("Plot",),
        ("Production", "Writing"),
        ("Reception",),
    ]


def test_city_format_b_infobox_with_kind() -> None:
    article = read_article(ARTICLES / "city_tbilisi.txt")
    assert fields_of(article) == {
        "country": ("Georgia",),
        "population": ("1,202,731 (2024)",),
        "mayor": ("Kakha Kaladze",),
        "founded": ("5th century",),
    }


def test_bom_and_crlf() -> None:
    raw = (ARTICLES / "company_crlf_bom.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    article = read_article(ARTICLES / "company_crlf_bom.txt")
    assert article.title == "Windows File"
    assert article.field("founder").items == ("Bill Gates", "Paul Allen")
    assert article.field("headquarters").items == ("Redmond, Washington",)
    assert article.sections[1].paragraphs == ("It was written on Windows.",)
    assert article.content_hash == hashlib.sha256(raw).hexdigest()


def test_legacy_cp1252_bytes_are_read_when_they_make_sense() -> None:
    article = read_article(ARTICLES / "legacy_cp1252.txt")
    assert article.title == "Café Society"
    assert "Greenwich Village — the first" in article.sections[0].paragraphs[0]


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("= Ünïcode =\n\nSome text.\n".encode("utf-16"))
    assert read_article(path).title == "Ünïcode"


def test_title_only_is_an_article_without_content(tmp_path: Path) -> None:
    path = tmp_path / "title.txt"
    path.write_text("= Lonely Title =\n")
    article = read_article(path)
    assert (article.title, article.infoboxes, article.sections) == ("Lonely Title", (), ())


def test_parse_article_dispatches_on_content() -> None:
    a = parse_article("---\ntitle: X\n---\nBody *text*.\n")
    b = parse_article("= Y =\nBody text.\n")
    assert (a.format, a.title, a.sections[0].paragraphs) == (
        "frontmatter-markdown",
        "X",
        ("Body text.",),
    )
    assert (b.format, b.title, b.source_path) == ("plain-wiki", "Y", "<text>")
    assert {reader.FORMAT for reader in READERS} == {"frontmatter-markdown", "plain-wiki"}


def test_terminal_escapes_in_body_are_stripped() -> None:
    article = parse_article("= T =\nRed \x1b[31malert\x1b[0m here.\n")
    assert article.sections[0].paragraphs == ("Red alert here.",)


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("whitespace.txt", "only whitespace"),
        ("binary.txt", "not UTF-8 text (binary?)"),
        ("undecodable.txt", "not UTF-8 text (binary?)"),
        ("broken_yaml.txt", "broken YAML front matter"),
        ("not_mapping.txt", "front matter is not a mapping"),
        ("unclosed.txt", "front matter is not closed"),
        ("no_title.txt", "no title"),
        ("unrecognized.txt", "unrecognized format"),
        ("python_tag.txt", "broken YAML front matter"),
        ("alias_bomb.txt", "alias"),
    ],
)
def test_bad_files_raise_one_line_reader_error(name: str, reason: str) -> None:
    with pytest.raises(ReaderError) as error:
        read_article(BAD / name)
    message = str(error.value)
    assert reason in message
    assert "\n" not in message


def test_many_aliases_are_refused(tmp_path: Path) -> None:
    body = "\n".join(f"k{i}: *a" for i in range(1001))
    path = tmp_path / "aliases.txt"
    path.write_text(f"---\nbase: &a x\n{body}\ntitle: T\n---\nText.\n")
    with pytest.raises(ReaderError, match="more than 1000 YAML aliases"):
        read_article(path)


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(ReaderError, match="file too large"):
        read_article(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="file not found"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ReaderError, match="is a directory"):
        read_article(tmp_path)


def test_wrong_infobox_types_are_skipped() -> None:
    article = parse_article("---\ntitle: T\ninfoboxes: 42\n---\nText.\n")
    assert article.infoboxes == ()
    article = parse_article("---\ntitle: T\ninfoboxes: [[1, 2], {a: {text: [x]}}, {b: {}}]\n---\n")
    assert article.infoboxes == ()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("-=#*:[]{}!|&\n ab\x1b\x00é\ufeffâ€ğŸ:\t"))))
def test_any_text_gives_an_article_or_a_reader_error(text: str) -> None:
    for candidate in (text, "---\n" + text, "= T =\n" + text):
        try:
            assert isinstance(parse_article(candidate), Article)
        except ReaderError as error:
            assert str(error) and "\n" not in str(error)


# --- finding seed files ------------------------------------------------------------------------


def test_iter_seed_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.md").write_text("= B =\n")
    (tmp_path / "a.txt").write_text("= A =\n")
    (tmp_path / "c.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text("= H =\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("= G =\n")
    os.symlink(tmp_path, tmp_path / "b" / "loop")  # a folder that contains itself
    os.symlink(tmp_path / "a.txt", tmp_path / "b" / "same.txt")
    given_file = tmp_path / "c.json"
    found = list(iter_seed_files([tmp_path, given_file, tmp_path / "missing.txt"]))
    assert [path.relative_to(tmp_path).as_posix() for path in found] == [
        "a.txt",
        "b/2.md",
        "c.json",
        "missing.txt",
    ]


def test_iter_seed_files_on_the_real_seeds() -> None:
    assert list(iter_seed_files([ROOT / "seeds"])) == [SEED_A, SEED_B]
