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
  ("2,400 companies") is NOT a unit: it goes to the mention's ``attrs["noun"]`` so that "2,400
  companies" vs "2,400 firms" is not a unit change.
* ``qualifier`` is one of "about", "up to", "more than", "less than", "at least" whatever the
  language ("约", "近", "超过", "逾", "多", "alrededor de", "hasta", "más de", ...).
* ``range_to`` holds the upper bound of "10% to 100%", "three to five years", "3到5年".
* Four-digit numbers that read as years ("in 2023", "by 2027") are NOT quantities: the date
  extractor owns them (kind "date", value "2023").
* "$" alone is read as USD and "¥" as CNY in Chinese text, JPY elsewhere (``attrs["assumed"]``
  is set so a consumer can soften a finding that rests on that guess).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any

from auditor.text import base_language
from auditor.text import width_fold as fold

__all__ = ["Quantity", "FoundQuantity", "find_quantities", "parse_quantity", "parse_number", "is_rounding"]


@dataclass(frozen=True)
class Quantity:
    """A normalised quantity. Equality of dataclass fields is exact; use :meth:`equals` to compare."""

    amount: float
    unit: str | None = None
    qualifier: str | None = None
    range_to: float | None = None
    # Significant digits as written ("139" -> 3, "1.4" -> 2, "1,000" -> 1): lets the drift stage tell
    # a rounding ("US$1.4 billion" for "US$1.39 billion") from a real change.
    digits: int | None = field(default=None, compare=False)

    def equals(self, other: Quantity, *, rel_tol: float = 1e-6, strict_unit: bool = True) -> bool:
        """Same amount (and range end) within ``rel_tol``, same unit.

        The qualifier is deliberately ignored: "about US$139 million" and "US$139 million" state the
        same value; a qualifier change is a separate, minor finding. With ``strict_unit=False`` a
        missing unit matches any unit ("300 million" vs "300 million pesos" in a list that dropped
        the repeated currency).
        """
        if not _close(self.amount, other.amount, rel_tol):
            return False
        if (self.range_to is None) != (other.range_to is None):
            return False
        if self.range_to is not None and not _close(self.range_to, other.range_to, rel_tol):  # type: ignore[arg-type]
            return False
        if self.unit == other.unit:
            return True
        return not strict_unit and (self.unit is None or other.unit is None)

    def rounds_to(self, other: Quantity) -> bool:
        """True when the amounts are equal or one is the other rounded (see :func:`is_rounding`).

        "US$1.4 billion" vs "US$1.39 billion": 1.39e9 rounded to 2 significant digits is 1.4e9.
        Units must match; a value without recorded digits is treated as exact.
        """
        return self.unit == other.unit and (self.equals(other) or is_rounding(self, other))


#: a rounding is recognised only when the coarser number was written with at least 2 significant
#: digits ("US$1.4 billion" for 1.39 billion); a 1-digit figure ("1 billion") would "round" almost
#: anything of its magnitude and hide real changes (1 billion vs 1.39 billion)
MIN_ROUNDING_DIGITS = 2


def is_rounding(a: Quantity, b: Quantity) -> bool:
    """One amount is the other rounded to the significant digits it was written with.

    Units and ranges are the caller's business (the drift stage compares units after its own
    normalisation). A value without recorded digits, or with fewer than MIN_ROUNDING_DIGITS, is
    never the coarse side; a zero amount is never the fine side (it has no magnitude to round at).
    Equal amounts trivially count: callers test equality (with their own tolerance) first.
    """
    for coarse, fine in ((a, b), (b, a)):
        digits = coarse.digits
        if not digits or digits < MIN_ROUNDING_DIGITS or not fine.amount:
            continue
        if _close(_round_sig(fine.amount, digits), coarse.amount, 1e-9):
            return True
    return False


def _close(a: float, b: float, rel_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=1e-9)


def _round_sig(x: float, sig: int) -> float:
    if x == 0:
        return 0.0
    return round(x, sig - int(math.floor(math.log10(abs(x)))) - 1)


