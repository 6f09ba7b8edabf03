"""Measure the date grammar against the hand-labelled set.

Usage: python bench/date_accuracy.py [--verbose]

Prints precision (found mentions whose text span is labelled), recall (labelled
mentions found), value accuracy (found-and-labelled mentions whose normalized
value, old style and inferred flag are right) and false dates on the trap set,
scored by tests/support/date_labels.py, the module the test suite gates on.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.date_labels import load_labelled, score  # noqa: E402


def main(argv: list[str]) -> int:
    cases, traps = load_labelled()
    result = score(cases, traps)
    print(f"labelled sentences: {len(cases)}, trap sentences: {len(traps)}")
    print(f"expected mentions:  {result.expected}, found: {result.found}")
    print(f"precision:          {result.precision:.3f}")
    print(f"recall:             {result.recall:.3f}")
    print(f"value accuracy:     {result.value_accuracy:.3f}")
    print(f"trap false dates:   {result.trap_false_dates}")
    if "--verbose" in argv or "-v" in argv:
        for failure in result.failures:
            print("  " + failure)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
