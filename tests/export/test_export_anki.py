"""The .apkg export, read back from the package's own SQLite collection.

How Anki itself reads the package (note types, suspension, scheduling, re-import)
is tests/export/test_export_anki_import.py's subject.
"""

from __future__ import annotations

import html
import re

import genanki
import pytest
from support.export import (
    BATTLE,
    PERSON,
    SEEDS,
    active_cards,
    built_database,
    insert_cards,
    read_apkg,
    unusual_cards,
    write_article,
)

from quizgen.cli import main
from quizgen.export.anki import (
    anki_deck_name,
    options_html,
    shuffled_options,
    stable_anki_id,
)
from quizgen.export.anki_note_types import (
    ANKI_MODES,
    BASIC,
    BASIC_TYPED,
    CLOZE,
    CLOZE_TYPED,
    MULTIPLE_CHOICE,
    NOTE_TYPES,
    is_cloze,
    note_type_for,
)
from quizgen.export.anki_tags import tag_part
from quizgen.export.common import ExportError, export_apkg
from quizgen.store.cards import card_from_row


def field(package, note, name: str) -> str:
    """A note's field by its name in the note's own note type."""
    names = [f["name"] for f in package.models[note.model_id]["flds"]]
    return note.fields[names.index(name)]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    return built_database(tmp_path_factory.mktemp("seeds") / "quiz.db", SEEDS)


def test_seed_decks_become_notes_with_card_guids(seeds_db, tmp_path):
    rows = active_cards(seeds_db)
    out = tmp_path / "seeds.apkg"

    count = export_apkg(seeds_db, out=out, mode="flip")
    package = read_apkg(out, tmp_path)

    assert count == len(rows) == len(package.notes)
    notes = package.by_guid()
    assert set(notes) == {genanki.guid_for(row["id"]) for row in rows}
    assert {row["kind"] for row in rows} == {"infobox", "dated", "timeline"}
    deck_ids = {name: deck_id for deck_id, name in package.decks.items()}
    assert {anki_deck_name(row["deck"]) for row in rows} <= set(deck_ids)
    for row in rows:
        card = card_from_row(row)
        note = notes[genanki.guid_for(row["id"])]
        assert note.model_id == (CLOZE.id if is_cloze(card) else BASIC.id)
        assert note.deck_ids == {deck_ids[f"quizgen::{row['deck']}"]}
        if is_cloze(card):
            text = html.unescape(field(package, note, "Text"))
            assert "{{c1::" in text and "____" not in text
        else:
            # a timeline's items are lines: Anki fields keep them as <br>
            question = html.unescape(field(package, note, "Question"))
            assert question.replace("<br>", "\n") == row["question"]
            assert html.unescape(field(package, note, "Answer")) == row["answer"]
        assert "quizgen" in note.tags


def test_each_mode_gives_each_card_its_note_type(seeds_db, tmp_path):
    """typed: type-in Basic or Cloze; flip: Basic or Cloze; choice: Multiple choice when the
    card has options, else the typed one. The seeds hold all three shapes of card."""
    cards = {genanki.guid_for(row["id"]): card_from_row(row) for row in active_cards(seeds_db)}
    expected = {
        "typed": lambda card: CLOZE_TYPED if is_cloze(card) else BASIC_TYPED,
        "flip": lambda card: CLOZE if is_cloze(card) else BASIC,
        "choice": lambda card: MULTIPLE_CHOICE if card.distractors else expected["typed"](card),
    }
    assert set(expected) == set(ANKI_MODES)
    used = set()
    for mode in ANKI_MODES:
        out = tmp_path / f"{mode}.apkg"
        export_apkg(seeds_db, out=out, mode=mode)
        package = read_apkg(out, tmp_path / mode)
        for note in package.notes:
            card = cards[note.guid]
            assert note.model_id == expected[mode](card).id == note_type_for(card, mode).id
            used.add(note.model_id)
    assert used == {note_type.id for note_type in NOTE_TYPES}
    assert any(is_cloze(card) and card.distractors for card in cards.values())
    assert any(not is_cloze(card) and not card.distractors for card in cards.values())


