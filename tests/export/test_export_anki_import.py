"""Every Anki export opened by Anki itself: the `anki` package imports it into a fresh collection.

The cards come from the bundled seeds (real Wikipedia articles), studied through
quizgen's own study session, one suspended there, one retired by a rebuild after its
infobox line was removed from the article. Anki counts its days by the real clock
(its "today" is the day of the import), so the expected due days are counted from
the moment of the import, as Anki does.
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import genanki
import pytest
from fsrs import Rating
from support.anki import cards_by_guid, import_apkg, import_csv, new_collection
from support.export import SEEDS, T0, built_database
from support.paths import CORPUS

from quizgen.cli import main
from quizgen.export.anki import export_apkg
from quizgen.export.anki_note_types import is_cloze, note_type_for
from quizgen.export.anki_tags import note_tags
from quizgen.export.csv import CSV_COLUMNS, export_csv
from quizgen.store.card_state import LEARNING, REVIEW
from quizgen.store.cards import card_from_row
from quizgen.store.settings import load_clock
from quizgen.study.scheduling import build_scheduler
from quizgen.study.session import StudySession
from quizgen.study.settings import load_settings

ZANGEZUR = "004_bced1e418d70c154.txt"
RETIRED_LINE = "- Place: Zangezur uezd\n"
"""Removed from the article before the second build: the place card is retired."""
STRENGTH_LINE = "- Strength1: 1,500–5,500\n"
RATINGS = (Rating.Easy, Rating.Good, Rating.Again, Rating.Easy, Rating.Easy, Rating.Good)
"""Answers given in the study session: Easy makes a review card, Good and Again learning ones."""
STUDIED_AT = T0 + timedelta(days=2)
EXPORTED_AT = STUDIED_AT + timedelta(hours=3)


@dataclass(frozen=True)
class Studied:
    """A seeds database after a study session, a suspension and a rebuild that retired a card."""

    db: object
    seeds: Path
    rows: dict[str, dict]
    suspended: str
    retired: str


def studied_database(folder: Path) -> Studied:
    seeds = folder / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = built_database(folder / "quiz.db", seeds)
    settings = load_settings(db)
    session = StudySession(
        db,
        deck=None,
        mode="type",
        scheduler=build_scheduler(settings, enable_fuzzing=False),
        settings=settings,
        now=STUDIED_AT,
    )
    for rating in RATINGS:
        drawn = session.next_card(STUDIED_AT)
        session.answer(
            drawn,
            rating,
            mode="type",
            answer_given=drawn.card.answer,
            verdict="correct" if rating != Rating.Again else "wrong",
            duration_ms=2000,
            now=STUDIED_AT,
        )
    suspended = session.next_card(STUDIED_AT).card.id
    session.suspend(suspended)
    session.end(STUDIED_AT)

    article = seeds / ZANGEZUR
    text = article.read_text(encoding="utf-8")
    assert RETIRED_LINE in text
    article.write_text(text.replace(RETIRED_LINE, ""), encoding="utf-8")
    built_database(folder / "quiz.db", seeds, now=STUDIED_AT + timedelta(hours=1))
    rows = {row["id"]: row for row in db.query("SELECT * FROM cards")}
    (retired,) = [card_id for card_id, row in rows.items() if row["status"] == "retired"]
    return Studied(db, seeds, rows, suspended, retired)


@pytest.fixture(scope="module")
def studied(tmp_path_factory) -> Studied:
    return studied_database(tmp_path_factory.mktemp("studied"))


@pytest.fixture
def anki(tmp_path):
    collection = new_collection(tmp_path / "anki")
    yield collection
    collection.close()


def _exported(studied: Studied, tmp_path: Path, **options) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    out = tmp_path / "quizgen.apkg"
    count = export_apkg(studied.db, out=out, now=EXPORTED_AT, **options)
    assert count == len(studied.rows)
    return out


def _only(cards_of_note: list) -> object:
    (card,) = cards_of_note
    return card


def test_each_mode_gives_anki_its_note_types_and_real_clozes(studied, tmp_path):
    for mode in ("typed", "choice", "flip"):
        collection = new_collection(tmp_path / mode)
        try:
            log = import_apkg(collection, _exported(studied, tmp_path / mode, mode=mode))
            assert len(log.new) == len(studied.rows)
            imported = cards_by_guid(collection)
            assert len(imported) == len(studied.rows) == collection.note_count()
            for card_id, row in studied.rows.items():
                card = card_from_row(row)
                anki_card = _only(imported[genanki.guid_for(card_id)])
                note_type = note_type_for(card, mode)
                assert anki_card.note_type == note_type.name
                assert list(anki_card.fields) == list(note_type.fields)
                if note_type.is_cloze:
                    _assert_real_cloze(anki_card, card, typed=mode != "flip")
                elif mode == "typed" or (mode == "choice" and not card.distractors):
                    # Anki's reviewer fills the box in, and compares with the Answer field
                    assert "[[type:Answer]]" in anki_card.question_html
                    assert "[[type:Answer]]" in anki_card.answer_html
                    assert html.unescape(anki_card.fields["Answer"]) == card.answer
                else:
                    assert html.escape(card.answer) in anki_card.answer_html
                if "Options" in anki_card.fields:
                    options = re.findall(r"<li>(.*?)</li>", anki_card.question_html)
                    assert sorted(html.unescape(option) for option in options) == sorted(
                        {card.answer, *card.distractors}
                    )
                else:
                    assert "<li>" not in anki_card.question_html
        finally:
            collection.close()


def _assert_real_cloze(anki_card, card, *, typed: bool) -> None:
    """Anki's own cloze parser finds deletion 1, hides the answer on the front, shows it on
    the back, with the precision as its hint; the type-in box only in the typed mode."""
    assert is_cloze(card)
    text = anki_card.fields["Text"]
    assert "{{c1::" in text and "____" not in text
    assert f'data-ordinal="1">[{_hint(card)}]</span>' in anki_card.question_html
    assert html.escape(card.answer) not in anki_card.question_html.split("<style>")[0]
    before, _, after = card.question.partition("____")
    shown = re.sub(r"<[^>]+>", "", anki_card.answer_html.split("</style>")[-1])
    assert html.unescape(shown).startswith(before + card.answer + after)
    assert ("[[type:cloze:Text]]" in anki_card.question_html) is typed


def _hint(card) -> str:
    return {"day": "date", "month": "month", "year": "year"}[card.date.precision]


def test_suspended_and_retired_cards_arrive_suspended_and_every_note_is_tagged(
    studied, tmp_path, anki
):
    import_apkg(anki, _exported(studied, tmp_path, mode="typed"))
    imported = cards_by_guid(anki)

    for card_id, row in studied.rows.items():
        anki_card = _only(imported[genanki.guid_for(card_id)])
        suspended = card_id == studied.suspended
        retired = card_id == studied.retired
        assert anki_card.queue == (-1 if suspended or retired else 0)
        expected = note_tags(card_from_row(row), suspended=suspended, retired=retired)
        assert anki_card.tags == frozenset(expected)
        assert not any(" " in tag for tag in anki_card.tags)
    retired = [anki.get_note(note_id).guid for note_id in anki.find_notes("tag:quizgen::retired")]
    assert retired == [genanki.guid_for(studied.retired)]
    deck_tag = '"tag:quizgen::deck::Armenian–Azerbaijani_war_(1918–1920)"'  # quoted: ( )
    deck = "Armenian–Azerbaijani war (1918–1920)"
    assert len(anki.find_notes(deck_tag)) == sum(r["deck"] == deck for r in studied.rows.values())


def test_with_scheduling_carries_due_days_and_intervals(studied, tmp_path, anki):
    import_apkg(anki, _exported(studied, tmp_path, mode="typed", with_scheduling=True))
    imported_at = datetime.now(UTC)
    imported = cards_by_guid(anki)
    clock = load_clock(studied.db)
    today = anki.sched.today

    kinds = set()
    for card_id, row in studied.rows.items():
        anki_card = _only(imported[genanki.guid_for(card_id)])
        held = card_id in (studied.suspended, studied.retired)
        if row["fsrs_state"] is None:
            assert (anki_card.type, anki_card.ivl, anki_card.reps) == (0, 0, 0)
            assert anki_card.queue == (-1 if held else 0)
            continue
        due = datetime.fromisoformat(row["due"])
        assert (anki_card.reps, anki_card.lapses) == (row["reps"], row["lapses"])
        assert anki_card.type == row["fsrs_state"]
        kinds.add(row["fsrs_state"])
        if row["fsrs_state"] == REVIEW:
            interval = due - datetime.fromisoformat(row["last_review"])
            assert anki_card.ivl == round(interval / timedelta(days=1)) >= 1
            assert anki_card.due - today == (clock.day_of(due) - clock.day_of(imported_at)).days
            assert anki_card.queue == 2 and anki_card.factor == 2500
        else:  # learning, due minutes after the session: a moment, not a day
            assert anki_card.queue == 1
            assert anki_card.due == int(due.timestamp())
    assert kinds == {LEARNING, REVIEW}
    reviewed = sum(row["fsrs_state"] is not None for row in studied.rows.values())
    assert reviewed == len(RATINGS)


def test_without_scheduling_every_card_is_new_but_suspension_stays(studied, tmp_path, anki):
    import_apkg(anki, _exported(studied, tmp_path, mode="flip"))
    for card_id in studied.rows:
        anki_card = _only(cards_by_guid(anki)[genanki.guid_for(card_id)])
        assert (anki_card.type, anki_card.ivl, anki_card.reps) == (0, 0, 0)
        held = card_id in (studied.suspended, studied.retired)
        assert anki_card.queue == (-1 if held else 0)


def test_a_second_export_after_a_rebuild_updates_the_notes(tmp_path, anki):
    studied = studied_database(tmp_path / "quiz")
    import_apkg(anki, _exported(studied, tmp_path / "first", mode="typed"))
    before = cards_by_guid(anki)

    # The article changes: the expedition ends a day later, its strength line is gone.
    article = studied.seeds / ZANGEZUR
    text = article.read_text(encoding="utf-8")
    assert "- Date: 3/4–9 November 1919" in text and STRENGTH_LINE in text
    edited = text.replace("3/4–9 November 1919", "4–10 November 1919").replace(STRENGTH_LINE, "")
    article.write_text(edited, "utf-8")
    built_database(Path(_path(studied.db)), studied.seeds, now=EXPORTED_AT + timedelta(hours=1))
    rows = {row["id"]: row for row in studied.db.query("SELECT * FROM cards")}
    out = tmp_path / "second.apkg"
    export_apkg(studied.db, out=out, mode="typed", now=EXPORTED_AT + timedelta(hours=2))
    log = import_apkg(anki, out)
    after = cards_by_guid(anki)

    assert rows.keys() == studied.rows.keys()
    assert anki.note_count() == len(after) == len(before) == len(rows)
    assert not log.new and len(log.updated) >= 1
    (changed,) = [i for i in rows if rows[i]["answer"] != studied.rows[i]["answer"]]
    (gone,) = [i for i in rows if rows[i]["status"] != studied.rows[i]["status"]]
    # Newly retired: the note is tagged; Anki keeps the schedule of a card it already
    # has (the README says so and how to suspend them), so it is still active there.
    gone_card = _only(after[genanki.guid_for(gone)])
    assert rows[gone]["status"] == "retired" and "quizgen::retired" in gone_card.tags
    assert gone_card.queue == _only(before[genanki.guid_for(gone)]).queue == 0
    assert rows[changed]["answer"] == "4–10 November 1919"
    assert html.unescape(_only(after[genanki.guid_for(changed)]).fields["Answer"]) == (
        "4–10 November 1919"
    )
    for card_id in rows.keys() - {changed, gone}:
        guid = genanki.guid_for(card_id)
        assert _only(after[guid]).fields == _only(before[guid]).fields


def _path(db) -> str:
    return db.conn.execute("PRAGMA database_list").fetchone()[2]


def test_the_csv_opens_in_ankis_text_importer_without_a_header_note(studied, tmp_path, anki):
    out = tmp_path / "cards.csv"
    count = export_csv(studied.db, out=out)
    metadata, log = import_csv(anki, out, "question", "answer", list(CSV_COLUMNS))

    assert list(metadata.column_labels) == list(CSV_COLUMNS)
    assert not metadata.is_html
    assert len(log.new) == count == anki.note_count()
    imported = cards_by_guid(anki)
    active = {i: r for i, r in studied.rows.items() if r["status"] == "active"}
    assert set(imported) == set(active)  # the card id is the note's GUID
    for card_id, row in active.items():
        anki_card = _only(imported[card_id])
        # "#html:false": Anki stores the text escaped, so it shows exactly as written
        shown = {name: html.unescape(value) for name, value in anki_card.fields.items()}
        # a line break (a timeline's list of events) arrives as Anki's <br>
        shown = {name: value.replace("<br>", "\n") for name, value in shown.items()}
        assert shown == {"Front": row["question"], "Back": row["answer"]}
        expected = note_tags(card_from_row(row), suspended=False, retired=False)
        assert anki_card.tags == frozenset(expected)
    assert any("–" in card.fields["Front"] for (card,) in imported.values())

    _, again = import_csv(anki, out, "question", "answer", list(CSV_COLUMNS))
    assert anki.note_count() == count and not again.new


def test_cli_mode_defaults_to_the_answer_mode_setting_and_is_apkg_only(studied, tmp_path, capsys):
    db_path = _path(studied.db)
    base = ["export", "--db", db_path, "--format", "apkg"]
    assert main(["config", "answer_mode", "choice", "--db", db_path]) == 0
    try:
        assert main([*base, "--out", str(tmp_path / "default.apkg")]) == 0
    finally:
        assert main(["config", "answer_mode", "type", "--db", db_path]) == 0
    assert main([*base, "--mode", "choice", "--out", str(tmp_path / "choice.apkg")]) == 0
    assert main([*base, "--mode", "typed", "--out", str(tmp_path / "typed.apkg")]) == 0
    default, choice, typed = (
        (tmp_path / name).read_bytes() for name in ("default.apkg", "choice.apkg", "typed.apkg")
    )
    names = {}
    for name in ("default", "choice", "typed"):
        collection = new_collection(tmp_path / f"anki-{name}")
        try:
            import_apkg(collection, tmp_path / f"{name}.apkg")
            names[name] = {c.note_type for (c,) in cards_by_guid(collection).values()}
        finally:
            collection.close()
    assert default and choice and typed
    assert names["default"] == names["choice"] != names["typed"]
    assert "quizgen Multiple choice" in names["choice"]
    capsys.readouterr()

    for option in (["--mode", "flip"], ["--with-scheduling"]):
        assert main(["export", "--db", db_path, "--format", "csv", *option]) == 2
        flag = option[0]
        assert capsys.readouterr().err == f"quiz export: {flag} applies to --format apkg only\n"


def test_a_lapsed_card_and_a_learning_step_of_days_keep_their_anki_queues(tmp_path, anki):
    """Relearning (a review card forgotten: type 3, a lapse counted) and a learning step of
    two days (Anki's day-learning queue 3, due as a day, not a moment)."""
    db = built_database(tmp_path / "quiz.db", SEEDS)
    assert main(["config", "learning_steps", "2d", "--db", _path(db)]) == 0
    settings = load_settings(db)
    session = StudySession(
        db,
        deck=None,
        mode="flip",
        scheduler=build_scheduler(settings, enable_fuzzing=False),
        settings=settings,
        now=STUDIED_AT,
    )
    forgotten = session.next_card(STUDIED_AT)
    session.answer(forgotten, Rating.Easy, **_flip(STUDIED_AT))
    stepped = session.next_card(STUDIED_AT)
    session.answer(stepped, Rating.Again, **_flip(STUDIED_AT))  # back to its 2-day step
    due = datetime.fromisoformat(db["cards"].get(forgotten.card.id)["due"])
    later = StudySession(
        db,
        deck=None,
        mode="flip",
        scheduler=build_scheduler(settings, enable_fuzzing=False),
        settings=settings,
        now=due,
        card_ids=[forgotten.card.id],
    )
    session.answer(later.next_card(due), Rating.Again, **_flip(due))
    out = tmp_path / "lapsed.apkg"
    export_apkg(db, out=out, mode="flip", with_scheduling=True, now=due + timedelta(minutes=1))

    import_apkg(anki, out)
    imported_at = datetime.now(UTC)
    imported = cards_by_guid(anki)
    clock = load_clock(db)
    lapsed_row, stepped_row = (db["cards"].get(c.card.id) for c in (forgotten, stepped))
    lapsed = _only(imported[genanki.guid_for(forgotten.card.id)])
    assert (lapsed_row["fsrs_state"], lapsed_row["lapses"]) == (3, 1)
    assert (lapsed.type, lapsed.queue, lapsed.lapses, lapsed.reps) == (3, 1, 1, 2)
    assert lapsed.due == int(datetime.fromisoformat(lapsed_row["due"]).timestamp())
    day_learning = _only(imported[genanki.guid_for(stepped.card.id)])
    stepped_due = datetime.fromisoformat(stepped_row["due"])
    assert stepped_due - STUDIED_AT == timedelta(days=2)
    assert (day_learning.type, day_learning.queue) == (1, 3)
    expected = (clock.day_of(stepped_due) - clock.day_of(imported_at)).days
    assert day_learning.due - anki.sched.today == expected


def _flip(now: datetime) -> dict:
    return {"mode": "flip", "answer_given": None, "verdict": None, "duration_ms": 900, "now": now}


def test_a_package_in_another_mode_leaves_the_note_types_anki_has(studied, tmp_path, anki):
    """What the README warns of: Anki skips a note whose note type would change."""
    import_apkg(anki, _exported(studied, tmp_path / "typed", mode="typed"))
    before = {guid: _only(cards).note_type for guid, cards in cards_by_guid(anki).items()}
    out = tmp_path / "choice.apkg"
    export_apkg(studied.db, out=out, mode="choice", now=EXPORTED_AT + timedelta(hours=1))
    log = import_apkg(anki, out)

    after = {guid: _only(cards).note_type for guid, cards in cards_by_guid(anki).items()}
    assert after == before and not log.new
    assert len(log.conflicting) == sum(
        bool(card_from_row(row).distractors) for row in studied.rows.values()
    )


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_the_whole_corpus_imports_in_every_mode_with_no_empty_card(tmp_path):
    """All 26 real articles: every note becomes exactly one card Anki can show, every cloze
    has its deletion, whatever the mode."""
    db = built_database(tmp_path / "corpus.db", CORPUS / "b")
    rows = {genanki.guid_for(row["id"]): card_from_row(row) for row in db.query(
        "SELECT * FROM cards")}  # fmt: skip
    assert sum(is_cloze(card) for card in rows.values()) >= 10
    for mode in ("typed", "choice", "flip"):
        collection = new_collection(tmp_path / mode)
        try:
            out = tmp_path / f"{mode}.apkg"
            assert export_apkg(db, out=out, mode=mode, with_scheduling=True) == len(rows)
            log = import_apkg(collection, out)
            assert len(log.new) == len(rows) == collection.note_count() == collection.card_count()
            assert not collection.get_empty_cards().notes
            for guid, cards in cards_by_guid(collection).items():
                card = rows[guid]
                (anki_card,) = cards
                assert anki_card.note_type == note_type_for(card, mode).name
                if note_type_for(card, mode).is_cloze:
                    assert f"[{_hint(card)}]</span>" in anki_card.question_html
        finally:
            collection.close()


def test_the_auto_answer_mode_exports_as_choice(studied, tmp_path):
    """auto asks a new card as multiple choice; Anki cannot change a note's type later."""
    db_path = _path(studied.db)
    assert main(["config", "answer_mode", "auto", "--db", db_path]) == 0
    try:
        out = tmp_path / "auto.apkg"
        assert main(["export", "--db", db_path, "--format", "apkg", "--out", str(out)]) == 0
    finally:
        assert main(["config", "answer_mode", "type", "--db", db_path]) == 0
    collection = new_collection(tmp_path / "anki-auto")
    try:
        import_apkg(collection, out)
        names = {c.note_type for (c,) in cards_by_guid(collection).values()}
    finally:
        collection.close()
    assert "quizgen Multiple choice" in names
