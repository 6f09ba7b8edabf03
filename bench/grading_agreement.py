"""How often the answer checker agrees with the hand-labelled verdicts.

Run: .venv/bin/python bench/grading_agreement.py
Prints overall agreement, agreement per answer type, a confusion table, and
every disagreement with the checker's reason.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.grading import load_labelled  # noqa: E402

from quizgen.core.grading import Verdict, grade_answer  # noqa: E402


def main() -> int:
    cases = load_labelled()
    agreed_by_type: Counter[str] = Counter()
    total_by_type: Counter[str] = Counter()
    confusion: Counter[tuple[Verdict, Verdict]] = Counter()
    disagreements = []
    for case in cases:
        grade = grade_answer(case.given, case.card)
        answer_type = case.card.answer_type
        total_by_type[answer_type] += 1
        confusion[(case.expected, grade.verdict)] += 1
        if grade.verdict is case.expected:
            agreed_by_type[answer_type] += 1
        else:
            disagreements.append((case, grade))
    agreed = sum(agreed_by_type.values())
    print(f"agreement: {agreed}/{len(cases)} = {100 * agreed / len(cases):.1f}%")
    for answer_type in sorted(total_by_type):
        share = agreed_by_type[answer_type] / total_by_type[answer_type]
        print(
            f"  {answer_type:<7} {agreed_by_type[answer_type]}/{total_by_type[answer_type]}"
            f" = {100 * share:.1f}%"
        )
    print("\nlabel \\ checker   " + "  ".join(f"{v.value:>7}" for v in Verdict))
    for label in Verdict:
        row = "  ".join(f"{confusion[(label, got)]:>7}" for got in Verdict)
        print(f"{label.value:<17} {row}")
    if disagreements:
        print("\ndisagreements:")
        for case, grade in disagreements:
            print(f"  {case.label}: labelled {case.expected}, got {grade.verdict} ({grade.reason})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
