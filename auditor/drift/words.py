"""The word layer shared by the two word-level drift rules (substitutions, unattested names): each
aligned unit's versions read once as words marked name-like, number or neither, their comparison
keys, and the tests for a name's other forms (adjective, acronym, spelled-out expansion, a longer
official name it sits in).

Why one layer: a swapped name and a made-up name are both read off the same words, and the two
rules must agree on what counts as a name and when two forms are the same name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from auditor.drift.text import Token, fold, has_han, token_texts, tokens, zipf
from auditor.drift.units import Corpus, Unit
from auditor.extract.gazetteer import common_noun
from auditor.lexicon import NOUN_CAPITALISING
from auditor.model import Document
from auditor.text import base_language
from auditor.text.titlecase import is_title_case

#: a sentence-initial capitalised word the story never capitalises mid-sentence is a name only when
#: rarer than this Zipf frequency ("Tarragona" 2.6, "Hefei" 2.0), not an ordinary word capitalised by
#: position ("Analysts" 3.8, "Officials" 4.7); frequent names are caught where they stand mid-sentence
INITIAL_NAME_ZIPF = 3.0
#: a capitalised word this frequent as a word is not read as a name anywhere ("I'm" 6.2, "You"
#: 7.0); country names stay below it ("China" 5.1, "American" 5.5 is the edge)
COMMON_CAPITALISED_ZIPF = 5.5
#: names this frequent as words on both sides of a swap are well known ("UK" and "British", "US"
#: and "American"): translators pick between them freely, so this route leaves them alone
WELL_KNOWN_ZIPF = 4.5
#: a word rarer than this is no common way of saying something else (3 per billion words is 3.0):
#: a name in its own right ("Xiangtan", "Tianshan")
RARE_NAME_ZIPF = 3.0

_POSSESSIVE = re.compile(r"['’]s$", re.I)
ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th|º|ª|°)$", re.I)
#: derivational endings that turn a place name into its adjective or people ("China" → "Chinese",
#: "Italy" → "Italian", "Kenya" → "Kenyan", "Israel" → "Israeli", "Spain"/"Spanish" via the stem)
_DERIVED_ENDINGS = ("n", "an", "ian", "ean", "ese", "ish", "i", "ic", "ans", "ians", "eans", "ns", "s")
#: endings of a place's adjective or people after an irregular stem (see ``derived_form``)
_ADJECTIVE_ENDINGS = ("ish", "ian", "ese", "ean", "ic")
#: in a Title Case headline a capitalised word counts as a name only when rarer than this
TITLECASE_NAME_ZIPF = 2.5


@dataclass(frozen=True)
class Tok:
    """A word of one version's unit text, with its document offsets and sentence."""

    text: str
    start: int
    end: int
    sentence: int
    kind: str  # "name" | "number" | ""


@lru_cache(maxsize=1 << 16)  # asked for every word of every unit, and words repeat
def word_key(text: str) -> str:
    """Comparison key: case/accent folded, possessive and ordinal endings and acronym dots dropped
    ("Peru's" = "Peru", "U.S." = "US", "23rd" = "23"); of a hyphenated word with a capitalised
    head only the capitalised parts count ("Asia-focused" = "Asia-centric" = "Asia")."""
    text = ORDINAL.sub("", _POSSESSIVE.sub("", text))
    parts = re.split(r"[-‐]", text)
    caps = [p for p in parts if p[:1].isupper()]
    if caps and len(caps) < len(parts):
        text = "-".join(caps)
    return fold(text.replace(".", ""))


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, frozenset[str]]:
    """Word -> the words it is also written as inside a name: standard abbreviations ("St." /
    "Saint") and a region type's local word and English rendering ("Oblast" / "Region")."""
    from auditor.text._data import load_toml

    table = load_toml("entity_words.toml")
    out: dict[str, set[str]] = {}
    for key in ("name_abbreviations", "division_terms"):
        for word, forms in table[key].items():
            out.setdefault(word, set()).update(forms)
    return {k: frozenset(v) for k, v in out.items()}


def abbreviated_word(a: str, b: str) -> bool:
    """Is one word of a name the other's standard abbreviation ("St." / "Saint", "Mt" / "Mount"), or
    its standard rendering ("Oblast" / "Region")?"""
    ka, kb = word_key(a), word_key(b)
    table = _abbreviations()
    return kb in table.get(ka, ()) or ka in table.get(kb, ())


def derived_among(word: str, others: Iterable[str]) -> bool:
    """Is one of ``others`` the word's adjective or demonym ("Belgian" among a sentence's words for
    "Belgium")? Only words sharing its first three letters are tried."""
    key = word_key(word)
    return any(word_key(o)[:3] == key[:3] and derived_form(key, o) for o in others)


