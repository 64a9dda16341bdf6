"""Parsing one number as written, in digits (with the language's decimal mark), words or Chinese numerals."""

from __future__ import annotations

import functools
import re
import unicodedata

from auditor.extract.quantity_words import _EN_TENS, _EN_UNITS, _HAN_DIGITS, _WORD_NUMBERS
from auditor.text import base_language
from auditor.text import width_fold as fold


def parse_number(text: str, lang: str | None = None) -> float | None:
    """Parse one number as written: "1,000", "1.39", "1.000,5" (es), "one", "twenty-five", "一亿",
    "两千五百万", "1.39亿". Returns None when it is not a number.

    Separator rule: a comma or dot followed by exactly three digits is a thousands separator when it
    repeats or when the other mark also appears; a single "." + 3 digits is a decimal point in
    English but a thousands separator in languages that write "1.000" (es, de, fr, pt, it...).
    """
    t = fold(text).strip()
    if not t:
        return None
    low = t.lower()
    if low in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[low])
    if "-" in low:
        tens, _, unit = low.partition("-")
        if tens in _EN_TENS and unit in _EN_UNITS:
            return float(_WORD_NUMBERS[tens] + _WORD_NUMBERS[unit])
    if half := _HALF_END_RE.search(low):  # "three and a half" (3.5), "dos y medio"
        whole = parse_number(low[:half.start()], lang)
        return None if whole is None else whole + 0.5
    if " " in low and low.replace(" ", "").isalpha():
        return number_words_value(low, lang)
    if (digits := _WHOLE_RE.match(t)) and (tail := FRACTION_TAIL_RE.fullmatch(t, digits.end())):
        return int(digits.group()) + fraction_value(tail.group(0))
    if any(c in _HAN_DIGITS or c in "万亿" for c in t):
        import cn2an  # imported here: ~0.15 s at import, only needed for numerals in Chinese

        try:
            return float(cn2an.cn2an(t, "smart"))
        except (ValueError, KeyError, IndexError, TypeError):
            return None
    return _parse_digits(t, base_language(lang, unknown=""))


#: a half added to a spelled-out number ("three and a half", "dos y medio"): ``number_cores`` reads
#: it into the number's run, ``parse_number`` adds it to the whole
HALF = r"\s+(?:and\s+a\s+half|y\s+medi[oa])"
_HALF_END_RE = re.compile(HALF + "$")

#: a proper fraction right after a whole number: a vulgar-fraction character ("2½", "3 ¾") or a
#: small "a/b" after a space ("2 1/2"; "1/2" alone is left alone: it may be a date or a score)
FRACTION_TAIL_RE = re.compile(r"\s?[½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]|\s[1-9]/(?:[2-9]|1[0-6])(?![\d/])")
_WHOLE_RE = re.compile(r"\d+")


def fraction_value(tail: str) -> float:
    """The value of a ``FRACTION_TAIL_RE`` match: "½" 0.5, " 3/4" 0.75 (an improper "a/b" is 0)."""
    tail = tail.strip()
    if "/" not in tail:
        return unicodedata.numeric(tail)
    num, den = (int(x) for x in tail.split("/"))
    return num / den if num < den else 0.0


#: languages whose number words text2num reads; others fall back to English words
_T2N_LANGUAGES = frozenset({"en", "es", "fr", "de", "pt", "it", "nl"})


@functools.lru_cache(maxsize=4096)
def number_words_value(text: str, lang: str | None = None) -> float | None:
    """The value of several number words read as one number ("two hundred thousand" 200000,
    "treinta y cinco" 35), by text2num (the maintained reader of spelled-out numbers); None when
    the words do not form one number ("one two", "one hundred people"). A leading "a"/"an" counts
    as one ("a hundred thousand")."""
    from text_to_num import text2num

    low = " ".join(text.lower().split())
    low = re.sub(r"^an? (?=hundred|thousand)", "one ", low)
    code = base_language(lang, unknown="")
    try:
        return float(text2num(low, code if code in _T2N_LANGUAGES else "en"))
    except ValueError:
        return None


@functools.lru_cache(maxsize=256)
def decimal_comma(lang: str) -> bool:
    """Does ``lang`` write decimals with a comma (CLDR via babel)? There "1.500" can only be grouped
    thousands: a dot is never its decimal mark. Unknown or empty codes: no."""
    if not lang:
        return False
    try:
        from babel.numbers import get_decimal_symbol

        return get_decimal_symbol(lang) == ","
    except Exception:  # noqa: BLE001 - unknown locale (babel raises its own error types): no evidence
        return False


def _parse_digits(t: str, lang: str) -> float | None:
    t = t.replace(" ", "").replace("'", "")
    if not t or not (t[0].isdigit()):
        return None
    has_c, has_d = "," in t, "." in t
    if has_c and has_d:
        dec = "," if t.rfind(",") > t.rfind(".") else "."
        th = "." if dec == "," else ","
        t = t.replace(th, "").replace(dec, ".")
    elif has_c or has_d:
        sep = "," if has_c else "."
        parts = t.split(sep)
        grouped = all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3
        if len(parts) > 2:
            if not grouped:
                return None
            t = t.replace(sep, "")
        elif grouped and (sep == "," or decimal_comma(lang)):
            t = t.replace(sep, "")
        else:
            t = t.replace(sep, ".")
    try:
        return float(t)
    except ValueError:
        return None


def _sig_digits(core: str) -> int | None:
    ds = [c for c in core if c.isdigit()]
    if not ds:
        return None
    s = "".join(ds).lstrip("0")
    frac = bool(re.search(r"[.,]\d{1,2}$", core)) or bool(re.search(r"[.,]\d{4,}$", core))
    if not frac:
        s = s.rstrip("0")
    return max(1, len(s))
