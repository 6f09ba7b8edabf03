"""A learner's edits and flags through rebuilds of the bundled seed articles: an edit is
kept while the article's answer stays; when it changes, the learner's card stays as they
knew it, marked with what the article says now; flags stay, and `--report` lists them."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta

import pytest
from support.paths import SEEDS

from quizgen.browse import marks
from quizgen.browse.editing import ProposedEdit, save_edit
from quizgen.browse.info import card_info
from quizgen.browse.search import search_cards
from quizgen.build.pipeline import build_corpus
from quizgen.cli import main
from quizgen.store import open_database
from quizgen.store import queue as queue_store

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
T1 = T0 + timedelta(days=10)
EXPEDITION = "Zangezur Expedition"
WARDROP = "In which month of 1919 did Oliver Wardrop telegraph London?"
MEETING = "In which month of 1919 did Yusifbeyli and Khatisian meet in Tiflis?"
SENTENCE = "On November 16, 1919, Oliver Wardrop telegraphed London"
ARTICLE = "004_bced1e418d70c154.txt"


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def build(db, folder, now=T0):
    return build_corpus(db, [folder], now=now, definitions=[])


def rewrite(folder, old: str, new: str) -> None:
    path = folder / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def card_asking(db, question: str):
    matches = [c for c in search_cards(db, limit=None).cards if c.question == question]
    assert len(matches) == 1, question
    return card_info(db, matches[0].card_id)


def study(db, card_id: str) -> None:
    """The learner has reviewed the card: it is in review, due in five days."""
    db.execute(
        "UPDATE cards SET fsrs_state = 2, stability = 5.0, difficulty = 4.0, due = ?, reps = 2"
        " WHERE id = ?",
        [(T0 + timedelta(days=5)).isoformat(), card_id],
    )


def test_an_edit_is_kept_through_rebuilds_while_the_answer_stays(seeds, tmp_path):
    db = open_database(tmp_path / "k.db")
    build(db, seeds)
    info = card_asking(db, WARDROP)
    mine = "When did Wardrop send his telegram to London?"
    save_edit(
        db, info.generated, ProposedEdit(mine, info.card.answer, (), info.card.distractors), T0
    )
    rewrite(seeds, "which only became widely known", "which became widely known")  # same answer
    report = build(db, seeds, T1)
    assert report.changes[EXPEDITION].kept_edit == 1
    again = card_info(db, info.card.id)
    assert again.card.question == mine and again.article_now_says is None
    assert again.card.distractors == again.generated.distractors  # options follow the build
    assert report.changes[EXPEDITION].as_dict()["added"] == 0  # the same cards, rebuilt
    assert queue_store.card_to_show(db, info.card.id)["question"] == mine
    # a rebuild that changes nothing keeps it too (the file is skipped as unchanged)
    build(db, seeds, T1 + timedelta(days=1))
    assert card_info(db, info.card.id).card.question == mine


def test_an_edit_whose_article_answer_changed_keeps_the_learners_text_and_is_marked(
    seeds, tmp_path, capsys
):
    db_path = tmp_path / "c.db"
    db = open_database(db_path)
    build(db, seeds)
    info = card_asking(db, WARDROP)
    study(db, info.card.id)
    mine = "When did Wardrop telegraph London about the Armenians seeking peace?"
    save_edit(
        db, info.generated, ProposedEdit(mine, info.card.answer, (), info.card.distractors), T0
    )
    rewrite(seeds, SENTENCE, "On December 18, 1919, Oliver Wardrop telegraphed London")
    assert 0 == main(["build", str(seeds), "--db", str(db_path), "--jobs", "1"])
    out = capsys.readouterr().out
    [line] = [text for text in out.splitlines() if text.startswith(f"  {EXPEDITION}:")]
    # the article's timeline card lists the moved event too: it is made anew
    assert line == (
        f"  {EXPEDITION}: 1 added, 1 retired, 16 unchanged, 1 kept your edit, article changed"
    )
    changed = card_info(db, info.card.id)
    assert changed.card.question == mine
    assert changed.card.answer == "November 1919"  # what the learner studied, kept
    assert changed.generated.answer == "December 1919"
    assert changed.article_now_says == "December 1919"
    assert changed.card.distractors == info.card.distractors  # the options it was studied with
    assert changed.stage == "review" and changed.scheduling.reps == 2  # not reset
    assert [c[1] for c in changed.changes] == ["answer_changed"]  # and recorded
    listing = next(c for c in search_cards(db).cards if c.card_id == info.card.id)
    assert listing.source_answer == "December 1919"
    # the learner looks and keeps their card: the mark goes, their text stays
    save_edit(db, changed.generated, ProposedEdit.of(changed.card), T1)
    looked = card_info(db, info.card.id)
    assert looked.article_now_says is None and looked.card.answer == "November 1919"
    assert looked.card.question == mine


def test_an_unedited_card_whose_answer_changed_is_still_reset(seeds, tmp_path):
    db = open_database(tmp_path / "u.db")
    build(db, seeds)
    info = card_asking(db, WARDROP)
    study(db, info.card.id)
    rewrite(seeds, SENTENCE, "On December 18, 1919, Oliver Wardrop telegraphed London")
    report = build(db, seeds, T1)
    assert report.changes[EXPEDITION].answer_changed == 1
    assert report.changes[EXPEDITION].edit_outdated == 0
    assert card_info(db, info.card.id).stage == "new"


def test_flags_survive_rebuilds_and_the_report_lists_them_per_article(seeds, tmp_path, capsys):
    db_path = tmp_path / "f.db"
    db = open_database(db_path)
    build(db, seeds)
    meeting = card_asking(db, MEETING)
    marks.flag(db, meeting.card.id, "not worth learning", T0)
    war_card = search_cards(db, deck="Armenian–Azerbaijani war (1918–1920)").cards[0]
    marks.flag(db, war_card.card_id, "ambiguous", T0)
    rewrite(seeds, SENTENCE, "On December 18, 1919, Oliver Wardrop telegraphed London")
    report_path = tmp_path / "report.md"
    assert 0 == main(
        ["build", str(seeds), "--db", str(db_path), "--jobs", "1", "--report", str(report_path)]
    )
    assert card_info(db, meeting.card.id).flag[0] == "not-worth-learning"
    assert meeting.card.id not in queue_store.new_card_ids(db, EXPEDITION, 100)
    report = report_path.read_text(encoding="utf-8")
    section = report.split("## Cards flagged by learners (2)")[1]
    war_at = section.index("### Armenian–Azerbaijani war (1918–1920)")
    expedition_at = section.index(f"### {EXPEDITION}")
    assert war_at < expedition_at
    assert (
        f"- *not worth learning* — {MEETING} → November 1919 (`{meeting.card.id}`)"
        in (section[expedition_at:])
    )
    assert f"- *ambiguous* — {war_card.question}" in section[war_at:expedition_at]
    capsys.readouterr()
