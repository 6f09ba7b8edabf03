"""Write a synthetic corpus of seed-like articles for the build benchmarks.

    python bench/synth_corpus.py OUT_DIR N [--seed S]

The generator itself is tests/support/corpus.py (the build tests use it too):
five kinds of article, both formats, ~30% of format A as mojibake, the same
articles for the same seed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.corpus import synthesize  # noqa: E402

__all__ = ["main", "synthesize"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the articles into")
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = synthesize(args.out, args.n, args.seed)
    total = sum(path.stat().st_size for path in paths)
    print(f"{len(paths)} articles, {total / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
