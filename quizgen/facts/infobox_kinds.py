"""Recognizing what an infobox describes, and naming its subject in a question.

Wikipedia infoboxes come in families (person, film, country, taxon...) whose fields
ask to be phrased differently: "Who directed X?" is right for a film and wrong for a
battle. The families, the fields that recognize them and the way each field is asked
live in `infobox_kinds.yaml` beside this module; it is loaded and validated once, so a
row naming an unknown kind, distractor class, rule or placeholder fails at import, not
as a strange card. The family is recognized from the fields present (both seed formats
lose the template name) or from a template name when a reader keeps one.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from quizgen.core.errors import QuizgenError
from quizgen.core.models import AnswerType, Infobox
from quizgen.core.wording import is_dictionary_word, possessive

InfoboxKind = str
"""The name of a kind in infobox_kinds.yaml ("film", "officeholder", "generic"...)."""

ANSWER_TYPES: frozenset[str] = frozenset({"date", "number", "name", "text"})
TENSES = frozenset({"present", "past", "person", "athlete", "activity", "organization"})
ARTICLES = frozenset({"none", "auto", "the", "common"})
TENSE_WORDS = ("be", "be_sg", "be_past", "do", "have", "have_been", "held", "do_alive")
"""{do_alive}: "does" while the person lives, whatever the kind's tense (a retired player
still lives somewhere)."""
PLACEHOLDERS = frozenset(
    {"S", "Sc", "Sp", *TENSE_WORDS, "office", "title", "years", "year", "basis"}
)
"""Every name a template may use: a typo such as {Subj} is an error at load time."""


class InfoboxKindsError(QuizgenError):
    """infobox_kinds.yaml says something the phraser cannot do."""


@dataclass(frozen=True)
class FieldSpec:
    """How one infobox field is asked (one row of a kind's `fields`)."""

    key: str
    ask: str
    multi: str | None
    answer_type: AnswerType
    pool: str
    importance: float
    rules: frozenset[str]
    max_words: int
    count_ask: str | None = None
    year_field: str | None = None
    undated: str | None = None
    """The question when `year_field` gives no year ("What is the population of X?")."""
    aliases: tuple[str, ...] = ()

    @property
    def core(self) -> bool:
        return self.importance >= 1.0


@dataclass(frozen=True)
class GroupSpec:
    """Numbered fields read together: office N with its terms, club N with its years."""

    name: str
    title: str
    """The key stem naming each member (`office`, `clubs`, `leader_title`, `child`)."""
    name_stem: str | None = None
    """For title/name pairs (`leader_title1` + `leader_name1`): the stem of the name field."""
    years: str | None = None
    order: str | None = None
    ask: str | None = None
    answer_type: AnswerType = "name"
    pool: str = "none"
    importance: float = 0.6
    fields: dict[str, FieldSpec] = field(default_factory=dict)


@dataclass(frozen=True)
class KindSpec:
    name: str
    noun: str
    tense: str
    article: str
    parent: str | None
    fields: dict[str, FieldSpec]
    """Own and inherited fields, by every key and alias that names them."""
    groups: dict[str, GroupSpec]
    strong: frozenset[str]
    weak: frozenset[str]
    hints: tuple[str, ...]
    subject_field: str | None = None


@dataclass(frozen=True)
class KindTable:
    kinds: dict[str, KindSpec]
    definite_titles: frozenset[str]
    definite_heads: tuple[str, ...]
    definite_tails: tuple[str, ...]
    plural_tails: frozenset[str]
    label_values: frozenset[str]
    leader_titles: re.Pattern[str]
    rules: frozenset[str]


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _check_pool(pool: str, classes: set[str], families: set[str], where: str) -> None:
    family, _, sub = pool.partition(":")
    if pool in classes or (family in families and sub):
        return
    raise InfoboxKindsError(f"{where}: unknown distractor class {pool!r}")


def _field_spec(
    key: str,
    row: dict[str, Any],
    where: str,
    classes: set[str],
    families: set[str],
    rules: set[str],
) -> FieldSpec:
    unknown = set(row) - {
        "ask", "multi", "type", "pool", "core", "importance", "rules", "aliases", "max_words",
        "count_ask", "year_field", "undated",
    }  # fmt: skip
    if unknown:
        raise InfoboxKindsError(f"{where}: unknown settings {sorted(unknown)}")
    if "ask" not in row or "type" not in row or "pool" not in row:
        raise InfoboxKindsError(f"{where}: a field needs ask, type and pool")
    for template_key in ("ask", "multi", "count_ask", "undated"):
        template = row.get(template_key)
        if template is not None:
            bad = _placeholders(template) - PLACEHOLDERS
            if bad:
                raise InfoboxKindsError(f"{where}: unknown placeholders {sorted(bad)}")
    if row["type"] not in ANSWER_TYPES:
        raise InfoboxKindsError(f"{where}: unknown answer type {row['type']!r}")
    _check_pool(row["pool"], classes, families, where)
    field_rules = set(row.get("rules", ()))
    if field_rules - rules:
        raise InfoboxKindsError(f"{where}: unknown rules {sorted(field_rules - rules)}")
    if "list" in field_rules and not row.get("multi"):
        raise InfoboxKindsError(f"{where}: a list field needs a multi phrasing")
    importance = 1.0 if row.get("core") else float(row.get("importance", 0.6))
    if not (importance == 1.0 or 0.5 <= importance <= 0.7):
        raise InfoboxKindsError(f"{where}: importance is 1.0 (core) or 0.5-0.7")
    return FieldSpec(
        key=key,
        ask=row["ask"],
        multi=row.get("multi"),
        answer_type=row["type"],
        pool=row["pool"],
        importance=importance,
        rules=frozenset(field_rules),
        max_words=int(row.get("max_words", 8 if row["type"] == "name" else 10)),
        count_ask=row.get("count_ask"),
        year_field=row.get("year_field"),
        undated=row.get("undated"),
        aliases=tuple(row.get("aliases", ())),
    )


def _group_importance(row: dict[str, Any], where: str) -> float:
    importance = float(row.get("importance", 0.6))
    if not (importance == 1.0 or 0.5 <= importance <= 0.7):
        raise InfoboxKindsError(f"{where}: importance is 1.0 (core) or 0.5-0.7")
    return importance


def _index(specs: dict[str, FieldSpec]) -> dict[str, FieldSpec]:
    indexed: dict[str, FieldSpec] = {}
    for spec in specs.values():
        for name in (spec.key, *spec.aliases):
            indexed.setdefault(name, spec)
    return indexed


def parse_table(data: dict[str, Any]) -> KindTable:
    """Validate the loaded YAML and build the kind table (raises InfoboxKindsError)."""
    classes = set(data["classes"])
    families = set(data["class_families"])
    rules = set(data["rules"])
    raw_kinds: dict[str, dict[str, Any]] = data["kinds"]
    if "generic" not in raw_kinds:
        raise InfoboxKindsError("infobox_kinds.yaml: no generic kind")
    kinds: dict[str, KindSpec] = {}

    def build(name: str, seen: tuple[str, ...] = ()) -> KindSpec:
        if name in kinds:
            return kinds[name]
        if name not in raw_kinds:
            raise InfoboxKindsError(f"unknown kind {name!r} (extended by {seen[-1:]})")
        if name in seen:
            raise InfoboxKindsError(f"kind {name!r} extends itself")
        row = raw_kinds[name]
        where = f"kind {name}"
        for setting, allowed in (("tense", TENSES), ("article", ARTICLES)):
            if row.get(setting, "present" if setting == "tense" else "none") not in allowed:
                raise InfoboxKindsError(f"{where}: unknown {setting} {row.get(setting)!r}")
        parent = row.get("extends")
        inherited: dict[str, FieldSpec] = {}
        groups: dict[str, GroupSpec] = {}
        if parent:
            parent_spec = build(parent, (*seen, name))
            inherited = dict(parent_spec.fields)
            groups = dict(parent_spec.groups)
        own = {
            key: _field_spec(key, value, f"{where}.{key}", classes, families, rules)
            for key, value in (row.get("fields") or {}).items()
        }
        for group_name, group_row in (row.get("groups") or {}).items():
            group_where = f"{where}.groups.{group_name}"
            group_fields = {
                key: _field_spec(key, value, f"{group_where}.{key}", classes, families, rules)
                for key, value in (group_row.get("fields") or {}).items()
            }
            pool = group_row.get("pool", "none")
            _check_pool(pool, classes, families, group_where)
            ask = group_row.get("ask")
            if ask and _placeholders(ask) - PLACEHOLDERS:
                raise InfoboxKindsError(f"{group_where}: unknown placeholders in {ask!r}")
            groups[group_name] = GroupSpec(
                name=group_name,
                title=group_row["title"],
                name_stem=group_row.get("name"),
                years=group_row.get("years"),
                order=group_row.get("order"),
                ask=ask,
                answer_type=group_row.get("type", "name"),
                pool=pool,
                importance=_group_importance(group_row, group_where),
                fields=_index(group_fields),
            )
        recognize = row.get("recognize") or {}
        spec = KindSpec(
            name=name,
            noun=row.get("noun", "subject"),
            tense=row.get("tense", "present"),
            article=row.get("article", "none"),
            parent=parent,
            fields={**inherited, **_index(own)},
            groups=groups,
            strong=frozenset(recognize.get("strong", ())),
            weak=frozenset(recognize.get("fields", ())),
            hints=tuple(hint.casefold() for hint in recognize.get("hints", ())),
            subject_field=row.get("subject_field"),
        )
        kinds[name] = spec
        return spec

    for kind_name in raw_kinds:
        build(kind_name)
    # Fields every kind may ask when its own table does not (founded, founder...).
    generic = kinds["generic"].fields
    for kind_name, spec in list(kinds.items()):
        if kind_name != "generic":
            kinds[kind_name] = KindSpec(**{**spec.__dict__, "fields": {**generic, **spec.fields}})
    return KindTable(
        kinds=kinds,
        definite_titles=frozenset(t.casefold() for t in data.get("definite_titles", ())),
        definite_heads=tuple(data.get("definite_heads", ())),
        definite_tails=tuple(data.get("definite_tails", ())),
        plural_tails=frozenset(t.casefold() for t in data.get("plural_tails", ())),
        label_values=frozenset(v.casefold() for v in data.get("label_values", ())),
        leader_titles=re.compile(data["leader_titles"].replace(" ", " "), re.IGNORECASE),
        rules=frozenset(rules),
    )


@cache
def kind_table() -> KindTable:
    """The validated table, loaded on first use. Its YAML (~80 ms to parse even with
    libyaml) is parsed once per machine and kept in the cache (see derived_cache)
    until the file changes; validation runs every time."""
    from quizgen.core.derived_cache import load_derived

    source = resources.files("quizgen.facts").joinpath("infobox_kinds.yaml")

    def parse_yaml() -> dict:
        import yaml  # only when the table is derived: PyYAML costs ~20 ms to import

        text = source.read_text("utf-8")
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    if not isinstance(source, Path):  # inside a zip: no file to fingerprint
        return parse_table(parse_yaml())
    return parse_table(load_derived("infobox_kinds", [source], parse_yaml))


# --- recognizing the kind ----------------------------------------------------------------------

_TYPE_HINT_KEYS = ("infobox", "infobox_type", "template", "type_hint")


def type_hint(infobox: Infobox) -> str:
    """A template name the reader kept ("Infobox film", `infobox_type: settlement`), or ""."""
    for attribute in ("type_hint", "template", "kind", "type"):
        value = getattr(infobox, attribute, None)
        if isinstance(value, str) and value.strip():
            return value
    for key in _TYPE_HINT_KEYS:
        found = infobox.get(key)
        if found is not None:
            return found.text
    return ""


def _hint_kind(hint: str, table: KindTable) -> str | None:
    words = re.sub(r"^\W*infobox\W*", "", hint.casefold()).replace("_", " ").strip()
    if not words:
        return None
    best: tuple[int, str] | None = None
    for name, spec in table.kinds.items():
        for candidate in spec.hints:
            if words == candidate or re.search(rf"\b{re.escape(candidate)}\b", words):
                rank = (len(candidate) + (100 if words == candidate else 0), name)
                if best is None or rank > best:
                    best = rank
    return best[1] if best else None


_NUMBER_SUFFIX = re.compile(r"^(.*?)(\d+)$")


def classify(infobox: Infobox) -> InfoboxKind:
    """The family an infobox belongs to, by its template name or its fields (generic if unclear)."""
    table = kind_table()
    background = infobox.get("background")
    if background is not None:
        # "Infobox musical artist" serves bands and soloists alike; `background` tells them.
        if background.text.strip() == "group_or_band":
            return "musical_group"
        if background.text.strip() in ("solo_singer", "non_vocal_instrumentalist"):
            return "musician"
    hinted = _hint_kind(type_hint(infobox), table)
    if hinted:
        return hinted
    keys = set(infobox.keys())
    best, best_score = "generic", 0
    for name, spec in table.kinds.items():
        if name == "generic":
            continue
        strong, weak = len(keys & spec.strong), len(keys & spec.weak)
        score = 3 * strong + weak
        if spec.parent and not strong and weak < 2:
            continue  # a writer needs its own evidence, not only a person's
        if spec.parent and score:
            # A specialised person is a person first: its parent's evidence counts too.
            parent = table.kinds[spec.parent]
            score += len(keys & (parent.strong | parent.weak))
        if score > best_score or (score == best_score and score and spec.parent == best):
            best, best_score = name, score
    if best_score >= 2 or (best_score == 1 and len(keys) <= 3):
        return best
    return "generic"


# --- naming the subject ------------------------------------------------------------------------

_DISAMBIGUATOR = re.compile(r"\s*\((?![^()]*\d{3,4})[^()]*\)\s*$")
"""A trailing "(band)", "(UK)": dropped. Years ("(1918–1920)") identify the subject and stay
in every question but those asking the date (`Subject.without_years`)."""
_CONFLICT_NOUNS = (
    "battle", "siege", "war", "uprising", "rebellion", "revolt", "invasion", "expedition",
    "operation", "offensive", "campaign", "massacre", "raid",
)  # fmt: skip


@dataclass(frozen=True)
class Subject:
    """How questions name the article's subject: "the Zangezur Expedition", "Ada Lovelace"."""

    name: str
    """The subject as it reads inside a sentence (with "the" where English wants it)."""
    short_title: str
    """The title without a disambiguator such as "(film)", used as a reverse answer."""
    noun: str
    """What kind of thing it is, for reverse questions: "battle", "film", "company"."""
    plural: bool = False

    @property
    def capitalized(self) -> str:
        return self.name[:1].upper() + self.name[1:]

    def without_years(self) -> Subject:
        """The subject without a trailing "(1918–1920)", for questions that ask the date."""
        plain = re.sub(r"\s*\([^()]*\d{3,4}[^()]*\)\s*$", "", self.name).strip()
        return Subject(plain or self.name, self.short_title, self.noun, self.plural)

    @property
    def possessive(self) -> str:
        return possessive(self.name)


def _needs_the(short: str, table: KindTable) -> bool:
    if short.casefold() in table.definite_titles:
        return True
    if any(short == head or short.startswith(head + " ") for head in table.definite_heads):
        return True
    return any(short.endswith(" " + tail) for tail in table.definite_tails)


def _common_noun_form(short: str, prose: str) -> str | None:
    """ "Aardvark" -> "aardvark" when the prose writes it in lower case mid-sentence."""
    if not prose or not short[:1].isupper():
        return None
    lower = short[:1].lower() + short[1:]
    lowered_uses = len(re.findall(rf"(?<![.!?]\s)(?<!^)\b{re.escape(lower)}\b", prose))
    capital_uses = len(re.findall(rf"(?<=[a-z,;]\s){re.escape(short)}\b", prose))
    return lower if lowered_uses >= 1 and lowered_uses > capital_uses else None


def _sentence_case_common(short: str, prose: str) -> bool:
    """ "Pancreatic cancer", "Influenza": a sentence-case title the prose never capitalizes
    mid-sentence; "Down syndrome", "Crohn's disease" and "HIV" keep their capitals."""
    words = short.split()
    if not words or words[0].isupper() or words[0].endswith(("'s", "’s")):
        return False
    if not all(word.islower() for word in words[1:]):
        return False
    return not re.search(rf"(?<=[a-z,;]\s){re.escape(short)}\b", prose)


def describe_subject(
    title: str,
    kind: InfoboxKind,
    *,
    prose: str = "",
    subject_name: str | None = None,
    scientific_names: tuple[str, ...] = (),
) -> Subject:
    """Name the subject for questions of the given infobox kind.

    `prose` (the lead) tells a common-noun title ("the aardvark", "abortion") from a
    proper name; `subject_name` replaces the title where the kind asks about something
    else (an economy's questions are about its country).
    """
    table = kind_table()
    spec = table.kinds.get(kind, table.kinds["generic"])
    short = _DISAMBIGUATOR.sub("", title).strip() or title.strip()
    noun = spec.noun
    base = subject_name.strip() if subject_name else short
    name = base
    plural = base.split()[-1].casefold() in table.plural_tails if base.split() else False
    lowered = base.casefold()
    if kind in ("conflict", "event"):
        for word in _CONFLICT_NOUNS:
            if re.search(rf"\b{word}\b", lowered):
                noun = word
                break
    if base.startswith(("The ", "the ")):
        name = base
    elif spec.article == "the" or (
        spec.article in ("auto", "common", "none") and kind != "person" and _needs_the(base, table)
    ):
        if spec.article != "none" or re.match(r"^(?:Battle|Siege|War|Treaty)\b", base):
            name = f"the {base}"
    if kind == "musical_group" and base.startswith("The "):
        # "the Beatles were formed": a band's article is lower case mid-sentence, and a
        # plural name takes a plural verb.
        name = "the " + base[4:]
        plural = base.endswith("s") and not base.endswith("ss")
    if spec.article == "common" and name == base:
        common = _common_noun_form(base, prose)
        if common is None and kind != "taxon" and _sentence_case_common(base, prose):
            common = base[:1].lower() + base[1:]
        if common is None and kind == "taxon":
            # A common name is a common noun even where the prose never says so ("the
            # African elephant"); a Latin title ("Orycteropus") is the taxon's own name.
            if base.casefold() not in {n.casefold() for n in scientific_names}:
                common = base[:1].lower() + base[1:] if " " not in base else base
        if common:
            # A count noun ("the aardvark") takes "the"; a mass noun ("abortion") does not.
            name = f"the {common}" if kind == "taxon" else common
    if kind == "language" and lowered.endswith(" languages") and not name.startswith("the "):
        name, plural = f"the {base}", True
    elif kind == "language" and lowered.endswith(" language") and not name.startswith("the "):
        name = f"the {base}"  # "How many people speak the French language?"
    if kind == "ethnic_group" and base.endswith("s") and not base.endswith("ss"):
        plural = True
    if name == base and not subject_name:
        name = _named_by_its_kind(title, short) or name
    return Subject(name=name, short_title=short, noun=noun, plural=plural)


def _named_by_its_kind(title: str, short: str) -> str | None:
    """ "the band Antique": a title that is a plain English word once its disambiguator
    is gone keeps the disambiguator as a noun, or "Where was Antique formed?" asks about
    no one can tell what."""
    found = _DISAMBIGUATOR.search(title)
    if found is None or " " in short or not short.isalpha():
        return None
    if not is_dictionary_word(short):
        return None
    kind_noun = found.group(0).strip(" ()").split()[-1].lower()
    return f"the {kind_noun} {short}" if kind_noun.isalpha() else None
