"""The build: seed files in, cards in the database out, one article per transaction.

Each file goes file -> Article -> questions -> quality filter -> cards, and is
saved with the learner's progress kept (see store.cards). Distractors are chosen
last, once every article's answers are known. A file that cannot be read is
reported and skipped; the rest is still built. A file whose content (and deck)
did not change since the last build is skipped by its hash.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.build import fingerprints
from quizgen.build.fingerprints import GENERATOR_VERSION as GENERATOR_VERSION
from quizgen.build.fingerprints import completed_build_mark, reading_hash
from quizgen.build.outcome import ArticleOutcome, BuildReport
from quizgen.build.recognition import FileResult, StoredArticles, articles_gone, recognize_file
from quizgen.build.sources import default_decks_dir
from quizgen.build.sources import default_seed_paths as default_seed_paths
from quizgen.cards.decks import DeckDefinition, deck_for, load_deck_definitions
from quizgen.cards.timeline import (
    TimelineEvent,
    TimelinePlan,
    article_timelines,
    deck_timeline,
)
from quizgen.core.clock import stamp as format_stamp
from quizgen.core.identity import article_id as make_article_id
from quizgen.core.identity import card_id, deck_card_id
from quizgen.core.models import Article, Card, CardSource, DateValue, Question
from quizgen.ingest.readers import (
    ReaderError,
    iter_seed_files,
    path_text,
    read_article,
)
from quizgen.store import PacedWrites, card_counts, close_database, scratch_copy
from quizgen.store import articles as article_store
from quizgen.store import cards as card_store
from quizgen.store.card_counts import ChangeCounts
from quizgen.store.cards import card_from_row, save_article_cards

if TYPE_CHECKING:
    from sqlite_utils import Database

    from quizgen.cards.budget import Scored
    from quizgen.cards.distractors import DistractorPools

ProgressCallback = Callable[[int, int, str], None]
"""on_progress(done, total, path) after each file."""

# Planning an article (phrasing, judging, distractors) imports most of quizgen, the
# reference tables with it: those imports are made where a file is planned, so a
# rebuild that plans nothing never pays for them (worker_start.PLANNING_MODULES), and
# one that finds every file unchanged does not even import this (build.unchanged).


@dataclass(frozen=True)
class PlannedArticle:
    """An article's cards, judged and ready to save."""

    article: Article
    article_id: str
    deck: str
    cards: list[Card]
    outcome: ArticleOutcome


@dataclass(frozen=True)
class Candidates:
    """Every question an article supports (infobox facts first), and why its dated
    sentences that made none made none, by reason."""

    questions: list[Question]
    refused_sentences: Counter


def phrase_candidates(article: Article) -> Candidates:
    """Phrase every question the article supports, once."""
    from quizgen.phrasing.dated_questions import phrase_article_dates
    from quizgen.phrasing.infobox_questions import infobox_questions

    dated = phrase_article_dates(article)
    return Candidates(
        questions=infobox_questions(article) + list(dated.questions),
        refused_sentences=Counter(reason for reason, _ in dated.rejections),
    )


