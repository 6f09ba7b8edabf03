"""How much faster a rebuild of an unchanged corpus is than the first build.

Synthesizes varied articles (the two seeds under many titles, plus synthetic
people, battles, cities, films and companies) into a temporary folder, builds
them into a fresh database, rebuilds, and prints both times and their ratio.
The target: a rebuild of unchanged files costs at most 5% of the first build,
because unchanged files are skipped by their content hash.

    .venv/bin/python bench/rebuild_unchanged.py [--articles 1000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.articles import synthetic_corpus, write_corpus  # noqa: E402

from quizgen.build.pipeline import build_corpus  # noqa: E402
from quizgen.core.clock import utc_now  # noqa: E402
from quizgen.store import open_database  # noqa: E402

TARGET_RATIO = 0.05


def seed_variants(folder: Path, count: int) -> int:
    """Copies of the two real seeds, each under its own title, so they are distinct articles."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    written = 0
    for index in range(count):
        seed = seeds[index % len(seeds)]
        text = seed.read_text(encoding="utf-8")
        suffix = f" (variant {index})"
        if text.startswith("---"):
            text = re.sub(r"^title: (.*)$", r"\g<0>" + suffix, text, count=1, flags=re.M)
        else:
            text = re.sub(r"^= (.*) =$", r"= \g<1>" + suffix + " =", text, count=1, flags=re.M)
        (folder / f"seed_{index:04d}.txt").write_text(text, encoding="utf-8")
        written += 1
    return written


def timed_build(db_path: Path, folder: Path) -> tuple[float, int, int]:
    db = open_database(db_path)
    start = time.perf_counter()
    report = build_corpus(db, [folder], now=utc_now(), definitions=[])
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed, report.cards_total, report.unchanged_files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed-share", type=float, default=0.1, help="share of seed copies")
    parser.add_argument("--profile", action="store_true", help="profile the rebuild")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "seeds"
        folder.mkdir()
        seeds = seed_variants(folder, int(args.articles * args.seed_share))
        write_corpus(folder, synthetic_corpus(args.articles - seeds, seed=7))
        db_path = Path(temp) / "bench.db"
        first, cards, _ = timed_build(db_path, folder)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
        rebuild, _, unchanged = timed_build(db_path, folder)
        if args.profile:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        ratio = rebuild / first
        print(f"articles: {args.articles} ({seeds} seed copies), cards: {cards}")
        print(f"first build: {first:.2f} s")
        print(f"rebuild (unchanged, {unchanged} files skipped): {rebuild:.2f} s")
        verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
        print(f"ratio: {ratio:.1%} (target <= {TARGET_RATIO:.0%}) {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
