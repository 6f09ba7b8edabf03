"""The build end to end: card rules on every card, idempotence, exit codes, the JSONL contract."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime

import pytest
from support import paths
from support.articles import write_small_towns

from quizgen.build.pipeline import build_corpus
from quizgen.cards.kinds import kind_of
from quizgen.cards.quality import answer_leaks, without_blank
from quizgen.cli import main
from quizgen.core.grading import Verdict, grade_answer
from quizgen.core.identity import normalize_key
from quizgen.ingest.textrepair import looks_broken
from quizgen.store import open_database
from quizgen.store.cards import card_from_row

ROOT = paths.ROOT
SEEDS = ROOT / "seeds"
SYNTHETIC = ROOT / "tests" / "fixtures" / "articles"
CORPUS = paths.CORPUS
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
MARKUP = re.compile(r"\[\[|\{\{|!\[|\*\*|\|")
EXPORT_KEYS = {"id", "deck", "kind", "question", "answer", "accepted", "distractors", "source"}


@pytest.fixture(scope="module")
def built_db(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("build") / "quiz.db"
    db = open_database(db_path)
    report = build_corpus(db, [SEEDS, SYNTHETIC], now=NOW, decks_dir=None, definitions=[])
    return db_path, db, report


def _cards(db):
    return [card_from_row(row) for row in db.query("SELECT * FROM cards WHERE status = 'active'")]


def test_build_reads_every_article_and_makes_both_kinds(built_db):
    _, db, report = built_db
    assert report.skipped == []
    assert report.articles_read == len(list(SEEDS.glob("*.txt"))) + len(
        [p for p in SYNTHETIC.iterdir() if p.suffix in (".txt", ".md")]
    )
    assert report.cards_by_kind["infobox"] >= 40
    assert report.cards_by_kind["dated"] >= 5
    every_article = {row["title"] for row in db.query("SELECT title FROM articles")}
    with_cards = {
        row["title"]
        for row in db.query(
            "SELECT DISTINCT a.title FROM articles a JOIN cards c ON c.article_id = a.id "
            "WHERE c.status = 'active'"
        )
    }
    assert with_cards == every_article
    decks = {row["name"] for row in db.query("SELECT name FROM decks")}
    assert {"Zangezur Expedition", "Armenian–Azerbaijani war (1918–1920)", "Ada Lovelace"} <= decks


def _assert_card_rules(card) -> None:
    """The rules every stored card keeps, whatever article it came from."""
    texts = [without_blank(card.question), card.answer, *card.accepted, *card.distractors]
    assert card.answer.strip(), card
    assert len(card.question) <= 300, card.question
    assert not any(MARKUP.search(text) for text in texts), card
    assert not any(looks_broken(text) for text in texts), card
    assert not any(mark in text for text in texts for mark in ("Ã", "â€", "Ä±")), card
    assert card.source.path and card.source.title and card.source.text
    assert card.kind in ("infobox", "dated", "timeline")
    assert len(card.distractors) <= 3
    assert len({normalize_key(d) for d in card.distractors}) == len(card.distractors), card
    for distractor in card.distractors:
        assert grade_answer(distractor, card).verdict == Verdict.WRONG, (card, distractor)
    if card.kind == "dated":
        assert card.date is not None and card.answer_type == "date"
    if card.kind == "timeline":
        assert grade_answer(card.answer, card).verdict == Verdict.CORRECT, card
        assert card.date is None and not card.distractors


def test_every_card_follows_the_card_rules(built_db):
    _, db, _ = built_db
    cards = _cards(db)
    assert len(cards) >= 60
    for card in cards:
        _assert_card_rules(card)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
@pytest.mark.parametrize("seed_format", ["a", "b"])
def test_every_card_built_from_the_real_corpus_follows_the_card_rules(seed_format, built_folder):
    """26 real articles per format: long, noisy and of many kinds, unlike the seeds.

    The folder is built once per session (conftest's built_folder, at a fixed moment,
    without deck files, as this test built it) and this test reads its own copy."""
    db, report = built_folder(CORPUS / seed_format)
    assert report.skipped == [] and report.articles_read == 26
    assert report.cards_by_kind["infobox"] >= 100
    assert report.cards_by_kind["dated"] >= 100
    cards = _cards(db)
    for card in cards:
        _assert_card_rules(card)
    assert all(len(card.distractors) in (0, 3) for card in cards)
    # of the kinds that take options (a timeline is an order to recall, never a choice)
    choosable = [card for card in cards if kind_of(card.kind).corpus_distractors]
    assert sum(1 for card in choosable if card.distractors) / len(choosable) >= 0.65
    per_article = {o.title: sum(o.cards_by_kind.values()) for o in report.articles}
    assert max(per_article.values()) <= 45  # never 240 cards for a country
    assert min(per_article.values()) >= 1  # every article, even one with few dates, is asked


def test_no_answer_leaks_into_its_question(built_db):
    from quizgen.core.models import Question

    _, db, _ = built_db
    for card in _cards(db):
        question = Question(
            kind=card.kind,
            fact_key=card.fact_key,
            question=card.question,
            answer=card.answer,
            accepted=card.accepted,
            answer_type=card.answer_type,
            date=card.date,
        )
        assert not answer_leaks(question), card.question


def test_most_cards_have_three_distractors(built_db):
    _, db, _ = built_db
    cards = _cards(db)
    # A card that cannot get three adequate options gets none (studied typed or flipped);
    # how many get three is measured on the real corpus below, whose articles are many
    # and of many kinds (a 13-article seed deck has few people of one country to offer).
    assert all(len(card.distractors) in (0, 3) for card in cards)
    assert any(len(card.distractors) == 3 for card in cards)


def test_known_cards_from_both_seed_formats(built_db):
    _, db, _ = built_db
    by_question = {card.question: card for card in _cards(db)}
    result = by_question["What was the result of the Zangezur Expedition?"]
    assert result.answer == "Status quo ante bellum"
    assert result.source.section == "Infobox"
    commander = by_question["Name one commander of the Armenian side in the Zangezur Expedition."]
    assert commander.answer == "Garegin Nzhdeh" and commander.any_of
    assert "Misha Iskhanian" in commander.accepted
    date = by_question["When did the Zangezur Expedition take place?"]
    assert (date.date.start.isoformat(), date.date.end.isoformat()) == ("1919-11-04", "1919-11-09")
    war = "the Armenian–Azerbaijani war (1918–1920)"
    commander3 = by_question[f"Name one commander of the Soviet Russian side in {war}."]
    assert "Muzaffer Kılıç" in commander3.accepted


def test_building_twice_gives_the_same_ids_and_no_duplicates(tmp_path):
    db = open_database(tmp_path / "twice.db")
    build_corpus(db, [SEEDS], now=NOW, definitions=[])
    first = {row["id"]: row["question"] for row in db.query("SELECT id, question FROM cards")}
    report = build_corpus(db, [SEEDS], now=NOW, definitions=[])
    second = {row["id"]: row["question"] for row in db.query("SELECT id, question FROM cards")}
    assert first == second
    assert report.unchanged_files == 2
    assert sum(c.added for c in report.changes.values()) == 0


def test_card_ids_survive_a_renamed_file(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "004_bced1e418d70c154.txt", seeds / "zangezur.txt")
    db = open_database(tmp_path / "rename.db")
    build_corpus(db, [seeds], now=NOW, definitions=[])
    before = {row["id"] for row in db.query("SELECT id FROM cards")}
    (seeds / "zangezur.txt").rename(seeds / "renamed.txt")
    build_corpus(db, [seeds], now=NOW, definitions=[])
    after = {row["id"] for row in db.query("SELECT id FROM cards WHERE status = 'active'")}
    assert before == after


def test_dry_run_writes_nothing(tmp_path):
    db = open_database(tmp_path / "dry.db")
    report = build_corpus(db, [SEEDS], now=NOW, dry_run=True, definitions=[])
    assert report.cards_total > 0
    assert db["cards"].count == 0


def test_deck_file_groups_articles(tmp_path):
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "caucasus.yaml").write_text(
        f"name: Caucasus\narticles:\n  - {SEEDS}/000_*.txt\n  - Zangezur Expedition\n",
        encoding="utf-8",
    )
    db = open_database(tmp_path / "decks.db")
    build_corpus(db, [SEEDS, SYNTHETIC / "person_lovelace.txt"], now=NOW, decks_dir=decks)
    decks_used = {row["deck"] for row in db.query("SELECT DISTINCT deck FROM cards")}
    assert decks_used == {"Caucasus", "Ada Lovelace"}


def test_cli_build_reports_bad_files_and_exits_1(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / "004_bced1e418d70c154.txt", corpus / "good.txt")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    code = main(["build", str(corpus), "--db", str(tmp_path / "cli.db")])
    captured = capsys.readouterr()
    assert code == 1
    errors = [line for line in captured.err.splitlines() if line.strip()]
    assert len(errors) == 2
    assert any(line.startswith(str(corpus / "empty.txt") + ": ") for line in errors)
    assert any(line.startswith(str(corpus / "binary.txt") + ": ") for line in errors)
    assert "Traceback" not in captured.err
    assert "from 1 article;" in captured.out  # one article, in the singular


def test_cli_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as raised:
        main(["build", "--no-such-option"])
    assert raised.value.code == 2
    db_path = tmp_path / "x.db"
    assert main(["build", str(SEEDS), "--db", str(db_path)]) == 0
    assert main(["export", "--db", str(db_path), "--deck", "No such deck"]) == 2
    assert "No such deck" in capsys.readouterr().err


def test_export_jsonl_contract(tmp_path, capsys):
    db_path = tmp_path / "export.db"
    assert main(["build", str(SEEDS), str(SYNTHETIC), "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "jsonl", "--db", str(db_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines
    kinds = set()
    for line in lines:
        record = json.loads(line)
        kinds.add(record["kind"])
        expected = EXPORT_KEYS | {"dated": {"date"}, "timeline": {"items", "order"}}.get(
            record["kind"], set()
        )
        assert set(record) == expected
        assert set(record["source"]) == {"path", "title", "section", "text"}
        assert isinstance(record["accepted"], list) and isinstance(record["distractors"], list)
        if record["kind"] == "dated":
            assert set(record["date"]) == {"start", "end", "precision"}
            assert record["date"]["precision"] in ("day", "month", "year")
            assert record["date"]["start"] <= record["date"]["end"]
    assert kinds == {"infobox", "dated", "timeline"}
    assert main(["export", "--db", str(db_path), "--deck", "Zangezur Expedition"]) == 0
    decks = {json.loads(line)["deck"] for line in capsys.readouterr().out.splitlines()}
    assert decks == {"Zangezur Expedition"}


def test_quiz_with_only_options_opens_the_study_command(monkeypatch):
    import quizgen.commands.study as study_command

    seen = {}
    monkeypatch.setattr(study_command, "run", lambda args: seen.setdefault("db", args.db) and 0)
    assert main(["--db", "/tmp/somewhere.db"]) == 0
    assert seen["db"] == "/tmp/somewhere.db"


def test_a_build_of_many_decks_prints_a_sum_not_a_line_per_deck(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    write_small_towns(corpus, 35)
    assert main(["build", str(corpus), "--db", str(tmp_path / "many.db")]) == 0
    lines = capsys.readouterr().out.splitlines()
    deck_lines = [line for line in lines if line.startswith("  Town ")]
    assert len(deck_lines) == 30
    assert any(line.startswith("  5 more decks: 10 added") for line in lines)


def _huxley_with_a_second_infobox(death_date: str) -> str:
    """The real article, with a second infobox after the first, as some articles have."""
    text = (paths.CORPUS / "b" / "aldous-huxley.txt").read_text(encoding="utf-8")
    first_end = text.index("\n\n", text.index("Infobox"))
    second = f"\n\nInfobox\n- Name: Aldous Huxley\n- Death_date: {death_date}"
    return text[:first_end] + second + text[first_end:]


def test_two_infoboxes_that_disagree_on_a_fact_make_no_card_of_it():
    """One infobox says he died on 22 November 1963, another a year earlier: neither
    card can be trusted, and both would teach a contradiction."""
    from quizgen.build.pipeline import plan_article
    from quizgen.ingest.readers import parse_article

    disputed = plan_article(
        parse_article(_huxley_with_a_second_infobox("November 22, 1962"), "huxley.txt"), "Huxley"
    )
    questions = [card.question for card in disputed.cards]
    assert "When did Aldous Huxley die?" not in questions
    assert "When was Aldous Huxley born?" in questions  # the rest of the article stands
    assert disputed.outcome.rejected["answers that contradict each other"] == 2

    agreed = plan_article(
        parse_article(_huxley_with_a_second_infobox("November 22, 1963"), "huxley.txt"), "Huxley"
    )
    died = [card for card in agreed.cards if card.question == "When did Aldous Huxley die?"]
    assert [card.answer for card in died] == ["22 November 1963"]
    assert agreed.outcome.rejected["answers that contradict each other"] == 0