def plan_article(article: Article, deck: str) -> PlannedArticle:
    """Phrase, judge, score and identify the cards of one article (no database).

    Precision first: a question breaking a card rule is rejected, one scoring below
    the quality threshold is dropped, the same dated fact asked twice is merged, and
    what is left is cut to the article's card budget, most important first. Every
    drop is counted by reason for the summary and the report.
    """
    from quizgen.cards.budget import Scored, card_budget, fill_budget, make_room, merge_same_events
    from quizgen.cards.distractors import option_notes
    from quizgen.cards.quality import drop_contradictions, drop_duplicates, judge, score

    outcome = ArticleOutcome(path=article.source_path, title=article.title, deck=deck)
    candidates = phrase_candidates(article)
    outcome.refused_sentences.update(candidates.refused_sentences)
    passed: list[Question] = []
    for question in candidates.questions:
        verdict = judge(question)
        if verdict.accepted:
            passed.append(question)
        else:
            _reject(outcome, verdict.reason or "", question.question)
    passed, contradicted = drop_contradictions(passed)
    for question in contradicted:
        _reject(outcome, "answers that contradict each other", question.question)
    passed, duplicates = drop_duplicates(passed)
    if duplicates:
        outcome.rejected["duplicate"] += duplicates
    scored: list[Scored] = []
    for question in passed:
        quality = score(question)
        if quality.kept:
            scored.append(Scored(question, quality))
        else:
            detail = ", ".join(quality.reasons)
            _reject(outcome, "low quality score", f"{question.question} ({detail})")
    scored, merged = merge_same_events(scored)
    for candidate in merged:
        _reject(outcome, "same fact asked twice", candidate.question.question)
    budget = card_budget(article)
    scored, over_budget = fill_budget(scored, budget)
    # A timeline takes a free place of the budget, else the place of the least important
    # card it does not use (never a core fact): it is worth more than the weakest trivia.
    plans = article_timelines(_timeline_events(scored, article.title))
    granted, scored, given_up = make_room(scored, budget, [plan.event_keys for plan in plans])
    plans = [plan for plan, ok in zip(plans, granted, strict=True) if ok]
    for candidate in over_budget + given_up:
        _reject(outcome, "over the article's card budget", candidate.question.question)
    outcome.budget = budget
    cards: list[Card] = []
    for candidate in scored:
        question = candidate.question
        extra = dict(question.extra)
        extra["pool"] = question.distractor_pool
        extra["importance"] = question.importance
        extra["quality"] = candidate.quality.value
        extra.update(option_notes(question, article))
        cards.append(
            Card(
                id=card_id(article.title, question.fact_key),
                deck=deck,
                kind=question.kind,
                question=question.question,
                answer=question.answer,
                fact_key=question.fact_key,
                source=CardSource(
                    path=article.source_path,
                    title=article.title,
                    section=question.source_section,
                    text=question.source_text,
                ),
                accepted=question.accepted,
                distractors=question.distractors,
                date=question.date,
                answer_type=question.answer_type,
                any_of=question.any_of,
                extra=extra,
            )
        )
        outcome.cards_by_kind[question.kind] += 1
        if len(outcome.samples) < 3:
            outcome.samples.append(question.question)
    for plan in plans:
        cards.append(
            timeline_card(
                plan,
                card_id(article.title, plan.fact_key),
                deck,
                article.source_path,
                article.title,
            )
        )
        outcome.cards_by_kind["timeline"] += 1
    return PlannedArticle(article, make_article_id(article.title), deck, cards, outcome)


TIMELINE_SECTION = "Timeline"
"""The source section of a timeline card, whose source text is the true order with dates."""


def _timeline_events(scored: list[Scored], title: str) -> list[TimelineEvent]:
    """The kept dated cards whose event the phraser named in a clause that stands alone."""
    return [
        TimelineEvent(
            fact_key=candidate.question.fact_key,
            text=candidate.question.extra["event"],
            date=candidate.question.date,
            rank=candidate.rank,
            article=title,
        )
        for candidate in scored
        if candidate.question.kind == "dated"
        and candidate.question.date is not None
        and candidate.question.extra.get("event")
    ]


def timeline_card(plan: TimelinePlan, card_id_: str, deck: str, path: str, title: str) -> Card:
    """A planned timeline as a card: the answer is the order ("BDAC") or, for "which came
    first", the earlier event; the source text, shown after answering, is the true order
    with the dates."""
    return Card(
        id=card_id_,
        deck=deck,
        kind="timeline",
        question=plan.question,
        answer=plan.timeline.answer,
        fact_key=plan.fact_key,
        source=CardSource(
            path=path,
            title=title,
            section=TIMELINE_SECTION,
            text=plan.timeline.true_order_text(),
        ),
        extra={"timeline": plan.timeline.to_json(), "pool": "timeline"},
    )


