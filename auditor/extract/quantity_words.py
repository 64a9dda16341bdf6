"""The quantity scanner's vocabulary, loaded once from ``auditor/data`` (number_words.toml,
quantity_words.toml), and the patterns compiled from it."""

from __future__ import annotations

import re

from auditor.text import has_han
from auditor.text._data import load_toml
from auditor.text.patterns import alternation as _alt

_NUMBERS = load_toml("number_words.toml")
_WORDS = load_toml("quantity_words.toml")

_WORD_NUMBERS: dict[str, int] = _NUMBERS["words"]
_ES_ONLY_WORDS = frozenset(_NUMBERS["es_only"])
_EN_UNITS = tuple(_NUMBERS["en_units"])
_EN_TENS = tuple(_NUMBERS["en_tens"])

# Scale words after a number (the regex puts the longest first).
_SCALES: dict[str, float] = _WORDS["scales"]
_LETTER_SCALES: dict[str, float] = _WORDS["letter_scales"]
_HAN_SCALES: dict[str, float] = _WORDS["han_scales"]
_CURRENCY_PREFIX: dict[str, str] = _WORDS["currency_prefix"]
_CURRENCY_SUFFIX: dict[str, str] = _WORDS["currency_suffix"]
_ASSUMED = frozenset(_WORDS["assumed"])
_QUALIFIERS: dict[str, str] = _WORDS["qualifiers"]
_HAN_PRE_QUALIFIERS = tuple(_WORDS["han_pre_qualifiers"])
_HAN_POST_QUALIFIERS = tuple(_WORDS["han_post_qualifiers"])
# Canonical measurement units. Counted nouns outside this table go to attrs.noun.
_UNIT_WORDS: dict[str, str] = {w: canon for canon, words in _WORDS["units"].items() for w in words}
#: a temperature scale's word -> its unit: a unit alone, and the unit of "degrees" before it
_TEMP_SCALE_WORDS: dict[str, str] = {w: unit for unit, words in _WORDS["temperature_scales"].items() for w in words}
_UNIT_WORDS.update(_TEMP_SCALE_WORDS)
# Words that follow a number but are never its noun (function words; a noun search stops there).
_NOT_NOUNS = frozenset(_WORDS["not_nouns"])
# Adjective-looking suffixes: skipped (at most two words) when looking for the counted noun,
# so "2,400 registered companies" gets noun "company". A heuristic, not a tagger.
# An "-ly" word is an adverb or an adjective ("in 2020 and 2021 respectively", "two weekly flights").
_ADJ_SUFFIX_RE = re.compile(r"(?:ed|ing|al|ive|ous|ful|ic|able|ible|ent|ant|ary|less|new|old|big|ly)$")




_WORDNUM_WORDS = list(_WORD_NUMBERS) + [f"{t}-{u}" for t in _EN_TENS for u in _EN_UNITS]
_DIGITS = r"\d{1,3}(?:[,.' ]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"
_HAN_DIGITS = "零〇一二两三四五六七八九十百千"
# A number core: digits (not glued to a preceding letter: "H100", "GPT-4" are models, nor after 第:
# "第3000场" is an ordinal, as "3000th" is), a number word, or a run of numerals in Chinese. The right
# context is read separately.
_CORE_RE = re.compile(
    rf"(?P<d>(?<![A-Za-z0-9_.,/:\u00C0-\u024F第])(?<![A-Za-z]-)(?:{_DIGITS}))(?![\d/]|:\d)"
    rf"|(?P<w>(?<![\w-])(?:{_alt(_WORDNUM_WORDS)})(?![\w-]))"
    rf"|(?P<h>(?<![第{_HAN_DIGITS}\d])[{_HAN_DIGITS}]+)",
    re.IGNORECASE,
)

_PREFIX_RE = re.compile(rf"(?P<cur>{_alt(_CURRENCY_PREFIX)})\s?$", re.IGNORECASE)
_LATIN_QUAL_RE = re.compile(
    rf"(?:^|(?<=[\s(\[,;:“\"«]))(?P<q>{_alt(k for k in _QUALIFIERS if not has_han(k))})\s+$",
    re.IGNORECASE,
)
_HAN_QUAL_RE = re.compile(rf"(?P<q>{_alt(_HAN_PRE_QUALIFIERS)})$")
_RANGE_START_RE = re.compile(r"(?:^|(?<=\W))(?:from|between|de|desde|entre)\s+\+?$", re.IGNORECASE)

