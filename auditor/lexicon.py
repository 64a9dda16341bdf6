"""Known-word lexicon: spelling keys and wordfreq look-ups, shared by every stage that asks "is this a
word of the language?" — drift's garble rules (``auditor.drift.text`` re-exports all of this) and the
alignment pivot choice (``auditor.align.many``), which must not import the drift stage.

Kept apart from the drift helpers because it is pure text knowledge (no alignment, no findings): the
alignment stage sits below drift in the pipeline, so both import it from here.
"""

from __future__ import annotations

import array
import bisect
import functools
import math
import re

# re-exported: drift imports them from here
from auditor.text import fold as fold
from auditor.text import strip_accents as strip_accents

#: a word token: letters/digits with inner apostrophes, hyphens or dots ("e-mail", "U.S.", "1.39")
TOKEN_RE = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*", re.UNICODE)

#: languages whose wordfreq lists are word-based (space separated); Chinese/Japanese are not
WORD_LANGUAGES = frozenset({"en", "es", "fr", "de", "it", "pt", "nl"})

#: languages whose spelling capitalises every noun: there a capital says nothing about a name
#: (German; Luxembourgish does too, but wordfreq has no list to tell its nouns by)
NOUN_CAPITALISING = frozenset({"de"})

#: German noun endings undone before a frequency look-up ("Eisbergen" -> "Eisberg")
_NOUN_ENDINGS = ("ern", "en", "er", "es", "e", "n", "s")


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
    (re.compile(r"^(s?m)oul([dt])"), r"\1ol\2"),  # mould/mold, moult/molt, smoulder/smolder
    (re.compile(r"ogramme"), "ogram"),  # kilogramme/kilogram
    (re.compile(r"yse$"), "yze"),  # analyse/analyze (the -ys(e) rule covers inflections)
    (re.compile(r"^gaol"), "jail"),
    (re.compile(r"^grey"), "gray"),
    (re.compile(r"^tyre"), "tire"),
    (re.compile(r"^plough"), "plow"),
)


@functools.lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """The key under which US/UK spelling variants and hyphenation variants coincide."""
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
    # imported here, like every wordfreq use in this module: importing wordfreq costs ~0.1 s, and a
    # warm audit answers nearly every look-up from the cached lexicon blobs (``in_wordlist``)
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang)
    except LookupError:  # a language code wordfreq does not know
        return 0.0


#: a capitalised word this frequent in its noun-capitalising language (or its stem) is a word of it
ORDINARY_NOUN_ZIPF = 2.5
#: ... unless English uses it nearly as often: names travel between languages at similar
#: frequencies ("Berlin" de 5.7 / en 4.4, "Merkel" 4.8 / 3.4, "Hubble"), nouns do not ("Eis" 4.6 /
#: 2.8, "Licht" 5.0 / 2.3, "Künstlerin" 4.1 / 0)
NAME_TRAVELS_MARGIN = 1.5


@functools.lru_cache(maxsize=65536)
def ordinary_noun(word: str, lang: str) -> bool:
    """Is a capitalised word of a noun-capitalising language an ordinary noun rather than a name?
    Only asked where a capital means nothing (``NOUN_CAPITALISING``); elsewhere always False. Names
    shared with English stay names; a cognate common in both ("Meter") stays name-like too."""
    if lang not in NOUN_CAPITALISING or not word[:1].isupper():
        return False
    if len(word) > 1 and word.isupper():
        return False  # an acronym
    low = word.casefold()
    here = max(zipf(stem, lang) for stem in _stems(low, _NOUN_ENDINGS))
    if here < ORDINARY_NOUN_ZIPF:
        return False  # a rare noun ("Habichtsmotte", a coined compound) is a term to compare, as a name is
    return zipf(low, "en") < here - NAME_TRAVELS_MARGIN


def _stems(word: str, endings: tuple[str, ...]) -> list[str]:
    """The word and what is left of it under each ending it carries (at least three letters)."""
    return [word] + [word[: -len(e)] for e in endings if word.endswith(e) and len(word) - len(e) >= 3]


#: suffixes stripped before deciding a word is unknown: inflected forms of rare words are sometimes
#: missing from the frequency list although the stem is there (e.g. a plural of a technical noun)
_SUFFIXES = ("'s", "s", "es", "ed", "ing", "ly", "er", "ers", "ness", "ment", "ments")

#: sibling lexicons checked before calling a word a non-word: rare learned words and loanwords
#: ("informatisation", "neuralgic") usually exist in a sibling European language; MT garbage does not
_SIBLINGS = ("en", "fr", "es", "de", "it", "pt")