REJECTED_EXAMPLES_PER_REASON = 3


def _reject(outcome: ArticleOutcome, reason: str, example: str) -> None:
    """Count a dropped question by reason and keep a few examples of each for the report."""
    outcome.rejected[reason] += 1
    if outcome.rejected[reason] <= REJECTED_EXAMPLES_PER_REASON:
        outcome.rejected_samples.append((reason, example))


def build_hash(article: Article, deck: str) -> str:
    """What must be unchanged for a rebuild to skip a file."""
    return fingerprints.build_hash(article.content_hash, deck)


def build_corpus(
    db: Database,
    paths: Sequence[str | Path],
    *,
    now: datetime,
    on_progress: ProgressCallback | None = None,
    dry_run: bool = False,
    decks_dir: Path | None = None,
    definitions: list[DeckDefinition] | None = None,
    workers: BuildWorkers | None = None,
) -> BuildReport:
    """Build every article under `paths` into `db`, each article in a transaction of its own.

    With `dry_run` the whole build runs on a copy in memory and is reported; `db`
    is left untouched. Paths are made absolute first, so building the same folder
    from another working directory finds the same stored articles.
    `workers` do the pure work, planning files and choosing distractors (default:
    `SerialWorkers`, in this process; `quizgen.build.workers.ProcessWorkers` uses
    every core). Whoever works, this process alone writes, in file order, so the
    database ends the same either way.
    """
    report = BuildReport(dry_run=dry_run)
    if definitions is None:
        definitions, report.deck_errors = load_deck_definitions(decks_dir or default_decks_dir())
    paths = [Path(os.path.abspath(path)) for path in paths]
    files = list(iter_seed_files(paths))
    report.files = len(files)
    workers = workers or SerialWorkers()
    if dry_run:  # the whole build, on a copy in memory: the real file is not even locked
        db = scratch_copy(db)
    # Reading and planning take no lock; writing then takes it one article (or one
    # small batch of distractor updates) at a time, so the study app's answers wait
    # a few milliseconds, never the whole build, and a killed build leaves each
    # article either as it was or as built.
    stored = StoredArticles.load(db, files)
    writes = PacedWrites(db)
    with writes.step():  # until this build ends, none counts as completed
        article_store.forget_completed_build(db)
    writes.finish()  # not held while the files are planned
    # Several worker processes plan while this one writes each article as it comes
    # (committing whenever it would wait for them, so the write lock is never held
    # across a wait); planned in this process, every file is planned first (a kill
    # while planning leaves the database untouched) and parked on disk until written.
    # Files the last build saw with these very bytes are recognized here, unparsed;
    # only the others go to the workers (none are started when nothing changed).
    recognized = [recognize_file(path, definitions, stored) for path in files]
    to_plan = [path for path, known in zip(files, recognized, strict=True) if known is None]
    if getattr(workers, "jobs", 1) > 1:
        planning = workers.plan_files(to_plan, definitions, stored, before_wait=writes.finish)
        plans = _in_file_order(recognized, planning)
        results: _StreamedResults | _SpooledResults = _StreamedResults(
            _reporting(plans, len(files), on_progress)
        )
    else:
        plans = _in_file_order(recognized, workers.plan_files(to_plan, definitions, stored))
        results = _SpooledResults(_reporting(plans, len(files), on_progress))

    def plan_after_all(path: Path) -> FileResult:
        return plan_file(path, definitions, stored, shadow_check=False)

    built_ids = _build_files(writes, results, report, now, plan_after_all, stored)
    _retire_missing(writes, paths, results.summaries, report, now)
    writes.finish()
    _build_deck_timelines(writes, definitions, report, now)
    writes.finish()
    _assign_distractors(db, built_ids, _BatchTransactions(writes, workers))
    writes.finish()
    _confirm_built(writes, built_ids)
    if not report.deck_errors:
        with writes.step():
            article_store.record_completed_build(db, completed_build_mark(definitions))
    writes.finish()
    if dry_run:
        close_database(db)
    return report