def derived_form(a: str, b: str) -> bool:
    """Is one word the other's adjective or demonym ("China"/"Chinese", "Italy"/"Italian")?"""
    ka, kb = sorted((word_key(a), word_key(b)), key=len)
    # the stem drops a final vowel ("Kenya"/"Kenyan" keeps it) or a Latin "-um" ("Belgium"/"Belgian");
    # two words of one length are tried both ways round
    for x, y in ((ka, kb), (kb, ka)) if len(ka) == len(kb) else ((ka, kb),):
        for stem in {x, x[:-1] if x[-1:] in "aeiouy" else x, x[:-2] if x.endswith("um") else x}:
            if len(stem) >= 3 and y.startswith(stem) and y[len(stem):] in _DERIVED_ENDINGS:
                return True
    # a "-land" country and its people ("Finland"/"Finnish", "Scotland"/"Scottish", "Ireland"/"Irish")
    for x, y in ((ka, kb), (kb, ka)):
        stem = x[:-4].rstrip("e")
        if x.endswith("land") and len(stem) >= 2 and y.startswith(stem) and y.endswith("ish") \
                and len(y) - len(stem) <= 5:
            return True
    # irregular stems share a head and one side ends in an adjective suffix after at most two
    # linking letters ("Poland"/"Polish", "Sweden"/"Swedish", "Norway"/"Norwegian"), where
    # "Paris"/"Parish" and "Austria"/"Australia" do not
    head = len(os.path.commonprefix([ka, kb]))
    if head < 3 or 2 * head < len(ka):
        return False
    return any(len(tail) - len(end) <= 2 and tail.endswith(end)
               for tail in (ka[head:], kb[head:]) for end in _ADJECTIVE_ENDINGS)


def salience(word: str, initial: bool, titlecase: bool, lang: str, names: frozenset[str]) -> str:
    if any(c.isdigit() for c in word):
        return "number"
    if not word[:1].isupper() or has_han(word):
        return ""
    if len(word) >= 2 and word.replace(".", "").isupper():
        return "name"  # acronym: NATO, U.S., BYD
    if lang in NOUN_CAPITALISING and common_noun(_POSSESSIVE.sub("", word), lang):
        return ""  # German capitalises every noun: "Eis", "Licht" are no names
    plain = word.casefold().replace("’", "'")
    if word == "I" or zipf(plain, lang) >= COMMON_CAPITALISED_ZIPF or (
            "'" in plain and not _POSSESSIVE.search(word) and zipf(plain.split("'")[0], lang) >= COMMON_CAPITALISED_ZIPF):
        return ""  # "I'm", "We've", "You" after a semicolon: capitalised, yet ordinary words
    if initial or titlecase:
        # capitalised by position: a name when the story capitalises it mid-sentence elsewhere
        # or when it is too rare to be an ordinary word ("Analysts" 3.8 is not, "Hefei" 2.0 is)
        if word_key(word) not in names and zipf(fold(_POSSESSIVE.sub("", word)), lang) >= INITIAL_NAME_ZIPF:
            return ""
    return "name" if len(word) > 1 else ""


def story_names(doc: Document) -> frozenset[str]:
    """Keys of words a document capitalises mid-sentence (outside Title Case lines): its names."""
    out: set[str] = set()
    lang = doc.language or "en"
    for s in doc.sentences:
        if s.boilerplate:
            continue
        words = token_texts(s.text)
        if is_title_case(words):
            continue
        if _OPENS_CLAUSE.search(s.text):  # a colon or quote capitalises the next word by position
            toks = tokens(s.text)
            words = [t.text for i, t in enumerate(toks) if not _opens(s.text, toks, i)]
        else:
            words = words[1:]
        out.update(word_key(w) for w in words
                   if w[:1].isupper() and zipf(word_key(w), lang) < FUNCTION_ZIPF and not common_noun(w, lang))
    return frozenset(out)


def unit_tokens(corpus: Corpus, unit: Unit, doc: str, lang: str, names: frozenset[str] = frozenset()) -> list[Tok]:
    """The words of ``doc``'s sentences in ``unit``, each marked name-like, number or neither."""
    out: list[Tok] = []
    for s in corpus.unit_sentences(unit, doc):
        if s.boilerplate:
            continue
        for text, start, kind, key in _marked_words(s.text, lang):
            if key is not None and key in names:
                kind = "name"
            out.append(Tok(text, s.start + start, s.start + start + len(text), s.index, kind))
    return out


