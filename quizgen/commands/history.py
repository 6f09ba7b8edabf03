"""`quiz history`: the review log summed up, as Rich tables or as one JSON object."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the work's imports wait for run(): parsing arguments stays fast
    from rich.console import Console

    from quizgen.history.report import HistoryReport


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "history",
        help="reviews, streaks, retention, forecast and hardest cards",
        description="Summarise the review log. Days are the learner's study days "
        "(settings day_start_hour, timezone).",
    )
    parser.add_argument("--db", metavar="PATH", help="database file")
    parser.add_argument("--deck", metavar="NAME", help="only this deck")
    parser.add_argument(
        "--days", metavar="N", type=_positive_days, default=30, help="days shown per day (30)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object for scripts")
    return parser


def _positive_days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of days, got {text!r}") from None
    if not 1 <= value <= 3660:
        raise argparse.ArgumentTypeError(f"must be between 1 and 3660, got {value}")
    return value


def run(args: argparse.Namespace) -> int:
    from quizgen.commands.deck_option import resolve_deck_option
    from quizgen.core.clock import utc_now
    from quizgen.history.report import build_report, load_clock, report_to_json
    from quizgen.store import open_database

    db = open_database(args.db, create=False, defer_library=True)
    deck, failed = resolve_deck_option(db, args.deck, "history")
    if failed:
        return failed
    report = build_report(db, utc_now(), clock=load_clock(db), deck=deck)
    if args.json:
        print(json.dumps(report_to_json(report, args.days), ensure_ascii=False))
        return 0
    from rich.console import Console  # only for the tables: --json starts without rich

    print_report(report, args.days, Console())
    return 0


def print_report(report: HistoryReport, days: int, console: Console) -> None:
    """Every section as a Rich table; sections with nothing to show say so in one line.

    Deck names and questions come from seed files: they go to Rich as `Text`
    (never parsed as markup) and through `printable` (controls shown, not obeyed).
    """
    from rich.table import Table
    from rich.text import Text

    from quizgen.core.terminal_text import printable
    from quizgen.core.wording import plural
    from quizgen.history.report import format_duration, format_percent

    def plain(text: str) -> Text:
        return Text(printable(text))

    totals = report.totals
    scope = report.deck or "all decks"
    overview = Table(title=plain(f"History — {scope}"), show_header=False)
    overview.add_column(style="bold")
    overview.add_column(justify="right")
    average = totals.average_ms
    for label, value in (
        ("Reviews", f"{totals.reviews:,}"),
        ("Accuracy", format_percent(totals.accuracy)),
        ("True retention", format_percent(report.overall_retention.retention)),
        ("Study time", format_duration(totals.study_ms / 1000)),
        ("Average per card", "—" if average is None else f"{average / 1000:.1f}s"),
        ("Cards studied", f"{totals.cards_studied:,}"),
        ("Days studied", f"{totals.days_studied:,}"),
        ("Current streak", plural(report.streaks.current, "day")),
        ("Longest streak", plural(report.streaks.longest, "day")),
        ("Overdue", f"{report.overdue:,}"),
    ):
        overview.add_row(label, value)
    console.print(overview)

    daily = Table(title=f"Last {days} days")
    for name in ("Day", "Reviews", "Accuracy", "Retention", "Time"):
        daily.add_column(name, justify="left" if name == "Day" else "right")
    studied = [entry for entry in report.daily(days) if entry.reviews]
    for entry in reversed(studied):
        daily.add_row(
            entry.day.isoformat(),
            str(entry.reviews),
            format_percent(entry.accuracy),
            format_percent(entry.retention),
            format_duration(entry.duration_ms / 1000),
        )
    console.print(daily if studied else f"No reviews in the last {days} days.")

    monthly = report.retention("month")
    if monthly:
        table = Table(title="True retention by month")
        for name in ("Month", "Reviews", "Passed", "Retention"):
            table.add_column(name, justify="left" if name == "Month" else "right")
        for period in monthly[-12:]:
            table.add_row(
                period.label,
                str(period.reviews),
                str(period.passed),
                format_percent(period.retention),
            )
        console.print(table)

    forecast = Table(title="Due in the next 30 days")
    forecast.add_column("Day")
    forecast.add_column("Due", justify="right")
    for entry in report.forecast:
        if entry.due:
            forecast.add_row(entry.day.isoformat(), str(entry.due))
    if any(entry.due for entry in report.forecast):
        console.print(forecast)
    else:
        console.print("Nothing due in the next 30 days.")

    if report.decks:
        decks = Table(title="Decks")
        for name in ("Deck", "New", "Learning", "Young", "Mature", "Accuracy", "Mastery"):
            decks.add_column(name, justify="left" if name == "Deck" else "right")
        for deck in report.decks:
            decks.add_row(
                plain(deck.deck),
                str(deck.new),
                str(deck.learning),
                str(deck.young),
                str(deck.mature),
                format_percent(deck.accuracy),
                format_percent(deck.mastery),
            )
        console.print(decks)

    if report.hardest:
        hardest = Table(title="Hardest cards")
        for name in ("Question", "Deck", "Reviews", "Lapses", "Accuracy"):
            hardest.add_column(name, justify="left" if name in ("Question", "Deck") else "right")
        for card in report.hardest:
            hardest.add_row(
                plain(card.question),
                plain(card.deck),
                str(card.reviews),
                str(card.lapses),
                format_percent(card.accuracy),
            )
        console.print(hardest)

    if report.confusions:
        confusions = Table(title="Answers you mix up")
        for name in ("Answer", "Mixed up with", "Times", "Cards"):
            confusions.add_column(name, justify="right" if name in ("Times", "Cards") else "left")
        for confusion in report.confusions:
            first, second = confusion.answers
            confusions.add_row(
                plain(first), plain(second), str(confusion.count), str(confusion.cards)
            )
        console.print(confusions)

    if report.sessions:
        sessions = Table(title="Recent sessions")
        for name in ("Date", "Deck", "Cards", "Correct", "Time"):
            sessions.add_column(name, justify="left" if name in ("Date", "Deck") else "right")
        for session in report.sessions:
            correct = session.correct_percent
            sessions.add_row(
                session.day.isoformat(),
                plain(session.deck or "all decks"),
                str(session.cards),
                "—" if correct is None else f"{correct:.0f}%",
                format_duration(session.duration_ms / 1000),
            )
        console.print(sessions)