def _build_deck_timelines(
    writes: PacedWrites, definitions: list[DeckDefinition], report: BuildReport, now: datetime
) -> None:
    """A deck defined over several articles gets a timeline across them, made from the
    events its articles' kept dated cards name (whether or not they were rebuilt now); a
    deck whose events no longer make one (or that is no longer defined) has its former
    timeline retired."""
    db = writes.db
    sources = {}
    for definition in definitions:
        sources.setdefault(definition.name, str(definition.source))
    for name in dict.fromkeys([*sources, *card_counts.decks_with_own_cards(db)]):
        if not article_store.deck_exists(db, name):
            continue
        rows = card_store.deck_event_rows(db, name)
        events = [
            TimelineEvent(
                fact_key=f"{row['article_id']}/{row['fact_key']}",
                text=row["event"],
                date=DateValue(
                    start=date.fromisoformat(row["date_start"]),
                    end=date.fromisoformat(row["date_end"] or row["date_start"]),
                    precision=row["date_precision"] or "day",
                    qualifier=row["date_qualifier"],
                ),
                rank=float(row["importance"] or 0.5) * float(row["quality"] or 1.0),
                article=row["article_id"],
            )
            for row in rows
            if row["date_start"]
        ]
        plan = deck_timeline(name, events)
        cards: list[Card] = []
        anchor = min((row["article_id"] for row in rows), default="")
        if plan is not None:
            path = sources.get(name, "")  # the deck file is where a deck's card comes from
            cards.append(timeline_card(plan, deck_card_id(name, plan.fact_key), name, path, name))
        with writes.step():
            counts = card_store.save_deck_cards(db, name, anchor, cards, now)
        report.changes.setdefault(name, ChangeCounts()).add(counts)
        report.cards_by_kind.update(card.kind for card in cards)


class _BatchTransactions:
    """Workers whose every batch of distractor updates is written in a transaction of its own.

    `_assign_distractors` writes each batch as it comes back; the code after each
    `yield` runs once that batch is written, so the write lock is held for a few
    batches at most (see store.PacedWrites), not for the whole pass.
    """

    def __init__(self, writes: PacedWrites, workers: BuildWorkers) -> None:
        self._writes = writes
        self._workers = workers

    def plan_files(self, *args, **kwargs) -> Iterator[FileResult]:
        return self._workers.plan_files(*args, **kwargs)

    def distractor_updates(
        self, batches: Iterable[list[dict]], pools: DistractorPools
    ) -> Iterator[list[tuple[str, str]]]:
        for updates in self._workers.distractor_updates(batches, pools):
            with self._writes.step():
                yield updates


CONFIRM_BATCH_ARTICLES = 200
"""Articles whose build hash is confirmed per transaction once their distractors are in."""


def _confirm_built(writes: PacedWrites, article_ids: list[str]) -> None:
    """Store the real build hash of each built article, now that its cards are complete.

    Until then an article carries a pending hash (see `_save`): a build killed
    between saving the cards and choosing their distractors rebuilds it next time
    instead of taking it for unchanged.
    """
    for start in range(0, len(article_ids), CONFIRM_BATCH_ARTICLES):
        with writes.step() as db:
            article_store.confirm_build_hashes(
                db, article_ids[start : start + CONFIRM_BATCH_ARTICLES], PENDING_HASH_PREFIX
            )


PENDING_HASH_PREFIX = "pending:"
"""Marks the build hash of an article whose distractors are not chosen yet."""