@dataclass(frozen=True)
class FoundQuantity:
    """A quantity found in a text: span (into the text given), surface, value, extras."""

    start: int
    end: int
    text: str
    value: Quantity
    attrs: dict[str, Any] = field(default_factory=dict, compare=False)


# --------------------------------------------------------------------------------------------------
# Tables. Keys are matched case-insensitively unless noted; values are canonical.

_WORD_NUMBERS: dict[str, int] = {
    # English
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12,
    # Spanish ("un"/"una" are also articles: a bare word number only survives with a scale/unit)
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15,
    "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100, "mil": 1000,
}
_ES_ONLY_WORDS = frozenset({"once"})  # Spanish 11, English "once"
_EN_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

# Scale words after a number. Order matters for the regex (longest first is enforced below).
_SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "thousands": 1e3, "millions": 1e6, "billions": 1e9,
    "bn": 1e9, "mn": 1e6, "mln": 1e6, "mio": 1e6, "tn": 1e12, "trn": 1e12, "k": 1e3,
    "lakh": 1e5, "crore": 1e7,
    # Spanish: "billón" is 10^12 (long scale); "mil millones" is 10^9.
    "mil millones": 1e9, "millones": 1e6, "millón": 1e6, "millon": 1e6, "millardo": 1e9,
    "millardos": 1e9, "billón": 1e12, "billones": 1e12, "mil": 1e3,
}
# Single-letter scales ("$5m", "£2b") are only believed after a currency sign: "5m" alone is metres.
_LETTER_SCALES: dict[str, float] = {"m": 1e6, "b": 1e9, "k": 1e3, "t": 1e12}
_HAN_SCALES: dict[str, float] = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}

_CURRENCY_PREFIX: dict[str, str] = {
    "us$": "USD", "u.s.$": "USD", "us $": "USD", "u.s. $": "USD", "hk$": "HKD", "a$": "AUD",
    "au$": "AUD", "c$": "CAD", "ca$": "CAD", "s$": "SGD", "nt$": "TWD", "r$": "BRL", "nz$": "NZD",
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "¥", "₹": "INR", "₩": "KRW", "₽": "RUB",
    "rmb": "CNY", "cny": "CNY", "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY",
    "hkd": "HKD", "chf": "CHF", "inr": "INR", "rs.": "INR", "rs": "INR", "人民币": "CNY",
    "￥": "¥",
}
_CURRENCY_SUFFIX: dict[str, str] = {
    "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD", "dollars": "USD",
    "dollar": "USD", "hong kong dollars": "HKD", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY",
    "cny": "CNY", "usd": "USD", "eur": "EUR", "euros": "EUR", "euro": "EUR", "gbp": "GBP",
    "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "jpy": "JPY", "hkd": "HKD",
    "rupees": "INR", "rubles": "RUB", "roubles": "RUB", "swiss francs": "CHF",
    # "won" follows an amount only as the currency ("7.8 trillion won"); the verb precedes it
    "south korean won": "KRW", "korean won": "KRW", "won": "KRW", "krw": "KRW",
    # "pesos" name several currencies; the Mexican one is assumed (flagged) like a bare "$"
    "mexican pesos": "MXN", "pesos": "MXN", "peso": "MXN", "mxn": "MXN",
    "baht": "THB", "ringgit": "MYR", "rupiah": "IDR", "zloty": "PLN", "lira": "TRY",
    # Spanish
    "dólares estadounidenses": "USD", "dólares": "USD", "dólar": "USD", "yuanes": "CNY",
    "libras esterlinas": "GBP", "libras": "GBP", "yenes": "JPY", "rublos": "RUB", "rupias": "INR",
    # Chinese (matched without a preceding space)
    "美元": "USD", "元人民币": "CNY", "人民币": "CNY", "元": "CNY", "欧元": "EUR", "英镑": "GBP",
    "日元": "JPY", "港元": "HKD", "港币": "HKD", "韩元": "KRW", "卢布": "RUB", "块": "CNY",
}
# Some currencies carry "assumed": a bare "$" may be another dollar; "dollars" likewise.
_ASSUMED = {"$", "dollars", "dollar", "dólares", "dólar", "¥", "块", "pesos", "peso"}

