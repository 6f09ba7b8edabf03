"""Build throughput on synthetic corpora: how fast, on how many cores, in how much memory.

For each corpus size N (articles made by bench/synth_corpus.py, cached under
--corpus-dir) it measures, each build in its own `quiz build` subprocess:

- the floor: reading every file and parsing its YAML front matter with PyYAML's C
  loader, nothing else (in this process);
- a first build with 1 process and with every core (`--jobs`): articles/s, cards/s,
  CPU seconds of the build and its workers, peak memory (ru_maxrss of the largest
  process), database size, and build time per article over floor time per article;
- a rebuild of the unchanged corpus (content-hash skip), as a share of the first build;
- cold start of `quiz build --help` and `quiz export --help` (median of 5).

    python bench/build_throughput.py --sizes 100 1000 [--jobs 1 2] [--json out.jsonl]

Sizes in --serial-up-to or below also get a one-process build; bigger ones only
the all-cores build (a 10,000-article one-process build takes a long time).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_corpus import synthesize  # noqa: E402

PYTHON = sys.executable
LOADER = yaml.CSafeLoader


def corpus(folder: Path, size: int, seed: int) -> list[Path]:
    """The cached corpus of `size` articles, synthesized on first use."""
    target = folder / f"n{size}_seed{seed}"
    existing = sorted(target.glob("*.txt")) if target.is_dir() else []
    if len(existing) == size:
        return existing
    return synthesize(target, size, seed)


def floor_seconds(paths: list[Path]) -> float:
    """Read every file and parse its front matter (format A) with the C YAML loader."""
    started = time.perf_counter()
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        if text.startswith("---"):
            end = text.find("\n---", 3)
            yaml.load(text[3:end], Loader=LOADER)  # noqa: S506 - a safe loader
    return time.perf_counter() - started


def run_measured(argv: list[str]) -> dict:
    """Run a command; wall time, CPU time (with waited-for workers) and peak RSS."""
    # Output goes to files, not pipes: a 10,000-deck summary fills a pipe buffer and
    # would block the build while we wait for it to exit.
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out_file, stderr=err_file)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        out_file.seek(0)
        err_file.seek(0)
        out = out_file.read().decode()
        err = err_file.read().decode()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}):\n{err[-2000:]}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "stdout": out,
    }


def database_stats(db_path: Path) -> dict:
    size = sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*"))
    with sqlite3.connect(db_path) as connection:
        cards = connection.execute("SELECT count(*) FROM cards WHERE status = 'active'").fetchone()
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()
    return {"db_mb": size / 1e6, "cards": cards[0], "articles": articles[0]}


def bench_build(paths: list[Path], folder: Path, db_path: Path, jobs: int, rebuild: bool) -> dict:
    for stale in db_path.parent.glob(db_path.name + "*"):
        stale.unlink()
    argv = [PYTHON, "-m", "quizgen.cli", "build", "--db", str(db_path), "--jobs", str(jobs)]
    first = run_measured([*argv, str(folder)])
    result = {"jobs": jobs, **{k: v for k, v in first.items() if k != "stdout"}}
    result.update(database_stats(db_path))
    result["articles_per_s"] = len(paths) / first["wall_s"]
    result["cards_per_s"] = result["cards"] / first["wall_s"]
    if rebuild:
        again = run_measured([*argv, str(folder)])
        result["rebuild_s"] = again["wall_s"]
        result["rebuild_share"] = again["wall_s"] / first["wall_s"]
        result["rebuild_unchanged_line"] = again["stdout"].splitlines()[0][:160]
    return result


def cold_start(command: str, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(
            [PYTHON, "-m", "quizgen.cli", command, "--help"], capture_output=True, check=True
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--serial-up-to", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus-dir", type=Path, default=Path("/tmp/quizgen-bench"))
    parser.add_argument("--json", type=Path, help="append one JSON line per measurement")
    parser.add_argument("--no-rebuild", action="store_true")
    parser.add_argument("--no-cold-start", action="store_true")
    args = parser.parse_args(argv)

    machine = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "uname": " ".join(platform.uname()),
        "loadavg_start": os.getloadavg(),
    }
    print(json.dumps(machine))
    records = []
    for size in args.sizes:
        paths = corpus(args.corpus_dir, size, args.seed)
        folder = paths[0].parent
        floor = floor_seconds(paths)
        mb = sum(path.stat().st_size for path in paths) / 1e6
        print(
            f"\nN={size}: {mb:.1f} MB; floor {floor:.2f} s = {floor / size * 1000:.2f} ms/article"
        )
        for jobs in args.jobs:
            if jobs == 1 and size > args.serial_up_to and max(args.jobs) > 1:
                continue
            db_path = args.corpus_dir / f"n{size}_j{jobs}.db"
            record = bench_build(paths, folder, db_path, jobs, rebuild=not args.no_rebuild)
            record.update(
                size=size,
                corpus_mb=mb,
                floor_s=floor,
                ms_per_article=record["wall_s"] / size * 1000,
                ratio_to_floor=record["wall_s"] / floor,
                loadavg=os.getloadavg(),
            )
            records.append(record)
            print(
                f"  jobs={jobs}: {record['wall_s']:.1f} s wall, {record['cpu_s']:.1f} s CPU, "
                f"{record['articles_per_s']:.1f} articles/s, {record['cards_per_s']:.0f} cards/s "
                f"({record['cards']} cards), {record['ms_per_article']:.1f} ms/article = "
                f"{record['ratio_to_floor']:.0f}x floor, peak RSS {record['peak_rss_mb']:.0f} MB, "
                f"db {record['db_mb']:.1f} MB"
                + (
                    f", rebuild {record['rebuild_s']:.1f} s = {record['rebuild_share']:.0%}"
                    if "rebuild_s" in record
                    else ""
                )
                + f", load {record['loadavg'][0]:.1f}"
            )
            if args.json:
                with args.json.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps({**machine, **record}) + "\n")
        by_jobs = {r["jobs"]: r for r in records if r["size"] == size}
        if 1 in by_jobs and len(by_jobs) > 1:
            most = max(by_jobs)
            speedup = by_jobs[1]["wall_s"] / by_jobs[most]["wall_s"]
            cpu_ratio = by_jobs[most]["cpu_s"] / by_jobs[1]["cpu_s"]
            print(f"  speed-up with {most} jobs: {speedup:.2f}x (CPU {cpu_ratio:.2f}x of one job)")
    if not args.no_cold_start:
        for command in ("build", "export"):
            median_ms = cold_start(command) * 1000
            print(f"cold start `quiz {command} --help`: {median_ms:.0f} ms (median of 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
