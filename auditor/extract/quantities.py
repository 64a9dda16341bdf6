"""Quantities: numbers, money, percentages and multiples, normalised to one comparable value.

Why a scanner and not one giant regex: a number *core* (digits, number words, Chinese numerals) is
found first, then small anchored regexes read the context on each side (currency prefix and
qualifier on the left; scale, currency, percent, multiple and unit on the right). Each piece is easy
to test, and adding a language means adding words to the tables, not rewriting a pattern.

Normalisation rules (the drift stage relies on them):

* ``amount`` is fully scaled: "1.39亿" -> 139000000.0, "1,000 million" -> 1e9, "1bn" -> 1e9,
  "一亿" -> 1e8, "mil millones" -> 1e9, "60%" -> 60.0.
* ``unit`` is an ISO-4217 code for money ("CNY", "USD", "EUR", ...), "%" for percentages, "pp" for
  percentage points, "x" for multiples ("3x", "3 times", "3倍"), or a canonical measurement unit
  from a small multilingual table ("year", "page", "exaflops", "km", ...). Any other counted noun
  ("2,400 companies") is NOT a unit: it goes to the mention's ``attrs.noun`` so that "2,400
  companies" vs "2,400 firms" is not a unit change.
* ``qualifier`` is one of "about", "up to", "more than", "less than", "at least" whatever the
  language ("约", "近", "超过", "逾", "多", "alrededor de", "hasta", "más de", ...).
* ``range_to`` holds the upper bound of "10% to 100%", "three to five years", "3到5年".
* Four-digit numbers that read as years ("in 2023", "by 2027") are NOT quantities: the date
  extractor owns them (kind "date", value "2023").
* "$" alone is read as USD and "¥" as CNY in Chinese text, JPY elsewhere (``attrs.assumed``
  is set so a consumer can soften a finding that rests on that guess).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from auditor.extract.number_cores import number_cores
from auditor.extract.numbers import _sig_digits, parse_number
from auditor.extract.quantity_joins import merge_ranges, share_list_units
from auditor.extract.quantity_value import FoundQuantity, Quantity, is_rounding
from auditor.extract.quantity_words import (
    _ADJ_SUFFIX_RE,
    _ASSUMED,
    _ATTACHED_RE,
    _CUR_SUFFIX_HAN_RE,
    _CUR_SUFFIX_LATIN_RE,
    _CURRENCY_PREFIX,
    _CURRENCY_SUFFIX,
    _DATE_CHAR_RE,
    _ES_ONLY_WORDS,
    _GLUED_UNIT_RE,
    _HAN_MEASURE_RE,
    _HAN_PCT_PREFIX_RE,
    _HAN_POST_QUAL_RE,
    _HAN_QUAL_RE,
    _HAN_SCALE_RE,
    _HAN_SCALES,
    _HAN_TRAILING_CNY_RE,
    _LATIN_QUAL_RE,
    _LETTER_SCALES,
    _MULT_RE,
    _NOT_NOUNS,
    _NOUN_RE,
    _PCT_RE,
    _PREFIX_RE,
    _QUALIFIERS,
    _RANGE_START_RE,
    _SCALE_RE,
    _SCALES,
    _TEMP_RE,
    _TEMP_SCALE_WORDS,
    _TEMP_UNITS,
    _UNIT_WORDS,
    _YEARLIKE_RE,
)
from auditor.model import MentionAttrs
from auditor.text import base_language
from auditor.text import width_fold as fold

__all__ = ["Quantity", "FoundQuantity", "find_quantities", "parse_quantity", "parse_number", "is_rounding"]


# --------------------------------------------------------------------------------------------------
# Scanner


@dataclass
class _Cand:
    start: int
    end: int
    amount: float
    unit: str | None = None
    qualifier: str | None = None
    scale: float | None = None
    digits: int | None = None
    wordnum: bool = False
    han_only: bool = False
    yearlike: bool = False
    year_range_end: bool = False
    range_start: bool = False
    attrs: dict[str, Any] = field(default_factory=dict)


#: a two-digit decade ending a core: before 后 it names a generation ("90后", the post-90s)
_DECADE_END_RE = re.compile(r"(?<![0-9])[0-9]0$")


def _read_right(f: str, pos: int, cand: _Cand, lang: str) -> int:
    """Consume scale / percent / currency / multiple / unit to the right of a core; return new end."""
    end = pos
    had_currency = cand.unit is not None
    if _DATE_CHAR_RE.match(f, end) or f.startswith("周年", end):
        return -1  # "7月", "23日", "18时": a date or time component, owned by the date extractor;
        # "100周年" is an ordinal (the 100th anniversary), as "100th" is in English
    if f.startswith("后", end) and _DECADE_END_RE.search(f[max(0, pos - 3):pos]):
        return -1  # "90后", "00后": a generation ("post-90s"), not a count
    # Chinese "多"/"余" between numeral and scale ("100多亿") and Han scales.
    m = _HAN_SCALE_RE.match(f, end)
    if m:
        mult = 1.0
        for ch in m.group("s"):
            mult *= _HAN_SCALES[ch]
        cand.scale = (cand.scale or 1.0) * mult
        if m.group("hq"):
            cand.qualifier = cand.qualifier or "more than"
        end = m.end()
    elif not cand.han_only:
        m = _ATTACHED_RE.match(f, end)
        if m:
            a = m.group("a")
            if a in ("x", "X", "×"):
                cand.unit, end = "x", m.end()
            elif a.lower() in ("bn", "mn", "mln", "tn", "trn", "k"):
                cand.scale, end = _SCALES[a.lower()], m.end()
            elif had_currency and a.lower() in _LETTER_SCALES:
                cand.scale, end = _LETTER_SCALES[a.lower()], m.end()
            else:
                return -1  # "5m", "7B" with no currency: not a quantity we understand
        elif (mu := _GLUED_UNIT_RE.match(f, end)) and mu.group("u").lower() in _UNIT_WORDS and not had_currency:
            cand.unit = _UNIT_WORDS[mu.group("u").lower()]
            return mu.end()  # "6km", "10kg": a unit against the digits
        elif end < len(f) and f[end].isascii() and f[end].isalpha():
            return -1  # glued to letters ("910C", "5G"): a model name, not a quantity
        ms = _SCALE_RE.match(f, end)
        if ms and cand.unit != "x":
            word = ms.group("s").lower()
            # "mil" is a Spanish scale, but "1 mil" in English is rare and "mil" could be a unit:
            # only take it after a digit core or a Spanish number word.
            if not (word == "mil" and lang not in ("es", "pt", "")):
                cand.scale = (cand.scale or 1.0) * _SCALES[word]
                cand.attrs["scale_text"] = ms.group("s")
                end = ms.end()
    if cand.unit == "x":
        return end
    if cand.unit is None and cand.scale is None and f.startswith("成", end) and 1 < cand.amount < 10 \
            and cand.amount == int(cand.amount) and not f.startswith(("成为", "成不"), end):
        cand.amount *= 10.0  # "四成", "6成": tenths, written "40%", "60%" in English
        cand.unit = "%"
        return end + 1
    m = _PCT_RE.match(f, end)
    if m:
        p = m.group("p").lower()
        cand.unit = "pp" if ("point" in p or "puntos" in p or p == "pp" or "百分点" in p) else "%"
        if p == "‰":
            cand.amount /= 10.0
            cand.unit = "%"
        return m.end()
    m = _CUR_SUFFIX_HAN_RE.match(f, end)
    if m and had_currency and _CURRENCY_SUFFIX[m.group("c")] != cand.unit:
        m = None  # "US$5 元" is garbage; do not let the suffix override the sign
    if m or not had_currency:
        if m:
            cand.unit = _CURRENCY_SUFFIX[m.group("c")]
            cand.attrs["currency_text"] = m.group("c")
            if m.group("c") in _ASSUMED:
                cand.attrs["assumed"] = True
            end = m.end()
            m2 = _HAN_TRAILING_CNY_RE.match(f, end)  # "10亿元人民币"
            if m2 and cand.unit == "CNY":
                end = m2.end()
        else:
            m = _CUR_SUFFIX_LATIN_RE.match(f, end)
            if m:
                key = m.group("c").lower()
                cand.unit = _CURRENCY_SUFFIX[key]
                cand.attrs["currency_text"] = m.group("c")
                if key in _ASSUMED:
                    cand.attrs["assumed"] = True
                end = m.end()
    if cand.unit is None and (m := _TEMP_RE.match(f, end)):
        cand.unit = _TEMP_UNITS[(m.group("s") or m.group("u")).lower()]
        return m.end()
    if cand.unit is None:
        m = _MULT_RE.match(f, end)
        if m:
            cand.unit = "x"
            return m.end()
        m = _HAN_MEASURE_RE.match(f, end)
        if m:
            n, end = _han_unit(f, m.group("n"), m.end(), cand)
            if n in _UNIT_WORDS and not (n == "年" and cand.yearlike):
                cand.unit = _UNIT_WORDS[n]
            else:
                cand.attrs["noun"] = n
        else:
            end = _read_noun(f, end, cand)
    m = _HAN_POST_QUAL_RE.match(f, end)
    if m:
        cand.qualifier = cand.qualifier or _QUALIFIERS[m.group("q")]
        end = m.end()
    return end


def _han_unit(f: str, n: str, end: int, cand: _Cand) -> tuple[str, int]:
    """The measure word after a Chinese number, with a half: "两年半" 2.5 years, "一个半小时" 1.5
    hours and "三个小时" 3 hours (个 before a unit of time), but "十天半个月" is 10 days or half a month."""
    if n in ("个", "個"):
        half = f.startswith("半", end)
        m = _HAN_MEASURE_RE.match(f, end + half)
        if m and _UNIT_WORDS.get(m.group("n")) in ("second", "minute", "hour", "day", "week", "month", "year"):
            cand.amount += 0.5 * half
            return m.group("n"), m.end()
    elif n in _UNIT_WORDS and f.startswith("半", end) and not cand.yearlike and not _HAN_MEASURE_RE.match(f, end + 1):
        cand.amount += 0.5
        return n, end + 1
    return n, end


def _read_noun(f: str, end: int, cand: _Cand) -> int:
    """Look for a unit or counted noun right after the number ("28-page", "100 exaflops")."""
    pos = end
    for _ in range(3):  # the noun itself plus at most two adjective-looking words before it
        m = _NOUN_RE.match(f, pos)
        if not m:
            return end
        word = m.group("n")
        low = word.lower()
        if low in _NOT_NOUNS:
            return end
        if low in _UNIT_WORDS:
            cand.unit = _UNIT_WORDS[low]
            if cand.unit == "degree" and (scale := _NOUN_RE.match(f, m.end())):
                # "degrees Fahrenheit", "grados centígrados", "degrees F": the scale names the unit
                named = scale.group("n")  # "Celsius", or its capital letter: "degrees F"
                unit = _TEMP_UNITS.get(named.lower()) if named in ("C", "F") else _TEMP_SCALE_WORDS.get(named.lower())
                if unit is not None:
                    cand.unit = unit
                    return scale.end()
            return m.end()
        if not word.islower():
            return end  # a capitalised word after a number starts a name, not a unit
        if _ADJ_SUFFIX_RE.search(low) and not low.endswith("ings"):
            pos = m.end()
            continue
        cand.attrs["noun"] = _singular(low)
        return end  # the noun is recorded but not part of the span: the span stays the number
    return end


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ops")) and len(word) > 3:
        return word[:-1]
    return word


def _read_left(f: str, start: int, cand: _Cand) -> int:
    """Consume currency prefix and qualifier to the left of a core; return new start."""
    window_start = max(0, start - 40)
    left = f[window_start:start]
    m = _PREFIX_RE.search(left)
    new_start = start
    if m:
        sym = m.group("cur")
        code = _CURRENCY_PREFIX[sym.lower()]
        # A bare three-letter code must stand alone ("USD 5", not "FUSD5").
        if sym[0].isalpha() and m.start() > 0 and left[m.start() - 1].isalnum():
            code = ""
        if code:
            cand.unit = code
            cand.attrs["currency_text"] = sym
            if sym in _ASSUMED:
                cand.attrs["assumed"] = True
            new_start = window_start + m.start()
    left = f[max(0, new_start - 40):new_start]
    base = max(0, new_start - 40)
    m = _HAN_QUAL_RE.search(left)
    if m:
        cand.qualifier = _QUALIFIERS[m.group("q")]
        new_start = base + m.start()
    else:
        m = _LATIN_QUAL_RE.search(left)
        if m:
            cand.qualifier = _QUALIFIERS[m.group("q").lower()]
            new_start = base + m.start("q")
    rs = _RANGE_START_RE.search(f[max(0, new_start - 12):new_start])
    if rs:
        cand.range_start = True
        cand.attrs["_range_word"] = rs.group(0).rstrip("+").strip().lower()
    if _HAN_PCT_PREFIX_RE.search(f[max(0, start - 3):start]):
        cand.unit = "%"
        new_start = start - 3
    return new_start


def find_quantities(text: str, lang: str | None = None) -> list[FoundQuantity]:
    """Every quantity in ``text`` (offsets into ``text``), ranges merged, years left to dates."""
    f = fold(text)
    lb = base_language(lang, unknown="")
    cands: list[_Cand] = []
    for m_start, m_end, kind in number_cores(f, lb):
        core = f[m_start:m_end]
        amount = parse_number(core, lb)
        if amount is None:
            continue
        if kind == "w" and core.lower() in _ES_ONLY_WORDS and lb not in ("es", ""):
            continue
        cand = _Cand(start=m_start, end=m_end, amount=amount)
        cand.wordnum = kind == "w"
        cand.han_only = kind == "h"
        cand.digits = _sig_digits(core) if kind == "d" else None
        cand.yearlike = kind == "d" and _YEARLIKE_RE.fullmatch(core) is not None
        cand.year_range_end = kind == "d" and _year_range_end(f, m_start, core)
        start = _read_left(f, m_start, cand)
        end = _read_right(f, m_end, cand, lb)
        if end < 0:
            continue
        if cand.unit == "¥":
            cand.unit = "CNY" if lb == "zh" else "JPY"
        cand.start, cand.end = start, end
        cands.append(cand)
    merged = share_list_units(f, merge_ranges(f, cands, lb))
    out: list[FoundQuantity] = []
    for c, range_to in merged:
        if not _keep(c, range_to):
            continue
        scale = c.scale or 1.0
        amount = c.amount * scale
        if c.digits is None:
            c.digits = _sig_digits(str(int(c.amount))) if c.amount == int(c.amount) else None
        attrs = {k: v for k, v in c.attrs.items() if not k.startswith("_")}
        if c.scale:
            attrs["scale"] = c.scale
        q = Quantity(amount=_clean(amount), unit=c.unit, qualifier=c.qualifier,
                     range_to=_clean(range_to) if range_to is not None else None, digits=c.digits)
        out.append(FoundQuantity(c.start, c.end, text[c.start:c.end], q, MentionAttrs.of(attrs)))
    return out


#: a year and a dash or slash right before a number: "2021–22", "the 2019/20 season"
_YEAR_BEFORE_RE = re.compile(r"(?<!\d)((?:1[89]|2[01])\d\d)\s?[-–—/]\s?$")


def _year_range_end(f: str, start: int, core: str) -> bool:
    """Is a two-digit number the end of a year range written short ("2021–22", "2019/20", "1999-00":
    a season or a fiscal year)? It is the next year or one soon after, not an amount of 22."""
    if core[:1] in "-−–":  # the dash read as a minus sign: "2021-22"
        core, start = core[1:], start + 1
    if len(core) != 2 or not core.isdigit():
        return False
    m = _YEAR_BEFORE_RE.search(f, max(0, start - 8), start)
    if m is None:
        return False
    return any((int(m.group(1)) + k) % 100 == int(core) for k in range(1, 11))


def _clean(x: float) -> float:
    """Undo float noise from scaling (1.39 * 1e8 = 138999999.99999997)."""
    return float(f"{x:.12g}")


def _keep(c: _Cand, range_to: float | None) -> bool:
    """Drop cores that are not quantities on their own: bare number words ("one of"), bare Chinese
    numerals ("一些", "十分"), and years (owned by the date extractor)."""
    if c.wordnum and c.scale is None and c.unit is None and range_to is None and (
            "noun" not in c.attrs or c.amount < 2):
        return False  # "one of", "one day": a word, not a count; "two passengers" is a count
    if c.han_only and c.scale is None and c.unit is None and ("noun" not in c.attrs or c.amount == 1):
        return False  # "一些", "十分", and "一个"/"一家" (an article, not a count)
    if c.han_only and c.scale is not None and c.scale < 1e8 and c.unit is None and "noun" not in c.attrs:
        return False  # "千万" / "万一" are idioms; only 亿 is safe without a unit
    if c.yearlike and c.scale is None and c.unit is None and c.qualifier is None and range_to is None:
        return "noun" in c.attrs and c.attrs["noun"] not in ("年",)
    if c.year_range_end and c.scale is None and c.unit is None:
        return False  # "the 2019–20 season": a year, however the noun after it reads
    return True


def parse_quantity(text: str, lang: str | None = None) -> Quantity | None:
    """The first quantity in ``text`` (convenience for tests and for the drift stage)."""
    found = find_quantities(text, lang)
    return found[0].value if found else None
