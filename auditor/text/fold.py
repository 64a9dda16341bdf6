"""Case, accent and width folding. Two kinds, kept apart on purpose:

* :func:`width_fold` is *same-length* (full-width digits/signs to ASCII, exotic spaces to a space), so
  regex offsets found in the folded string are offsets into the original — the extractors need that;
* :func:`fold`, :func:`strip_accents` and :func:`name_key` build comparison keys and may change length.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Full-width ASCII block U+FF01..U+FF5E maps 1:1 onto U+0021..U+007E; ideographic space and the
# no-break / thin spaces become a plain space. Every mapping is one char -> one char (offsets kept).
_WIDTH_TABLE: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({0x3000: " ", 0x00A0: " ", 0x202F: " ", 0x2009: " ", 0x2007: " ", 0x200A: " "})
# Chinese full stop inside numbers ("1．39") is handled by the full-width block above; the ideographic
# comma "，" must NOT become ",", or "10亿，600万" would read as one number.
_WIDTH_TABLE.pop(0xFF0C)


def width_fold(text: str) -> str:
    """Same-length normalisation for matching (offsets into the result are offsets into ``text``)."""
    return text.translate(_WIDTH_TABLE)


@functools.lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    """``text`` without combining marks (NFKD, so "é" -> "e", "ǔ" -> "u", "ﬁ" -> "fi")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case-, accent- and apostrophe-insensitive key; hyphens removed ("e-mail" = "email")."""
    w = strip_accents(word).casefold().replace("’", "'")
    return w.replace("-", "").replace("'", "")


def nfkc_casefold(text: str) -> str:
    """Compatibility-normalised, casefolded text (full-width letters, ligatures and case folded;
    accents kept): the base of every comparison key that must still see a changed accent."""
    return unicodedata.normalize("NFKC", text).casefold()


_POSSESSIVE_RE = re.compile(r"['’]s?$")
_PUNCT_RE = re.compile(r"[^\w\s]+")
_SPACE_RE = re.compile(r"\s+")


def name_key(text: str) -> str:
    """Comparable key for a name: NFKC, casefolded, possessive and punctuation stripped, spaces collapsed.

    Accents are kept (``José`` and ``Jose`` differ in key) because the drift stage wants to see such
    spelling changes; it folds accents itself (:func:`fold`) when it decides they are noise.
    """
    t = _POSSESSIVE_RE.sub("", nfkc_casefold(text).strip())
    t = _PUNCT_RE.sub(" ", t)
    return _SPACE_RE.sub(" ", t).strip()
