"""What is shown around a card: the title unless it answers, the source with siblings blanked."""

from quizgen.core.models import Card, CardSource
from quizgen.study.context import context_title, masked_source


def card(question, answer, fact_key="infobox:x", extra=None):
    source = CardSource("a.txt", "T", "Infobox", "")
    return Card("0" * 16, "d", "infobox", question, answer, fact_key, source, extra=extra or {})


def test_the_title_is_hidden_when_it_is_or_holds_the_answer():
    assert context_title(card("Who wrote it?", "George Orwell"), "Animal Farm") == "Animal Farm"
    assert context_title(card("Which book?", "Animal Farm"), "Animal Farm") is None
    reverse = card("Which 1919 expedition did X lead?", "Zangezur", extra={"reverse": True})
    assert context_title(reverse, "Anything") is None
    assert context_title(card("When did it start?", "1918"), "1918–1920 war") is None
    assert context_title(card("When did it start?", "1919"), "1918–1920 war") == "1918–1920 war"


def test_sibling_answers_are_blanked_unless_this_card_shows_them():
    mine = card("Name one commander of the Armenian side.", "Dro")
    line = "Commander1: Dro, Andranik (Armenia)"
    assert masked_source(line, mine, ["Andranik", "Armenia", "Dro"]) == "Commander1: Dro, … (…)"
    named = card("Who commanded for Armenia?", "Dro")
    assert masked_source(line, named, ["Armenia"]) == line  # the question names it already
    assert masked_source("Author: George Orwell", card("Which book?", "Animal Farm"), []) == (
        "Author: George Orwell"
    )


def test_feedback_shows_one_answer_and_lists_the_others():
    from quizgen.study.context import feedback

    multi = Card(
        "0" * 16,
        "d",
        "infobox",
        "Name one residence of X.",
        "Basra",
        "infobox:residence",
        CardSource("a", "X", "Infobox", ""),
        accepted=("Cairo",),
    )
    said = feedback(multi, "partly right: the full answer is Cairo", "Cairo")
    assert (said.reason, said.answer, said.also_right) == ("partly right", "Cairo", ("Basra",))
    said = feedback(multi, "short answers must be exact: the answer is Basra", None)
    assert (said.reason, said.answer) == ("short answers must be exact", "Basra")


def test_a_title_the_question_already_names_is_shown():
    assert context_title(card("Who owns Animal Farm Ltd?", "Animal Farm Ltd"), "Animal Farm")