_ATTACHED_RE = re.compile(r"(?P<a>bn|mn|mln|tn|trn|[kKmMbBtT]|[xX×])(?![A-Za-z0-9])")
_SCALE_RE = re.compile(rf"[\s-]?(?P<s>{_alt(_SCALES)})(?![\w])", re.IGNORECASE)
#: "千" is a scale except as the first character of a unit ("5千克" is 5 kg, "3千米" 3 km)
_HAN_SCALE_RE = re.compile(r"(?P<hq>多|余)?(?P<s>[百千]?[万亿]+|[万亿]|千(?![克米瓦]))")
#: a temperature sign: "22°C", "22 °С" (a Cyrillic Es, as Russian copy types it), "22℃", "70°F"
_TEMP_RE = re.compile(r"\s?(?:°\s?(?P<s>[CcСсFf])|(?P<u>[℃℉]))(?![^\W\d_])")
_TEMP_UNITS = {"c": "degree", "с": "degree", "℃": "degree", "f": "fahrenheit", "℉": "fahrenheit"}
_PCT_RE = re.compile(
    r"\s?(?P<p>%|％|‰|percent(?:age points?)?\b|per cent\b|por ciento\b|pour cent\b"
    r"|puntos porcentuales\b|points? de pourcentage\b|pp\b|个百分点)",
    re.IGNORECASE,
)
_HAN_PCT_PREFIX_RE = re.compile(r"百分之$")
#: after a space, or a hyphen in a compound adjective ("a 150,000-euro fine", "a 10-dollar bill")
_CUR_SUFFIX_LATIN_RE = re.compile(
    rf"(?:\s+|-)(?:de\s+)?(?P<c>{_alt(k for k in _CURRENCY_SUFFIX if not has_han(k))})(?![\w])",
    re.IGNORECASE,
)
_CUR_SUFFIX_HAN_RE = re.compile(rf"(?P<c>{_alt(k for k in _CURRENCY_SUFFIX if has_han(k))})")
_HAN_TRAILING_CNY_RE = re.compile(r"人民币")
_MULT_RE = re.compile(r"(?:\s?(?P<m>times|veces|fois)(?!\w)|-?(?P<f>fold)(?!\w)|(?P<h>倍))", re.IGNORECASE)
#: a unit abbreviation written against the digits: "6km", "10kg", "200ms" (read only when the
#: letters are a unit of the table: "5G", "910C" stay model names)
_GLUED_UNIT_RE = re.compile(r"(?P<u>[A-Za-z]{1,4})(?![A-Za-z0-9])")
_NOUN_RE = re.compile(r"(?:\s+|-)(?P<n>[^\W\d_]+(?:-[^\W\d_]+)?)")
_HAN_MEASURE_WORDS = tuple(_WORDS["han_measure_words"])
#: a unit or measure word after a Chinese-written number: units (the table's Han words) first,
#: then the classifiers of a count
_HAN_MEASURE_RE = re.compile(rf"(?P<n>{_alt([w for w in _UNIT_WORDS if has_han(w)] + list(_HAN_MEASURE_WORDS))})")
_HAN_POST_QUAL_RE = re.compile(rf"(?P<q>{_alt(_HAN_POST_QUALIFIERS)})")
#: a range's connector; the second bound may carry a plus sign ("+13 to +18", "+13...+15")
_RANGE_GAP_RE = re.compile(r"\s*(?:to|and|through|-|–|—|\.\.\.|…|a|al|y|hasta|à|et|至|到|~|～)\s*\+?", re.IGNORECASE)
#: the connector of a list of numbers whose unit is written once, after the last ("31 and 40
#: dollars", "aged 50 and 46 years", "5, 10 or 15 percent")
_LIST_GAP_RE = re.compile(r"\s*(?:,|,?\s*(?:and|or|y|o|e|et|ou|und|oder))\s*\+?", re.IGNORECASE)
_RANGE_GAP_NEEDS_START = {"and", "y", "et", "a", "al"}  # "between X and Y", "de X a Y"
#: which opening word each connector needs: "between/entre X and/y Y", "from/de/desde X to/a Y";
#: "pérdidas de 48,2 millones y una deuda" has "de" before it but is no range
_RANGE_PAIRS = {"and": ("between", "entre"), "y": ("between", "entre"), "et": ("entre",),
                "a": ("de", "desde", "from"), "al": ("de", "desde", "from")}
_DATE_CHAR_RE = re.compile(r"[月日号號时時秒]|点(?!钟)|分(?!钟|之)")
_YEARLIKE_RE = re.compile(r"(?:1[89]|2[01])\d\d")
