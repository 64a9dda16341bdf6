"""Relative dates ("last Thursday", "hace dos días", "上周四"): the patterns, a language-independent key
for each ("wd-1:thu", "D-2"), and the key resolved against the document date."""

from __future__ import annotations

import datetime as _dt
import re

from auditor.extract.date_words import (
    _DAY_WORDS,
    _DIR,
    _EN_NUMWORDS,
    _UNIT_KEY,
    _WD_KEYS,
    _WEEKDAYS,
    _ZH_WD,
    _ZH_WORDS,
)
from auditor.text.patterns import alternation as _alt

_F = re.IGNORECASE


_WD_ALL = _alt(k for k in _WEEKDAYS if len(k) > 3)
_REL_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<!\w)(?P<w>yesterday|today|tonight|tomorrow|ayer|anteayer|anoche|hoy|pasado mañana)(?!\w)", _F), "day"),
    (re.compile(rf"(?<!\w)(?P<dir>last|next|this|past|coming)\s+(?P<wd>{_WD_ALL})(?!\w)", _F), "wd"),
    (re.compile(rf"(?<!\w)(?:el\s+)?(?P<dir>pasado|próximo|proximo|este)\s+(?P<wd>{_WD_ALL})(?!\w)", _F), "wd"),
    (re.compile(rf"(?<!\w)(?:el\s+)?(?P<wd>{_WD_ALL})\s+(?P<dir>pasado|próximo|proximo|que viene)(?!\w)", _F), "wd"),
    (re.compile(r"(?<!\w)(?:(?P<earlier>earlier|later)\s+)?(?P<dir>last|next|this|past)\s+(?P<u>week|weekend|month|year)(?!\w)", _F), "unit"),
    (re.compile(r"(?<!\w)(?:(?:el|la|este|esta)\s+)?(?P<u>semana|mes|año)\s+(?P<dir>pasad[oa]|próxim[oa]|que viene)(?!\w)", _F), "unit"),
    (re.compile(r"(?<!\w)(?P<dir>este|esta)\s+(?P<u>semana|mes|año)(?!\w)", _F), "unit"),
    (re.compile(r"(?<!\w)(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<u>days?|weeks?|months?|years?)\s+ago(?!\w)", _F), "ago"),
    (re.compile(r"(?<!\w)hace\s+(?P<n>\d+|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)\s+(?P<u>días?|semanas?|mes(?:es)?|años?)(?!\w)", _F), "ago"),
    (re.compile(r"(?P<w>昨天|昨日|今天|今日|明天|前天|后天|去年|今年|明年|前年|上个月|上月|下个月|下月|本月|这个月|上周|本周|下周|上星期|下星期)(?![一二三四五六日天])"), "zh"),
    (re.compile(r"(?P<dir>上|下|本|这)?个?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])"), "zhwd"),
    (re.compile(rf"(?<!\w)(?:on\s+|el\s+|le\s+|am\s+)(?P<wd>{_WD_ALL})(?!\w)", _F), "wdbare"),
)


def _resolve(expr: str, ref: _dt.date) -> str:
    """Resolve a canonical relative key against the document date."""
    if expr.startswith("wd"):
        off_s, wd_s = expr[2:].split(":")
        off, wd = int(off_s), _WD_KEYS.index(wd_s)
        delta = (ref.weekday() - wd) % 7
        if off < 0:
            return (ref - _dt.timedelta(days=delta or 7)).isoformat()
        if off > 0:
            ahead = (wd - ref.weekday()) % 7
            return (ref + _dt.timedelta(days=ahead or 7)).isoformat()
        return (ref - _dt.timedelta(days=delta)).isoformat()  # bare/this: most recent, news is past tense
    unit, n = expr[0], int(expr[1:])
    if unit == "D":
        return (ref + _dt.timedelta(days=n)).isoformat()
    if unit == "W":
        y, w, _ = (ref + _dt.timedelta(weeks=n)).isocalendar()
        return f"{y:04d}-W{w:02d}"
    if unit == "M":
        m0 = ref.year * 12 + ref.month - 1 + n
        return f"{m0 // 12:04d}-{m0 % 12 + 1:02d}"
    return f"{ref.year + n:04d}"


def _rel_key(kind: str, m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if kind == "day":
        return f"D{_DAY_WORDS[g['w'].lower()]:+d}"
    if kind in ("wd", "wdbare"):
        wd = _WD_KEYS[_WEEKDAYS[g["wd"].lower()]]
        off = _DIR.get((g.get("dir") or "this").lower(), 0)
        return f"wd{off:+d}:{wd}"
    if kind == "unit":
        u = _UNIT_KEY[g["u"].lower()]
        off = _DIR.get(g["dir"].lower(), 0)
        if g.get("earlier"):
            off = 0  # "earlier this month" is this month
        return f"{u}{off:+d}"
    if kind == "ago":
        n_s = g["n"].lower()
        n = int(n_s) if n_s.isdigit() else _EN_NUMWORDS.get(n_s, 1)
        u = _UNIT_KEY[g["u"].lower().rstrip("s")] if g["u"].lower().rstrip("s") in _UNIT_KEY else _UNIT_KEY[g["u"].lower()]
        return f"{u}{-n:+d}"
    if kind == "zh":
        return _ZH_WORDS[g["w"]]
    if kind == "zhwd":
        off = _DIR.get(g.get("dir") or "本", 0)
        return f"wd{off:+d}:{_WD_KEYS[_ZH_WD[g['wd']]]}"
    return None
