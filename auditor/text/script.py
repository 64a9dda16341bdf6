"""Script detection by Unicode script property (the ``regex`` package's ``\\p{Han}``), not by
hand-kept code-point ranges: ranges drift apart between modules and miss the CJK extension blocks.

The class fragments (``HAN``, ``KANA``, ``HANGUL``, ``CJK``) are meant to be embedded in larger
patterns compiled with ``regex``; the compiled tests below answer the common questions.
"""

from __future__ import annotations

import functools

import regex

#: character-class bodies (use inside ``[...]`` of a ``regex`` pattern)
HAN = r"\p{Han}"
KANA = r"\p{Hiragana}\p{Katakana}\u30fc"  # U+30FC the prolonged sound mark is script Common
HANGUL = r"\p{Hangul}"
CJK = HAN + KANA + HANGUL
#: CJK symbols and punctuation plus the half-/full-width forms block (ideographic space, 。，「」 ...)
CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef"

HAN_RE = regex.compile(f"[{HAN}]")
KANA_RE = regex.compile(f"[{KANA}]")
HANGUL_RE = regex.compile(f"[{HANGUL}]")
CJK_RE = regex.compile(f"[{CJK}]")

_SCRIPTS = {"han": HAN_RE, "kana": KANA_RE, "hangul": HANGUL_RE, "cjk": CJK_RE}


def has_han(text: str) -> bool:
    """True when ``text`` holds at least one Chinese character (hanzi/kanji/hanja)."""
    return HAN_RE.search(text) is not None


def is_han(ch: str) -> bool:
    """True when every character of ``ch`` (usually one) is Han script."""
    return bool(ch) and all(HAN_RE.match(c) for c in ch)


def has_cjk(text: str) -> bool:
    """True when ``text`` holds a Han, kana or Hangul character."""
    return CJK_RE.search(text) is not None


def count_script(text: str, script: str) -> int:
    """How many characters of ``text`` are in ``script`` ("han", "kana", "hangul" or "cjk")."""
    return len(_SCRIPTS[script].findall(text))


@functools.lru_cache(maxsize=65536)
def cjk_share(text: str) -> float:
    """Share of the non-space characters that are CJK script (0 for empty text)."""
    chars = [c for c in text if not c.isspace()]
    return sum(1 for c in chars if CJK_RE.match(c)) / len(chars) if chars else 0.0


def is_cjk(text: str, share: float = 0.3) -> bool:
    """True when at least ``share`` of the non-space characters are CJK."""
    return cjk_share(text) >= share if text else False
