"""Direct quotations and who said them.

A quote is the text INSIDE a pair of marks: “…”, "…", «…», 「…」, 『…』, „…“ and ‘…’ (single marks are
nested quotes or scare quotes). Marks are classified as opening or closing from their neighbours
(space or punctuation on one side, a letter on the other), not from the character alone, because
machine-translated text often uses ” to open and ’ is also the apostrophe. Pairs are matched with a
stack per family; a quote whose other mark is in a neighbouring sentence is clipped to this
sentence and flagged ``partial``.

Attribution looks on both sides of the quote for a reporting verb with a subject: "X said",
"said X", "X, a/the <role>, noted that", "according to X", Spanish "dijo/afirmó/según", Chinese
"表示/说/称/指出". The speaker is the surface name; pronouns ("he said") give no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import regex

from auditor.model import MentionAttrs
from auditor.text import HAN, has_han, nfkc_casefold
from auditor.text._data import load_toml
from auditor.text.patterns import alternation

__all__ = ["FoundQuote", "find_quotes", "quote_key"]


@dataclass(frozen=True)
class FoundQuote:
    start: int  # first char inside the marks
    end: int    # one past the last char inside the marks
    text: str
    value: str
    attrs: MentionAttrs = field(default_factory=MentionAttrs, compare=False)


_FAMILY = {
    "“": "d", "”": "d", '"': "d", "„": "d", "‟": "d", "«": "g", "»": "g", "‹": "sg", "›": "sg",
    "「": "c", "」": "c", "『": "w", "』": "w", "‘": "s", "’": "s", "'": "s", "＂": "d",
}
_OPEN_ONLY = set("«‹「『„")
_CLOSE_ONLY = set("»›」』")
_OPEN_CTX = set("([{<-–—:;,/\u3000　、，：") | set(_FAMILY)
_CLOSE_CTX = set(".,;:!?)]}>-–—…。，、；：！？") | set(_FAMILY)
# Families whose unmatched mark still makes a (partial) quote. Singles are too often apostrophes.
_PARTIAL_FAMILIES = {"d", "g", "c", "w"}


def _classify(text: str, i: int, stack: list[tuple[str, int, str]]) -> str | None:
    """'open', 'close' or None for the quote mark at ``text[i]``."""
    ch = text[i]
    fam = _FAMILY[ch]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    open_ctx = prev.isspace() or prev in _OPEN_CTX
    close_ctx = nxt.isspace() or nxt in _CLOSE_CTX
    has_open = any(f == fam for f, _, _ in stack)
    if ch in _OPEN_ONLY:
        return "open"
    if ch in _CLOSE_ONLY:
        return "close"
    if fam == "s":
        if prev.isalnum() and nxt.isalnum():
            return None  # apostrophe inside a word: don't, Shanghai’s
        if ch in "‘'" and open_ctx and not nxt.isspace() and not (has_open and close_ctx and ch == "'"):
            return "open"
        if ch in "’'" and has_open and close_ctx and not prev.isspace():
            return "close"
        return None
    # double family
    if ch == "“":
        if any(c == "„" for f, _, c in stack if f == "d"):
            return "close"  # German „…“
        return "open" if not nxt.isspace() else ("close" if has_open else None)
    if ch == "”":
        if has_open:
            return "close"
        if open_ctx and (nxt.isalnum() or has_han(nxt)):
            return "open"  # MT text opening with ”
        return "close"
    # ASCII " and ＂
    if has_open and (close_ctx or not open_ctx) and not prev.isspace():
        return "close"
    if open_ctx and not nxt.isspace():
        return "open"
    if has_open:
        return "close"
    if nxt.isspace() and open_ctx and ch in text[i + 1:]:
        return "open"  # machine-translation spacing: 'said: " In the early stage ... "'
    return "open" if not nxt.isspace() else None


def find_quotes(text: str, lang: str | None = None) -> list[FoundQuote]:
    """Quotes in one sentence (offsets into ``text``), outer quotes before the ones nested in them."""
    stack: list[tuple[str, int, str]] = []
    spans: list[tuple[int, int, dict[str, Any]]] = []
    for i, ch in enumerate(text):
        if ch not in _FAMILY:
            continue
        role = _classify(text, i, stack)
        if role == "open":
            stack.append((_FAMILY[ch], i, ch))
        elif role == "close":
            fam = _FAMILY[ch]
            idx = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == fam), None)
            if idx is None:
                if fam in _PARTIAL_FAMILIES and not any(s[0] == 0 for s in spans):
                    spans.append((0, i, {"partial": True, "open_missing": True}))
                continue
            _, start, _ = stack[idx]
            del stack[idx:]  # anything opened inside and never closed is dropped
            spans.append((start + 1, i, {"nested": bool(stack)}))
    for fam, start, _ in stack[:1]:
        if fam in _PARTIAL_FAMILIES:
            spans.append((start + 1, len(text), {"partial": True, "close_missing": True}))
    out: list[FoundQuote] = []
    for s, e, attrs in sorted(spans, key=lambda t: (t[0], -t[1])):
        # trim whitespace inside the marks so the span is the words themselves
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        inner = text[s:e]
        if not any(c.isalnum() for c in inner):
            continue
        a = {k: v for k, v in attrs.items() if v}
        a["short"] = _is_short(inner)
        a["speaker"] = None if a.get("nested") else _speaker(text, s, e)
        out.append(FoundQuote(s, e, inner, quote_key(inner), MentionAttrs.of(a)))
    return out


def _is_short(inner: str) -> bool:
    """Scare quotes: 1-3 words (or up to 6 CJK characters, about three words' worth)."""
    if has_han(inner):
        return sum(1 for c in inner if not c.isspace()) <= 6
    return len(inner.split()) <= 3


_QUOTE_CHARS_RE = re.compile(r"[\"“”„‟«»‹›「」『』‘’']")
_SPACES_RE = re.compile(r"\s+")
_EDGE_PUNCT = " \t\n,.;:!?。，；：！？…-–—"


def quote_key(inner: str) -> str:
    """Comparable form of a quote: NFKC, casefolded, inner marks removed, edge punctuation stripped
    (US style puts the comma of the attribution inside the marks), spaces collapsed."""
    t = nfkc_casefold(inner)
    t = _QUOTE_CHARS_RE.sub("", t)
    t = _SPACES_RE.sub(" ", t)
    return t.strip(_EDGE_PUNCT)


# ---------------------------------------------------------------------------------------------
# Attribution

_SPEECH = load_toml("speech_verbs.toml")
_VERBS_EN: list[str] = _SPEECH["verbs_en"]
_VERBS_ES: list[str] = _SPEECH["verbs_es"]
_VERB_ALT = alternation(_VERBS_EN + _VERBS_ES)
_ACCORDING = r"according to|según|segun|selon|laut|citing|quoting"
_ZH_VERBS = "|".join(_SPEECH["verbs_zh"])

_NAME = r"[A-ZÁÉÍÓÚÑÜ][\w’'.-]*(?:\s+(?:(?:de|del|la|van|von|bin|al|da|di|le)\s+)?[A-ZÁÉÍÓÚÑÜ][\w’'.-]*){0,3}"
_NP = r"(?:(?:the|a|an|el|la|los|las|un|una)\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){0,4}?"
_PRONOUNS = frozenset(_SPEECH["subject_pronouns"])
_F = re.IGNORECASE

_AFTER_SUBJ_VERB_RE = re.compile(rf"^[\s,.;:!?—–-]*(?P<s>{_NP})\s+(?:(?:also|then|later|previously)\s+)?(?P<v>{_VERB_ALT})(?!\w)")
_AFTER_VERB_SUBJ_RE = re.compile(rf"^[\s,.;:!?—–-]*(?P<v>{_VERB_ALT})\s+(?P<s>{_NAME}|(?:{_NP})(?=[,.;]))")
_AFTER_ACCORDING_RE = re.compile(rf"^[\s,.;:!?—–-]*(?:{_ACCORDING})\s+(?P<s>{_NAME}|{_NP})", _F)
_BEFORE_RE = re.compile(
    rf"(?P<s>{_NAME})\s*(?:,\s*(?:who|a|an|the|quien|que|el|la|un|una|one|its|his|her)\b[^“”\"«»]{{0,160}}?,)?"
    rf"\s*(?:\w+ly\s+)?(?:(?:also|has|had|have)\s+)?(?P<v>{_VERB_ALT}|described|describes|called|calls|pointed out|points out)(?!\w)"
    rf"[^.!?“”\"«»]{{0,60}}$"
)
_BEFORE_ACCORDING_RE = re.compile(rf"(?:{_ACCORDING})\s+(?P<s>{_NAME}|{_NP})\s*[,:]\s*$", _F)
_ZH_BEFORE_RE = regex.compile(rf"(?:据)?(?P<s>[{HAN}·]{{2,12}}?)(?:{_ZH_VERBS})[：:，,]?\s*$")
_ZH_AFTER_RE = regex.compile(rf"^[，,。]?\s*(?P<s>[{HAN}·]{{2,8}}?)(?:{_ZH_VERBS})")
_ZH_TITLE_TAIL = re.compile(r"^.*(?:分析师|经济学家|专家|教授|主席|总理|总统|部长|发言人|研究员|董事长|总裁|首席执行官|主任|院长|市长)")
_DETERMINER_RE = re.compile(r"^(?:the|a|an|el|la|los|las|un|una)\s+", _F)


def _speaker(text: str, s: int, e: int) -> str | None:
    """The attributed speaker of the quote at text[s:e] (inner span), or None."""
    # Step past the closing mark (and the opening one on the left).
    after = text[e + 1:] if e < len(text) else ""
    before = text[:max(0, s - 1)]
    for rx in (_AFTER_SUBJ_VERB_RE, _AFTER_VERB_SUBJ_RE, _AFTER_ACCORDING_RE):
        m = rx.match(after)
        if m:
            sp = _clean_speaker(m.group("s"))
            if sp is not None:
                return sp
            if rx is _AFTER_SUBJ_VERB_RE:
                return None  # "…,” he said": attributed, but to a pronoun
    m = _ZH_AFTER_RE.match(after)
    if m:
        return _clean_zh(m.group("s"))
    m = _BEFORE_RE.search(before)
    if m:
        sp = _clean_speaker(m.group("s"))
        if sp:
            return sp
    m = _BEFORE_ACCORDING_RE.search(before)
    if m:
        return _clean_speaker(m.group("s"))
    m = _ZH_BEFORE_RE.search(before)
    if m:
        return _clean_zh(m.group("s"))
    return None


def _clean_speaker(s: str) -> str | None:
    s = s.strip(" ,.;:")
    s = re.sub(r"['’]s$", "", s)
    if not s or s.lower() in _PRONOUNS:
        return None
    s = _DETERMINER_RE.sub("", s)
    words = s.split()
    if words and words[0][:1].islower() and any(w[:1].isupper() for w in words):
        # "el ministro Carlos Pérez" -> "Carlos Pérez": the lower-case lead is a role, not the name
        while words and words[0][:1].islower():
            words.pop(0)
        s = " ".join(words)
    if not any(c.isupper() for c in s) and len(s.split()) > 3:
        return None  # a long lower-case phrase is not someone's name
    return s or None


def _clean_zh(s: str) -> str | None:
    s = _ZH_TITLE_TAIL.sub("", s)  # "经济学家潘和林" -> "潘和林"
    if not s or s in _PRONOUNS:
        return None
    return s[-4:] if len(s) > 4 else s
