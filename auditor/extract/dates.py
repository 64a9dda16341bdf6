"""Dates and times, normalised to ISO-like strings so that versions can be compared.

Values (what the drift stage compares):

* full date "2025-07-23"; year unknown "--07-23" (ISO 8601 "--MM-DD"); month of a year "2025-07";
  month alone "--07"; bare year "2027"; a time of day is appended ("2025-07-23T18:38",
  "--07-29T18:38") or stands alone ("T18:38").
* relative expressions ("last Thursday", "el jueves pasado", "上周四", "yesterday", "last year") get
  ``attrs.relative`` and ``attrs.expr`` a language-independent key ("wd-1:thu",
  "D-1", "Y-1", ...). The value is that key prefixed with "rel:" unless the document date is
  known, in which case it is resolved to ISO ("2025-07-24", "2025-06", "2024", "2025-W29").
* years: a four-digit number 1800-2199 that is not money, not a percentage and not a count
  ("2,400 companies", "2025 people") is a year. This module, not the quantity one, owns them.

Rules rather than ``dateparser.search``: on the fixture's English sentences search was ~4x slower
than these rules without their prefilters (~8x with them) and most of what it reported was noise
("55% of", "We", "may", "one's", "two hours from"); the rules are anchored on month names, day
numbers and CJK date characters, which is what news text uses. dateparser still parses free-form
document dates from metadata (:func:`parse_doc_date`). Month and weekday
names of en/es/fr/de/pt/it come from CLDR (babel) plus the abbreviations and unaccented spellings
of ``auditor/data/date_words.toml``; Chinese uses 年/月/日 and 周/星期.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

from auditor.extract.date_words import _AMBIGUOUS_NAMES, _MONTHS, _WEEKDAYS
from auditor.extract.day_times import find_days_and_times, join_day_times
from auditor.extract.relative_dates import _REL_PATTERNS, _rel_key, _resolve
from auditor.model import MentionAttrs
from auditor.text import has_han
from auditor.text import width_fold as fold
from auditor.text._data import load_words
from auditor.text.patterns import alternation as _alt

__all__ = ["FoundDate", "find_dates", "parse_doc_date", "date_parts", "dates_compatible"]


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    text: str
    value: str
    attrs: MentionAttrs = field(default_factory=MentionAttrs, compare=False)


_MON = rf"(?P<mon>{_alt(_MONTHS)})\.?"
_WD = rf"(?:(?P<wd>{_alt(k for k in _WEEKDAYS if len(k) > 3)}),?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|º|\.º|°|er|ᵉʳ)?(?!\d)"
_YEAR = r"(?P<year>(?:1[89]|2[01])\d\d)(?!\d)"

_F = re.IGNORECASE
_ISO_RE = re.compile(r"(?<![\d/.-])(?P<year>(?:1[89]|2[01])\d\d)[-/.](?P<mn>[01]?\d)[-/.](?P<day>[0-3]?\d)(?![\d/.-]\d)")
_MDY_RE = re.compile(rf"(?<!\w){_WD}{_MON}\s+(?:the\s+)?{_DAY}(?:,?\s+{_YEAR})?(?!\w)", _F)
_DMY_RE = re.compile(
    rf"(?<![\w:]){_WD}(?:the\s+|el\s+|le\s+)?{_DAY}\s+(?:of\s+|de\s+)?{_MON}(?:,?\s+(?:de(?:l)?\s+)?{_YEAR})?(?!\w)", _F
)
_MY_RE = re.compile(rf"(?<!\w){_MON},?\s+(?:de(?:l)?\s+|of\s+)?{_YEAR}", _F)
_MONTH_ALONE_RE = re.compile(
    rf"(?<!\w)(?:(?P<prep>in|since|until|till|by|from|during|early|late|of|en|desde|hasta|durante|de|a partir de)\s+"
    rf"(?:(?:early|late)\s+)?|mid-){_MON}(?!\w)", _F
)
_ZH_NUM = "〇零一二三四五六七八九十"
_ZH_DATE_RE = re.compile(
    rf"(?:(?P<year>\d{{4}}|[{_ZH_NUM}]{{4}})\s*年\s*)?(?P<mn>(?<![\d{_ZH_NUM}])\d{{1,2}}|(?<![{_ZH_NUM}])[一二三四五六七八九十]{{1,2}})\s*月"
    rf"(?:\s*(?P<day>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[日号號])?"
)
_ZH_YEAR_RE = re.compile(rf"(?<!\d)(?P<year>\d{{4}}|[{_ZH_NUM}]{{4}})\s*年(?!代)")
_YEAR_ALONE_RE = re.compile(rf"(?<![\w$€£¥.,/:-]){_YEAR}(?![\w%]|[.,]\d)")
#: an older year (1000-1799) counts only right after a preposition ("in 1696", "since 1492"); alone,
#: such a number is more often a count or a measure ("1500 km")
_NEXT_WORD_RE = re.compile(r"\s+(?P<w>[^\W\d_]+)")
_FUNCTION_WORDS = load_words("closed_class_words.txt")
_OLD_YEAR_RE = re.compile(r"(?<![\w$€£¥.,/:-])(?P<year>1[0-7]\d\d)(?![\w%]|[.,]\d)")
_TIME_RE = re.compile(
    r"(?<![\d:.])(?P<h>[01]?\d|2[0-4])(?:(?:[:：]\s?|h)(?P<mi>[0-5]\d))(?!\d)(?:\s*(?P<ap>[ap])\.?\s?m\.?(?!\w))?"
    r"|(?<![\d:.])(?P<h2>1[0-2]|0?[1-9])\s*(?:(?P<ap2>[ap])\.?\s?m\.?|o['’]clock)(?!\w)",
    _F,
)
_TIME_JOIN_RE = re.compile(r"\s*,?\s*(?:at\s+|a\s+las\s+|à\s+|um\s+)?", _F)
#: what may stand between a time and the date after it: "5:00 p.m. on July 25", "18:00 of July 6"
_TIME_BEFORE_DATE_RE = re.compile(r"\s*,?\s*(?:(?:local\s+time\s+)?(?:on|of)\s+(?:the\s+)?|del\s+|el\s+)?", _F)

# Right context after a year-like number that makes it a quantity instead ("2025 people", "2000 %").
_YEAR_NOT_RE = re.compile(
    r"\s*(?:%|percent|per cent|por ciento|million|billion|thousand|bn\b|mn\b|millones|mil\b|yuan|dollars"
    r"|euros|元|万|亿)", re.IGNORECASE,
)
# A lower-case plural (or a count noun) right after the number: "2025 companies", "2000 people".
_COUNT_NOUN_RE = re.compile(r"\s+(?P<w>[a-z]{3,}s|people|persons|men|women|children|staff|personas|gente)\b")
_NOT_PLURAL = frozenset({"was", "has", "is", "this", "its", "as", "plus", "versus", "thus", "less", "does",
                         "says", "sees", "sets", "marks", "saw", "seems", "remains", "brings", "gets"})
_YEAR_PREP_RE = re.compile(
    r"(?:in|by|since|from|until|till|to|through|of|during|before|after|year|early|late|mid|end|"
    r"en|desde|hasta|para|del|de|el|año|dans|depuis|en|im|seit|bis)\s+$", re.IGNORECASE,
)

_DIGIT_RE = re.compile(r"\d")
_HAS_MONTH_RE = re.compile(rf"(?<![^\W\d_])(?:{_alt(_MONTHS)})(?![^\W\d_])", _F)
_HAS_REL_RE = re.compile(
    rf"(?<![^\W\d_])(?:{_alt(_WEEKDAYS)}|yesterday|today|tonight|tomorrow|ayer|anteayer|anoche|hoy|"
    r"pasado|pasada|ago|hace|last|next|this|past|este|esta|semana|mes|año)(?![^\W\d_])",
    _F,
)


def _zh_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in "〇零一二三四五六七八九" for c in s):
        return int("".join(str("〇一二三四五六七八九".index(c)) if c != "零" else "0" for c in s))
    import cn2an  # imported here: ~0.15 s at import, only needed for numerals in Chinese

    try:
        return int(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    """ISO-like string, or None when the components do not make a real date."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        if month is None:
            return None
        ylen = year if year is not None else 2000  # leap year: Feb 29 without a year is valid
        if not 1 <= day <= calendar.monthrange(ylen, month)[1]:
            return None
    if year is None:
        return f"--{month:02d}-{day:02d}" if day is not None else f"--{month:02d}"
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if day is not None else f"{year:04d}-{month:02d}"


