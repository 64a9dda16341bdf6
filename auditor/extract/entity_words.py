"""The entity rules' vocabulary, loaded once from ``auditor/data`` (entity_words.toml, closed_class_words.txt),
and the patterns compiled from it. General words only: nothing here is tied to one story."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from auditor.text import has_han
from auditor.text._data import load_toml, load_words
from auditor.text.patterns import alternation as _alt

#: every word list of this module lives in auditor/data/entity_words.toml (its header says where from)
_WORDS = load_toml("entity_words.toml")
_ORG_HEADS = frozenset(_WORDS["org_heads"])
#: Spanish head words, which open the name ("Tribunal Supremo", "Grupo Ferral", "Audiencia
#: Nacional") where English puts the head last; none is an English word, so a span whose FIRST
#: word is one of them is an organisation whatever the sentence's language
_ORG_HEADS_FIRST = frozenset(_WORDS["org_heads_first"])
# Nationality adjectives ("Chinese", "American", "Spanish", "Israeli"); the short endings need a
# long word so that names such as "Pan", "Li" or "Dylan" are not caught.
_DEMONYM_RE = re.compile(r"(?:ese|ean|ian|ish|ic|ch)$|^\w{4,}an$|^\w{4,}i$")
_ORG_MEMBER_CUES = frozenset(_WORDS["org_member_cues"])
_CORP_SUFFIX = frozenset(_WORDS["corp_suffixes"])
_PRODUCT_CUES = frozenset(_WORDS["product_cues"])
#: Words that are never part of a name when capitalised at a sentence start (closed classes).
_CLOSED = load_words("closed_class_words.txt")
_CONNECTORS = frozenset(_WORDS["connectors"])
#: words that end an administrative division's name (``division_head``)
_DIVISION_HEADS = frozenset(_WORDS["division_heads"])
_HONORIFICS = frozenset(_WORDS["honorifics"])

# Titles/roles: surface -> canonical English role. Multi-word first (regex is longest-first).
_TITLES: dict[str, str] = {form: canon for canon, forms in _WORDS["titles"].items() for form in forms}
#: English-only title forms that are everyday Spanish words with another meaning ("mayor" =
#: larger/older): in a Spanish sentence they are not titles (Spanish has its own forms in the data file)
_EN_TITLES_ES_WORDS = frozenset(_WORDS["en_titles_es_words"])
_TITLE_FIRST = frozenset(w.split()[0] for w in _TITLES if w.isascii())
#: heads of English compound adjectives that follow a name ("Asia-focused", "state-run"); any
#: other lowercase part after a hyphen belongs to the name: romanised Korean/Chinese given names
#: are written "Ji-hoon", "Soo-yeon" and cutting them leaves a different-looking name
_COMPOUND_HEADS = frozenset(_WORDS["compound_heads"])
#: Chinese character classes of the Chinese rules (see entity_words.toml)
_ZH_DIRECTIONS = frozenset(_WORDS["zh_directions"])
_ZH_FUNCTION_CHARS = frozenset(_WORDS["zh_function_chars"])
_ZH_AFTER_NAME = frozenset(_WORDS["zh_after_name"])


def division_head(word: str) -> bool:
    """Does this word end an administrative division's name ("Province", "Oblast", "District")?"""
    return word.lower() in _DIVISION_HEADS


_TITLE_LATIN_RE = re.compile(rf"(?<![\w-])(?P<t>{_alt(w for w in _TITLES if w.isascii() or not has_han(w))})(?![\w-])", re.IGNORECASE)
_TITLE_HAN_RE = re.compile(rf"(?P<t>{_alt(w for w in _TITLES if has_han(w))})")

# Latin-script tokens only (Han text has no capitals and gets its own rules); a token stops at a
# script change so "GDP增长率" yields "GDP".
_L = "A-Za-z0-9\u00C0-\u024F"
_TOKEN_RE = re.compile(rf"[{_L}](?:[{_L}’'&.-]*[{_L}])?(?:['’]s?)?|&")
_HYPHEN_SUFFIX_RE = re.compile(r"^([A-Z][\w’']*)-([a-z][a-z-]*)$")
_UPPER_START = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž]")
#: a model name mixes letters and digits ("H100", "Falcon-9"); an ordinal ("4th", "23rd") or a decade
#: ("1990s", "post-90s") does not count
_MODEL_RE = re.compile(
    r"^(?!\d+(?:st|nd|rd|th|s)$)(?![A-Za-z]+-\d+s$)(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9-]*$", re.IGNORECASE)
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")


@functools.lru_cache(maxsize=1)
def _zipf() -> Callable[[str], float]:
    """English Zipf frequency, through the lexicon's cached look-up (imported late: wordfreq is slow to import)."""
    from auditor.lexicon import zipf

    return lambda word: zipf(word, "en")
