"""The CSV export, read back with Python's csv module and compared with the JSONL export."""

from __future__ import annotations

import csv
import io
import json

import pytest
from support import paths
from support.export import (
    BATTLE,
    PERSON,
    SEEDS,
    built_database,
    insert_cards,
    unusual_cards,
    write_article,
)

from quizgen.cli import main
from quizgen.export.anki_tags import tag_part
from quizgen.export.common import ExportError, export_jsonl
from quizgen.export.csv import CSV_COLUMNS, export_csv


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """The seeds, the fixture articles of every kind, and two synthetic articles with
    quotes, commas and non-Latin text."""
    folder = tmp_path_factory.mktemp("corpus")
    synthetic = folder / "synthetic"
    write_article(synthetic, "battle.txt", BATTLE)
    write_article(synthetic, "person.txt", PERSON)
    return built_database(folder / "quiz.db", SEEDS, paths.FIXTURES / "articles", synthetic)


ANKI_HEADER_LINES = 5
"""#separator, #html, #guid column, #tags column, #columns: Anki's text-import header."""


def _parse_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """The column names (from the `#columns:` line) and the rows of an exported CSV text."""
    assert text.startswith("\ufeff")
    lines = text[1:].split("\r\n", ANKI_HEADER_LINES)
    header, body = lines[:ANKI_HEADER_LINES], lines[ANKI_HEADER_LINES]
    assert all(line.startswith("#") for line in header)
    assert not body.startswith("#")
    columns = header[-1].removeprefix("#columns:").split(",")
    return columns, list(csv.DictReader(io.StringIO(body, newline=""), fieldnames=columns))


def _read_csv(path) -> tuple[list[str], list[dict[str, str]]]:
    return _parse_csv(path.read_bytes().decode("utf-8"))


def _jsonl_records(db, tmp_path, deck=None) -> list[dict]:
    out = tmp_path / "cards.jsonl"
    export_jsonl(db, deck=deck, out=out)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _split(joined: str) -> list[str]:
    return joined.split(" | ") if joined else []


def test_csv_holds_the_same_cards_as_jsonl(corpus_db, tmp_path):
    out = tmp_path / "cards.csv"

    count = export_csv(corpus_db, out=out)
    header, rows = _read_csv(out)
    records = _jsonl_records(corpus_db, tmp_path)

    assert header == list(CSV_COLUMNS)
    assert count == len(rows) == len(records) > 50
    for row, record in zip(rows, records, strict=True):
        assert row["id"] == record["id"]
        assert (row["deck"], row["kind"]) == (record["deck"], record["kind"])
        assert (row["question"], row["answer"]) == (record["question"], record["answer"])
        assert _split(row["accepted"]) == record["accepted"]
        assert _split(row["distractors"]) == record["distractors"]
        source = record["source"]
        assert row["source_title"] == source["title"]
        assert row["source_section"] == source["section"]
        assert row["source_text"] == source["text"]
        when = record.get("date")
        assert row["date_start"] == (when["start"] if when else "")
        assert row["date_end"] == (when["end"] if when else "")
        assert row["date_precision"] == (when["precision"] if when else "")
        tags = row["tags"].split()
        assert tags[:2] == ["quizgen", f"quizgen::kind::{record['kind']}"]
        assert f"quizgen::deck::{tag_part(record['deck'])}" in tags
        assert f"quizgen::article::{tag_part(source['title'])}" in tags
    assert {row["kind"] for row in rows} == {"infobox", "dated", "timeline"}


def test_unusual_text_from_articles_round_trips_unescaped(corpus_db, tmp_path):
    out = tmp_path / "cards.csv"
    export_csv(corpus_db, deck='Battle of "Quoted, Ridge"', out=out)
    _, rows = _read_csv(out)

    answers = {row["answer"] for row in rows}
    assert {"Республика Тестов", "李小龍", 'Jean "Le Loup" Dubois', "4,000"} <= answers
    assert {row["deck"] for row in rows} == {'Battle of "Quoted, Ridge"'}
    raw = out.read_text(encoding="utf-8")
    assert "&amp;" not in raw and "&quot;" not in raw
    assert any("&" in row["question"] + row["answer"] for row in rows)