#: what capitalises the next word by position as a sentence start does: a colon ("Fire in Nantes:
#: Diocese volunteers ..."), an opening quote or bracket
_OPENS_CLAUSE = re.compile(r"[:“\"‘(\[]")


def _opens(text: str, toks: Sequence[Token], i: int) -> bool:
    """Is token ``i`` capitalised by its position (sentence start, after a colon, quote or bracket)?"""
    return i == 0 or bool(_OPENS_CLAUSE.search(text, toks[i - 1].end, toks[i].start))


@lru_cache(maxsize=256)
def _marked_words(text: str, lang: str) -> tuple[tuple[str, int, str, str | None], ...]:
    """(word, offset, salience without the story's names, the word's key when being one of them
    makes it a name) of one sentence, remembered for the next version of the unit, which mostly
    repeats the sentence: salience reads the names only as "is this word's key among them"."""
    out = []
    toks = tokens(text)
    titlecase = is_title_case([t.text for t in toks])
    for i, t in enumerate(toks):
        opens = _opens(text, toks, i)
        for word, start in _parts(t.text, t.start):
            initial = opens and start == t.start
            kind = salience(word, initial, titlecase, lang, frozenset())
            key = None
            if not kind and (initial or titlecase):
                key = word_key(word)
                if salience(word, initial, titlecase, lang, frozenset((key,))) != "name":
                    key = None
            out.append((word, start, kind, key))
    return tuple(out)


def _parts(word: str, start: int) -> list[tuple[str, int]]:
    """A hyphenated word joining a number and a word ("hole-30", "8-foot") is read as its parts,
    so the number is compared as a number; other words stay whole ("start-up", "Jean-Luc")."""
    if "-" not in word or not any(c.isdigit() for c in word):
        return [(word, start)]
    out, pos = [], start
    for part in word.split("-"):
        if part:
            out.append((part, pos))
        pos += len(part) + 1
    return out


#: a word at least this frequent (wordfreq Zipf) is a function word ("the" 7.7, "of" 7.4, "its"
#: 6.3), not the content word a name was replaced by ("moth" 3.4, "image" 5.0)
FUNCTION_ZIPF = 6.0


def content_word(t: Tok, lang: str) -> bool:
    word = t.text.replace("-", "").replace("'", "").replace("’", "")
    return not t.kind and len(word) >= 3 and word.isalpha() and zipf(fold(word), lang) < FUNCTION_ZIPF


def span_text(corpus: Corpus, doc: str, toks: Sequence[Tok]) -> str:
    return corpus.docs[doc].text[toks[0].start:toks[-1].end]


def abbreviates(acronym: str, text: str) -> bool:
    """Is ``acronym`` (all capitals) an abbreviation of ``text``: its words' initials, or for one
    word its first letter and then its other letters in order ("UV" in "ultraviolet")?"""
    from auditor.extract.entities import acronym_matches

    letters = acronym.replace(".", "")
    if len(letters) < 2 or not letters.isupper() or text.replace(".", "").isupper():
        return False
    if acronym_matches(letters, text):
        return True
    word = fold(text)
    if " " in text.strip() or not word.startswith(letters[0].lower()):
        return False
    rest = iter(word[1:])
    return all(ch in rest for ch in letters[1:].lower())


def locate(words: Sequence[Tok], reading: tuple[str, ...]) -> tuple[Tok, ...]:
    """The words of a version that carry ``reading`` (its keys in order, within one sentence)."""
    keys = [word_key(t.text) for t in words]
    for i, k in enumerate(keys):
        if k != reading[0]:
            continue
        j, found = i, [words[i]]
        for want in reading[1:]:
            j = next((x for x in range(j + 1, len(keys)) if keys[x] == want
                      and words[x].sentence == words[i].sentence), -1)
            if j < 0:
                break
            found.append(words[j])
        else:
            return tuple(found)
    return ()


def holds(keys: AbstractSet[str], reading: tuple[str, ...]) -> bool:
    return bool(reading) and all(k in keys for k in reading)


@dataclass(frozen=True)
class WordUnit:
    """One aligned unit's same-language versions, read as words once for both word-level rules."""

    unit: Unit
    lang: str
    docs: tuple[str, ...]
    words: Mapping[str, list[Tok]]
    keys: Mapping[str, frozenset[str]]


