"""Time the history report (History screen data and `quiz history --json`) on big review logs.

Usage: python bench/history_scale.py [--reviews 100000 1000000] [--days 400] [--repeat 5]
       [--cache /tmp/quizgen-bench] [--json-out DIR] [--decks 40 --cards-per-deck 2500]
       [--whole-day]

For each size, a database of four decks (6,000 cards) and N reviews spread over
`--days` days, one sitting a day mixing every deck, is generated once
(tests/support/history.py `make_large_history`, cached under `--cache`) and copied
fresh for each run, so the first open also times the schema migration (backfill) of a
log written by an older quizgen. `--decks N` makes N decks of `--cards-per-deck` cards
instead: a sitting then touches every deck in each quarter hour; `--whole-day` puts each
day's reviews at any moment of it, so every quarter hour holds reviews of many decks (the
per-deck quarter-hour rollup then has a row for most of them). Printed per size,
median of `--repeat` runs in this process (the machine is shared: read the load column):

- floor: open the database and read the clock (what any history view pays),
- report: `build_report` + `report_to_json` for all decks (what `quiz history --json` computes),
- deck: the same for one deck (what the History screen computes for the highlighted deck),
- cli: `python -m quizgen.cli history --json` as a subprocess, start to exit, beside
  its floor `python -c pass` (bare interpreter start) in the same loop.

`--json-out DIR` writes each size's `quiz history --json` output there, to compare
two versions of the code byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from support.history import T0, make_large_history  # noqa: E402

from quizgen.history.report import build_report, report_to_json  # noqa: E402
from quizgen.store import open_database  # noqa: E402
from quizgen.store.settings import load_clock  # noqa: E402


def _median_ms(samples: list[float]) -> str:
    return f"{1000 * statistics.median(samples):7.1f}"


def _fixed_now(days: int):
    return T0 + timedelta(days=days, hours=12)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--days", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/quizgen-bench"))
    parser.add_argument("--json-out", type=Path)
    parser.add_argument(
        "--decks",
        type=int,
        default=0,
        help="N decks (deck-01...) of --cards-per-deck cards instead of the four topics",
    )
    parser.add_argument("--cards-per-deck", type=int, default=1500)
    parser.add_argument(
        "--whole-day",
        action="store_true",
        help="each day's reviews at any moment of it, not in one 50-minute sitting",
    )
    args = parser.parse_args(argv)
    deck_names = [f"deck-{n:02d}" for n in range(1, args.decks + 1)] if args.decks else None
    one_deck = deck_names[0] if deck_names else "battles"  # the History screen's highlighted deck
    args.cache.mkdir(parents=True, exist_ok=True)
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores")
    print("reviews    migrate ms  floor ms  report ms  deck ms  cli ms  python ms")
    for count in args.reviews:
        shape = f"_k{args.decks}x{args.cards_per_deck}" if deck_names else ""
        shape += "_whole_day" if args.whole_day else ""
        source = args.cache / f"history_r{count}_d{args.days}{shape}.db"
        if not source.exists():
            started = time.perf_counter()
            make_large_history(
                source,
                reviews=count,
                days=args.days,
                now=T0 + timedelta(days=args.days),
                **(
                    {"decks": deck_names, "cards_per_deck": args.cards_per_deck}
                    if deck_names
                    else {}
                ),
                **({"sitting_seconds": 86_400} if args.whole_day else {}),
            ).conn.close()
            print(f"  (generated {source} in {time.perf_counter() - started:.1f} s)")
        work = args.cache / f"work_{os.getpid()}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source, work)
        started = time.perf_counter()
        open_database(work).conn.close()
        migrate = time.perf_counter() - started
        now = _fixed_now(args.days)
        floors, reports, decks, clis, bare = [], [], [], [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            db = open_database(work, create=False)
            clock = load_clock(db)
            floors.append(time.perf_counter() - started)
            started = time.perf_counter()
            report_to_json(build_report(db, now, clock=clock), 30)
            reports.append(time.perf_counter() - started)
            started = time.perf_counter()
            report_to_json(build_report(db, now, clock=clock, deck=one_deck), 30)
            decks.append(time.perf_counter() - started)
            db.conn.close()
            started = time.perf_counter()
            output = subprocess.run(
                [sys.executable, "-m", "quizgen.cli", "history", "--json", "--db", str(work)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            ).stdout
            clis.append(time.perf_counter() - started)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            bare.append(time.perf_counter() - started)
        if args.json_out:
            args.json_out.mkdir(parents=True, exist_ok=True)
            db = open_database(work, create=False)
            for deck in (None, one_deck):
                data = report_to_json(build_report(db, now, clock=load_clock(db), deck=deck), 30)
                name = f"report_r{count}_{deck or 'all'}.json"
                (args.json_out / name).write_text(json.dumps(data, ensure_ascii=False) + "\n")
            db.conn.close()
            data = json.loads(output)
            data.pop("generated_at")
            (args.json_out / f"cli_r{count}.json").write_text(json.dumps(data) + "\n")
        print(
            f"{count:>9,}  {1000 * migrate:9.1f}  {_median_ms(floors)}  {_median_ms(reports)}"
            f"  {_median_ms(decks)}  {_median_ms(clis)}  {_median_ms(bare)}"
        )
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
        for backup in args.cache.glob(f"{work.name}.v*.bak"):  # the migration's copy
            backup.unlink()
    print(f"load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
