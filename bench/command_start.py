"""Command start: `quiz --help`, `quiz export --help` and a whole small `quiz export`.

Usage: python bench/command_start.py [--repeat 11] [--db PATH]

Each figure is the median wall time of `--repeat` subprocesses, interleaved with
its floor (`python -c pass`, the bare interpreter) in the same loop, so a busy
machine slows both alike. The export runs on a database built from `seeds/`
(two articles; built once into --db if it does not exist), written to /dev/null:
what is left beyond the floor is import and start-up cost, not export work.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(argv: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    subprocess.run(argv, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--db", type=Path, default=Path("/tmp/quizgen-bench/seeds.db"))
    args = parser.parse_args(argv)
    quiz = [sys.executable, "-m", "quizgen.cli"]
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [*quiz, "build", "seeds", "--db", str(args.db), "--jobs", "1"],
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "quiz --help": [*quiz, "--help"],
        "quiz export --help": [*quiz, "export", "--help"],
        "quiz export (seeds, jsonl)": [*quiz, "export", "--db", str(args.db)],
        "quiz history --json (seeds)": [*quiz, "history", "--json", "--db", str(args.db)],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores")
    for _ in range(args.repeat):
        for name, command in commands.items():
            samples[name].append(_run(command))
    floor = statistics.median(samples["python -c pass"])
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:30} {1000 * median:7.1f} ms  {median / floor:5.1f}x floor")
    print(f"load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
