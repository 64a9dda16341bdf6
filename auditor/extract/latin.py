"""The rule engine for Latin-script text: capitalised-token spans, cleaned and classified by general cues
(org heads, the gazetteer, person cues and shapes, product shapes), and titles/roles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pysbd.lang.english import English

from auditor.extract.date_words import _WEEKDAYS
from auditor.extract.entity_words import (
    _ACRONYM_RE,
    _CLOSED,
    _COMPOUND_HEADS,
    _CONNECTORS,
    _CORP_SUFFIX,
    _DEMONYM_RE,
    _EN_TITLES_ES_WORDS,
    _HYPHEN_SUFFIX_RE,
    _MODEL_RE,
    _ORG_HEADS,
    _ORG_HEADS_FIRST,
    _ORG_MEMBER_CUES,
    _PRODUCT_CUES,
    _TITLE_HAN_RE,
    _TITLE_LATIN_RE,
    _TITLES,
    _TOKEN_RE,
    _UPPER_START,
    _zipf,
    division_head,
)
from auditor.extract.gazetteer import _gazetteer, major_places
from auditor.extract.name_shapes import is_pinyin_name
from auditor.text._data import load_toml
from auditor.text.hyphens import dash_pieces
from auditor.text.patterns import alternation as _alt
from auditor.text.titlecase import is_title_case


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str          # without a possessive 's
    possessive: bool
    cap: bool


def _compound_head(suffix: str) -> bool:
    last = suffix.rsplit("-", 1)[-1]
    return last.endswith("ed") or last in _COMPOUND_HEADS


#: sentences whose tokens are remembered: a document's capitalised words and its entities both read
#: every sentence's tokens, one after the other (callers never change them: a tuple of the same tokens)
@lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[_Tok, ...]:
    out: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group(0)
        if "-" not in word:  # one piece, the whole word (``dash_pieces``' own answer)
            out.append(_token(word, m.start()))
            continue
        for s, e in dash_pieces(word):
            out.append(_token(word[s:e], m.start() + s))
    return tuple(out)


def _token(t: str, start: int) -> _Tok:
    """One word (a dash-hyphen already cut, see ``auditor.text.hyphens``) with its start offset."""
    poss = False
    e = start + len(t)
    if "-" in t:
        hy = _HYPHEN_SUFFIX_RE.match(t)
        if t.lower().endswith("-based") and len(t) > 6:
            t, e = t[:-6], e - 6
        elif hy and _compound_head(hy.group(2)):
            t, e = hy.group(1), start + len(hy.group(1))  # "Asia-focused" -> "Asia"
    elif t[-1] in "'’sS" and len(t) > 1:
        if len(t) > 2 and t[-2] in "'’" and t[-1] in "sS":
            t, e, poss = t[:-2], e - 2, True
        elif t[-1] in "'’":
            t, e, poss = t[:-1], e - 1, True
    c = t[0]
    cap = (c.isupper() and _UPPER_START.match(c) is not None) or (
        not t.isalpha() and any(ch.isdigit() for ch in t) and _MODEL_RE.match(t) is not None
    )
    return _Tok(start, e, t, poss, cap)


def _is_titlecase_line(toks: Sequence[_Tok]) -> bool:
    """Headlines capitalise every content word; their spans say nothing about names."""
    return is_title_case([t.text for t in toks])


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


def _cap_spans(text: str, toks: Sequence[_Tok], known: frozenset[str], titlecase: bool) -> list[_Span]:
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
        contiguous = i > 0 and "\n" not in gap and not toks[i - 1].possessive and (
            gap.strip() == "" or (gap.strip() == "." and toks[i - 1].text.lower() in _PLACE_OPENERS))
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
    or a rare word that is not an inflected verb (zipf < 3: "Xiaoqun", "Varka"; not "Future")."""
    if _MODEL_RE.match(tok):
        return True
    low = tok.lower()
    return _zipf()(low) < 3.0 and not low.endswith(("ing", "ed", "ly"))