def test_options_show_on_the_multiple_choice_front_only(seeds_db, tmp_path):
    out = tmp_path / "seeds.apkg"
    export_apkg(seeds_db, out=out, mode="choice")
    package = read_apkg(out, tmp_path)

    assert {MULTIPLE_CHOICE.id, BASIC_TYPED.id} <= set(package.models)
    for model_id, model in package.models.items():
        (template,) = model["tmpls"]
        names = [f["name"] for f in model["flds"]]
        if model_id == MULTIPLE_CHOICE.id:
            assert "{{Options}}" in template["qfmt"] and "{{Answer}}" not in template["qfmt"]
        else:
            assert "Options" not in names and "{{Options}}" not in template["qfmt"]
        for shown_on_back in ("{{Accepted}}", "{{Source}}"):
            assert shown_on_back in template["afmt"]
    for note in package.notes:
        if note.model_id == MULTIPLE_CHOICE.id:
            assert field(package, note, "Options").startswith("<ol><li>")


def test_ids_are_the_same_on_every_export(seeds_db, tmp_path):
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    export_apkg(seeds_db, out=first, mode="choice")
    export_apkg(seeds_db, out=second, mode="choice")
    one = read_apkg(first, tmp_path / "one")
    two = read_apkg(second, tmp_path / "two")

    assert one.decks == two.decks
    assert set(one.models) == set(two.models)
    assert [(n.guid, n.model_id, n.fields) for n in one.notes] == [
        (n.guid, n.model_id, n.fields) for n in two.notes
    ]
    # Note type ids are the module's constants, deck ids derived from names, never drawn.
    assert set(one.models) <= {note_type.id for note_type in NOTE_TYPES}
    for note_type in NOTE_TYPES:
        assert 1 << 30 <= note_type.id < 1 << 31
    assert len({note_type.id for note_type in NOTE_TYPES}) == len(NOTE_TYPES)
    for deck_id, name in one.decks.items():
        if name.startswith("quizgen::"):
            assert deck_id == stable_anki_id(f"deck\x1f{name}")
            assert 1 << 30 <= deck_id < 1 << 31


def test_one_deck_only(seeds_db, tmp_path):
    deck = active_cards(seeds_db)[-1]["deck"]
    out = tmp_path / "one.apkg"

    count = export_apkg(seeds_db, deck=deck, out=out)
    package = read_apkg(out, tmp_path)

    assert count == len(active_cards(seeds_db, deck)) == len(package.notes)
    used = {deck_id for note in package.notes for deck_id in note.deck_ids}
    assert {package.decks[deck_id] for deck_id in used} == {f"quizgen::{deck}"}


def test_options_hold_answer_and_distractors_in_a_card_fixed_order(seeds_db):
    cards = [card_from_row(row) for row in active_cards(seeds_db)]
    with_options = [card for card in cards if card.distractors]
    assert with_options, "the seeds should give some multiple-choice cards"

    for card in with_options:
        options = shuffled_options(card)
        assert sorted(options) == sorted({card.answer, *card.distractors})
        assert shuffled_options(card) == options
        items = re.findall(r"<li>(.*?)</li>", options_html(card))
        assert [html.unescape(item) for item in items] == options
    # Shuffled, not answer-first: over many cards the answer lands elsewhere too.
    assert {shuffled_options(card).index(card.answer) for card in with_options} != {0}
    for card in cards:
        if not card.distractors:
            assert options_html(card) == ""
            assert note_type_for(card, "choice") in (BASIC_TYPED, CLOZE_TYPED)