class _SpooledResults:
    """Planned files parked in a temporary file between planning and writing.

    Planning happens before the write lock is taken, so every result waits until
    writing starts; held as objects, 10,000 articles' cards cost gigabytes. On disk
    they cost one pickle each way, and memory stays flat as the corpus grows.
    `summaries` keeps each result without its cards, for the retire pass.
    """

    def __init__(self, results: Iterable[FileResult]) -> None:
        self._file = tempfile.TemporaryFile()
        self.summaries: list[FileResult] = []
        for result in results:
            pickle.dump(result, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self.summaries.append(replace(result, planned=None))

    def __iter__(self) -> Iterator[FileResult]:
        self._file.seek(0)
        with self._file:
            for _ in self.summaries:
                yield pickle.load(self._file)  # noqa: S301 - our own file, just written


class _StreamedResults:
    """Planned files handed to the writer as the workers return them (in file order).

    `summaries`, as in _SpooledResults, keeps each result without its cards for the
    retire pass; it is complete once the iteration ends.
    """

    def __init__(self, results: Iterable[FileResult]) -> None:
        self._results = results
        self.summaries: list[FileResult] = []

    def __iter__(self) -> Iterator[FileResult]:
        for result in self._results:
            self.summaries.append(replace(result, planned=None))
            yield result


def _in_file_order(
    recognized: list[FileResult | None], planned: Iterator[FileResult]
) -> Iterator[FileResult]:
    """Each file's result in file order: the recognized ones as they are, the others
    drawn in turn from the planners (which received exactly those files, in order)."""
    for known in recognized:
        yield known if known is not None else next(planned)
    for _ in planned:  # nothing is left: this lets the planners end (and their workers)
        raise RuntimeError("the planners returned more results than files")


def _reporting(
    results: Iterable[FileResult], total: int, on_progress: ProgressCallback | None
) -> Iterator[FileResult]:
    for index, result in enumerate(results, start=1):
        if on_progress:
            on_progress(index, total, path_text(result.path))
        yield result


def _retire_missing(
    writes: PacedWrites,
    paths: Sequence[str | Path],
    results: list[FileResult],
    report: BuildReport,
    now: datetime,
) -> None:
    """Retire the cards of the articles no longer found where this build looked
    (see `recognition.articles_gone`)."""
    db = writes.db
    for article_id in articles_gone(paths, results, article_store.article_paths(db)):
        deck = article_store.article_deck(db, article_id) or ""
        with writes.step() as db:
            counts = save_article_cards(db, article_id, [], now)
        if counts.retired:
            report.changes.setdefault(deck, ChangeCounts()).add(counts)


def plan_file(
    path: Path,
    definitions: list[DeckDefinition],
    stored: StoredArticles,
    *,
    shadow_check: bool = True,
    claimed: dict[str, int] | None = None,
) -> FileResult:
    """Read and plan one file, touching no database.

    A file whose bytes and deck are those of the last build is recognized without
    being parsed; otherwise it is read, and skipped if its article is unchanged,
    or left unplanned (`shadowed`) if an earlier file of this build was its
    title's source last time, or (`claimed`: article id -> position of the first
    file this process read it from) was read with the same title here already: a
    folder holding each article in both formats then plans none of the second files.
    """
    recognized = recognize_file(path, definitions, stored)
    if recognized is not None and (shadow_check or not recognized.shadowed):
        return recognized
    try:
        article = read_article(path)
    except ReaderError as error:
        return FileResult(path, error=str(error), file_hash=error.content_hash)
    article_id = make_article_id(article.title)
    deck = deck_for(article.source_path, article.title, definitions)
    file_hash = article.content_hash
    read_earlier = False
    if claimed is not None:
        here = stored.positions.get(path_text(path), -1)
        read_earlier = claimed.setdefault(article_id, here) < here
    if stored.by_id.get(article_id) == build_hash(article, deck):
        return FileResult(
            path, article_id=article_id, deck=deck, unchanged=True, file_hash=file_hash
        )
    if shadow_check and (read_earlier or stored.held_by_earlier_file(article_id, path)):
        # almost surely skipped as a second file of its title: plan it only if not
        return FileResult(
            path, article_id=article_id, deck=deck, shadowed=True, file_hash=file_hash
        )
    planned = plan_article(article, deck)
    slim = replace(planned, article=replace(article, sections=(), infoboxes=()))
    return FileResult(path, article_id=article_id, deck=deck, planned=slim, file_hash=file_hash)


class SerialWorkers:
    """The build's pure work done in this process, one item after another.

    `quizgen.build.workers.ProcessWorkers` offers the same two methods on every core;
    both yield results in input order, which is what makes the build deterministic.
    """

    def plan_files(
        self, files: list[Path], definitions: list[DeckDefinition], stored: StoredArticles
    ) -> Iterator[FileResult]:
        claimed: dict[str, int] = {}
        for path in files:
            yield plan_file(path, definitions, stored, claimed=claimed)

    def distractor_updates(
        self, batches: Iterable[list[dict]], pools: DistractorPools
    ) -> Iterator[list[tuple[str, str]]]:
        for rows in batches:
            yield distractor_updates(rows, pools)


BuildWorkers = SerialWorkers
"""What `build_corpus` needs of its workers (any object with these two methods)."""


def _build_files(
    writes: PacedWrites,
    results: Iterable[FileResult],
    report: BuildReport,
    now: datetime,
    plan_after_all: Callable[[Path], FileResult],
    stored: StoredArticles | None = None,
) -> list[str]:
    """Save the planned files in file order; returns the ids of the articles (re)built.

    A `shadowed` file whose title no earlier file claimed after all (that file
    changed its title, or failed to read) is planned here, so the result is
    the same as if every file had been planned. Each file skipped as its title's
    second file, and each unreadable for its bytes, is remembered with its bytes' hash
    (see `recognize_file`).

    Progress is reported while planning (`_reporting`), not here: writing is the
    short part once every file is planned.
    """
    db = writes.db
    stamp = format_stamp(now)
    titles_seen: dict[str, str] = {}
    built_ids: list[str] = []
    shadows: list[tuple[str, str, str]] = []
    unreadable: list[tuple[str, str, str]] = []
    seen_paths: list[str] = []
    for result in results:
        path = result.path
        seen_paths.append(path_text(path))
        if result.shadowed and result.article_id not in titles_seen:
            result = plan_after_all(path)
        if result.error:
            report.skipped.append((path_text(path), result.error))
            if result.file_hash:
                unreadable.append((path_text(path), reading_hash(result.file_hash), result.error))
        elif result.article_id in titles_seen:
            first = titles_seen[result.article_id]
            report.skipped.append((path_text(path), f"same article title as {first}; skipped"))
            if result.file_hash:
                shadows.append((path_text(path), reading_hash(result.file_hash), result.article_id))
        else:
            titles_seen[result.article_id] = path_text(path)
            report.articles_read += 1
            if result.planned is None:
                report.unchanged_files += 1
                report.count_unchanged(
                    result.deck, card_counts.active_kind_counts(db, result.article_id)
                )
                with writes.step():
                    _follow_rename(db, result.article_id, path_text(path))
            else:
                with writes.step():  # one article, all or nothing
                    _save(db, result.planned, stamp, report, now)
                built_ids.append(result.article_id)
    stored = stored or StoredArticles()
    _remember(writes, stored.shadowed, shadows, seen_paths, article_store.record_shadowed_files)
    _remember(
        writes, stored.unreadable, unreadable, seen_paths, article_store.record_unreadable_files
    )
    return built_ids


def _remember(
    writes: PacedWrites,
    known: dict[str, tuple[str, str]],
    found: list[tuple[str, str, str]],
    paths: list[str],
    record: Callable[[Database, list[tuple[str, str, str]], list[str]], None],
) -> None:
    """Store what this build found of its files without an article of their own (second
    files: path, reading hash, article id; unreadable ones: path, reading hash, reason)
    and forget the files of this build no longer found so; written only on a change."""
    new = [row for row in found if known.get(row[0]) != (row[1], row[2])]
    found_now = {row[0] for row in found}
    gone = [path for path in paths if path in known and path not in found_now]
    if new or gone:
        with writes.step() as db:
            record(db, new, gone)


def _follow_rename(db: Database, article_id: str, path: str) -> None:
    """An unchanged article found under a new file name: point its rows at the new path."""
    article_store.follow_rename(db, article_id, path)


def _save(
    db: Database, planned: PlannedArticle, stamp: str, report: BuildReport, now: datetime
) -> None:
    article = planned.article
    row = {
        "id": planned.article_id,
        "title": article.title,
        "path": article.source_path,
        "content_hash": PENDING_HASH_PREFIX + build_hash(article, planned.deck),
        "format": article.format,
        "short_description": article.short_description,
        "built_at": stamp,
    }
    article_store.save_article(db, row, planned.deck, stamp)
    counts = save_article_cards(db, planned.article_id, planned.cards, now)
    report.changes.setdefault(planned.deck, ChangeCounts()).add(counts)
    report.cards_by_kind.update(planned.outcome.cards_by_kind)
    report.rejected.update(planned.outcome.rejected)
    report.refused_sentences.update(planned.outcome.refused_sentences)
    report.articles.append(planned.outcome)


DISTRACTOR_BATCH_ARTICLES = 50
"""Articles whose cards are loaded, given options and written back at a time."""


def _assign_distractors(db: Database, article_ids: list[str], workers: BuildWorkers) -> None:
    """Top up every built card's wrong options from the answers of the whole corpus.

    The pools hold only answer strings; the cards themselves are loaded a batch of
    articles at a time, so memory does not grow with the corpus's card count.
    """
    if not article_ids:
        return
    from quizgen.cards.distractors import DistractorPools

    pools = DistractorPools()
    for pool, answer, source, field_key, kind, start, title in card_store.option_pool_rows(db):
        pools.add(pool or "", answer, source, str(field_key or ""))
        pools.note_title(source, title or "")
        pools.note_home(source, str(field_key or ""), answer)
        if kind == "infobox" and start:
            pools.note_date(source, str(field_key or ""), date.fromisoformat(start))
    for updates in workers.distractor_updates(_card_batches(db, article_ids), pools):
        card_store.set_distractors(db, updates)


def _card_batches(db: Database, article_ids: list[str]) -> Iterator[list[dict]]:
    for start in range(0, len(article_ids), DISTRACTOR_BATCH_ARTICLES):
        batch = article_ids[start : start + DISTRACTOR_BATCH_ARTICLES]
        yield card_store.active_rows_of_articles(db, batch)


def distractor_updates(rows: list[dict], pools: DistractorPools) -> list[tuple[str, str]]:
    """(distractors JSON, card id) for each card row whose options change; no database.

    A batch holds whole articles (see `_card_batches`), so each card's options can
    respect its article: no other card's answer, dates inside the subject's life.
    """
    from quizgen.cards.distractors import article_context, choose_distractors
    from quizgen.cards.kinds import kind_of

    by_article: dict[str, list[tuple[dict, Card]]] = {}
    for row in rows:
        by_article.setdefault(row["article_id"], []).append((row, card_from_row(row)))
    updates: list[tuple[str, str]] = []
    for article_id, pairs in by_article.items():
        context = article_context(card for _, card in pairs)
        for row, card in pairs:
            if not kind_of(card.kind).corpus_distractors:
                continue
            chosen = choose_distractors(
                card, row.get("distractor_pool") or "", pools, article_id, context
            )
            if tuple(chosen) != card.distractors:
                updates.append((json.dumps(list(chosen), ensure_ascii=False), card.id))
    return updates
