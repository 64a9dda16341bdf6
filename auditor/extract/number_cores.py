"""Where the numbers of a text start and end, before the quantity reader looks around them.

Kept apart from the reader because two decisions here are about the number itself, not its unit:
whether "1,1" is one number or two, and how far a run of number words reaches ("two hundred
thousand" is one number, "one of them" is not).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.extract.numbers import FRACTION_TAIL_RE, HALF, decimal_comma, fraction_value, number_words_value
from auditor.extract.quantity_words import _CORE_RE, _PCT_RE, _SCALE_RE, _SCALES

_LIST_COMMA_RE = re.compile(r"\d+,(?:\d{1,2}|\d{4,})")


def number_cores(f: str, lang: str) -> Iterator[tuple[int, int, str | None]]:
    """Number cores of folded text as (start, end, kind). In a language that writes decimals with
    a dot, "1,1" is read as a decimal only before a scale or a percent sign ("3,5 million": a
    decimal comma carried over by translation); elsewhere ("[1,1]", "rows 2,10") the comma
    separates two numbers."""
    taken = 0
    for m in _CORE_RE.finditer(f):
        core = m.group(0)
        if m.start() < taken:
            continue  # a word inside the number-word run just read ("mil" in "tres mil")
        if (m.lastgroup == "d" and _LIST_COMMA_RE.fullmatch(core) and not decimal_comma(lang)
                and not _SCALE_RE.match(f, m.end()) and not _PCT_RE.match(f, m.end())):
            comma = m.start() + core.index(",")
            yield m.start(), comma, "d"
            yield comma + 1, m.end(), "d"
            continue
        if m.lastgroup == "h" and 2 <= len(core) <= 3 and not any(c in _HAN_UNITS for c in core):
            continue  # "三四天" (three or four days), "两三个", "唯一一支": no one number
        end = _word_run_end(f, m.start(), m.end(), lang) if m.lastgroup == "w" else m.end()
        if m.lastgroup == "d" and core.isdigit() and (frac := FRACTION_TAIL_RE.match(f, end)) \
                and fraction_value(frac.group(0)) > 0:
            end = frac.end()  # "2½ million", "2 1/2 million": one number, 2.5
        taken = end
        yield m.start(), end, m.lastgroup


#: numerals that make a Chinese run one number ("十一", "两千"); digits alone side by side do not
_HAN_UNITS = frozenset("十百千万亿")
_RUN_NEXT_RE = re.compile(r"(?:\s+(?:and|y)\s+|[\s-]+)(?P<w>[^\W\d_]+)", re.IGNORECASE)
#: scale words stay outside a run: the quantity reader multiplies by them and keeps their wording
_RUN_STOP = frozenset(w for w in _SCALES if not w.endswith(("thousand", "mil")))


def _word_run_end(f: str, start: int, end: int, lang: str) -> int:
    """End of the longest run of number words from ``start`` that reads as one number ("two
    hundred thousand", "one hundred and twenty", "treinta y cinco", "doscientas mil"): a number
    word followed by more used to be read as several small numbers."""
    pos = end
    while (m := _RUN_NEXT_RE.match(f, pos)) and m.group("w").lower() not in _RUN_STOP:
        if number_words_value(f[start:m.end()], lang) is None:
            break
        pos = m.end()
    if half := _HALF_RE.match(f, pos):
        pos = half.end()  # "three and a half", "dos y medio"
    return pos


_HALF_RE = re.compile(HALF + r"\b", re.IGNORECASE)