def test_reexport_after_seed_change_keeps_guids_of_unchanged_cards(tmp_path):
    seeds = tmp_path / "seeds"
    path = write_article(seeds, "battle.txt", BATTLE)
    write_article(seeds, "person.txt", PERSON)
    db = built_database(tmp_path / "quiz.db", seeds)
    before_rows = {row["id"]: row for row in active_cards(db)}
    export_apkg(db, out=tmp_path / "before.apkg")
    before = read_apkg(tmp_path / "before.apkg", tmp_path / "before").by_guid()

    edited = (
        BATTLE.replace('- Place: Kőszeg, "Upper" Valley', "- Place: Szombathely")
        .replace("- Strength2: 2,500\n", "")
        .replace("- Strength1: 4,000\n", "- Strength1: 4,000\n- Casualties1: 300 killed\n")
    )
    assert edited.count("\n") == BATTLE.count("\n")  # one changed, one removed, one added
    path.write_text(edited, encoding="utf-8")
    built_database(tmp_path / "quiz.db", seeds)
    after_rows = {row["id"]: row for row in active_cards(db)}
    export_apkg(db, out=tmp_path / "after.apkg")
    after_package = read_apkg(tmp_path / "after.apkg", tmp_path / "after")
    after = after_package.by_guid()

    kept = before_rows.keys() & after_rows.keys()
    removed = before_rows.keys() - after_rows.keys()
    added = after_rows.keys() - before_rows.keys()
    assert removed and added and len(kept) > len(removed) + len(added)
    assert {genanki.guid_for(card_id) for card_id in kept} <= before.keys() & after.keys()
    # A removed fact's card is retired, not deleted: its note goes out again, tagged so.
    assert {genanki.guid_for(card_id) for card_id in removed} <= after.keys()
    for card_id in removed:
        assert "quizgen::retired" in after[genanki.guid_for(card_id)].tags
    for card_id in kept | added:
        assert "quizgen::retired" not in after[genanki.guid_for(card_id)].tags
    assert {genanki.guid_for(card_id) for card_id in added} <= after.keys() - before.keys()
    # The changed place keeps its note (same GUID, same note type) with the new answer.
    (place_id,) = [i for i in kept if before_rows[i]["answer"] == 'Kőszeg, "Upper" Valley']
    place_guid = genanki.guid_for(place_id)
    assert html.unescape(field(after_package, after[place_guid], "Answer")) == "Szombathely"
    assert after[place_guid].model_id == before[place_guid].model_id
    assert after[place_guid].deck_ids == before[place_guid].deck_ids


def test_unusual_text_from_an_article_is_escaped(tmp_path):
    db = built_database(tmp_path / "quiz.db", write_article(tmp_path / "s", "b.txt", BATTLE))
    rows = {row["id"]: row for row in active_cards(db)}
    export_apkg(db, out=tmp_path / "battle.apkg", mode="flip")
    package = read_apkg(tmp_path / "battle.apkg", tmp_path)
    notes = package.by_guid()

    texts = {rows[card_id]["answer"] for card_id in rows}
    assert {"Республика Тестов", "李小龍", 'Jean "Le Loup" Dubois'} <= texts
    markup_seen = False
    for card_id, row in rows.items():
        note = notes[genanki.guid_for(card_id)]
        card = card_from_row(row)
        if is_cloze(card):
            before, after = row["question"].split("____")
            hint = {"day": "date", "month": "month", "year": "year"}[row["date_precision"]]
            shown = [
                (
                    field(package, note, "Text"),
                    f"{before}{{{{c1::{row['answer']}::{hint}}}}}{after}",
                )
            ]
        else:
            shown = [
                (field(package, note, name), row[name.lower()]) for name in ("Question", "Answer")
            ]
        for value, text in shown:
            assert html.unescape(value) == text
            assert not set('<>"') & set(value.replace("{{c1::", "").replace("}}", ""))
        source = field(package, note, "Source")
        assert html.escape(row["source_text"]) in source
        assert html.escape(row["source_title"]) in source
        markup_seen |= any(char in row["answer"] + row["question"] for char in "<&")
    assert markup_seen, "the synthetic article should carry < or & through the pipeline"


