"""Small text helpers shared by the extractors.

The key trick is :func:`fold`: a *same-length* character mapping (full-width digits and signs to ASCII,
exotic spaces to a plain space) applied before matching, so every regex offset found in the folded
string is also a valid offset into the original sentence. Nothing here changes string length.
"""

from __future__ import annotations

import re
import unicodedata

# Full-width ASCII block U+FF01..U+FF5E maps 1:1 onto U+0021..U+007E; ideographic space and the
# no-break / thin spaces become a plain space. Every mapping is one char -> one char (offsets kept).
_FOLD_TABLE: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_FOLD_TABLE.update({0x3000: " ", 0x00A0: " ", 0x202F: " ", 0x2009: " ", 0x2007: " ", 0x200A: " "})
# Chinese full stop inside numbers ("1．39") is handled by the full-width block above; the ideographic
# comma "，" must NOT become ",", or "10亿，600万" would read as one number.
_FOLD_TABLE.pop(0xFF0C)


def fold(text: str) -> str:
    """Same-length normalisation for matching (offsets into the result are offsets into ``text``)."""
    return text.translate(_FOLD_TABLE)


_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_han(text: str) -> bool:
    """True when ``text`` contains at least one CJK ideograph."""
    return _HAN_RE.search(text) is not None


_POSSESSIVE_RE = re.compile(r"['’]s?$")
_PUNCT_RE = re.compile(r"[^\w\s]+")
_SPACE_RE = re.compile(r"\s+")


def name_key(text: str) -> str:
    """Comparable key for a name: NFKC, casefolded, possessive and punctuation stripped, spaces collapsed.

    Accents are kept (``José`` and ``Jose`` differ in key) because the drift stage wants to see such
    spelling changes; it can fold accents itself when it decides they are noise.
    """
    t = unicodedata.normalize("NFKC", text).strip()
    t = _POSSESSIVE_RE.sub("", t)
    t = _PUNCT_RE.sub(" ", t.casefold())
    return _SPACE_RE.sub(" ", t).strip()


def lang_base(language: str | None) -> str:
    """'zh-Hans' -> 'zh', 'und'/None -> ''."""
    if not language or language == "und":
        return ""
    return language.split("-")[0].split("_")[0].lower()
