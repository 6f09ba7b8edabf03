"""The History screen: charts and tables over the review log.

The figures come from `quizgen.history.report.build_report`, read in a thread worker
on its own database connection (sqlite3 connections stay in their thread), so
the screen is up at once and fills in when the report arrives. Charts are
drawn by plotext through textual-plotext; the calendar heatmap is Rich text.

Keys: 1/2/3 switch the charts between 30, 90 and 365 days; s studies the
hardest cards now (posts `HistoryScreen.StudyCards` with their ids for the app
to act on); escape or q goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual_plotext import PlotextPlot

from quizgen.core.clock import utc_now
from quizgen.core.terminal_text import printable
from quizgen.core.wording import plural
from quizgen.history.report import (
    WINDOWS,
    HistoryReport,
    StudyClock,
    build_report,
    format_duration,
    format_percent,
    load_clock,
)
from quizgen.store import open_database

HEAT_COLORS = ("grey23", "dark_green", "green4", "green3", "bright_green")
"""Calendar cell colours: no review, then four steps of more reviews."""

MASTERY_BAR_WIDTH = 12


def mastery_bar(share: float | None, width: int = MASTERY_BAR_WIDTH) -> Text:
    """A bar of `width` cells filled in proportion to `share`, then the percentage."""
    filled = round((share or 0.0) * width)
    bar = Text("█" * filled, style="green")
    bar.append("░" * (width - filled), style="grey37")
    bar.append(f" {format_percent(share)}")
    return bar


def heatmap(report: HistoryReport, weeks: int = 53) -> Text:
    """Anki-style calendar: one column per week (Monday on top), coloured by reviews that day.

    `weeks` is how many fit the screen (2 cells a week after the day names), so no row wraps.
    """
    weeks = max(1, weeks)
    today = report.today
    last_monday = today - timedelta(days=today.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    counts = {entry.day: entry.reviews for entry in report.daily((today - first).days + 1)}
    busiest = max(counts.values(), default=0)
    text = Text()
    # month names where a month starts, each kept whole, none overlapping the next
    months = [" "] * (weeks * 2)
    free_from = 0
    for week in range(weeks):
        monday = first + timedelta(weeks=week)
        if week and (monday - timedelta(days=7)).month == monday.month:
            continue
        if not week and (monday + timedelta(weeks=2)).month != monday.month:
            continue  # the first column's month barely shows: leave room for the next
        label = monday.strftime("%b")
        column = week * 2
        if column >= free_from and column + len(label) <= len(months):
            months[column : column + len(label)] = label
            free_from = column + len(label) + 1
    text.append("    " + "".join(months).rstrip())
    text.append("\n")
    for weekday, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        text.append(f"{name:<4}")
        for week in range(weeks):
            day = first + timedelta(weeks=week, days=weekday)
            if day > today:
                text.append("  ")
                continue
            count = counts.get(day, 0)
            text.append("■ ", style=HEAT_COLORS[_heat_level(count, busiest)])
        text.append("\n")
    text.append("    less ")
    for color in HEAT_COLORS:
        text.append("■ ", style=color)
    text.append("more")
    return text


def calendar_weeks(width: int) -> int:
    """How many weeks of calendar fit `width` columns (day names 4, 2 a week, a margin)."""
    return max(4, min(53, (width - 4 - 4) // 2))


def day_ticks(first: int, last: int, count: int = 6, *, anchor: int | None = None) -> list[int]:
    """Whole-number axis ticks between `first` and `last`, at most about `count`, evenly
    spaced from `anchor` (default `last`: today on a "days ago" axis; 0 from today on)."""
    span = max(1, last - first)
    for step in (1, 2, 5, 10, 15, 20, 25, 50, 100, 200, 500, 1000, 5000, 10000):
        if span / step <= count:
            break
    anchor = last if anchor is None else anchor
    below = range(anchor, first - 1, -step)
    above = range(anchor + step, last + 1, step)
    return sorted({*below, *above} & set(range(first, last + 1)))


def _heat_level(count: int, busiest: int) -> int:
    if count <= 0 or busiest <= 0:
        return 0
    return min(len(HEAT_COLORS) - 1, 1 + (len(HEAT_COLORS) - 1) * (count - 1) // busiest)


def summary_text(report: HistoryReport) -> Text:
    totals = report.totals
    average = totals.average_ms
    parts = [
        ("Reviews", f"{totals.reviews:,}"),
        ("Accuracy", format_percent(totals.accuracy)),
        ("True retention", format_percent(report.overall_retention.retention)),
        ("Study time", format_duration(totals.study_ms / 1000)),
        ("Per card", "—" if average is None else f"{average / 1000:.1f}s"),
        (
            "Streak",
            f"{plural(report.streaks.current, 'day')} (longest "
            f"{plural(report.streaks.longest, 'day')})",
        ),
        ("Days studied", f"{totals.days_studied:,}"),
    ]
    text = Text()
    for index, (label, value) in enumerate(parts):
        if index:
            text.append("   ")
        text.append(f"{label} ", style="bold")
        text.append(value)
    return text


class HistoryScreen(Screen):
    """Charts and tables of the learner's history; opened with `h` from the deck list."""

    BINDINGS = [
        Binding("1", "window(30)", "30 days"),
        Binding("2", "window(90)", "90 days"),
        Binding("3", "window(365)", "365 days"),
        Binding("s", "study_hardest", "Study hardest"),
        Binding("escape,q", "app.pop_screen", "Back"),
    ]

    DEFAULT_CSS = """
    HistoryScreen #charts { height: 16; }
    HistoryScreen #forecast { height: 12; }
    HistoryScreen .section { margin: 1 0 0 0; text-style: bold; }
    HistoryScreen DataTable { height: auto; max-height: 14; }
    HistoryScreen #heatmap { height: auto; }
    """

    window: reactive[int] = reactive(30)
    """Days shown by the per-day charts."""

    class Loaded(Message):
        """The report has been read (posted by the worker)."""

        def __init__(self, report: HistoryReport) -> None:
            self.report = report
            super().__init__()

    class Failed(Message):
        """The report could not be read; `reason` is one line."""

        def __init__(self, reason: str) -> None:
            self.reason = reason
            super().__init__()

    class StudyCards(Message):
        """The learner asked to study these cards now (the hardest ones)."""

        def __init__(self, card_ids: list[str]) -> None:
            self.card_ids = card_ids
            super().__init__()

    def __init__(
        self,
        db_path: str | Path,
        *,
        deck: str | None = None,
        now: Callable[[], datetime] = utc_now,
        clock: StudyClock | None = None,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.deck = deck
        self.now = now
        self.clock = clock
        self.report: HistoryReport | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("Reading the review log…", id="summary")
            with Horizontal(id="charts"):
                yield PlotextPlot(id="reviews-chart")
                yield PlotextPlot(id="accuracy-chart")
            yield Static("Study days", classes="section")
            yield Static(id="heatmap")
            yield PlotextPlot(id="forecast")
            yield Static("Decks", classes="section")
            yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
            yield Static("Hardest cards (s: study them now)", classes="section")
            yield DataTable(id="hardest", cursor_type="row", zebra_stripes=True)
            yield Static("Answers you mix up", classes="section")
            yield DataTable(id="confusions", cursor_type="row", zebra_stripes=True)
            yield Static("Recent sessions", classes="section")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.deck or "All decks"
        self.title = "History"
        # widths from the screen: the text columns get what the figures leave, so every
        # column is on screen at 80 wide (cells cut with an ellipsis, never the table)
        width = self.app.size.width - 4
        decks = self.query_one("#decks", DataTable)
        figures = (("New", 5), ("Learning", 8), ("Young", 5), ("Mature", 6), ("Accuracy", 8))
        mastery = MASTERY_BAR_WIDTH + 5
        deck_width = max(10, width - sum(w + 2 for _, w in figures) - (mastery + 2) - 2)
        decks.add_column("Deck", width=deck_width)
        for label, column_width in figures:
            decks.add_column(label, width=column_width)
        decks.add_column("Mastery", width=mastery)
        hardest = self.query_one("#hardest", DataTable)
        hard_figures = (("Reviews", 7), ("Lapses", 6), ("Accuracy", 8))
        rest = width - sum(w + 2 for _, w in hard_figures) - 4
        hardest.add_column("Question", width=max(16, rest * 2 // 3))
        hardest.add_column("Deck", width=max(8, rest - rest * 2 // 3))
        for label, column_width in hard_figures:
            hardest.add_column(label, width=column_width)
        confusions = self.query_one("#confusions", DataTable)
        pair_width = max(12, (width - (5 + 2) * 2 - 2) // 2 - 2)
        confusions.add_column("Answer", width=pair_width)
        confusions.add_column("Mixed up with", width=pair_width)
        confusions.add_column("Times", width=5)
        confusions.add_column("Cards", width=5)
        self.query_one("#sessions", DataTable).add_columns(
            "Date", "Deck", "Cards", "Correct", "Time"
        )
        self.load_report()

    @work(thread=True, exit_on_error=False, exclusive=True, group="history")
    def load_report(self) -> None:
        """Read the report on a connection of this thread; never touches widgets."""
        try:
            db = open_database(self.db_path, create=False)
            try:
                clock = self.clock or load_clock(db)
                report = build_report(db, self.now(), clock=clock, deck=self.deck)
            finally:
                db.close()
        except Exception as error:  # noqa: BLE001 - any failure becomes a message, not a crash
            self.post_message(
                self.Failed(str(error).splitlines()[0] if str(error) else repr(error))
            )
            return
        self.post_message(self.Loaded(report))

    @on(Failed)
    def show_failure(self, message: Failed) -> None:
        self.query_one("#summary", Static).update(
            Text(f"Cannot read the history: {message.reason}", style="bold red")
        )

    @on(Loaded)
    def show_report(self, message: Loaded) -> None:
        self.report = message.report
        report = message.report
        self.query_one("#summary", Static).update(summary_text(report))
        self.query_one("#heatmap", Static).update(
            heatmap(report, calendar_weeks(self.app.size.width))
        )
        self._draw_daily_charts()
        self._draw_forecast()
        self._fill_tables()

    def watch_window(self, _old: int, _new: int) -> None:
        if self.report is not None:
            self._draw_daily_charts()

    def action_window(self, days: int) -> None:
        if days in WINDOWS:
            self.window = days

    def action_study_hardest(self) -> None:
        if self.report is None or not self.report.hardest:
            self.notify("No hard cards yet: a card needs 3 reviews first.")
            return
        self.post_message(self.StudyCards([card.card_id for card in self.report.hardest]))

    # -- drawing --------------------------------------------------------------------------

    def _draw_daily_charts(self) -> None:
        assert self.report is not None
        days = self.report.daily(self.window)
        offsets = list(range(-len(days) + 1, 1))
        reviews_plot = self.query_one("#reviews-chart", PlotextPlot)
        plt = reviews_plot.plt
        plt.clear_figure()
        plt.title(f"Reviews per day, last {self.window} days")
        plt.bar(offsets, [entry.reviews for entry in days], marker="sd")
        ticks = day_ticks(offsets[0], 0)
        plt.xticks(ticks, [str(-tick) for tick in ticks])
        top = max((entry.reviews for entry in days), default=0)
        y_ticks = day_ticks(0, max(1, top), 4, anchor=0)
        plt.yticks(y_ticks, [str(tick) for tick in y_ticks])  # whole reviews, not 0.67
        plt.xlabel("days ago")
        reviews_plot.refresh()

        accuracy_plot = self.query_one("#accuracy-chart", PlotextPlot)
        plt = accuracy_plot.plt
        plt.clear_figure()
        plt.title(f"Accuracy per day (%), last {self.window} days")
        studied = [(x, entry) for x, entry in zip(offsets, days, strict=True) if entry.reviews]
        if studied:
            plt.plot(
                [x for x, _ in studied],
                [100 * (entry.accuracy or 0) for _, entry in studied],
                marker="braille",
            )
        plt.ylim(0, 100)
        plt.yticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"])
        plt.xlim(offsets[0], 0)
        ticks = day_ticks(offsets[0], 0)
        plt.xticks(ticks, [str(-tick) for tick in ticks])
        plt.xlabel("days ago")
        accuracy_plot.refresh()

    def _draw_forecast(self) -> None:
        assert self.report is not None
        forecast_plot = self.query_one("#forecast", PlotextPlot)
        plt = forecast_plot.plt
        plt.clear_figure()
        plt.title(f"Due in the next 30 days ({self.report.overdue} overdue, counted today)")
        plt.bar(
            list(range(len(self.report.forecast))),
            [entry.due for entry in self.report.forecast],
            marker="sd",
        )
        ticks = day_ticks(0, max(1, len(self.report.forecast) - 1), anchor=0)
        plt.xticks(ticks, [str(tick) for tick in ticks])
        top = max((entry.due for entry in self.report.forecast), default=0)
        y_ticks = day_ticks(0, max(1, top), 4, anchor=0)
        plt.yticks(y_ticks, [str(tick) for tick in y_ticks])  # whole cards
        plt.xlabel("days from today")
        forecast_plot.refresh()

    def _fill_tables(self) -> None:
        assert self.report is not None
        decks = self.query_one("#decks", DataTable)
        decks.clear()
        for deck in self.report.decks:
            decks.add_row(
                _cell(deck.deck),
                str(deck.new),
                str(deck.learning),
                str(deck.young),
                str(deck.mature),
                format_percent(deck.accuracy),
                mastery_bar(deck.mastery),
            )
        hardest = self.query_one("#hardest", DataTable)
        hardest.clear()
        for card in self.report.hardest:
            hardest.add_row(
                _cell(card.question),
                _cell(card.deck),
                str(card.reviews),
                str(card.lapses),
                format_percent(card.accuracy),
                key=card.card_id,
            )
        confusions = self.query_one("#confusions", DataTable)
        confusions.clear()
        for confusion in self.report.confusions:
            first, second = confusion.answers
            confusions.add_row(
                _cell(first), _cell(second), str(confusion.count), str(confusion.cards)
            )
        sessions = self.query_one("#sessions", DataTable)
        sessions.clear()
        for session in self.report.sessions:
            correct = session.correct_percent
            sessions.add_row(
                _day_label(session.day),
                _cell(session.deck or "All decks"),
                str(session.cards),
                "—" if correct is None else f"{correct:.0f}%",
                format_duration(session.duration_ms / 1000),
            )


def _cell(text: str) -> Text:
    """A table cell from seed text: never parsed as markup, its controls shown, not obeyed,
    and cut with an ellipsis."""
    return Text(printable(text), overflow="ellipsis", no_wrap=True)


def _day_label(day: date) -> str:
    return day.strftime("%a %d %b %Y")
