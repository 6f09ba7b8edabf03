"""`quiz suspended`: list suspended cards, unsuspend some or all; deck names as typed."""

from support.study import FACTS, make_database

from quizgen.cli import main
from quizgen.study.deck_names import DeckNameError, resolve_deck


def test_suspended_cards_are_listed_and_brought_back(tmp_path, capsys):
    path = tmp_path / "s.db"
    db = make_database(path, FACTS)
    ids = [row["id"] for row in db.query("SELECT id FROM cards ORDER BY rowid")]
    db.execute("UPDATE cards SET suspended = 1 WHERE id IN (?, ?)", [ids[0], ids[6]])
    assert 0 == main(["suspended", "--db", str(path)])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [ids[6], ids[0]]  # films, then people
    assert 0 == main(["suspended", "--db", str(path), "--deck", "PEO"])
    assert capsys.readouterr().out.split()[0] == ids[0]
    assert 0 == main(["suspended", "--db", str(path), "--unsuspend", ids[0]])
    assert "Unsuspended 1 card." in capsys.readouterr().out
    assert 2 == main(["suspended", "--db", str(path), "--unsuspend", "nope"])
    assert "nope: not a suspended card" in capsys.readouterr().err
    assert 0 == main(["suspended", "--db", str(path), "--all"])
    assert db.execute("SELECT SUM(suspended) FROM cards").fetchone()[0] == 0


def test_deck_names_match_ignoring_case_and_dashes_or_by_a_unique_prefix():
    names = ["Caucasus 1918–1920", "Animal Farm", "Animal Farm (film)", "Lyon"]
    assert resolve_deck("caucasus 1918-1920", names) == "Caucasus 1918–1920"
    assert resolve_deck("ly", names) == "Lyon"
    assert resolve_deck("animal farm", names) == "Animal Farm"  # a full name beats a prefix
    for wanted, message in (("anim", "could be several"), ("paris", "no deck named")):
        try:
            resolve_deck(wanted, names)
        except DeckNameError as error:
            assert message in str(error)
        else:
            raise AssertionError(wanted)


def test_study_refuses_an_unknown_deck_in_one_line(tmp_path, capsys):
    path = tmp_path / "s.db"
    make_database(path, FACTS)
    assert 2 == main(["study", "nope", "--db", str(path)])
    assert capsys.readouterr().err.count("\n") == 1


def test_a_one_article_build_says_1_article(tmp_path, capsys):
    from support import paths

    article = sorted((paths.FIXTURES / "articles").glob("*.txt"))[0]
    assert 0 == main(["build", str(article), "--db", str(tmp_path / "b.db"), "--jobs", "1"])
    out = capsys.readouterr().out
    assert "from 1 article;" in out and "0 files skipped" in out


def test_history_of_a_deck_typed_loosely(tmp_path, capsys):
    path = tmp_path / "h.db"
    make_database(path, FACTS)
    assert 0 == main(["history", "--db", str(path), "--deck", "FIL"])
    assert "films" in capsys.readouterr().out
