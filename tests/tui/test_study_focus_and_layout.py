"""Where the study screen's focus sits, what its footer shows, and that a card fits.

The focus follows the card's mode alone: the answer box in type mode, the card itself
in flip and choice mode (so the arrow and page keys scroll a card taller than the
terminal, on every card, not only the first). The footer is rebuilt only when the keys
it shows change, and then shows exactly what Textual's own Footer shows.
"""

from __future__ import annotations

from datetime import UTC

from support.processes import python_lines
from support.study import FACTS, T0, make_database, review_rows
from support.tui import run_async
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from tui.app import QuizApp
from tui.screens.help import HelpScreen
from tui.screens.study import StudyScreen
from tui.steady_footer import SteadyFooter

CARD_LINES = ("#study-status", "#article", "#question", "#hint", "#feedback", "#source")
LONG_SOURCE = "Population: 522,250 (2019). " + "The city lies where two rivers meet. " * 40


def make_app(path, **kwargs) -> QuizApp:
    return QuizApp(path, now=lambda: T0, tz=UTC, enable_fuzzing=False, **kwargs)


def focused_id(app) -> str | None:
    return app.focused.id if app.focused is not None else None


def footer_keys(screen) -> list[str]:
    return [f"{key.key_display} {key.description}".strip() for key in screen.query(FooterKey)]


@run_async
async def test_flip_mode_keeps_the_focus_on_the_card_from_card_to_card(tmp_path):
    make_database(tmp_path / "u.db")
    app = make_app(tmp_path / "u.db", deck="places", mode="flip")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        first = screen.current.card.id
        assert focused_id(app) == "card"
        await pilot.press("space")
        assert focused_id(app) == "card"
        await pilot.press("3")
        assert screen.current.card.id != first  # the next card, rated and recorded
        assert len(review_rows(screen.session.db)) == 1
        assert focused_id(app) == "card"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and focused_id(app) == "card"


@run_async
async def test_choice_mode_keeps_the_focus_on_the_card_and_type_mode_on_the_box(tmp_path):
    make_database(tmp_path / "u.db")
    app = make_app(tmp_path / "u.db", deck="places", mode="choice")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert focused_id(app) == "card"
        await pilot.press("1")
        assert screen.answered and focused_id(app) == "card"
        await pilot.press("enter")
        assert not screen.answered and focused_id(app) == "card"
        await pilot.press("f2")  # choice -> flip: the card keeps the focus
        assert screen.mode == "flip" and focused_id(app) == "card"
        await pilot.press("f2", "f2")  # flip -> auto -> type: the answer box takes it
        assert screen.mode == "type" and focused_id(app) == "answer"
        assert not screen.query_one("#answer").disabled
        await pilot.press("f2")  # type -> choice: the box is disabled, the card has it
        assert screen.mode == "choice" and focused_id(app) == "card"
        assert screen.query_one("#answer").disabled


@run_async
async def test_the_arrow_keys_scroll_a_long_card_on_the_second_card_too(tmp_path):
    facts = [fact[:-1] + (LONG_SOURCE,) for fact in FACTS if fact[1] == "places"]
    make_database(tmp_path / "u.db", facts)
    app = make_app(tmp_path / "u.db", deck="places", mode="flip")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        card = screen.query_one("#card", VerticalScroll)
        for _ in range(2):  # the first card, then the next one
            await pilot.press("space")
            await pilot.pause()
            assert card.max_scroll_y > 0  # the source runs past the screen
            await pilot.press("down", "down", "down")
            await pilot.pause()
            assert card.scroll_y > 0
            await pilot.press("3")
            await pilot.pause()


@run_async
async def test_the_study_footer_shows_the_screens_keys_and_keeps_them(tmp_path):
    make_database(tmp_path / "u.db")
    app = make_app(tmp_path / "u.db", deck="places", mode="type")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        # the answer box takes the letters: the keys that still reach the screen
        assert footer_keys(screen) == ["f2 Mode", "^z Undo", "f1 Help", "^p palette"]
        await pilot.press("f2")  # type -> choice: the focus moves to the card
        await pilot.pause()
        expected = ["m Mode", "u Undo", "s Suspend", "? Help", "q End", "^p palette"]
        assert footer_keys(screen) == expected
        keys = list(screen.query(FooterKey))
        await pilot.press("1", "enter", "1")
        await pilot.pause()
        assert footer_keys(screen) == expected
        assert list(screen.query(FooterKey)) == keys  # the same keys, not rebuilt


