"""`quiz suspended`: list the cards suspended in study, and bring them back.

Suspending (`s` in the study app) keeps a card out of every queue; this is the
way back from the command line, as the app's `u` is right after suspending.
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "suspended",
        help="list suspended cards, or unsuspend them",
        description=(
            "List the suspended cards (of DECK), one per line: id, deck, question. "
            "--unsuspend ID... brings those cards back into study; --all brings back "
            "every listed card. Exit 2 for an unknown deck or card id."
        ),
    )
    parser.add_argument("--deck", metavar="NAME", help="only this deck (case, dashes, prefix)")
    parser.add_argument("--unsuspend", nargs="+", metavar="ID", help="unsuspend these cards")
    parser.add_argument("--all", action="store_true", help="unsuspend every listed card")
    parser.add_argument(
        "--db", metavar="PATH", help="database file (default: $QUIZ_DB or the user data dir)"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from quizgen.commands.deck_option import resolve_deck_option
    from quizgen.store import open_database
    from quizgen.study.suspended import suspended_cards, unsuspend

    db = open_database(args.db, create=False, defer_library=True)
    deck, failed = resolve_deck_option(db, args.deck, "suspended")
    if failed:
        return failed
    cards = suspended_cards(db, deck)
    if args.unsuspend or args.all:
        listed = {card.card_id for card in cards}
        wanted = list(args.unsuspend or []) if not args.all else sorted(listed)
        unknown = [card_id for card_id in wanted if card_id not in listed]
        for card_id in unknown:
            print(f"quiz suspended: {card_id}: not a suspended card", file=sys.stderr)
        done = unsuspend(db, [card_id for card_id in wanted if card_id in listed])
        print(f"Unsuspended {done} card{'' if done == 1 else 's'}.")
        return 2 if unknown else 0
    if not cards:
        print("No suspended cards.")
        return 0
    for card in cards:
        print(f"{card.card_id}  {card.deck}  {card.question}")
    return 0
