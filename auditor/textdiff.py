"""Word-level differences between two versions of a sentence, for people to read.

``word_opcodes(a, b) -> list[WordOp]``: difflib opcodes computed on word tokens, reported as
*character* spans of ``a`` and ``b`` so a caller can highlight, quote or link them directly. The
report formats and ``auditor align`` turn them into marked segments (``auditor.report.highlight``)
and those into terminal text (``auditor.report.rich_parts.segments_text``).

Tokens are words (letters/digits with inner apostrophes, hyphens, dots and commas, so "US$139",
"1.39", "head-to-head" stay whole), single punctuation marks, and single CJK characters (Chinese
has no spaces, and a character is the unit an editor compares). Tokens are compared after
unifying typographic variants (curly vs straight quotes, dash kinds, NFKC width forms): an MT copy
that swaps ’ for ' has not changed a word. Case is kept: "Premier" -> "premier" is a change.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

import regex

from auditor.text import CJK

Tag = Literal["equal", "replace", "delete", "insert"]

_CJK_RANGES = CJK
_WORD_CHAR = f"[^\\W_{_CJK_RANGES}]"
_TOKEN = regex.compile(
    f"[{_CJK_RANGES}]"  # one CJK character
    f"|{_WORD_CHAR}(?:{_WORD_CHAR}|['’\\-.,$%](?={_WORD_CHAR}))*"  # a word, keeping inner ' - . , $ %
    r"|\S",  # any other single visible character
    re.UNICODE,
)
_CJK_CHAR = regex.compile(f"[{_CJK_RANGES}]")
_VARIANTS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                           "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


@dataclass(frozen=True)
class WordOp:
    """One opcode: ``a[a_start:a_end]`` becomes ``b[b_start:b_end]`` (character offsets)."""

    tag: Tag
    a_start: int
    a_end: int
    b_start: int
    b_end: int


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of ``text`` (see module docstring)."""
    return [m.span() for m in _TOKEN.finditer(text)]


def _key(token: str) -> str:
    return unicodedata.normalize("NFKC", token).translate(_VARIANTS)


def word_opcodes(a: str, b: str) -> list[WordOp]:
    """difflib opcodes over word tokens, as character spans; they cover both texts' tokens in order.

    A span runs from the first to the last token of the run, so whitespace between tokens of one
    run is inside it and whitespace between runs is in neither.
    """
    sa, sb = word_spans(a), word_spans(b)
    ka = [_key(a[s:e]) for s, e in sa]
    kb = [_key(b[s:e]) for s, e in sb]
    ops: list[WordOp] = []
    # autojunk off: on sentence-length inputs the popularity heuristic only hides real matches
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        a0 = sa[i1][0] if i1 < i2 else (sa[i1][0] if i1 < len(sa) else len(a))
        a1 = sa[i2 - 1][1] if i1 < i2 else a0
        b0 = sb[j1][0] if j1 < j2 else (sb[j1][0] if j1 < len(sb) else len(b))
        b1 = sb[j2 - 1][1] if j1 < j2 else b0
        ops.append(WordOp(tag, a0, a1, b0, b1))
    return ops


def similarity(a: str, b: str) -> float:
    """Share of tokens the two texts have in common, in order (difflib ratio over word tokens)."""
    ka = [_key(a[s:e]) for s, e in word_spans(a)]
    kb = [_key(b[s:e]) for s, e in word_spans(b)]
    if not ka and not kb:
        return 1.0
    return difflib.SequenceMatcher(None, ka, kb, autojunk=False).ratio()


def is_cjk(text: str, share: float = 0.3) -> bool:
    """True when at least ``share`` of the non-space characters are CJK (a word diff against a
    Latin-script text would then mark everything, which says nothing)."""
    chars = [c for c in text if not c.isspace()]
    return bool(chars) and sum(1 for c in chars if _CJK_CHAR.match(c)) / len(chars) >= share