def parse_doc_date(value: Any) -> _dt.date | None:
    """A document's date from metadata: date/datetime objects, ISO strings, or anything dateparser reads."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    s = str(value).strip()
    if not s:
        return None
    try:
        return _dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        import dateparser  # slow import; only reached for non-ISO metadata

        parsed = dateparser.parse(s, settings={"PREFER_DAY_OF_MONTH": "first"})
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on junk; junk means "unknown"
        return None
    return parsed.date() if parsed else None


def find_dates(text: str, lang: str | None = None, *, doc_date: _dt.date | None = None) -> list[FoundDate]:
    """Every date, time and relative date expression in ``text`` (offsets into ``text``)."""
    f = fold(text)
    found: list[tuple[int, int, str, dict[str, Any]]] = []

    def add(s: int, e: int, value: str | None, attrs: dict[str, Any] | None = None) -> None:
        if value is not None:
            found.append((s, e, value, attrs or {}))

    # Cheap prefilters: most sentences have no month name, no Han text or no relative keyword, and
    # the big case-insensitive alternations are where this module spends its time (~4x faster overall).
    digits = _DIGIT_RE.search(f) is not None
    months = _HAS_MONTH_RE.search(f) is not None
    han = has_han(f)
    rel = _HAS_REL_RE.search(f) is not None
    if digits:
        for m in _ISO_RE.finditer(f):
            add(m.start(), m.end(), _iso(int(m["year"]), int(m["mn"]), int(m["day"])))
    for rx in (_MDY_RE, _DMY_RE) if months and digits else ():
        for m in rx.finditer(f):
            name = m["mon"]
            if not _month_ok(name, lang, has_day=True):
                continue
            y = int(m["year"]) if m["year"] else None
            add(m.start(), m.end(), _iso(y, _MONTHS[name.lower()], int(m["day"])))
    for m in _MY_RE.finditer(f) if months and digits else ():
        if _month_ok(m["mon"], lang, has_day=True):
            add(m.start(), m.end(), _iso(int(m["year"]), _MONTHS[m["mon"].lower()], None))
    for m in _MONTH_ALONE_RE.finditer(f) if months else ():
        name = m["mon"]
        if _month_ok(name, lang, has_day=False):
            add(m.start("mon"), m.end(), _iso(None, _MONTHS[name.lower()], None))
    for m in _ZH_DATE_RE.finditer(f) if han else ():
        y = _zh_int(m["year"]) if m["year"] else None
        mn = _zh_int(m["mn"])
        d = _zh_int(m["day"]) if m["day"] else None
        if mn is None or (m["day"] and d is None):
            continue
        add(m.start(), m.end(), _iso(y, mn, d))
    for m in _ZH_YEAR_RE.finditer(f) if han else ():
        y = _zh_int(m["year"])
        if y is not None and 1000 <= y <= 2999:
            add(m.start(), m.end(), f"{y:04d}")
    for item in find_days_and_times(f, han, _zh_int) if digits or han else ():
        add(*item)
    for m in _YEAR_ALONE_RE.finditer(f) if digits else ():
        if _year_context_ok(f, m.start(), m.end()):
            add(m.start(), m.end(), m["year"])
    for m in _OLD_YEAR_RE.finditer(f) if digits else ():
        after = _NEXT_WORD_RE.match(f, m.end())
        if _YEAR_PREP_RE.search(f[max(0, m.start() - 16):m.start()]) and not (
                after and after["w"].lower() not in _FUNCTION_WORDS):
            add(m.start(), m.end(), m["year"])  # "in 1696, ..." (not "in 1500 cases", "of 1500 km")
    for kind_rx, kind in _REL_PATTERNS:
        if not (han if kind.startswith("zh") else rel):
            continue
        for m in kind_rx.finditer(f):
            if kind in ("wdbare",) and not _capitalised_or_not_en(m["wd"], lang):
                continue
            key = _rel_key(kind, m)
            if key is None:
                continue
            s = m.start("wd") if kind == "wdbare" else m.start()
            attrs: dict[str, Any] = {"relative": True, "expr": key}
            value = _resolve(key, doc_date) if doc_date else f"rel:{key}"
            add(s, m.end(), value, attrs)
    chosen = join_day_times(f, _non_overlapping(found))
    if digits:
        chosen = _attach_times(f, chosen)
    return [FoundDate(s, e, text[s:e], v, MentionAttrs.of(a)) for s, e, v, a in chosen]


def _month_ok(name: str, lang: str | None, *, has_day: bool) -> bool:
    """English month names are capitalised; "may"/"mar"/"sun"... never count lower-case or alone."""
    low = name.lower()
    if low in _AMBIGUOUS_NAMES and (not name[0].isupper() or not has_day):
        return False
    if (lang or "").startswith("en") and not name[0].isupper():
        return False
    return True


def _capitalised_or_not_en(word: str, lang: str | None) -> bool:
    return word[0].isupper() or not (lang or "en").startswith("en")


def _year_context_ok(f: str, s: int, e: int) -> bool:
    """A bare 1800-2199 number is a year unless it reads as a count, money or percentage."""
    before = f[max(0, s - 16):s]
    # a scale, currency or percent sign after the number wins over a preposition before it:
    # "una deuda de 2100 millones" is money even after "de" (years never take "millones")
    if _YEAR_NOT_RE.match(f, e):
        return False
    if _YEAR_PREP_RE.search(before):
        return True
    if re.search(r"[$€£¥]\s?$", before):
        return False
    noun = _COUNT_NOUN_RE.match(f, e)
    return noun is None or noun["w"] in _NOT_PLURAL


def _non_overlapping(found: list[tuple[int, int, str, dict[str, Any]]]) -> list[tuple[int, int, str, dict[str, Any]]]:
    """Longest match wins; ties go to the earlier start; output in text order."""
    out: list[tuple[int, int, str, dict[str, Any]]] = []
    for item in sorted(found, key=lambda t: (-(t[1] - t[0]), t[0])):
        if all(item[1] <= o[0] or item[0] >= o[1] for o in out):
            out.append(item)
    return sorted(out, key=lambda t: t[0])


def _attach_times(f: str, dates: list[tuple[int, int, str, dict[str, Any]]]) -> list[tuple[int, int, str, dict[str, Any]]]:
    """Append an adjacent time of day to a date ("07月29日 18:38"); keep lone times as "Thh:mm"."""
    out = list(dates)
    for m in _TIME_RE.finditer(f):
        if any(not (m.end() <= s or m.start() >= e) for s, e, _, _ in out):
            continue
        h = int(m["h"] or m["h2"])
        mi = int(m["mi"] or 0)
        ap = (m["ap"] or m["ap2"] or "").lower()
        if ap == "p" and h < 12:
            h += 12
        elif ap == "a" and h == 12:
            h = 0
        if not ap and not m["mi"] and "clock" not in m.group(0):
            continue
        t = f"T{h % 24:02d}:{mi:02d}"  # "24:00", the end of a day, is the next day's 00:00
        joined = False
        for i, (s, e, v, a) in enumerate(out):
            if "T" in v or a.get("relative"):
                continue
            if e <= m.start() and _TIME_JOIN_RE.fullmatch(f[e:m.start()]):
                out[i] = (s, m.end(), v + t, {**a, "time": True})
                joined = True
                break
            if m.end() <= s and _TIME_BEFORE_DATE_RE.fullmatch(f[m.end():s]):
                out[i] = (m.start(), e, v + t, {**a, "time": True})  # "at 5:00 p.m. on July 25th"
                joined = True
                break
        if not joined and (not m["mi"] or ":" in m.group(0) or "：" in m.group(0) or ap or "clock" in m.group(0)):
            out.append((m.start(), m.end(), t, {"time": True}))
    return sorted(out, key=lambda t: t[0])


_DAY_ONLY_RE = re.compile(r"^---(?P<d>\d{2})(?:T(?P<t>\d{2}:\d{2}))?$")
_PARTS_RE = re.compile(r"^(?:(?P<y>\d{4})|--)?(?:-?(?P<m>\d{2}))?(?:-(?P<d>\d{2}))?(?:T(?P<t>\d{2}:\d{2}))?$")


def date_parts(v: Any) -> tuple[str | None, str | None, str | None, str | None] | None:
    """(year, month, day, time) of a date value, None where the value does not say.

    ("2025", "07", "23", None) from "2025-07-23"; (None, "07", "23", None) from "--07-23";
    ("2027", None, None, None) from a bare year. None for relative keys ("rel:..."), non-strings,
    unparsed values and values that say nothing at all ("", "--"), so that an empty value never
    "agrees" with every date. Surrounding whitespace is ignored.
    """
    if not isinstance(v, str) or v.startswith("rel:"):
        return None
    day = _DAY_ONLY_RE.match(v.strip())
    if day:  # "---25": the 25th of a month the text does not name (ISO 8601)
        return None, None, day["d"], day["t"]
    m = _PARTS_RE.match(v.strip())
    if not m or not any(m.groupdict().values()):
        return None
    return m.group("y"), m.group("m"), m.group("d"), m.group("t")


def dates_compatible(a: str, b: str) -> bool:
    """Do two date values agree wherever both say something?

    "--07-23" and "2025-07-23" agree (the year is only missing on one side); "2025-07-23" and
    "2025-07-24" do not; "2025-07" and "2025-07-23" agree (one is less precise). Relative keys
    ("rel:...") only agree with the identical key; a value :func:`date_parts` cannot read only
    agrees with itself.
    """
    if a == b:
        return True
    pa, pb = date_parts(a), date_parts(b)
    if pa is None or pb is None:
        return False
    return not any(x is not None and y is not None and x != y for x, y in zip(pa, pb))
