"""The lazily read lemminflect tables answer exactly as lemminflect's own eager load."""

from __future__ import annotations

import subprocess
import sys

from lemminflect import config
from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

from quizgen.core.lemma_tables import _LazyTable, lemminflect_module


def test_every_word_of_both_tables_reads_as_the_eager_load_reads_it():
    module = lemminflect_module()
    lemma_table = module.Lemmatizer().lemma_dict
    inflection_table = module.Inflections().infl_dict
    assert isinstance(lemma_table, _LazyTable) and isinstance(inflection_table, _LazyTable)
    eager_lemmas = LemmaLUCodec.load(config.lemma_lu_fn)
    eager_inflections = InflectionLUCodec.load(config.inflection_lu_fn)
    assert len(eager_lemmas) > 60_000 and len(eager_inflections) > 30_000
    assert all(lemma_table.get(word, {}) == forms for word, forms in eager_lemmas.items())
    assert all(inflection_table.get(word, {}) == forms for word, forms in eager_inflections.items())
    for missing in ("qzxv", "", "walked,"):
        assert lemma_table.get(missing, {}) == eager_lemmas.get(missing, {})


def test_the_public_calls_agree_with_a_plain_lemminflect():
    words = ["walked", "ran", "was", "fought", "founded", "led", "could", "mice", "Treaties"]
    probe = (
        "import json, sys, lemminflect\n"
        "words = json.loads(sys.argv[1])\n"
        "print(json.dumps([[lemminflect.getAllLemmas(w), lemminflect.getAllLemmas(w, upos='VERB'),"
        " lemminflect.getInflection(w.lower(), tag='VBD'), lemminflect.getAllInflections(w)]"
        " for w in words]))\n"
    )
    import json

    plain = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(words)], capture_output=True, text=True, check=True
    ).stdout
    module = lemminflect_module()
    lazy = [
        [
            module.getAllLemmas(word),
            module.getAllLemmas(word, upos="VERB"),
            list(module.getInflection(word.lower(), tag="VBD")),
            {tag: list(forms) for tag, forms in module.getAllInflections(word).items()},
        ]
        for word in words
    ]
    assert json.loads(plain) == json.loads(json.dumps(lazy))
