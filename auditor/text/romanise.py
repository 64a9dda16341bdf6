"""Chinese-name romanisation (pypinyin), one implementation for extraction and drift.

A Chinese personal name is read as surname + given name: the surname with its *surname* reading
(曾 is "Zeng" in a name, "ceng" elsewhere; 单 is "Shan", not "dan") and its length known (欧阳 is
one surname), the given name as one word. Extraction shows this form ("Zeng Guofan") and the drift
comparator matches on it, so a Han name and its romanisation can only agree or disagree once.
"""

from __future__ import annotations

import functools
from typing import Any

from auditor.text._data import load_toml
from auditor.text.fold import strip_accents
from auditor.text.script import has_han, is_han


@functools.lru_cache(maxsize=1)
def _surnames() -> dict[str, Any]:
    return load_toml("zh_surnames.toml")


#: two-character surnames: pypinyin cannot tell a surname's length, and splitting 欧阳娜娜 as
#: 欧 + 阳娜娜 would make "Ouyang Nana" look like a different name
ZH_COMPOUND_SURNAMES: frozenset[str] = frozenset(_surnames()["compound"])
#: frequent single-character surnames (where a name may start; see the data file for what is left out)
ZH_SURNAMES: frozenset[str] = frozenset("".join(_surnames()["single"]))
_READINGS: dict[str, str] = dict(_surnames()["readings"])


def _pinyin(text: str) -> list[str]:
    # imported here: pypinyin loads its phrase dictionary at import (~0.2 s), wasted on Latin-only input
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="default")


def split_han_name(han: str) -> tuple[str, str]:
    """(surname, given name) of a Chinese name in characters; a compound surname counts only when a
    given name follows it."""
    cut = 2 if len(han) > 2 and han[:2] in ZH_COMPOUND_SURNAMES else 1
    return han[:cut], han[cut:]


@functools.lru_cache(maxsize=65536)
def han_name_parts(han: str) -> tuple[str, str]:
    """Lowercase toneless pinyin (surname, given name) of a Chinese name: 曾国藩 -> ("zeng", "guofan")."""
    sur, given = split_han_name(han)
    sur_py = _READINGS.get(sur) or "".join(_pinyin(sur))
    return strip_accents(sur_py), strip_accents("".join(_pinyin(given)))


@functools.lru_cache(maxsize=65536)
def char_pinyin(ch: str, *, surname: bool = False) -> str:
    """Toneless pinyin of one character (its surname reading when ``surname``)."""
    if surname and ch in _READINGS:
        return _READINGS[ch]
    return strip_accents("".join(_pinyin(ch)))


def romanise(text: str) -> str:
    """Romanise Han text with pypinyin.

    A 2-4 character string is read as a Chinese personal name: surname (compound surnames and
    surname-only readings handled) then the given name as one word, both capitalised:
    "欧阳娜娜" -> "Ouyang Nana", "曾国藩" -> "Zeng Guofan". Longer text becomes space-separated
    syllables. Text without Han characters is returned as it is.
    """
    t = text.strip()
    if not has_han(t):
        return t
    if 2 <= len(t) <= 4 and is_han(t):
        sur, given = han_name_parts(t)
        return f"{sur.capitalize()} {given.capitalize()}".strip()
    return " ".join(p for p in _pinyin(t) if p.strip())


@functools.lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable, built once from pypinyin's character dictionary
    and then read from the cache folder (~0.25 s saved)."""
    from auditor.datacache import load_or_build

    return frozenset(load_or_build("pinyin-syllables", _build_pinyin_syllables, depends_on=("pypinyin",)))


def _build_pinyin_syllables() -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    out: set[str] = set()
    for v in pinyin_dict.values():
        for p in v.split(","):
            out.add(strip_accents(p).replace("ü", "v"))
    return frozenset(out)
