"""Card text on the study screen is plain text: an article's Rich markup (`[bold]`,
`[link=…]`), right-to-left overrides (U+202E) and escape sequences are shown, never obeyed.

The hostile article is built by the real builder (`quiz build`, which keeps markup and
bidi controls as text); escape sequences do not survive a build, so one card holding them
is written into the database as an older quizgen or a hand edit could have left it.
"""

from __future__ import annotations

import asyncio
from datetime import UTC

from rich.text import Text
from support.articles import BACKGROUND, SyntheticArticle, render_b
from support.processes import quiz
from support.study import T0, insert_facts
from textual.widgets import Static

from quizgen.store import open_database
from tui.app import QuizApp
from tui.screens.study import StudyScreen

SIZE = (80, 24)
HOSTILE = SyntheticArticle(
    title="Fort [bold]Loud[/bold] \u202eyaw",
    infobox=(
        ("Born", "3 May 1850, [link=https://evil.example]Lyon[/link]"),
        ("Died", "9 June 1901, Ghent"),
    ),
    lead=("Fort was a chemist from Lyon.", BACKGROUND),
)
ESCAPED = (
    "Escapes",
    "escapes",
    "infobox:colour",
    "Which colour is \x1b[31mthis\x1b[0m?",
    "Red \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\",
    "name",
    ["Blue\x1b[2J", "Green \u202eneerg", "[link=https://evil.example]Amber[/link]"],
    "Infobox",
    "Colour: Red \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\ \x07",
)
CARD_PARTS = ("#study-status", "#article", "#question", "#feedback", "#source")


def shown(screen: StudyScreen) -> list[Text]:
    """Every text the study screen shows about the card, options included."""
    texts = [screen.query_one(part, Static).content for part in CARD_PARTS]
    texts += [widget.content for widget in screen.query(".choice") if widget.display]
    return [text for text in texts if isinstance(text, Text)]


def assert_plain(screen: StudyScreen) -> str:
    """Nothing shown obeys the article: no control or bidi character, no link, no markup."""
    texts = shown(screen)
    assert texts
    plain = "\n".join(text.plain for text in texts)
    for character in ("\x1b", "\x07", "\u202e"):
        assert character not in plain
    for text in texts:
        for span in text.spans:
            style = span.style
            assert isinstance(style, str) or style.link is None  # no OSC 8 hyperlink
    return plain


async def study_every_card(db_path, expected: list[str]) -> list[str]:
    """Answer each card by choice (or flip), checking the screen before and after."""
    app = QuizApp(db_path, now=lambda: T0, tz=UTC, enable_fuzzing=False, mode="choice")
    seen = []
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # the first deck
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        while isinstance(app.screen, StudyScreen) and screen.current is not None:
            seen.append(assert_plain(screen))
            if screen.card_mode == "choice":
                await pilot.press("1")
            else:
                await pilot.press("space")
            seen.append(assert_plain(screen))
            await pilot.press("enter" if screen.card_mode == "choice" else "4")
        text = "\n".join(seen)
        for literal in expected:
            assert literal in text, literal
    return seen


def test_a_built_article_with_markup_and_a_bidi_override_shows_as_plain_text(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "fort.txt").write_text(render_b(HOSTILE), encoding="utf-8")
    db_path = tmp_path / "hostile.db"
    result = quiz("build", "--jobs", "1", "--db", str(db_path), str(seeds))
    assert result.returncode == 0, result.stderr
    asyncio.run(
        study_every_card(
            db_path,
            [
                "Fort [bold]Loud[/bold] \\u202eyaw",  # the title and the question, as written
                "[link=https://evil.example]Lyon[/link]",  # the source line
            ],
        )
    )


def test_escape_sequences_in_a_stored_card_show_as_plain_text(tmp_path):
    db_path = tmp_path / "escapes.db"
    db = open_database(db_path)
    insert_facts(db, [ESCAPED])
    db.conn.close()
    asyncio.run(
        study_every_card(
            db_path,
            [
                "Which colour is \\x1b[31mthis\\x1b[0m?",
                "Blue\\x1b[2J",
                "Green \\u202eneerg",
                "[link=https://evil.example]Amber[/link]",
                "Red \\x1b]8;;https://evil.example",  # the answer and the source line
            ],
        )
    )
