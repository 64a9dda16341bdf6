"""Word-level text helpers shared by the drift comparators: tokens with offsets, spelling keys,
lexicon look-ups (wordfreq) and word-level diff hunks.

Why one module: every comparator must agree on what "the same word" means (case, accents, hyphens,
curly vs straight quotes, US/UK spelling), otherwise one comparator reports what another forgives.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

from wordfreq import zipf_frequency

#: a word token: letters/digits with inner apostrophes, hyphens or dots ("start-ups", "U.S.", "1.39")
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*", re.UNICODE)
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

#: languages whose wordfreq lists are word-based (space separated); Chinese/Japanese are not
WORD_LANGUAGES = frozenset({"en", "es", "fr", "de", "it", "pt", "nl"})


@dataclass(frozen=True)
class Token:
    """A word with its character span in the text it was cut from."""

    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return fold(self.text)


@functools.lru_cache(maxsize=32768)
def tokens(text: str) -> tuple[Token, ...]:
    """Word tokens with offsets; punctuation and quote marks are dropped (quote style is noise).
    Cached: every comparator tokenises the same sentences."""
    return tuple(Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text))


def has_han(text: str) -> bool:
    return bool(_HAN_RE.search(text))


@functools.lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case-, accent- and apostrophe-insensitive key; hyphens removed ("start-ups" = "startups")."""
    w = strip_accents(word).casefold().replace("’", "'")
    return w.replace("-", "").replace("'", "")


# UK -> US spelling rules. Applied to BOTH words of a pair, so an over-eager rule only ever makes two
# words look alike that already were near-identical; they never turn a real difference into noise
# because the pair must also be within a small edit distance (see ``spelling_variants``).
_UK_US = (
    (re.compile(r"is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ence(s)?$"), r"ense\1"),  # defence/defense, licence/license
    (re.compile(r"programme(s)?$"), r"program\1"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),  # travelled/traveled
    (re.compile(r"ae"), "e"),  # paediatric/pediatric
    (re.compile(r"oe"), "e"),  # manoeuvre/maneuver
)


@functools.lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """A key under which US/UK spelling variants and hyphenation variants coincide."""
    w = fold(word)
    for pattern, repl in _UK_US:
        w = pattern.sub(repl, w)
    return w


def spelling_variants(a: str, b: str) -> bool:
    """True when two words differ only by case, accents, hyphenation or US/UK spelling."""
    return spelling_key(a) == spelling_key(b)


@functools.lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float:
    """wordfreq Zipf frequency (0 = not in the list); 0 for languages wordfreq cannot split on spaces."""
    if lang not in WORD_LANGUAGES:
        return 0.0
    try:
        return zipf_frequency(word, lang)
    except LookupError:  # a language code wordfreq does not know
        return 0.0


#: suffixes stripped before deciding a word is unknown: inflected forms of rare words are sometimes
#: missing from the frequency list although the stem is there (e.g. a plural of a technical noun)
_SUFFIXES = ("'s", "s", "es", "ed", "ing", "ly", "er", "ers", "ness", "ment", "ments")

#: sibling lexicons checked before calling a word a non-word: rare learned words and loanwords
#: ("informatisation", "neuralgic") usually exist in a sibling European language; MT garbage does not
_SIBLINGS = ("en", "fr", "es", "de", "it", "pt")


@functools.lru_cache(maxsize=65536)
def known_word(word: str, lang: str) -> bool:
    """Is ``word`` (any case) a word of ``lang``, allowing inflection, US/UK spelling and hyphens?"""
    w = strip_accents(word).casefold() if lang == "en" else word.casefold()
    if zipf(w, lang) > 0 or zipf(spelling_key(w), lang) > 0:
        return True
    if "-" in w:
        return all(known_word(part, lang) for part in w.split("-") if part)
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and zipf(w[: -len(suffix)], lang) > 0:
            return True
    return False


def known_anywhere(word: str) -> bool:
    """A word of any of the sibling lexicons (loanwords, learned words)."""
    return any(known_word(word, lang) for lang in _SIBLINGS)


@dataclass(frozen=True)
class Hunk:
    """One word-level difference between two token lists: ``a[i1:i2]`` was replaced by ``b[j1:j2]``."""

    tag: str  # "replace" | "delete" | "insert"
    a: tuple[Token, ...]
    b: tuple[Token, ...]


def word_diff(a: Sequence[Token], b: Sequence[Token]) -> tuple[float, list[Hunk]]:
    """Diff two token lists on spelling keys; returns (share of tokens that match, hunks).

    Spelling keys make US/UK spelling, case and hyphenation invisible to the diff, so they never
    surface as hunks.
    """
    ka = [spelling_key(t.text) for t in a]
    kb = [spelling_key(t.text) for t in b]
    matcher = difflib.SequenceMatcher(a=ka, b=kb, autojunk=False)
    hunks: list[Hunk] = []
    same = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same += i2 - i1
        else:
            hunks.append(Hunk(tag, tuple(a[i1:i2]), tuple(b[j1:j2])))
    total = max(len(a), len(b)) or 1
    return same / total, hunks


_CONTRACTIONS = (
    (re.compile(r"\b(can)['’]t\b", re.I), r"\1 not"),
    (re.compile(r"\bwon['’]t\b", re.I), "will not"),
    (re.compile(r"\bshan['’]t\b", re.I), "shall not"),
    (re.compile(r"n['’]t\b", re.I), " not"),
    (re.compile(r"['’]re\b", re.I), " are"),
    (re.compile(r"['’]ve\b", re.I), " have"),
    (re.compile(r"['’]ll\b", re.I), " will"),
    (re.compile(r"\bI['’]m\b"), "I am"),
    (re.compile(r"\b(it|that|what|there|here|he|she)['’]s\b", re.I), r"\1 is"),
)


def expand_contractions(text: str) -> str:
    """English contractions spelled out ("isn't" = "is not", "won't" = "will not"): quoting a
    speaker with or without contractions keeps their words."""
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    return text
