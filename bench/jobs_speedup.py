"""`quiz build --jobs 2` against `--jobs 1`, beside what this machine can give two processes.

Usage: python bench/jobs_speedup.py [--articles 100] [--seed 0] [--rounds 4]
                                    [--tree OLD_TREE ...]

A synthetic corpus (bench/synth_corpus.py's generator, both formats) is built on a fresh
database with one process and with two, alternately, `--rounds` times for each tree
(`--tree` adds other checkouts, e.g. `git worktree add /tmp/old 8995e14`), so every
tree sees the same load. The figure is the median over the rounds of
(jobs 1 wall time) / (jobs 2 wall time).

Its ceiling is measured in the same run: a pure-Python busy loop run once, then twice at
once in two processes. On a machine whose two cores share a host, two processes get less
than twice one's throughput (1.77x in one measurement on this 2-core VM); a build's
speed-up cannot exceed that, so each tree's figure is also given as a share of it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.corpus import synthesize  # noqa: E402

SPIN = 15_000_000


def _spin(count: int) -> int:
    total = 0
    for number in range(count):
        total += number * number
    return total


def parallel_ceiling() -> float:
    """Two processes' throughput over one's, for work that shares nothing."""
    started = time.perf_counter()
    _spin(SPIN)
    one = time.perf_counter() - started
    with multiprocessing.get_context("fork").Pool(2) as pool:
        started = time.perf_counter()
        pool.map(_spin, [SPIN, SPIN])
        two = time.perf_counter() - started
    return 2 * one / two


def build_seconds(folder: Path, db: Path, jobs: int, tree: Path) -> float:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "quizgen.cli", "build", str(folder), "--db", str(db)]
        + ["--jobs", str(jobs)],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--tree", type=Path, nargs="*", default=[])
    args = parser.parse_args(argv)
    trees = [ROOT, *(tree.resolve() for tree in args.tree)]
    work = Path(tempfile.mkdtemp(prefix="quizgen-jobs-"))
    folder = work / "corpus"
    synthesize(folder, args.articles, args.seed)
    print(f"{args.articles} synthetic articles (seed {args.seed}); load average "
          f"{os.getloadavg()[0]:.2f}, {os.cpu_count()} cores", flush=True)  # fmt: skip
    ratios: dict[Path, list[float]] = {tree: [] for tree in trees}
    ceilings: list[float] = []
    for round_number in range(args.rounds):
        ceilings.append(parallel_ceiling())
        for tree in trees:
            one = build_seconds(folder, work / "one.db", 1, tree)
            two = build_seconds(folder, work / "two.db", 2, tree)
            ratios[tree].append(one / two)
            print(f"round {round_number + 1}: jobs 1 {one:6.2f} s, jobs 2 {two:6.2f} s,"
                  f" {one / two:4.2f}x  [{tree}]", flush=True)  # fmt: skip
    ceiling = statistics.median(ceilings)
    print(f"two busy loops at once: {', '.join(f'{c:.2f}x' for c in ceilings)} (median "
          f"{ceiling:.2f}x)")  # fmt: skip
    for tree in trees:
        median = statistics.median(ratios[tree])
        print(f"--jobs 2 / --jobs 1: median {median:4.2f}x = {100 * median / ceiling:3.0f}% of"
              f" the two-process ceiling  [{tree}]")  # fmt: skip
    print(f"load average {os.getloadavg()[0]:.2f}")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
