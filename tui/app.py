"""The quizgen Textual app: holds the injected parts and opens the home screen.

Everything the screens need from outside (the database path, the clock, the
time zone, fuzzing) is passed in here, so a test can run whole sessions on a
temporary database at a time of its choosing.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from quizgen.core.clock import utc_now
from quizgen.store import open_database
from quizgen.study.scheduling import build_scheduler
from quizgen.study.session import WRITE_WAIT_MS, StudySession
from quizgen.study.settings import Settings, load_settings

if TYPE_CHECKING:
    from sqlite_utils import Database


class QuizApp(App):
    """Deck list first; `deck` given opens a study session on it straight away."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "quizgen"

    def __init__(
        self,
        db_path: str | Path | None = None,
        *,
        deck: str | None = None,
        start_study: bool = False,
        mode: str | None = None,
        now: Callable[[], datetime] = utc_now,
        tz: tzinfo | None = None,
        enable_fuzzing: bool = True,
        write_wait_ms: int = WRITE_WAIT_MS,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        # sqlite-utils is loaded once the first card is painted (StudyScreen), or when
        # first needed: the first card needs only queries
        self.db: Database = open_database(db_path, defer_library=True)
        self.now = now
        self.tz = tz
        self.enable_fuzzing = enable_fuzzing
        self.write_wait_ms = write_wait_ms
        self.unsaved_answers = 0
        """Answers still pending when the app ended (the database stayed busy): `quiz
        study` says so after the terminal is restored."""
        """How long an answer's write waits for another process's lock before it is kept
        pending and retried (a test makes it short)."""
        self.mode_override = mode
        self.start_deck = deck
        self.start_study = start_study or deck is not None
        self.settings: Settings = load_settings(self.db)

    def reload_settings(self) -> Settings:
        self.settings = load_settings(self.db)
        return self.settings

    def new_session(
        self, deck: str | None, mode: str, card_ids: Sequence[str] | None = None
    ) -> StudySession:
        """A study session on `deck` (None = all decks), or on chosen cards, with the settings."""
        settings = self.reload_settings()
        return StudySession(
            self.db,
            deck=deck,
            mode=mode,
            scheduler=build_scheduler(settings, enable_fuzzing=self.enable_fuzzing),
            settings=settings,
            now=self.now(),
            tz=self.tz,
            card_ids=card_ids,
            write_wait_ms=self.write_wait_ms,
        )

    async def action_quit(self) -> None:
        """Ctrl+Q: on the study screen an answer still waiting for the database is tried
        once more, and a first Ctrl+Q says it is pending instead of dropping it."""
        from tui.screens.study import StudyScreen

        screen = self.screen
        if isinstance(screen, StudyScreen) and not screen.may_end():
            return
        self.exit()

    def on_history_screen_study_cards(self, message) -> None:
        """The History screen's "study the hardest cards now"."""
        from tui.screens.study import StudyScreen

        self.pop_screen()
        self.push_screen(StudyScreen(None, self.mode_override, card_ids=message.card_ids))

    def study_again(self, deck: str | None, mode: str | None, *, more_new: int = 0) -> None:
        """Replace the current screen (the summary) with a new session on `deck`."""
        from tui.screens.study import StudyScreen

        self.switch_screen(StudyScreen(deck, mode, more_new=more_new))

    TERMINATING_SIGNALS = ("SIGTERM", "SIGHUP")
    """Signals that end the app the way `q` does, so the terminal is restored (alternate
    screen left, mouse tracking off) instead of the process dying mid-screen."""

    def _handle_terminating_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for name in self.TERMINATING_SIGNALS:
            number = getattr(signal, name, None)
            if number is None:  # not on this platform
                continue
            try:
                loop.add_signal_handler(number, self.exit, None, 128 + number)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # no signal handlers here (another thread, Windows): default action

    def on_mount(self) -> None:
        self._handle_terminating_signals()
        if self.start_study:
            # straight to the card: the deck list is only built when the learner goes back
            from tui.screens.study import StudyScreen

            self.push_screen(StudyScreen(self.start_deck, self.mode_override))
        else:
            self.show_decks()

    def show_decks(self) -> None:
        """Back to the deck list, creating it if the app was opened straight on a deck."""
        from tui.screens.decks import DecksScreen

        if any(isinstance(screen, DecksScreen) for screen in self.screen_stack):
            while not isinstance(self.screen, DecksScreen):
                self.pop_screen()
        elif len(self.screen_stack) > 1:
            self.switch_screen(DecksScreen())
        else:
            self.push_screen(DecksScreen())