def _build_lexicon(lang: str) -> tuple[bytes, bytes]:
    """wordfreq's list for ``lang`` reduced to what ``zipf(word, lang) > 0`` needs for a one-token
    word: the sorted set of tokens whose frequency, rounded as wordfreq rounds it, is above Zipf 0.
    Kept as one newline-joined UTF-8 blob plus an offsets array, so loading it from the cache is a
    memory copy (a frozenset of 300,000 strings costs as much to unmarshal as wordfreq's own list)."""
    from wordfreq import cB_to_freq, get_frequency_list

    index: dict[str, int] = {}
    for i, bucket in enumerate(get_frequency_list(lang, "best")):
        for word in bucket:
            index[word] = i  # a later bucket wins, as in wordfreq.get_frequency_dict

    def above_zero(i: int) -> bool:  # wordfreq._word_frequency's rounding, then zipf_frequency's
        freq = max(cB_to_freq(-i), 1e-9)
        freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
        return round(math.log(freq, 10) + 9, 2) > 0

    keep = {i for i in set(index.values()) if above_zero(i)}
    words = sorted(w.encode("utf-8") for w, i in index.items() if i in keep)
    offsets = array.array("I", [0])
    for w in words:
        offsets.append(offsets[-1] + len(w) + 1)
    return b"\n".join(words) + b"\n", offsets.tobytes()


@functools.cache
def _lexicon(lang: str) -> tuple[bytes, array.array[int]]:
    from auditor.datacache import load_or_build

    def build() -> tuple[bytes, bytes]:
        return _build_lexicon(lang)

    blob, raw = load_or_build(f"lexicon-{lang}", build, depends_on=("wordfreq",))
    offsets = array.array("I")
    offsets.frombytes(raw)
    return blob, offsets


def _in_lexicon(token: str, lang: str) -> bool:
    blob, offsets = _lexicon(lang)
    target = token.encode("utf-8")
    i = bisect.bisect_left(range(len(offsets) - 1), target, key=lambda k: blob[offsets[k] : offsets[k + 1] - 1])
    return i < len(offsets) - 1 and blob[offsets[i] : offsets[i + 1] - 1] == target


@functools.lru_cache(maxsize=65536)
def in_wordlist(word: str, lang: str) -> bool:
    """``zipf(word, lang) > 0`` without loading wordfreq's list: a one-token word (nearly every
    case) is looked up in the cached lexicon; anything else (several tokens, digits, whose
    combined frequency needs the real list) is asked of wordfreq itself, so answers are identical."""
    if lang not in WORD_LANGUAGES:
        return False
    from wordfreq.numbers import smash_numbers
    from wordfreq.tokens import lossy_tokenize

    try:
        toks = lossy_tokenize(word, lang)
    except LookupError:
        return zipf(word, lang) > 0
    if len(toks) != 1 or smash_numbers(toks[0]) != toks[0]:
        return zipf(word, lang) > 0
    return _in_lexicon(toks[0], lang)


@functools.lru_cache(maxsize=65536)
def known_word(word: str, lang: str) -> bool:
    """Is ``word`` (any case) a word of ``lang``, allowing inflection, US/UK spelling and hyphens?"""
    w = strip_accents(word).casefold() if lang == "en" else word.casefold()
    if in_wordlist(w, lang) or in_wordlist(spelling_key(w), lang):
        return True
    if "-" in w:
        return all(known_word(part, lang) for part in w.split("-") if part)
    return any(in_wordlist(stem, lang) for stem in _stems(w, _SUFFIXES)[1:])


def known_anywhere(word: str) -> bool:
    """A word of any of the sibling lexicons (loanwords, learned words)."""
    return any(known_word(word, lang) for lang in _SIBLINGS)


#: shortest token judged as a possible non-word: 1-3 letter tokens are abbreviations, particles
#: and OCR/markup fragments far more often than garbled words
MIN_NONWORD_LEN = 4


@functools.lru_cache(maxsize=65536)
def is_nonword(word: str, lang: str) -> bool:
    """A lowercase word no shipped lexicon knows (see ``auditor.drift.garble``, G001): not in
    ``lang`` after inflection, US/UK spelling and hyphenation are undone, nor in a sibling European
    lexicon. Capitalised words, acronyms and tokens with digits are names, codes or product models, and
    never count; neither do languages wordfreq cannot split on spaces. Remembered: the pivot choice
    and the garble checks ask it of every word of every version, and a folder repeats its words."""
    if lang not in WORD_LANGUAGES:
        return False
    if len(word) < MIN_NONWORD_LEN or not word[:1].islower() or any(ch.isdigit() for ch in word):
        return False
    if not all(part.isalpha() for part in word.replace("’", "'").replace("'", "-").split("-") if part):
        return False
    return not known_word(word, lang) and not known_anywhere(word)
