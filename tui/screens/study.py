"""One card at a time, in one of three answer modes: type, choice or flip.

The screen only shows and listens: the session draws cards and records answers,
grade_answer judges typed and chosen answers. Every answer is recorded the moment
its verdict is shown (a quit or a crash afterwards loses nothing); changing the
rating afterwards updates that same review.

In type mode the answer box keeps the focus from card to card and handles Enter
and the feedback keys itself, in the order they were typed: a fast typist's keys
after "Enter, Enter" land in the next card's box instead of being dropped. Card text
comes from untrusted articles, so it is always shown through Text objects, never
parsed as markup.
"""

from __future__ import annotations

import random
from datetime import datetime

from fsrs import Rating
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Click, Key
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from quizgen.cards.kinds import kind_of
from quizgen.cards.options import choice_order
from quizgen.core.terminal_text import printable
from quizgen.store import load_database_library
from quizgen.study.answer_format import AUTO, AutoDecision, auto_answer_mode
from quizgen.study.confusions import ConfusionNote, landed_on
from quizgen.study.context import context_title, feedback, masked_source
from quizgen.study.scheduling import SchedulingState, suggested_rating
from quizgen.study.session import (
    AnswerResult,
    DatabaseBusy,
    EmptyReason,
    StudyCard,
    StudyError,
    StudySession,
)
from quizgen.study.settings import ANSWER_MODES, set_setting
from tui.steady_footer import SteadyFooter
from tui.timeline import TimelineItems, question_prompt

ANSWER_PLACEHOLDER = "type your answer, Enter to check"
RATING_NAMES = {int(rating): rating.name for rating in Rating}
"""The keys 1-4 are fsrs's ratings: Again, Hard, Good, Easy."""
RATING_STYLES = {
    int(Rating.Again): "bold white on red",
    int(Rating.Hard): "bold black on yellow",
    int(Rating.Good): "bold white on green",
    int(Rating.Easy): "bold white on blue",
}
VERDICT_STYLES = {"correct": "bold green", "close": "bold yellow", "wrong": "bold red"}
STAGES = {None: "new", 1: "learning", 2: "review", 3: "relearning"}
"""A card's stage as the learner reads it, by fsrs state (None = never studied)."""
STAGE_STYLES = {"new": "bold blue", "learning": "bold red", "relearning": "bold red"}
LIBRARY_AFTER_S = 0.5
"""How long after the first card is painted the store's library is loaded (see on_mount)."""
EDIT_KEYS = {"backspace", "delete", "left", "right", "home", "end", "ctrl+u", "ctrl+w", "ctrl+k"}
"""Keys that would edit the answer box: ignored once the answer is checked."""


def choice_options(study_card: StudyCard, round_: int = 0) -> list[str]:
    """The answer among up to three distractors, in the card's one order (as in Anki);
    when the card comes back in the same session (`round_` 1, 2...) they are reshuffled."""
    options = choice_order(study_card.card)
    if round_:
        random.Random(f"{study_card.card.id}:{round_}").shuffle(options)
    return options


def short_interval(seconds: float) -> str:
    """An interval as the rating keys show it: <1m, 10m, 3h, 4d, 2.5mo, 1.2y."""
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"


def comeback_text(seconds: float) -> str:
    """When a rated card comes back, in words: "back in 10 min", "next in 4 days"."""
    if seconds < 90:
        return "back in 1 min"
    if seconds < 3600:
        return f"back in {round(seconds / 60)} min"
    if seconds < 86400:
        hours = round(seconds / 3600)
        return f"back in {hours} hour{'s' if hours != 1 else ''}"
    days = round(seconds / 86400)
    return f"next in {days} day{'s' if days != 1 else ''}"


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


class AnswerInput(Input):
    """The type-mode answer box: Enter and, once checked, the feedback keys are handled
    here at once, in typing order, instead of bubbling up to the screen's bindings."""

    async def _on_key(self, event: Key) -> None:
        screen = self.screen
        if isinstance(screen, StudyScreen) and screen.answer_box_key(event.key, event.is_printable):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


