"""Word-level text helpers shared by the drift comparators: tokens with offsets, spelling keys,
lexicon look-ups (wordfreq; they live in ``auditor.lexicon`` and are re-exported here) and
word-level diff hunks.

Why one module: every comparator must agree on what "the same word" means (case, accents, hyphens,
curly vs straight quotes, US/UK spelling), otherwise one comparator reports what another forgives.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from auditor.lexicon import (  # re-exported: the drift comparators import them from here
    TOKEN_RE,
    WORD_LANGUAGES,
    fold,
    in_wordlist,
    known_anywhere,
    known_word,
    spelling_key,
    spelling_variants,
    strip_accents,
    zipf,
)
from auditor.text import has_han
from auditor.text.hyphens import dash_pieces

__all__ = [
    "WORD_LANGUAGES", "Hunk", "Token", "expand_contractions", "fold", "has_han", "in_wordlist", "known_anywhere",
    "known_word", "spelling_key", "spelling_variants", "strip_accents", "token_texts", "tokens", "word_diff", "zipf",
]

#: a word token (one definition for every stage, see ``auditor.lexicon.TOKEN_RE``)
_TOKEN_RE = TOKEN_RE


class Token(NamedTuple):
    """A word with its character span in the text it was cut from. A named tuple, not a frozen
    dataclass: tokens are made by the million on a long story, and a frozen dataclass's ``__init__``
    cost twice the regex that finds them (same equality and hash: both are the fields' tuple's)."""

    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return fold(self.text)


_new_token = tuple.__new__


@functools.lru_cache(maxsize=32768)
def tokens(text: str) -> tuple[Token, ...]:
    """Word tokens with offsets; punctuation and quote marks are dropped (quote style is noise).
    A hyphen typed as a dash splits the word ("Sweden-and", see ``auditor.text.hyphens``).
    Cached: every comparator tokenises the same sentences."""
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        word, at = m.group(), m.start()
        if "-" in word:
            out.extend(_new_token(Token, (word[s:e], at + s, at + e)) for s, e in dash_pieces(word))
        else:  # no hyphen, one piece: the whole word
            out.append(_new_token(Token, (word, at, m.end())))
    return tuple(out)


def token_texts(text: str) -> list[str]:
    """``[t.text for t in tokens(text)]`` without making the tokens: what the passes over a whole
    document read (its vocabulary, phrase index, names). A long document's sentences do not all fit
    in ``tokens``' memo, so each such pass tokenised every sentence again at full price."""
    out: list[str] = []
    for word in _TOKEN_RE.findall(text):
        if "-" in word:
            out.extend(word[s:e] for s, e in dash_pieces(word))
        else:
            out.append(word)
    return out


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