_QUALIFIERS: dict[str, str] = {
    # about
    "about": "about", "around": "about", "approximately": "about", "approx.": "about",
    "roughly": "about", "some": "about", "nearly": "about", "almost": "about", "close to": "about",
    "an estimated": "about", "estimated": "about", "circa": "about", "c.": "about",
    "alrededor de": "about", "aproximadamente": "about", "cerca de": "about", "unos": "about",
    "unas": "about", "casi": "about", "en torno a": "about", "约": "about", "大约": "about",
    "近": "about", "将近": "about", "接近": "about", "左右": "about", "大概": "about",
    # up to
    "up to": "up to", "as much as": "up to", "as many as": "up to", "as high as": "up to",
    "at most": "up to", "no more than": "up to", "a maximum of": "up to", "hasta": "up to",
    "como máximo": "up to", "最多": "up to", "多达": "up to", "高达": "up to", "不超过": "up to",
    "以内": "up to",
    # more than
    "more than": "more than", "over": "more than", "above": "more than", "in excess of": "more than",
    "exceeding": "more than", "upwards of": "more than", "just over": "more than",
    "más de": "more than", "超过": "more than", "逾": "more than", "超": "more than",
    "多": "more than", "余": "more than", "以上": "more than",
    # less than
    "less than": "less than", "fewer than": "less than", "under": "less than", "below": "less than",
    "just under": "less than", "menos de": "less than", "不到": "less than", "不足": "less than",
    "少于": "less than", "以下": "less than",
    # at least
    "at least": "at least", "no less than": "at least", "a minimum of": "at least",
    "al menos": "at least", "por lo menos": "at least", "como mínimo": "at least",
    "至少": "at least", "不少于": "at least",
}
_HAN_PRE_QUALIFIERS = ("不超过", "不少于", "大约", "将近", "接近", "大概", "最多", "多达", "高达",
                       "超过", "至少", "不到", "不足", "少于", "约", "近", "逾", "超")
_HAN_POST_QUALIFIERS = ("左右", "以上", "以下", "以内")

# Canonical measurement units (multilingual). Counted nouns outside this table go to attrs["noun"].
_UNIT_WORDS: dict[str, str] = {}
for _canon, _words in {
    "year": ("year", "years", "yr", "yrs", "año", "años", "年"),
    "month": ("month", "months", "mes", "meses", "个月", "個月"),
    "week": ("week", "weeks", "semana", "semanas", "周", "星期"),
    "day": ("day", "days", "día", "días", "dia", "dias", "天"),
    "hour": ("hour", "hours", "hora", "horas", "小时", "小時"),
    "minute": ("minute", "minutes", "minuto", "minutos", "分钟"),
    "page": ("page", "pages", "página", "páginas", "页", "頁"),
    "exaflops": ("exaflops", "exaflop", "eflops"),
    "petaflops": ("petaflops", "petaflop", "pflops"),
    "teraflops": ("teraflops", "teraflop", "tflops"),
    "km": ("km", "kilometres", "kilometers", "kilometre", "kilometer", "kilómetros", "公里"),
    "mile": ("miles", "mile", "millas"),
    "m": ("metres", "meters", "metre", "meter", "metros", "米"),
    "kg": ("kg", "kilograms", "kilogrammes", "kilos", "kilogramos", "公斤"),
    "tonne": ("tonnes", "tons", "tonne", "ton", "toneladas", "吨"),
    "gw": ("gw", "gigawatts", "gigawatt", "gigavatios"),
    "mw": ("mw", "megawatts", "megawatt", "megavatios"),
    "kwh": ("kwh", "kilowatt-hours"),
    "nm": ("nm", "nanometres", "nanometers", "nanómetros", "纳米"),
    "gb": ("gb", "gigabytes"),
    "tb": ("tb", "terabytes"),
    "person": ("people", "persons", "personas", "人"),
}.items():
    for _w in _words:
        _UNIT_WORDS[_w] = _canon

