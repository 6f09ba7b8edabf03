"""Identity: titles that differ only in symbols are different articles, and every
ordinary title keeps the id it always had (learners' progress hangs on it)."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.articles import SyntheticArticle, render_b
from support.paths import SEEDS
from support.processes import quiz

from quizgen.core.identity import article_id, card_id, normalize_key, title_key

CORPUS = Path("/work/shared/corpus")
SYMBOL_TITLES = ("C", "C++", "C#", "F#", "🚀", "🔥", "!!!", "???", "Ke$ha", "Keha")


def legacy_card_id(title: str, fact_key: str) -> str:
    """The card id every build before this one gave (normalized title and fact key)."""
    text = "\x1f".join(("card", normalize_key(title), fact_key))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def legacy_article_id(title: str) -> str:
    text = "\x1f".join(("article", normalize_key(title)))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def test_titles_that_differ_only_in_symbols_are_different_articles():
    ids = {article_id(title) for title in SYMBOL_TITLES}
    assert len(ids) == len(SYMBOL_TITLES)
    assert len({card_id(title, "born") for title in SYMBOL_TITLES}) == len(SYMBOL_TITLES)


@pytest.mark.parametrize(
    "title", ["Zangezur Expedition", "AT&T", "Yahoo!", "Mercedes-Benz", "Ærø (island)", "  "]
)
def test_ordinary_titles_keep_their_ids(title):
    assert title_key(title) == normalize_key(title)
    assert article_id(title) == legacy_article_id(title)
    assert card_id(title, "born") == legacy_card_id(title, "born")


def test_a_build_keeps_c_cpp_and_c_sharp_apart(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for index, title in enumerate(("C", "C++", "C#", "🚀", "!!!")):
        article = SyntheticArticle(
            title=title,
            infobox=(("Designer", f"Dennis Ritchie {index}"), ("First appeared", "1972")),
            lead=(f"{title} is a programming language.",),
        )
        (seeds / f"{index}.txt").write_text(render_b(article), encoding="utf-8")
    db_path = tmp_path / "q.db"
    result = quiz("build", "--jobs", "1", "--db", str(db_path), str(seeds))
    assert "same article title" not in result.stderr, result.stderr
    with sqlite3.connect(db_path) as connection:
        titles = {row[0] for row in connection.execute("SELECT title FROM articles")}
    assert {"C", "C++", "C#"} <= titles


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not on this machine")
@pytest.mark.parametrize("folder", ["corpus/a", "corpus/b", "seeds"])
def test_every_card_of_the_corpus_and_the_seeds_keeps_its_id(built_folder, folder):
    """Ids depend on titles and fact keys only, so the session's one build of each folder
    (conftest's built_folder, at a fixed moment) is read rather than built again."""
    source = SEEDS if folder == "seeds" else CORPUS / folder.split("/")[1]
    db, _ = built_folder(source)
    cards = list(db.execute("SELECT c.id, a.title, c.fact_key, a.id FROM cards c "
                            "JOIN articles a ON a.id = c.article_id"))  # fmt: skip
    db.conn.close()
    assert len(cards) > 20
    for card, title, fact_key, article in cards:
        assert card == legacy_card_id(title, fact_key), (title, fact_key)
        assert article == legacy_article_id(title), title


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_keys_skip_decomposition_and_mean_the_same(text):
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert normalize_key(text) == re.sub(r"[^\w]+", " ", stripped.casefold()).strip()
