"""Find the sentences of an article that say when something happened.

A sentence like "On 7 November, Shikhlinski ordered..." states no year; the
year lives in the heading ("Fight for Zangezur, November 1919"), the infobox
date, the title, or an earlier sentence. We walk the article in reading order
and carry that context, so each dated sentence gets a full date or none.
"""

from __future__ import annotations

import re

from quizgen.core.models import Article, DatedSentence, DateMention, Section
from quizgen.facts.dates import DateContext, date_context, find_dates
from quizgen.ingest.sentences import split_sentences

_MIN_WORDS = 4
_LIST_ITEM = re.compile(r"^\s*(?:[*•·▪–-]|\d+[.)])\s")


def _article_context(article: Article) -> DateContext | None:
    """The year the article as a whole is about: infobox date fields, else the title."""
    for infobox in article.infoboxes:
        for infobox_field in infobox.fields:
            if "date" not in infobox_field.key:
                continue
            context = date_context(infobox_field.text or " ".join(infobox_field.items))
            if context is not None:
                return context
    return date_context(article.title)


def _section_context(section: Section, fallback: DateContext | None) -> DateContext | None:
    """The innermost heading that states a year, else the article's context."""
    for heading in reversed(section.path):
        context = date_context(heading)
        if context is not None:
            return context
    return fallback


def _is_prose(sentence: str) -> bool:
    if _LIST_ITEM.match(sentence):
        return False
    return len(sentence.split()) >= _MIN_WORDS


def _last_stated_year(mentions: list[DateMention]) -> int | None:
    """The year a later sentence will assume: the end of the last date whose year was stated."""
    for mention in reversed(mentions):
        qualifier = mention.value.qualifier or ""
        if not mention.year_inferred and "decade" not in qualifier:
            return mention.value.end.year
    return None


def dated_sentences(article: Article) -> list[DatedSentence]:
    """Every prose sentence of `article` with at least one date, its year resolved from context."""
    article_context = _article_context(article)
    found: list[DatedSentence] = []
    for section in article.sections:
        context = _section_context(section, article_context)
        previous = ""
        for paragraph in section.paragraphs:
            for sentence in split_sentences(paragraph):
                if not _is_prose(sentence):
                    continue
                mentions = find_dates(sentence, context)
                if mentions:
                    found.append(
                        DatedSentence(
                            subject=article.title,
                            section=section,
                            sentence=sentence,
                            dates=tuple(mentions),
                            previous_sentence=previous,
                        )
                    )
                    stated = _last_stated_year(mentions)
                    if stated is not None:
                        same_year = context is not None and context.year == stated
                        month = context.month if same_year and context else None
                        context = DateContext(year=stated, month=month)
                previous = sentence
    return found
