"""Is a fact stated in a version? Phrase search over folded tokens, and the presence tests the
entity comparators ask before calling something omitted or changed.

Kept apart from the slotting because these answer one question about one version's text (is this
name there, in other words, as an acronym, or spelled out), whatever the slot they came from.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import Any

from auditor.drift.text import Token, fold, token_texts, tokens
from auditor.drift.units import Corpus, Unit
from auditor.drift.words import abbreviates, derived_among, writes_out
from auditor.extract.dates import date_parts
from auditor.extract.entity_words import division_head
from auditor.model import Sentence


@functools.lru_cache(maxsize=16384)
def _keyed(text: str) -> tuple[tuple[Token, ...], tuple[str, ...]]:
    toks = tuple(tokens(text))
    return toks, tuple(fold(t.text) for t in toks)


def find_phrase(text: str, phrase: str) -> tuple[int, int] | None:
    """Character span of ``phrase`` in ``text`` comparing folded tokens (case/accents/hyphens)."""
    toks, keys_t = _keyed(text)
    want = list(_keyed(phrase)[1])
    n = len(want)
    if not n:
        return None
    if not set(want) <= set(keys_t) and "".join(want) not in "".join(keys_t):
        return None
    keys = list(keys_t)
    for i in range(len(keys) - n + 1):
        if keys[i:i + n] == want:
            return toks[i].start, toks[i + n - 1].end
    joined = "".join(want)  # "e-mail" vs "e mail"
    for i in range(len(keys)):
        acc = ""
        for j in range(i, min(len(keys), i + n + 2)):
            acc += keys[j]
            if acc == joined:
                return toks[i].start, toks[j].end
            if len(acc) >= len(joined):
                break
    return None


#: a name token shorter than this is too ambiguous to name the person on its own ("Li", "Bo")
MIN_PRESENCE_TOKEN = 3


class PhraseIndex:
    """Which content sentences of a document could hold a phrase, by ``find_phrase``'s own test
    (all of the phrase's folded tokens in the sentence, or their concatenation inside the sentence's
    concatenated tokens). Built once per document, so asking whether a phrase is anywhere in a long
    document costs the sentences that could match, not a pass over every sentence."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = list(sentences)
        self._postings: dict[str, list[int]] = {}
        joined: list[str] = []
        self._starts: list[int] = []
        at = 0
        for k, s in enumerate(self.sentences):
            keys = [fold(w) for w in token_texts(s.text)]
            for key in dict.fromkeys(keys):
                self._postings.setdefault(key, []).append(k)
            text = "".join(keys)
            self._starts.append(at)
            joined.append(text)
            at += len(text) + 1
        self._joined = "\x00".join(joined)  # folded tokens never hold NUL: no match spans two sentences

    def candidates(self, phrase: str) -> list[int]:
        """Positions (in ``sentences``) of every sentence where ``find_phrase`` may find ``phrase``."""
        want = _keyed(phrase)[1]
        if not want:
            return []
        lists = sorted((self._postings.get(k, []) for k in set(want)), key=len)
        found = set(lists[0]).intersection(*lists[1:])
        needle = "".join(want)
        at = self._joined.find(needle)
        while at >= 0:
            found.add(bisect.bisect_right(self._starts, at) - 1)
            at = self._joined.find(needle, at + 1)
        return sorted(found)


def phrase_index(corpus: Corpus, doc: str) -> PhraseIndex:
    """The document's ``PhraseIndex`` over its content sentences, built on first use."""
    cache: dict[str, PhraseIndex] = corpus.derived.setdefault("phrase_index", {})
    if doc not in cache:
        cache[doc] = PhraseIndex(corpus.docs[doc].content_sentences)
    return cache[doc]


def in_content(corpus: Corpus, doc: str, phrase: str) -> bool:
    """``find_phrase`` finds ``phrase`` in some content sentence of ``doc``."""
    idx = phrase_index(corpus, doc)
    return any(find_phrase(idx.sentences[k].text, phrase) for k in idx.candidates(phrase))


def _in_document(corpus: Corpus, doc: str, texts: Sequence[str], token_presence: bool = False) -> bool:
    """Is any form of the entity anywhere in the version's content (it may have moved sentence)?"""
    forms = list(texts)
    if token_presence:
        forms += [t.text for x in texts for t in tokens(x) if len(t.text) >= MIN_PRESENCE_TOKEN]
    idx = phrase_index(corpus, doc)
    for t in forms:
        for k in idx.candidates(t):
            s = idx.sentences[k]
            span = find_phrase(s.text, t)
            if span and (not token_presence or s.text[span[0]:span[0] + 1].isupper()):
                return True
    return False


