"""The .apkg export, read back from the package's own SQLite collection."""

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
    FIELD_NAMES,
    NOTE_TYPE_NAMES,
    anki_deck_name,
    note_fields,
    shuffled_options,
    stable_anki_id,
)
from quizgen.export.common import ExportError, export_apkg
from quizgen.store.cards import card_from_row

QUESTION, ANSWER, ACCEPTED, OPTIONS, SOURCE = range(5)


def _model_ids_by_kind(package) -> dict[str, int]:
    by_name = {model["name"]: model_id for model_id, model in package.models.items()}
    return {kind: by_name[name] for kind, name in NOTE_TYPE_NAMES.items() if name in by_name}


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    return built_database(tmp_path_factory.mktemp("seeds") / "quiz.db", SEEDS)


def test_seed_decks_become_notes_with_card_guids(seeds_db, tmp_path):
    rows = active_cards(seeds_db)
    out = tmp_path / "seeds.apkg"

    count = export_apkg(seeds_db, out=out)
    package = read_apkg(out, tmp_path)

    assert count == len(rows) == len(package.notes)
    notes = package.by_guid()
    assert set(notes) == {genanki.guid_for(row["id"]) for row in rows}
    model_ids = _model_ids_by_kind(package)
    assert set(model_ids) == {row["kind"] for row in rows} == {"infobox", "dated", "timeline"}
    deck_ids = {name: deck_id for deck_id, name in package.decks.items()}
    assert {anki_deck_name(row["deck"]) for row in rows} <= set(deck_ids)
    for row in rows:
        note = notes[genanki.guid_for(row["id"])]
        assert note.model_id == model_ids[row["kind"]]
        assert note.deck_ids == {deck_ids[f"quizgen::{row['deck']}"]}
        # a timeline's items are lines: Anki fields keep them as <br>
        assert html.unescape(note.fields[QUESTION]).replace("<br>", "\n") == row["question"]
        assert html.unescape(note.fields[ANSWER]) == row["answer"]
        assert "quizgen" in note.tags


def test_note_types_have_the_five_fields_and_show_options_on_the_front(seeds_db, tmp_path):
    out = tmp_path / "seeds.apkg"
    export_apkg(seeds_db, out=out)
    package = read_apkg(out, tmp_path)

    for model_id in _model_ids_by_kind(package).values():
        model = package.models[model_id]
        assert [field["name"] for field in model["flds"]] == list(FIELD_NAMES)
        (template,) = model["tmpls"]
        assert "{{Options}}" in template["qfmt"] and "{{Answer}}" not in template["qfmt"]
        for shown_on_back in ("{{Answer}}", "{{Accepted}}", "{{Source}}"):
            assert shown_on_back in template["afmt"]


def test_ids_are_the_same_on_every_export(seeds_db, tmp_path):
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    export_apkg(seeds_db, out=first)
    export_apkg(seeds_db, out=second)
    one = read_apkg(first, tmp_path / "one")
    two = read_apkg(second, tmp_path / "two")

    assert one.decks == two.decks
    assert set(one.models) == set(two.models)
    assert [(n.guid, n.model_id, n.fields) for n in one.notes] == [
        (n.guid, n.model_id, n.fields) for n in two.notes
    ]
    # The ids are derived from names, not drawn: recompute them independently.
    for name, model_id in _model_ids_by_kind(one).items():
        assert model_id == stable_anki_id(f"note type\x1f{NOTE_TYPE_NAMES[name]}")
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
        items = re.findall(r"<li>(.*?)</li>", note_fields(card).options)
        assert [html.unescape(item) for item in items] == options
    # Shuffled, not answer-first: over many cards the answer lands elsewhere too.
    assert {shuffled_options(card).index(card.answer) for card in with_options} != {0}
    for card in cards:
        if not card.distractors:
            assert note_fields(card).options == ""


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
    after = read_apkg(tmp_path / "after.apkg", tmp_path / "after").by_guid()

    kept = before_rows.keys() & after_rows.keys()
    removed = before_rows.keys() - after_rows.keys()
    added = after_rows.keys() - before_rows.keys()
    assert removed and added and len(kept) > len(removed) + len(added)
    assert {genanki.guid_for(card_id) for card_id in kept} <= before.keys() & after.keys()
    assert not {genanki.guid_for(card_id) for card_id in removed} & after.keys()
    assert {genanki.guid_for(card_id) for card_id in added} <= after.keys() - before.keys()
    # The changed place keeps its note (same GUID, same note type) with the new answer.
    (place_id,) = [i for i in kept if before_rows[i]["answer"] == 'Kőszeg, "Upper" Valley']
    place_guid = genanki.guid_for(place_id)
    assert html.unescape(after[place_guid].fields[ANSWER]) == "Szombathely"
    assert after[place_guid].model_id == before[place_guid].model_id
    assert after[place_guid].deck_ids == before[place_guid].deck_ids


def test_unusual_text_from_an_article_is_escaped(tmp_path):
    db = built_database(tmp_path / "quiz.db", write_article(tmp_path / "s", "b.txt", BATTLE))
    rows = {row["id"]: row for row in active_cards(db)}
    export_apkg(db, out=tmp_path / "battle.apkg")
    notes = read_apkg(tmp_path / "battle.apkg", tmp_path).by_guid()

    texts = {rows[card_id]["answer"] for card_id in rows}
    assert {"Республика Тестов", "李小龍", 'Jean "Le Loup" Dubois'} <= texts
    markup_seen = False
    for card_id, row in rows.items():
        note = notes[genanki.guid_for(card_id)]
        for index, text in ((QUESTION, row["question"]), (ANSWER, row["answer"])):
            field = note.fields[index]
            assert html.unescape(field) == text
            assert not set('<>"') & set(field)
        assert html.escape(row["source_text"]) in note.fields[SOURCE]
        assert html.escape(row["source_title"]) in note.fields[SOURCE]
        markup_seen |= any(char in row["answer"] + row["question"] for char in "<&")
    assert markup_seen, "the synthetic article should carry < or & through the pipeline"


def test_unusual_text_inserted_directly_is_escaped(tmp_path):
    db = built_database(tmp_path / "quiz.db", write_article(tmp_path / "s", "p.txt", PERSON))
    cards = unusual_cards("Łódź charter", "Ünïcödé <deck> & co")
    insert_cards(db, "Łódź charter", "Ünïcödé <deck> & co", cards)
    out = tmp_path / "odd.apkg"

    count = export_apkg(db, deck="Ünïcödé <deck> & co", out=out)
    package = read_apkg(out, tmp_path)

    assert count == 2
    notes = package.by_guid()
    bold = notes[genanki.guid_for(cards[0].id)]
    assert bold.fields[ANSWER] == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert "<b>" not in "".join(bold.fields)
    assert bold.fields[ACCEPTED] == "x &amp; y; &lt;i&gt;x&lt;/i&gt;"
    assert (
        "Result: &lt;b&gt;x&lt;/b&gt; &amp; y<br>second line, with a comma" in bold.fields[SOURCE]
    )
    options = [html.unescape(o) for o in re.findall(r"<li>(.*?)</li>", bold.fields[OPTIONS])]
    assert sorted(options) == sorted([cards[0].answer, *cards[0].distractors])
    dated = notes[genanki.guid_for(cards[1].id)]
    assert dated.fields[OPTIONS] == ""
    assert "<br>per the charter." in dated.fields[SOURCE] and "\r" not in dated.fields[SOURCE]
    assert "History &lt;2&gt;" in dated.fields[SOURCE]
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