def _connector_ok(cur: list[_Tok], pending: list[_Tok], nxt: _Tok, ahead: Sequence[_Tok]) -> bool:
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
#: words that qualify a place's name ("Upper Austria"); see entity_words.toml
_GEO_QUALIFIERS = frozenset(load_toml("entity_words.toml")["geo_qualifiers"])
#: abbreviations that open a place's name ("St. Petersburg", "Mt. Everest", "Ft. Worth"), from pySBD's
#: list of abbreviations written before a name: the period after them neither ends the name nor starts
#: a sentence (titles such as "Gen." and "Dr." are peeled off as titles instead)
_PLACE_OPENERS = frozenset({"st", "mt", "ft"}) & frozenset(English.Abbreviation.PREPOSITIVE_ABBREVIATIONS)
#: first words that make a run a place ("Mt. Everest", "Fort Worth")
_PLACE_FIRST_WORDS = _PLACE_OPENERS | {"mount", "fort"}
#: an opening quote mark right before a word: quoted speech starts with a capital ('"Looking dignified"')
_QUOTE_OPEN_RE = re.compile(r"(?:^|[\s:(\[—–-])[\"“‘«]$")


#: a sentence-initial word this common (Zipf; "enter" 4.8, "visit" 4.9) that the document never
#: capitalises mid-sentence is an ordinary word when a place name follows it; given names before a
#: place are rare ("Jack London"), and a span the gazetteer knows whole ("New York") is kept
_COMMON_BEFORE_PLACE_ZIPF = 4.0


#: ... and is a verb: its "-ed" or "-ing" form is at least this common ("entered" 4.7, "visiting"
#: 4.5), which a given name's is not ("Michael", "Maria", "Carlos": 0; "Jack" 3.3): "Michael Jordan",
#: "Carlos Santiago" keep their given names and are not read as the places "Jordan", "Santiago";
#: or a participle ("Acting Khabarovsk Krai Governor ..."), or an adjective
#: whose "-ly" adverb is this common ("Former Moscow Mayor ..." / "formerly" 4.2, "Local Lyon
#: officials" / "locally" 4.1): a title or an office follows, and the place stands alone
_VERB_FORM_ZIPF = 3.5


def _verb_before_place(toks: list[_Tok], known: frozenset[str], zipf: Any, text: str) -> bool:
    """Is the first token an ordinary word (a verb, a participle, an adjective) opening the sentence
    right before a place name? Not when the run speaks ("Frank Jordan said"): that is a person."""
    first, rest = toks[0], " ".join(t.text for t in toks[1:])
    low = first.text.lower()
    if first.text in known or zipf(low) < _COMMON_BEFORE_PLACE_ZIPF:
        return False
    stem = low[:-1] if low.endswith("e") else low
    verb = max(zipf(form) for form in {low + "ed", stem + "ed", stem + "ing"}) >= _VERB_FORM_ZIPF
    adjective = low.endswith(("ing", "ed")) or zipf(_adverb(low)) >= _VERB_FORM_ZIPF
    speaks = _SPEAKER_AFTER_RE.match(text, toks[-1].end) is not None
    if not (verb or (adjective and not speaks)):
        return False  # a given name
    gaz = _gazetteer()
    place = rest in gaz or (len(toks) > 2 and division_head(toks[-1].text))  # "Khabarovsk Krai"
    return place and " ".join(t.text for t in toks) not in gaz


def _adverb(adjective: str) -> str:
    """The "-ly" adverb of an adjective ("former" -> "formerly", "easy" -> "easily", "able" -> "ably")."""
    if adjective.endswith("y"):
        return adjective[:-1] + "ily"
    if adjective.endswith("le"):
        return adjective[:-1] + "y"
    return adjective + "ly"


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
            or _QUOTE_OPEN_RE.search(text, 0, first.start) is not None
        )
        if at_start and len(toks) > 1 and low not in _CLOSED:
            if _verb_before_place(toks, known, zipf, text):
                toks.pop(0)  # "Enter Lima with ...", "Visit Oslo": a common word before a place
                continue
            break  # "New York Times", "Ana Ruiz": the opening word belongs to the name
        if low in _CLOSED and not (first.text.isupper() and len(first.text) > 1 and low not in ("a", "i")):
            toks.pop(0)
            continue
        # 3.0 zipf ~ a word seen once per million: common enough that a capital at the start of a
        # sentence says nothing; rarer words ("Tarragona" 2.2) are kept as likely names.
        if at_start and first.text not in known and not _MODEL_RE.match(first.text) and first.text not in major_places() and (
            zipf(low) >= 3.0 or low.endswith(("ing", "ed", "ly"))
        ):
            toks.pop(0)
            continue
        break
    while toks and toks[-1].text.lower() in _CONNECTORS:
        toks.pop()
    return _Span(toks) if toks else None