def test_unusual_text_inserted_directly_round_trips(corpus_db, tmp_path):
    deck = "Ünïcödé <deck> & co"
    cards = unusual_cards("Łódź charter", deck)
    insert_cards(corpus_db, "Łódź charter", deck, cards)
    out = tmp_path / "odd.csv"

    assert export_csv(corpus_db, deck=deck, out=out) == 2
    _, rows = _read_csv(out)

    by_id = {row["id"]: row for row in rows}
    bold = by_id[cards[0].id]
    assert bold["answer"] == "<b>x</b> & y"
    assert bold["question"] == cards[0].question
    assert bold["source_text"] == "Result: <b>x</b> & y\nsecond line, with a comma"
    assert _split(bold["accepted"]) == ["x & y", "<i>x</i>"]
    assert _split(bold["distractors"]) == ["a < b", "Ελλάδα", 'say "hi", then go']
    assert bold["date_start"] == bold["date_precision"] == ""
    dated = by_id[cards[1].id]
    assert dated["source_text"] == cards[1].source.text  # the \r\n inside a field survives
    assert dated["source_section"] == "History <2>"
    assert (dated["date_start"], dated["date_end"], dated["date_precision"]) == (
        "1868-09-03",
        "1868-09-03",
        "day",
    )


def test_stdout_and_file_give_the_same_csv(corpus_db, tmp_path, capsys):
    out = tmp_path / "cards.csv"
    export_csv(corpus_db, deck="Mirela Vasquez-Ó Briain", out=out)
    capsys.readouterr()

    count = export_csv(corpus_db, deck="Mirela Vasquez-Ó Briain")
    printed = capsys.readouterr().out

    assert count > 0
    assert printed == out.read_bytes().decode("utf-8")
    _, rows = _parse_csv(printed)
    assert len(rows) == count
    assert all(row["source_title"] == "Mirela Vasquez-Ó Briain" for row in rows)


def test_cli_writes_csv_and_refuses_unknown_deck(corpus_db, tmp_path, capsys):
    db_path = corpus_db.conn.execute("PRAGMA database_list").fetchone()[2]
    out = tmp_path / "cli.csv"

    assert main(["export", "--db", db_path, "--format", "csv", "--out", str(out)]) == 0
    _, rows = _read_csv(out)
    assert f"Exported {len(rows)} cards" in capsys.readouterr().err

    assert main(["export", "--db", db_path, "--format", "csv", "--deck", "Nope"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == "quiz export: no deck named 'Nope'"


def test_unwritable_file_is_an_export_error(corpus_db, tmp_path):
    with pytest.raises(ExportError, match="cannot write"):
        export_csv(corpus_db, out=tmp_path / "missing-folder" / "x.csv")


def test_formulas_are_neutralized_as_owasp_advises(corpus_db, tmp_path):
    """A spreadsheet would run these; each is written with a leading `'`, numbers stay."""
    from support.export import hand_made_card

    deck = '=HYPERLINK("https://evil.example","Click")'
    formulas = ["=1+2", "+SUM(A1)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\r=1"]
    cards = [
        hand_made_card(deck, deck, f"f{index}", f"Question {index}?", answer)
        for index, answer in enumerate([*formulas, "-40", "+3.5", "1,000"])
    ]
    insert_cards(corpus_db, deck, deck, cards)
    out = tmp_path / "formulas.csv"
    assert main(["export", "--db", _db_path(corpus_db), "--format", "csv", "--deck", deck,
                 "--out", str(out)]) == 0  # fmt: skip
    _, rows = _read_csv(out)
    by_id = {row["id"]: row for row in rows}
    assert [by_id[card.id]["answer"] for card in cards] == [
        *("'" + formula for formula in formulas),
        "-40",
        "+3.5",
        "1,000",
    ]
    assert {row["deck"] for row in rows} == {"'" + deck}


def _db_path(db) -> str:
    return db.conn.execute("PRAGMA database_list").fetchone()[2]


def test_the_file_starts_with_a_bom_and_anki_header_lines(corpus_db, tmp_path):
    out = tmp_path / "cards.csv"
    export_csv(corpus_db, out=out)
    lines = out.read_bytes().decode("utf-8").split("\r\n")

    assert lines[:5] == [
        "\ufeff#separator:Comma",
        "#html:false",
        "#guid column:1",
        f"#tags column:{len(CSV_COLUMNS)}",
        "#columns:" + ",".join(CSV_COLUMNS),
    ]
    assert CSV_COLUMNS[0] == "id" and CSV_COLUMNS[-1] == "tags"


def test_no_bom_leaves_the_mark_out_and_applies_to_csv_only(corpus_db, tmp_path, capsys):
    with_bom, without = tmp_path / "bom.csv", tmp_path / "plain.csv"
    base = ["export", "--db", _db_path(corpus_db), "--format", "csv"]
    assert main([*base, "--out", str(with_bom)]) == 0
    assert main([*base, "--no-bom", "--out", str(without)]) == 0
    assert with_bom.read_bytes() == "\ufeff".encode() + without.read_bytes()
    assert without.read_bytes().startswith(b"#separator:Comma\r\n")
    capsys.readouterr()

    jsonl = ["export", "--db", _db_path(corpus_db), "--format", "jsonl", "--no-bom"]
    assert main(jsonl) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "quiz export: --no-bom applies to --format csv only\n"
