"""Days of the month written without a month, and times of day written in Chinese.

Chinese news dates the story once ("7月26日电") and then writes only the day ("25日下午5时": the 25th,
5 p.m.), where an English version spells out "July 25" and "5:00 p.m.". Without these, a Chinese
source named as the reference has no date or time to hold an English version's against, and a
changed day or hour goes unseen. A day alone is the ISO 8601 form "---25" (see ``date_parts``);
a time joins the day before it ("---25T17:00"), as a Latin time joins its date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from auditor.text._data import load_words

_ZH_NUM = "一二三四五六七八九十"
#: a day of the month: digits before 日/号, not part of a month-day date (those are read whole) and
#: not "日元" (yen), "日本" (Japan), "日前"/"日后"/"7日年化"/"3日游" (a count of days)
_ZH_DAY_RE = re.compile(rf"(?<![\d{_ZH_NUM}月/.-])(?P<d>[0-3]?\d)\s*[日号](?![元本前后内年游均])")
#: periods of the day: the hour is after noon for the second group
_ZH_AM = ("凌晨", "早上", "早晨", "上午", "清晨")
_ZH_PM = ("下午", "傍晚", "晚上", "晚间", "中午")
#: night words that may be before or after midnight ("夜里2点" is 2 a.m.): the hour is kept as written
_ZH_NIGHT = ("夜间", "夜里", "深夜")
_ZH_TIME_RE = re.compile(
    rf"(?P<ap>{'|'.join(_ZH_AM + _ZH_PM + _ZH_NIGHT)})?\s*"
    rf"(?<![\d{_ZH_NUM}])(?P<h>[0-2]?\d|[{_ZH_NUM}]{{1,3}})\s*(?P<u>[时時点])"
    rf"(?:\s*(?P<half>半)|\s*(?P<mi>[0-5]?\d|[{_ZH_NUM}]{{1,3}})\s*分)?(?!钟|[\d{_ZH_NUM}])"
)
#: "on the 24th", "the evening of the 25th": an English day without its month (not "the 24th floor")
_EN_DAY_RE = re.compile(
    r"(?<!\w)(?:on|of|from|since|until|by)\s+the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)(?!\w)(?=(?:\s+(?P<next>[a-z]+))?)",
    re.IGNORECASE)

#: words that may follow a day without being its noun ("said on the 26th that...")
_FUNCTION_WORDS = load_words("closed_class_words.txt")

Found = tuple[int, int, str, dict[str, Any]]


def find_days_and_times(f: str, han: bool, zh_int: Callable[[str], int | None]) -> list[Found]:
    """Day-only dates and Chinese times of day in ``f`` as (start, end, value, attrs)."""
    out: list[Found] = []
    for m in _EN_DAY_RE.finditer(f):
        day = int(m["d"])
        if m["next"] and m["next"][0].islower() and m["next"] not in _FUNCTION_WORDS:
            continue  # "on the 24th floor": an ordinal before its noun ("on the 26th that..." is a day)
        if 1 <= day <= 31:
            out.append((m.start("d"), m.end(), f"---{day:02d}", {}))
    if not han:
        return out
    for m in _ZH_DAY_RE.finditer(f):
        day = int(m["d"])
        if 1 <= day <= 31:
            out.append((m.start(), m.end(), f"---{day:02d}", {}))
    for m in _ZH_TIME_RE.finditer(f):
        h = zh_int(m["h"])
        mi = 30 if m["half"] else (zh_int(m["mi"]) if m["mi"] else 0)
        if not (m["ap"] or m["h"].isdigit() or f[max(0, m.start() - 1):m.start()] in ("日", "号")):
            continue  # "一点" (a little), "一时" (a moment), "第一时间": a Han-numeral hour needs 上午/下午 or a day
        if h is None or mi is None or not (0 <= h <= 24 and 0 <= mi <= 59):
            continue
        if m["ap"] in _ZH_PM and h < 12 and not (m["ap"] == "中午" and h >= 10):
            h += 12  # "下午5时" is 17:00; "中午11时" stays 11:00
        out.append((m.start(), m.end(), f"T{h % 24:02d}:{mi:02d}", {"time": True}))
    return out


def join_day_times(f: str, found: list[Found]) -> list[Found]:
    """A time right after a date ("26日凌晨1时", "7月26日 18时") becomes that date's time."""
    out: list[Found] = []
    for item in sorted(found, key=lambda t: t[0]):
        if out and item[2].startswith("T") and "T" not in out[-1][2] and not out[-1][3].get("relative") \
                and not f[out[-1][1]:item[0]].strip():
            s, _, v, a = out[-1]
            out[-1] = (s, item[1], v + item[2], {**a, "time": True})
        else:
            out.append(item)
    return out