def _ies_singular(word: str) -> str:
    """"authorities" -> "authority": a plural head ("Market Supervisory Authorities") still names a
    body. Only the -ies plural: a plain -s would make a surname such as "Banks" an organisation."""
    return word[:-3] + "y" if word.endswith("ies") and len(word) > 4 else word


def _classify(span: _Span, text: str, lang: str) -> tuple[str, dict[str, Any]]:
    words = span.words()
    lows = [w.lower() for w in words]
    attrs: dict[str, Any] = {}
    surface = text[span.start:span.end]
    zipf = _zipf()
    if any(w in _ORG_HEADS or _ies_singular(w) in _ORG_HEADS for w in lows[1:]) or lows[-1] in _CORP_SUFFIX or (
        lows[0] in _ORG_HEADS and len(words) > 1 and lows[1] in ("of", "for", "de", "del")
    ) or (lows[0] in _ORG_HEADS_FIRST and len(words) > 1):
        return "org", attrs
    if any(_MODEL_RE.match(w) for w in words):
        return "product", attrs
    if len(words) == 1 and lows[0] in _WEEKDAYS:
        return "", attrs  # "said Saturday": a day, read by the date extractor, not a person
    gid = _gazetteer().get(surface)
    if gid is not None:
        if len(words) == 1 and surface not in major_places() and _SPEAKER_AFTER_RE.match(text, span.end):
            return "person", attrs  # "Lopez said", "Darwin, who": a surname, though a town has it
        attrs["geonameid"] = gid
        return "place", attrs
    if len(words) > 1 and lows[0] in _PLACE_FIRST_WORDS:
        return "place", attrs  # "Mt. Everest", "Fort Worth"
    if len(words) > 1 and division_head(words[-1]):
        return "place", attrs  # "Belgorod Oblast", "Jiangxi Province": not a person named "Oblast"
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
    if len(words) >= 2 and all(w.isalpha() for w in words) and is_pinyin_name(" ".join(words)):
        return "person", attrs  # "Chen Guangming": a surname and a given name, though "Guangming" is a place
    last_gid = _gazetteer().get(words[-1])
    if last_gid is not None and all(w in _GEO_QUALIFIERS for w in lows[:-1]):
        return "place", {"geonameid": last_gid} if len(words) == 1 else {}  # "Upper Austria"
    if len(words) >= 2 and _person_shape(words):
        return "person", attrs
    return "misc", attrs


#: what only a person does right after their name: speak, or be "who"
_SPEAKER_AFTER = (r"\s*,\s*(?:who|quien)\b|\s+(?:said|says|told|noted|added|argued|concluded|explained|stressed|"
                  r"warned|wrote|described|believes|dijo|afirmó|declaró|explicó|señaló|añadió)\b")
_PERSON_AFTER_RE = re.compile(
    rf"^(?:{_SPEAKER_AFTER}"
    rf"|\s*,\s*(?:(?:a|an|the|former|its|his|her|un|una|el|la|then)\s+)?(?:[\w’'-]+\s+){{0,4}}?(?:{_alt(w for w in _TITLES if w.isascii())})\b)",
    re.IGNORECASE,
)
#: a place's name followed by this is a person's (not the looser apposition of ``_PERSON_AFTER_RE``:
#: "Jiaxing, a bronze sculpture of Chairman Mao" is the place)
_SPEAKER_AFTER_RE = re.compile(_SPEAKER_AFTER, re.IGNORECASE)
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