class StudyScreen(Screen):
    """Study a deck (None = all decks); q or Escape ends with a summary.

    The focus is set by the card's mode alone (the answer box in type mode, the card
    itself otherwise, so the arrow and page keys scroll a long card), never first
    given to whatever comes first and then moved: each move restyles the card.
    """

    AUTO_FOCUS = ""

    BINDINGS = [
        Binding("space", "proceed", "Show/next", show=False),
        Binding("enter", "proceed", "Next", show=False),
        Binding("1", "number(1)", "Again", show=False),
        Binding("2", "number(2)", "Hard", show=False),
        Binding("3", "number(3)", "Good", show=False),
        Binding("4", "number(4)", "Easy", show=False),
        Binding("m,f2", "switch_mode", "Mode"),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("s", "suspend", "Suspend"),
        Binding("b", "bury", "Bury", show=False),
        Binding("r", "arm_rating", "Rate", show=False),
        Binding("e,f3", "edit", "Edit", show=False),
        Binding("question_mark,f1", "help", "Help"),
        Binding("q", "finish", "End"),
        Binding("escape", "escape", "End", show=False),
    ]

    def __init__(
        self,
        deck: str | None,
        mode: str | None = None,
        *,
        card_ids: list[str] | None = None,
        more_new: int = 0,
    ) -> None:
        super().__init__()
        self.deck = deck
        self.more_new = more_new
        """New cards to study today beyond the daily limit (the empty day's "study more")."""
        self.card_ids = card_ids
        self.requested_mode = mode
        self.session: StudySession | None = None
        self.current: StudyCard | None = None
        self.result: AnswerResult | None = None
        """The current card's recorded answer (type and choice: at the verdict)."""
        self.answer_given: str | None = None
        self.verdict: str | None = None
        self.reason: str | None = None
        self.matched: str | None = None
        """The card text the checker judged the answer against (right or close)."""
        self.revealed = False
        self.shown_at: datetime | None = None
        self.started_at: datetime | None = None
        self.mode = "type"
        self.empty_reason: EmptyReason | None = None
        """Why nothing is left today, when the session ran out of cards."""
        self._options: list[str] = []
        self._rounds: dict[str, int] = {}
        self.confusion: ConfusionNote | None = None
        """What this card's wrong answers keep landing on, shown with the feedback."""
        self._rating_armed = False
        """Choice mode: `r` was pressed after the pick, so 1-4 now rate instead of picking.
        Pick and rate are two visible steps: a quick double press never rates."""
        self._escape_armed = False
        self._retry_timer = None
        """Retries the pending answer while another process holds the write lock."""
        self._quit_armed = False
        """q was pressed while an answer was pending: a second q ends without it."""
        self._box: AnswerInput | None = None
        """The answer box, once composed or mounted (see `_answer_box`)."""

    def compose(self) -> ComposeResult:
        yield Static(id="study-status")
        with VerticalScroll(id="card"):
            yield Static(id="article")
            yield Static(id="question")
            yield TimelineItems(id="timeline")
            if (self.requested_mode or self.app.settings.answer_mode) in ("type", AUTO):
                # disabled until a card is asked typed: a flip card never toggles it
                self._box = AnswerInput(placeholder=ANSWER_PLACEHOLDER, id="answer", disabled=True)
                yield self._box
            yield Vertical(id="choices")  # the options come with the first choice card
            yield Static(id="hint")
            yield Static(id="feedback")
            yield Static(id="source")
        yield SteadyFooter()

    def _answer_box(self, *, create: bool = False) -> AnswerInput | None:
        """The type-mode answer box. A session begun in flip or choice mode mounts it when
        the first card is asked typed: every widget mounted up front delays the first card."""
        if self._box is None and create:
            self._box = AnswerInput(placeholder=ANSWER_PLACEHOLDER, id="answer")
            self.query_one("#card").mount(self._box, after="#timeline")
        return self._box

    def _choice_widgets(self) -> list[ChoiceOption]:
        """The four option lines, mounted when the first choice card is shown."""
        choices = self.query_one("#choices", Vertical)
        if not choices.children:
            choices.mount_all(
                ChoiceOption(number, id=f"choice-{number}", classes="choice")
                for number in range(1, 5)
            )
        return list(choices.query(ChoiceOption))

    def on_mount(self) -> None:
        app = self.app
        self.mode = self.requested_mode or app.settings.answer_mode
        self.started_at = app.now()
        try:
            self.session = app.new_session(self.deck, self.mode, self.card_ids)
        except StudyError as error:
            app.notify(str(error), severity="error", markup=False)
            app.show_decks()
            return
        if self.more_new:
            self.session.study_more_new(self.more_new, app.now())
        self._show_next()
        # sqlite-utils (~60 ms), which the first card does not need, is loaded while the
        # learner reads it: half a second after it is painted, so the screen has settled
        self.call_after_refresh(self.set_timer, LIBRARY_AFTER_S, self._load_database_library)

    def _load_database_library(self) -> None:
        """Ready the store for what else may follow (an edit, the browser, a mode remembered):
        each would otherwise load sqlite-utils the first time."""
        load_database_library(self.app.db)

    # -- showing -----------------------------------------------------------------

    @property
    def auto_decision(self) -> AutoDecision | None:
        """In auto mode, how the current card is asked and why (quizgen.study.answer_format)."""
        if self.mode != AUTO or self.current is None:
            return None
        card = self.current.card
        return auto_answer_mode(
            self.current.state,
            distractors=len(card.distractors),
            study_modes=kind_of(card.kind).study_modes,
            rule=self.app.settings.auto_rule,
        )

    @property
    def card_mode(self) -> str:
        """The mode for the current card: auto mode's choice for it; flip when its kind
        cannot be studied in the chosen mode (quizgen.cards.kinds), and choice falls back
        to flip without distractors."""
        decision = self.auto_decision
        mode = decision.mode if decision is not None else self.mode
        if self.current and mode not in kind_of(self.current.card.kind).study_modes:
            return "flip"
        if mode == "choice" and self.current and not self.current.card.distractors:
            return "flip"
        return mode

    @property
    def answered(self) -> bool:
        """Whether the current card's answer is recorded (the feedback is on screen)."""
        return self.result is not None

    def _show_next(self) -> None:
        assert self.session is not None
        card = self.session.next_card(self.app.now())
        if card is None:
            self._nothing_left()
            return
        self._show(card)

    def _nothing_left(self) -> None:
        """Nothing left today: the summary says why (limits reached, or when the next is due)."""
        assert self.session is not None
        self.empty_reason = self.session.empty_reason(self.app.now())
        self._finish()

    def _show(self, card: StudyCard) -> None:
        self.current = card
        self.result = None
        self.answer_given = self.verdict = self.reason = self.matched = None
        self.confusion = None
        self.revealed = False
        self._rating_armed = False
        self._escape_armed = False
        self.shown_at = self.app.now()
        self._options = choice_options(card, self._rounds.get(card.card.id, 0))
        self._rounds[card.card.id] = self._rounds.get(card.card.id, 0) + 1
        self._render_card()

    def _render_status(self) -> None:
        assert self.session is not None
        counts = self.session.counts()
        deck = self.deck or "All decks"
        status = Text()
        status.append(printable(deck), style="bold")
        mode = f"auto: {self.card_mode}" if self.mode == AUTO and self.current else self.mode
        status.append(f" · {mode} · ")
        status.append(f"new {counts.new}", style="blue")
        status.append(" ")
        status.append(f"learning {counts.learning}", style="red")
        status.append(" ")
        status.append(f"due {counts.due}", style="green")
        left = counts.new + counts.learning + counts.due
        status.append(f" · {left} left")
        if self.started_at is not None:
            seconds = max(0, int((self.app.now() - self.started_at).total_seconds()))
            status.append(f" · {seconds // 60}:{seconds % 60:02d}")
        if self.session.pending is not None:
            status = Text(
                "waiting for the build… your answer is kept, saved once the database is free",
                style="bold black on yellow",
            )
        self.query_one("#study-status", Static).update(status)

    def _render_context(self) -> None:
        """The title (unless it gives the answer away) and the card's stage, "new → learning"
        once an answer is recorded."""
        card = self.current
        assert card is not None
        title = context_title(card.card, card.article_title)
        article = Text(printable(title or ""), style="dim italic")
        stage = STAGES.get(card.state.fsrs_state, "review")
        article.append(("  " if title else "") + stage, style=STAGE_STYLES.get(stage, "dim"))
        if self.result is not None:
            after = STAGES.get(self.result.after.fsrs_state, "review")
            article.append(" → ", style="dim")
            article.append(after, style=STAGE_STYLES.get(after, "dim"))
        decision = self.auto_decision
        if decision is not None:
            # the card's info: why auto mode asks it this way (m pins a mode instead)
            article.append(f"  ·  {decision.mode}: {decision.reason}", style="dim")
        self.query_one("#article", Static).update(article)

    def _render_card(self) -> None:
        card = self.current
        assert card is not None
        self._render_status()
        self._render_context()
        self.query_one("#question", Static).update(
            Text(printable(question_prompt(card.card)), style="bold")
        )
        self.query_one("#feedback", Static).update("")
        self.query_one("#source", Static).update("")
        mode = self.card_mode
        self.query_one(TimelineItems).show(card.card, movable=mode == "type")
        answer_input = self._answer_box(create=mode == "type")
        if answer_input is not None:
            answer_input.display = mode == "type"
            answer_input.disabled = mode != "type"
            answer_input.value = ""
        choices = self.query_one("#choices")
        choices.display = mode == "choice"
        hint = self.query_one("#hint", Static)
        if mode == "type":
            hint.update(
                Text(
                    "Enter check (empty: don't know) · F1 help · F2 mode · ^Z undo · Esc end",
                    style="dim",
                )
            )
            # focus now, not after a refresh: keys already on their way reach the box
            self.set_focus(answer_input, scroll_visible=False)
        elif mode == "choice":
            for number, widget in enumerate(self._choice_widgets(), start=1):
                widget.display = number <= len(self._options)
                if widget.display:
                    option = self._options[number - 1]
                    widget.update(Text(f"{number}. ", style="bold").append(printable(option)))
                    widget.remove_class("right", "wrong")
            hint.update(Text(f"1–{len(self._options)} or click: choose", style="dim"))
            self.set_focus(self.query_one("#card"), scroll_visible=False)
        else:
            note = " (no choices for this card)" if self.mode == "choice" else ""
            hint.update(Text(f"Space: show answer{note}", style="dim"))
            self.set_focus(self.query_one("#card"), scroll_visible=False)

    def _render_feedback(self) -> None:
        card = self.current
        assert card is not None
        verdict = self.verdict
        said = feedback(card.card, self.reason, self.matched)
        lines = Text()
        if verdict is not None:
            lines.append(verdict.capitalize(), style=VERDICT_STYLES.get(verdict, "bold"))
            if said.reason and said.reason.strip(" .").lower() != verdict:
                lines.append(f" — {printable(said.reason)}")
            lines.append("\n")
        lines.append("Answer: ", style="dim")
        lines.append(printable(said.answer), style="bold")
        lines.append("\n")
        if said.also_right:
            lines.append("Also right: ", style="dim")
            lines.append(" · ".join(printable(text) for text in said.also_right[:4]))
            lines.append("\n")
        if self.confusion is not None:
            lines.append(printable(self.confusion.text()), style="bold magenta")
            lines.append("\n")
        lines.append_text(self._rating_line())
        if self.result is not None and self.result.after.due:
            wait = datetime.fromisoformat(self.result.after.due) - self.result.reviewed_at
            lines.append("\n")
            lines.append(
                f"{RATING_NAMES[self._selected_rating() or 3]} — "
                f"{comeback_text(wait.total_seconds())}",
                style="dim",
            )
        self.query_one("#feedback", Static).update(lines)
        self.query_one("#source", Static).update(self._source_text())
        if self.card_mode == "type":
            self.query_one(TimelineItems).reveal()
        self._render_context()
        self.query_one("#hint", Static).update(self._feedback_hint())

    def _feedback_hint(self) -> Text:
        """What the keys do now the answer is on screen. In choice mode the option keys
        picked the answer, so rating with them takes a visible switch first (`r`)."""
        mode = self.card_mode
        if mode == "flip":
            return Text("1–4 rate and go on · u undo · s suspend", style="dim")
        if mode == "choice" and self._rating_armed:
            return Text(
                "Rate now: 1 Again · 2 Hard · 3 Good · 4 Easy · r cancels", style="bold reverse"
            )
        if mode == "choice":
            return Text(
                f"{self._enter_means()} · r then 1–4 to rate · u undo · s suspend", style="dim"
            )
        return Text("Enter/Space next · 1–4 change rating · u undo · s suspend", style="dim")

    def _enter_means(self) -> str:
        """ "Enter = Good (suggested)", or the rating the learner chose instead."""
        rating = self._selected_rating() or 3
        if self.verdict is not None and rating == int(suggested_rating(self.verdict)):
            return f"Enter = {RATING_NAMES[rating]} (suggested)"
        return f"Enter = next, rated {RATING_NAMES[rating]}"

    def _selected_rating(self) -> int | None:
        return None if self.result is None else self.result.rating

    def _previews(self) -> dict[int, SchedulingState]:
        """Each rating's next state, from the state before this answer, nothing committed."""
        card = self.current
        assert card is not None and self.session is not None
        if self.result is not None:
            return self.session.preview(card.card.id, self.result.before, self.result.reviewed_at)
        return self.session.preview(card.card.id, card.state, self.app.now())

    def _rating_line(self) -> Text:
        selected = self._selected_rating()
        at = self.result.reviewed_at if self.result is not None else self.app.now()
        previews = self._previews()
        line = Text()
        for number, name in RATING_NAMES.items():
            due = previews[number].due
            wait = (datetime.fromisoformat(due) - at).total_seconds() if due else 0
            label = f" {number} {name} {short_interval(wait)} "
            line.append(label, style=RATING_STYLES[number] if number == selected else "")
            if number < len(RATING_NAMES):
                line.append("·", style="dim")
        return line

    def _source_text(self) -> Text:
        card = self.current
        assert card is not None and self.session is not None
        source = card.card.source
        text = Text("Source: ", style="dim")
        where = " › ".join(part for part in (source.title, source.section) if part)
        text.append(printable(where) or "unknown", style="italic")
        if source.text:
            line = masked_source(source.text, card.card, self.session.sibling_answers(card.card.id))
            text.append("\n")
            text.append(printable(line), style="dim")
        return text

    # -- answering -----------------------------------------------------------------

    def _elapsed_ms(self) -> int:
        """Time since the card was shown, by the app's clock (a test's frozen one, too)."""
        if self.shown_at is None:
            return 0
        return max(0, int((self.app.now() - self.shown_at).total_seconds() * 1000))

    def _record(
        self, given: str | None, verdict: str | None, rating: int, *, moving_on: bool = False
    ) -> None:
        """Commit the answer now, with the verdict on screen. `moving_on` (a flip card's
        rating): the next card replaces this one unless the answer is pending, so the
        confusion note and the counts are worked out only for a card that stays."""
        assert self.session is not None and self.current is not None
        self.answer_given, self.verdict = given, verdict
        mode = self.card_mode
        confused_with = landed_on(self.current.card, mode, given, verdict)
        self.result = self.session.answer(
            self.current,
            rating,
            mode=mode,
            answer_given=given,
            verdict=verdict,
            duration_ms=self._elapsed_ms(),
            now=self.app.now(),
            confused_with=confused_with,
        )
        if self.result.pending:
            self._wait_for_the_database()
        elif moving_on:
            return
        self.confusion = self.session.confusion_note(self.current, self.result, confused_with)
        self._render_status()

    # -- a busy database -----------------------------------------------------------

    RETRY_SECONDS = 0.5
    """How often a pending answer is tried again."""

    def _wait_for_the_database(self) -> None:
        if self._retry_timer is None:
            self._retry_timer = self.set_interval(self.RETRY_SECONDS, self._retry_pending)

    def _retry_pending(self) -> bool:
        """Write the pending answer if the lock is free now; True once nothing is pending."""
        assert self.session is not None
        if self.session.pending is None:
            written = None
        else:
            written = self.session.flush_pending()
            if written is None:
                return False
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        if written is not None:
            if self.result is not None and self.result.pending:
                self.result = written
            self._quit_armed = False
            self.app.notify("Answer saved", timeout=2)
            if self.card_mode == "flip" and self.answered:
                self._show_next()  # a flip card moves on once rated: now it can
                return True
        self._render_status()
        return True

    LAST_WAIT_MS = 3000
    """When the app ends (a signal, a second quit) with an answer pending, how long the
    last try waits for the lock."""

    def on_unmount(self) -> None:
        """The screen goes (the app ends): a pending answer gets one last, longer try; if
        the database is still busy the app says so on the way out (`unsaved_answers`)."""
        if self.session is None or self.session.pending is None:
            return
        if self.session.flush_pending(wait_ms=self.LAST_WAIT_MS) is None:
            self.app.unsaved_answers += 1

    def _still_waiting(self) -> bool:
        """True (and said) when an answer is still pending: moving on waits for it."""
        if self.session is None or self.session.pending is None or self._retry_pending():
            return False
        self.app.notify(
            "Waiting for the build… your answer is saved as soon as the database is free",
            timeout=3,
        )
        return True

    def _busy(self) -> None:
        self.app.notify(
            "Database busy (a build is writing to it): try again in a moment",
            severity="warning",
            timeout=3,
        )

    def answer_box_key(self, key: str, printable: bool) -> bool:
        """A key that reached the answer box; True when it was handled here."""
        if self.current is None or self.card_mode != "type":
            return False
        if not self.answered:
            timeline = self.query_one(TimelineItems)
            if timeline.move(key):  # the event list moved: the box holds its order
                self.query_one("#answer", AnswerInput).value = timeline.typed_order()
                return True
            if key == "enter":
                self._check_typed(self.query_one("#answer", AnswerInput).value)
                return True
            if key != "escape":
                self._escape_armed = False  # typing again: the next Esc asks again
            return False
        commands = {
            "enter": self.action_proceed,
            "space": self.action_proceed,
            "u": self.action_undo,
            "s": self.action_suspend,
            "b": self.action_bury,
            "e": self.action_edit,
            "m": self.action_switch_mode,
            "q": self.action_finish,
            "question_mark": self.action_help,
        }
        if key in commands:
            commands[key]()
            return True
        if key in ("1", "2", "3", "4"):
            self.action_number(int(key))
            return True
        return printable or key in EDIT_KEYS  # the checked answer stays as given

    def _check_typed(self, given: str) -> None:
        if self.current is None or self.answered or self.card_mode != "type":
            return
        from quizgen.core.grading import grade_answer  # only type mode needs it: faster start

        grade = grade_answer(given, self.current.card)
        verdict = str(grade.verdict)
        self.reason, self.matched = grade.reason, grade.matched
        self._record(given, verdict, int(suggested_rating(verdict)))
        self._render_feedback()

    @on(Input.Changed, "#answer")
    def _typed_order(self, event: Input.Changed) -> None:
        self.query_one(TimelineItems).follow_typed(event.value)

    @on(Input.Submitted, "#answer")
    def _typed(self, event: Input.Submitted) -> None:
        self._check_typed(event.value)

    @on(ChoiceOption.Chosen)
    def _clicked(self, message: ChoiceOption.Chosen) -> None:
        self._choose(message.number)

    def _choose(self, number: int) -> None:
        card = self.current
        if card is None or self.answered:
            return
        options = self._options
        if number > len(options):
            return
        from quizgen.core.grading import Verdict, grade_answer

        chosen = options[number - 1]
        # the one answer checker decides: an option equal to the answer up to case or
        # accents, or one of the accepted answers, is right; a near miss is still wrong
        grade = grade_answer(chosen, card.card)
        verdict = "correct" if grade.verdict == Verdict.CORRECT else "wrong"
        self.matched = grade.matched if verdict == "correct" else None
        self.reason = None if verdict == "correct" else "you chose " + chosen
        self._record(chosen, verdict, int(suggested_rating(verdict)))
        self._rating_armed = False
        for index, option in enumerate(options, start=1):
            widget = self.query_one(f"#choice-{index}", ChoiceOption)
            sign = "  "  # right and wrong are marked by sign as well as colour
            if option == card.card.answer or (index == number and verdict == "correct"):
                widget.add_class("right")
                sign = "✓ "
            elif index == number:
                widget.add_class("wrong")
                sign = "✗ "
            widget.update(Text(f"{sign}{index}. ", style="bold").append(printable(option)))
        self._render_feedback()

    def _reveal(self) -> None:
        if self.current is None or self.revealed:
            return
        self.revealed = True
        self._render_feedback()

    def _rate(self, number: int) -> None:
        """Change the recorded answer's rating: the same review row is updated."""
        assert self.session is not None and self.result is not None
        try:
            self.result = self.session.rerate(self.result, number)
        except DatabaseBusy:
            self._busy()
            return
        except StudyError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self._render_feedback()
        self._render_status()

    # -- keys ---------------------------------------------------------------------

    def action_proceed(self) -> None:
        if self.current is None:
            return
        if self.card_mode == "flip":
            if not self.revealed:
                self._reveal()
            elif self.answered and not self._still_waiting():
                self._show_next()  # rated while the database was busy, saved since
            return
        if self.answered and not self._still_waiting():
            self._show_next()

    def action_number(self, number: int) -> None:
        if self.current is None:
            return
        mode = self.card_mode
        if mode == "choice" and not self.answered:
            self._choose(number)
        elif mode == "flip":
            if not self.revealed or self.answered:
                return
            self._record(None, None, number, moving_on=True)
            if self.result is not None and self.result.pending:
                self._render_feedback()  # stays until saved, then goes on by itself
                return
            self._show_next()
        elif self.answered:
            if mode == "choice" and not self._rating_armed:
                # an option key after the pick is not a rating: say how to rate
                self.query_one("#hint", Static).update(
                    Text(f"{self._enter_means()} · press r first, then 1–4 to rate", style="bold")
                )
                return
            self._rating_armed = False
            self._rate(number)

    def action_arm_rating(self) -> None:
        """Choice mode, after the pick: `r` switches the keys 1-4 from picking to rating
        (and back), shown in the hint line."""
        if self.current is None or not self.answered or self.card_mode != "choice":
            return
        self._rating_armed = not self._rating_armed
        self.query_one("#hint", Static).update(self._feedback_hint())

    def action_switch_mode(self) -> None:
        """Next answer mode, remembered. A recorded answer stays and the next card comes
        in the new mode; an unanswered card is shown again in the new mode."""
        if self._still_waiting():
            return
        position = ANSWER_MODES.index(self.mode)
        self.mode = ANSWER_MODES[(position + 1) % len(ANSWER_MODES)]
        try:
            set_setting(self.app.db, "answer_mode", self.mode, wait_ms=self.session.write_wait_ms)
        except DatabaseBusy:
            # this session switches all the same; the next one starts in the stored mode
            self.app.notify(
                f"Answer mode: {self.mode} (not remembered: the database is busy)", timeout=3
            )
        else:
            self.app.reload_settings()
            self.app.notify(f"Answer mode: {self.mode}", timeout=2)
        if self.answered:
            self._show_next()
        elif self.current is not None:
            self._rounds[self.current.card.id] -= 1
            self._show(self.current)

    def action_undo(self) -> None:
        """Take back exactly the last recorded action: an answer, a suspend or a bury."""
        if self.session is None or not self.session.can_undo():
            self.app.notify("Nothing to undo", timeout=2)
            return
        last = self.session.last_action()
        try:
            card = self.session.undo_last(self.app.now())
        except DatabaseBusy:
            self._busy()
            return
        except StudyError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        done = {"answer": "Answer", "suspend": "Suspend", "bury": "Bury"}
        self.app.notify(f"{done.get(last.kind if last else '', 'Last action')} undone", timeout=2)
        if card is not None:
            self._rounds[card.card.id] = max(0, self._rounds.get(card.card.id, 1) - 1)
            self._show(card)
        else:
            self._show_next()

    def action_suspend(self) -> None:
        if self.session is None or self.current is None or self._still_waiting():
            return
        try:
            self.session.suspend(self.current.card.id)
        except DatabaseBusy:
            self._busy()
            return
        self.app.notify(
            f"Suspended (u undoes): {printable(self.current.card.question)}",
            markup=False,
            timeout=3,
        )
        self._show_next()

    def action_bury(self) -> None:
        """Put the card off until tomorrow."""
        if self.session is None or self.current is None or self._still_waiting():
            return
        self.session.bury(self.current.card.id)
        self.app.notify("Buried until tomorrow (u undoes)", timeout=2)
        self._show_next()

    def action_edit(self) -> None:
        """The browser's editor on this card; once saved, the card is shown as edited."""
        if self.current is None:
            return
        from tui.screens.card_editor import CardEditor

        self.app.push_screen(CardEditor(self.current.card.id), self._edited)

    def _edited(self, saved: bool | None) -> None:
        if not saved or self.session is None or self.current is None:
            return
        card = self.session.load_card(self.current.card.id)
        if card is not None and not self.answered:  # answered: the next showing has it
            self._rounds[card.card.id] -= 1  # the same showing, not a new round
            self._show(card)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_escape(self) -> None:
        """Esc ends the session; with an unchecked answer typed, it asks first."""
        answer_input = self._answer_box()
        typed = answer_input.value.strip() if answer_input is not None else ""
        if self.card_mode == "type" and not self.answered and typed and not self._escape_armed:
            self._escape_armed = True
            self.app.notify("Your answer is not checked: Esc again to end without it", timeout=3)
            return
        self.action_finish()

    def action_finish(self) -> None:
        if self.may_end():
            self._finish()  # answers are recorded at their verdict; an unrated flip is not one

    def may_end(self) -> bool:
        """Whether the session may end now. With an answer still pending it is tried once
        more; if the database is still busy the learner is told, and only a second
        request ends without it (said again, never silently)."""
        if self.session is None or self.session.pending is None or self._retry_pending():
            return True
        if not self._quit_armed:
            self._quit_armed = True
            self.app.notify(
                "1 answer is waiting for the build and not saved yet: it is saved as soon as"
                " the database is free. Quit again to end without it.",
                severity="warning",
                timeout=6,
            )
            return False
        if self.session.flush_pending(wait_ms=self.LAST_WAIT_MS) is not None:
            self.app.notify("Answer saved", timeout=2)
            return True
        self.session.drop_pending()
        self.app.unsaved_answers += 1
        self.app.notify("1 answer was not saved: the database stayed busy", severity="error")
        return True

    def _finish(self) -> None:
        from tui.screens.summary import SummaryScreen

        if self.session is None:
            self.app.show_decks()
            return
        summary = self.session.end(self.app.now())
        self.app.switch_screen(
            SummaryScreen(
                summary,
                self.deck,
                empty=self.empty_reason,
                settings=self.session.settings,
                mode=self.requested_mode,
            )
        )
