"""`quiz study [DECK]`: open the study app (the default when `quiz` is run alone).

An empty database is first filled from the bundled seeds, with a progress bar,
so a first `quiz` shows cards instead of an empty list.
"""

from __future__ import annotations

import argparse
import sys

ANSWER_MODES = ("auto", "type", "choice", "flip")
"""quizgen.study.settings.ANSWER_MODES (auto, then the card kinds' modes), spelled out so
`quiz --help` need not import the study settings and the card-kind registry; a test keeps
the two in step."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "study",
        help="study cards with spaced repetition (the default command)",
        description=(
            "Open the study app on the deck list, or straight on DECK. An empty database "
            "is first built from the bundled seeds. Exit 2 for an unknown deck."
        ),
    )
    parser.add_argument(
        "deck",
        nargs="?",
        metavar="DECK",
        help="study this deck right away (any case, - for –, or an unambiguous prefix)",
    )
    parser.add_argument(
        "--mode", choices=ANSWER_MODES, help="answer mode for this run (default: the setting)"
    )
    parser.add_argument(
        "--db", metavar="PATH", help="database file (default: $QUIZ_DB or the user data dir)"
    )
    return parser


def _build_seeds(db) -> None:
    """Build the bundled seeds with a visible progress bar (no Textual loaded yet)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from quizgen.build.pipeline import build_corpus, default_seed_paths
    from quizgen.core.clock import utc_now

    paths = default_seed_paths()
    if not paths:
        print("quiz study: the database is empty and no seeds/ folder was found", file=sys.stderr)
        return
    console = Console(stderr=True)
    console.print("First run: building cards from the bundled seed articles…")
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console
    ) as progress:
        task = progress.add_task("Building", total=None)

        def on_progress(done: int, total: int, path: str) -> None:
            progress.update(task, completed=done, total=total)

        report = build_corpus(db, paths, now=utc_now(), on_progress=on_progress)
    console.print(f"Built {report.cards_total} cards from {report.articles_read} articles.")


def run(args: argparse.Namespace) -> int:
    from quizgen.commands.deck_option import resolve_deck_option
    from quizgen.store import check_writable, close_database, open_database
    from quizgen.store.queue import has_cards

    db = open_database(args.db, defer_library=True)  # sqlite-utils only if seeds are built
    check_writable(db)  # a read-only database is one line now, not a lost first answer
    if not has_cards(db):
        _build_seeds(db)
    deck, failed = resolve_deck_option(db, args.deck, "study")
    if failed:
        return failed
    close_database(db)
    from quizgen.core.wording import plural
    from tui.app import QuizApp

    app = QuizApp(args.db, deck=deck, mode=args.mode)
    app.run()
    if app.unsaved_answers:
        print(
            f"quiz study: {plural(app.unsaved_answers, 'answer')} could not be saved: another"
            " process held the database the whole time",
            file=sys.stderr,
        )
    return app.return_code or 0
