"""A card's info in words, line by line: what `quiz card` prints and the browser shows.

Every text here comes from an article or a learner, so callers print it as plain text
(quizgen.core.terminal_text.printable on a terminal, Textual markup off in the app).
"""

from __future__ import annotations

from quizgen.browse.info import CardInfo
from quizgen.browse.marks import FLAG_REASONS
from quizgen.core.wording import plural


def short_stamp(value: str | None) -> str:
    """A stored UTC timestamp as "2024-03-10 12:00" (empty for none)."""
    if not value:
        return ""
    return value[:16].replace("T", " ")


def seconds(duration_ms: int | None) -> str:
    return "" if duration_ms is None else f"{duration_ms / 1000:.1f} s"


def card_lines(info: CardInfo) -> list[tuple[str, str]]:
    """(label, text) pairs: the card, its source, its stage and scheduling, edit and flag."""
    card = info.card
    state = info.scheduling
    lines = [
        ("Card", f"{card.id}  ·  deck {card.deck}  ·  {card.kind}"),
        ("Question", card.question),
        ("Answer", card.answer),
        ("Also right", "; ".join(card.accepted) or "—"),
        ("Options", " · ".join(card.distractors) or "— (studied typed or as a flip card)"),
        ("Article", f"{info.article_title}  ({info.article_path})"),
        ("Section", card.source.section or "—"),
        ("Sentence", card.source.text or "—"),
        ("Stage", info.stage),
        ("Due", short_stamp(state.due) or "— (new)"),
        (
            "Memory",
            f"stability {_number(state.stability, ' days')}  ·  difficulty"
            f" {_number(state.difficulty)}  ·  {plural(state.reps, 'review')}  ·  "
            f"{plural(state.lapses, 'lapse')}",
        ),
    ]
    if info.flag is not None:
        reason, when = info.flag
        lines.append(("Flagged", f"{FLAG_REASONS.get(reason, reason)} (since {short_stamp(when)})"))
    if info.edit is not None:
        lines.append(("Edited", f"by you, {short_stamp(info.edit.edited_at)}"))
        generated = info.generated
        if generated.question != card.question:
            lines.append(("Generated", generated.question))
        if generated.answer != card.answer:
            lines.append(("Generated answer", generated.answer))
        if info.article_now_says is not None:
            lines.append(
                ("Review", f"the article now says {info.article_now_says!r} (save to keep yours)")
            )
    return lines


def history_lines(info: CardInfo) -> list[tuple[str, str, str, str, str, str]]:
    """(date, rating, mode, answer given, verdict, time) per review, oldest first."""
    return [
        (
            short_stamp(entry.reviewed_at),
            entry.rating,
            entry.mode or "",
            entry.answer_given or "",
            entry.verdict or "",
            seconds(entry.duration_ms),
        )
        for entry in info.history
    ]


def _number(value: float | None, unit: str = "") -> str:
    return "—" if value is None else f"{value:.2f}{unit}"
