"""Name-shape tests the extractor and the drift stage share: pinyin names, acronyms and their expansions."""

from __future__ import annotations

import functools
import re

from auditor.extract.entity_words import _CONNECTORS
from auditor.lexicon import zipf
from auditor.text import (
    pinyin_syllables,
)


@functools.lru_cache(maxsize=100_000)
def _pinyin_split(word: str, max_syllables: int = 3) -> bool:
    syl = pinyin_syllables()
    w = word.lower().replace("ü", "v")

    @functools.cache
    def ok(i: int, left: int) -> bool:
        if i == len(w):
            return True
        if left == 0:
            return False
        return any(w[i:j] in syl and ok(j, left - 1) for j in range(i + 1, min(len(w), i + 6) + 1))

    return ok(0, max_syllables)


#: a token that only reads as pinyin cut into two syllables and is this frequent an English word is
#: the word ("Lake" = "la" + "ke", "Line", "Mile"): "Poyang Lake" is no person. Pinyin given names
#: ("Xiaoming", "Guofan", "Jinping") are rare in English; one-syllable words ("Long", "Fan") are
#: surnames and given names too, so they are not judged here.
_ENGLISH_WORD_ZIPF = 4.0


def _pinyin_token(tok: str) -> bool:
    if _pinyin_split(tok, 1):
        return True
    return _pinyin_split(tok, 2) and zipf(tok.lower(), "en") < _ENGLISH_WORD_ZIPF


def is_pinyin_name(text: str) -> bool:
    """Does a Latin name look like romanised Mandarin (surname + 1-2 syllable given name)?"""
    toks = [t for t in re.split(r"[\s-]+", text.strip()) if t]
    if not 2 <= len(toks) <= 3 or not all(t[:1].isupper() for t in toks):
        return False
    return all(_pinyin_token(t) for t in toks)


def acronym_matches(acronym: str, expansion: str) -> bool:
    """Do the expansion's words spell the acronym, in order?

    Each content word gives its initial, or all its letters when it is itself an acronym ("World
    Health Organization" -> W+H+O = "WHO"); connectors ("of", "and", "de") may give their initial or
    nothing ("NASA" = National Aeronautics and Space Administration; "BoC" style stays strict).
    """
    letters = "".join(c for c in acronym.upper() if c.isalnum())
    words = [w for w in re.split(r"[\s-]+", expansion) if w[:1].isalnum()]
    if len(letters) < 2 or not words:
        return False

    @functools.cache
    def ok(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        w = words[j]
        if w.lower() in _CONNECTORS:
            return ok(i, j + 1) or (i < len(letters) and letters[i] == w[0].upper() and ok(i + 1, j + 1))
        if w.isupper() and len(w) > 1 and letters.startswith(w, i) and ok(i + len(w), j + 1):
            return True
        return i < len(letters) and letters[i] == w[0].upper() and ok(i + 1, j + 1)

    return ok(0, 0)
