"""`quiz cards`: search every card, as a table or as JSON lines (the browser's search)."""

from __future__ import annotations

import argparse
import json
import sys

STAGE_NAMES = ("new", "learning", "review", "suspended", "flagged", "retired")
ORDER_NAMES = ("deck", "due", "lapses", "accuracy")
"""As quizgen.browse (checked by the tests): named here so parsing stays fast."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "cards",
        help="search cards by text, deck and stage",
        description=(
            "List the cards whose question, answer, source sentence or article title hold "
            "every word of TEXT (case aside), of one deck and one stage (default: every card "
            "not retired), one per line: id, stage, due date, deck, question. --json prints "
            "one JSON object per card. Exit 2 for an unknown deck."
        ),
    )
    parser.add_argument("--deck", metavar="D", help="only this deck (case, dashes, prefix)")
    parser.add_argument("--search", metavar="TEXT", default="", help="words that must all appear")
    parser.add_argument("--state", metavar="S", choices=STAGE_NAMES, help=", ".join(STAGE_NAMES))
    parser.add_argument(
        "--sort", choices=ORDER_NAMES, default="deck", help="order (deck: build order)"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--db", metavar="PATH", help="database file")
    return parser


def run(args: argparse.Namespace) -> int:
    from quizgen.browse.search import search_cards
    from quizgen.commands.deck_option import resolve_deck_option
    from quizgen.core.terminal_text import printable
    from quizgen.store import open_database

    db = open_database(args.db, create=False, defer_library=True)
    deck, failed = resolve_deck_option(db, args.deck, "cards")
    if failed:
        return failed
    result = search_cards(db, args.search, deck=deck, stage=args.state, order=args.sort, limit=None)
    for card in result.cards:
        if args.json:
            record = {
                "id": card.card_id,
                "deck": card.deck,
                "stage": card.stage,
                "question": card.question,
                "answer": card.answer,
                "due": card.due,
                "reviews": card.reviews,
                "lapses": card.lapses,
                "accuracy": card.accuracy,
                "edited": card.edited,
                "flag": card.flag,
                "article_now_says": card.source_answer,
            }
            print(json.dumps(record, ensure_ascii=False))
        else:
            due = (card.due or "")[:10]
            print(
                f"{card.card_id}  {card.stage:<9}  {due:<10}  {printable(card.deck)}  "
                f"{printable(card.question)}"
            )
    if not args.json and not result.cards:
        print("No cards match.", file=sys.stderr)
    return 0