class Toggled(Screen):
    """A screen whose one key comes and goes, as check_action says."""

    BINDINGS = [Binding("x", "extra", "Extra"), Binding("q", "quit", "Quit")]
    shown = True

    def __init__(self, footer) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield self.footer

    def check_action(self, action: str, parameters) -> bool | None:
        return self.shown if action == "extra" else True


class Pair(App):
    def __init__(self, footer) -> None:
        super().__init__()
        self.footer = footer

    def on_mount(self) -> None:
        self.push_screen(Toggled(self.footer))


async def keys_shown(footer, toggles: int) -> list[list[str]]:
    seen = []
    app = Pair(footer)
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        for _ in range(toggles + 1):
            # each key as drawn: its padding shows the compact look as well as its text
            seen.append([key.render().plain for key in app.screen.query(FooterKey)])
            app.screen.shown = not app.screen.shown
            app.screen.refresh_bindings()
            await pilot.pause()
            await pilot.pause()
    return seen


@run_async
async def test_the_steady_footer_follows_a_change_of_keys_as_textuals_footer_does():
    steady = await keys_shown(SteadyFooter(), toggles=2)
    textual = await keys_shown(Footer(), toggles=2)
    assert steady == textual
    assert steady[0] != steady[1] and steady[0] == steady[2]
    assert " x Extra " in steady[0] and " x Extra " not in steady[1]
    assert "^p palette" in steady[1]  # drawn compact, as Textual draws it


@run_async
async def test_a_card_and_its_answer_fit_at_80x24_and_100x30(tmp_path):
    """Every line of the card lies inside the card's area, above the footer, uncut."""
    for size in ((80, 24), (100, 30)):
        for mode, keys in (("flip", ("space",)), ("choice", ("1",)), ("type", ("enter",))):
            path = tmp_path / f"{size[0]}-{mode}.db"
            make_database(path)
            app = make_app(path, deck="places", mode=mode)
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                await pilot.press(*keys)
                await pilot.pause()
                screen = app.screen
                footer = screen.query_one(SteadyFooter).region
                assert footer.y == size[1] - 1 and footer.width == size[0]
                card = screen.query_one("#card").region
                for selector in CARD_LINES:
                    widget = screen.query_one(selector, Static)
                    text = widget.content
                    lines = len(text.wrap(app.console, widget.content_region.width)) if text else 0
                    assert widget.content_region.height >= lines, (size, mode, selector)
                    if selector != "#study-status":
                        assert card.contains_region(widget.region), (size, mode, selector)
                    assert widget.region.bottom <= footer.y, (size, mode, selector)
            await app.workers.wait_for_complete()


@run_async
async def test_an_answer_typed_right_after_switching_from_flip_to_type_is_checked(tmp_path):
    """A session begun in flip mode has no answer box until a card is asked typed; the
    keys typed straight after the switch reach it, and the answer is recorded."""
    db = make_database(tmp_path / "u.db")
    app = make_app(tmp_path / "u.db", deck="places", mode="flip")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.query("#answer")
        await pilot.press("f2", "f2")  # flip -> auto -> type
        assert screen.mode == "type" and focused_id(app) == "answer"
        answer = screen.current.card.answer
        await pilot.press(*answer, "enter")
        assert screen.verdict == "correct"
    (row,) = review_rows(db)
    assert row["answer_given"] == answer and row["verdict"] == "correct"


STARTS_WITHOUT_THE_LIBRARY = """
import asyncio, datetime, sys
from tui.app import QuizApp

async def main():
    app = QuizApp({path!r}, deck="places", mode="flip", now=lambda: {now!r},
                  tz=datetime.timezone.utc)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print(app.screen.current is not None, "sqlite_utils" in sys.modules)
        await pilot.press("space", "3")  # answered and committed before the library loads
        print("sqlite_utils" in sys.modules)
        await pilot.pause(0.8)
        print("sqlite_utils" in sys.modules)

asyncio.run(main())
"""


def test_the_first_card_and_answer_need_no_sqlite_utils_which_loads_soon_after(tmp_path):
    """The study app opens its database with sqlite-utils deferred (~60 ms of the start):
    the first card is painted and answered without it; it loads once the card has been
    on screen for half a second, so a later edit or table use does not wait for it."""
    import sqlite3

    from quizgen.store import close_database

    path = tmp_path / "u.db"
    close_database(make_database(path))
    probe = STARTS_WITHOUT_THE_LIBRARY.format(path=str(path), now=T0)
    assert python_lines(probe) == ["True False", "False", "True"]
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT rating, mode FROM reviews").fetchall() == [(3, "flip")]
