"""The date vocabulary: month and weekday names from CLDR (babel) plus ``auditor/data/date_words.toml``
(abbreviations, unaccented spellings, relative-date words), and the shared number words; loaded once."""

from __future__ import annotations

from auditor.text._data import load_toml

#: CLDR locales whose month and weekday names are read (babel); other spellings in date_words.toml
NAME_LOCALES = ("en", "es", "fr", "de", "pt", "it")
_DATE_WORDS = load_toml("date_words.toml")


def _cldr_names(kind: str) -> dict[str, int]:
    """Wide month (1-12) or weekday (Monday = 0) names of ``NAME_LOCALES``, lower-cased. Portuguese
    weekdays are written without "-feira" in news ("na segunda"), so that is the form kept."""
    from babel.dates import get_day_names, get_month_names

    get = get_month_names if kind == "months" else get_day_names
    out: dict[str, int] = {}
    for loc in NAME_LOCALES:
        for context in ("format", "stand-alone"):
            for number, name in get("wide", context, loc).items():
                out.setdefault(name.lower().removesuffix("-feira"), number)
    return out


def _names(kind: str, variants: str) -> dict[str, int]:
    out = _cldr_names(kind)
    for number, words in _DATE_WORDS[variants].items():
        for word in words:
            out.setdefault(word, int(number))
    return out


_MONTHS: dict[str, int] = _names("months", "month_variants")
_WEEKDAYS: dict[str, int] = _names("weekdays", "weekday_variants")  # Monday = 0
_WD_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ZH_WD: dict[str, int] = _DATE_WORDS["zh_weekdays"]
# Abbreviations that are also ordinary English words only count with a capital and a day number.
_AMBIGUOUS_NAMES = frozenset({"mar", "may", "jun", "sat", "sun", "wed", "mon", "fri", "dec", "aug"})



#: number words of "three weeks ago" / "hace dos días" (the regexes say which), "a"/"an" as one
_EN_NUMWORDS: dict[str, int] = {"a": 1, "an": 1, **load_toml("number_words.toml")["words"]}
_UNIT_KEY: dict[str, str] = _DATE_WORDS["units"]
_DAY_WORDS: dict[str, int] = _DATE_WORDS["day_words"]
_ZH_WORDS: dict[str, str] = _DATE_WORDS["zh_words"]
_DIR: dict[str, int] = _DATE_WORDS["directions"]
