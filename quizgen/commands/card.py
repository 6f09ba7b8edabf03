"""`quiz card ID`: one card's info and review history; suspend, flag or reset it."""

from __future__ import annotations

import argparse
import sys

FLAG_WORDS = "wrong-answer, ambiguous, not-worth-learning, bad-options, typo"


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "card",
        help="one card's info and history; suspend, flag or reset it",
        description=(
            "Show a card: its text, accepted answers, options, source (article, section, "
            "sentence), stage, due date, stability, difficulty and review history. With an "
            "action, do what the app's browser does. Exit 2 for an unknown id or reason."
        ),
    )
    parser.add_argument("id", metavar="ID", help="the card's id (16 hex digits, see quiz cards)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--suspend", action="store_true", help="keep it out of study")
    action.add_argument("--unsuspend", action="store_true", help="bring it back into study")
    action.add_argument(
        "--flag", metavar="REASON", help=f"flag it as bad, out of every queue ({FLAG_WORDS})"
    )
    action.add_argument("--unflag", action="store_true", help="take the flag back")
    action.add_argument("--reset", action="store_true", help="back to new (history is kept)")
    parser.add_argument("--db", metavar="PATH", help="database file")
    return parser


def run(args: argparse.Namespace) -> int:
    from quizgen.browse import marks
    from quizgen.browse.info import card_info
    from quizgen.core.clock import utc_now
    from quizgen.store import open_database

    db = open_database(args.db, create=False, defer_library=True)
    info = card_info(db, args.id)
    if info is None:
        print(f"quiz card: {args.id}: no such card", file=sys.stderr)
        return 2
    if args.flag is not None:
        try:
            marks.flag(db, args.id, args.flag, utc_now())
        except marks.FlagReasonError as error:
            print(f"quiz card: {error}", file=sys.stderr)
            return 2
        print(f"Flagged ({marks.FLAG_REASONS[marks.flag_reason(args.flag)]}): out of study.")
    elif args.unflag:
        done = marks.unflag(db, args.id)
        print("Flag taken back." if done else "The card was not flagged.")
    elif args.suspend or args.unsuspend:
        marks.suspend(db, args.id, args.suspend)
        print("Suspended." if args.suspend else "Unsuspended.")
    elif args.reset:
        marks.reset(db, args.id, utc_now())
        print("Reset to new (its reviews are kept).")
    else:
        _print_info(info)
    return 0


def _print_info(info) -> None:
    from quizgen.browse.describe import card_lines, history_lines
    from quizgen.core.terminal_text import printable
    from quizgen.core.wording import plural

    for label, text in card_lines(info):
        print(f"{label + ':':<17} {printable(text)}")
    rows = history_lines(info)
    print(f"History:          {plural(len(rows), 'review')}")
    for when, rating, mode, given, verdict, took in rows:
        shown = printable(given) if given else "—"
        print(f"  {when}  {rating:<5}  {mode:<6}  {verdict or '—':<7}  {took:>7}  {shown}")
    if info.changes:
        print("Changes:")
    for when, change, old, new in info.changes:
        detail = f"{printable(old or '')} → {printable(new or '')}" if old or new else ""
        print(f"  {when[:16].replace('T', ' ')}  {change}  {detail}".rstrip())
