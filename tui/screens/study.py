"""One card at a time, in one of three answer modes: type, choice or flip.

The screen only shows and listens: the session draws cards and records answers,
grade_answer judges typed text. Card text comes from untrusted articles, so it
is always shown through Text objects, never parsed as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fsrs import Rating
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Click
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from quizgen.cards.kinds import kind_of
from quizgen.cards.options import choice_order
from quizgen.study.scheduling import suggested_rating
from quizgen.study.session import StudyCard, StudyError, StudySession
from quizgen.study.settings import ANSWER_MODES, set_setting

RATING_NAMES = {int(rating): rating.name for rating in Rating}
"""The keys 1-4 are fsrs's ratings: Again, Hard, Good, Easy."""
RATING_STYLES = {
    int(Rating.Again): "bold white on red",
    int(Rating.Hard): "bold black on yellow",
    int(Rating.Good): "bold white on green",
    int(Rating.Easy): "bold white on blue",
}
VERDICT_STYLES = {"correct": "bold green", "close": "bold yellow", "wrong": "bold red"}


def choice_options(study_card: StudyCard) -> list[str]:
    """The answer among up to three distractors, in the card's one order (as in Anki)."""
    return choice_order(study_card.card)


@dataclass
class PendingAnswer:
    """An answer given but not yet committed: the learner may still change the rating."""

    rating: int
    answer_given: str | None
    verdict: str | None
    duration_ms: int


class ChoiceOption(Static):
    """One clickable option of a multiple-choice card."""

    class Chosen(Message):
        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def __init__(self, number: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.number = number

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Chosen(self.number))