# Words that follow a number but are never its noun (function words; a noun search stops there).
_NOT_NOUNS = frozenset("""
a an the of to and or in on at by for from with as than that which who is are was were be been
has have had will would can could may might per each every this these those its their his her
de del la el los las y o en a con por para que es son fue se al un una
goes go went comes came remains stays shows means makes gets takes gives needs seems
""".split())
# Adjective-looking suffixes: skipped (at most two words) when looking for the counted noun,
# so "2,400 registered companies" gets noun "company". A heuristic, not a tagger.
_ADJ_SUFFIX_RE = re.compile(r"(?:ed|ing|al|ive|ous|ful|ic|able|ible|ent|ant|ary|less|new|old|big)$")


def _alt(words: Any) -> str:
    """Regex alternation, longest first (so "mil millones" beats "mil"), escaped."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_WORDNUM_WORDS = list(_WORD_NUMBERS) + [f"{t}-{u}" for t in _EN_TENS for u in _EN_UNITS]
_DIGITS = r"\d{1,3}(?:[,.' ]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"
_HAN_DIGITS = "零〇一二两三四五六七八九十百千"
# A number core: digits (not glued to a preceding letter: "H100", "GPT-4" are models), a number
# word, or a run of numerals in Chinese. The right context is read separately.
_CORE_RE = re.compile(
    rf"(?P<d>(?<![A-Za-z0-9_.,/:\u00C0-\u024F])(?<![A-Za-z]-)(?:{_DIGITS}))(?![\d/]|:\d)"
    rf"|(?P<w>(?<![\w-])(?:{_alt(_WORDNUM_WORDS)})(?![\w-]))"
    rf"|(?P<h>(?<![第{_HAN_DIGITS}\d])[{_HAN_DIGITS}]+)",
    re.IGNORECASE,
)

_PREFIX_RE = re.compile(rf"(?P<cur>{_alt(_CURRENCY_PREFIX)})\s?$", re.IGNORECASE)
_LATIN_QUAL_RE = re.compile(
    rf"(?:^|(?<=[\s(\[,;:“\"«]))(?P<q>{_alt(k for k in _QUALIFIERS if not any('一' <= c <= '鿿' for c in k))})\s+$",
    re.IGNORECASE,
)
_HAN_QUAL_RE = re.compile(rf"(?P<q>{_alt(_HAN_PRE_QUALIFIERS)})$")
_RANGE_START_RE = re.compile(r"(?:^|(?<=\W))(?:from|between|de|desde|entre)\s+$", re.IGNORECASE)

_ATTACHED_RE = re.compile(r"(?P<a>bn|mn|mln|tn|trn|[kKmMbBtT]|[xX×])(?![A-Za-z0-9])")
_SCALE_RE = re.compile(rf"[\s-]?(?P<s>{_alt(_SCALES)})(?![\w])", re.IGNORECASE)
_HAN_SCALE_RE = re.compile(r"(?P<hq>多|余)?(?P<s>[百千]?[万亿]+|[万亿千])")
_PCT_RE = re.compile(
    r"\s?(?P<p>%|％|‰|percent(?:age points?)?\b|per cent\b|por ciento\b|pour cent\b"
    r"|puntos porcentuales\b|points? de pourcentage\b|pp\b|个百分点)",
    re.IGNORECASE,
)
_HAN_PCT_PREFIX_RE = re.compile(r"百分之$")
_CUR_SUFFIX_LATIN_RE = re.compile(
    rf"\s+(?:de\s+)?(?P<c>{_alt(k for k in _CURRENCY_SUFFIX if k.isascii() or not any('一' <= c <= '鿿' for c in k))})(?![\w])",
    re.IGNORECASE,
)
_CUR_SUFFIX_HAN_RE = re.compile(rf"(?P<c>{_alt(k for k in _CURRENCY_SUFFIX if any('一' <= c <= '鿿' for c in k))})")
_HAN_TRAILING_CNY_RE = re.compile(r"人民币")
_MULT_RE = re.compile(r"(?:\s?(?P<m>times|veces|fois)(?!\w)|-?(?P<f>fold)(?!\w)|(?P<h>倍))", re.IGNORECASE)
_NOUN_RE = re.compile(r"(?:\s+|-)(?P<n>[^\W\d_]+(?:-[^\W\d_]+)?)")
_HAN_MEASURE_RE = re.compile(
    r"(?P<n>个月|個月|小时|小時|分钟|公里|公斤|纳米|年|周|星期|天|页|頁|米|吨|人|名|家|个|位|项|座|所|台|款|种|辆|架|篇|次|件|条|只|岁)"
)
_HAN_POST_QUAL_RE = re.compile(rf"(?P<q>{_alt(_HAN_POST_QUALIFIERS)})")
_RANGE_GAP_RE = re.compile(r"\s*(?:to|and|through|-|–|—|a|al|y|hasta|à|et|至|到|~|～)\s*", re.IGNORECASE)
_RANGE_GAP_NEEDS_START = {"and", "y", "et", "a", "al"}  # "between X and Y", "de X a Y"
#: which opening word each connector needs: "between/entre X and/y Y", "from/de/desde X to/a Y";
#: "pérdidas de 48,2 millones y una deuda" has "de" before it but is no range
_RANGE_PAIRS = {"and": ("between", "entre"), "y": ("between", "entre"), "et": ("entre",),
                "a": ("de", "desde", "from"), "al": ("de", "desde", "from")}
_DATE_CHAR_RE = re.compile(r"[月日号號时時秒]|点(?!钟)|分(?!钟|之)")
_YEARLIKE_RE = re.compile(r"(?:1[89]|2[01])\d\d")


# --------------------------------------------------------------------------------------------------
# Number parsing


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
    if any(c in _HAN_DIGITS or c in "万亿" for c in t):
        import cn2an  # imported here: ~0.15 s at import, only needed for numerals in Chinese

        try:
            return float(cn2an.cn2an(t, "smart"))
        except (ValueError, KeyError, IndexError, TypeError):
            return None
    return _parse_digits(t, base_language(lang, unknown=""))


@functools.lru_cache(maxsize=256)
def _decimal_comma(lang: str) -> bool:
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
        elif grouped and (sep == "," or _decimal_comma(lang)):
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
    range_start: bool = False
    attrs: dict[str, Any] = field(default_factory=dict)


def _read_right(f: str, pos: int, cand: _Cand, lang: str) -> int:
    """Consume scale / percent / currency / multiple / unit to the right of a core; return new end."""
    end = pos
    had_currency = cand.unit is not None
    if _DATE_CHAR_RE.match(f, end):
        return -1  # "7月", "23日", "18时": a date or time component, owned by the date extractor
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
    if cand.unit is None:
        m = _MULT_RE.match(f, end)
        if m:
            cand.unit = "x"
            return m.end()
        m = _HAN_MEASURE_RE.match(f, end)
        if m:
            n = m.group("n")
            if n in _UNIT_WORDS and not (n == "年" and cand.yearlike):
                cand.unit = _UNIT_WORDS[n]
            else:
                cand.attrs["noun"] = n
            end = m.end()
        else:
            end = _read_noun(f, end, cand)
    m = _HAN_POST_QUAL_RE.match(f, end)
    if m:
        cand.qualifier = cand.qualifier or _QUALIFIERS[m.group("q")]
        end = m.end()
    return end


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
        cand.attrs["_range_word"] = rs.group(0).strip().lower()
    if _HAN_PCT_PREFIX_RE.search(f[max(0, start - 3):start]):
        cand.unit = "%"
        new_start = start - 3
    return new_start


def find_quantities(text: str, lang: str | None = None) -> list[FoundQuantity]:
    """Every quantity in ``text`` (offsets into ``text``), ranges merged, years left to dates."""
    f = fold(text)
    lb = base_language(lang, unknown="")
    cands: list[_Cand] = []
    for m in _CORE_RE.finditer(f):
        kind = m.lastgroup
        core = m.group(0)
        amount = parse_number(core, lb)
        if amount is None:
            continue
        if kind == "w" and core.lower() in _ES_ONLY_WORDS and lb not in ("es", ""):
            continue
        cand = _Cand(start=m.start(), end=m.end(), amount=amount)
        cand.wordnum = kind == "w"
        cand.han_only = kind == "h"
        cand.digits = _sig_digits(core) if kind == "d" else None
        cand.yearlike = kind == "d" and _YEARLIKE_RE.fullmatch(core) is not None
        start = _read_left(f, m.start(), cand)
        end = _read_right(f, m.end(), cand, lb)
        if end < 0:
            continue
        if cand.unit == "¥":
            cand.unit = "CNY" if lb == "zh" else "JPY"
        cand.start, cand.end = start, end
        cands.append(cand)
    merged = _merge_ranges(f, cands, lb)
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
        out.append(FoundQuantity(c.start, c.end, text[c.start:c.end], q, attrs))
    return out


def _clean(x: float) -> float:
    """Undo float noise from scaling (1.39 * 1e8 = 138999999.99999997)."""
    return float(f"{x:.12g}")


def _keep(c: _Cand, range_to: float | None) -> bool:
    """Drop cores that are not quantities on their own: bare number words ("one of"), bare Chinese
    numerals ("一些", "十分"), and years (owned by the date extractor)."""
    if c.wordnum and c.scale is None and c.unit is None and range_to is None:
        return False
    if c.han_only and c.scale is None and c.unit is None and ("noun" not in c.attrs or c.amount == 1):
        return False  # "一些", "十分", and "一个"/"一家" (an article, not a count)
    if c.han_only and c.scale is not None and c.scale < 1e8 and c.unit is None and "noun" not in c.attrs:
        return False  # "千万" / "万一" are idioms; only 亿 is safe without a unit
    if c.yearlike and c.scale is None and c.unit is None and c.qualifier is None and range_to is None:
        return "noun" in c.attrs and c.attrs["noun"] not in ("年",)
    return True


def _merge_ranges(f: str, cands: list[_Cand], lang: str) -> list[tuple[_Cand, float | None]]:
    """Join "10% to 100%", "three to five years", "between 3 and 5 million" into one range."""
    out: list[tuple[_Cand, float | None]] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands):
            b = cands[i + 1]
            gap = f[a.end:b.start]
            m = _RANGE_GAP_RE.fullmatch(gap)
            if m and not b.range_start and b.qualifier is None:
                word = gap.strip().lower()
                ok = a.unit is None or b.unit is None or a.unit == b.unit
                if word in _RANGE_GAP_NEEDS_START and (
                        not a.range_start or a.attrs.get("_range_word") not in _RANGE_PAIRS[word]):
                    ok = False
                if word == "-" and (a.yearlike and b.yearlike):
                    ok = False
                if ok:
                    if a.scale is None and b.scale is not None and a.unit is None:
                        a.scale = b.scale  # "3 to 5 million": the scale is shared
                    a_amount_scaled = a.amount * (a.scale or 1.0)
                    b_amount_scaled = b.amount * (b.scale or 1.0)
                    a.unit = a.unit or b.unit
                    a.qualifier = a.qualifier or b.qualifier
                    a.end = b.end
                    a.wordnum = a.wordnum and b.wordnum
                    a.yearlike = False
                    for k, v in b.attrs.items():
                        a.attrs.setdefault(k, v)
                    a.amount = a_amount_scaled / (a.scale or 1.0)
                    out.append((a, b_amount_scaled))
                    i += 2
                    continue
        out.append((a, None))
        i += 1
    return out


def parse_quantity(text: str, lang: str | None = None) -> Quantity | None:
    """The first quantity in ``text`` (convenience for tests and for the drift stage)."""
    found = find_quantities(text, lang)
    return found[0].value if found else None