#: stem length for "the words of the name are all there": 4 letters make "Spanish" and "Spain",
#: "Department" and "Departments" agree
_STEM = 4


def _words_present(corpus: Corpus, unit: Unit, doc: str, text: str) -> bool:
    """Every word of a multi-word entity name occurs (by stem) in the version's aligned text: the
    version says it in other words or the extractor cut a different span; not an omission. A
    one-word name counts when its adjective or demonym is there ("Belgian" for "Belgium"), an
    administrative division when its name is ("Syunik" for "Syunik Province")."""
    words = tokens(text)
    have_words = [t.text for s in corpus.unit_sentences(unit, doc) for t in tokens(s.text)]
    have = {fold(w)[:_STEM] for w in have_words}
    if len(words) > 1 and division_head(words[-1].text):
        # the division's type may be written another way, in lower case or not at all ("Syunik
        # Province" / "Kapan (Syunik region)"): its name is what must be there
        words = words[:-1]
        if len(words) == 1 and fold(words[0].text)[:_STEM] in have:
            return True
    if len(words) == 1:
        return derived_among(words[0].text, have_words)
    want = {fold(t.text)[:_STEM] for t in words}
    return len(want) >= 2 and want <= have


#: longest run of capitalised words read as one place name when looking a place up
_MAX_PLACE_WORDS = 3


def _same_place_named(corpus: Corpus, unit: Unit, doc: str, texts: Sequence[str]) -> bool:
    """The version names the place another way the gazetteer knows ("the U.S." for "America", "UK"
    for "Britain") or by its adjective ("British" for "Great Britain"): one place, not an omission."""
    from auditor.extract.gazetteer import place_id

    ids = {place_id(t) for t in texts} - {None}
    if not ids:
        return False
    # the place's last word names it alone and the version has that word's adjective: "the British
    # Secretary" for "Great Britain's Culture Secretary" (WMT21 ru-en, both references)
    heads = [w[-1] for w in (t.split() for t in texts) if w and place_id(w[-1]) in ids]
    for s in corpus.unit_sentences(unit, doc):
        toks = tokens(s.text)
        if heads:
            caps = [t.text for t in toks if t.text[:1].isupper()]
            if any(derived_among(h, caps) for h in heads):
                return True
        for i, first in enumerate(toks):
            if not first.text[:1].isupper():
                continue
            for last in toks[i:i + _MAX_PLACE_WORDS]:
                if not last.text[:1].isupper():
                    break
                if place_id(s.text[first.start:last.end]) in ids:
                    return True
    return False


def _spelled_out(corpus: Corpus, unit: Unit, doc: str, texts: Sequence[str]) -> bool:
    """The version has the entity as an acronym or spelled out where others have the other form
    ("ultraviolet" for "UV", "WHO" for "World Health Organization"): it names it, it does not leave
    it out."""
    words = [t.text for s in corpus.unit_sentences(unit, doc) for t in tokens(s.text)]
    for text in texts:
        if _acronym(text):
            if writes_out(text, words, len(text.replace(".", ""))):
                return True
        elif any(_acronym(w) and abbreviates(w, text) for w in words):
            return True
    return False


def _acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()


def _stated_verbatim(corpus: Corpus, unit: Unit, doc: str, text: str) -> bool:
    """The reference form is in the version's aligned text word for word: the extractor cut the
    span differently ("York Times Read" inside "New York Times Read more"),
    the version does not say something different."""
    return any(find_phrase(s.text, text) for s in corpus.unit_sentences(unit, doc))


def numeric_date_in(corpus: Corpus, doc: str, value: Any) -> bool:
    """Is a day of a month written in digits in the version ("23/07", "7/23", "23.07.2024")? The
    extractor leaves all-digit dates alone (day or month first is the writer's locale), but one
    that reads as the missing date either way round shows the date is stated."""
    parts = date_parts(value)
    if parts is None or parts[1] is None or parts[2] is None:
        return False
    month, day = int(parts[1]), int(parts[2])
    pattern = re.compile(rf"(?<![\d/.-])(?:0?{day}\s?[/.-]\s?0?{month}|0?{month}\s?[/.-]\s?0?{day})(?![\d]|[/.-]\d{{1,2}}\b(?![/.-]))")
    idx = phrase_index(corpus, doc)
    return any(pattern.search(idx.sentences[k].text) for k in idx.candidates(str(day)))
