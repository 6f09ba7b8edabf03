"""Study latency on a large database: 100,000 cards and 1,000,000 review rows.

Measures (a) the database work between an answer and the next card drawn,
(b) key press to next card in the Textual app (through Pilot), (c) cold start
against a trivial Textual app, each as subprocesses timed whole, and (c') the
same to the first card painted (with the CPU time used by then).
Targets: (a) <= 1 ms median, (b) <= 10 ms median under load 2, (c') <= 1.5x
the trivial app. Later figures: bench/RESULTS.md.

(b) runs once per `--busy N` (default 0 and 2): beside N pure-Python busy loops,
the load its target is set under. Beside it, the floor of any key press in
Textual: a trivial app whose key gives one Static a new text, timed the same way.

    .venv/bin/python bench/study_latency.py [--db PATH] [--busy 0 2]

Recorded 2026-11-21 (2 shared cores, other builds running; building the DB: 59 s):
    (a) median 0.39 ms, p95 4.5 ms        (0.32 / 0.65 ms on a quieter run)
    (b) median 9.3 ms, p95 20.9 ms        (8.6 / 12.2 ms on a quieter run)
    (c) 845 ms vs trivial 315 ms: 2.7x    (missed; 2.3x on a quieter run)
Of (c), importing sqlite_utils costs ~270 ms, 145 ms of it numpy, which
sqlite_utils imports whenever it is installed; the rest is Textual composing
and styling the study screen (~150 ms from mount to the first card).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
CARDS, REVIEWS, DECKS, CARDS_PER_ARTICLE = 100_000, 1_000_000, 40, 10
DECK_UNDER_TEST = "deck-07"


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def build_database(path: Path) -> None:
    """Bulk insert with executemany in one transaction: seconds, not minutes."""
    from quizgen.store import open_database

    rng = random.Random(7)
    db = open_database(path)
    conn = db.conn
    conn.execute("BEGIN")
    created = _stamp(NOW - timedelta(days=400))
    decks = [f"deck-{n:02d}" for n in range(DECKS)]
    conn.executemany("INSERT INTO decks VALUES (?, ?)", [(d, created) for d in decks])
    articles = CARDS // CARDS_PER_ARTICLE
    conn.executemany(
        "INSERT INTO articles (id, title, path, content_hash, format, short_description,"
        " built_at) VALUES (?, ?, ?, ?, 'B', '', ?)",
        [
            (f"a{n:06d}", f"Article {n}", f"seeds/{n}.txt", f"h{n}", created)
            for n in range(articles)
        ],
    )
    cards, states = [], {}
    for n in range(CARDS):
        article = n // CARDS_PER_ARTICLE
        deck = decks[article % DECKS]
        roll = rng.random()
        if roll < 0.35:
            state = (None, None, None, None, None, None, 0, 0)
        elif roll < 0.40:
            due = NOW + timedelta(minutes=rng.randint(-30, 30))
            state = (1, 1, 2.3, 5.1, _stamp(due), _stamp(due - timedelta(minutes=10)), 2, 0)
        else:
            due = NOW + timedelta(days=rng.uniform(-20, 120))
            state = (
                2,
                None,
                rng.uniform(1, 200),
                rng.uniform(1, 10),
                _stamp(due),
                _stamp(due - timedelta(days=10)),
                rng.randint(2, 30),
                rng.randint(0, 4),
            )
        card_id = f"{n:016x}"
        states[card_id] = state
        cards.append(
            (
                card_id,
                deck,
                f"a{article:06d}",
                "infobox",
                f"field{n % CARDS_PER_ARTICLE}",
                f"What is field {n % CARDS_PER_ARTICLE} of Article {article}?",
                f"Answer {n}",
                "[]",
                json.dumps([f"Other {n + 1}", f"Other {n + 2}", f"Other {n + 3}"]),
                "text",
                0,
                f"seeds/{article}.txt",
                f"Article {article}",
                "Infobox",
                f"Field: Answer {n}",
                "{}",
                "active",
                0,
                created,
                created,
                *state,
            )
        )
    columns = (
        "id, deck, article_id, kind, fact_key, question, answer, accepted, distractors,"
        " answer_type, any_of, source_path, source_title, source_section, source_text, extra,"
        " status, suspended, created_at, updated_at, fsrs_state, fsrs_step, stability,"
        " difficulty, due, last_review, reps, lapses"
    )
    conn.executemany(f"INSERT INTO cards ({columns}) VALUES ({', '.join('?' * 28)})", cards)
    conn.execute(
        "INSERT INTO sessions (deck, mode, started_at) VALUES (NULL, 'flip', ?)", [created]
    )
    ids = list(states)
    studied = [card_id for card_id in ids if states[card_id][0] is not None]
    before = json.dumps(
        {
            "fsrs_state": 2,
            "fsrs_step": None,
            "stability": 10.0,
            "difficulty": 5.0,
            "due": created,
            "last_review": created,
            "reps": 3,
            "lapses": 0,
        }
    )

    def review_rows():
        for _ in range(REVIEWS):
            moment = NOW - timedelta(seconds=rng.randint(3600 * 8, 86400 * 365))
            yield (
                rng.choice(studied),
                1,
                _stamp(moment),
                rng.choice((1, 3, 3, 3, 4)),
                "flip",
                None,
                None,
                rng.randint(800, 9000),
                before,
                before,
            )

    conn.executemany(
        "INSERT INTO reviews (card_id, session_id, reviewed_at, rating, mode, answer_given,"
        " verdict, duration_ms, state_before, state_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        review_rows(),
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return f"median {statistics.median(samples):.3f} ms, p95 {p95:.3f} ms (n={len(samples)})"


def bench_db(path: Path, answers: int = 300) -> list[float]:
    """(a) answer() + next_card(): the commit and the draw, nothing else."""
    from quizgen.store import open_database
    from quizgen.study.scheduling import build_scheduler
    from quizgen.study.session import StudySession
    from quizgen.study.settings import load_settings, set_setting

    db = open_database(path)
    set_setting(db, "new_per_day", "1000")
    set_setting(db, "reviews_per_day", "10000")
    settings = load_settings(db)
    session = StudySession(
        db,
        deck=None,
        mode="flip",
        settings=settings,
        now=NOW,
        scheduler=build_scheduler(settings, enable_fuzzing=False),
    )
    timings = []
    card = session.next_card(NOW)
    for n in range(answers):
        now = NOW + timedelta(seconds=5 * n)
        start = time.perf_counter()
        session.answer(
            card, 3, mode="flip", answer_given=None, verdict=None, duration_ms=900, now=now
        )
        card = session.next_card(now)
        timings.append((time.perf_counter() - start) * 1000)
    db.conn.close()
    return timings


KEY_DEADLINE_S = 5.0
"""A key press not handled within this long stops the benchmark (never a silent hang)."""


async def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.perf_counter() + KEY_DEADLINE_S
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"no {what} within {KEY_DEADLINE_S} s of the key press")
        await asyncio.sleep(0)


async def _time_key(app, handled: Callable[[], bool], what: str) -> tuple[float, float, float]:
    """'3' sent through the driver as a terminal key would be, timed in ms: whole, until
    `handled()` holds, and from then to the next painted frame."""
    from textual import events

    key = events.Key("3", "3")
    key.set_sender(app)
    start = time.perf_counter()
    app._driver.send_message(key)
    await _until(handled, what)
    changed = time.perf_counter()
    painted = asyncio.get_running_loop().create_future()
    app.call_after_refresh(painted.set_result, None)
    await painted
    end = time.perf_counter()
    return (end - start) * 1000, (changed - start) * 1000, (end - changed) * 1000


def _columns(
    samples: list[tuple[float, float, float]],
) -> tuple[list[float], list[float], list[float]]:
    """(whole, to the state, to the paint) per key press -> one list per column."""
    return [s[0] for s in samples], [s[1] for s in samples], [s[2] for s in samples]


def bench_keys(path: Path, answers: int = 150) -> list[float]:
    """(b) '3' on a revealed flip card until the next card has been painted, ms each."""
    return bench_keys_split(path, answers)[0]


def bench_keys_split(
    path: Path, answers: int = 150
) -> tuple[list[float], list[float], list[float]]:
    """(b) as (whole, key to the next card's state, that state to the painted frame), ms.

    The key goes in through the driver as a terminal key would; the clock stops
    after the first screen refresh that follows the new card (Pilot.press itself
    adds its own idle waits of tens of ms, which are not the app's latency). The
    split tells the answer's handling (recording it, drawing the next card, Textual's
    dispatch, the widgets' updates) from the layout and paint of the screen.
    """
    from tui.app import QuizApp
    from tui.screens.study import StudyScreen

    samples: list[tuple[float, float, float]] = []

    async def drive() -> None:
        clock = [NOW]
        app = QuizApp(
            path,
            deck=DECK_UNDER_TEST,
            mode="flip",
            now=lambda: clock[0],
            tz=UTC,
            enable_fuzzing=False,
        )
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            assert isinstance(screen, StudyScreen)
            for n in range(answers):
                clock[0] = NOW + timedelta(seconds=5 * n)
                await pilot.press("space")
                shown = screen.current
                samples.append(
                    await _time_key(
                        app, lambda shown=shown: screen.current is not shown, "the next card"
                    )
                )

    asyncio.run(drive())
    return _columns(samples)


def bench_keys_floor(presses: int = 150) -> tuple[list[float], list[float], list[float]]:
    """(b) for a trivial Textual app, the floor of any key press in Textual: as
    `bench_keys_split`, a key sent through the driver, one Static given a new
    card-sized text, timed to the next painted frame. Same terminal size."""
    from textual import events
    from textual.app import App
    from textual.widgets import Static

    texts = [
        f"Card {n}: In which year did the event of this sentence happen, as the article "
        f"tells it?\n\nAnswer {n}: {1900 + n}"
        for n in range(2)
    ]

    class Floor(App):
        shown = 0

        def compose(self):
            yield Static(texts[0], id="card")

        def on_key(self, event: events.Key) -> None:
            if event.key == "3":
                self.shown += 1
                self.query_one("#card", Static).update(texts[self.shown % 2])

    samples: list[tuple[float, float, float]] = []

    async def drive() -> None:
        app = Floor()
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(presses):
                await pilot.pause()
                shown = app.shown
                samples.append(
                    await _time_key(app, lambda shown=shown: app.shown != shown, "the key's update")
                )

    asyncio.run(drive())
    return _columns(samples)


BUSY_LOOP = "while True: pass"


def busy_loops(count: int) -> list[subprocess.Popen]:
    """`count` pure-Python busy loops, the load the key-press target is set under."""
    return [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(count)]


CHILD_STUDY = """
import sys
from datetime import UTC, datetime
from tui.app import QuizApp
from tui.screens.study import StudyScreen

class Probe(QuizApp):
    def on_mount(self):  # QuizApp.on_mount runs too (Textual calls each class's)
        self.set_interval(0.002, self._check)
    def _check(self):
        if isinstance(self.screen, StudyScreen) and self.screen.current is not None:
            self.exit()

Probe(sys.argv[1], deck=sys.argv[2], mode="flip").run(headless=True)
"""

CHILD_TRIVIAL = """
from textual.app import App
from textual.widgets import Static

class Trivial(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.set_interval(0.002, self.exit)

Trivial().run(headless=True)
"""

CHILD_STUDY_PAINTED = """
import sys, time
from tui.app import QuizApp
from tui.screens.study import StudyScreen

class Probe(QuizApp):
    def on_mount(self):  # QuizApp.on_mount runs too (Textual calls each class's)
        self._probe = self.set_interval(0.002, self._check)
    def _check(self):
        if isinstance(self.screen, StudyScreen) and self.screen.current is not None:
            self._probe.stop()
            self.call_after_refresh(self._painted)
    def _painted(self):
        print(time.time(), time.process_time(), flush=True)
        self.exit()

Probe(sys.argv[1], deck=sys.argv[2], mode="flip").run(headless=True, size=(80, 24))
"""

CHILD_TRIVIAL_PAINTED = """
import time
from textual.app import App
from textual.widgets import Static

class Trivial(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self._painted)
    def _painted(self):
        print(time.time(), time.process_time(), flush=True)
        self.exit()

Trivial().run(headless=True, size=(80, 24))
"""


def bench_cold(path: Path, runs: int = 7) -> tuple[list[float], list[float]]:
    """(c) process start to first card, against a trivial Textual app, alternating runs.

    The probes add their own on_mount beside QuizApp's, which Textual calls as well (it
    calls each class's handler in turn); until 2026-12-02 they also called
    super().on_mount(), which pushed a second study screen (two sessions, two screens
    composed and styled) that the app itself never makes: (c) and (c') from before then
    include that second screen."""
    study, trivial = [], []
    for _ in range(runs):
        for code, args, sink in (
            (CHILD_STUDY, [str(path), DECK_UNDER_TEST], study),
            (CHILD_TRIVIAL, [], trivial),
        ):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", code, *args], check=True, cwd=ROOT, capture_output=True
            )
            sink.append((time.perf_counter() - start) * 1000)
    return study, trivial


def bench_painted(
    path: Path, runs: int = 7
) -> tuple[list[float], list[float], list[float], list[float]]:
    """(c') process start to the first card painted (the trivial app: its text painted).

    (c) times the whole process, so it also counts what happens after the probe asks
    to exit (the rest of the first screen's setup, then the interpreter's teardown,
    ~0.1 s for the trivial app and more for the study app), which no learner waits for.
    Here each child prints the wall-clock time of its first paint instead, and both run
    at a fixed 80x24 as in a terminal: headless with its output captured, Textual
    otherwise starts at 80x25 and is resized to 80x24, laying the screen out twice.
    Also returned: the CPU time each child had used by then, which other processes on a
    shared machine disturb far less than the wall clock."""
    study, trivial, study_cpu, trivial_cpu = [], [], [], []
    for _ in range(runs):
        for code, args, sink, cpu_sink in (
            (CHILD_STUDY_PAINTED, [str(path), DECK_UNDER_TEST], study, study_cpu),
            (CHILD_TRIVIAL_PAINTED, [], trivial, trivial_cpu),
        ):
            start = time.time()
            done = subprocess.run(
                [sys.executable, "-c", code, *args],
                check=True,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            painted_at, cpu = done.stdout.split()[-2:]
            sink.append((float(painted_at) - start) * 1000)
            cpu_sink.append(float(cpu) * 1000)
    return study, trivial, study_cpu, trivial_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="reuse or create this database")
    parser.add_argument(
        "--busy",
        type=int,
        nargs="+",
        default=[0, 2],
        metavar="N",
        help="time (b) beside N busy loops, once per N given (default: 0 and 2)",
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="quiz-bench-"))
    path = args.db or workdir / "bench.db"
    if not path.exists():
        start = time.perf_counter()
        build_database(path)
        print(
            f"built {CARDS:,} cards and {REVIEWS:,} reviews in "
            f"{time.perf_counter() - start:.1f} s ({path})"
        )
    # each measurement works on a copy so the numbers do not depend on the order
    import shutil

    runs = [f"b{number}" for number in range(len(args.busy))]  # one fresh copy per --busy N
    copies = [workdir / f"{name}.db" for name in ("a", "c", *runs)]
    for copy in copies:
        shutil.copy(path, copy)
    try:
        a = bench_db(workdir / "a.db")
        print(f"(a) answer -> next card, DB work: {percentiles(a)}   target median <= 1 ms")
        for run, load in zip(runs, args.busy, strict=True):
            loops = busy_loops(load)
            try:
                b, to_state, to_paint = bench_keys_split(workdir / f"{run}.db")
                floor, floor_state, floor_paint = bench_keys_floor()
            finally:
                for loop in loops:
                    loop.kill()
                    loop.wait()
            print(f"(b) beside {load} busy loop(s):")
            print(f"    key press -> next card, Pilot: {percentiles(b)}   target median <= 10 ms")
            print(
                f"    of which key -> next card's state {statistics.median(to_state):.1f} ms,"
                f" -> painted {statistics.median(to_paint):.1f} ms (medians)"
            )
            print(
                f"    floor, a trivial Textual app's key press: {percentiles(floor)} (to its state"
                f" {statistics.median(floor_state):.1f} ms, -> painted"
                f" {statistics.median(floor_paint):.1f} ms)"
            )
        study, trivial = bench_cold(workdir / "c.db")
        ratio = statistics.median(study) / statistics.median(trivial)
        print(
            f"(c) cold start to first card: {percentiles(study)}; trivial app: "
            f"{percentiles(trivial)}; ratio {ratio:.2f}   target <= 1.5"
        )
        study, trivial, study_cpu, trivial_cpu = bench_painted(workdir / "c.db")
        ratio = statistics.median(study) / statistics.median(trivial)
        cpu_ratio = statistics.median(study_cpu) / statistics.median(trivial_cpu)
        print(
            f"(c') start to first card painted: {percentiles(study)}; trivial app painted: "
            f"{percentiles(trivial)}; ratio {ratio:.2f}   target <= 1.5\n"
            f"     CPU used by then: {percentiles(study_cpu)}; trivial: "
            f"{percentiles(trivial_cpu)}; ratio {cpu_ratio:.2f}"
        )
    finally:  # each copy is as large as the database: do not leave them behind
        for copy in copies:
            # a database older than this quizgen is migrated on open, its copy backed up
            backups = copy.parent.glob(f"{copy.name}.v*.bak")
            for leftover in (
                copy,
                copy.with_name(copy.name + "-wal"),
                copy.with_name(copy.name + "-shm"),
                *backups,
            ):
                leftover.unlink(missing_ok=True)
        if args.db:  # the folder held only the copies (a database built here stays)
            workdir.rmdir()


if __name__ == "__main__":
    main()
