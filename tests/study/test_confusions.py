"""Confusions remembered: what wrong answers land on, counted from recorded reviews, and
the note a card shows once its wrong answers keep landing on the same thing."""

from __future__ import annotations

from datetime import UTC, timedelta

from support.study import T0, make_database, review_rows

from quizgen.history.report import build_report, report_to_json, top_confusions
from quizgen.store.reviews import confusion_counts
from quizgen.study.confusions import ConfusionNote, landed_on, repeated_confusion, typed_confusion
from quizgen.study.scheduling import build_scheduler
from quizgen.study.session import StudySession
from quizgen.study.settings import load_settings


def new_session(db, deck):
    settings = load_settings(db)
    return StudySession(
        db,
        deck=deck,
        mode="choice",
        scheduler=build_scheduler(settings, enable_fuzzing=False),
        settings=settings,
        now=T0,
        tz=UTC,
    )


def draw(session, question_start, now=T0):
    """Draw cards (answering the others right) until the one asked as `question_start`."""
    while True:
        card = session.next_card(now)
        assert card is not None
        if card.card.question.startswith(question_start):
            return card
        session.answer(
            card, 4, mode="choice", answer_given=card.card.answer, verdict="correct",
            duration_ms=900, now=now,
        )  # fmt: skip


def answer_wrong(session, card, given, now):
    confused = landed_on(card.card, "choice", given, "wrong")
    result = session.answer(
        card, 1, mode="choice", answer_given=given, verdict="wrong",
        duration_ms=1200, now=now, confused_with=confused,
    )  # fmt: skip
    return result, confused


def test_a_typed_answer_lands_on_the_distractor_the_checker_takes_it_for(study_db):
    session = new_session(study_db, "people")
    died = draw(session, "Where did Ada Lovelace die?").card
    assert typed_confusion("Bath", died) == "Bath"
    assert typed_confusion("bath", died) == "Bath"  # any case, as the checker reads it
    assert typed_confusion("Kensingtn", died) == "Kensington"  # close to it
    assert typed_confusion("London", died) is None  # wrong, but none of the options
    assert typed_confusion("", died) is None
    born = session.load_card(
        next(study_db["cards"].rows_where("answer = '10 December 1815'"))["id"]
    ).card
    assert typed_confusion("4 March 1809", born) == "4 March 1809"
    assert typed_confusion("March 4, 1809", born) == "4 March 1809"  # a date by its value
    # only a wrong answer lands anywhere; a choice lands on the option picked
    assert landed_on(died, "type", "Bath", "close") is None
    assert landed_on(died, "choice", "Richmond", "wrong") == "Richmond"
    assert landed_on(died, "flip", None, None) is None


def test_the_note_names_what_a_repeated_confusion_really_is(tmp_path):
    db = make_database(tmp_path / "c.db")
    session = new_session(db, "history")
    crowned = draw(session, "When was William crowned")
    result, confused = answer_wrong(session, crowned, "14 October 1066", T0)
    assert confused == "14 October 1066"
    assert session.confusion_note(crowned, result, confused) is None  # the first time
    again = T0 + timedelta(minutes=15)
    crowned = draw(session, "When was William crowned", again)
    result, confused = answer_wrong(session, crowned, "14 October 1066", again)
    note = session.confusion_note(crowned, result, confused)
    assert note is not None and note.times_before == 1
    assert note.text() == (
        "You chose 14 October 1066 once before: 14 October 1066 is the answer to "
        "“When was the Battle of Hastings fought?” (Battle of Hastings)"
    )
    assert [row["confused_with"] for row in review_rows(db) if row["verdict"] == "wrong"] == [
        "14 October 1066",
        "14 October 1066",
    ]
    assert confusion_counts(db, crowned.card.id)[0][:2] == ("14 October 1066", 2)
    # a right answer afterwards still says it: the card keeps landing on the same date
    later = T0 + timedelta(minutes=40)
    crowned = draw(session, "When was William crowned", later)
    right = session.answer(
        crowned, 3, mode="choice", answer_given=crowned.card.answer, verdict="correct",
        duration_ms=800, now=later,
    )  # fmt: skip
    note = session.confusion_note(crowned, right, None)
    assert note is not None and (note.chosen, note.times_before) == ("14 October 1066", 2)
    assert note.text().startswith("You chose 14 October 1066 twice before")


def test_repeated_confusion_counts_before_this_answer():
    counts = [("Bath", 2), ("Richmond", 1)]
    assert repeated_confusion(counts, now_landed_on="Bath", counted_now=True) == ("Bath", 1)
    assert repeated_confusion(counts, now_landed_on="Bath", counted_now=False) == ("Bath", 2)
    assert repeated_confusion(counts, now_landed_on="Kew", counted_now=False) == ("Bath", 2)
    assert repeated_confusion([("Bath", 1)], now_landed_on="Bath", counted_now=True) is None
    assert repeated_confusion([("Bath", 1)], now_landed_on=None, counted_now=True) is None
    assert ConfusionNote("Bath", 3).text() == "You chose Bath 3 times before for this card"


def test_history_lists_pairs_mixed_up_either_way_with_counts(tmp_path):
    db = make_database(tmp_path / "h.db")
    session = new_session(db, "history")
    moment = T0
    # the coronation taken for the battle twice, the battle for the coronation once (typed)
    wrong = {"When was William crowned": 2, "When was the Battle of Hastings": 1}
    while sum(wrong.values()):
        card = session.next_card(moment)
        assert card is not None
        question = next(q for q in wrong if card.card.question.startswith(q))
        if not wrong[question]:  # back from a wrong answer: right this time, and gone
            session.answer(
                card, 4, mode="choice", answer_given=card.card.answer, verdict="correct",
                duration_ms=700, now=moment,
            )  # fmt: skip
            continue
        wrong[question] -= 1
        if question.startswith("When was William"):
            answer_wrong(session, card, "14 October 1066", moment)
        else:
            session.answer(
                card, 1, mode="type", answer_given="25 december 1066", verdict="wrong",
                duration_ms=1000, now=moment, confused_with="25 December 1066",
            )  # fmt: skip
        moment += timedelta(minutes=15)
    (pair,) = top_confusions(db)
    assert (pair.answers, pair.count, pair.cards) == (("25 December 1066", "14 October 1066"), 3, 2)
    assert top_confusions(db, deck="people") == []
    report = build_report(db, moment + timedelta(minutes=1), deck="history")
    assert report_to_json(report)["confusions"] == [
        {"answers": ["25 December 1066", "14 October 1066"], "count": 3, "cards": 2}
    ]
