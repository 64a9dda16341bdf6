"""The quantity scanner's tables (number words, scales, currencies, qualifiers, unit words) and the
patterns compiled from them. Keys are matched case-insensitively unless noted; values are canonical."""

from __future__ import annotations

import re
from typing import Any

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