def word_units(corpus: Corpus) -> Iterator[WordUnit]:
    """Every unit's versions grouped by language (two or more per group), as marked words: what the
    substitution and unattested-name rules both read. One unit at a time, so a long story's words
    are never all held at once (a 100,000-sentence pair's tokens alone are hundreds of MB)."""
    known = frozenset().union(*(story_names(doc) for doc in corpus.docs.values()))
    for unit in corpus.units:
        by_lang: dict[str, list[str]] = {}
        for d in unit.docs:
            if not corpus.is_version(d):
                continue
            lang = base_language(corpus.unit_language(unit, d))
            if lang in ("zh", "ja", "ko", "und"):
                continue  # word diffs need space-separated words; Han names are the name rules' job
            by_lang.setdefault(lang, []).append(d)
        for lang, docs in by_lang.items():
            if len(docs) >= 2:
                words = {d: unit_tokens(corpus, unit, d, lang, known) for d in docs}
                keys = {d: frozenset(word_key(t.text) for t in words[d]) for d in docs}
                yield WordUnit(unit, lang, tuple(docs), words, keys)


def spelled_out(acronym: str, others: Iterable[Sequence[Tok]]) -> bool:
    """Does another version write the acronym out ("UV" where the rest say "ultraviolet", "NASA"
    where they say "National Aeronautics and Space Administration")?"""
    letters = acronym.replace(".", "")
    if len(letters) < 2 or not letters.isupper():
        return False
    return any(writes_out(acronym, [t.text for t in words], 2 * len(letters)) for words in others)


def writes_out(acronym: str, words: Sequence[str], max_words: int) -> bool:
    """Does a run of at most ``max_words`` consecutive ``words`` abbreviate to ``acronym``?"""
    return any(abbreviates(acronym, " ".join(words[i:i + n]))
               for n in range(1, max_words + 1) for i in range(len(words) - n + 1))


def abbreviated_elsewhere(words: Sequence[Tok], i: int, others: Iterable[Sequence[Tok]]) -> bool:
    """Is word ``i`` part of a spelled-out name whose acronym another version uses instead
    ("National Aeronautics and Space Administration" where the rest say "NASA")?"""
    acronyms = {t.text for ws in others for t in ws if len(t.text) >= 2 and t.text.replace(".", "").isupper()}
    for acronym in acronyms:
        span = 2 * len(acronym.replace(".", ""))
        for j in range(max(0, i - span), i + 1):
            for n in range(i - j + 1, span + 1):
                if j + n <= len(words) and abbreviates(acronym, " ".join(t.text for t in words[j:j + n])):
                    return True
    return False


#: words that join the parts of one proper name ("Ministry of Commerce", "Bank for International
#: Settlements", "Gulf of Mexico")
_NAME_JOINERS = frozenset({"of", "for", "and", "the", "on", "de", "del", "la", "du", "des", "von", "van"})


def inside_name(words: Sequence[Tok], toks: Sequence[Tok], text: str) -> bool:
    """Do these words end a longer capitalised name ("Ministry of [Commerce]", "Hudson [Street]")?
    The name's head words must stand right before them in the text, separated only by spaces or
    joining words; a possessive ("UK's Office") or punctuation ("Donne (British") breaks the name.
    Common words at the end of an official name are not a free wording choice; a leading modifier
    ("UK" / "British" Office) still is."""
    if not toks or toks[0] not in words:
        return False
    i = words.index(toks[0]) - 1
    nxt = toks[0]
    while i >= 0 and words[i].sentence == nxt.sentence:
        w = words[i]
        if text[w.end:nxt.start].strip() or w.text.endswith(("'s", "’s")):
            return False
        if w.kind == "name" or (w.text[:1].isupper() and i > 0 and words[i - 1].sentence == w.sentence):
            return True
        if w.text.lower() not in _NAME_JOINERS:
            return False
        nxt, i = w, i - 1
    return False


def acronym_pair(words_a: Sequence[Tok], toks_a: Sequence[Tok], words_b: Sequence[Tok],
                  toks_b: Sequence[Tok]) -> bool:
    """Is one side an acronym the other side's words (with their neighbours: the hunk may have
    left "National" outside) spell out?"""
    for acr, words, toks in ((toks_a, words_b, toks_b), (toks_b, words_a, toks_a)):
        if sum(t.kind == "name" for t in acr) == 1 and toks and toks[0] in words:
            at = words.index(toks[0])  # any word of the hunk: "under [ultraviolet]" against "UV"
            if any(abbreviated_elsewhere(words, at + k, [acr]) for k in range(len(toks))):
                return True
    return False


def part_keys(words: Sequence[Tok]) -> frozenset[str]:
    """Keys of a version's words and of their hyphenated parts ("Socio-Economic" also holds "Socio")."""
    out = {word_key(t.text) for t in words}
    out.update(word_key(p) for t in words if "-" in t.text for p in t.text.split("-") if p)
    return frozenset(out)