def test_unusual_text_inserted_directly_is_escaped(tmp_path):
    db = built_database(tmp_path / "quiz.db", write_article(tmp_path / "s", "p.txt", PERSON))
    cards = unusual_cards("Łódź charter", "Ünïcödé <deck> & co")
    insert_cards(db, "Łódź charter", "Ünïcödé <deck> & co", cards)
    out = tmp_path / "odd.apkg"

    count = export_apkg(db, deck="Ünïcödé <deck> & co", out=out, mode="choice")
    package = read_apkg(out, tmp_path)

    assert count == 2
    notes = package.by_guid()
    bold = notes[genanki.guid_for(cards[0].id)]
    assert bold.model_id == MULTIPLE_CHOICE.id
    assert field(package, bold, "Answer") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert "<b>" not in "".join(bold.fields)
    assert field(package, bold, "Accepted") == "x &amp; y; &lt;i&gt;x&lt;/i&gt;"
    assert "Result: &lt;b&gt;x&lt;/b&gt; &amp; y<br>second line, with a comma" in field(
        package, bold, "Source"
    )
    items = re.findall(r"<li>(.*?)</li>", field(package, bold, "Options"))
    options = [html.unescape(o) for o in items]
    assert sorted(options) == sorted([cards[0].answer, *cards[0].distractors])
    dated = notes[genanki.guid_for(cards[1].id)]
    assert dated.model_id == BASIC_TYPED.id  # no options: the typed note type, no Options field
    source = field(package, dated, "Source")
    assert "<br>per the charter." in source and "\r" not in source
    assert "History &lt;2&gt;" in source
    assert {package.decks[d] for d in dated.deck_ids} == {"quizgen::Ünïcödé <deck> & co"}
    assert dated.model_id != bold.model_id


def test_deck_name_with_separator_stays_one_subdeck():
    assert anki_deck_name("Wars::Modern") == "quizgen::Wars:Modern"
    assert anki_deck_name("  ") == "quizgen::untitled"


def test_unknown_deck_and_unwritable_file_are_export_errors(seeds_db, tmp_path):
    with pytest.raises(ExportError, match="no deck named"):
        export_apkg(seeds_db, deck="No such deck", out=tmp_path / "x.apkg")
    assert not (tmp_path / "x.apkg").exists()
    target = tmp_path / "missing-folder" / "x.apkg"
    with pytest.raises(ExportError, match="cannot write"):
        export_apkg(seeds_db, out=target)
    assert list(tmp_path.iterdir()) == []


def test_cli_needs_out_for_apkg_and_writes_it(seeds_db, tmp_path, capsys):
    db_path = seeds_db.conn.execute("PRAGMA database_list").fetchone()[2]

    assert main(["export", "--db", db_path, "--format", "apkg"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "--out" in error and "Traceback" not in error

    out = tmp_path / "cli.apkg"
    assert main(["export", "--db", db_path, "--format", "apkg", "--out", str(out)]) == 0
    assert f"Exported {len(active_cards(seeds_db))} cards" in capsys.readouterr().err
    assert len(read_apkg(out, tmp_path).notes) == len(active_cards(seeds_db))


def test_empty_database_gives_an_empty_package(tmp_path):
    (tmp_path / "no-seeds").mkdir()
    db = built_database(tmp_path / "quiz.db", tmp_path / "no-seeds")
    out = tmp_path / "empty.apkg"
    assert export_apkg(db, out=out) == 0
    assert read_apkg(out, tmp_path).notes == []


def test_names_become_tags_without_spaces_or_nesting(seeds_db, tmp_path):
    assert tag_part("Armenian–Azerbaijani war (1918–1920)") == (
        "Armenian–Azerbaijani_war_(1918–1920)"
    )
    assert tag_part("Wars::Modern") == "Wars:Modern"
    assert tag_part('The "Old Mill"\tand  Sons') == "The_Old_Mill_and_Sons"
    assert tag_part(' " ') == "untitled"
    out = tmp_path / "seeds.apkg"
    export_apkg(seeds_db, out=out)
    notes = read_apkg(out, tmp_path).by_guid()
    for row in active_cards(seeds_db):
        note = notes[genanki.guid_for(row["id"])]
        assert note.tags == [
            "quizgen",
            f"quizgen::kind::{row['kind']}",
            f"quizgen::deck::{tag_part(row['deck'])}",
            f"quizgen::article::{tag_part(row['source_title'])}",
        ]
        assert all(" " not in tag for tag in note.tags)