class StudyScreen(Screen):
    """Study a deck (None = all decks); q or Escape ends with a summary."""

    BINDINGS = [
        Binding("space", "proceed", "Show/next", show=False),
        Binding("enter", "proceed", "Next", show=False),
        Binding("1", "number(1)", "Again", show=False),
        Binding("2", "number(2)", "Hard", show=False),
        Binding("3", "number(3)", "Good", show=False),
        Binding("4", "number(4)", "Easy", show=False),
        Binding("m", "switch_mode", "Mode"),
        Binding("u", "undo", "Undo"),
        Binding("s", "suspend", "Suspend"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "finish", "End"),
        Binding("escape", "finish", "End", show=False),
    ]

    def __init__(
        self, deck: str | None, mode: str | None = None, *, card_ids: list[str] | None = None
    ) -> None:
        super().__init__()
        self.deck = deck
        self.card_ids = card_ids
        self.requested_mode = mode
        self.session: StudySession | None = None
        self.current: StudyCard | None = None
        self.pending: PendingAnswer | None = None
        self.revealed = False
        self.shown_at: datetime | None = None
        self.mode = "type"

    def compose(self) -> ComposeResult:
        yield Static(id="study-status")
        with VerticalScroll(id="card"):
            yield Static(id="article")
            yield Static(id="question")
            yield Input(placeholder="type your answer, Enter to check", id="answer")
            with Vertical(id="choices"):
                for number in range(1, 5):
                    yield ChoiceOption(number, id=f"choice-{number}", classes="choice")
            yield Static(id="hint")
            yield Static(id="feedback")
            yield Static(id="source")
        yield Footer()

    def on_mount(self) -> None:
        app = self.app
        self.mode = self.requested_mode or app.settings.answer_mode
        try:
            self.session = app.new_session(self.deck, self.mode, self.card_ids)
        except StudyError as error:
            app.notify(str(error), severity="error", markup=False)
            app.show_decks()
            return
        self._show_next()

    # -- showing -----------------------------------------------------------------

    @property
    def card_mode(self) -> str:
        """The mode for the current card: flip when its kind cannot be studied in the chosen
        mode (quizgen.cards.kinds), and choice falls back to flip without distractors."""
        if self.current and self.mode not in kind_of(self.current.card.kind).study_modes:
            return "flip"
        if self.mode == "choice" and self.current and not self.current.card.distractors:
            return "flip"
        return self.mode

    def _show_next(self) -> None:
        assert self.session is not None
        card = self.session.next_card(self.app.now())
        if card is None:
            self._finish()
            return
        self._show(card)

    def _show(self, card: StudyCard) -> None:
        self.current = card
        self.pending = None
        self.revealed = False
        self.shown_at = self.app.now()
        self._render_card()

    def _render_status(self) -> None:
        assert self.session is not None
        counts = self.session.counts()
        deck = self.deck or "All decks"
        status = Text()
        status.append(deck, style="bold")
        status.append(f"  ·  {self.mode}  ·  ")
        status.append(f"new {counts.new}", style="blue")
        status.append("  ")
        status.append(f"learning {counts.learning}", style="red")
        status.append("  ")
        status.append(f"due {counts.due}", style="green")
        self.query_one("#study-status", Static).update(status)

    def _render_card(self) -> None:
        card = self.current
        assert card is not None
        self._render_status()
        article = Text(card.article_title, style="dim italic")
        if card.is_new:
            article.append("  new", style="bold blue")
        self.query_one("#article", Static).update(article)
        self.query_one("#question", Static).update(Text(card.card.question, style="bold"))
        self.query_one("#feedback", Static).update("")
        self.query_one("#source", Static).update("")
        mode = self.card_mode
        answer_input = self.query_one("#answer", Input)
        answer_input.display = mode == "type"
        answer_input.disabled = mode != "type"
        answer_input.value = ""
        choices = self.query_one("#choices")
        choices.display = mode == "choice"
        hint = self.query_one("#hint", Static)
        if mode == "type":
            hint.update(Text("Enter: check · empty Enter: I don't know · Esc: end", style="dim"))
            answer_input.focus()
        elif mode == "choice":
            for number, option in enumerate(choice_options(card), start=1):
                widget = self.query_one(f"#choice-{number}", ChoiceOption)
                widget.update(Text(f"{number}. ", style="bold").append(option))
                widget.display = True
                widget.remove_class("right", "wrong")
            for number in range(len(choice_options(card)) + 1, 5):
                self.query_one(f"#choice-{number}", ChoiceOption).display = False
            hint.update(Text("1–4 or click: choose", style="dim"))
            self.set_focus(None)
        else:
            note = " (no choices for this card)" if self.mode == "choice" else ""
            hint.update(Text(f"Space: show answer{note}", style="dim"))
            self.set_focus(None)

    def _render_feedback(self, expected: str, verdict: str | None, reason: str | None) -> None:
        card = self.current
        pending = self.pending
        assert card is not None and pending is not None
        lines = Text()
        if verdict is not None:
            lines.append(verdict.capitalize(), style=VERDICT_STYLES.get(verdict, "bold"))
            if reason and reason.strip(" .").lower() != verdict:
                lines.append(f" — {reason}")
            lines.append("\n")
        lines.append("Answer: ", style="dim")
        lines.append(expected, style="bold")
        lines.append("\n")
        lines.append_text(self._rating_line(pending.rating))
        self.query_one("#feedback", Static).update(lines)
        self.query_one("#source", Static).update(self._source_text())
        hint = "1–4 change rating · Enter/Space next · u undo · s suspend"
        if self.card_mode == "flip":
            hint = "1–4 rate and go on · u undo · s suspend"
        self.query_one("#hint", Static).update(Text(hint, style="dim"))

    def _rating_line(self, selected: int | None) -> Text:
        line = Text("Rating: ", style="dim")
        for number, name in RATING_NAMES.items():
            label = f" {number} {name} "
            line.append(label, style=RATING_STYLES[number] if number == selected else "")
            line.append(" ")
        return line

    def _source_text(self) -> Text:
        card = self.current
        assert card is not None
        source = card.card.source
        text = Text("Source: ", style="dim")
        where = " › ".join(part for part in (source.title, source.section) if part)
        text.append(where or "unknown", style="italic")
        if source.text:
            text.append("\n")
            text.append(source.text, style="dim")
        return text

    # -- answering -----------------------------------------------------------------

    def _elapsed_ms(self) -> int:
        """Time since the card was shown, by the app's clock (a test's frozen one, too)."""
        if self.shown_at is None:
            return 0
        return max(0, int((self.app.now() - self.shown_at).total_seconds() * 1000))

    @on(Input.Submitted, "#answer")
    def _typed(self, event: Input.Submitted) -> None:
        if self.current is None or self.pending is not None or self.card_mode != "type":
            return
        from quizgen.core.grading import grade_answer  # only type mode needs it: faster start

        given = event.value
        grade = grade_answer(given, self.current.card)
        verdict = str(grade.verdict)
        self.pending = PendingAnswer(
            int(suggested_rating(verdict)), given, verdict, self._elapsed_ms()
        )
        answer_input = self.query_one("#answer", Input)
        answer_input.disabled = True
        self.set_focus(None)
        self._render_feedback(self.current.card.answer, verdict, grade.reason)

    @on(ChoiceOption.Chosen)
    def _clicked(self, message: ChoiceOption.Chosen) -> None:
        self._choose(message.number)

    def _choose(self, number: int) -> None:
        card = self.current
        if card is None or self.pending is not None:
            return
        options = choice_options(card)
        if number > len(options):
            return
        from quizgen.core.grading import Verdict, grade_answer

        chosen = options[number - 1]
        # the one answer checker decides: an option equal to the answer up to case or
        # accents, or one of the accepted answers, is right; a near miss is still wrong
        graded = grade_answer(chosen, card.card).verdict
        verdict = "correct" if graded == Verdict.CORRECT else "wrong"
        self.pending = PendingAnswer(
            int(suggested_rating(verdict)), chosen, verdict, self._elapsed_ms()
        )
        for index, option in enumerate(options, start=1):
            widget = self.query_one(f"#choice-{index}", ChoiceOption)
            if option == card.card.answer or (index == number and verdict == "correct"):
                widget.add_class("right")
            elif index == number:
                widget.add_class("wrong")
        reason = None if verdict == "correct" else "you chose " + chosen
        self._render_feedback(card.card.answer, verdict, reason)

    def _reveal(self) -> None:
        if self.current is None or self.revealed:
            return
        self.revealed = True
        self.pending = PendingAnswer(int(Rating.Good), None, None, self._elapsed_ms())
        self._render_feedback(self.current.card.answer, None, None)
        # in flip mode nothing is chosen until the learner rates
        self.query_one("#feedback", Static).update(
            Text("Answer: ", style="dim")
            .append(self.current.card.answer, style="bold")
            .append("\n")
            .append_text(self._rating_line(None))
        )

    def _commit(self) -> None:
        """Record the pending answer; every answer is in the database before the next card."""
        if self.session is None or self.current is None or self.pending is None:
            return
        pending = self.pending
        self.session.answer(
            self.current,
            pending.rating,
            mode=self.card_mode,
            answer_given=pending.answer_given,
            verdict=pending.verdict,
            duration_ms=pending.duration_ms,
            now=self.app.now(),
        )
        self.pending = None

    # -- keys ---------------------------------------------------------------------

    def action_proceed(self) -> None:
        if self.current is None:
            return
        if self.card_mode == "flip":
            if not self.revealed:
                self._reveal()
            return
        if self.pending is not None:
            self._commit()
            self._show_next()

    def action_number(self, number: int) -> None:
        if self.current is None:
            return
        mode = self.card_mode
        if mode == "choice" and self.pending is None:
            self._choose(number)
        elif mode == "flip":
            if not self.revealed:
                return
            assert self.pending is not None
            self.pending.rating = number
            self._commit()
            self._show_next()
        elif self.pending is not None:
            self.pending.rating = number
            self._refresh_rating()

    def _refresh_rating(self) -> None:
        card = self.current
        assert card is not None and self.pending is not None
        verdict = self.pending.verdict
        reason = None
        if verdict is not None and self.card_mode == "type":
            from quizgen.core.grading import grade_answer

            reason = grade_answer(self.pending.answer_given or "", card.card).reason
        elif verdict == "wrong":
            reason = "you chose " + (self.pending.answer_given or "")
        self._render_feedback(card.card.answer, verdict, reason)

    def action_switch_mode(self) -> None:
        """Next answer mode, remembered. A graded answer is kept and the next card
        comes in the new mode; an unanswered card is shown again in the new mode."""
        graded = self.pending is not None and self.card_mode != "flip"
        if graded:
            self._commit()
        position = ANSWER_MODES.index(self.mode)
        self.mode = ANSWER_MODES[(position + 1) % len(ANSWER_MODES)]
        set_setting(self.app.db, "answer_mode", self.mode)
        self.app.reload_settings()
        self.app.notify(f"Answer mode: {self.mode}", timeout=2)
        if graded:
            self._show_next()
        elif self.current is not None:
            self._show(self.current)

    def action_undo(self) -> None:
        if self.session is None or not self.session.can_undo():
            self.app.notify("Nothing to undo", timeout=2)
            return
        card = self.session.undo_last(self.app.now())
        self.app.notify("Last answer undone", timeout=2)
        if card is not None:
            self._show(card)
        else:
            self._show_next()

    def action_suspend(self) -> None:
        if self.session is None or self.current is None:
            return
        self.session.suspend(self.current.card.id)
        self.app.notify(f"Suspended: {self.current.card.question}", markup=False, timeout=2)
        self.pending = None
        self._show_next()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_finish(self) -> None:
        if self.pending is not None and self.card_mode != "flip":
            self._commit()  # a graded answer is kept; an unrated flip is not an answer
        self._finish()

    def _finish(self) -> None:
        from tui.screens.summary import SummaryScreen

        if self.session is None:
            self.app.show_decks()
            return
        summary = self.session.end(self.app.now())
        self.app.switch_screen(SummaryScreen(summary, self.deck))
