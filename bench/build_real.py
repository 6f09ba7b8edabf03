"""Build speed on the real articles of /work/shared/corpus, beside the read + split floor.

Usage: python bench/build_real.py [--corpus /work/shared/corpus] [--repeat 3] [--jobs 1 2]
                                  [--tree OLD_TREE ...]

Three corpora, each built `--repeat` times as a `python -m quizgen.cli build --jobs J`
subprocess on a fresh database (wall time, median):

- `b`: the 26 format B articles; `a`: the same 26 in format A;
- `both`: the folder holding both (each title twice: the second file is skipped),
  then rebuilt unchanged (the rebuild's share of the first build).

The floor, measured in this process in the same run: read every file
(`read_article`: decoding, repair, parsing) and split every paragraph into
sentences (`split_sentences`) — what any build must do at least.

`--tree` builds with other checkouts too (e.g. `git worktree add /tmp/old 8995e14`),
this tree and each of them alternately, build by build, so all see the same load; the
floor is this tree's, measured once per corpus.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizgen.ingest.readers import read_article  # noqa: E402
from quizgen.ingest.sentences import split_sentences  # noqa: E402


def floor_seconds(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        article = read_article(path)
        for section in article.sections:
            for paragraph in section.paragraphs:
                split_sentences(paragraph)
    return time.perf_counter() - started


def build_seconds(folder: Path, db: Path, jobs: int, tree: Path = ROOT) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "quizgen.cli", "build", str(folder), "--db", str(db)]
        + ["--jobs", str(jobs)],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,  # exit 1 when a file is skipped (the duplicate titles of `both`)
    )
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1])
    parser.add_argument("--tree", type=Path, nargs="*", default=[])
    args = parser.parse_args(argv)
    trees = [ROOT, *(tree.resolve() for tree in args.tree)]
    work = Path(tempfile.mkdtemp(prefix="quizgen-build-real-"))
    both = work / "both"
    both.mkdir()
    shutil.copytree(args.corpus / "a", both / "a")
    shutil.copytree(args.corpus / "b", both / "b")
    corpora = {"b": args.corpus / "b", "a": args.corpus / "a", "both": both}
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores")
    for name, folder in corpora.items():
        paths = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md"))
        floors = [floor_seconds(paths) for _ in range(args.repeat)]
        floor = statistics.median(floors)
        for jobs in args.jobs:
            firsts: dict[Path, list[float]] = {tree: [] for tree in trees}
            rebuilds: dict[Path, list[float]] = {tree: [] for tree in trees}
            for run in range(args.repeat):
                for number, tree in enumerate(trees):
                    db = work / f"{name}_{jobs}_{run}_{number}.db"
                    firsts[tree].append(build_seconds(folder, db, jobs, tree))
                    if name == "both":
                        rebuilds[tree].append(build_seconds(folder, db, jobs, tree))
            for tree in trees:
                first = statistics.median(firsts[tree])
                line = (
                    f"{name:5} {len(paths):3} files  jobs {jobs}  build {first:6.2f} s"
                    f"  ({len(paths) / first:5.1f} files/s)  floor {floor:5.2f} s"
                    f"  = {first / floor:5.1f}x floor"
                )
                if rebuilds[tree]:
                    rebuild = statistics.median(rebuilds[tree])
                    line += f"  unchanged rebuild {rebuild:5.2f} s = {100 * rebuild / first:4.1f}%"
                if len(trees) > 1:
                    line += f"  [{tree}]"
                print(line, flush=True)
            for tree in trees[1:]:
                speedup = statistics.median(firsts[tree]) / statistics.median(firsts[ROOT])
                print(f"      this tree is {speedup:4.1f}x faster than {tree}", flush=True)
    print(f"load average {os.getloadavg()[0]:.2f}")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
